"""What is wrong with cells as cells, whatever the sheet: headers, Excel errors, formulas,
merged ranges. Only the user's input columns are looked at: computed columns are Python's."""

from __future__ import annotations

import difflib
import re

from smep_xl.domain.findings import Finding
from smep_xl.domain.validate.emit import at_cell, at_cells, at_header, show
from smep_xl.domain.validate.grid import Grid
from smep_xl.domain.values import EXCEL_ERRORS
from smep_xl.ooxml.refs import column_index

_RANGE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$")


def check_headers(grid: Grid, required: tuple[str, ...]) -> list[Finding]:
    """Each required column missing (or renamed: the nearest stray header is named)."""
    out = []
    strays = [c for c in grid.frame.columns if c not in required]
    for column in required:
        if grid.has(column):
            continue
        near = _renamed(column, strays)
        tip = (
            f"Rename the column '{near}' to '{column}'."
            if near
            else f"Add a column headed '{column}' to the {grid.sheet} table."
        )
        out.append(
            at_header(
                "header.missing",
                grid,
                column,
                f"The {grid.sheet} sheet has no '{column}' column.",
                tip,
                point_at=near,
            )
        )
    for column, letter in grid.duplicate_headers:
        out.append(
            at_cell(
                "header.duplicate",
                grid,
                grid.header_row,
                column,
                f"Another column is also headed '{column}'; only the first is read.",
                "Rename or delete this one.",
                cell=f"{letter}{grid.header_row}",
            )
        )
    return out


def _renamed(column: str, strays: list[str]) -> str | None:
    for stray in strays:
        if " ".join(stray.split()).lower() == column.lower():
            return stray
    close = difflib.get_close_matches(column.lower(), [s.lower() for s in strays], n=1, cutoff=0.8)
    return next((s for s in strays if close and s.lower() == close[0]), None)


def check_cells(grid: Grid, inputs: tuple[str, ...]) -> list[Finding]:
    columns = [c for c in inputs if grid.has(c)]
    return excel_errors(grid, columns) + formulas(grid, columns) + merged(grid)


def excel_errors(grid: Grid, columns: list[str]) -> list[Finding]:
    """Cells showing an Excel error (#REF!, #N/A, ...), as the workbook reader hands them over."""
    out: list[Finding] = []
    for column in columns:
        s = grid.frame[column]
        if grid.kind(column) in ("string", "mixed", "mixed-integer"):
            hit = s[s.isin(EXCEL_ERRORS)]
            out += at_cells(
                "cell.excel_error",
                grid,
                column,
                hit.index,
                [f"{column} shows the Excel error {v}." for v in hit],
                "Type the value, or mend the formula that gives the error.",
            )
    return out


def formulas(grid: Grid, columns: list[str]) -> list[Finding]:
    wanted, rows, out = set(columns), set(grid.frame.index), []
    for cell in sorted(grid.formulas):
        where = grid.column_at(cell)
        if where and where[1] in wanted and where[0] in rows:
            out.append(
                at_cell(
                    "cell.formula",
                    grid,
                    where[0],
                    where[1],
                    f"{where[1]} holds a formula; Validate reads the value it last "
                    f"calculated ({show(grid.frame.at[where[0], where[1]])}).",
                    "Type the value itself (Paste Special > Values).",
                )
            )
    return out


def merged(grid: Grid) -> list[Finding]:
    out = []
    for rng in grid.merged:
        m = _RANGE.match(rng.strip().upper())
        if not m:
            continue
        col, row = column_index(m.group(1)), int(m.group(2))
        last_col = column_index(m.group(3)) if m.group(3) else col
        last_row = int(m.group(4)) if m.group(4) else row
        header = grid.columns.get(max(col, grid.first_column))
        row = max(row, grid.header_row)  # the first cell of the range inside the table
        if header is None or last_col < grid.first_column or row > last_row:
            continue
        if row != grid.header_row and row not in grid.frame.index:
            continue
        out.append(
            at_cell(
                "cell.merged",
                grid,
                row,
                header,
                f"Cells {rng} are merged; only the top-left one keeps a value.",
                "Unmerge them (Home > Merge & Center) and fill each cell.",
            )
        )
    return out
