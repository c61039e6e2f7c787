"""Pure helpers for the live-Excel adapter: values in and out, runs of cells, dashboard blocks.

Nothing here talks to Excel, so it is tested without one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from smep_xl import layout as L
from smep_xl.domain.dashboard_place import lay_out
from smep_xl.ooxml.cells import plain
from smep_xl.workbook import Dashboard


class Formula(str):
    """A value written as a formula on purpose (every other text is written as text)."""


def from_excel(value: object) -> object:
    """A cell value as the file adapter reads it: blank -> None, 3.0 -> 3, midnight -> a date."""
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    return value


def to_excel(value: object) -> object:
    """A Python value to write into a cell, in a form Excel stores as that same value.

    Text gets Excel's text prefix (') so Excel never turns it into a formula, number or date
    ("=1+1", "007" and "1/2" stay as typed); the prefix is not part of the cell's value.
    """
    if isinstance(value, Formula):
        return str(value)
    value = plain(value)  # numpy and pandas scalars as Python; NaN, NaT, infinities and "" blank
    if isinstance(value, str):
        return "'" + value
    return value


def runs(numbers: list[int]) -> list[tuple[int, int]]:
    """[2, 3, 4, 7, 8] -> [(2, 4), (7, 8)]: the contiguous stretches, in order."""
    out: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if out and n == out[-1][1] + 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


def first_filled(grid: list[list]) -> int:
    """The first row with anything in it (a used range may start above its header)."""
    return next((i for i, row in enumerate(grid) if any(v not in (None, "") for v in row)), 0)


def trim_blank_rows(grid: list[list]) -> list[list]:
    """A used range can run past the data (formatted, empty rows): those are not table rows."""
    end = len(grid)
    while end > 1 and all(v in (None, "") for v in grid[end - 1]):
        end -= 1
    return grid[:end]


def hyperlink(target: str, shown: object) -> Formula:
    """A HYPERLINK formula that jumps to target ("Visits!F12") and shows `shown` (a number as a
    number, so a linked URN still reads as one)."""

    def quoted(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    number = isinstance(shown, (int, float)) and not isinstance(shown, bool)
    return Formula(f"=HYPERLINK({quoted('#' + target)},{shown if number else quoted(str(shown))})")


@dataclass(frozen=True)
class Block:
    """Values to write with one call, top-left at (row, col)."""

    row: int
    col: int
    values: list[list[object]]


@dataclass(frozen=True)
class Format:
    """A number format for a rectangle of cells, set with one call."""

    row: int
    col: int
    rows: int
    cols: int
    number_format: str


@dataclass(frozen=True)
class PlacedChart:
    kind: str  # xlwings' chart type, e.g. "column_clustered"
    title: str
    categories: tuple[int, int, int]  # column, first row, last row
    series: tuple[int, ...]  # value columns
    header_row: int
    anchor: tuple[int, int]  # row, column of the top-left cell
    width: float = 480.0  # points
    height: float = 290.0


@dataclass(frozen=True)
class Fill:
    """A cell's fill colour, for the status words (one call each: as many as the targets)."""

    row: int
    col: int
    rgb: tuple[int, int, int]


@dataclass
class DashboardLayout:
    blocks: list[Block]
    formats: list[Format]
    charts: list[PlacedChart]
    widths: dict[int, float] = field(default_factory=dict)  # column -> width in characters
    fills: list[Fill] = field(default_factory=list)


CHART_TYPES = {"bar": "bar_clustered", "column": "column_clustered", "pie": "pie", "line": "line_markers"}
STACKED = {"bar": "bar_stacked", "column": "column_stacked"}
FORMATS = {"percent": "0%", "kpi_percent": "0%", "date": "dd/mm/yyyy", "number": "0.00"}
STATUS_FILLS = {
    "status_behind": (255, 199, 206),
    "status_at_risk": (255, 235, 156),
    "status_on_track": (198, 239, 206),
    "status_met": (189, 215, 238),
}
PX_TO_POINTS = 0.75


def dashboard_layout(dashboard: Dashboard) -> DashboardLayout:
    """The Dashboard as domain/dashboard_place.py lays it out for the file adapter too: one block
    per region (the heading, each table, what needs doing, key figures), a number format per
    column of a table, the widths, and the charts beside the same cells."""
    sheet = lay_out(dashboard)
    cells = {(c.row, c.col): c for c in sheet.cells}
    blocks = []
    for top, left, bottom, right in sheet.regions:
        values = [
            [_value(cells.get((r, c)), sheet.links.get((r, c))) for c in range(left, right + 1)]
            for r in range(top, bottom + 1)
        ]
        blocks.append(Block(top, left, values))
    formats = _formats(sheet)
    fills = [Fill(c.row, c.col, STATUS_FILLS[c.style]) for c in sheet.cells if c.style in STATUS_FILLS]
    return DashboardLayout(blocks, formats, [_chart(p) for p in sheet.charts], dict(sheet.widths), fills)


def _value(cell, link: str | None) -> object:
    if cell is None:
        return None
    value = _plain(cell.value)
    return hyperlink(link, value) if link else value


def _formats(sheet) -> list[Format]:
    """One format per run of cells of one column sharing a style that needs one."""
    spans: dict[tuple[int, str], list[int]] = {}
    for cell in sheet.cells:
        if cell.style in FORMATS:
            spans.setdefault((cell.col, cell.style), []).append(cell.row)
    out = []
    for (col, style), rows in sorted(spans.items()):
        out += [Format(first, col, last - first + 1, 1, FORMATS[style]) for first, last in runs(rows)]
    return out


def _chart(placed) -> PlacedChart:
    chart, table = placed.chart, placed.table
    series = tuple(table.col(v) for v in chart.values if v in table.table.frame.columns)
    kind = (STACKED if chart.stacked else CHART_TYPES).get(chart.kind, "column_clustered")
    return PlacedChart(
        kind,
        chart.title,
        (table.col(chart.categories), table.header_row, table.last_row),
        series,
        table.header_row,
        (placed.row, placed.col),
        placed.width_px * PX_TO_POINTS,
        placed.height_px * PX_TO_POINTS,
    )


def _plain(value: object) -> object:
    """What the file adapter writes for a dashboard value (True -> Yes, NaN -> blank)."""
    value = plain(value)
    if isinstance(value, bool):
        return L.YES if value else L.NO
    return value
