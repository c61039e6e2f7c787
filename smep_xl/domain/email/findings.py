"""The findings of e-mailing letters: each at the cell to mend."""

from __future__ import annotations

from collections.abc import Callable

from smep_xl.domain.findings import ERROR, WARNING, Finding

Cell = Callable[[int, str], str]  # (worksheet row, column header) -> "F12" ("" when unknown)


def at(
    severity: str, sheet: str, cell: Cell, row: int | None, column: str, code: str, message: str, tip: str
) -> Finding:
    where = cell(row, column) if row is not None and column else ""
    return Finding(severity, sheet, where, row, column, code, message, tip)


def error(sheet: str, cell: Cell, row: int | None, column: str, code: str, message: str, tip: str) -> Finding:
    return at(ERROR, sheet, cell, row, column, code, message, tip)


def warning(
    sheet: str, cell: Cell, row: int | None, column: str, code: str, message: str, tip: str
) -> Finding:
    return at(WARNING, sheet, cell, row, column, code, message, tip)
