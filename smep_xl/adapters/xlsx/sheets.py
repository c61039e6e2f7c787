"""Add a sheet or a table part to a package (for Python-owned sheets a workbook lacks).

workbook.xml and the sheet are edited with lxml: the new <sheet> takes the prefix the
workbook uses for its sheets, and r:id is declared where the workbook does not declare it
itself (openpyxl declares xmlns:r on each <sheet>, so a copied "r:" would be unbound).
"""

from __future__ import annotations

from smep_xl.adapters.xlsx.structure import WORKBOOK_PART, SheetInfo
from smep_xl.adapters.xlsx.tables import new_table_xml
from smep_xl.ooxml import xml
from smep_xl.ooxml.package import (
    REL_TABLE,
    REL_WORKSHEET,
    Package,
    add_relationship,
    free_part_name,
    set_content_type,
)
from smep_xl.ooxml.sheet import Worksheet

CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"
EMPTY_SHEET = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
    b'<sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
    b'footer="0.3"/></worksheet>'
)


def add_sheet(pkg: Package, name: str) -> SheetInfo:
    """Append an empty worksheet called name at the end of the workbook."""
    part = free_part_name(pkg, "xl/worksheets/sheet{}.xml")
    pkg.write(part, EMPTY_SHEET)
    set_content_type(pkg, part, CT_SHEET)
    rid = add_relationship(pkg, WORKBOOK_PART, REL_WORKSHEET, part.removeprefix("xl/"))
    root = pkg.parse(WORKBOOK_PART)
    holder = root.find(xml.q(xml.MAIN, "sheets"))
    if holder is None:
        raise ValueError("workbook.xml has no <sheets>")
    ids = [int(s.get("sheetId", "0")) for s in holder if str(s.get("sheetId", "")).isdigit()]
    nsmap = None if xml.R in root.nsmap.values() else {"r": xml.R}
    sheet = holder.makeelement(xml.q(xml.MAIN, "sheet"), {}, nsmap)
    sheet.set("name", name)
    sheet.set("sheetId", str(max(ids or [0]) + 1))
    sheet.set(xml.q(xml.R, "id"), rid)
    holder.append(sheet)
    pkg.write_xml(WORKBOOK_PART, root)
    return SheetInfo(name, part)


def add_table(pkg: Package, sheet_part: str, sheet_xml: bytes, name: str, columns: tuple[str, ...], ref: str):
    """A new Excel table over ref on a sheet; returns (table part, the sheet's new XML).

    A sheet with tables of its own keeps them as they are and gets no second one."""
    ids = []
    for other in pkg.names():
        if other.startswith("xl/tables/") and other.endswith(".xml"):
            found = pkg.parse(other).get("id", "")
            ids += [int(found)] if found.isdigit() else []
    part = free_part_name(pkg, "xl/tables/table{}.xml")
    pkg.write(part, new_table_xml(max(ids or [0]) + 1, name, columns, ref))
    set_content_type(pkg, part, CT_TABLE)
    rid = add_relationship(pkg, sheet_part, REL_TABLE, "../tables/" + part.rsplit("/", 1)[1])
    sheet = Worksheet(sheet_xml)
    if sheet.find("tableParts") is not None:
        return part, sheet_xml
    holder = sheet.place(sheet.element("tableParts", {"count": "1"}))
    nsmap = None if xml.R in sheet.root.nsmap.values() else {"r": xml.R}
    tag = holder.makeelement(xml.q(xml.MAIN, "tablePart"), {}, nsmap)
    tag.set(xml.q(xml.R, "id"), rid)
    holder.append(tag)
    return part, sheet.to_bytes()
