"""Put a rendered Dashboard into the package: its sheet, one drawing and its charts.

The drawing and chart parts have fixed names (smepDashboard, smepChartN) so each refresh
replaces the last one's parts instead of piling up new ones. Relationships and content
types are edited as XML through the package; the sheet keeps the settings staff gave it.
"""

from __future__ import annotations

from smep_xl import layout as L
from smep_xl.adapters.xlsx import sheets as xlsx_sheets
from smep_xl.adapters.xlsx.keep import keep_sheet_settings
from smep_xl.ooxml.package import (
    REL_CHART,
    REL_DRAWING,
    add_relationship,
    rels_path,
    remove_content_type,
    remove_relationships,
    set_content_type,
)
from smep_xl.ooxml.xml import XmlError

DRAWING_PART = "xl/drawings/smepDashboard.xml"
CHART_PART = "xl/charts/smepChart{}.xml"
DRAWING_REL_ID = "rIdSmepDrawing"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"


def place_dashboard(writer, dashboard) -> None:
    from smep_xl.adapters.xlsx.dashboard import PRINT_TITLES, render_dashboard_sheet
    from smep_xl.adapters.xlsx.print_setup import ensure_print_titles

    pkg = writer.pkg
    part = writer.book.sheet_part(L.DASHBOARD)
    old = None
    if part is None:
        part = xlsx_sheets.add_sheet(pkg, L.DASHBOARD).part
        writer.book.add_sheet_info(L.DASHBOARD, part)
    else:
        old = writer.xml(part)
    rendered = render_dashboard_sheet(dashboard, writer.styles, writer.book.date1904)
    charts = list(rendered.charts)
    drawing = rendered.drawing_xml if charts else None
    writer.set_xml(part, _kept(old, rendered.sheet_xml))
    ensure_print_titles(pkg, L.DASHBOARD, PRINT_TITLES)
    _point_sheet_at_drawing(pkg, part, bool(drawing))
    _clear_old_charts(pkg, len(charts))
    if pkg.has(rels_path(DRAWING_PART)):
        pkg.remove(rels_path(DRAWING_PART))
    if not drawing:
        if pkg.has(DRAWING_PART):
            pkg.remove(DRAWING_PART)
            remove_content_type(pkg, DRAWING_PART)
        return
    pkg.write(DRAWING_PART, drawing)
    set_content_type(pkg, DRAWING_PART, CT_DRAWING)
    for i, chart in enumerate(charts, 1):
        add_relationship(pkg, DRAWING_PART, REL_CHART, f"../charts/smepChart{i}.xml", f"rIdChart{i}")
        pkg.write(CHART_PART.format(i), chart)
        set_content_type(pkg, CHART_PART.format(i), CT_CHART)


def _kept(old: bytes | None, new: bytes) -> bytes:
    if old is None:
        return new
    try:
        return keep_sheet_settings(old, new)
    except XmlError:  # a damaged Dashboard is Python's to replace, settings and all
        return new


def _point_sheet_at_drawing(pkg, part: str, with_drawing: bool) -> None:
    """The sheet's one drawing relationship is ours (a sheet holds one drawing at most)."""
    remove_relationships(pkg, part, lambda rel: rel.id == DRAWING_REL_ID or rel.type == REL_DRAWING)
    if with_drawing:
        add_relationship(pkg, part, REL_DRAWING, "../drawings/smepDashboard.xml", DRAWING_REL_ID)


def _clear_old_charts(pkg, keep: int) -> None:
    n = keep + 1
    while pkg.has(CHART_PART.format(n)):
        pkg.remove(CHART_PART.format(n))
        remove_content_type(pkg, CHART_PART.format(n))
        n += 1
