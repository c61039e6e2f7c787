"""Each visit's rating against the school's visit before it, from the visit log.

The rules are domain/rag.py's (the ones Refresh uses), applied to every visit rather than
only each school's latest: a letter about an older visit says what was true then. The rows
are admitted as Refresh admits them (domain/admission.py): a visit Validate leaves out of the
figures gets no rating, and its finding says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from smep_xl import layout as L
from smep_xl.domain import rag
from smep_xl.domain.admission import admit_visits, grid_of
from smep_xl.domain.findings import ERROR
from smep_xl.domain.letters.context import Rating
from smep_xl.domain.settings import Criterion, Settings

_FAR_FUTURE = date(9999, 12, 31)


@dataclass(frozen=True)
class VisitHistory:
    """The visit log read once: every visit's rating, and each school's latest visit."""

    ratings: dict[int, Rating]  # by Visits row: the visits that count
    latest: dict[str, int]  # URN -> Visits row of its latest dated visit
    counts: dict[str, int]
    last_dates: dict[str, date]
    left_out: dict[int, str] = field(default_factory=dict)  # Visits row -> why it has no rating
    rejected: frozenset[int] = frozenset()  # rows with a score Validate rejects (no Score, no RAG)


def visit_history(
    visits: pd.DataFrame, criteria: list[Criterion], settings: Settings, today: date | None = None
) -> VisitHistory:
    """Rate every visit (domain/rag.py's rules) and line each up with the visit before it."""
    grid = grid_of(L.VISITS, visits)
    admission = admit_visits(grid, None, settings, [c.name for c in criteria], today)
    visits = grid.frame
    rated = rag.rate_visits(visits, criteria, settings, admission)
    log = rag.visit_log(visits, rated.code, _FAR_FUTURE, admission)
    shifted = pd.Series(np.where(log["rag"] >= 0, log["rag"], np.nan)).groupby(log["key"]).shift(1)
    prev = shifted.groupby(log["key"]).ffill().fillna(-1).astype(int).to_numpy()  # last rated before
    term = np.where(log["rag"].to_numpy() == 0, rag.TERM_MONTHS, 12)
    due = rag.add_months(log["date"].to_numpy(), term)
    due = np.where(np.isnat(log["follow"].to_numpy()), due, log["follow"].to_numpy())  # as staff typed
    score = dict(zip(rated.frame.index, rated.frame[L.VIS_SCORE], strict=True))  # a dict: Series.get is slow
    ratings: dict[int, Rating] = {}
    for i, (row, code) in enumerate(zip(log["row"].tolist(), log["rag"].tolist(), strict=True)):
        word = rag.RAG_WORDS[code] if code >= 0 else ""
        before = rag.RAG_WORDS[prev[i]] if prev[i] >= 0 else ""
        ratings[row] = Rating(score.get(row), word, before, _trend(code, prev[i]), _day(due[i]))
    grouped = log.groupby("key", sort=False)
    why: dict[int, str] = {}
    for f in admission.findings:
        if f.row is not None and f.severity == ERROR:
            why.setdefault(int(f.row), f.message)
    scores = frozenset(
        int(f.row) for f in admission.findings if f.row is not None and f.code.startswith("visit.score.")
    )
    return VisitHistory(
        ratings,
        {str(k): int(v) for k, v in grouped["row"].last().items()},  # keys are URNs as text already
        {str(k): int(v) for k, v in grouped.size().items()},
        {str(k): pd.Timestamp(d).date() for k, d in grouped["date"].last().items()},
        why,
        scores,
    )


def _day(moment: np.datetime64) -> date | None:
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


def records(frame: pd.DataFrame) -> dict[int, dict[str, object]]:
    """Each worksheet row as {column: value} (a plain loop: pandas' to_dict is far slower)."""
    columns = list(frame.columns)
    return {
        int(row): dict(zip(columns, values, strict=True))
        for row, values in zip(frame.index, frame.to_numpy(dtype=object).tolist(), strict=True)
    }
