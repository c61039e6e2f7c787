"""E-mail letters as one transaction with the Email Log, through the letters' Outbox (the Files
port): drafts are written into a staging folder, the log is saved, then the drafts are moved
into place; a send run notes each message the server accepts before the next one goes, and
logs them all at its end. An earlier run that stopped part-way is finished first: its drafts
rolled forward or back as letters are, its accepted messages logged and never sent again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from smep_xl import layout as L
from smep_xl.actions.email_log import log_row, logged, missing, record, shown_in_run
from smep_xl.actions.email_options import EmailOptions
from smep_xl.actions.email_plan import EmailTables, EmailWork
from smep_xl.actions.email_result import EmailResult
from smep_xl.actions.ports import Outbox
from smep_xl.domain.email.messages import MailJob
from smep_xl.domain.email.outgoing import Envelope
from smep_xl.domain.findings import ERROR, Finding
from smep_xl.errors import SmepError
from smep_xl.workbook import Workbook

Make = Callable[
    [MailJob, datetime], tuple[Envelope, str]
]  # the e-mail, and its attachment as the log shows it


def outbox(options: EmailOptions, folder: Path, label: str, noun: str = "e-mail draft") -> Outbox:
    """The e-mail runs' outbox: its own staging folders (never the letters'), even in one folder."""
    return options.files.outbox(folder, f"{label} e-mail", noun)


def recover(book: Workbook, tables: EmailTables, folder: Path, options: EmailOptions) -> list[str]:
    """Finish or undo what an earlier run of this workbook left; one line per run on what was done."""
    log = [tables.email_log]

    def settle(stamp: str, notes: list[dict]) -> str:
        rows = missing(log[0], notes)
        if rows:
            log[0] = record(book, _with_log(tables, log[0]), rows, options.persist)
        when = datetime.fromisoformat(stamp).strftime("%d/%m/%Y %H:%M:%S")
        return (
            f"An unfinished run of {when} had sent {len(notes)} e-mail(s); {len(rows)} of them were not yet in "
            "the Email Log and are now. None was sent again."
        )

    try:
        return outbox(options, folder, book.label).recover(lambda s, e: logged(log[0], s, e), settle)
    except OSError as exc:
        raise SmepError(
            f"An unfinished e-mail run in {folder} cannot be finished ({exc.strerror or exc}). Check the folder "
            "can be written to and run again; nothing was e-mailed."
        ) from None


def _with_log(tables: EmailTables, log) -> EmailTables:
    from dataclasses import replace

    return replace(tables, email_log=log)


def draft_all(
    book: Workbook,
    tables: EmailTables,
    work: EmailWork,
    make: Make,
    options: EmailOptions,
    result: EmailResult,
) -> None:
    """Every due e-mail as an .eml draft, logged with the drafts as one transaction."""
    from smep_xl.domain.letters.files import NameBook, safe_stem

    files, folder, show = options.files, work.folder, shown_in_run(options.files)
    names = NameBook(files.names_in(folder))
    planned = [
        (job, names.claim(safe_stem(Path(job.letter.file_name).stem), ".eml", "")) for job in work.jobs
    ]
    box = outbox(options, folder, book.label)
    stamp = options.now().replace(microsecond=0)
    try:
        staging = box.begin(stamp.isoformat(), [(name, show(folder / name), False) for _, name in planned])
        rows, written = _drafts(planned, staging, work, make, options, result, stamp)
        box.staged(written)
        if rows:
            record(book, tables, rows, options.persist)
    except SmepError as stop:
        raise SmepError(f"{stop.message} {box.abort()}") from None
    except OSError as exc:
        raise SmepError(_folder_problem(folder, exc, box)) from None
    except BaseException:
        box.abort()
        raise
    result.done += rows
    for name, why in box.commit():
        result.findings.append(
            Finding.on_sheet(
                ERROR,
                L.EMAIL_LOG,
                "email.draft.move_failed",
                f"{name} is in the Email Log but could not be put in {folder} ({why}); it waits in the folder's "
                "staging folder.",
                "Close it if it is open, then run smep email again: it is put in place first.",
            )
        )


def _drafts(planned, staging: Path, work: EmailWork, make: Make, options: EmailOptions, result, stamp):
    """Each e-mail made from the templates here, and composed and written by the Post port (on
    several cores for a long run) as soon as it is made. A letter that cannot be read is a
    finding and its e-mail is left out; a draft that cannot be written stops the run (OSError)."""
    show, made = shown_in_run(options.files), []

    def envelopes():
        for job, name in planned:
            try:
                envelope, attachment = make(job, stamp)
            except OSError as exc:
                result.findings.append(unreadable(job, exc))
                continue
            made.append((job, name, envelope, attachment))
            yield envelope, staging / name

    outcome = options.post.write_drafts(envelopes(), len(planned), options.progress)
    rows, written = [], []
    for (job, name, envelope, attachment), problem in zip(made, outcome, strict=True):
        if problem is not None:
            result.findings.append(unreadable(job, problem))
            continue
        written.append(name)
        rows.append(log_row(job, envelope, L.EML_DRAFT, show(work.folder / name), attachment, stamp))
    return rows, written


def unreadable(job: MailJob, exc: OSError) -> Finding:
    return Finding(
        ERROR,
        L.LETTER_LOG,
        "",
        job.letter.row,
        L.LOG_FILE,
        "email.attachment.missing",
        f"The letter {exc.filename or job.letter.file} cannot be read ({exc.strerror or exc}), so the e-mail to "
        f"{job.letter.school} (URN {job.letter.urn}) was not made.",
        "Close it if it is open in Word, then run again.",
    )


def _folder_problem(folder: Path, exc: OSError, box: Outbox) -> str:
    from smep_xl.ooxml.atomic import disk_full

    why = "the disk is full" if disk_full(exc) else (exc.strerror or str(exc))
    return f"E-mail drafts cannot be written to the folder {folder} ({why}); the Email Log was not changed. {box.abort()}"
