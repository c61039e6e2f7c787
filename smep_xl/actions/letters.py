"""Generate letters (the ribbon's third button): one Word letter per visit due one, logged.

Reads the tables, plans the letters (domain/letters/plan.py), checks the template before anything
is written, writes each letter through a LetterWriter (the .docx engine is an adapter, handed
in by whoever calls: the CLI or the ribbon), then appends to the Letter Log and fills the
Visits Letter and Schools Last Letter columns. A dry run writes nothing at all.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

import pandas as pd

from smep_xl import layout as L
from smep_xl.actions.letters_result import LettersResult
from smep_xl.actions.templates import resolve_template
from smep_xl.domain.findings import ERROR, Finding
from smep_xl.domain.letters.fields import FIELDS, example_letter
from smep_xl.domain.letters.files import NameBook, name_letters, safe_stem
from smep_xl.domain.letters.plan import AUDIT, FEEDBACK, LetterInputs, LetterJob, LetterPlan, plan_letters
from smep_xl.domain.settings import Settings, criteria_from_frame, settings_from_frame
from smep_xl.domain.values import text
from smep_xl.errors import SmepError
from smep_xl.workbook import Table, Workbook

WRITTEN = "Written"


class LetterTemplate(Protocol):
    name: str

    def check(self, supplied: Iterable[str], sample: Mapping | None = None) -> None:
        """Raise SmepError naming every field the data lacks and every template error."""

    def write_all(
        self, letters: list[tuple[Mapping, Path]], progress: Callable[[int, int], None] | None = None
    ) -> list[str | None]:
        """Write every (data, file) letter; for each, None when written, else why not."""


class LetterWriter(Protocol):
    def open_template(self, path: Path) -> LetterTemplate: ...

    def combine(self, letters: list[Path], target: Path) -> None:
        """One document of all the letters, each on a new page."""

    def pdf_problem(self) -> str | None:
        """Why PDFs cannot be made here (LibreOffice missing), or None."""

    def to_pdf(self, files: list[Path], folder: Path) -> list[Path]: ...


Progress = Callable[[int, int], None]


def letters(
    book: Workbook,
    *,
    writer: LetterWriter,
    out_dir: str | Path | None = None,
    urns: Iterable[str] = (),
    all_visited: bool = False,
    audit: bool = False,
    dry_run: bool = False,
    pdf: bool = False,
    combined: bool = False,
    export_data: str | Path | None = None,
    base_dir: str | Path | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> LettersResult:
    """Write the letters due (or those asked for), log them, and save the workbook."""
    base = Path(base_dir) if base_dir is not None else Path.cwd()
    day = today or date.today()
    tables = {name: book.read_table(name) for name in (L.SETTINGS, L.CRITERIA, L.SCHOOLS, L.VISITS)}
    log = _letter_log(book)
    lists = book.read_table(L.LISTS).frame if L.LISTS in book.sheet_names() else None  # Visit Type flags
    settings = settings_from_frame(tables[L.SETTINGS].frame, lists)
    template_path = find_template(settings, base, audit)
    folder = Path(out_dir) if out_dir is not None else _under(base, settings.text(L.S_OUTPUT_FOLDER))
    plan = _plan(tables, settings, log, day, tuple(urns), all_visited, audit, folder)
    result = LettersResult(
        book.label,
        str(template_path),
        str(folder),
        AUDIT if audit else FEEDBACK,
        dry_run=dry_run or export_data is not None,
        findings=plan.findings,
    )
    result.planned = [job.file_name for job in plan.jobs]
    if export_data is not None:
        result.exported = _export(plan, Path(export_data), template_path)
        return result
    if not plan.jobs:
        return result
    template = writer.open_template(template_path)
    template.check(set().union(*(job.context for job in plan.jobs)), plan.jobs[0].context)
    if dry_run:
        return result
    if pdf and (problem := writer.pdf_problem()):
        raise SmepError(problem)
    _ready(folder)
    written = _write_all(plan, template, folder, result, progress)
    paths = [folder / job.file_name for job in written]
    if combined and paths:
        pack = folder / NameBook(_existing(folder)).claim(
            safe_stem(f"Print pack {day.isoformat()}"), ".docx", ""
        )
        writer.combine(list(paths), pack)
        result.combined = str(pack)
        paths.append(pack)
    if pdf and paths:
        _pdfs(writer, paths, folder, result)
    if written:
        _record(book, tables, log, written, template_path, folder, base, day)
    return result


def find_template(settings: Settings, base: Path, audit: bool) -> Path:
    """The template named in Settings (see actions/templates.py for where it is looked for)."""
    return resolve_template(settings.text(L.S_AUDIT_TEMPLATE if audit else L.S_LETTER_TEMPLATE), base)


def _under(base: Path, named: str) -> Path:
    path = Path(named.strip() or ".")
    return path if path.is_absolute() else base / path


def _letter_log(book: Workbook) -> pd.DataFrame:
    """The Letter Log's rows (a wholly blank row, as an empty Excel table has, is no history)."""
    if L.LETTER_LOG not in book.sheet_names():
        return pd.DataFrame(columns=list(L.LETTER_LOG_SPEC.columns))
    frame = book.read_table(L.LETTER_LOG).frame
    return frame[[any(text(v) for v in row) for row in frame.itertuples(index=False)]]


