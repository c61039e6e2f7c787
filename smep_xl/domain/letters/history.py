"""Each visit's rating against the school's visit before it, from the visit log.

The rules are domain/rag.py's (the ones Refresh uses), applied to every visit rather than
only each school's latest: a letter about an older visit says what was true then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from smep_xl import layout as L
from smep_xl.domain import rag
from smep_xl.domain.letters.context import Rating
from smep_xl.domain.settings import Criterion, Settings

_FAR_FUTURE = date(9999, 12, 31)


@dataclass(frozen=True)
class VisitHistory:
    """The visit log read once: every visit's rating, and each school's latest visit."""

    ratings: dict[int, Rating]  # by Visits row
    latest: dict[str, int]  # URN -> Visits row of its latest dated visit
    counts: dict[str, int]
    last_dates: dict[str, date]


def visit_history(visits: pd.DataFrame, criteria: list[Criterion], settings: Settings) -> VisitHistory:
    """Rate every visit (domain/rag.py's rules) and line each up with the visit before it."""
    rated = rag.rate_visits(visits, criteria, settings)
    log = rag.visit_log(visits, rated.code, _FAR_FUTURE)
    prev = pd.Series(np.where(log["rag"] >= 0, log["rag"], np.nan)).groupby(log["key"]).shift(1)
    prev = prev.groupby(log["key"]).ffill().fillna(-1).astype(int).to_numpy()  # last rated before
    term = np.where(log["rag"].to_numpy() == 0, rag.TERM_MONTHS, 12)
    due = rag.add_months(log["date"].to_numpy(), term)
    score = rated.frame[L.VIS_SCORE]
    ratings = {}
    for i, (row, code) in enumerate(zip(log["row"].tolist(), log["rag"].tolist(), strict=True)):
        word = rag.RAG_WORDS[code] if code >= 0 else ""
        before = rag.RAG_WORDS[prev[i]] if prev[i] >= 0 else ""
        ratings[row] = Rating(score.get(row), word, before, _trend(code, prev[i]), _day(due[i]))
    grouped = log.groupby("key", sort=False)
    return VisitHistory(
        ratings,
        {k: int(v) for k, v in grouped["row"].last().items()},
        {k: int(v) for k, v in grouped.size().items()},
        {k: pd.Timestamp(d).date() for k, d in grouped["date"].last().items()},
    )


def _day(moment) -> date | None:
    """A numpy date as a date; None when blank or beyond the calendar (a visit typed as 9999)."""
    if np.isnat(moment):
        return None
    try:
        return pd.Timestamp(moment).date()
    except (ValueError, OverflowError, NotImplementedError):
        return None


def _trend(code: int, prev: int) -> str:
    if code < 0:
        return ""
    if prev < 0:
        return L.NEW
    return L.IMPROVING if code > prev else L.DECLINING if code < prev else L.SAME


def records(frame: pd.DataFrame) -> dict[int, dict]:
    """Each worksheet row as {column: value} (a plain loop: pandas' to_dict is far slower)."""
    columns = list(frame.columns)
    return {
        int(row): dict(zip(columns, values, strict=True))
        for row, values in zip(frame.index, frame.to_numpy(dtype=object).tolist(), strict=True)
    }
