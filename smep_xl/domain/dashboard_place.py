"""Place a Dashboard on its sheet (the layout types and style rules are in dashboard_layout.py).

Order: the first screen (title, as-of, the answer, the status table, what needs doing now);
a page break; the action lists; a page break; the charts two abreast; a page break; impact, key
figures and every other table. Widths come from what each column holds; a wrapped cell makes
its row as tall as its lines.
"""

from __future__ import annotations

import math
from datetime import date

from smep_xl import layout as L
from smep_xl.domain import text_fit
from smep_xl.domain.dashboard_layout import (
    CHART_GAP_PX,
    CHART_HEIGHT_PX,
    MAX_WIDTH,
    MIN_WIDTH,
    PRINT_HEIGHT_PX,
    PRINT_WIDTH_PX,
    ROW_PX,
    WRAP_AT,
    Cell,
    PlacedChart,
    PlacedTable,
    SheetLayout,
    numeric_column,
    value_style,
)
from smep_xl.domain.dashboard_model import Chart, Dashboard, DashboardTable

T_SUMMARY = "What needs doing now"
T_CHARTS = "Charts"
T_KEY_FIGURES = "Key figures"
GO_TO_LIST = "Go to the list"
LINE_POINTS = 15.0
TEXT_CHAR = 0.9  # letters are narrower than the digit a column width counts in
_NO_WIDTH = ("title", "subtitle", "headline", "section", "note", "kpi_note")  # span or spill


def column_px(width: float) -> int:
    """A column's width in pixels, for a width in characters (Calibri 11)."""
    return int(round(width * 7 + 5))


def lay_out(dashboard: Dashboard) -> SheetLayout:
    sheet = SheetLayout(span=max(len(dashboard.status.frame.columns) if dashboard.status else 0, 3))
    row = _heading(sheet, dashboard)
    if dashboard.status is not None:
        row = _table(sheet, dashboard.status, row + 1) + 2
    summary_row = row
    row += len(dashboard.summary) + 2 if dashboard.summary else 0
    sheet.breaks.append(row - 1)
    for table in [t for t in dashboard.tables if t.link_column]:  # each list starts a page
        row = _table(sheet, table, row) + 1
        sheet.breaks.append(row - 1)
    charts_row = row
    drawable = _drawable(dashboard)
    if drawable:
        row += 1 + charts_rows(dashboard, drawable)
        sheet.breaks.append(row - 1)
    for table in [t for t in dashboard.tables if not t.link_column][:2]:  # impact first
        row = _table(sheet, table, row) + 2
    row = _kpis(sheet, dashboard, row)
    for table in [t for t in dashboard.tables if not t.link_column][2:]:
        row = _table(sheet, table, row) + 2
    _summary(sheet, dashboard, summary_row)
    _fit(sheet)
    _charts(sheet, dashboard, drawable, charts_row)
    return sheet


def _drawable(dashboard: Dashboard) -> list[Chart]:
    """The charts whose table is on the sheet, with rows and the columns the chart names."""
    tables = {t.title: t for t in dashboard.tables}
    return [
        c
        for c in dashboard.charts
        if c.table in tables
        and len(tables[c.table].frame)
        and {c.categories, *c.values} <= set(tables[c.table].frame.columns)
    ]


def _heading(sheet: SheetLayout, dashboard: Dashboard) -> int:
    for row, (text, style) in enumerate(
        ((dashboard.title, "title"), (dashboard.subtitle, "subtitle"), (dashboard.headline, "headline")), 1
    ):
        sheet.put(row, 1, text, style)
        sheet.merges.append((row, 1, row, sheet.span))
    sheet.heights[1] = 24.0
    sheet.heights[3] = 2 * LINE_POINTS + 4
    sheet.regions.append((1, 1, 3, sheet.span))
    return 4


def _table(sheet: SheetLayout, table: DashboardTable, row: int) -> int:
    """Title, note, header and rows from `row`; returns the last row used."""
    top = row
    sheet.put(row, 1, table.title, "section")
    if table.note:
        row += 1
        sheet.put(row, 1, table.note, "note")
    placed = PlacedTable(table, row + 1, title_row=top)
    columns = [str(c) for c in table.frame.columns]
    for j, name in enumerate(columns):
        numeric = numeric_column(table, name)
        sheet.put(placed.header_row, j + 1, name, "header_num" if numeric else "header_text")
    links = dict(enumerate(table.links))
    link_col = columns.index(table.link_column) + 1 if table.link_column in columns else 0
    for i, record in enumerate(table.frame.itertuples(index=False, name=None)):
        r = placed.first_row + i
        total = table.total_row and i == len(table.frame) - 1
        for j, value in enumerate(record):
            sheet.put(
                r, j + 1, value, "cell_bold" if total and j == 0 else value_style(table, columns[j], value)
            )
        if link_col and i in links:
            sheet.links[(r, link_col)] = links[i]
    sheet.tables[table.title] = placed
    bottom = max(placed.last_row, placed.header_row)
    sheet.regions.append((top, 1, bottom, max(len(columns), 1)))
    return bottom


