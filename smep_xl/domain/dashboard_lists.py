"""The Dashboard's action lists: which schools need something done, most urgent first.

- Overdue: open schools visited in the plan whose Next Visit Due has passed: repeat visits for
  schools in Targeted Support first, then follow-ups, each most days overdue first.
- Due soon: the same, due within Due Soon Weeks of the as-of date, soonest first.
- Never visited: open schools with no visit in the plan, soonest due first, then by SLE.
- Rating fell: open schools whose RAG is below their Previous RAG, the biggest fall first
  (Green to Red), then the soonest due.
- Not engaged: open schools whose Engagement is No response (first: they may still say yes)
  or Declined.
Each list shows at most Dashboard List Rows schools and says how many it leaves out; every
school links to its row on the Schools sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.dashboard_model import DashboardTable
from smep_xl.domain.rag import SchoolRatings, column, keys_of
from smep_xl.domain.settings import Settings

T_OVERDUE = "Overdue: repeat visits and follow-ups"
T_DUE_SOON = "Follow-ups due in the next {} weeks"
T_NEVER = "Never visited in the plan, by SLE"
T_FELL = "Rating fell since the previous visit"
T_NOT_ENGAGED = "Declined, or no response to the hub"
DB_WHAT, DB_DUE, DB_DAYS_OVERDUE, DB_DAYS_LEFT = "Visit", "Due", "Days Overdue", "Days Left"
REPEAT, FOLLOW_UP = "Repeat visit", "Follow-up"
_RANK = {L.RED: 0, L.AMBER: 1, L.GREEN: 2}


@dataclass(frozen=True)
class ListInputs:
    schools: pd.DataFrame  # the Schools table as read (index = worksheet rows)
    ratings: SchoolRatings
    visited: np.ndarray  # a visit in the plan, up to the as-of date
    as_of: date
    link: str  # the Schools column letter each school links to, e.g. "B"


def _base(inp: ListInputs) -> pd.DataFrame:
    """One row per school with what the lists show, in sheet order."""
    s, r = inp.schools, inp.ratings.frame
    return pd.DataFrame(
        {
            L.SCH_NAME: keys_of(column(s, L.SCH_NAME)),
            L.SCH_URN: [int(k) if k.isdigit() else k for k in inp.ratings.key],
            L.SCH_SLE: keys_of(column(s, L.SCH_SLE)),
            L.SCH_AREA: keys_of(column(s, L.SCH_AREA)),
            L.SCH_COHORT: column(s, L.SCH_COHORT).to_numpy(dtype=object),
            L.SCH_RAG: r[L.SCH_RAG].to_numpy(dtype=object),
            L.SCH_PREV_RAG: r[L.SCH_PREV_RAG].to_numpy(dtype=object),
            L.SCH_LAST_VISIT: r[L.SCH_LAST_VISIT].to_numpy(dtype=object),
            "due": pd.to_datetime(pd.Series(r[L.SCH_NEXT_DUE].to_numpy()), errors="coerce").to_numpy(),
            L.SCH_ENGAGEMENT: keys_of(column(s, L.SCH_ENGAGEMENT)),
            "row": np.asarray(s.index, dtype=np.int64),
        }
    )


def action_lists(inp: ListInputs, settings: Settings) -> list[DashboardTable]:
    base = _base(inp)
    cap = int(settings.value(L.S_LIST_ROWS))  # type: ignore[arg-type]
    weeks = int(settings.value(L.S_DUE_SOON_WEEKS))  # type: ignore[arg-type]
    day = np.datetime64(inp.as_of, "ns")
    is_open, visited = np.asarray(inp.ratings.open, dtype=bool), np.asarray(inp.visited, dtype=bool)
    due = base["due"].to_numpy()
    has_due = ~np.isnat(due)
    days = ((due - day) / np.timedelta64(1, "D")).astype(float)
    base[DB_WHAT] = np.where(base[L.SCH_RAG] == L.RED, REPEAT, FOLLOW_UP)
    base["follow_up"] = (base[DB_WHAT] == FOLLOW_UP).to_numpy()
    base[DB_DAYS_OVERDUE], base[DB_DAYS_LEFT] = -days, days
    fell = falls(base[L.SCH_PREV_RAG], base[L.SCH_RAG])
    base["fall"] = fell
    said = base[L.SCH_ENGAGEMENT].str.lower()
    not_engaged = said.isin([L.NO_RESPONSE.lower(), L.DECLINED.lower()]).to_numpy()
    base["engaged_rank"] = np.where(said == L.NO_RESPONSE.lower(), 0, 1)
    picks = (
        (T_OVERDUE, is_open & visited & has_due & (days < 0), ["follow_up", DB_DAYS_OVERDUE], [True, False],
         "repeat visits first, then most overdue"),
        (T_DUE_SOON.format(weeks), is_open & visited & has_due & (days >= 0) & (days <= 7 * weeks),
         ["due"], [True], "soonest first"),
        (T_NEVER, is_open & ~visited, ["due", L.SCH_SLE], [True, True], "soonest due first"),
        (T_FELL, is_open & (fell > 0), ["fall", "due"], [False, True], "biggest fall first"),
        (T_NOT_ENGAGED, is_open & not_engaged, ["engaged_rank", L.SCH_SLE], [True, True], "no response first"),
    )  # fmt: skip
    return [_listed(base, title, mask, by, up, order, cap, inp.link) for title, mask, by, up, order in picks]


def falls(previous: pd.Series, now: pd.Series) -> np.ndarray:
    """How many steps each RAG fell (Green to Red: 2); 0 when it did not fall or either is not a RAG."""
    was = pd.Series(previous.to_numpy(dtype=object)).map(_RANK).to_numpy(float)
    is_ = pd.Series(now.to_numpy(dtype=object)).map(_RANK).to_numpy(float)
    return np.nan_to_num(np.clip(was - is_, 0, None)).astype(int)


_COLUMNS = {  # the same kind of value in the same column of every list, so the columns stay narrow
    T_OVERDUE: (L.SCH_NAME, L.SCH_URN, L.SCH_RAG, DB_DUE, DB_DAYS_OVERDUE, L.SCH_SLE, DB_WHAT),
    T_DUE_SOON: (L.SCH_NAME, L.SCH_URN, L.SCH_RAG, DB_DUE, DB_DAYS_LEFT, L.SCH_SLE, DB_WHAT),
    T_NEVER: (L.SCH_NAME, L.SCH_URN, L.SCH_COHORT, DB_DUE, DB_DAYS_LEFT, L.SCH_SLE, L.SCH_AREA),
    T_FELL: (L.SCH_NAME, L.SCH_URN, L.SCH_RAG, DB_DUE, L.SCH_PREV_RAG, L.SCH_SLE, L.SCH_LAST_VISIT),
    T_NOT_ENGAGED: (L.SCH_NAME, L.SCH_URN, L.SCH_ENGAGEMENT, DB_DUE, L.SCH_COHORT, L.SCH_SLE, L.SCH_AREA),
}


def _listed(base, title, mask, by, ascending, order, cap, link) -> DashboardTable:
    picked = base[mask].sort_values(
        [*by, "row"], ascending=[*ascending, True], kind="stable", na_position="last"
    )
    total = len(picked)
    kind = T_DUE_SOON if title.startswith("Follow-ups due") else title
    shown = picked.head(cap).copy()
    shown[DB_DUE] = [d.date() if d == d else None for d in pd.to_datetime(shown["due"])]  # capped: cheap
    frame = shown[list(_COLUMNS[kind])].copy()
    for name in (DB_DAYS_OVERDUE, DB_DAYS_LEFT):
        if name in frame:
            frame[name] = [int(round(v)) if v == v else None for v in frame[name]]  # NaN: no date
    frame = frame.astype(object).where(frame.notna(), None).reset_index(drop=True)
    frame = frame.map(lambda v: None if v == "" else v)
    note = _note(total, len(shown), order)
    links = tuple(f"{L.SCHOOLS}!{link}{row}" for row in shown["row"])
    more = (L.SCH_PREV_RAG,) if L.SCH_PREV_RAG in frame.columns else ()
    return DashboardTable(
        title,
        frame,
        L.SCH_RAG,
        link_column=L.SCH_URN,
        links=links,
        note=note,
        cap=cap,
        more_rag_columns=more,
        total=total,
    )


def _note(total: int, shown: int, order: str) -> str:
    if total == 0:
        return "None."
    if shown < total:
        return f"The first {shown:,} of {total:,}, {order}; filter the Schools sheet for the rest."
    return f"All {total:,}, {order}."
