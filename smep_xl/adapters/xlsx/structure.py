"""Where things live in a workbook package: sheets by name, their tables and ranges.

Read with lxml, so a workbook written with any prefix (x:sheet) or with xmlns:r declared on
each element (as openpyxl writes it) reads the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from smep_xl.ooxml import xml
from smep_xl.ooxml.cells import excel_unescape
from smep_xl.ooxml.package import REL_TABLE, Package
from smep_xl.ooxml.refs import column_letter, split_ref

WORKBOOK_PART = "xl/workbook.xml"


@dataclass(frozen=True)
class SheetInfo:
    name: str
    part: str  # e.g. xl/worksheets/sheet3.xml


@dataclass(frozen=True)
class TableInfo:
    name: str
    part: str  # e.g. xl/tables/table2.xml ("" for a plain range)
    first_col: int
    first_row: int  # the header row
    last_col: int
    last_row: int  # the table's last row, its totals row if it has one
    columns: tuple[str, ...]
    totals_rows: int = 0  # a totals row is not data: never read as a row, never written to

    @property
    def ref(self) -> str:
        return (
            f"{column_letter(self.first_col)}{self.first_row}:{column_letter(self.last_col)}{self.last_row}"
        )

    @property
    def last_data_row(self) -> int:
        return self.last_row - self.totals_rows

    def grown(self, rows: int = 0, column: str | None = None) -> TableInfo:
        """The same table with more data rows (above any totals row) or one more column."""
        extra = (column,) if column is not None else ()
        return TableInfo(
            self.name,
            self.part,
            self.first_col,
            self.first_row,
            self.last_col + len(extra),
            self.last_row + rows,
            self.columns + extra,
            self.totals_rows,
        )


def sheets(pkg: Package) -> dict[str, SheetInfo]:
    rels = {r.id: r.target for r in pkg.rels(WORKBOOK_PART)}
    out: dict[str, SheetInfo] = {}
    for sheet in pkg.parse(WORKBOOK_PART).iter(xml.q(xml.MAIN, "sheet")):
        rid = sheet.get(xml.q(xml.R, "id"), "")
        name = sheet.get("name", "")
        if rid in rels:
            out[name] = SheetInfo(name, rels[rid])
    return out


def date1904(pkg: Package) -> bool:
    pr = pkg.parse(WORKBOOK_PART).find(xml.q(xml.MAIN, "workbookPr"))
    return pr is not None and pr.get("date1904", "0").strip().lower() in ("1", "true")


def tables(pkg: Package, sheet_part: str) -> list[TableInfo]:
    out = []
    for rel in pkg.rels(sheet_part):
        if rel.type == REL_TABLE and pkg.has(rel.target):
            out.append(read_table_part(pkg, rel.target))
    return out


def read_table_part(pkg: Package, part: str) -> TableInfo:
    root = pkg.parse(part)
    c1, r1, c2, r2 = split_ref(root.get("ref", "A1:A1"))
    names = tuple(excel_unescape(col.get("name", "")) for col in root.iter(xml.q(xml.MAIN, "tableColumn")))
    totals = int(root.get("totalsRowCount", "0") or 0)
    return TableInfo(root.get("displayName") or root.get("name") or "", part, c1, r1, c2, r2, names, totals)
