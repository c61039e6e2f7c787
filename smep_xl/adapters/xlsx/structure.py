"""Where things live in a workbook package: sheets by name, their tables and ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass

from smep_xl.ooxml.package import REL_TABLE, Package
from smep_xl.ooxml.refs import column_letter, split_ref

_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')


def attrs(tag: bytes) -> dict[str, str]:
    """The attributes of one start tag, unescaped enough for names and paths."""
    return {k.decode(): _unescape(v.decode()) for k, v in _ATTR.findall(tag)}


def _unescape(s: str) -> str:
    return (
        s.replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
    )


@dataclass(frozen=True)
class SheetInfo:
    name: str
    part: str  # e.g. xl/worksheets/sheet3.xml


@dataclass(frozen=True)
class TableInfo:
    name: str
    part: str  # e.g. xl/tables/table2.xml
    first_col: int
    first_row: int  # the header row
    last_col: int
    last_row: int
    columns: tuple[str, ...]

    @property
    def ref(self) -> str:
        return (
            f"{column_letter(self.first_col)}{self.first_row}:{column_letter(self.last_col)}{self.last_row}"
        )


def sheets(pkg: Package) -> dict[str, SheetInfo]:
    rels = {r.id: r.target for r in pkg.rels("xl/workbook.xml")}
    out: dict[str, SheetInfo] = {}
    for tag in re.findall(rb"<(?:\w+:)?sheet\b[^>]*>", pkg.read("xl/workbook.xml")):
        a = attrs(tag)
        rid = next((v for k, v in a.items() if k.endswith(":id")), "")
        if rid in rels:
            out[a.get("name", "")] = SheetInfo(a.get("name", ""), rels[rid])
    return out


def date1904(pkg: Package) -> bool:
    m = re.search(rb"<(?:\w+:)?workbookPr\b[^>]*>", pkg.read("xl/workbook.xml"))
    return bool(m) and attrs(m.group()).get("date1904", "0") in ("1", "true")


def tables(pkg: Package, sheet_part: str) -> list[TableInfo]:
    out = []
    for rel in pkg.rels(sheet_part):
        if rel.type == REL_TABLE and pkg.has(rel.target):
            out.append(read_table_part(pkg, rel.target))
    return out


def read_table_part(pkg: Package, part: str) -> TableInfo:
    xml = pkg.read(part)
    top = attrs(re.search(rb"<(?:\w+:)?table\b[^>]*>", xml).group())
    c1, r1, c2, r2 = split_ref(top.get("ref", "A1:A1"))
    names = tuple(attrs(t).get("name", "") for t in re.findall(rb"<(?:\w+:)?tableColumn\b[^>]*>", xml))
    return TableInfo(top.get("displayName") or top.get("name", ""), part, c1, r1, c2, r2, names)


def set_table_ref(xml: bytes, ref: str) -> bytes:
    """Point a table (and its autofilter) at a new range."""
    xml = re.sub(
        rb'(<(?:\w+:)?table\b[^>]*?\sref=")[^"]*(")',
        lambda m: m.group(1) + ref.encode() + m.group(2),
        xml,
        count=1,
    )
    return re.sub(
        rb'(<(?:\w+:)?autoFilter\b[^>]*?\sref=")[^"]*(")',
        lambda m: m.group(1) + ref.encode() + m.group(2),
        xml,
        count=1,
    )
