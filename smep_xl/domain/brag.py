"""Target RAG (BRAG) of each objective row, with its Due Date and Days Left.

At the as-of date (docs/rules.md states these rules with worked examples):
- Blue when Status is Complete or Progress % is 100; a Blue row has no Days Left;
- Red when the Due Date has passed (it is before the as-of date);
- Amber when the Due Date is within Amber Window Days and Progress % is below the share of
  the time from Plan Start to the Due Date that has gone by;
- otherwise Green.
Due Date is the end of the last period named in By When, read by the parser Validate uses.
A row whose By When is ongoing ("termly") has no Due Date and is Green unless Blue; a blank,
unreadable or not fully understood By When gets no Target RAG unless Blue, and a row whose
Progress % Validate rejects gets none at all (Validate reports both).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.admission import TargetAdmission, admit_targets, grid_of
from smep_xl.domain.by_when import DATE, RECURRING, parse_by_when
from smep_xl.domain.rag import column, threshold
from smep_xl.domain.settings import Settings
from smep_xl.domain.values import as_percent, is_blank, percent_column, text

BRAG_ORDER = (L.BLUE, L.GREEN, L.AMBER, L.RED)


class TargetRating(NamedTuple):
    due: date | None
    rag: str | None
    days_left: float | None


def is_complete(status: object) -> bool:
    return text(status).casefold() in {word.casefold() for word in L.COMPLETE}


def elapsed_percent(plan_start: date, due: date, as_of: date) -> float:
    """How much of the time from Plan Start to the Due Date has gone, 0-100."""
    span = (due - plan_start).days
    if span <= 0:
        return 100.0
    return min(max((as_of - plan_start).days / span * 100, 0.0), 100.0)


def rate_target(
    by_when: object,
    status: object,
    progress: object,
    *,
    plan_start: date,
    as_of: date,
    window: float,
    plan_years: int = 2,
) -> TargetRating:
    """One objective row's Due Date, Target RAG and Days Left."""
    parsed = parse_by_when(by_when, plan_start, plan_years)
    due = parsed.due if parsed.kind == DATE else None
    done = (progress if isinstance(progress, float) else as_percent(progress)) or 0.0
    if is_complete(status) or done >= 100:
        return TargetRating(due, L.BLUE, None)  # complete: no days are left to count
    if due is None:
        return TargetRating(None, L.GREEN if parsed.kind == RECURRING else None, None)
    days_left = float((due - as_of).days)
    if days_left < 0:
        return TargetRating(due, L.RED, days_left)
    if days_left <= window and done < elapsed_percent(plan_start, due, as_of):
        return TargetRating(due, L.AMBER, days_left)
    return TargetRating(due, L.GREEN, days_left)


def rate_targets(
    objectives: pd.DataFrame, settings: Settings, as_of: date, admission: TargetAdmission | None = None
) -> pd.DataFrame:
    """Due Date, Target RAG, Days Left for every Objectives row (index = worksheet rows); a row
    whose Progress % Validate rejects (admission) gets no Target RAG.

    A grid has tens of rows, so one pass in Python is plenty.
    """
    admission = admission or admit_targets(grid_of(L.OBJECTIVES, objectives), settings)
    window = threshold(settings, L.S_AMBER_DAYS)
    progress = percent_column(list(column(objectives, L.OBJ_PROGRESS)))  # 0-100, read column-wise
    start, years = settings.plan_start, settings.plan_years
    cells = zip(
        column(objectives, L.OBJ_BY_WHEN), column(objectives, L.OBJ_STATUS), progress, admission.rated
    )
    rows = [
        rate_target(b, s, p, plan_start=start, as_of=as_of, window=window, plan_years=years)
        if ok
        else rate_target(
            b, None, None, plan_start=start, as_of=as_of, window=window, plan_years=years
        )._replace(rag=None)
        for b, s, p, ok in cells
    ]
    return pd.DataFrame(
        {
            L.OBJ_DUE: [r.due for r in rows],
            L.OBJ_BRAG: [r.rag for r in rows],
            L.OBJ_DAYS_LEFT: [r.days_left for r in rows],
        },
        index=objectives.index,
        dtype=object,
    )


def brag_counts(objectives: pd.DataFrame, ratings: pd.DataFrame) -> dict[str, int]:
    """Targets by BRAG; "Not rated" = rows with a SMART Target or By When but no Target RAG."""
    counts = {word: int((ratings[L.OBJ_BRAG] == word).sum()) for word in BRAG_ORDER}
    has_target = ~(
        column(objectives, L.OBJ_TARGET).map(is_blank) & column(objectives, L.OBJ_BY_WHEN).map(is_blank)
    )
    counts[L.DB_NOT_RATED] = int((has_target & ratings[L.OBJ_BRAG].isna()).sum())
    return counts
