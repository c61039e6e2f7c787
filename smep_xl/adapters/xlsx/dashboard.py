"""The Dashboard as SpreadsheetML: the sheet, its drawing and one native chart per Chart.

The file adapter places the parts in the package: the sheet refers to its drawing as
r:id="rIdSmepDrawing", and the drawing to chart N as r:id="rIdChartN". Text cells are inline
strings, so the shared-strings part is never touched. Charts carry cached values as well as
formulas, so Excel and LibreOffice show them before anything recalculates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from smep_xl import layout as L
from smep_xl.adapters.xlsx.dashboard_charts import NS_A, NS_C, NS_R, PlacedTable, chart_xml
from smep_xl.ooxml import xml as ox
from smep_xl.ooxml.cells import cell_xml, plain
from smep_xl.ooxml.refs import column_letter
from smep_xl.workbook import Dashboard, DashboardTable

DRAWING_RID = "rIdSmepDrawing"
NS_MAIN, NS_XDR = ox.MAIN, ox.DRAWING
CHART_COLS, CHART_ROWS = 9, 18  # size of one chart in cells
RAG_STYLES = {L.RED: "rag_red", L.AMBER: "rag_amber", L.GREEN: "rag_green", L.BLUE: "rag_blue"}


@dataclass(frozen=True)
class ChartAnchor:
    """Where chart N sits: 0-based column/row of its top-left and bottom-right cells."""

    chart: int
    from_col: int
    from_row: int
    to_col: int
    to_row: int


@dataclass
class DashboardParts:
    sheet_xml: bytes
    drawing_xml: bytes | None
    charts: list[bytes] = field(default_factory=list)
    anchors: list[ChartAnchor] = field(default_factory=list)
    tables: dict[str, str] = field(default_factory=dict)  # title -> "A20:K31" (header included)


class _Grid:
    """Cells by row, in column order, with the widest text seen in each column."""

    def __init__(self, styles, date1904: bool):
        self.styles = styles
        self.date1904 = date1904
        self.rows: dict[int, list[tuple[int, str]]] = {}
        self.widths: dict[int, int] = {}
        self.merges: list[str] = []
        self.heights: dict[int, int] = {1: 24}  # points, for rows that need more than one line

    def xf(self, name: str, fallback: str = "text") -> int:
        try:
            return self.styles.xf(name)
        except KeyError:
            return self.styles.xf(fallback)

    def put(self, row: int, col: int, value: object, style: str, *, cap: int = 48) -> None:
        """cap: the most this cell may widen its column by (0: not at all)."""
        xml, shown = _cell(f"{column_letter(col)}{row}", value, self.xf(style), self.date1904)
        if xml is None:
            return
        self.rows.setdefault(row, []).append((col, xml))
        self.widths[col] = max(self.widths.get(col, 0), min(len(shown), cap))

    def xml(self) -> str:
        out = []
        for row in sorted(self.rows):
            cells = "".join(x for _, x in sorted(self.rows[row]))
            height = f' ht="{self.heights[row]}" customHeight="1"' if row in self.heights else ""
            out.append(f'<row r="{row}"{height}>{cells}</row>')
        return "".join(out)


def _cell(ref: str, value: object, xf: int, date1904: bool) -> tuple[str | None, str]:
    """One <c> element (by the shared cell writer) and the text it shows (for column widths)."""
    value = plain(value)
    if value is None:
        return None, ""
    if isinstance(value, bool):
        value = L.YES if value else L.NO
    xml = cell_xml(ref, value, xf, date1904=date1904)
    if isinstance(value, date):
        return xml, "00/00/0000"
    if isinstance(value, (int, float)):
        return xml, f"{float(value):,.2f}"
    return xml, max(str(value).split("\n"), key=len)


def value_style(table: DashboardTable, column: str, value: object) -> str:
    """The named style of one table cell: RAG colour, percent, date, integer, number or text."""
    if column == table.rag_column and value in RAG_STYLES:
        return RAG_STYLES[value]
    if isinstance(value, (bool, str)):
        return "wrap" if isinstance(value, str) and len(value) > 60 else "text"
    if isinstance(value, (date, datetime)):
        return "date"
    if column in table.percent_columns:
        return "percent"
    if isinstance(value, float) and not value.is_integer():
        return "number"
    return "integer"


def render_dashboard_sheet(dashboard: Dashboard, styles, date1904: bool = False) -> DashboardParts:
    """Render the Dashboard; `styles.xf(name)` gives the cellXfs index of a named style, and
    dates are day numbers in the workbook's own date system."""
    grid = _Grid(styles, date1904)
    span = max([3] + [len(t.frame.columns) for t in dashboard.tables])
    _title(grid, dashboard, span)
    row = _kpis(grid, dashboard.kpis, 4)
    placed: dict[str, PlacedTable] = {}
    for table in dashboard.tables:
        placed[table.title] = _table(grid, table, row + 1)
        row = placed[table.title].last_row + 1
    drawable = [c for c in dashboard.charts if c.table in placed and len(placed[c.table].table.frame)]
    anchors = [
        ChartAnchor(
            i + 1,
            span + 1,
            3 + i * (CHART_ROWS + 1),
            span + 1 + CHART_COLS,
            3 + i * (CHART_ROWS + 1) + CHART_ROWS,
        )
        for i in range(len(drawable))
    ]
    charts = [chart_xml(c, placed[c.table], L.DASHBOARD, date1904) for c in drawable]
    tables = {
        t: f"A{p.header_row}:{column_letter(p.first_col + len(p.table.frame.columns) - 1)}"
        f"{max(p.last_row, p.header_row)}"
        for t, p in placed.items()
    }
    return DashboardParts(
        _sheet(grid, span, max(row - 1, 2), bool(charts)),
        _drawing(anchors) if charts else None,
        charts,
        anchors,
        tables,
    )


