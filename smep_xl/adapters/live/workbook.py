"""The workbook open in Excel, through xlwings: the Workbook protocol over an xlwings Book.

Every call into a live Excel is a round trip, so a table is read with one call (its Excel
table's range, else the sheet's used range) and every write is one call per block of
contiguous cells: a computed column block, a whole output table, a dashboard block. The
number of calls depends on the number of tables, columns and charts, never on rows.
Writes are held until save(); save() applies them to the open workbook, and saving the
file stays with the person at the keyboard, as with any macro.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from smep_xl import contract
from smep_xl import layout as L
from smep_xl.adapters.live.blocks import (
    dashboard_layout,
    first_filled,
    from_excel,
    hyperlink,
    runs,
    to_excel,
    trim_blank_rows,
)
from smep_xl.errors import SmepError

if TYPE_CHECKING:
    from xlwings.main import Table as ExcelTable
from smep_xl.ooxml.refs import column_letter
from smep_xl.workbook import (
    ColumnsWrite,
    Dashboard,
    DashboardWrite,
    HeldWrites,
    InputsWrite,
    OutputWrite,
    Table,
)


@dataclass
class _Layout:
    """Where a table sits: header row, first column, headers, last row, its Excel table."""

    header_row: int
    first_col: int
    headers: list[str]
    last_row: int
    table: ExcelTable | None = None


class LiveWorkbook(HeldWrites):
    def __init__(self, book, progress: Callable[[str], None] | None = None, folder: str | None = None):
        super().__init__()
        self.book = book
        self.label = os.path.basename(book.name)
        self.folder = folder if folder is not None else _folder_of(book)
        self.progress = progress or (lambda text: None)  # shows what is happening (the status bar)
        self._layouts: dict[str, _Layout] = {}
        self._names: list[str] | None = None

    def sheet_names(self) -> list[str]:
        if self._names is None:
            self._names = [sheet.name for sheet in self.book.sheets]
        return list(self._names)

    def _sheet(self, name: str, create: bool = False):
        if name not in self.sheet_names():
            if not create:
                raise SmepError(
                    f"{self.label} has no sheet called '{name}'. Put the sheet back (or rename it back "
                    f"to '{name}'), or start again from a workbook made with 'smep new'."
                )
            self.book.sheets.add(name, after=self.book.sheets[len(self.sheet_names()) - 1])
            self._names = None
        return self.book.sheets[name]

    # -- reading: one call for the values (and one for formulas where the engine has them)
    def read_table(self, sheet: str) -> Table:
        self.progress(f"SMEP: reading {sheet}...")
        sht = self._sheet(sheet)
        table = _excel_table(sht, sheet)
        rng = table.range if table is not None else sht.used_range
        grid = [list(row) for row in rng.options(ndim=2, err_to_str=True).value]
        top, left = rng.row, rng.column
        skip = 0 if table is not None else first_filled(grid)
        header = [("" if v is None else str(v).strip()) for v in (grid[skip] if grid else [])]
        if table is None:
            while header and not header[-1]:
                header.pop()
            grid = trim_blank_rows(grid)
        width, header_row = len(header), top + skip
        rows = [[from_excel(v) for v in (r + [None] * width)[:width]] for r in grid[skip + 1 :]]
        frame = pd.DataFrame(
            rows, columns=header, dtype=object, index=range(header_row + 1, header_row + 1 + len(rows))
        )
        contract.check_headers(sheet, header, f"{self.label}, sheet '{sheet}' row {header_row}")
        self._layouts[sheet] = _Layout(header_row, left, header, header_row + len(rows), table)
        formulas = _formulas(rng, top, left, header_row)
        return Table(sheet, frame, header_row=header_row, first_column=left, formulas=formulas)

    def _layout(self, sheet: str) -> _Layout:
        if sheet not in self._layouts:
            self.read_table(sheet)
        return self._layouts[sheet]

    # -- writes are held (HeldWrites) until save()
    def save(self) -> None:
        for write in self.take_pending():
            match write:
                case ColumnsWrite(sheet, frame):
                    self.progress(f"SMEP: writing {sheet}...")
                    self._apply_columns(sheet, frame)
                case OutputWrite(sheet, frame, links):
                    self.progress(f"SMEP: writing {sheet}...")
                    self._apply_output(sheet, frame, dict(links))
                case DashboardWrite(dashboard):
                    self.progress(f"SMEP: writing {L.DASHBOARD}...")
                    self._apply_dashboard(dashboard)
                case InputsWrite(sheet, updates, new_rows):
                    self.progress(f"SMEP: writing {sheet}...")
                    self._apply_inputs(sheet, updates, new_rows)

    # -- applying them
    def _apply_columns(self, sheet: str, frame: pd.DataFrame) -> None:
        lay = self._layout(sheet)
        sht = self._sheet(sheet)
        frame = frame.sort_index()
        new = [str(c) for c in frame.columns if str(c) not in lay.headers]
        if new:  # a computed column the sheet lacks joins the table on its right
            sht.range((lay.header_row, lay.first_col + len(lay.headers))).value = [[to_excel(c) for c in new]]
            lay.headers += new
        rows = [int(r) for r in frame.index]
        positions = {str(c): lay.first_col + lay.headers.index(str(c)) for c in frame.columns}
        by_position = {positions[str(c)]: c for c in frame.columns}
        for c1, c2 in runs(list(by_position)):
            block = frame[[by_position[c] for c in range(c1, c2 + 1)]]
            for r1, r2 in runs(rows):
                values = [
                    [to_excel(v) for v in record] for record in block.loc[r1:r2].itertuples(index=False)
                ]
                sht.range((r1, c1), (r2, c2)).value = values
        last = max([lay.last_row] + rows)
        if new or last > lay.last_row:
            lay.last_row = last
            self._resize(sht, lay)

    def _apply_inputs(self, sheet: str, updates: pd.DataFrame, new_rows: pd.DataFrame) -> None:
        if len(updates.columns) and len(updates):
            self._apply_columns(sheet, updates)
        if len(new_rows):
            lay = self._layout(sheet)
            start = lay.last_row + 1
            added = new_rows.copy()
            added.index = pd.RangeIndex(start, start + len(added))
            self._apply_columns(sheet, added[[c for c in added.columns if str(c) in lay.headers]])

    def _apply_output(self, sheet: str, frame: pd.DataFrame, links: dict[int, str]) -> None:
        sht = self._sheet(sheet, create=True)
        old = self._layouts.get(sheet) or _used(sht)
        columns = [str(c) for c in frame.columns]
        records = [list(r) for r in frame.itertuples(index=False, name=None)]
        cell_col = columns.index(L.FND_CELL) if sheet == L.FINDINGS and L.FND_CELL in columns else None
        values = [[to_excel(c) for c in columns]]
        for i, record in enumerate(records):
            row = [to_excel(v) for v in record]
            if cell_col is not None and i in links:
                row[cell_col] = hyperlink(links[i], "" if record[cell_col] is None else record[cell_col])
            values.append(row)
        sht.range((1, 1)).value = values
        last_row, width = len(records) + 1, len(columns)
        if old.last_row > last_row:
            sht.range((last_row + 1, 1), (old.last_row, max(width, len(old.headers), 1))).clear_contents()
        if len(old.headers) > width:
            sht.range((1, width + 1), (last_row, len(old.headers))).clear_contents()
        table = old.table if old.table is not None else _excel_table(sht, sheet)
        lay = _Layout(
            1, 1, columns, last_row, table if table is not None else _new_table(sht, sheet, columns)
        )
        self._resize(sht, lay)
        self._layouts[sheet] = lay

    def _apply_dashboard(self, dashboard: Dashboard) -> None:
        sht = self._sheet(L.DASHBOARD, create=True)
        sht.clear()
        for chart in reversed(list(sht.charts)):
            chart.delete()
        placed = dashboard_layout(dashboard)
        for block in placed.blocks:
            sht.range((block.row, block.col)).value = [[to_excel(v) for v in row] for row in block.values]
        for fmt in placed.formats:
            rng = sht.range((fmt.row, fmt.col), (fmt.row + fmt.rows - 1, fmt.col + fmt.cols - 1))
            rng.number_format = fmt.number_format
        for col, width in placed.widths.items():
            sht.range((1, col)).column_width = width
        for fill in placed.fills:
            sht.range((fill.row, fill.col)).color = fill.rgb
        for i, chart in enumerate(placed.charts, 1):
            _add_chart(sht, chart, f"SMEP Chart {i}")

    def _resize(self, sht, lay: _Layout) -> None:
        """Grow or shrink the sheet's Excel table to the rows and columns now written."""
        if lay.table is None:
            return
        last_col = column_letter(lay.first_col + len(lay.headers) - 1)
        ref = f"{column_letter(lay.first_col)}{lay.header_row}:{last_col}{max(lay.last_row, lay.header_row + 1)}"
        lay.table.resize(sht.range(ref))


