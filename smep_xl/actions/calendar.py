"""Calendars (the ribbon's Calendar button): one .ics file per SLE, and one for the whole hub,
with each school's Next Visit Due and each visit's Follow-up Date as all-day events
(domain/calendar). Reads the workbook and writes only the .ics files, into the Calendar Folder
(or --out); a file of the same name there, the calendar of an earlier export, is replaced.

This module stays light: the ribbon table and the command line's help import it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from smep_xl import layout as L
from smep_xl.actions.ports import CalendarWriter, Files
from smep_xl.errors import SmepError

if TYPE_CHECKING:
    from smep_xl.domain.calendar.events import VisitEvent
    from smep_xl.workbook import Workbook


@dataclass(frozen=True)
class CalendarOptions:
    files: Files
    writer: CalendarWriter
    out_dir: Path | None = None  # default: the Calendar Folder setting, beside the workbook
    as_of: date | None = None  # wins over the As Of Date setting, which wins over today
    today: date | None = None
    now: Callable[[], datetime] = datetime.now


@dataclass
class CalendarResult:
    workbook: str
    folder: str
    as_of: date
    calendars: list[dict] = field(default_factory=list)  # sle ("" = the whole hub), file, events
    findings: list = field(default_factory=list)
    exit_code: int = 0

    def to_json(self) -> dict:
        return {
            "workbook": self.workbook,
            "folder": self.folder,
            "as_of": self.as_of.isoformat(),
            "calendars": self.calendars,
            "counts": {
                "calendars": len(self.calendars),
                "events": sum(c["events"] for c in self.calendars if c["sle"]),
            },
            "findings": [],
        }


def calendar(book: Workbook, options: CalendarOptions) -> CalendarResult:
    """Write each SLE's calendar and the hub's."""
    from smep_xl.domain.calendar.events import calendar_events
    from smep_xl.domain.letters.files import NameBook, safe_stem
    from smep_xl.domain.settings import settings_from_frame

    names = book.sheet_names()
    frames = {
        n: book.read_table(n) for n in (L.SETTINGS, L.CRITERIA, L.SCHOOLS, L.VISITS, L.LISTS) if n in names
    }
    settings = settings_from_frame(frames[L.SETTINGS].frame)
    folder = options.out_dir or options.files.beside(settings.text(L.S_CALENDAR_FOLDER))
    events, as_of = calendar_events(frames, options.today or date.today(), options.as_of)
    result = CalendarResult(book.label, str(folder), as_of)
    hub = settings.text(L.S_HUB_NAME) or "Hub"
    groups: dict[str, list[VisitEvent]] = {}
    for event in events:
        if event.sle:
            groups.setdefault(event.sle, []).append(event)
    book_names = NameBook()
    plan = [("", f"{hub}: all visits", book_names.claim(safe_stem(f"{hub} - all SLEs"), ".ics", ""), events)]
    for sle in sorted(groups, key=str.casefold):
        plan.append((sle, f"{hub}: {sle}", book_names.claim(safe_stem(sle), ".ics", ""), groups[sle]))
    now = options.now()
    try:
        options.files.make_folder(folder)
        for sle, name, file_name, chosen in plan:
            options.writer.write(folder / file_name, name, chosen, now)
            result.calendars.append({"sle": sle, "file": str(folder / file_name), "events": len(chosen)})
    except OSError as exc:
        raise SmepError(
            f"Calendars cannot be written to the folder {folder} ({exc.strerror or exc}). Choose another with "
            "--out, or change the Calendar Folder setting."
        ) from None
    return result
