"""The ports an action is handed by whoever runs it (the command line, a ribbon button, a test).

Files is every file and folder an action touches besides the workbook (adapters/files: the real
disk, and a fake for tests); LetterWriter makes Word letters (adapters/docx); Post makes and
sends e-mail (adapters/mail); CalendarWriter writes .ics files (adapters/calendar). Errors from the
disk come back as OSError, so the action says what they mean to the person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import datetime

    from smep_xl.domain.calendar.events import VisitEvent
    from smep_xl.domain.email.outgoing import Envelope, Rendered, Server

Progress = Callable[[int, int], None]  # (done, total)


class Files(Protocol):
    def beside(self, named: str) -> Path:
        """A path named in Settings, read from the workbook's folder unless absolute."""

    def template(self, named: str) -> Path:
        """Where the template named in Settings is (it may not exist)."""

    def is_file(self, path: Path) -> bool: ...

    def names_in(self, folder: Path) -> set[str]:
        """What is in the folder now (nothing when it is not there)."""

    def make_folder(self, folder: Path) -> None:
        """Make the folder (and its parents) if missing; OSError if it cannot be."""

    def check_writable(self, folder: Path) -> None:
        """OSError unless a file can be written in the folder."""

    def shown(self, folder: Path) -> str:
        """The folder as the workbook records it: relative to the workbook's folder when inside."""

    def write_text(self, path: Path, text: str, replace: bool = True) -> None:
        """Written whole or not at all; replace=False never writes over a file (FileExistsError)."""

    def same_file(self, one: Path, other: Path) -> bool:
        """Whether two paths name the same file."""

    def show(self, folder: Path) -> None:
        """Open the folder for the person (File Explorer)."""

    def remove_tree(self, folder: Path) -> None:
        """Remove a folder of our own (a private folder a run made) and all in it."""

    def outbox(self, folder: Path, owner: str, noun: str = "letter") -> Outbox:
        """The transaction that puts a run's files in the folder together with their log rows
        (owner: the workbook's name; noun: what the files are, for messages)."""


class Outbox(Protocol):
    """Files written as one transaction with the log that records them (adapters/files/outbox.py):
    recover() an earlier run's leftovers, begin(), write into the staging folder, staged(),
    save the log, commit(); abort() when the log could not be saved."""

    def recover(
        self, logged: Callable[[str, list[str]], bool], settle: Callable[[str, list[dict]], str] | None = None
    ) -> list[str]:
        """Finish or undo unfinished runs; logged(stamp, entries) says whether the log has a run's rows;
        settle(stamp, notes) logs a run's notes the log lacks (and says what it did)."""

    def begin(self, stamp: str, files: list[tuple[str, str, bool]]) -> Path:
        """(file name, log entry, may replace its older copy) for each; returns the staging folder."""

    def note(self, record: dict) -> None:
        """Something done that cannot be undone, on the disk in the journal before this returns."""

    def staged(self, names: list[str]) -> None:
        """Which files were written (and are flushed to disk before the log is saved)."""

    def commit(self) -> list[tuple[str, str]]:
        """Move the staged files into place; (name, why) for each that could not be."""

    def abort(self) -> str:
        """Remove the staged files; what is left, in words."""


class LetterTemplate(Protocol):
    name: str

    def check(self, supplied: Iterable[str], sample: Mapping | None = None) -> None:
        """Raise SmepError naming every field the data lacks and every template error."""

    def write_all(
        self, letters: list[tuple[Mapping, Path]], progress: Progress | None = None
    ) -> list[str | None]:
        """Write every (data, file) letter; for each, None when written, else why not."""


class LetterWriter(Protocol):
    def open_template(self, path: Path) -> LetterTemplate: ...

    def combine(self, letters: list[Path], target: Path) -> None:
        """One document of all the letters, each on a new page."""

    def pdf_problem(self) -> str | None:
        """Why PDFs cannot be made here (LibreOffice missing), or None."""

    def to_pdf(self, files: list[Path], folder: Path) -> list[Path | None]:
        """A PDF of each file in the folder, under a name no other file has; None where it failed."""


class EmailTemplate(Protocol):
    name: str

    def check(self, supplied: Iterable[str], sample: Mapping | None = None) -> None:
        """Raise SmepError naming every field the data lacks and every template error."""

    def render(self, context: Mapping) -> Rendered: ...


class MailSession(Protocol):
    """One connection to the SMTP server, for a run's messages."""

    def send(self, message: bytes, sender: str, to: list[str], cc: list[str]) -> str:
        """The server's answer; MailRefused (this message, or a To address) or MailStop (no more
        now) if not taken."""

    def close(self) -> None: ...


class Post(Protocol):
    """E-mail (adapters/mail): templates, MIME messages, .eml drafts and SMTP."""

    def open_template(self, text: Path, html: Path | None) -> EmailTemplate: ...

    def compose(self, envelope: Envelope) -> bytes:
        """The message as sent (OSError when its attachment cannot be read)."""

    def write_drafts(
        self, drafts: Iterable[tuple[Envelope, Path]], total: int, progress: Progress | None = None
    ) -> list[OSError | None]:
        """Each e-mail composed and written at its path as an .eml file a mail program opens as a
        draft (whole or not at all), on several cores when there are many (total: how many come).
        Returns, in order, None for each written and the OSError of each whose attachment could
        not be read; an OSError writing a draft (the folder's problem) is raised."""

    def connect(self, server: Server) -> MailSession:
        """Log in (the password from the environment or the keyring); MailStop or SmepError if not."""


class CalendarWriter(Protocol):
    """Calendar files (adapters/calendar)."""

    def write(self, path: Path, name: str, events: list[VisitEvent], now: datetime) -> None:
        """One calendar file of these events, whole or not at all (OSError when it cannot be)."""
