"""Checks that several sheets make of a column: required, unique, from a list, a date, a number."""

from __future__ import annotations

import difflib

import numpy as np
import pandas as pd

from smep_xl.domain.findings import Finding
from smep_xl.domain.validate import frames
from smep_xl.domain.validate.emit import at_cells, show
from smep_xl.domain.validate.grid import Grid
from smep_xl.domain.values import row_number


def missing(
    grid: Grid, column: str, used: np.ndarray, code: str, message: str, tip: str = ""
) -> list[Finding]:
    """Blank cells in rows that are in use."""
    if not grid.has(column):
        return []
    rows = grid.rows(used & grid.blank(column))
    return at_cells(code, grid, column, rows, [message] * len(rows), tip)


def duplicates(
    grid: Grid,
    column: str,
    used: np.ndarray,
    code: str,
    label: str,
    tip: str = "",
    key: pd.Series | None = None,
) -> list[Finding]:
    """Every row whose value another row repeats, naming that other row."""
    if not grid.has(column):
        return []
    key = grid.text(column) if key is None else key
    dup = used & (key != "") & key.duplicated(keep=False)
    if not dup.any():
        return []
    groups: dict[str, list[int]] = {}
    for row, k in key[dup].items():
        groups.setdefault(k, []).append(row_number(row))
    rows, messages = [], []
    for members in groups.values():
        for row in members:
            other = members[1] if row == members[0] else members[0]
            rows.append(row)
            messages.append(f"{label} {show(grid.frame.at[row, column])} is also on row {other}.")
    return at_cells(code, grid, column, rows, messages, tip or f"Each {label} must be on one row only.")


def in_list(
    grid: Grid, column: str, used: np.ndarray, allowed: list[str], code: str, list_name: str
) -> list[Finding]:
    """Values not in a pick list (a case-only difference counts too: "DHos" for "DHoS")."""
    if not grid.has(column) or not allowed:
        return []
    t = grid.text(column)
    bad = used & (t != "") & ~t.isin(allowed)
    if not bad.any():
        return []
    advice = {v: _advice(v, allowed) for v in t[bad].unique()}
    rows = t[bad]
    messages = [
        f"{column} {show(grid.frame.at[r, column])} is not in the {list_name} list on Lists."
        for r in rows.index
    ]
    return at_cells(code, grid, column, rows.index, messages, [advice[v] for v in rows])


def nearest(value: str, known: list[str]) -> tuple[str | None, bool]:
    """The known value meant: (value, True) when only the case differs, else the closest."""
    folded = {k.lower(): k for k in known}
    if value.lower() in folded:
        return folded[value.lower()], True
    close = difflib.get_close_matches(value.lower(), list(folded), n=1, cutoff=0.6)
    return (folded[close[0]], False) if close else (None, False)


def _advice(value: str, allowed: list[str]) -> str:
    near, case_only = nearest(value, allowed)
    if case_only:
        return f"Write it as the list does: '{near}'."
    if near:
        return f"Did you mean '{near}'? Otherwise add '{value}' to the list on Lists."
    return f"Pick a value from the drop-down, or add '{value}' to the list on Lists."


def number_text(grid: Grid, column: str, used: np.ndarray, label: str | None = None) -> list[Finding]:
    if not grid.has(column):
        return []
    rows = grid.rows(used & grid.numbers(column).from_text)
    label = label or column
    return at_cells(
        "cell.number_as_text",
        grid,
        column,
        rows,
        [f"{label} {show(grid.frame.at[r, column])} is a number stored as text." for r in rows],
        "Retype it, or use Excel's 'Convert to Number'.",
    )


def date_cells(grid: Grid, column: str, used: np.ndarray, not_date_code: str, so: str = "") -> list[Finding]:
    """Impossible dates, dates typed as text, and anything else that is not a date; `so` says
    what follows from a date that cannot be read (", so it is not counted")."""
    if not grid.has(column):
        return []
    d, frame, out = grid.dates(column), grid.frame, []
    rows = grid.rows(used & d.impossible)
    out += at_cells(
        "cell.date_impossible",
        grid,
        column,
        rows,
        [
            f"{column} {show(frame.at[r, column])} is not a real date: "
            f"{frames.why_not_a_date(str(frame.at[r, column]))}{so}."
            for r in rows
        ],
        "Correct the day or month.",
    )
    rows = grid.rows(used & d.from_text)
    out += at_cells(
        "cell.date_as_text",
        grid,
        column,
        rows,
        [f"{column} {show(frame.at[r, column])} is a date typed as text." for r in rows],
        "Retype it as a date in a cell formatted as a date, so Excel sorts and filters it.",
    )
    rows = grid.rows(used & d.bad)
    out += at_cells(
        not_date_code,
        grid,
        column,
        rows,
        [f"{column} {show(frame.at[r, column])} is not a date{so}." for r in rows],
        "Type a date such as 15/03/2015.",
    )
    return out


def list_values(grid: Grid | None, column: str) -> list[str]:
    """The values of one pick list on Lists, in order, without blanks or repeats."""
    if grid is None or not grid.has(column):
        return []
    t = grid.text(column)
    return list(dict.fromkeys(t[t != ""]))
