"""The SMEP ribbon tab as code: one row per button.

Each Button says what the person sees (its caption), what Python runs (the action function,
imported plainly, so a reader or import-linter can follow a click down to the domain), the
options the button passes (built from the open workbook), and the `smep` command that does
the same on a workbook file. smep_xl/excel.py runs the buttons, the command line's help names
each command's button, and tests check macros/customUI14.xml and macros/SMEP.bas against it.

Importing this stays cheap (no pandas, openpyxl or lxml): the command line reads it for its
help, and the actions load their heavy libraries only when they run.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from smep_xl.actions.calendar import CalendarOptions, calendar
from smep_xl.actions.email_letters import EmailOptions, email_letters
from smep_xl.actions.letters import LettersOptions, letters
from smep_xl.actions.open_letters import OpenLettersOptions, open_letters
from smep_xl.actions.refresh import RefreshOptions, refresh
from smep_xl.actions.report import ReportOptions, report
from smep_xl.actions.snapshot import SnapshotOptions, snapshot
from smep_xl.actions.validate import ValidateOptions, validate
from smep_xl.adapters.files.bug_log import log_path
from smep_xl.adapters.files.disk import DiskFiles
from smep_xl.errors import SmepError

if TYPE_CHECKING:
    from smep_xl.adapters.live.workbook import LiveWorkbook


@dataclass(frozen=True)
class Button:
    verb: str  # smep_xl.excel.<verb>() runs it (RunPython, from macros/SMEP.bas)
    caption: str  # its label on the SMEP tab
    callback: str  # the Sub in macros/SMEP.bas that its onAction names
    action: Callable[[Any, Any], object]  # action(book, options): a result, or the text to show
    options: Callable[[LiveWorkbook], object]  # the options it passes, from the open workbook
    command: str | None = None  # the smep command that does the same on a workbook file

    def press(self, live: LiveWorkbook) -> object:
        return self.action(live, self.options(live))


@dataclass(frozen=True)
class HelpOptions:
    python: str  # the Python that runs the buttons
    log: str  # where the details of something unexpected go


def python_check(live: LiveWorkbook, options: HelpOptions) -> str:
    """The Python half of Help (the VBA half explains the buttons): which Python answered, for
    which workbook, and where the log goes."""
    from smep_xl import __version__

    return "\n".join(
        [
            f"Python is set up: {options.python} ran smep-xl {__version__} for {live.label}.",
            f"Workbook folder: {live.folder or '(not saved on this PC)'}",
            f"If a button fails unexpectedly, the details go to: {options.log}",
        ]
    )


def _validate_options(live: LiveWorkbook) -> ValidateOptions:
    return ValidateOptions(files=DiskFiles(live.folder))


def _refresh_options(live: LiveWorkbook) -> RefreshOptions:
    return RefreshOptions()


def _letters_options(live: LiveWorkbook) -> LettersOptions:
    """What `smep letters WB` passes: a Word writer, and the workbook's folder to work from."""
    from smep_xl.adapters.docx.writer import DocxLetterWriter

    if not live.folder:
        raise SmepError(
            "Save the workbook in a folder on this PC first: the letters and their template are "
            "found beside it."
        )
    return LettersOptions(
        files=DiskFiles(live.folder),
        writer=DocxLetterWriter(),
        progress=lambda done, total: live.progress(f"SMEP: letter {done} of {total}..."),
    )


def _email_options(live: LiveWorkbook) -> EmailOptions:
    """What `smep email WB` passes. The Email Log is kept on disk as soon as it is written (the
    workbook is saved): a log that only lived in Excel's memory could let a letter be sent twice."""
    from smep_xl.adapters.docx.writer import DocxLetterWriter
    from smep_xl.adapters.mail.post import MailPost

    _saved_first(live, "the letters, their templates and the drafts folder")
    return EmailOptions(
        files=DiskFiles(live.folder),
        post=MailPost(),
        writer=DocxLetterWriter(),
        persist=live.book.save,
        progress=lambda done, total: live.progress(f"SMEP: e-mail {done} of {total}..."),
    )


def _calendar_options(live: LiveWorkbook) -> CalendarOptions:
    from smep_xl.adapters.calendar.ics import IcsWriter

    _saved_first(live, "the Calendar Folder")
    return CalendarOptions(files=DiskFiles(live.folder), writer=IcsWriter())


def _saved_first(live: LiveWorkbook, what: str) -> None:
    if not live.folder:
        raise SmepError(f"Save the workbook in a folder on this PC first: {what} are found beside it.")


def _open_letters_options(live: LiveWorkbook) -> OpenLettersOptions:
    return OpenLettersOptions(DiskFiles(live.folder))


def _snapshot_options(live: LiveWorkbook) -> SnapshotOptions:
    """The As Of Date setting (or today), labelled with its term; a term already taken is left alone."""
    return SnapshotOptions()


def _report_options(live: LiveWorkbook) -> ReportOptions:
    """The board report beside the saved workbook, at the As Of Date setting (or today)."""
    from pathlib import Path

    from smep_xl.adapters.report.word import WordReport

    if not live.folder:
        raise SmepError("Save the workbook in a folder on this PC first: the report is written beside it.")
    return ReportOptions(Path(live.folder), WordReport())


def _help_options(live: LiveWorkbook) -> HelpOptions:
    return HelpOptions(sys.executable, log_path(live.folder))


BUTTONS = (
    Button("validate", "Validate grid", "SmepValidate", validate, _validate_options, "validate"),
    Button("refresh", "Refresh", "SmepRefresh", refresh, _refresh_options, "refresh"),
    Button("letters", "Generate letters", "SmepLetters", letters, _letters_options, "letters"),
    Button("email", "E-mail letters", "SmepEmail", email_letters, _email_options, "email"),
    Button("calendar", "Calendar", "SmepCalendar", calendar, _calendar_options, "calendar"),
    Button("open_letters", "Open letters folder", "SmepOpenLetters", open_letters, _open_letters_options),
    Button("close_term", "Close term", "SmepCloseTerm", snapshot, _snapshot_options, "snapshot"),
    Button("board_report", "Board report", "SmepBoardReport", report, _report_options, "report"),
    Button("help", "Help", "SmepHelp", python_check, _help_options),
)


def button(verb: str) -> Button:
    return next(b for b in BUTTONS if b.verb == verb)


def for_command(name: str) -> Button | None:
    """The button that does what the smep command does, if one does."""
    return next((b for b in BUTTONS if b.command == name), None)
