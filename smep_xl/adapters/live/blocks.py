"""Pure helpers for the live-Excel adapter: values in and out, runs of cells, dashboard blocks.

Nothing here talks to Excel, so it is tested without one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from smep_xl import layout as L
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
    """A HYPERLINK formula that jumps to target ("Visits!F12") and shows `shown`."""

    def quoted(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    return Formula(f"=HYPERLINK({quoted('#' + target)},{quoted(str(shown))})")


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
    kind: str
    title: str
    categories: tuple[int, int, int]  # column, first row, last row
    series: tuple[int, ...]  # value columns
    header_row: int
    anchor: tuple[int, int]  # row, column of the top-left cell


CHART_COLS, CHART_ROWS = 9, 18  # the file adapter's chart size, in cells


@dataclass
class DashboardLayout:
    blocks: list[Block]
    formats: list[Format]
    charts: list[PlacedChart]


def dashboard_layout(dashboard: Dashboard) -> DashboardLayout:
    """The Dashboard laid out as the file adapter lays it out: title, KPIs from row 4, then
    each table (title row, header, rows) after a blank row; charts to the right."""
    span = max([3] + [len(t.frame.columns) for t in dashboard.tables])
    blocks = [Block(1, 1, [[dashboard.title]])]
    formats: list[Format] = []
    if dashboard.subtitle:
        blocks.append(Block(2, 1, [[dashboard.subtitle]]))
    row = 4
    if dashboard.kpis:
        blocks.append(
            Block(row, 1, [[label, _plain(value), note or None] for label, value, note in dashboard.kpis])
        )
    for _label, value, _note in dashboard.kpis:
        if isinstance(value, float):  # a fraction, shown as a percentage
            formats.append(Format(row, 2, 1, 1, "0%"))
        row += 1
    placed: dict[str, tuple[int, list[str]]] = {}
    for table in dashboard.tables:
        header = row + 2
        columns = [str(c) for c in table.frame.columns]
        rows = [[_plain(v) for v in record] for record in table.frame.itertuples(index=False, name=None)]
        blocks.append(Block(row + 1, 1, [[table.title]]))
        blocks.append(Block(header, 1, [[*columns], *rows]))
        formats += [
            Format(header + 1, columns.index(name) + 1, len(rows), 1, "0%")
            for name in table.percent_columns
            if name in columns and rows
        ]
        placed[table.title] = (header, columns)
        row = header + len(rows) + 1
    return DashboardLayout(blocks, formats, _charts(dashboard, placed, span))


def _charts(dashboard: Dashboard, placed: dict[str, tuple[int, list[str]]], span: int) -> list[PlacedChart]:
    out: list[PlacedChart] = []
    for chart in dashboard.charts:
        table = next((t for t in dashboard.tables if t.title == chart.table), None)
        if table is None or not len(table.frame) or chart.categories not in placed[chart.table][1]:
            continue
        header, columns = placed[chart.table]
        series = tuple(columns.index(v) + 1 for v in chart.values if v in columns)
        last = header + len(table.frame)
        anchor = (4 + len(out) * (CHART_ROWS + 1), span + 2)
        out.append(
            PlacedChart(
                chart.kind,
                chart.title,
                (columns.index(chart.categories) + 1, header, last),
                series,
                header,
                anchor,
            )
        )
    return out


def _plain(value: object) -> object:
    """What the file adapter writes for a dashboard value (True -> Yes, NaN -> blank)."""
    value = plain(value)
    if isinstance(value, bool):
        return L.YES if value else L.NO
    return value
