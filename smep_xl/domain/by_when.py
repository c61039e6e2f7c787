"""Read the free-text "By When" of an objectives grid into a due date (docs/rules.md, "Due Date").

Shared by Validate (is it understood?) and Refresh (Target RAG). The Due Date is the end of
the latest period named ("Sep 2014 Aug 2014" -> 30 Sep 2014). A month with no year takes the
year written after it ("Apr/May 2014"), else the first such month after the period before it
("Mar 2015 Apr-Oct" -> Oct 2015), else the plan's first year ("Jul" -> Jul 2015 for a plan
starting Sep 2014). Terms and seasons end with their term (autumn 31 Dec, spring 31 Mar,
summer 31 Jul); "2015/16" is the academic year, to 31 Aug 2016. A date after "from" or
"starting" is when the work starts, not when it is due. "Ongoing", "termly", "annually" and
the like mean no fixed date; months with no year beside them say when it recurs.

A word that is nearly a month or term ("Marhc"), a year far from the plan (2105), a winter,
or a start with no end is not understood: the row is UNCLEAR, with a suggestion, and is not
rated rather than guessed.
"""

from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from smep_xl.domain.values import is_blank

DATE, RECURRING, BLANK, UNREADABLE, UNCLEAR = "date", "recurring", "blank", "unreadable", "unclear"

MONTH_NAMES = tuple(calendar.month_name)[1:]
_MONTHS = {name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, start=1)}
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
TERM_ENDS = {"autumn": 12, "spring": 3, "summer": 7}  # the month each school term ends in
_TOKEN = re.compile(
    rf"(?P<numdate>\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b)"
    rf"|(?P<iso>\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b)"
    rf"|(?P<acyear>\b(?:19|20)\d\d\s*[/-]\s*(?:(?:19|20)\d\d|\d\d)\b)"
    rf"|(?:(?P<day>\b\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<month>(?<![a-z])(?:{_MONTH})\.?(?![a-z]))"
    rf"|(?P<term>\b(?:autumn|spring|summer)\b)"
    rf"|(?P<year>(?<!\d)\d{{4}}(?!\d))",
    re.IGNORECASE,
)
_START = re.compile(r"\b(?:from|starting|since|beginning|commencing)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]{4,}")
_KNOWN_WORDS = {m.lower() for m in MONTH_NAMES} | set(TERM_ENDS) | {"sept", "term", "terms"}
_LOOKALIKES = [m.lower() for m in MONTH_NAMES] + list(TERM_ENDS)
RECURRING_WORDS = (
    "ongoing",
    "termly",
    "continuous",
    "continual",
    "annually",
    "annual",
    "yearly",
    "monthly",
    "weekly",
    "half-termly",
    "each term",
    "every term",
    "as required",
    "as needed",
    "throughout",
)
YEARS_AROUND_PLAN = 5  # a year further than this from the plan is taken for a typing slip


@dataclass(frozen=True)
class ByWhen:
    kind: str  # DATE, RECURRING, BLANK, UNREADABLE or UNCLEAR
    due: date | None = None
    periods: tuple[date, ...] = field(default_factory=tuple)  # end of each period it is due by
    problem: str = ""  # UNCLEAR: what is not understood
    suggestion: str = ""  # UNCLEAR: "Did you mean 'March 2015'?"


@dataclass
class _Period:
    month: int
    day: int | None
    kind: str  # "month" or "term"
    start: bool  # named after "from": when the work starts


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


def parse_by_when(value: object, plan_start: date, plan_years: int = 2) -> ByWhen:
    """Never raises: what it cannot read is UNREADABLE, what it half reads UNCLEAR."""
    if is_blank(value):  # None, NaN and NaT (which is a datetime, to Python) too
        return ByWhen(BLANK)
    if isinstance(value, datetime):
        return ByWhen(DATE, value.date(), (value.date(),))
    if isinstance(value, date):
        return ByWhen(DATE, value, (value,))
    text = " ".join(str(value).split())
    if not text:
        return ByWhen(BLANK)
    unclear = _misread(text, plan_start, plan_years)
    if unclear:
        return unclear
    recurring = any(word in text.lower() for word in RECURRING_WORDS)
    reader = _Reader(text, plan_start, recurring)
    due = [p for p, start in reader.periods if not start]
    if reader.problem:
        return ByWhen(UNCLEAR, problem=reader.problem, suggestion=reader.suggestion)
    if due:
        return ByWhen(DATE, max(due), tuple(due))
    if recurring:
        return ByWhen(RECURRING)
    if reader.periods:
        return ByWhen(
            UNCLEAR,
            problem="it says when the work starts but not when it is due",
            suggestion="Add when it is due, e.g. 'from Sep 2014 to Jul 2015', or write 'Ongoing'.",
        )
    return ByWhen(UNREADABLE)


