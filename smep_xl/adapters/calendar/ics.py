"""One .ics file of all-day events, by the icalendar library: each event with its stable UID,
its day (DTSTART as a DATE, DTEND the day after), what it is about, and a SEQUENCE that grows
with each export (seconds since 2020), so a calendar program importing the file again takes
each event as an update of the one it has. Written whole or not at all."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event

from smep_xl.domain.calendar.events import VisitEvent
from smep_xl.ooxml.atomic import write_file

PRODID = "-//smep-xl//School music education plan visits//EN"
_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


class IcsWriter:
    def write(self, path: Path, name: str, events: list[VisitEvent], now: datetime) -> None:
        data = calendar_bytes(name, events, now)
        write_file(str(path), lambda out: out.write(data))


def calendar_bytes(name: str, events: list[VisitEvent], now: datetime) -> bytes:
    stamp = now.astimezone(UTC)
    sequence = max(0, int((stamp - _EPOCH).total_seconds()))
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.summary)
        event.add("description", item.description)
        if item.location:
            event.add("location", item.location)
        event.add("categories", ["SMEP", "Visit due" if item.kind == "due" else "Follow-up"])
        event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it does not block the day
        event.add("sequence", sequence)
        calendar.add_component(event)
    return calendar.to_ical()
