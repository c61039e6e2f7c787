"""Generate letters (the ribbon's third button): one Word letter per visit due one, logged.

Reads every table first (letters_plan.read_tables), finishes or undoes any run of this workbook
that stopped part-way (letters_commit.recover), plans once (plan_work: which letters, their
data and file names), checks the template before anything is written, then writes the letters
as one transaction with the Letter Log (letters_commit.write_and_log: a staging folder, the log
saved, the letters moved into place) through the LetterWriter it is handed (the .docx engine is
an adapter). The letters folder and the template's whereabouts are asked of the Files port. A
dry run, and an export of the merge data, write no letter and change nothing on disk but the
export itself.

This module stays light, because the ribbon table and the command line's help import it:
pandas and the rules load with letters_plan and letters_commit when the action runs.
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
    from smep_xl.actions import letters_commit as commit
    from smep_xl.actions.letters_plan import (
        export_document,
        letters_folder,
        new_result,
        plan_work,
        read_tables,
    )

    tables = read_tables(book)
    writing = options.export_data is None and not options.dry_run
    recovered = []
    if writing:
        recovered = commit.recover(options.files, letters_folder(tables, options), book.label, tables.log)
    work = plan_work(tables, options)
    result = new_result(book.label, work, options)
    result.recovered = recovered
    if options.export_data is not None:
        result.exported = _export(options, work.template, export_document(work))
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
    written, left = commit.write_and_log(
        book,
        tables,
        work,
        lambda staging: _write_all(work, template, result, options.progress, staging),
        options.files,
    )
    commit.not_placed(result, work, left)
    stuck = {name for name, _ in left}
    paths = [work.folder / job.file_name for job in written if job.file_name not in stuck]
    if options.combined and paths and (pack := _pack(writer, options.files, work, paths, result)):
        paths.append(pack)
    if options.pdf and paths:
        _pdfs(writer, paths, work.folder, result)
    return result


def _writer(options: LettersOptions) -> LetterWriter:
    if options.writer is None:
        raise ValueError("LettersOptions.writer is needed to write letters (only export_data does without)")
    return options.writer


def _export(options: LettersOptions, template: Path, document: str) -> str:
    """The merge data to its file: never over the workbook or the template, and over any other
    file only when asked (options.overwrite)."""
    assert options.export_data is not None  # called only when it is set
    files, target = options.files, Path(options.export_data)
    for keep, what in ((options.workbook, "the workbook"), (template, "the letter template")):
        if keep is not None and files.same_file(target, keep):
            raise SmepError(
                f"--export-data {target} is {what}; give the merge data a file of its own (fields.json)."
            )
    try:
        files.write_text(target, document, replace=options.overwrite)
    except FileExistsError:
        raise SmepError(
            f"--export-data {target} already exists; choose another name, or add --overwrite to replace it."
        ) from None
    except OSError as exc:
        raise SmepError(f"The merge data cannot be written to {target} ({_why(exc)}).") from exc
    return str(target)


def _why(exc: OSError) -> str:
    from smep_xl.ooxml.atomic import disk_full

    return "the disk is full" if disk_full(exc) else str(exc.strerror or exc)


def _ready(files: Files, folder: Path) -> None:
    """Make the letters folder and prove it can be written, before the first letter."""
    try:
        files.make_folder(folder)
        files.check_writable(folder)
    except OSError as exc:
        raise SmepError(
            f"Letters cannot be written to the folder {folder} ({_why(exc)}). "
            "Choose another with --out, or change the Output Folder setting."
        ) from exc


def _write_all(
    work: LetterWork,
    template: LetterTemplate,
    result: LettersResult,
    progress: Progress | None,
    staging: Path,
) -> list[LetterJob]:
    """Every letter into the staging folder; the ones written (the others become findings)."""
    jobs = work.plan.jobs
    outcome = template.write_all([(job.context, staging / job.file_name) for job in jobs], progress)
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
            continue
        full = "disk is full" in problem
        result.findings.append(
            Finding(
                ERROR,
                L.VISITS if job.visit_row else L.SCHOOLS,
                "",
                job.visit_row or job.school_row,
                "",
                "letter.write.failed",
                f"The {job.kind} for {job.school} (URN {job.urn}) was not written: {problem}.",
                "Free some space on that disk (or choose another folder with --out), then run again."
                if full
                else "Check the letters folder can be written to, then run again.",
            )
        )
    return written


def _pack(
    writer: LetterWriter, files: Files, work: LetterWork, letters: list[Path], result: LettersResult
) -> Path | None:
    """One print pack of the letters, named with the letters' date and never over another file."""
    from smep_xl.domain.letters.files import NameBook, safe_stem

    taken = files.names_in(work.folder) | set(work.existing)
    pack = work.folder / NameBook(taken).claim(safe_stem(f"Print pack {work.day.isoformat()}"), ".docx", "")
    try:
        writer.combine(list(letters), pack)
    except (OSError, SmepError) as exc:
        why = _why(exc) if isinstance(exc, OSError) else exc.message
        result.findings.append(
            Finding.on_sheet(
                ERROR,
                L.LETTER_LOG,
                "letter.pack.failed",
                f"The print pack {pack.name} was not written ({why}); the letters themselves are all there.",
                "Free some space on that disk, then run with --urn or --all and --combined to make it again.",
            )
        )
        return None
    result.combined = str(pack)
    return pack


def _pdfs(writer: LetterWriter, paths: list[Path], folder: Path, result: LettersResult) -> None:
    for path, pdf in zip(paths, writer.to_pdf(paths, folder), strict=True):
        if pdf is not None:
            result.pdfs.append(str(pdf))
        else:
            result.findings.append(
                Finding.on_sheet(
                    ERROR,
                    L.LETTER_LOG,
                    "letter.pdf.failed",
                    f"LibreOffice did not turn {path.name} into a PDF.",
                    "Open the letter in Word and save it as PDF.",
                )
            )
