"""Visit coverage against the plan's targets, overall and by Area, Phase and SLE.

Plan years run from Plan Start (1 Sep in the demo) for a year each. Only open schools count,
on both sides of the fraction: a closed school (Status = Closed) is left out of the schools
and of the visited, whenever it closed. Visits after the as-of date do not count yet.
- Year 1 coverage = open schools with a visit from Plan Start to the Year 1 Coverage Deadline
  (blank: the end of plan year 1) / open schools (target 60%).
- Plan coverage = open schools visited at least once in the plan / open schools (target 100%).
- A school in Targeted Support (RAG Red) is owed a repeat visit until it has a visit after
  the one that rated it Red.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.dashboard_model import plain_frame
from smep_xl.domain.rag import SchoolRatings, column, keys_of
from smep_xl.domain.settings import DEFAULTS, Settings

GROUP_COLUMNS = (
    L.DB_OPEN,
    L.DB_VISITED_Y1,
    L.DB_Y1_COVERAGE,
    L.DB_Y1_TARGET,
    L.DB_VISITED,
    L.DB_COVERAGE,
    L.DB_TARGET,
    L.DB_UNVISITED,
    L.DB_TARGETED,
    L.DB_OWED,
)
PERCENT_COLUMNS = (L.DB_Y1_COVERAGE, L.DB_Y1_TARGET, L.DB_COVERAGE, L.DB_TARGET)
UNVISITED_COLUMNS = (L.SCH_URN, L.SCH_NAME, L.SCH_AREA, L.SCH_PHASE, L.SCH_SLE, L.SCH_COHORT, L.SCH_NEXT_DUE)
OWED_COLUMNS = (L.SCH_URN, L.SCH_NAME, L.SCH_AREA, L.SCH_SLE, L.SCH_RAG, L.SCH_LAST_VISIT, L.SCH_NEXT_DUE)


@dataclass(frozen=True)
class PlanYears:
    start: date
    year1_end: date
    end: date

    @classmethod
    def of(cls, settings: Settings) -> PlanYears:
        """year1_end is the Year 1 Coverage Deadline (blank: the last day of plan year 1)."""
        return cls(settings.plan_start, settings.year1_deadline, settings.plan_end)


@dataclass
class Coverage:
    as_of: date
    plan: PlanYears
    open_schools: int
    closed_schools: int
    visited_year1: int
    visited_plan: int
    year1: float  # 0-1
    whole_plan: float  # 0-1
    year1_target: float
    plan_target: float
    by_area: pd.DataFrame
    by_phase: pd.DataFrame
    by_sle: pd.DataFrame
    unvisited: pd.DataFrame  # open schools not visited in the plan so far
    repeat_owed: pd.DataFrame  # Targeted Support schools still owed a repeat visit

    @property
    def in_year1(self) -> bool:
        """Year 1's target is the one in force (up to the end of plan year 1)."""
        return self.as_of <= self.plan.year1_end


def target(settings: Settings, name: str) -> float:
    found = settings.fraction(name)
    return float(DEFAULTS[name]) if found is None else found  # type: ignore[arg-type]  # a number setting's default is a number


def measure(
    schools: pd.DataFrame, log: pd.DataFrame, ratings: SchoolRatings, settings: Settings, as_of: date
) -> Coverage:
    plan = PlanYears.of(settings)
    flags = _school_flags(log, ratings, plan)
    y1_target, plan_target = target(settings, L.S_Y1_TARGET), target(settings, L.S_PLAN_TARGET)
    open_ = flags[flags["open"]]
    n = len(open_)
    y1, whole = int(open_["y1"].sum()), int(open_["plan"].sum())
    groups = {
        name: _by(schools, flags, name, y1_target, plan_target)
        for name in (L.SCH_AREA, L.SCH_PHASE, L.SCH_SLE)
    }
    listed = schools.assign(**{c: ratings.frame[c] for c in ratings.frame.columns})
    listed[L.SCH_URN] = [int(k) if k.isdigit() else k for k in ratings.key]
    return Coverage(
        as_of,
        plan,
        n,
        int((ratings.school & ~ratings.open).sum()),
        y1,
        whole,
        _share(y1, n),
        _share(whole, n),
        y1_target,
        plan_target,
        groups[L.SCH_AREA],
        groups[L.SCH_PHASE],
        groups[L.SCH_SLE],
        _listing(listed, flags["open"] & ~flags["plan"], UNVISITED_COLUMNS, L.SCH_NEXT_DUE),
        _listing(listed, flags["open"] & flags["owed"], OWED_COLUMNS, L.SCH_LAST_VISIT),
    )


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _school_flags(log: pd.DataFrame, ratings: SchoolRatings, plan: PlanYears) -> pd.DataFrame:
    days = log["date"].to_numpy()
    start = days >= np.datetime64(plan.start, "D")
    year1 = log["key"][start & (days <= np.datetime64(plan.year1_end, "D"))].unique()
    whole = log["key"][start & (days <= np.datetime64(plan.end, "D"))].unique()
    keys = pd.Series(ratings.key, index=ratings.frame.index)
    return pd.DataFrame(
        {
            "open": ratings.open,
            "y1": keys.isin(year1).to_numpy(),
            "plan": keys.isin(whole).to_numpy(),
            "targeted": ratings.code == 0,
            "owed": ratings.owed,
        },
        index=ratings.frame.index,
    )


def _by(
    schools: pd.DataFrame, flags: pd.DataFrame, name: str, y1_target: float, plan_target: float
) -> pd.DataFrame:
    """One row per value of `name` (Area, Phase or SLE), open schools only."""
    label = pd.Series(keys_of(column(schools, name)), index=schools.index).replace("", L.DB_BLANK)
    open_ = flags[flags["open"]].assign(group=label[flags["open"]])
    sums = open_.groupby("group", sort=True)[["open", "y1", "plan", "targeted", "owed"]].sum()
    sums = sums.reindex(sorted(sums.index, key=lambda g: (g == L.DB_BLANK, g.casefold())))
    n = sums["open"].to_numpy()
    out = pd.DataFrame(
        {
            name: sums.index.to_numpy(dtype=object),
            L.DB_OPEN: n,
            L.DB_VISITED_Y1: sums["y1"].to_numpy(),
            L.DB_Y1_COVERAGE: _shares(sums["y1"].to_numpy(), n),
            L.DB_Y1_TARGET: y1_target,
            L.DB_VISITED: sums["plan"].to_numpy(),
            L.DB_COVERAGE: _shares(sums["plan"].to_numpy(), n),
            L.DB_TARGET: plan_target,
            L.DB_UNVISITED: n - sums["plan"].to_numpy(),
            L.DB_TARGETED: sums["targeted"].to_numpy(),
            L.DB_OWED: sums["owed"].to_numpy(),
        }
    )
    return plain_frame(out)


def _shares(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(whole > 0, part / np.maximum(whole, 1), 0.0)


def _listing(schools: pd.DataFrame, mask: pd.Series, columns: tuple[str, ...], by: str) -> pd.DataFrame:
    """The schools picked by `mask`, soonest `by` date first, then in sheet order."""
    picked = pd.DataFrame({c: column(schools, c) for c in columns})[mask.to_numpy()]
    picked = picked.assign(_row=picked.index).sort_values([by, "_row"], key=_date_key, kind="stable")
    picked = picked.drop(columns="_row").reset_index(drop=True).astype(object)
    return picked.where(picked.notna(), None)


def _date_key(series: pd.Series) -> pd.Series:
    if series.name == "_row":
        return series
    return pd.to_datetime(series, errors="coerce")
