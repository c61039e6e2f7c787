"""Add a sheet or a table part to a package (for Python-owned sheets a workbook lacks)."""

from __future__ import annotations

import re

from smep_xl.adapters.xlsx.cells import escape
from smep_xl.adapters.xlsx.structure import SheetInfo
from smep_xl.ooxml.package import REL_TABLE, Package, rels_path

CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"
REL_SHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
EMPTY_SHEET = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
    b'<sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
    b'footer="0.3"/></worksheet>'
)


def free_name(pkg: Package, pattern: str) -> str:
    n = 1
    while pkg.has(pattern.format(n)):
        n += 1
    return pattern.format(n)


def add_content_type(pkg: Package, part: str, content_type: str) -> None:
    xml = pkg.read("[Content_Types].xml")
    if f'PartName="/{part}"'.encode() in xml:
        return
    override = f'<Override PartName="/{part}" ContentType="{content_type}"/>'.encode()
    pkg.write("[Content_Types].xml", xml.replace(b"</Types>", override + b"</Types>"))


def add_rel(pkg: Package, source: str, rel_type: str, target: str) -> str:
    """Add a relationship from source part; returns its new Id. target is relative to source."""
    path = rels_path(source)
    xml = (
        pkg.read(path)
        if pkg.has(path)
        else (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
        )
    )
    ids = set(re.findall(rb'Id="([^"]+)"', xml))
    n = 1
    while f"rIdSmep{n}".encode() in ids:
        n += 1
    rid = f"rIdSmep{n}"
    rel = f'<Relationship Id="{rid}" Type="{rel_type}" Target="{escape(target)}"/>'.encode()
    pkg.write(path, xml.replace(b"</Relationships>", rel + b"</Relationships>"))
    return rid


def add_sheet(pkg: Package, name: str) -> SheetInfo:
    """Append an empty worksheet called name at the end of the workbook."""
    part = free_name(pkg, "xl/worksheets/sheet{}.xml")
    pkg.write(part, EMPTY_SHEET)
    add_content_type(pkg, part, CT_SHEET)
    rid = add_rel(pkg, "xl/workbook.xml", REL_SHEET, part.removeprefix("xl/"))
    wb = pkg.read("xl/workbook.xml")
    ids = [int(x) for x in re.findall(rb'sheetId="(\d+)"', wb)] or [0]
    prefix = re.search(rb"<(\w+:)?sheets\b", wb).group(1) or b""
    tag = f'<{prefix.decode()}sheet name="{escape(name)}" sheetId="{max(ids) + 1}" r:id="{rid}"/>'.encode()
    if b'xmlns:r="' not in wb[:2000]:
        tag = tag.replace(
            b"r:id=", b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id='
        )
    close = b"</" + prefix + b"sheets>"
    pkg.write("xl/workbook.xml", wb.replace(close, tag + close, 1))
    return SheetInfo(name, part)


def add_table(pkg: Package, sheet_part: str, name: str, columns: tuple[str, ...], ref: str) -> str:
    """A new Excel table over ref on a sheet; returns the table part."""
    ids = []
    for part in pkg.names():
        if part.startswith("xl/tables/") and part.endswith(".xml"):
            ids += [int(x) for x in re.findall(rb'<(?:\w+:)?table\b[^>]*?\sid="(\d+)"', pkg.read(part))[:1]]
    table_id = max(ids or [0]) + 1
    part = free_name(pkg, "xl/tables/table{}.xml")
    cols = "".join(f'<tableColumn id="{i}" name="{escape(c)}"/>' for i, c in enumerate(columns, 1))
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="http://schemas.openxml'
        f'formats.org/spreadsheetml/2006/main" id="{table_id}" name="{name}" displayName="{name}" ref="{ref}">'
        f'<autoFilter ref="{ref}"/><tableColumns count="{len(columns)}">{cols}</tableColumns>'
        f'<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" '
        f'showColumnStripes="0"/></table>'
    ).encode()
    pkg.write(part, xml)
    add_content_type(pkg, part, CT_TABLE)
    rid = add_rel(pkg, sheet_part, REL_TABLE, "../tables/" + part.rsplit("/", 1)[1])
    sheet = pkg.read(sheet_part)
    parts_tag = f'<tableParts count="1"><tablePart r:id="{rid}"/></tableParts>'.encode()
    if b"<tableParts" in sheet:
        return part  # a sheet with tables of its own: leave them as they are
    for anchor in (b"<extLst", b"</worksheet>"):
        if anchor in sheet:
            sheet = sheet.replace(anchor, parts_tag + anchor, 1)
            break
    pkg.write(sheet_part, sheet)
    return part
