"""A column added to a table: appended at its right-hand end, or inserted at the end of its
input block, moving the computed block (Python's own cells) one column to the right.

Only Python's cells move. Everything on the sheet that names a moved cell by position moves
with it: the cells' references, column widths, validation and conditional-format ranges
(Excel 2010 extensions too), merged cells, hyperlinks, the filter, the used range and the
table itself. A formula elsewhere that names a computed cell by its address (not by the
table's column name, Schools[RAG]) is not rewritten: the README says so.
"""

from __future__ import annotations

import re

from smep_xl.adapters.xlsx import tables as xlsx_tables
from smep_xl.adapters.xlsx.numbering import numbered
from smep_xl.adapters.xlsx.structure import TableInfo
from smep_xl.adapters.xlsx.write import _column_in_use
from smep_xl.errors import SmepError
from smep_xl.ooxml import xml
from smep_xl.ooxml.cells import excel_escape
from smep_xl.ooxml.refs import column_index, column_letter, split_ref
from smep_xl.ooxml.sheet import Worksheet, sheet_data_span

_XM = "http://schemas.microsoft.com/office/excel/2006/main"
_CELL = re.compile(rb'(<(?:[\w.-]+:)?c\b[^>]*?\sr=")([A-Z]{1,3})(\d+)"')
_SPANS = re.compile(rb'\sspans="[^"]*"')
_REF_ATTRS = ("sqref", "ref")
_REF_TAGS = ("conditionalFormatting", "dataValidation", "mergeCell", "hyperlink", "dimension", "autoFilter")


def add_column(
    writer, sheet: str, info: TableInfo, part: str, name: str, at: int | None, style: int
) -> TableInfo:
    """Add the column `name` (header styled `style`) to the table; at: the 0-based table position
    it takes (None: the end). Returns where the table is now."""
    index = len(info.columns) if at is None else at
    col = info.first_col + index
    if at is None or index == len(info.columns):
        if _column_in_use(writer.xml(part), column_letter(col)):
            raise SmepError(
                f"Sheet '{sheet}' needs a '{name}' column, and column {column_letter(col)} to the right of "
                f"its table is in use. Move what is there, then run smep upgrade again; nothing was changed."
            )
    else:
        writer.set_xml(part, shifted_sheet(writer.xml(part), col))
    writer.patch(part, {info.first_row: {column_letter(col): name}}, lambda c, v, e: style)
    columns = info.columns[:index] + (name,) + info.columns[index:]
    grown = TableInfo(
        info.name, info.part, info.first_col, info.first_row, info.last_col + 1, info.last_row, columns,
        info.totals_rows,
    )  # fmt: skip
    if info.part:
        table = _with_column(writer.xml(info.part), name, index)
        writer.set_xml(info.part, xlsx_tables.set_ref(table, grown.ref))
    writer.book.set_table_info(sheet, grown)
    return grown


def _with_column(data: bytes, name: str, index: int) -> bytes:
    root = xml.parse(data)
    holder = root.find(xml.q(xml.MAIN, "tableColumns"))
    assert holder is not None  # the schema requires it of every table part
    ids = [int(c.get("id", "0")) for c in holder if str(c.get("id", "")).isdigit()]
    column = holder.makeelement(
        xml.q(xml.MAIN, "tableColumn"), {"id": str(max(ids or [0]) + 1), "name": excel_escape(name)}
    )
    holder.insert(index, column)
    holder.set("count", str(len(holder)))
    return xml.serialise(root)


def shifted_sheet(data: bytes, first: int) -> bytes:
    """Every cell from column `first` rightwards, and every range over them, one column right."""
    span = sheet_data_span(data)
    body = numbered(data[span.body_start : span.body_end], span.prefix)

    def cell(m: re.Match) -> bytes:
        index = column_index(m.group(2).decode())
        if index < first:
            return m.group()
        return m.group(1) + column_letter(index + 1).encode() + m.group(3) + b'"'

    body = _SPANS.sub(b"", _CELL.sub(cell, body))
    page = Worksheet(data[: span.body_start] + body + data[span.body_end :])
    for element in page.root.iter():
        if not isinstance(element.tag, str):
            continue
        if xml.local(element) in _REF_TAGS:
            for attr in _REF_ATTRS:
                if ref := element.get(attr):
                    element.set(attr, shifted_ref(ref, first))
        elif element.tag == xml.q(_XM, "sqref") and element.text:
            element.text = shifted_ref(element.text, first)
        elif xml.local(element) == "col" and (least := element.get("min")):
            low, high = int(least), int(element.get("max", least))
            element.set("min", str(low + 1 if low >= first else low))
            element.set("max", str(high + 1 if high >= first else high))
    return page.to_bytes()


def shifted_ref(refs: str, first: int) -> str:
    """ "A1:Z9 AB2" with every column from `first` on moved one right (a range across it grows)."""
    out = []
    for piece in refs.split():
        try:
            c1, r1, c2, r2 = split_ref(piece)
        except ValueError:
            out.append(piece)
            continue
        c1, c2 = c1 + (c1 >= first), c2 + (c2 >= first)
        single = ":" not in piece
        out.append(
            f"{column_letter(c1)}{r1}" if single else f"{column_letter(c1)}{r1}:{column_letter(c2)}{r2}"
        )
    return " ".join(out)
