"""Where everything on the Dashboard sheet goes: one placement (made by dashboard_place.py)
that both workbook adapters draw.

The first screen (rows 1-25, columns A-I) answers "are we on track?": title, as-of date, the
answer in a sentence, the status of every target, and what needs doing now. A page break
follows; then the action lists, the charts (two abreast), impact, key figures, the coverage
tables and the tables the charts are drawn from, each table under a title row and a note.
Column widths fit what the columns hold; long text wraps.

Cells carry a style name (title, header, percent, rag_red, status_behind, ...); each adapter
maps the names to its own formats.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime

from smep_xl import layout as L
from smep_xl.domain.dashboard_model import Chart, DashboardTable
from smep_xl.domain.values import is_blank

RAG_STYLES = {L.RED: "rag_red", L.AMBER: "rag_amber", L.GREEN: "rag_green", L.BLUE: "rag_blue"}
STATUS_STYLES = {
    L.MET: "status_met",
    L.ON_TRACK: "status_on_track",
    L.AT_RISK: "status_at_risk",
    L.BEHIND: "status_behind",
}
CODE_COLUMNS = (L.SCH_URN, L.SCH_COHORT)  # identifiers: centred, never read as amounts
CHART_HEIGHT_PX, CHART_GAP_PX, ROW_PX = 300, 12, 20
# What one printed page holds, in pixels at 100%: A4 landscape (11.69 x 8.27 in) less the margins
# the sheet's print setup gives (0.4 in left and right, 0.5 top, 0.6 bottom), 96 pixels an inch.
PRINT_WIDTH_PX, PRINT_HEIGHT_PX = 1045, 688
MIN_WIDTH, MAX_WIDTH, WRAP_AT = 8.0, 44.0, 36  # column widths in characters; longer text wraps


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    value: object
    style: str


@dataclass(frozen=True)
class PlacedTable:
    """Where a DashboardTable was written: 1-based header row and first column."""

    table: DashboardTable
    header_row: int
    first_col: int = 1
    title_row: int = 0

    @property
    def first_row(self) -> int:
        return self.header_row + 1

    @property
    def last_row(self) -> int:
        return self.header_row + len(self.table.frame)

    @property
    def last_col(self) -> int:
        return self.first_col + len(self.table.frame.columns) - 1

    def col(self, name: str) -> int:
        return self.first_col + list(self.table.frame.columns).index(name)


@dataclass(frozen=True)
class PlacedChart:
    chart: Chart
    table: PlacedTable
    row: int  # top-left cell, 1-based
    col: int
    offset_px: int  # from the left edge of col
    width_px: int
    height_px: int
    end_col: int = 0  # the column its right edge meets (at that column's left edge)


@dataclass
class SheetLayout:
    cells: list[Cell] = field(default_factory=list)
    links: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> "Schools!B12"
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # row, col, last row, last col
    heights: dict[int, float] = field(default_factory=dict)  # points
    widths: dict[int, float] = field(default_factory=dict)  # characters
    tables: dict[str, PlacedTable] = field(default_factory=dict)
    charts: list[PlacedChart] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)  # rows after which a new page starts
    regions: list[tuple[int, int, int, int]] = field(default_factory=list)  # blocks written at once
    span: int = 9  # columns of the first screen

    @property
    def last_row(self) -> int:
        return max(
            [c.row for c in self.cells] + [p.row + math.ceil(p.height_px / ROW_PX) for p in self.charts] + [1]
        )

    @property
    def last_col(self) -> int:
        return max([c.col for c in self.cells] + [self.span])

    def put(self, row: int, col: int, value: object, style: str) -> None:
        if not is_blank(value):
            self.cells.append(Cell(row, col, value, style))


def value_style(table: DashboardTable, column: str, value: object) -> str:
    """The named style of one table cell."""
    if column in table.rag_columns and value in RAG_STYLES:
        return RAG_STYLES[value]
    if column == table.status_column and value in STATUS_STYLES:
        return STATUS_STYLES[value]
    if column in CODE_COLUMNS:
        return "link_code" if column == table.link_column and value is not None else "code"
    if column == table.link_column and value is not None:
        return "link"
    if isinstance(value, (bool, str)):
        return "cell_wrap" if isinstance(value, str) and len(value) > WRAP_AT else "cell"
    if isinstance(value, (date, datetime)):
        return "date"
    if column in table.percent_columns:
        return "percent"
    if isinstance(value, float) and not value.is_integer():
        return "number"
    return "integer"


def numeric_column(table: DashboardTable, column: str) -> bool:
    """A column of numbers or dates: its header sits right, over its values."""
    values = [v for v in table.frame[column] if not is_blank(v)]
    numbers = all(isinstance(v, (int, float, date)) and not isinstance(v, bool) for v in values)
    return bool(values) and numbers and column not in CODE_COLUMNS