def _summary(sheet: SheetLayout, dashboard: Dashboard, row: int) -> None:
    if not dashboard.summary:
        return
    sheet.put(row, 1, T_SUMMARY, "section")
    for i, line in enumerate(dashboard.summary, 1):
        sheet.put(row + i, 1, line.label, "kpi_label")
        sheet.put(row + i, 2, line.count, "kpi_value")
        placed = sheet.tables.get(line.table)
        if placed is not None and line.count:
            sheet.put(row + i, 3, GO_TO_LIST, "link")
            sheet.links[(row + i, 3)] = f"{L.DASHBOARD}!A{placed.title_row}"
    sheet.regions.append((row, 1, row + len(dashboard.summary), 3))


def _kpis(sheet: SheetLayout, dashboard: Dashboard, row: int) -> int:
    if not dashboard.kpis:
        return row
    sheet.put(row, 1, T_KEY_FIGURES, "section")
    for i, (label, value, note) in enumerate(dashboard.kpis, 1):
        sheet.put(row + i, 1, label, "kpi_label")
        sheet.put(row + i, 2, value, "kpi_percent" if isinstance(value, float) else "kpi_value")
        sheet.put(row + i, 3, note, "kpi_note")
    sheet.regions.append((row, 1, row + len(dashboard.kpis), 3))
    return row + len(dashboard.kpis) + 2


def _hint(cell: Cell) -> float:
    """How wide this cell asks its column to be, in characters."""
    if cell.style in _NO_WIDTH:
        return 0.0
    value = cell.value
    if cell.style in ("header_text", "header_num"):
        words = str(value).split()
        return max(max(len(w) for w in words), math.ceil(len(str(value)) / 2)) + 2 if words else 0
    if isinstance(value, date):
        return 11.0
    if isinstance(value, float) and cell.style in ("percent", "kpi_percent"):
        return 7.0
    if isinstance(value, (int, float)):
        return len(f"{value:,.2f}" if isinstance(value, float) else f"{value:,}") + 3
    longest = max(len(line) for line in str(value).split("\n"))
    if cell.style == "kpi_label":  # bold, one line: as wide as it is, bold letters as wide as digits
        return longest + 2.0
    return math.ceil(min(longest, WRAP_AT) * TEXT_CHAR) + 2


def _fit(sheet: SheetLayout) -> None:
    for cell in sheet.cells:
        sheet.widths[cell.col] = max(sheet.widths.get(cell.col, MIN_WIDTH), min(_hint(cell), MAX_WIDTH))
    for cell in sheet.cells:
        if cell.style in ("cell_wrap", "header_text", "header_num"):
            lines = text_fit.lines(str(cell.value), sheet.widths[cell.col] - 1)
            sheet.heights[cell.row] = max(sheet.heights.get(cell.row, LINE_POINTS), lines * LINE_POINTS)


def _charts(sheet: SheetLayout, dashboard: Dashboard, charts: list[Chart], row: int) -> None:
    """Two abreast: the left one from column A, the right one from the column boundary nearest
    the middle, each to its half's last column, so they fill the width whatever the font. A
    pair that would run over the foot of a printed page starts the next page."""
    if not charts:
        return
    sheet.put(row, 1, T_CHARTS, "section")
    sheet.regions.append((row, 1, row, 1))
    edges = [0]
    for col in range(1, sheet.span + 1):
        edges.append(edges[-1] + column_px(sheet.widths.get(col, MIN_WIDTH)))
    middle = min(range(2, sheet.span + 1), key=lambda c: abs(edges[c - 1] - edges[-1] / 2))
    halves = ((1, middle - 1), (middle, sheet.span))
    page_px = PRINT_HEIGHT_PX * max(1.0, edges[-1] / PRINT_WIDTH_PX)  # fit to one page wide shrinks it
    top, used = row + 1, ROW_PX  # the page so far holds the section's title
    for pair in (charts[i : i + 2] for i in range(0, len(charts), 2)):
        heights = [chart_height(chart, sheet.tables[chart.table]) for chart in pair]
        rows = math.ceil(max(heights) / ROW_PX) + 1
        if used > ROW_PX and used + rows * ROW_PX > page_px:
            sheet.breaks.append(top - 1)
            used = 0
        for i, (chart, height) in enumerate(zip(pair, heights, strict=True)):
            first, last = halves[i]
            offset = CHART_GAP_PX if i else 0
            width = edges[last] - edges[first - 1] - offset
            placed = PlacedChart(
                chart, sheet.tables[chart.table], top, first, offset, width, height, last + 1
            )
            sheet.charts.append(placed)
        top, used = top + rows, used + rows * ROW_PX


def chart_height(chart: Chart, placed: PlacedTable) -> int:
    """A bar chart grows with its bars, so every label shows; the rest are the standard height."""
    if chart.kind != "bar":
        return CHART_HEIGHT_PX
    return max(CHART_HEIGHT_PX, 60 + 36 * len(placed.table.frame))


def charts_rows(dashboard: Dashboard, charts: list[Chart]) -> int:
    """The rows the charts take, two abreast (a row of two is as tall as the taller)."""
    tables = {t.title: t for t in dashboard.tables}
    heights = [chart_height(c, PlacedTable(tables[c.table], 0)) for c in charts]
    pairs = [max(heights[i : i + 2]) for i in range(0, len(heights), 2)]
    return sum(math.ceil(h / ROW_PX) + 1 for h in pairs)
