"""A snapshot: the plan's figures on one date, as History rows (docs/history.md).

One row per Dashboard measure (its figure, count, target, due date and status word) and one
row per school (open or closed, RAG, latest Score, visits, last visit and the coverage flags),
all as Refresh worked them out for the snapshot's as-of date. Every step is a whole-column
operation, so 22,000 schools make 22,000 rows in a fraction of a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.arrays import column, keys_of
from smep_xl.domain.coverage import PlanYears
from smep_xl.domain.rag import SchoolRatings
from smep_xl.domain.status import Assessed

COLUMNS = list(L.HISTORY_SPEC.columns)


def term_label(day: date) -> str:
    """The English school term a date falls in: Autumn (Sep-Dec), Spring (Jan-Mar), Summer (Apr-Aug)."""
    if day.month >= 9:
        return f"Autumn {day.year}"
    return f"Spring {day.year}" if day.month <= 3 else f"Summer {day.year}"


@dataclass(frozen=True)
class Stamp:
    """What every row of one snapshot carries."""

    label: str
    as_of: date
    taken: datetime


def measure_rows(stamp: Stamp, statuses: list[Assessed]) -> pd.DataFrame:
    rows = [
        {
            L.HIS_KIND: L.KIND_MEASURE,
            L.HIS_NAME: a.goal.measure,
            L.HIS_FIGURE: round(a.share, 6),
            L.HIS_COUNTED: a.goal.achieved,
            L.HIS_BASE: a.goal.base,
            L.HIS_TARGET: a.goal.target,
            L.HIS_DUE: a.goal.deadline,
            L.HIS_STATUS: a.status,
        }
        for a in statuses
    ]
    return _stamped(stamp, pd.DataFrame(rows, columns=COLUMNS, dtype=object))


@dataclass(frozen=True)
class SchoolInputs:
    schools: pd.DataFrame  # the Schools sheet as read
    ratings: SchoolRatings
    log: pd.DataFrame  # the visit log up to the as-of date (domain/rag.visit_log)
    scores: pd.Series  # Visits Score by worksheet row
    plan: PlanYears


def school_rows(stamp: Stamp, given: SchoolInputs) -> pd.DataFrame:
    """Every school row (rows that are not schools are left out)."""
    ratings, log = given.ratings, given.log
    keep = np.asarray(ratings.school, dtype=bool) if len(ratings.school) else ratings.key != ""
    keys = ratings.key
    frame = ratings.frame
    rows = pd.DataFrame(
        {
            L.HIS_KIND: L.KIND_SCHOOL,
            L.HIS_NAME: keys_of(column(given.schools, L.SCH_NAME)),
            L.HIS_URN: [_urn(k) for k in keys],
            L.HIS_FIGURE: _latest_scores(log, keys, given.scores),
            L.HIS_STATUS: frame[L.SCH_RAG].to_numpy(),
            L.HIS_OPEN: np.where(np.asarray(ratings.open, dtype=bool), L.YES, L.NO),
            L.HIS_VISITS: [int(v) if v is not None else 0 for v in frame[L.SCH_VISITS].tolist()],
            L.HIS_LAST_VISIT: frame[L.SCH_LAST_VISIT].to_numpy(),
            L.HIS_VISITED_Y1: _yes(_visited(log, keys, given.plan.start, given.plan.year1_end)),
            L.HIS_VISITED_PLAN: _yes(_visited(log, keys, given.plan.start, given.plan.end)),
            L.HIS_TARGETED: frame[L.SCH_TARGETED].to_numpy(),
        },
        columns=COLUMNS,
        dtype=object,
    )
    return _stamped(stamp, rows[keep].reset_index(drop=True))


def _stamped(stamp: Stamp, frame: pd.DataFrame) -> pd.DataFrame:
    frame[L.HIS_SNAPSHOT] = stamp.label
    frame[L.HIS_AS_OF] = stamp.as_of
    frame[L.HIS_TAKEN] = stamp.taken
    return frame.astype(object).where(frame.notna(), None)


def _urn(key: str) -> object:
    """A numeric URN goes back as a number, as staff typed it."""
    return int(key) if key.isdigit() and len(key) < 16 else key


def _yes(flags: np.ndarray) -> np.ndarray:
    return np.where(flags, L.YES, L.NO)


def _visited(log: pd.DataFrame, keys: np.ndarray, first: date, last: date) -> np.ndarray:
    days = log["date"].to_numpy()
    within = (days >= np.datetime64(first, "D")) & (days <= np.datetime64(last, "D"))
    seen: np.ndarray = pd.Series(keys).isin(log["key"][within].unique()).to_numpy()
    named: np.ndarray = keys != ""
    both: np.ndarray = seen & named
    return both


def _latest_scores(log: pd.DataFrame, keys: np.ndarray, scores: pd.Series) -> np.ndarray:
    """The Score of each school's latest rated visit (blank when it has none)."""
    rated = log[log["rag"].to_numpy() >= 0]
    latest_row = rated.groupby("key", sort=False)["row"].last()
    found = scores.reindex(latest_row.to_numpy()).to_numpy()  # one look-up for every school
    score = pd.Series(found, index=latest_row.index).reindex(pd.Index(keys))
    return np.asarray(score.astype(object).where(score.notna(), None), dtype=object)
