"""Is a target on track? One rule for every target the Dashboard reports.

A Goal is a count of schools (or visits) against a share of a base, due by a deadline. Its
status word (docs/dashboard.md works examples):
- **Met**: the count has reached the target (needed = the target share of the base, rounded up);
- **Behind**: not met and the deadline has passed; or, for a goal whose schools each have their
  own due date (repeat visits), one of them is overdue; or further behind the straight line from
  the start of its period to the target than the At Risk Margin (a share of the target);
- **At risk**: behind the straight line, by no more than the At Risk Margin; for a goal with
  due dates, one falls due within Due Soon Weeks;
- **On track**: at or ahead of the straight line (and, before its period starts, always).
Gap, time left and the pace needed say what it takes: "6 schools short", "56 days",
"3.0 schools a week to reach 60%" (by the due date beside it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from smep_xl import layout as L

STATUS_ORDER = (L.BEHIND, L.AT_RISK, L.ON_TRACK, L.MET)  # worst first


@dataclass(frozen=True)
class Goal:
    measure: str
    achieved: int
    base: int  # what the target is a share of
    target: float  # 0-1
    start: date  # when the period counted starts
    deadline: date
    unit: str = "schools"
    overdue: int | None = None  # goals whose schools each have a due date: how many have passed it
    due_soon: int = 0  # ... and how many fall due within Due Soon Weeks
    basis: str = "open schools"  # what the base counts, in words
    first_due: date | None = None  # goals with due dates: the soonest one still owed

    @property
    def needed(self) -> int:
        return math.ceil(self.target * self.base - 1e-9) if self.base else 0


@dataclass(frozen=True)
class Assessed:
    goal: Goal
    status: str
    expected: float  # the count the straight line asks for by now
    days_left: int  # to the deadline (negative once past)
    pace: float | None  # per week from now (or from the start) to the deadline; None when met or past

    @property
    def share(self) -> float:
        return self.goal.achieved / self.goal.base if self.goal.base else 0.0

    @property
    def gap(self) -> int:
        return max(self.goal.needed - self.goal.achieved, 0)

    @property
    def progress(self) -> float:
        """Progress towards the target, 0-100 (the Objectives' Measured Progress %)."""
        needed = self.goal.needed
        return 100.0 if needed <= 0 else min(100.0, 100.0 * self.goal.achieved / needed)


def elapsed(start: date, deadline: date, as_of: date) -> float:
    """The share of the period from start to deadline gone by at as_of, 0-1."""
    span = (deadline - start).days
    if span <= 0:
        return 1.0 if as_of >= deadline else 0.0
    return min(max((as_of - start).days / span, 0.0), 1.0)


def assess(goal: Goal, as_of: date, margin: float) -> Assessed:
    """The status word, the straight-line count expected by now, days left and pace needed."""
    needed = goal.needed
    expected = needed * elapsed(goal.start, goal.deadline, as_of)
    days_left = (goal.deadline - as_of).days
    pace = None
    if goal.achieved < needed and days_left >= 0:
        weeks = max((goal.deadline - max(as_of, goal.start)).days, 1) / 7
        pace = math.ceil((needed - goal.achieved) / weeks * 10) / 10
    return Assessed(goal, _word(goal, expected, days_left, margin), expected, days_left, pace)


def _word(goal: Goal, expected: float, days_left: int, margin: float) -> str:
    if goal.achieved >= goal.needed:
        return L.MET
    if days_left < 0 or (goal.overdue or 0) > 0:
        return L.BEHIND
    if goal.overdue is not None:
        return L.AT_RISK if goal.due_soon else L.ON_TRACK
    if goal.achieved >= expected - 1e-9:
        return L.ON_TRACK
    return L.AT_RISK if goal.achieved >= expected - margin * goal.needed - 1e-9 else L.BEHIND


def day_text(day: date) -> str:
    """4 Mar 2015 (no leading zero)."""
    return f"{day.day} {day:%b %Y}"


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit[:-1] if n == 1 and unit.endswith('s') else unit}"


def gap_text(a: Assessed) -> str:
    if a.goal.overdue is not None and a.gap:
        return f"{a.gap} owed, {a.goal.overdue} overdue"
    return f"{_plural(a.gap, a.goal.unit)} short" if a.gap else "none"


def time_text(a: Assessed, as_of: date) -> str:
    if a.goal.overdue is not None:
        if not a.gap or a.goal.first_due is None:
            return "none owed"
        return f"{'first' if a.goal.overdue else 'next'} due {day_text(a.goal.first_due)}"
    if a.days_left < 0:
        return f"ended {day_text(a.goal.deadline)}"
    if as_of < a.goal.start:
        return f"starts {day_text(a.goal.start)}"
    return _plural(a.days_left, "days")


def pace_text(a: Assessed) -> str:
    """ "2.9 schools a week to reach 100%" by the due date (blank when met)."""
    if a.pace is None:
        if a.gap == 0:
            return ""
        return "every one is overdue: visit now" if a.goal.overdue else "the deadline has passed"
    return f"{a.pace:.1f} {a.goal.unit} a week to reach {a.goal.target:.0%}"


def figure_text(a: Assessed) -> str:
    """ "58% (231 of 395)": the figure as a share and as counts."""
    return f"{a.share:.0%} ({a.goal.achieved:,} of {a.goal.base:,})"