def _misread(text: str, plan_start: date, plan_years: int) -> ByWhen | None:
    """A near-month ("Marhc"), a winter, or a year far from the plan: not fully understood."""
    for m in _WORD.finditer(text):
        word = m.group().lower()
        if word in _KNOWN_WORDS or _TOKEN.fullmatch(m.group()):
            continue
        if word == "winter":
            return ByWhen(
                UNCLEAR,
                problem="winter is not a school term",
                suggestion="Write the term (Autumn, Spring or Summer) or the month it is due.",
            )
        near = difflib.get_close_matches(word, _LOOKALIKES, n=1, cutoff=0.8)
        if near:
            meant = near[0].capitalize()
            fixed = text[: m.start()] + meant + text[m.end() :]
            return ByWhen(
                UNCLEAR,
                problem=f"'{m.group()}' is not a month or term",
                suggestion=f"Did you mean '{fixed}'?",
            )
    first, last = plan_start.year - YEARS_AROUND_PLAN, plan_start.year + plan_years + YEARS_AROUND_PLAN
    for m in re.finditer(r"(?<!\d)\d{4}(?!\d)", text):
        year = int(m.group())
        if not first <= year <= last:
            guess = _year_guess(m.group(), plan_start.year, plan_years)
            tip = (
                f"Did you mean {guess}?"
                if guess
                else f"Check the year: the plan runs from {plan_start.year}."
            )
            return ByWhen(UNCLEAR, problem=f"the year {year} is far from the plan", suggestion=tip)
    return None


def _year_guess(typed: str, first: int, years: int) -> str:
    """A plan year written with its digits swapped (2105 for 2015)."""
    for year in range(first, first + years + 1):
        if sorted(str(year)) == sorted(typed):
            return str(year)
    return ""


class _Reader:
    """The periods a By When names, each with whether it is a start ("from Sep 2014")."""

    def __init__(self, text: str, plan_start: date, recurring: bool):
        self.plan_start, self.recurring = plan_start, recurring
        self.periods: list[tuple[date, bool]] = []
        self.pending: list[_Period] = []
        self.problem = self.suggestion = ""
        end = 0
        for m in _TOKEN.finditer(text):
            start = bool(_START.search(text[end : m.start()])) or (
                bool(self.pending) and self.pending[-1].start and not text[end : m.start()].strip(" /-&,")
            )
            end = m.end()
            self._token(m, start)
        self._settle(None)

    def _add(self, day: date | None, start: bool) -> None:
        if day is not None:  # None only past the calendar's end
            self.periods.append((day, start))

    def _token(self, m: re.Match[str], start: bool) -> None:
        if m.group("numdate"):
            d, mo, y = re.split(r"[/.-]", m.group("numdate"))
            self._settle(None)
            self._add(_safe_date(_year4(y), int(mo), int(d)), start)
        elif m.group("iso"):
            y, mo, d = (int(p) for p in m.group("iso").split("-"))
            self._settle(None)
            self._add(_safe_date(y, mo, d), start)
        elif m.group("acyear"):
            self._academic_year(m.group("acyear"), start)
        elif m.group("month"):
            day = int(m.group("day")) if m.group("day") else None
            self.pending.append(_Period(_MONTHS[m.group("month").lower()[:3]], day, "month", start))
        elif m.group("term"):
            self.pending.append(_Period(TERM_ENDS[m.group("term").lower()], None, "term", start))
        elif m.group("year"):
            year = int(m.group("year"))
            if self.pending:
                self._settle(year)
            else:
                self._add(date(year, 12, 31), start)  # a bare year: by its end

    def _academic_year(self, written: str, start: bool) -> None:
        first, second = (int(p) for p in re.split(r"\s*[/-]\s*", written))
        if second != (first + 1 if second >= 100 else (first + 1) % 100):
            self.problem = f"'{written}' is not an academic year"
            self.suggestion = f"Write the academic year as {first}/{str(first + 1)[2:]}."
            return
        if self.pending:  # "Spring term 2014/15": the term of that academic year
            for p in self.pending:
                self._add(self._end(first + (0 if p.month >= 9 else 1), p), p.start)
            self.pending.clear()
        else:
            self._add(date(first + 1, 8, 31), start)

    def _end(self, year: int, p: _Period) -> date | None:
        if p.day and p.kind == "month":
            exact = _safe_date(year, p.month, p.day)
            if exact:
                return exact
        return _safe_date(year, p.month, 1) and _month_end(year, p.month)

    def _settle(self, year: int | None) -> None:
        """Give the waiting months a year: the one written after them, else the first such
        month after the period before them, else the plan's first year."""
        for p in self.pending:
            if year is not None:
                y = year
            elif self.recurring:
                continue  # "Annually in March": when it recurs, not a due date
            elif self.periods:
                before = self.periods[-1][0]
                y = before.year + (1 if p.month <= before.month else 0)
            else:
                y = plan_year_for_month(p.month, self.plan_start)
            self._add(self._end(y, p), p.start)
        self.pending.clear()
