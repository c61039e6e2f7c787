"""Generate letters as one transaction with the Letter Log (the Files port's Outbox): letters are
written into a staging folder, the Letter Log is saved, then the letters are moved into place.
An earlier run that stopped part-way is finished (its rows are in the log) or undone (they are
not) before anything else, so each letter ends up once in the folder and once in the log."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd

from smep_xl import layout as L
from smep_xl.actions.letters_plan import LetterTables, LetterWork, column
from smep_xl.actions.letters_record import record
from smep_xl.actions.letters_result import LettersResult
from smep_xl.actions.ports import Files, Outbox
from smep_xl.domain.findings import ERROR, Finding
from smep_xl.domain.letters.plan import LetterJob
from smep_xl.domain.values import text
from smep_xl.errors import SmepError
from smep_xl.workbook import Workbook


def recover(files: Files, folder: Path, owner: str, log: pd.DataFrame) -> list[str]:
    """Finish or undo what an earlier run of this workbook left in the folder; what was done."""
    try:
        return files.outbox(folder, owner).recover(lambda stamp, entries: logged(log, stamp, entries))
    except OSError as exc:
        raise SmepError(
            f"An unfinished letters run in {folder} cannot be finished ({exc.strerror or exc}). Check the "
            "folder can be written to and run again; nothing was changed."
        ) from None


def logged(log: pd.DataFrame, stamp: str, entries: list[str]) -> bool:
    """Whether the Letter Log has a row of the run made at `stamp` (its time and a file it wrote)."""
    when = datetime.fromisoformat(stamp)
    wanted = set(entries)
    for at, file in zip(column(log, L.LOG_AT), column(log, L.LOG_FILE), strict=True):
        if text(file) in wanted and _near(at, when):
            return True
    return False


def _near(value: object, when: datetime) -> bool:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return False
    if isinstance(value, datetime):  # pandas' Timestamp is one too
        return abs(pd.Timestamp(value).to_pydatetime() - when) <= timedelta(seconds=1)
    return False


def new_stamp(log: pd.DataFrame) -> datetime:
    """Now, to the second, and not the time of any row already in the log (so a run's rows are
    known by their Generated At)."""
    stamp = datetime.now().replace(microsecond=0)
    while any(_near(at, stamp) for at in column(log, L.LOG_AT)):
        stamp += timedelta(seconds=2)
    return stamp


def write_and_log(
    book: Workbook,
    tables: LetterTables,
    work: LetterWork,
    write: Callable[[Path], list[LetterJob]],
    files: Files,
) -> tuple[list[LetterJob], list[tuple[str, str]]]:
    """Stage the letters (write(staging) -> the jobs written), save the Letter Log, move them in.

    Returns the letters written and (name, why) for any logged letter that could not be moved
    into place (it waits in the staging folder; the next run moves it)."""
    folder, shown = work.folder, files.shown(work.folder)
    outbox = files.outbox(folder, book.label)
    stamp = new_stamp(tables.log)
    entries = [
        (job.file_name, log_entry(shown, job.file_name), job.file_name in work.existing)
        for job in work.plan.jobs
    ]
    try:
        staging = outbox.begin(stamp.isoformat(), entries)
    except OSError as exc:
        raise SmepError(_folder_problem(folder, exc, outbox)) from None
    try:
        written = write(staging)
        outbox.staged([job.file_name for job in written])
        if written:
            record(book, tables, written, work.template.name, shown, work.day, stamp)
    except SmepError as stop:
        raise SmepError(f"{stop.message} {outbox.abort()}") from None
    except OSError as exc:
        raise SmepError(_folder_problem(folder, exc, outbox)) from None
    except BaseException:
        outbox.abort()
        raise
    try:
        return written, outbox.commit()
    except KeyboardInterrupt:
        raise SmepError(
            f"Stopped by Ctrl+C after the Letter Log was saved: any of its letters not yet in {folder} wait "
            "in its staging folder, and the next smep letters puts them in place."
        ) from None


def log_entry(shown_folder: str, file_name: str) -> str:
    """A letter's File in the Letter Log: its folder as the workbook records it, and its name."""
    return os.path.join(shown_folder, file_name)


def _folder_problem(folder: Path, exc: OSError, outbox: Outbox) -> str:
    from smep_xl.ooxml.atomic import disk_full

    why = "the disk is full" if disk_full(exc) else (exc.strerror or str(exc))
    return f"Letters cannot be written to the folder {folder} ({why}); the Letter Log was not changed. {outbox.abort()}"


def not_placed(result: LettersResult, work: LetterWork, left: list[tuple[str, str]]) -> None:
    """A finding for each logged letter that could not be moved into the letters folder."""
    for name, why in left:
        result.findings.append(
            Finding.on_sheet(
                ERROR,
                L.LETTER_LOG,
                "letter.move.failed",
                f"{name} is in the Letter Log but could not be put in {work.folder} ({why}); it waits in the "
                "folder's staging folder.",
                "Close it if it is open in Word, then run smep letters again: it is put in place first.",
            )
        )
