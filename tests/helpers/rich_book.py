"""A contract workbook carrying every part a save must keep: VBA, ribbon, chart, validation,
conditional formats with Excel 2010 extensions, comments, defined names, cached formula values."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import xlwings
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.formatting.rule import DataBarRule
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from smep_xl import layout as L
from tests.helpers.contract_book import make_contract_workbook

RIBBON = (
    b'<customUI xmlns="http://schemas.microsoft.com/office/2009/07/customui"><ribbon><tabs>'
    b'<tab id="t" label="SMEP"/></tabs></ribbon></customUI>'
)
X14_EXT = (
    b'<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" '
    b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    b"<x14:conditionalFormattings><x14:conditionalFormatting "
    b'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="dataBar" '
    b'id="{00000000-0000-0000-0000-000000000001}"><x14:dataBar minLength="0" maxLength="100" gradient="0">'
    b'<x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/></x14:dataBar></x14:cfRule>'
    b"<xm:sqref>Q2:Q4</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>"
)


def make_rich_workbook(path: Path) -> Path:
    plain = path.with_suffix(".plain.xlsx")
    make_contract_workbook(plain)
    wb = openpyxl.load_workbook(plain)
    schools = wb[L.SCHOOLS]
    dv = DataValidation(type="list", formula1="=Lists!$A$2:$A$50", allow_blank=True)
    dv.add("D2:D500")
    schools.add_data_validation(dv)
    schools.conditional_formatting.add(
        "Q2:Q500", DataBarRule(start_type="min", end_type="max", color="638EC6")
    )
    schools["B2"].comment = Comment("Check the name", "Admin")
    schools["B3"].fill = PatternFill("solid", fgColor="FFFF00")
    schools["U2"] = "=A2*2"  # a user formula in an input cell (Notes)
    dash = wb[L.DASHBOARD]
    dash["A1"], dash["A2"], dash["B1"], dash["B2"] = "x", "y", 1, 2
    chart = BarChart()
    chart.add_data(Reference(dash, min_col=2, min_row=1, max_row=2))
    wb[L.CRITERIA].add_chart(chart, "H2")
    wb.defined_names["SmepPhases"] = DefinedName("SmepPhases", attr_text="Lists!$A$2:$A$50")
    wb.save(plain)
    _inject(plain, path)
    plain.unlink()
    return path


def _inject(src: Path, dst: Path) -> None:
    """Add a VBA project, a ribbon and a Schools-sheet x14 extension at the package level."""
    quick = Path(xlwings.__file__).parent / "quickstart_standalone.xlsm"
    with zipfile.ZipFile(quick) as q:
        vba = q.read("xl/vbaProject.bin")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        sheets = _sheet_parts(zin)
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml")
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.sheet.macroEnabled.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                )
                data = data.replace(
                    b"</Types>",
                    b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
                )
            elif info.filename == "_rels/.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdUI" Type="http://schemas.'
                    b'microsoft.com/office/2007/relationships/ui/extensibility" '
                    b'Target="customUI/customUI14.xml"/></Relationships>',
                )
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdVBA" Type="http://schemas.'
                    b'microsoft.com/office/2006/relationships/vbaProject" '
                    b'Target="vbaProject.bin"/></Relationships>',
                )
            elif info.filename == sheets[L.SCHOOLS]:
                data = data.replace(b"</worksheet>", X14_EXT + b"</worksheet>")
            zout.writestr(info, data)
        zout.writestr("xl/vbaProject.bin", vba)
        zout.writestr("customUI/customUI14.xml", RIBBON)


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    rels = dict(re.findall(rb'Id="([^"]+)"[^>]*Target="([^"]+)"', z.read("xl/_rels/workbook.xml.rels")))
    rels.update(
        {
            k: v
            for v, k in re.findall(
                rb'Target="([^"]+)"[^>]*Id="([^"]+)"', z.read("xl/_rels/workbook.xml.rels")
            )
        }
    )
    out = {}
    for name, rid in re.findall(rb'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', z.read("xl/workbook.xml")):
        out[name.decode()] = "xl/" + rels[rid].decode().lstrip("/").removeprefix("xl/")
    return out


def copy_to(src: Path, dst: Path) -> Path:
    shutil.copy(src, dst)
    return dst
