"""The Email Log: a row for each e-mail drafted, sent or refused. It is history: every old row
is kept, and a run only adds its own; then the workbook is saved (and, from live Excel, kept
on disk through options.persist)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd

from smep_xl import layout as L
from smep_xl.actions.email_plan import EmailTables
from smep_xl.domain.email.due import key_of
from smep_xl.domain.email.messages import MailJob
from smep_xl.domain.email.outgoing import Envelope
from smep_xl.domain.values import text
from smep_xl.workbook import Workbook


def log_row(
    job: MailJob, envelope: Envelope, status: str, answer: str, shown_attachment: str, at: datetime
) -> dict:
    """One Email Log row, as plain JSON-able values (a send run notes it in its journal first)."""
    return {
        L.EML_AT: at.replace(microsecond=0).isoformat(),
        L.EML_URN: int(job.letter.urn) if job.letter.urn.isdigit() else job.letter.urn,
        L.EML_SCHOOL: job.letter.school,
        L.EML_VISIT: job.letter.visit_id,
        L.EML_TO: "; ".join(m.address for m in envelope.to),
        L.EML_CC: "; ".join(m.address for m in envelope.cc),
        L.EML_SUBJECT: envelope.subject,
        L.EML_ATTACHMENT: shown_attachment,
        L.EML_STATUS: status,
        L.EML_ANSWER: answer,
        L.EML_MESSAGE_ID: envelope.message_id,
    }


def record(book: Workbook, tables: EmailTables, rows: list[dict], persist=None) -> pd.DataFrame:
    """The whole Email Log: every old row, then these; saved. Returns the log as it now is."""
    log = tables.email_log
    columns = list(dict.fromkeys([*L.EMAIL_LOG_SPEC.columns, *log.columns]))
    new = pd.DataFrame([{**row, L.EML_AT: _when(row[L.EML_AT])} for row in rows], columns=columns)
    old = log.reindex(columns=columns).reset_index(drop=True)
    whole = pd.concat([old, new], ignore_index=True) if len(old) else new
    book.write_output(L.EMAIL_LOG, whole)
    book.save()
    if persist is not None:
        persist()
    return whole


def _when(value: object) -> object:
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return value


def shown(files, path: Path) -> str:
    """A file as the log shows it: relative to the workbook's folder when inside it."""
    return os.path.join(files.shown(path.parent), path.name)


def shown_in_run(files) -> Callable[[Path], str]:
    """shown() for a run's many files: each folder worked out once (it takes many system calls)."""
    folders: dict[Path, str] = {}

    def show(path: Path) -> str:
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = files.shown(path.parent)
        return os.path.join(folder, path.name)

    return show


def logged(log: pd.DataFrame, stamp: str, entries: list[str]) -> bool:
    """Whether the Email Log has a row of the draft run made at `stamp` (its time and a draft it made)."""
    when, wanted = datetime.fromisoformat(stamp), set(entries)
    for at, answer in zip(_column(log, L.EML_AT), _column(log, L.EML_ANSWER), strict=True):
        if text(answer) in wanted and _near(at, when):
            return True
    return False


def missing(log: pd.DataFrame, notes: list[dict]) -> list[dict]:
    """The noted rows the Email Log lacks (a message is known by its Message ID and Status)."""
    have = {
        (key_of(mid), text(status).lower())
        for mid, status in zip(_column(log, L.EML_MESSAGE_ID), _column(log, L.EML_STATUS), strict=True)
    }
    return [
        n for n in notes if (key_of(n.get(L.EML_MESSAGE_ID)), text(n.get(L.EML_STATUS)).lower()) not in have
    ]


def _near(value: object, when: datetime) -> bool:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return False
    if isinstance(value, datetime):
        return abs(pd.Timestamp(value).to_pydatetime() - when) <= timedelta(seconds=1)
    return False


def _column(frame: pd.DataFrame, name: str) -> list:
    return frame[name].tolist() if name in frame.columns else [None] * len(frame)
