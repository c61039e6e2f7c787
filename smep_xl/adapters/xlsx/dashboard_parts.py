"""Put a rendered Dashboard into the package: its sheet, one drawing and its charts.

The drawing and chart parts have fixed names (smepDashboard, smepChartN) so each refresh
replaces the last one's parts instead of piling up new ones.
"""

from __future__ import annotations

import re

from smep_xl import layout as L
from smep_xl.adapters.xlsx import sheets as xlsx_sheets
from smep_xl.ooxml.package import REL_CHART, REL_DRAWING, rels_path

DRAWING_PART = "xl/drawings/smepDashboard.xml"
CHART_PART = "xl/charts/smepChart{}.xml"
DRAWING_REL_ID = "rIdSmepDrawing"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
_RELS_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
)


def place_dashboard(writer, dashboard) -> None:
    from smep_xl.adapters.xlsx.dashboard import render_dashboard_sheet

    pkg = writer.pkg
    part = writer.book.sheet_part(L.DASHBOARD)
    if part is None:
        part = xlsx_sheets.add_sheet(pkg, L.DASHBOARD).part
        writer.book.add_sheet_info(L.DASHBOARD, part)
    rendered = render_dashboard_sheet(dashboard, writer.styles)
    charts = list(getattr(rendered, "charts", []) or [])
    drawing = getattr(rendered, "drawing_xml", None) if charts else None
    writer.set_xml(part, rendered.sheet_xml)
    _write_sheet_rels(pkg, part, bool(drawing))
    _clear_old_charts(pkg, len(charts))
    if not drawing:
        if pkg.has(DRAWING_PART):
            pkg.remove(DRAWING_PART)
            pkg.remove(rels_path(DRAWING_PART))
        return
    pkg.write(DRAWING_PART, drawing)
    xlsx_sheets.add_content_type(pkg, DRAWING_PART, CT_DRAWING)
    rels = b"".join(
        f'<Relationship Id="rIdChart{i}" Type="{REL_CHART}" Target="../charts/smepChart{i}.xml"/>'.encode()
        for i in range(1, len(charts) + 1)
    )
    pkg.write(rels_path(DRAWING_PART), _RELS_HEAD + rels + b"</Relationships>")
    for i, chart in enumerate(charts, 1):
        pkg.write(CHART_PART.format(i), chart)
        xlsx_sheets.add_content_type(pkg, CHART_PART.format(i), CT_CHART)


def _write_sheet_rels(pkg, part: str, with_drawing: bool) -> None:
    path = rels_path(part)
    old = pkg.read(path) if pkg.has(path) else _RELS_HEAD + b"</Relationships>"
    kept = [
        r
        for r in re.findall(rb"<Relationship\b[^>]*/>", old)
        if b'Id="' + DRAWING_REL_ID.encode() + b'"' not in r and b'/drawing"' not in r
    ]
    if with_drawing:
        kept.append(
            f'<Relationship Id="{DRAWING_REL_ID}" Type="{REL_DRAWING}" '
            f'Target="../drawings/smepDashboard.xml"/>'.encode()
        )
    if kept or pkg.has(path):
        pkg.write(path, _RELS_HEAD + b"".join(kept) + b"</Relationships>")


def _clear_old_charts(pkg, keep: int) -> None:
    n = keep + 1
    while pkg.has(CHART_PART.format(n)):
        pkg.remove(CHART_PART.format(n))
        ct = pkg.read("[Content_Types].xml")
        pkg.write(
            "[Content_Types].xml",
            ct.replace(
                f'<Override PartName="/{CHART_PART.format(n)}" ContentType="{CT_CHART}"/>'.encode(), b""
            ),
        )
        n += 1
