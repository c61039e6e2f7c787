"""The Dashboard as SpreadsheetML: the sheet, its drawing and one native chart per Chart, drawn
from the placement domain/dashboard_place.py makes (the live adapter draws the same one).

The file adapter places the parts in the package: the sheet refers to its drawing as
r:id="rIdSmepDrawing", and the drawing to chart N as r:id="rIdChartN". Text cells are inline
strings, so the shared-strings part is never touched. Charts carry cached values as well as
formulas, so Excel and LibreOffice show them before anything recalculates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from smep_xl import layout as L
from smep_xl.adapters.xlsx.dashboard_charts import NS_A, NS_C, NS_R, chart_xml
from smep_xl.adapters.xlsx.print_setup import FOOTER, page_setup_xml
from smep_xl.domain.dashboard_layout import ROW_PX, PlacedChart, SheetLayout
from smep_xl.domain.dashboard_place import lay_out
from smep_xl.ooxml import xml as ox
from smep_xl.ooxml.cells import cell_xml, plain, xml_text
from smep_xl.ooxml.refs import column_letter, range_ref
from smep_xl.workbook import Dashboard

DRAWING_RID = "rIdSmepDrawing"
NS_MAIN, NS_XDR = ox.MAIN, ox.DRAWING
EMU_PER_PX = 9525
PRINT_TITLES = "$1:$2"  # the title and as-of rows head every printed page


@dataclass
class DashboardParts:
    sheet_xml: bytes
    drawing_xml: bytes | None
    charts: list[bytes] = field(default_factory=list)
    anchors: list[PlacedChart] = field(default_factory=list)
    tables: dict[str, str] = field(default_factory=dict)  # title -> "A20:K31" (header included)
    layout: SheetLayout | None = None


def _style(styles, name: str) -> int:
    try:
        return styles.xf(name)
    except KeyError:
        return styles.xf("text")


def _row_xml(sheet: SheetLayout, styles, date1904: bool) -> str:
    by_row: dict[int, list] = {}
    for cell in sheet.cells:
        by_row.setdefault(cell.row, []).append(cell)
    out = []
    for r in sorted(set(by_row) | set(sheet.heights)):
        cells = "".join(
            cell_xml(
                f"{column_letter(c.col)}{r}", _shown(c.value), _style(styles, c.style), date1904=date1904
            )
            for c in sorted(by_row.get(r, []), key=lambda c: c.col)
        )
        height = f' ht="{sheet.heights[r]:g}" customHeight="1"' if r in sheet.heights else ""
        out.append(f'<row r="{r}"{height}>{cells}</row>')
    return "".join(out)


def _shown(value: object) -> object:
    value = plain(value)
    return (L.YES if value else L.NO) if isinstance(value, bool) else value


def render_dashboard_sheet(dashboard: Dashboard, styles, date1904: bool = False) -> DashboardParts:
    """Render the Dashboard; `styles.xf(name)` gives the cellXfs index of a named style, and
    dates are day numbers in the workbook's own date system."""
    sheet = lay_out(dashboard)
    charts = [chart_xml(p.chart, p.table, L.DASHBOARD, date1904) for p in sheet.charts]
    tables = {
        title: range_ref(p.first_col, p.header_row, p.last_col, max(p.last_row, p.header_row))
        for title, p in sheet.tables.items()
    }
    return DashboardParts(
        _sheet(sheet, styles, date1904, bool(charts)),
        _drawing(sheet.charts) if charts else None,
        charts,
        list(sheet.charts),
        tables,
        sheet,
    )


def _sheet(sheet: SheetLayout, styles, date1904: bool, with_drawing: bool) -> bytes:
    cols = "".join(
        f'<col min="{c}" max="{c}" width="{w:g}" customWidth="1"/>' for c, w in sorted(sheet.widths.items())
    )
    merges = "".join(f'<mergeCell ref="{range_ref(c1, r1, c2, r2)}"/>' for r1, c1, r2, c2 in sheet.merges)
    merges = f'<mergeCells count="{len(sheet.merges)}">{merges}</mergeCells>' if merges else ""
    links = "".join(
        f'<hyperlink ref="{column_letter(c)}{r}" location="{xml_text(target)}" display="{xml_text(target)}"/>'
        for (r, c), target in sorted(sheet.links.items())
    )
    links = f"<hyperlinks>{links}</hyperlinks>" if links else ""
    breaks = "".join(f'<brk id="{r}" max="16383" man="1"/>' for r in sorted(set(sheet.breaks)) if r > 1)
    breaks = f'<rowBreaks count="{breaks.count("<brk")}" manualBreakCount="{breaks.count("<brk")}">{breaks}</rowBreaks>'
    drawing = f'<drawing r:id="{DRAWING_RID}"/>' if with_drawing else ""
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}">'
        '<sheetPr><tabColor rgb="FF1F4E78"/><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{column_letter(sheet.last_col)}{sheet.last_row}"/>'
        '<sheetViews><sheetView showGridLines="0" workbookViewId="0"/></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"{'<cols>' + cols + '</cols>' if cols else ''}"
        f"<sheetData>{_row_xml(sheet, styles, date1904)}</sheetData>"
        f"{merges}{links}{page_setup_xml(FOOTER)}{breaks if sheet.breaks else ''}{drawing}</worksheet>"
    )
    return xml.encode("utf-8")


def _drawing(charts: list[PlacedChart]) -> bytes:
    frames = "".join(_anchor(i, p) for i, p in enumerate(charts, 1))
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<xdr:wsDr xmlns:xdr="{NS_XDR}" xmlns:a="{NS_A}">{frames}</xdr:wsDr>'
    ).encode()


def _anchor(n: int, p: PlacedChart) -> str:
    """A chart between column boundaries (it keeps to its half whatever the font's width), as
    tall as its rows; it moves with its top-left cell."""

    def corner(tag: str, col: int, col_off: int, row: int) -> str:
        return (
            f"<xdr:{tag}><xdr:col>{col}</xdr:col><xdr:colOff>{col_off}</xdr:colOff>"
            f"<xdr:row>{row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:{tag}>"
        )

    rows = math.ceil(p.height_px / ROW_PX)
    return (
        f'<xdr:twoCellAnchor editAs="oneCell">{corner("from", p.col - 1, p.offset_px * EMU_PER_PX, p.row - 1)}'
        f'{corner("to", p.end_col - 1, 0, p.row - 1 + rows)}<xdr:graphicFrame macro="">'
        f'<xdr:nvGraphicFramePr><xdr:cNvPr id="{n + 1}" name="Chart {n}"/>'
        "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>"
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
        f'<a:graphic><a:graphicData uri="{NS_C}"><c:chart xmlns:c="{NS_C}" xmlns:r="{NS_R}" '
        f'r:id="rIdChart{n}"/></a:graphicData></a:graphic></xdr:graphicFrame>'
        "<xdr:clientData/></xdr:twoCellAnchor>"
    )