def _plan(
    tables: dict[str, Table],
    settings: Settings,
    log: pd.DataFrame,
    day: date,
    urns: tuple,
    all_visited: bool,
    audit: bool,
    folder: Path,
) -> LetterPlan:
    schools, visits = tables[L.SCHOOLS], tables[L.VISITS]
    inputs = LetterInputs(
        schools.frame,
        visits.frame,
        criteria_from_frame(tables[L.CRITERIA].frame),
        settings,
        log,
        _cells(schools),
        _cells(visits),
    )
    plan = plan_letters(inputs, today=day, urns=urns, all_visited=all_visited, audit=audit)
    owners = {
        _file_name(f): (text(v) or f"audit:{text(u)}")
        for f, v, u in zip(_col(log, L.LOG_FILE), _col(log, L.LOG_VISIT), _col(log, L.LOG_URN), strict=True)
    }
    row = settings.rows.get(L.S_LETTER_FILE_NAME)
    cell = tables[L.SETTINGS].cell(row, L.SET_VALUE) if row else ""
    name_letters(plan, settings, NameBook(_existing(folder), owners), audit=audit, settings_cell=cell)
    return plan


def _cells(table: Table) -> Callable[[int, str], str]:
    columns = set(table.frame.columns)
    return lambda row, column: table.cell(row, column) if column in columns else ""


def _col(frame: pd.DataFrame, name: str) -> list:
    return frame[name].tolist() if name in frame.columns else [None] * len(frame)


def _file_name(logged: object) -> str:
    return text(logged).replace("\\", "/").rsplit("/", 1)[-1]


def _existing(folder: Path) -> set[str]:
    try:
        return set(os.listdir(folder))
    except OSError:
        return set()


