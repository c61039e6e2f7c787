"""The Visits score columns: one per criterion named on Criteria, each cell a whole number 1-4.

Vectorised: a 100,000-visit log has 800,000 score cells; Python touches only the bad ones.
"""

from __future__ import annotations

import difflib

import numpy as np
import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.findings import Finding
from smep_xl.domain.scores import rejected_scores
from smep_xl.domain.validate import columns as C
from smep_xl.domain.validate.emit import at_cells, at_header, show
from smep_xl.domain.validate.grid import Grid
from smep_xl.domain.visit_types import VisitTypes

_NO_SCORE = ", so this visit gets no Score or RAG"
_SCORE_PROBLEMS = {
    "visit.score.not_number": (
        f"Score {{}} for {{}} is not a number{_NO_SCORE}.",
        "Type a whole number from 1 to 4 (4 best), or leave it blank.",
    ),
    "visit.score.range": (f"Score {{}} is outside 1-4 for {{}}{_NO_SCORE}.", "Type 1, 2, 3 or 4 (4 best)."),
    "visit.score.not_whole": (f"Score {{}} for {{}} is not a whole number{_NO_SCORE}.", "Type 1, 2, 3 or 4."),
}


def check_criterion_columns(grid: Grid, criteria: list[str]) -> list[Finding]:
    """Each criterion needs a Visits column; a stray column among the scores is named."""
    known = set(L.visits_spec(criteria).columns)
    strays = [c for c in grid.frame.columns if c not in known]
    out, renamed = [], set()
    for name in criteria:
        if grid.has(name):
            continue
        near = _closest(name, strays)
        if near:
            renamed.add(near)
        out.append(
            at_header(
                "visit.criterion.missing_column",
                grid,
                name,
                f"The criterion '{name}' (on Criteria) has no score column on Visits.",
                f"Rename the column '{near}' to '{name}'."
                if near
                else f"Add a column headed '{name}' between SLE and Strengths.",
                point_at=near,
            )
        )
    for column in _between_scores(grid, strays):
        if column not in renamed:
            out.append(
                at_header(
                    "visit.column.not_criterion",
                    grid,
                    column,
                    f"The column '{column}' sits among the scores but is not a criterion, "
                    "so it is not scored.",
                    "Add it to Criteria, or move it to the right of the table.",
                )
            )
    return out


def _closest(name: str, strays: list[str]) -> str | None:
    folded = {s.lower(): s for s in strays}
    match = difflib.get_close_matches(name.lower(), list(folded), n=1, cutoff=0.75)
    return folded[match[0]] if match else None


def _between_scores(grid: Grid, strays: list[str]) -> list[str]:
    """Stray columns placed after SLE and before Strengths, where score columns go."""
    cols = list(grid.frame.columns)
    if not (grid.has(L.VIS_SLE) and grid.has(L.VIS_STRENGTHS)):
        return []
    lo, hi = cols.index(L.VIS_SLE), cols.index(L.VIS_STRENGTHS)
    return [c for c in cols[lo + 1 : hi] if c in strays]


def scored_types(grid: Grid, types: VisitTypes) -> np.ndarray:
    """Rows whose Visit Type is expected to carry scores (Lists, Scored)."""
    if not grid.has(L.VIS_TYPE):
        return np.ones(len(grid.frame), dtype=bool)
    return types.masks(grid.frame[L.VIS_TYPE])[1]


def check_scores(grid: Grid, used: np.ndarray, criteria: list[str], types: VisitTypes) -> list[Finding]:
    """Every score a whole number 1-4 (one that is not leaves the visit without a Score and RAG);
    enough of them on a scored visit, none on a visit type that is not scored."""
    present = [c for c in criteria if grid.has(c)]
    out: list[Finding] = []
    scored = pd.DataFrame(index=grid.frame.index)  # a usable score in the cell
    typed = pd.DataFrame(index=grid.frame.index)  # anything in the cell
    for name in present:
        n = grid.numbers(name)
        bad = rejected_scores(n.value, n.bad)
        for code, mask in bad.items():
            message, tip = _SCORE_PROBLEMS[code]
            out += _cells(code, grid, name, used & mask, message, tip)
        out += C.number_text(grid, name, used, f"Score for {name}")
        with np.errstate(invalid="ignore"):
            scored[name] = (n.value >= 1) & (n.value <= 4)
        typed[name] = ~n.blank
    expected = scored_types(grid, types)
    out += _too_few(grid, used & expected, scored, len(criteria))
    return out + _unexpected(grid, used & ~expected, typed)


def _cells(code: str, grid: Grid, column: str, mask: np.ndarray, message: str, tip: str) -> list[Finding]:
    rows = grid.rows(mask)
    return at_cells(
        code, grid, column, rows, [message.format(show(grid.frame.at[r, column]), column) for r in rows], tip
    )


def _too_few(grid: Grid, used: np.ndarray, scored: pd.DataFrame, total: int) -> list[Finding]:
    """Fewer than half the criteria scored: the visit gets no RAG."""
    if scored.shape[1] == 0 or total == 0:
        return []
    counts = scored.sum(axis=1)
    few = np.asarray(used & (counts.to_numpy() * 2 < total), dtype=bool)
    if not few.any():
        return []
    gaps = scored.columns[np.argmin(scored[few].to_numpy(), axis=1)]
    n = counts[few]
    tip = f"Score at least {(total + 1) // 2} criteria, or leave it if the visit was not an audit."
    out: list[Finding] = []
    for column in dict.fromkeys(gaps):
        these = n[gaps == column]
        out += at_cells(
            "visit.scores.too_few",
            grid,
            column,
            these.index,
            [f"Only {int(k)} of {total} criteria are scored, so this visit gets no RAG." for k in these],
            tip,
        )
    return out


def _unexpected(grid: Grid, unscored: np.ndarray, scored: pd.DataFrame) -> list[Finding]:
    """Scores typed on a visit whose type is not scored: they are not used."""
    if scored.shape[1] == 0 or not grid.has(L.VIS_TYPE):
        return []
    has = np.asarray(unscored & scored.to_numpy().any(axis=1), dtype=bool)
    rows = grid.rows(has)
    first = scored.columns[np.argmax(scored.loc[rows].to_numpy(), axis=1)] if len(rows) else []
    out: list[Finding] = []
    for row, column in zip(rows, first, strict=True):
        kind = show(grid.frame.at[row, L.VIS_TYPE])
        out += at_cells(
            "visit.scores.unexpected",
            grid,
            column,
            [row],
            [
                f"This visit has scores, but {L.VIS_TYPE} {kind} is not scored ({L.LIST_SCORED} = No on "
                f"{L.LISTS}), so they are not used."
            ],
            f"Change the {L.VIS_TYPE}, or set {L.LIST_SCORED} to Yes beside it on {L.LISTS}.",
        )
    return out
