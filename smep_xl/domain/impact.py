"""Impact, for Ofsted's questions: are schools improving, and is every school engaged?

- Improving / Same / Declining: open schools by their Trend (their latest rated visit against
  the one before); Rated once: one rated visit so far; Not rated: none yet. By Area, then all.
- Engagement: Engaged (typed, or blank and visited in the plan), No response, Declined, and
  Not recorded (blank, no visit yet). By Area, then all; "every school engaged" is Engaged =
  Open Schools.
- RAG movement: the open schools rated at least twice, by their previous and latest RAG.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.dashboard_model import DashboardTable
from smep_xl.domain.dashboard_model import plain_frame as _plain
from smep_xl.domain.rag import SchoolRatings, column, keys_of

T_IMPROVING = "Are schools improving? Change since the previous rated visit"
T_ENGAGED = "Is every school engaged with the hub?"
T_MOVEMENT = "RAG at the previous and the latest rated visit"
ALL = "All areas"
DB_RATED_ONCE, DB_NOT_RATED_YET = "Rated Once", "Not Rated"
DB_NOT_RECORDED, DB_ENGAGED_SHARE = "Not Recorded", "Engaged %"
DB_AT = "Rated At"
PREVIOUS, LATEST = "Previous visit", "Latest visit"
RAG_ORDER = (L.RED, L.AMBER, L.GREEN)


def _by_area(
    schools: pd.DataFrame, open_: np.ndarray, kinds: pd.Series, order: tuple[str, ...]
) -> pd.DataFrame:
    """Open schools counted by Area (rows, then "All areas") and kind (columns, in `order`)."""
    area = pd.Series(keys_of(column(schools, L.SCH_AREA)), index=schools.index).replace("", L.DB_BLANK)
    frame = pd.DataFrame({"area": area[open_].to_numpy(), "kind": kinds[open_].to_numpy()})
    counts = pd.crosstab(frame["area"], frame["kind"]).reindex(columns=list(order), fill_value=0)
    counts = counts.reindex(sorted(counts.index, key=lambda g: (g == L.DB_BLANK, g.casefold())))
    counts.loc[ALL] = counts.sum()
    out = counts.reset_index().rename(columns={"area": L.SCH_AREA})
    out.columns.name = None
    return out


def improving(schools: pd.DataFrame, ratings: SchoolRatings) -> DashboardTable:
    trend = pd.Series(ratings.frame[L.SCH_TREND].to_numpy(dtype=object), index=schools.index)
    kinds = trend.map({L.NEW: DB_RATED_ONCE}).fillna(trend).fillna(DB_NOT_RATED_YET)
    order = (L.IMPROVING, L.SAME, L.DECLINING, DB_RATED_ONCE, DB_NOT_RATED_YET)
    frame = _by_area(schools, np.asarray(ratings.open, dtype=bool), kinds, order)
    note = "Open schools, by their latest rated visit against the one before."
    return DashboardTable(T_IMPROVING, _plain(frame), note=note, total_row=True)


def engagement(schools: pd.DataFrame, ratings: SchoolRatings, engaged: np.ndarray) -> DashboardTable:
    said = pd.Series(
        np.char.lower(keys_of(column(schools, L.SCH_ENGAGEMENT)).astype(str)), index=schools.index
    )
    kinds = said.map({L.NO_RESPONSE.lower(): L.NO_RESPONSE, L.DECLINED.lower(): L.DECLINED})
    kinds = kinds.where(~pd.Series(engaged, index=schools.index), L.ENGAGED).fillna(DB_NOT_RECORDED)
    order = (L.ENGAGED, L.NO_RESPONSE, L.DECLINED, DB_NOT_RECORDED)
    frame = _by_area(schools, np.asarray(ratings.open, dtype=bool), kinds, order)
    total = frame[list(order)].sum(axis=1)
    frame[L.DB_OPEN] = total
    frame[DB_ENGAGED_SHARE] = np.where(total > 0, frame[L.ENGAGED] / total.clip(lower=1), 0.0)
    whole = frame.iloc[-1]
    every = (
        "yes"
        if whole[L.ENGAGED] == whole[L.DB_OPEN]
        else f"not yet: {whole[L.DB_OPEN] - whole[L.ENGAGED]} are not"
    )
    note = f"Every open school engaged: {every}. A school visited in the plan counts as engaged unless marked otherwise."
    return DashboardTable(
        T_ENGAGED, _plain(frame), percent_columns=(DB_ENGAGED_SHARE,), note=note, total_row=True
    )


def movement(ratings: SchoolRatings) -> DashboardTable:
    """Previous and latest RAG of the open schools rated at least twice (the RAG movement chart)."""
    both = np.asarray(ratings.open, dtype=bool) & (ratings.frame[L.SCH_PREV_RAG].notna().to_numpy())
    rows = []
    for label, name in ((PREVIOUS, L.SCH_PREV_RAG), (LATEST, L.SCH_RAG)):
        words = ratings.frame[name].to_numpy(dtype=object)[both]
        rows.append({DB_AT: label, **{w: int((words == w).sum()) for w in RAG_ORDER}})
    frame = pd.DataFrame(rows, columns=[DB_AT, *RAG_ORDER])
    note = f"The {int(both.sum()):,} open schools rated at two visits or more."
    return DashboardTable(T_MOVEMENT, _plain(frame), note=note)
