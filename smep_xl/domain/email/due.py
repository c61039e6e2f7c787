"""Which logged letters are due an e-mail, from the Letter Log and the Email Log.

A logged letter is a Letter Log row of a letter written (Status Written). Only the latest row
of each letter counts (a letter written again replaced its file). Each has a key, made from
its row's Generated At, URN, Visit ID and File, so it is the same on every run: the e-mail's
Message-ID is made from it, and the Email Log records it. By default a letter is due when the
Email Log has no Draft or Sent row with its key (a Refused one is tried again); --urn asks for
the latest letter of chosen schools and --all for every school's, even if e-mailed before.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.values import text

ID_PREFIX = "smep-"


@dataclass(frozen=True)
class LoggedLetter:
    row: int  # the Letter Log worksheet row
    urn: str
    school: str
    visit_id: str  # "" for an audit form
    file: str  # as the Letter Log has it: the letters folder as shown, and the name
    key: str  # the same on every run (see module doc)

    @property
    def owner(self) -> str:
        return self.visit_id or f"audit:{self.urn}"

    @property
    def file_name(self) -> str:
        return self.file.replace("\\", "/").rsplit("/", 1)[-1]


def logged_letters(log: pd.DataFrame) -> list[LoggedLetter]:
    """The latest row of each letter written, in the log's order."""
    latest: dict[str, LoggedLetter] = {}
    for row, record in zip(log.index, _records(log, L.LETTER_LOG_SPEC.columns), strict=True):
        at, urn, school, visit, file, _template, status = record
        if text(status).lower() not in L.LETTER_MADE or not text(file) or not text(urn):
            continue
        letter = LoggedLetter(
            int(row), text(urn), text(school), text(visit), text(file), letter_key(at, urn, visit, file)
        )
        latest.pop(letter.owner, None)  # keeps the log's order, with each letter's latest row
        latest[letter.owner] = letter
    return list(latest.values())


def letter_key(at: object, urn: object, visit: object, file: object) -> str:
    stamp = at.isoformat(timespec="seconds") if isinstance(at, datetime) else text(at)
    basis = "\x1f".join((stamp, text(urn), text(visit), text(file).replace("\\", "/")))
    return ID_PREFIX + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]


def key_of(message_id: object) -> str:
    """The letter's key inside a Message-ID ("<smep-...@hub.org>")."""
    return text(message_id).strip().lstrip("<").split("@", 1)[0]


def emailed(email_log: pd.DataFrame) -> set[str]:
    """Keys of the letters the Email Log shows as drafted or sent."""
    done = {L.EML_DRAFT.lower(), L.EML_SENT.lower()}
    return {
        key_of(mid)
        for mid, status in zip(
            _column(email_log, L.EML_MESSAGE_ID), _column(email_log, L.EML_STATUS), strict=True
        )
        if text(status).lower() in done and text(mid)
    }


def due_letters(
    letters: list[LoggedLetter], done: set[str], urns: tuple[str, ...] = (), every: bool = False
) -> tuple[list[LoggedLetter], list[str]]:
    """The letters to e-mail, and the URNs asked for that have no logged letter."""
    if not (urns or every):
        return [letter for letter in letters if letter.key not in done], []
    by_school: dict[str, LoggedLetter] = {}
    for letter in letters:
        by_school[letter.urn] = letter  # the log runs oldest first: the last is the latest
    if every:
        return list(by_school.values()), []
    wanted = list(dict.fromkeys(text(u) for u in urns))
    return [by_school[u] for u in wanted if u in by_school], [u for u in wanted if u not in by_school]


def _column(frame: pd.DataFrame, name: str) -> list[object]:
    return frame[name].tolist() if name in frame.columns else [None] * len(frame)


def _records(frame: pd.DataFrame, columns: tuple[str, ...]) -> zip[tuple[object, ...]]:
    return zip(*(_column(frame, c) for c in columns), strict=True)
