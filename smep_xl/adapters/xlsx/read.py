"""Read whole tables fast: python-calamine for values, one regex pass for formulas and errors."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook

from smep_xl import layout as L
from smep_xl.adapters.xlsx.numbering import numbered
from smep_xl.adapters.xlsx.structure import TableInfo
from smep_xl.ooxml import xml as ox
from smep_xl.ooxml.refs import column_index, split_ref
from smep_xl.ooxml.sheet import Worksheet, sheet_data_span
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


def read_table(sheet: str, grid: list[list], info: TableInfo, xml: bytes) -> Table:
    """The table's data rows (never its header or totals rows) as a frame indexed by row number."""
    c1, r1, c2, r2 = info.first_col, info.first_row, info.last_col, info.last_data_row
    width = c2 - c1 + 1
    headers = list(info.columns) if len(info.columns) == width else _headers(grid, r1, c1, c2)
    cells = _cleaned(_block(grid, r1, r2, c1, c2))
    frame = pd.DataFrame(cells, columns=headers, index=range(r1 + 1, r2 + 1), dtype=object, copy=False)
    span = sheet_data_span(xml)
    formulas, errors = _formulas_and_errors(
        xml[span.body_start : span.body_end], span.prefix, c1, r1 + 1, c2, r2
    )
    for (col, row), value in errors.items():
        frame.iat[row - r1 - 1, col - c1] = value
    merged = tuple(ref for ref in _merged_ranges(xml, span.end) if _overlaps(ref, c1, r1, c2, r2))
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
        whole = np.isfinite(values) & (np.trunc(values) == values) & (np.abs(values) < _EXACT)
        ints = np.empty(int(whole.sum()), dtype=object)
        ints[:] = values[whole].astype(np.int64).tolist()
        flat[numbers[whole]] = ints
        for at in numbers[~whole]:  # beyond 2**53, or not whole: Python decides
            if flat[at].is_integer():
                flat[at] = int(flat[at])
    texts = np.flatnonzero(kinds == str)  # noqa: E721 - each element of an array of types
    if texts.size:
        flat[texts[flat[texts] == ""]] = None
    return cells.T


def _formulas_and_errors(body: bytes, prefix: bytes, c1: int, r1: int, c2: int, r2: int):
    formulas: set[str] = set()
    errors: dict[tuple[int, int], str] = {}
    has_formulas = b"<" + prefix + b"f>" in body or b"<" + prefix + b"f " in body
    has_errors = b't="e"' in body
    if not (has_formulas or has_errors):
        return formulas, errors
    body = numbered(body, prefix)
    if has_formulas:
        for col, row in _FORMULA_CELL.findall(body):
            if r1 <= int(row) <= r2 and c1 <= column_index(col.decode()) <= c2:
                formulas.add(col.decode() + row.decode())
    if has_errors:
        for col, row, value in _ERROR_CELL.findall(body):
            ci, ri = column_index(col.decode()), int(row)
            if r1 <= ri <= r2 and c1 <= ci <= c2:
                errors[(ci, ri)] = value.decode()
    return formulas, errors


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
