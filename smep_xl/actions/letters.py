"""Generate letters (the ribbon's third button): one Word letter per visit due one, logged.

Reads every table first (letters_plan.read_tables), plans once (plan_work: which letters, their
data and file names), checks the template before anything is written, writes each letter
through the LetterWriter it is handed (the .docx engine is an adapter), then records them
(letters_record: the Letter Log, the Visits Letter and Schools Last Letter columns) and saves.
The letters folder and the template's whereabouts are asked of the Files port. A dry run
writes nothing at all.

This module stays light, because the ribbon table and the command line's help import it:
pandas and the rules load with letters_plan and letters_record when the action runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from smep_xl import layout as L
from smep_xl.actions.letters_options import LettersOptions
from smep_xl.actions.letters_result import LettersResult
from smep_xl.actions.ports import Files, LetterTemplate, LetterWriter, Progress
from smep_xl.domain.findings import ERROR, Finding
from smep_xl.errors import SmepError

if TYPE_CHECKING:
    from smep_xl.actions.letters_plan import LetterWork
    from smep_xl.domain.letters.plan import LetterJob
    from smep_xl.workbook import Workbook

__all__ = ["LettersOptions", "LettersResult", "letters"]


def letters(book: Workbook, options: LettersOptions) -> LettersResult:
    """Write the letters due (or those asked for), log them, and save the workbook."""
    from smep_xl.actions.letters_plan import export_document, new_result, plan_work, read_tables
    from smep_xl.actions.letters_record import record

    tables = read_tables(book)
    work = plan_work(tables, options)
    result = new_result(book.label, work, options)
    if options.export_data is not None:
        result.exported = _export(options.files, Path(options.export_data), export_document(work))
        return result
    jobs = work.plan.jobs
    if not jobs:
        return result
    writer = _writer(options)
    template = writer.open_template(work.template)
    template.check(set().union(*(job.context for job in jobs)), jobs[0].context)
    if options.dry_run:
        return result
    if options.pdf and (problem := writer.pdf_problem()):
        raise SmepError(problem)
    _ready(options.files, work.folder)
    written = _write_all(work, template, result, options.progress)
    paths = [work.folder / job.file_name for job in written]
    if options.combined and paths:
        paths.append(_pack(writer, work, paths, result))
    if options.pdf and paths:
        _pdfs(writer, paths, work.folder, result)
    if written:
        record(book, tables, written, work.template.name, options.files.shown(work.folder), work.day)
    return result


def _writer(options: LettersOptions) -> LetterWriter:
    if options.writer is None:
        raise ValueError("LettersOptions.writer is needed to write letters (only export_data does without)")
    return options.writer


def _export(files: Files, target: Path, document: str) -> str:
    try:
        files.write_text(target, document)
    except OSError as exc:
        raise SmepError(f"The merge data cannot be written to {target} ({exc.strerror or exc}).") from exc
    return str(target)


def _ready(files: Files, folder: Path) -> None:
    """Make the letters folder and prove it can be written, before the first letter."""
    try:
        files.make_folder(folder)
        files.check_writable(folder)
    except OSError as exc:
        raise SmepError(
            f"Letters cannot be written to the folder {folder} ({exc.strerror or exc}). "
            "Choose another with --out, or change the Output Folder setting."
        ) from exc


def _write_all(
    work: LetterWork, template: LetterTemplate, result: LettersResult, progress: Progress | None
) -> list[LetterJob]:
    jobs = work.plan.jobs
    outcome = template.write_all([(job.context, work.folder / job.file_name) for job in jobs], progress)
    written = []
    for job, problem in zip(jobs, outcome, strict=True):
        if problem is None:
            written.append(job)
            result.letters.append(
                {
                    "urn": job.urn,
                    "school": job.school,
                    "visit_id": job.visit_id,
                    "file": str(work.folder / job.file_name),
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


def _pack(writer: LetterWriter, work: LetterWork, letters: list[Path], result: LettersResult) -> Path:
    """One print pack of the letters, named with the letters' date and never over another file."""
    from smep_xl.domain.letters.files import NameBook, safe_stem

    taken = set(work.existing) | {p.name for p in letters}
    pack = work.folder / NameBook(taken).claim(safe_stem(f"Print pack {work.day.isoformat()}"), ".docx", "")
    writer.combine(list(letters), pack)
    result.combined = str(pack)
    return pack


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
