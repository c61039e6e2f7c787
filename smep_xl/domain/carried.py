"""A school's rating carried over from the plan before (docs/history.md, "Rolling forward").

`smep new-plan` writes each school's last RAG and last visit date into the Schools columns
Carried RAG and Carried Last Visit. Refresh reads them as one rated visit on that date, before
the plan: the school's RAG, Trend and Next Visit Due continue from it (a Red school is still
owed its repeat visit), while coverage, which counts visits from Plan Start, and the Visits
count, which counts this workbook's visits, leave it out. A workbook without the columns, or
a blank or unreadable cell, carries nothing.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.arrays import NAT, column, dates_of, keys_of

CARRIED_ROW = -1  # the carried visit's "row": no Visits row holds it
CODES = {L.RED.lower(): 0, L.AMBER.lower(): 1, L.GREEN.lower(): 2}


def with_carried(log: pd.DataFrame, schools: pd.DataFrame, keys: np.ndarray, as_of: date) -> pd.DataFrame:
    """The visit log with each school's carried visit in date order (keys: URN per Schools row)."""
    if L.SCH_CARRIED_RAG not in schools.columns or L.SCH_CARRIED_LAST not in schools.columns:
        return log
    words = np.char.lower(keys_of(column(schools, L.SCH_CARRIED_RAG)).astype(str))
    code = np.array([CODES.get(w, -1) for w in words], dtype=np.int64)
    day = dates_of(column(schools, L.SCH_CARRIED_LAST))
    keys = np.asarray(keys, dtype=object)
    use = (code >= 0) & ~np.isnat(day) & (keys != "") & (day <= np.datetime64(as_of, "D"))
    if not use.any():
        return log
    carried = pd.DataFrame(
        {
            "key": keys[use],
            "date": day[use].astype(log["date"].to_numpy().dtype),
            "rag": code[use],
            "row": np.full(int(use.sum()), CARRIED_ROW, dtype=np.int64),
            "follow": np.full(int(use.sum()), NAT).astype(log["follow"].to_numpy().dtype),
        }
    )
    both = pd.concat([carried, log.drop(columns=["seq"], errors="ignore")], ignore_index=True)
    group = pd.factorize(both["key"])[0]
    order = np.lexsort((both["row"].to_numpy(), both["date"].to_numpy(), group))
    both = both.iloc[order].reset_index(drop=True)
    both["seq"] = np.arange(len(both))
    return both
