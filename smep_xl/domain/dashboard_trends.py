"""Coverage over time: the share of open schools visited by the end of each month of the plan,
against the target line (the chart "Are we visiting schools fast enough?").

The target line runs straight from 0 at Plan Start to the Year 1 Coverage Target at the Year 1
Coverage Deadline, then on to the Plan Coverage Target at the end of the plan: the pace the
targets ask for. Months after the as-of date have no coverage yet (a gap in the line).
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from smep_xl.domain.coverage import Coverage
from smep_xl.domain.dashboard_model import DashboardTable, plain_frame
from smep_xl.domain.rag import SchoolRatings
from smep_xl.domain.status import elapsed

T_MONTHLY = "Coverage by month"
DB_MONTH, DB_VISITED_SO_FAR, DB_COVERAGE_SO_FAR, DB_TARGET_LINE = (
    "Month",
    "Schools Visited",
    "Coverage",
    "Target Line",
)


def month_ends(start: date, end: date) -> list[date]:
    """The last day of each month from start's month to end's."""
    out, month = [], date(start.year, start.month, 1)
    while month <= end:
        following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        out.append(following - timedelta(days=1))
        month = following
    return out


def target_line(cov: Coverage, day: date) -> float:
    plan = cov.plan
    if day <= plan.year1_end:
        return cov.year1_target * elapsed(plan.start, plan.year1_end, day)
    rest = elapsed(plan.year1_end, plan.end, day)
    return cov.year1_target + (cov.plan_target - cov.year1_target) * rest


def monthly(cov: Coverage, log: pd.DataFrame, ratings: SchoolRatings) -> DashboardTable:
    """One row per month of the plan: open schools first visited by its end, their share, the target."""
    start = np.datetime64(cov.plan.start, "D")
    keys = pd.Series(ratings.key)[np.asarray(ratings.open, dtype=bool) & (ratings.key != "")]
    counted = log[(log["date"].to_numpy() >= start) & log["key"].isin(keys).to_numpy()]
    first = np.sort(counted.groupby("key", sort=False)["date"].min().to_numpy().astype("datetime64[D]"))
    rows = []
    for end in month_ends(cov.plan.start, cov.plan.end):
        known = date(end.year, end.month, 1) <= cov.as_of
        upto = np.datetime64(min(end, cov.as_of), "D")
        visited = int(np.searchsorted(first, upto, side="right")) if known else None
        share = (
            visited / cov.open_schools
            if visited is not None and cov.open_schools
            else (0.0 if known else None)
        )
        rows.append(
            {
                DB_MONTH: f"{end:%b %Y}",
                DB_VISITED_SO_FAR: visited,
                DB_COVERAGE_SO_FAR: share,
                DB_TARGET_LINE: round(target_line(cov, end), 4),
            }
        )
    columns = [DB_MONTH, DB_VISITED_SO_FAR, DB_COVERAGE_SO_FAR, DB_TARGET_LINE]
    frame = plain_frame(pd.DataFrame(rows, columns=columns, dtype=object))
    note = "Open schools visited at least once in the plan by the end of each month (to the as-of date)."
    return DashboardTable(T_MONTHLY, frame, percent_columns=(DB_COVERAGE_SO_FAR, DB_TARGET_LINE), note=note)
