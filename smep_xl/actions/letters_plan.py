"""Generate letters, the reading and the one compute: every table the action uses, read once,
and which letters to write with what data and file names (domain/letters), against the names
already in the letters folder."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from smep_xl import layout as L
from smep_xl.actions.letters_options import LettersOptions
from smep_xl.actions.letters_result import LettersResult
from smep_xl.domain.letters.fields import FIELDS, example_letter
from smep_xl.domain.letters.files import NameBook, name_letters
from smep_xl.domain.letters.plan import AUDIT, FEEDBACK, LetterInputs, LetterPlan, plan_letters
from smep_xl.domain.settings import Settings, criteria_from_frame, settings_from_frame
from smep_xl.domain.values import text
from smep_xl.workbook import Table, Workbook


@dataclass(frozen=True)
class LetterTables:
    settings: Table
    criteria: Table
    schools: Table
    visits: Table
    log: pd.DataFrame  # the Letter Log's rows (none when the sheet is missing)
    lists: pd.DataFrame | None  # the Lists sheet (its Visit Type flags), when there is one


@dataclass(frozen=True)
class LetterWork:
    """Everything decided before a letter is written."""

    day: date  # the date on the letters
    template: Path
    folder: Path
    existing: frozenset[str]  # what the folder held before this run
    plan: LetterPlan


def read_tables(book: Workbook) -> LetterTables:
    names = (L.SETTINGS, L.CRITERIA, L.SCHOOLS, L.VISITS)
    tables = {name: book.read_table(name) for name in names}
    if L.LETTER_LOG in book.sheet_names():
        frame = book.read_table(L.LETTER_LOG).frame
        # a wholly blank row, as an empty Excel table has, is no history
        log = frame[[any(text(v) for v in row) for row in frame.itertuples(index=False)]]
    else:
        log = pd.DataFrame(columns=list(L.LETTER_LOG_SPEC.columns))
    lists = book.read_table(L.LISTS).frame if L.LISTS in book.sheet_names() else None
    return LetterTables(*(tables[name] for name in names), log, lists)


def plan_work(tables: LetterTables, options: LettersOptions) -> LetterWork:
    """The template, the folder, and the letters with their data and file names."""
    files = options.files
    settings = settings_from_frame(tables.settings.frame, tables.lists)
    day = options.today or date.today()
    template = files.template(settings.text(L.S_AUDIT_TEMPLATE if options.audit else L.S_LETTER_TEMPLATE))
    folder = letters_folder(tables, options)
    existing = frozenset(files.names_in(folder))
    schools, visits = tables.schools, tables.visits
    inputs = LetterInputs(
        schools.frame,
        visits.frame,
        criteria_from_frame(tables.criteria.frame),
        settings,
        tables.log,
        _cells(schools),
        _cells(visits),
    )
    plan = plan_letters(
        inputs, today=day, urns=tuple(options.urns), all_visited=options.all_visited, audit=options.audit
    )
    names = NameBook(set(existing), _owners(tables.log))
    name_letters(plan, settings, names, audit=options.audit, settings_cell=_file_name_cell(tables, settings))
    return LetterWork(day, template, folder, existing, plan)


def letters_folder(tables: LetterTables, options: LettersOptions) -> Path:
    """Where the letters go: --out, else the Output Folder setting beside the workbook."""
    if options.out_dir is not None:
        return Path(options.out_dir)
    return options.files.beside(settings_from_frame(tables.settings.frame).text(L.S_OUTPUT_FOLDER))


def export_document(work: LetterWork) -> str:
    """The merge data as JSON, for template authors: every field, and every letter's values."""
    document = {
        "template": str(work.template),
        "fields": [
            {"name": f.name, "from": f.source, "about": f.about, "example": f.example} for f in FIELDS
        ],
        "letters": [job.context for job in work.plan.jobs],
        "example": example_letter(),
    }
    return json.dumps(document, indent=2, ensure_ascii=False, default=str)


def _cells(table: Table) -> Callable[[int, str], str]:
    columns = set(table.frame.columns)
    return lambda row, column: table.cell(row, column) if column in columns else ""


def _owners(log: pd.DataFrame) -> dict[str, str]:
    """Which letter made each file the Letter Log lists, so a letter made again replaces only its own."""
    return {
        _file_name(f): (text(v) or f"audit:{text(u)}")
        for f, v, u in zip(
            column(log, L.LOG_FILE), column(log, L.LOG_VISIT), column(log, L.LOG_URN), strict=True
        )
    }


def _file_name_cell(tables: LetterTables, settings: Settings) -> str:
    row = settings.rows.get(L.S_LETTER_FILE_NAME)
    return tables.settings.cell(row, L.SET_VALUE) if row else ""


def column(frame: pd.DataFrame, name: str) -> list:
    return frame[name].tolist() if name in frame.columns else [None] * len(frame)


def _file_name(logged: object) -> str:
    return text(logged).replace("\\", "/").rsplit("/", 1)[-1]


def new_result(label: str, work: LetterWork, options: LettersOptions) -> LettersResult:
    """What the run will report: the letters planned, and the findings so far."""
    result = LettersResult(
        label,
        str(work.template),
        str(work.folder),
        AUDIT if options.audit else FEEDBACK,
        dry_run=options.dry_run or options.export_data is not None,
        findings=work.plan.findings,
    )
    result.planned = [job.file_name for job in work.plan.jobs]
    return result
