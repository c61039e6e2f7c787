"""Read the free-text "By When" of an objectives grid into a due date.

Shared by validation (is it readable?) and refresh (Target RAG). Due date = the end of the
latest period named: "Mar/Apr 2015" -> 30 Apr 2015; "Oct 2014 and Feb 2015" -> 28 Feb 2015.
A month with no year takes the year of the next year written after it ("Apr/May 2014"), else
the year written before it ("Mar 2015 Apr-Oct"), else the plan year it falls in (Sep-Dec in
the plan's first academic year, Jan-Aug in the next calendar year).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime

DATE, RECURRING, BLANK, UNREADABLE = "date", "recurring", "blank", "unreadable"

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_TERMS = {"autumn": (12, 0), "spring": (3, 1), "summer": (7, 1)}  # month, years after Sep
_TOKEN = re.compile(
    rf"(?P<numdate>\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b)"
    rf"|(?P<iso>\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b)"
    rf"|(?P<acyear>\b(?:19|20)\d\d\s*[/-]\s*\d\d\b)"
    rf"|(?:(?P<day>\b\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<month>(?<![a-z])(?:{_MONTH})(?![a-z]))"
    rf"|(?P<term>\b(?:autumn|spring|summer)\b)"
    rf"|(?P<year>(?<!\d)(?:19|20)\d\d(?!\d))",
    re.IGNORECASE,
)
RECURRING_WORDS = (
    "ongoing",
    "termly",
    "continuous",
    "continual",
    "annually",
    "annual",
    "monthly",
    "weekly",
    "half-termly",
    "as required",
    "as needed",
    "throughout",
)


@dataclass(frozen=True)
class ByWhen:
    kind: str  # DATE, RECURRING, BLANK or UNREADABLE
    due: date | None = None
    periods: tuple[date, ...] = field(default_factory=tuple)  # end of each period named


def plan_year_for_month(month: int, plan_start: date) -> int:
    """The calendar year a month falls in during the plan's first academic year."""
    return plan_start.year + (1 if month < plan_start.month else 0)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year4(text: str) -> int:
    y = int(text)
    return y + 2000 if y < 100 else y


def parse_by_when(value: object, plan_start: date) -> ByWhen:
    """Never raises: anything it cannot read is UNREADABLE, for validation to report."""
    if value is None or (isinstance(value, float) and value != value):
        return ByWhen(BLANK)
    if isinstance(value, datetime):
        return ByWhen(DATE, value.date(), (value.date(),))
    if isinstance(value, date):
        return ByWhen(DATE, value, (value,))
    text = str(value).strip()
    if not text:
        return ByWhen(BLANK)
    periods = _periods(text, plan_start)
    if periods:
        return ByWhen(DATE, max(periods), tuple(periods))
    if any(word in text.lower() for word in RECURRING_WORDS):
        return ByWhen(RECURRING)
    return ByWhen(UNREADABLE)


def _periods(text: str, plan_start: date) -> list[date]:
    periods: list[date] = []
    pending: list[tuple[int, int | None, str]] = []  # (month, day, kind) waiting for a year
    last_year: int | None = None

    def settle(year: int | None) -> None:
        for month, day, kind in pending:
            if kind == "term":
                y = year if year is not None else plan_start.year + _TERMS_BY_MONTH[month]
                end = _safe_date(y, month, 1) and _month_end(y, month)
            else:
                y = year if year is not None else plan_year_for_month(month, plan_start)
                exact = _safe_date(y, month, day) if day else None
                end = exact or (_safe_date(y, month, 1) and _month_end(y, month))
            if end:  # None only past the calendar's end (a plan starting in year 9999)
                periods.append(end)
        pending.clear()

    for m in _TOKEN.finditer(text):
        if m.group("numdate"):
            d, mo, y = re.split(r"[/.-]", m.group("numdate"))
            found = _safe_date(_year4(y), int(mo), int(d))
            if found:
                periods.append(found)
        elif m.group("iso"):
            y, mo, d = (int(p) for p in m.group("iso").split("-"))
            found = _safe_date(y, mo, d)
            if found:
                periods.append(found)
        elif m.group("acyear"):
            start = int(re.match(r"\d{4}", m.group("acyear")).group())
            periods.append(date(start + 1, 8, 31))
        elif m.group("month"):
            day = int(m.group("day")) if m.group("day") else None
            pending.append((_MONTHS[m.group("month").lower()[:3]], day, "month"))
        elif m.group("term"):
            month, _ = _TERMS[m.group("term").lower()]
            pending.append((month, None, "term"))
        elif m.group("year"):
            last_year = int(m.group("year"))
            if pending:
                settle(last_year)
            else:
                periods.append(date(last_year, 12, 31))  # a bare year: by its end
    settle(last_year)
    return periods


_TERMS_BY_MONTH = {month: offset for month, offset in _TERMS.values()}