def _title(grid: _Grid, dashboard: Dashboard, span: int) -> None:
    last = column_letter(span)
    grid.put(1, 1, dashboard.title, "title", cap=0)
    grid.merges.append(f"A1:{last}1")
    if dashboard.subtitle:
        grid.put(2, 1, dashboard.subtitle, "subtitle", cap=0)
        grid.merges.append(f"A2:{last}2")


def _kpis(grid: _Grid, kpis: list[tuple[str, object, str]], row: int) -> int:
    """Label, value, note per row; a float value is a fraction shown as a percentage."""
    for label, value, note in kpis:
        grid.put(row, 1, label, "kpi_label")
        percent = isinstance(value, float)
        grid.put(row, 2, value, "kpi_percent" if percent else "kpi_value", cap=0)
        grid.put(row, 3, note or None, "text", cap=0)
        row += 1
    return row


def _table(grid: _Grid, table: DashboardTable, row: int) -> PlacedTable:
    """Title, header and data rows from `row`; the header sits on the row after the title."""
    grid.put(row, 1, table.title, "kpi_label", cap=0)
    placed = PlacedTable(table, row + 1)
    columns = list(table.frame.columns)
    for j, name in enumerate(columns):
        grid.put(placed.header_row, j + 1, str(name), "header", cap=12)  # longer headers wrap
    if any(len(str(name)) > 12 for name in columns):
        grid.heights[placed.header_row] = 30
    for i, record in enumerate(table.frame.itertuples(index=False, name=None)):
        for j, raw in enumerate(record):
            value = plain(raw)
            grid.put(placed.first_row + i, j + 1, value, value_style(table, columns[j], value))
    return placed


def _sheet(grid: _Grid, span: int, last_row: int, with_drawing: bool) -> bytes:
    last_col = max([span] + list(grid.widths))
    cols = "".join(
        f'<col min="{c}" max="{c}" width="{max(w + 2, 10 if c > 1 else 14)}" customWidth="1"/>'
        for c, w in sorted(grid.widths.items())
    )
    merges = "".join(f'<mergeCell ref="{m}"/>' for m in grid.merges)
    merges = f'<mergeCells count="{len(grid.merges)}">{merges}</mergeCells>' if merges else ""
    drawing = f'<drawing r:id="{DRAWING_RID}"/>' if with_drawing else ""
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}">'
        '<sheetPr><tabColor rgb="FF1F4E78"/><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{column_letter(last_col)}{last_row}"/>'
        '<sheetViews><sheetView showGridLines="0" workbookViewId="0"/></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"{'<cols>' + cols + '</cols>' if cols else ''}"
        f"<sheetData>{grid.xml()}</sheetData>"
        f"{merges}"
        '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
        f"{drawing}</worksheet>"
    )
    return xml.encode("utf-8")


def _drawing(anchors: list[ChartAnchor]) -> bytes:
    frames = "".join(_anchor(a) for a in anchors)
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<xdr:wsDr xmlns:xdr="{NS_XDR}" xmlns:a="{NS_A}">{frames}</xdr:wsDr>'
    ).encode()


def _anchor(a: ChartAnchor) -> str:
    def corner(tag: str, col: int, row: int) -> str:
        return (
            f"<xdr:{tag}><xdr:col>{col}</xdr:col><xdr:colOff>0</xdr:colOff>"
            f"<xdr:row>{row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:{tag}>"
        )

    return (
        f'<xdr:twoCellAnchor editAs="oneCell">{corner("from", a.from_col, a.from_row)}'
        f'{corner("to", a.to_col, a.to_row)}<xdr:graphicFrame macro="">'
        f'<xdr:nvGraphicFramePr><xdr:cNvPr id="{a.chart + 1}" name="Chart {a.chart}"/>'
        "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>"
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
        f'<a:graphic><a:graphicData uri="{NS_C}"><c:chart xmlns:c="{NS_C}" xmlns:r="{NS_R}" '
        f'r:id="rIdChart{a.chart}"/></a:graphicData></a:graphic></xdr:graphicFrame>'
        "<xdr:clientData/></xdr:twoCellAnchor>"
    )