def _folder_of(book) -> str:
    """The workbook's folder, or '' when Excel has it somewhere with no local path (web, unsaved)."""
    try:
        full = book.fullname
    except Exception:  # noqa: BLE001 - engines without a file behind the book
        return ""
    return os.path.dirname(full) if full and "://" not in full and os.path.dirname(full) else ""


def _excel_table(sht, sheet: str):
    """The sheet's Excel table named for it (else its only one), or None."""
    try:
        found = list(sht.tables)
    except (AttributeError, NotImplementedError):
        return None
    wanted = L.table_name(sheet).lower()
    named = [t for t in found if t.name.lower() == wanted]
    return (named or found or [None])[0]


def _new_table(sht, sheet: str, columns: list[str]):
    """An Excel table over a Python-owned sheet that has none yet (None where the engine cannot)."""
    ref = f"A1:{column_letter(max(len(columns), 1))}2"
    try:
        return sht.tables.add(source=sht.range(ref), name=L.table_name(sheet), has_headers=True)
    except (AttributeError, NotImplementedError):
        return None


def _used(sht) -> _Layout:
    rng = sht.used_range
    top, left = rng.row, rng.column
    rows, cols = rng.shape
    return _Layout(top, left, [""] * (left + cols - 1), top + rows - 1, None)


