"""The plan's measures, counted from the Schools and Visits sheets, each against its target from
Settings (docs/dashboard.md defines each one; domain/status.py says whether it is on track).

Only open schools count, as in coverage. A Yes/No cell counts when it reads Yes; anything
else (No, blank, a value Validate rejects) does not. Every count is a whole-column operation,
so a national hub of 22,000 schools is measured in milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.coverage import Coverage, target
from smep_xl.domain.rag import SchoolRatings, column, keys_of
from smep_xl.domain.setting_reader import plan_year_end
from smep_xl.domain.settings import Settings
from smep_xl.domain.status import Assessed, Goal, assess


@dataclass(frozen=True)
class SchoolFlags:
    """Per Schools row, what the measures count (every array is as long as the sheet)."""

    open: np.ndarray
    visited: np.ndarray  # a visit in the plan, up to the as-of date
    visited_y2: np.ndarray  # a visit in plan year 2
    red_ever: np.ndarray  # a visit rated Red, up to the as-of date
    cohort1: np.ndarray


def yes(frame: pd.DataFrame, name: str) -> np.ndarray:
    """Cells that read Yes (any case); a missing column reads as blank."""
    said: np.ndarray = np.char.lower(keys_of(column(frame, name)).astype(str)) == "yes"
    return said


def _visited(log: pd.DataFrame, keys: np.ndarray, first: date, last: date) -> np.ndarray:
    days = log["date"].to_numpy()
    within = (days >= np.datetime64(first, "D")) & (days <= np.datetime64(last, "D"))
    return pd.Series(keys).isin(log["key"][within].unique()).to_numpy()


def school_flags(
    schools: pd.DataFrame,
    log: pd.DataFrame,
    ratings: SchoolRatings,
    settings: Settings,
    cohort_ok: object = None,
) -> SchoolFlags:
    start, years = settings.plan_start, settings.plan_years
    year2 = plan_year_end(start, 1) + timedelta(days=1)
    red = log["key"][log["rag"].to_numpy() == 0].unique()
    cohort = keys_of(column(schools, L.SCH_COHORT)) == "1"
    if cohort_ok is not None:
        cohort &= np.asarray(cohort_ok, dtype=bool)
    return SchoolFlags(
        np.asarray(ratings.open, dtype=bool),
        _visited(log, ratings.key, start, settings.plan_end),
        _visited(log, ratings.key, year2, plan_year_end(start, 2))
        if years >= 2
        else np.zeros(len(schools), bool),
        pd.Series(ratings.key).isin(red).to_numpy() & (ratings.key != ""),
        cohort,
    )


def engaged(schools: pd.DataFrame, visited: np.ndarray) -> np.ndarray:
    """Engaged as typed, or (Engagement blank or not on the list) visited in the plan."""
    said = np.char.lower(keys_of(column(schools, L.SCH_ENGAGEMENT)).astype(str))
    words = {w.lower() for w in L.ENGAGEMENT_WORDS}
    typed = np.isin(said, list(words))
    found: np.ndarray = (said == L.ENGAGED.lower()) | (~typed & visited)
    return found


def award_applied(schools: pd.DataFrame, awards: list[str]) -> np.ndarray:
    """Award Applied is Yes, or the school holds an Award from the list (any, when none is listed)."""
    held = keys_of(column(schools, L.SCH_AWARD))
    holds = np.isin(held, awards) if awards else held != ""
    return yes(schools, L.SCH_AWARD_APPLIED) | holds


def measure_goals(
    schools: pd.DataFrame,
    ratings: SchoolRatings,
    cov: Coverage,
    flags: SchoolFlags,
    settings: Settings,
    as_of: date,
    awards: list[str] | None = None,
) -> list[Goal]:
    """Every measure the Dashboard reports, in the order it reports them (L.MEASURES)."""
    plan, o = cov.plan, flags.open
    y1_end, end = plan_year_end(plan.start, 1), plan.end

    def share(
        measure: str,
        hit: np.ndarray,
        base: np.ndarray,
        setting: str,
        deadline: date,
        basis: str = "open schools",
    ) -> Goal:
        n = int(base.sum())
        got = int((hit & base).sum())
        return Goal(measure, got, n, target(settings, setting), plan.start, deadline, basis=basis)

    goals = [
        Goal(
            L.M_Y1_COVERAGE, cov.visited_year1, cov.open_schools, cov.year1_target, plan.start, plan.year1_end
        ),
    ]
    if settings.plan_years >= 2:
        year2 = y1_end + timedelta(days=1)
        goals.append(
            Goal(
                L.M_Y2_COVERAGE,
                int((flags.visited_y2 & o).sum()),
                cov.open_schools,
                target(settings, L.S_Y2_TARGET),
                year2,
                plan_year_end(plan.start, 2),
            )
        )
    goals.append(
        Goal(L.M_PLAN_COVERAGE, cov.visited_plan, cov.open_schools, cov.plan_target, plan.start, end)
    )
    goals.append(_repeat(ratings, flags, settings, as_of))
    sdp = yes(schools, L.SCH_MUSIC_IN_SDP)
    goals.append(share(L.M_SDP_Y1, sdp, o, L.S_SDP_Y1_TARGET, y1_end))
    goals.append(share(L.M_SDP_PLAN, sdp, o, L.S_SDP_PLAN_TARGET, end))
    applied = award_applied(schools, awards or [])
    goals.append(
        share(L.M_AWARD, applied, o & flags.cohort1, L.S_AWARD_TARGET, y1_end, basis="cohort 1 schools")
    )
    recorded = np.isin(np.char.lower(keys_of(column(schools, L.SCH_FIRST_ACCESS)).astype(str)), ["yes", "no"])
    access = share(
        L.M_FIRST_ACCESS, yes(schools, L.SCH_FIRST_ACCESS), o & recorded, L.S_FIRST_ACCESS_TARGET, end,
        basis="schools with First Access recorded",
    )  # fmt: skip
    if access.base:
        goals.append(access)
    goals.append(share(L.M_ENGAGED, engaged(schools, flags.visited), o, L.S_ENGAGED_TARGET, end))
    goals.append(share(L.M_MDP, yes(schools, L.SCH_MDP), o, L.S_MDP_TARGET, end))
    return goals


def _repeat(ratings: SchoolRatings, flags: SchoolFlags, settings: Settings, as_of: date) -> Goal:
    """Schools rated Red that have had a visit since (each owed one by its Next Visit Due)."""
    base = flags.red_ever & flags.open
    owed = np.asarray(ratings.owed, dtype=bool) & flags.open
    due = pd.to_datetime(pd.Series(ratings.frame[L.SCH_NEXT_DUE].to_numpy()), errors="coerce")
    due = due[owed].dropna()
    day = pd.Timestamp(as_of)
    soon = day + pd.Timedelta(weeks=int(settings.number(L.S_DUE_SOON_WEEKS) or 0))
    return Goal(
        L.M_REPEAT,
        int((base & ~owed).sum()),
        int(base.sum()),
        target(settings, L.S_REPEAT_TARGET),
        settings.plan_start,
        max(due).date() if len(due) else as_of,
        unit="visits",
        overdue=int((due < day).sum()),
        due_soon=int(((due >= day) & (due <= soon)).sum()),
        basis="schools rated Red",
        first_due=min(due).date() if len(due) else None,
    )


def assess_all(goals: list[Goal], settings: Settings, as_of: date) -> list[Assessed]:
    margin = target(settings, L.S_AT_RISK_MARGIN)
    return [assess(goal, as_of, margin) for goal in goals]
