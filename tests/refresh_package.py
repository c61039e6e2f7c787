"""Put rendered Dashboard parts into a real .xlsx, and open the result in LibreOffice.

What the file adapter does for real, done plainly here so the renderer's bytes can be
checked on their own: the sheet replaces the Dashboard sheet part, and the drawing, its
relationships, the charts and their content types are added.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from smep_xl import layout as L

STYLE_NAMES = (
    "title",
    "subtitle",
    "header",
    "text",
    "wrap",
    "integer",
    "number",
    "percent",
    "date",
    "kpi_label",
    "kpi_value",
    "kpi_percent",
    "rag_red",
    "rag_amber",
    "rag_green",
    "rag_blue",
    "cell",
    "cell_wrap",
    "cell_bold",
    "code",
    "link",
    "link_code",
    "header_text",
    "header_num",
    "headline",
    "section",
    "note",
    "kpi_note",
    "status_behind",
    "status_at_risk",
    "status_on_track",
    "status_met",
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"


class StubStyles:
    """styles.xf(name) -> a fixed cellXfs index, recording what was asked for."""

    def __init__(self, known=STYLE_NAMES):
        self.index = {name: i + 1 for i, name in enumerate(known)}
        self.asked: list[str] = []

    def xf(self, name: str) -> int:
        self.asked.append(name)
        return self.index[name]


def base_workbook(path: Path) -> None:
    """A workbook whose first sheet is the Dashboard, with one cell format per style name so
    every index StubStyles hands out exists in styles.xml."""
    wb = Workbook()
    wb.active.title = L.DASHBOARD
    other = wb.create_sheet(L.SETTINGS)
    formats = {"integer": "0", "number": "0.00", "percent": "0%", "kpi_percent": "0%", "date": "dd/mm/yyyy"}
    for i, name in enumerate(STYLE_NAMES):
        cell = other.cell(row=i + 1, column=1, value=name)
        cell.font = Font(bold=name not in ("text", "wrap"), size=8 + i)  # a distinct cell format each
        cell.number_format = formats.get(name, "General")
        if name.startswith("rag_"):
            cell.fill = PatternFill(
                "solid",
                fgColor={
                    "rag_red": "FFC7CE",
                    "rag_amber": "FFEB9C",
                    "rag_green": "C6EFCE",
                    "rag_blue": "BDD7EE",
                }[name],
            )
    wb.save(path)


def package(base: Path, parts, out: Path) -> None:
    """Copy `base` to `out` with the Dashboard sheet replaced by `parts` (xl/worksheets/sheet1.xml)."""
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = parts.sheet_xml
            elif item.filename == "[Content_Types].xml":
                data = _content_types(data, len(parts.charts), parts.drawing_xml is not None)
            dst.writestr(item.filename, data)
        if parts.drawing_xml is None:
            return
        dst.writestr(
            "xl/worksheets/_rels/sheet1.xml.rels",
            _rels([("rIdSmepDrawing", REL + "/drawing", "../drawings/drawing1.xml")]),
        )
        dst.writestr("xl/drawings/drawing1.xml", parts.drawing_xml)
        dst.writestr(
            "xl/drawings/_rels/drawing1.xml.rels",
            _rels(
                [
                    (f"rIdChart{i}", REL + "/chart", f"../charts/chart{i}.xml")
                    for i in range(1, len(parts.charts) + 1)
                ]
            ),
        )
        for i, chart in enumerate(parts.charts, start=1):
            dst.writestr(f"xl/charts/chart{i}.xml", chart)


def _rels(rows) -> bytes:
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in rows)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
        f'"http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>'
    ).encode()


def _content_types(data: bytes, charts: int, drawing: bool) -> bytes:
    extra = f'<Override PartName="/xl/drawings/drawing1.xml" ContentType="{CT_DRAWING}"/>' if drawing else ""
    extra += "".join(
        f'<Override PartName="/xl/charts/chart{i}.xml" ContentType="{CT_CHART}"/>'
        for i in range(1, charts + 1)
    )
    return data.replace(b"</Types>", extra.encode() + b"</Types>")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(path: Path, fmt: str, outdir: Path) -> Path:
    """Convert with LibreOffice headless (its own profile, so runs never share a lock)."""
    profile = Path(tempfile.mkdtemp(prefix="smep-lo-"))
    try:
        run = subprocess.run(
            [
                soffice(),
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                fmt,
                "--outdir",
                str(outdir),
                str(path),
            ],
            capture_output=True,
            text=True,
            timeout=180,
            env={**os.environ, "HOME": str(profile)},
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = outdir / (path.stem + "." + fmt.split(":")[0])
    assert run.returncode == 0 and out.exists(), f"LibreOffice could not convert {path.name}: {run.stderr}"
    return out


def ods_charts(ods: Path) -> list[str]:
    """Chart objects LibreOffice imported, as the text of each chart's content.xml."""
    with zipfile.ZipFile(ods) as z:
        return [
            z.read(n).decode()
            for n in z.namelist()
            if re.match(r"Object \d+/content\.xml$", n) and b"<chart:chart" in z.read(n)
        ]


def chart_parts(xlsx: Path) -> list[str]:
    """Chart parts reached from a drawing's relationships (what Excel would draw)."""
    with zipfile.ZipFile(xlsx) as z:
        names = set(z.namelist())
        rels = [z.read(n).decode() for n in names if re.match(r"xl/drawings/_rels/.*\.rels$", n)]
    targets = [t for r in rels for t in re.findall(r'Target="([^"]+)"', r) if "chart" in t]
    return [t for t in targets if "xl/charts/" + t.rsplit("/", 1)[-1] in names]


def write_hub_workbook(frames: dict, path: Path) -> Path:
    """The hub's frames as a contract workbook on disk: one Excel table per sheet, every
    contract column present (computed ones blank), the Dashboard first."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table

    wb = Workbook()
    wb.active.title = L.DASHBOARD
    criteria = list(frames[L.CRITERIA][L.CRI_NAME])
    specs = {**L.FIXED_SPECS, L.VISITS: L.visits_spec(criteria)}
    for sheet in L.SHEET_ORDER[1:]:
        ws = wb.create_sheet(sheet)
        columns = list(specs[sheet].columns)
        frame = frames.get(sheet)
        ws.append(columns)
        for _, record in frame.iterrows() if frame is not None else []:
            ws.append([_cell_value(record.get(c)) for c in columns])
        last = max(ws.max_row, 2)
        ws.add_table(
            Table(displayName=L.table_name(sheet), ref=f"A1:{get_column_letter(len(columns))}{last}")
        )
    wb.save(path)
    return path


def _cell_value(value):
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value