def _formulas(rng, top: int, left: int, header_row: int) -> frozenset[str]:
    """Cells holding a formula, in one call; empty on engines that cannot report formulas."""
    try:
        grid = rng.formula
    except (NotImplementedError, AttributeError):
        return frozenset()
    if isinstance(grid, str):
        grid = ((grid,),)
    return frozenset(
        f"{column_letter(left + j)}{top + i}"
        for i, row in enumerate(grid)
        for j, f in enumerate(row)
        if top + i > header_row and isinstance(f, str) and f.startswith("=")
    )


def _add_chart(sht, chart, name: str) -> None:
    col, first, last = chart.categories
    ranges = [(col, col)] + [(c, c) for c in chart.series]
    source = ",".join(f"{column_letter(a)}{first}:{column_letter(b)}{last}" for a, b in ranges)
    span = (
        f"{column_letter(min(c for c, _ in ranges))}{first}:{column_letter(max(c for _, c in ranges))}{last}"
    )
    anchor = sht.range(chart.anchor)
    size = {
        "width": chart.width,
        "height": chart.height,
        "chart_type": chart.kind,
        "anchor": anchor,
        "name": name,
    }
    try:
        made = sht.charts.add(source=sht.range(source), **size)
    except (ValueError, NotImplementedError):  # engines without multi-area ranges: the span instead
        made = sht.charts.add(source=sht.range(span), **size)
    made.title = chart.title