def _ready(folder: Path) -> None:
    """Make the output folder and prove it can be written, before the first letter."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise SmepError(
            f"Letters cannot be written to the folder {folder} ({exc.strerror or exc}). "
            "Choose another with --out, or change the Output Folder setting."
        ) from exc


def _write_all(
    plan: LetterPlan, template: LetterTemplate, folder: Path, result: LettersResult, progress: Progress | None
) -> list[LetterJob]:
    outcome = template.write_all([(job.context, folder / job.file_name) for job in plan.jobs], progress)
    written = []
    for job, problem in zip(plan.jobs, outcome, strict=True):
        if problem is None:
            written.append(job)
            result.letters.append(
                {
                    "urn": job.urn,
                    "school": job.school,
                    "visit_id": job.visit_id,
                    "file": str(folder / job.file_name),
                }
            )
        else:
            result.findings.append(
                Finding(
                    ERROR,
                    L.VISITS if job.visit_row else L.SCHOOLS,
                    "",
                    job.visit_row or job.school_row,
                    "",
                    "letter.write.failed",
                    f"The {job.kind} for {job.school} (URN {job.urn}) was not written: {problem}.",
                    "Close the file if it is open in Word, then run again.",
                )
            )
    return written


def _pdfs(writer: LetterWriter, paths: list[Path], folder: Path, result: LettersResult) -> None:
    made = {p.name for p in writer.to_pdf(paths, folder)}
    for path in paths:
        pdf = path.with_suffix(".pdf")
        if pdf.name in made:
            result.pdfs.append(str(pdf))
        else:
            result.findings.append(
                Finding(
                    ERROR,
                    L.LETTER_LOG,
                    "",
                    None,
                    "",
                    "letter.pdf.failed",
                    f"LibreOffice did not turn {path.name} into a PDF.",
                    "Open the letter in Word and save it as PDF.",
                )
            )


def _record(
    book: Workbook,
    tables: dict[str, Table],
    log: pd.DataFrame,
    written: list[LetterJob],
    template: Path,
    folder: Path,
    base: Path,
    day: date,
) -> None:
    """Append to the Letter Log (history: every old row kept) and fill Letter / Last Letter."""
    now = datetime.now().replace(microsecond=0)
    urns = dict(zip(tables[L.SCHOOLS].frame.index, _col(tables[L.SCHOOLS].frame, L.SCH_URN), strict=True))
    ids = dict(zip(tables[L.VISITS].frame.index, _col(tables[L.VISITS].frame, L.VIS_ID), strict=True))
    shown = _shown_folder(folder, base)
    rows = [
        {
            L.LOG_AT: now,
            L.LOG_URN: _plain(urns[job.school_row]),
            L.LOG_SCHOOL: job.school,
            L.LOG_VISIT: ids[job.visit_row] if job.kind == FEEDBACK else None,
            L.LOG_FILE: os.path.join(shown, job.file_name),
            L.LOG_TEMPLATE: template.name,
            L.LOG_STATUS: WRITTEN,
        }
        for job in written
    ]
    columns = list(dict.fromkeys([*L.LETTER_LOG_SPEC.columns, *log.columns]))
    old = log.reindex(columns=columns).reset_index(drop=True)
    book.write_output(L.LETTER_LOG, pd.concat([old, pd.DataFrame(rows, columns=columns)], ignore_index=True))
    feedback = [job for job in written if job.kind == FEEDBACK]
    if feedback:
        book.write_columns(
            L.VISITS,
            pd.DataFrame(
                {L.VIS_LETTER: [j.file_name for j in feedback]}, index=[j.visit_row for j in feedback]
            ),
        )
        last = {j.school_row: day for j in feedback}
        book.write_columns(
            L.SCHOOLS, pd.DataFrame({L.SCH_LAST_LETTER: list(last.values())}, index=list(last))
        )
    book.save()


def _plain(value: object) -> object:
    """A URN read as 100001.0 is written back as 100001."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _shown_folder(folder: Path, base: Path) -> str:
    """The output folder as the log shows it: relative to the workbook when inside its folder."""
    try:
        shown = str(folder.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(folder.resolve())
    return "" if shown == "." else shown


def _export(plan: LetterPlan, target: Path, template: Path) -> str:
    """The merge data as JSON, for template authors: every field, and every letter's values."""
    document = {
        "template": str(template),
        "fields": [
            {"name": f.name, "from": f.source, "about": f.about, "example": f.example} for f in FIELDS
        ],
        "letters": [job.context for job in plan.jobs],
        "example": example_letter(),
    }
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(document, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    except OSError as exc:
        raise SmepError(f"The merge data cannot be written to {target} ({exc.strerror or exc}).") from exc
    return str(target)
