"""Building findings: at a cell, at a header, for a whole sheet; values quoted for people."""

from __future__ import annotations

from collections.abc import Iterable

from smep_xl.domain.findings import Finding
from smep_xl.domain.validate.checks import severity
from smep_xl.domain.validate.grid import Grid
from smep_xl.domain.values import quoted


def show(value: object) -> str:
    """A cell value as a message quotes it (values.quoted)."""
    return quoted(value)


def at_cell(
    code: str, grid: Grid, row: int, column: str, message: str, suggestion: str = "", cell: str | None = None
) -> Finding:
    """At the cell of row and column (or at `cell`, for a column the grid does not read)."""
    return Finding(
        severity(code),
        grid.sheet,
        cell or grid.cell(row, column),
        int(row),
        column,
        code,
        message,
        suggestion,
    )


def at_cells(
    code: str,
    grid: Grid,
    column: str,
    rows: Iterable[int],
    messages: Iterable[str],
    suggestions: Iterable[str] | str = "",
) -> list[Finding]:
    """One finding per row; messages (and suggestions, or one suggestion for all) row by row."""
    sev, letter = severity(code), grid.letters[column]
    rows, messages = list(rows), list(messages)
    tips = [suggestions] * len(rows) if isinstance(suggestions, str) else list(suggestions)
    return [
        Finding(sev, grid.sheet, f"{letter}{int(r)}", int(r), column, code, m, t)
        for r, m, t in zip(rows, messages, tips, strict=True)
    ]


def at_header(
    code: str, grid: Grid, column: str, message: str, suggestion: str = "", point_at: str | None = None
) -> Finding:
    """About a column as a whole: points at its header, or at point_at's (a renamed header),
    or at the table's first header when the column is not there at all."""
    cell = grid.header_cell(point_at if point_at is not None else column)
    return Finding(severity(code), grid.sheet, cell, grid.header_row, column, code, message, suggestion)


def at_sheet(code: str, sheet: str, message: str, suggestion: str = "") -> Finding:
    return Finding(severity(code), sheet, "", None, "", code, message, suggestion)
