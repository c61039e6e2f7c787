"""Read whole tables fast: python-calamine for values, one regex pass for formulas and errors."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook

from smep_xl import layout as L
from smep_xl.adapters.xlsx.numbering import numbered
from smep_xl.adapters.xlsx.structure import TableInfo
from smep_xl.ooxml import xml as ox
from smep_xl.ooxml.refs import column_index, split_ref
from smep_xl.ooxml.sheet import Span, Worksheet, sheet_data_span
from smep_xl.workbook import Table

# Cells are numbered first (numbered()), so every cell's r is its first attribute.
_EXACT = 2.0**53  # floats below this convert to int64 and back exactly

_FORMULA_CELL = re.compile(rb'<(?:[\w.-]+:)?c r="([A-Z]{1,3})(\d+)"[^>]*>\s*<(?:[\w.-]+:)?f\b')
_ERROR_CELL = re.compile(
    rb'<(?:[\w.-]+:)?c r="([A-Z]{1,3})(\d+)"[^>]*\bt="e"[^>]*>'
    rb"(?:\s*<(?:[\w.-]+:)?f\b[^>]*?(?:/>|>[^<]*</(?:[\w.-]+:)?f>))?"
    rb"\s*<(?:[\w.-]+:)?v>([^<]*)</"
)


def used_range_table(sheet: str, grid: list[list]) -> TableInfo:
    """A sheet with no Excel table: the header is its first non-empty row."""
    first = next((i for i, row in enumerate(grid) if any(v not in ("", None) for v in row)), 0)
    header = [str(v).strip() for v in (grid[first] if grid else [])]
    while header and not header[-1]:
        header.pop()
    last_col = max(len(header), 1)
    return TableInfo(
        L.table_name(sheet), "", 1, first + 1, last_col, max(len(grid), first + 2), tuple(header)
    )


def load_grid(book: CalamineWorkbook, sheet: str) -> list[list]:
    return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


@dataclass(frozen=True)
class Marks:
    """What calamine's values do not say about a sheet's cells: which hold formulas, which hold
    Excel errors (#N/A ...), and its merged ranges. Found in the sheet's XML before its values
    are ready, so that work overlaps the parse of a big sheet."""

    formulas: list[tuple[bytes, bytes]]  # (column letters, row) of each formula cell
    errors: list[tuple[bytes, bytes, bytes]]  # (column letters, row, error text)
    merged: list[str]


def sheet_marks(xml: bytes) -> Marks:
    span = sheet_data_span(xml)
    formulas, errors = _formulas_and_errors(xml, span)
    return Marks(formulas, errors, _merged_ranges(xml, span.end))


def read_table(sheet: str, grid: list[list], info: TableInfo, marks: Marks) -> Table:
    """The table's data rows (never its header or totals rows) as a frame indexed by row number."""
    c1, r1, c2, r2 = info.first_col, info.first_row, info.last_col, info.last_data_row
    width = c2 - c1 + 1
    headers = list(info.columns) if len(info.columns) == width else _headers(grid, r1, c1, c2)
    cells = _cleaned(_block(grid, r1, r2, c1, c2))
    frame = pd.DataFrame(cells, columns=headers, index=range(r1 + 1, r2 + 1), dtype=object, copy=False)
    formulas = set()
    for col, row in marks.formulas:
        if r1 + 1 <= int(row) <= r2 and c1 <= column_index(col.decode()) <= c2:
            formulas.add(col.decode() + row.decode())
    for col, row, value in marks.errors:
        ci, ri = column_index(col.decode()), int(row)
        if r1 + 1 <= ri <= r2 and c1 <= ci <= c2:
            frame.iat[ri - r1 - 1, ci - c1] = value.decode()
    merged = tuple(ref for ref in marks.merged if _overlaps(ref, c1, r1, c2, r2))
    return Table(sheet, frame, header_row=r1, first_column=c1, formulas=frozenset(formulas), merged=merged)


def _headers(grid: list[list], r1: int, c1: int, c2: int) -> list[str]:
    row = grid[r1 - 1] if r1 - 1 < len(grid) else []
    out = []
    for c in range(c1, c2 + 1):
        v = row[c - 1] if c - 1 < len(row) else ""
        out.append(str(v).strip() if v not in ("", None) else f"Column{c}")
    return out


def _block(grid: list[list], r1: int, r2: int, c1: int, c2: int) -> np.ndarray:
    """The table's cells (rows r1+1..r2, columns c1..c2) as a 2-D array of objects; cells beyond
    the sheet's used range are blank ("")."""
    width = c2 - c1 + 1
    rows = grid[r1:r2]
    if c1 != 1 or any(len(row) != width for row in rows):
        rows = [row[c1 - 1 : c2] + [""] * (width - len(row[c1 - 1 : c2])) for row in rows]
    rows += [[""] * width] * (r2 - r1 - len(rows))
    block = np.empty((len(rows), width), dtype=object)
    if rows:
        block[:] = rows
    return block


def _cleaned(block: np.ndarray) -> np.ndarray:
    """ "" -> None, 3.0 -> 3 (calamine gives every number as a float), column by column in
    memory (as pandas keeps a frame's columns). Whole numbers are found with numpy: a national
    Visits sheet has two million cells."""
    cells = np.ascontiguousarray(block.T)
    flat = cells.reshape(-1)
    kinds = np.fromiter(map(type, flat), dtype=object, count=flat.size)
    numbers = np.flatnonzero(kinds == float)  # noqa: E721 - each element of an array of types
    if numbers.size:
        values = flat[numbers].astype(np.float64)
        usual = np.isfinite(values) & (np.abs(values) < _EXACT)
        whole = usual & (np.trunc(values) == values)
        ints = np.empty(int(whole.sum()), dtype=object)
        ints[:] = values[whole].astype(np.int64).tolist()
        flat[numbers[whole]] = ints
        for at in numbers[~usual].tolist():  # beyond 2**53 (or not finite): Python decides
            if flat[at].is_integer():
                flat[at] = int(flat[at])
    texts = np.flatnonzero(kinds == str)  # noqa: E721 - each element of an array of types
    if texts.size:
        flat[texts[flat[texts] == ""]] = None
    return cells.T


def _formulas_and_errors(xml: bytes, span: Span) -> tuple[list, list]:
    """Searched for only when the rows hold any (most sheets hold neither): a national Visits
    sheet is 80 MB of XML."""
    p, start, end = span.prefix, span.body_start, span.body_end
    has_formulas = xml.find(b"<" + p + b"f>", start, end) >= 0 or xml.find(b"<" + p + b"f ", start, end) >= 0
    has_errors = xml.find(b't="e"', start, end) >= 0
    if not (has_formulas or has_errors):
        return [], []
    body = numbered(xml[start:end], p)
    return (
        _FORMULA_CELL.findall(body) if has_formulas else [],
        _ERROR_CELL.findall(body) if has_errors else [],
    )


def _merged_ranges(xml: bytes, rows_end: int) -> list[str]:
    """The sheet's merged ranges (listed after its rows), read from the sheet less its rows."""
    if xml.find(b"mergeCell", rows_end) < 0:
        return []
    sheet = Worksheet(xml)
    return [el.get("ref", "") for el in sheet.root.iter(ox.q(ox.MAIN, "mergeCell"))]


def _overlaps(ref: str, c1: int, r1: int, c2: int, r2: int) -> bool:
    try:
        a, b, c, d = split_ref(ref)
    except ValueError:
        return False
    return not (c < c1 or a > c2 or d < r1 or b > r2)
