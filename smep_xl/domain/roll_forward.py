"""Rolling the plan forward: the next plan's input tables made from this plan's (docs/history.md).

Schools (every column, the hub's own too), Criteria and Lists are carried over as they are.
Settings keep every value but Plan Start and Plan Years (the new plan's), the Year 1 Coverage
Deadline (moved on by the whole years between the two starts) and the As Of Date (cleared).
Each objective's Next Year Target becomes its SMART Target, with By When, Status and Progress %
cleared; an objective with no Next Year Target keeps its SMART Target. Computed columns start
blank: the next Refresh works them out. Each school's last RAG and last visit date go into
Carried RAG and Carried Last Visit (domain/carried.py reads them).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.values import as_date, is_blank


def inputs_only(frame: pd.DataFrame, computed: tuple[str, ...]) -> pd.DataFrame:
    """The table without its computed columns, rows renumbered from 0."""
    return frame.drop(columns=[c for c in computed if c in frame.columns]).reset_index(drop=True)


def next_objectives(objectives: pd.DataFrame) -> pd.DataFrame:
    out = inputs_only(objectives, L.OBJECTIVES_SPEC.computed).astype(object)
    if L.OBJ_NEXT_YEAR in out.columns:
        nxt = out[L.OBJ_NEXT_YEAR]
        has = ~nxt.map(is_blank)
        out.loc[has, L.OBJ_TARGET] = nxt[has]
        out[L.OBJ_NEXT_YEAR] = None
    for name in (L.OBJ_BY_WHEN, L.OBJ_STATUS, L.OBJ_PROGRESS):
        if name in out.columns:
            out[name] = None
    return out


def moved_on(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def next_settings(settings: pd.DataFrame, old_start: date, start: date, years: int) -> pd.DataFrame:
    out = settings.reset_index(drop=True).astype(object).copy()
    shift = (
        start.year
        - old_start.year
        + (0 if (start.month, start.day) >= (old_start.month, old_start.day) else -1)
    )
    for i, name in enumerate(out[L.SET_NAME].tolist()):
        value = out.at[i, L.SET_VALUE]
        if name == L.S_PLAN_START:
            value = start
        elif name == L.S_PLAN_YEARS:
            value = years
        elif name == L.S_AS_OF:
            value = None
        elif name == L.S_Y1_DEADLINE and (deadline := as_date(value)) is not None:
            value = moved_on(deadline, shift)
        out.at[i, L.SET_VALUE] = value  # type: ignore[assignment]  # pandas-stubs' scalar type is narrower than a cell's
    return out


def next_schools(schools: pd.DataFrame, ratings: pd.DataFrame) -> pd.DataFrame:
    """ratings: the computed Schools columns at the day before the new plan (same index)."""
    out = inputs_only(schools, L.SCHOOLS_SPEC.computed).astype(object)
    for name, source in ((L.SCH_CARRIED_RAG, L.SCH_RAG), (L.SCH_CARRIED_LAST, L.SCH_LAST_VISIT)):
        values = ratings[source].reindex(schools.index).tolist()
        out[name] = pd.Series([None if is_blank(v) else v for v in values], index=out.index, dtype=object)
    return out
