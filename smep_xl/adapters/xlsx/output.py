"""Rewrite a Python-owned table sheet (Findings, Letter Log) whole, in one pass.

The rows are written as bytes in the sheet's own prefix; the rest of the sheet (its
dimension, hyperlinks and every setting staff gave it: protection, tab colour, zoom, print
setup) is edited as a tree, so those settings are kept exactly.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from smep_xl.adapters.xlsx.cells import prefixed
from smep_xl.adapters.xlsx.numbering import numbered
from smep_xl.adapters.xlsx.styles import StyleBook
from smep_xl.domain.values import is_blank
from smep_xl.ooxml import xml
from smep_xl.ooxml.cells import cell_bytes
from smep_xl.ooxml.refs import column_letter
from smep_xl.ooxml.sheet import Worksheet


def output_sheet_xml(
    data: bytes,
    frame: pd.DataFrame,
    links: dict[int, str],
    link_column: str,
    styles: StyleBook,
    date1904: bool,
    keep_header: bool,
) -> bytes:
    """The sheet with row 1 = headers (kept as styled if unchanged) and the frame below it."""
    sheet = Worksheet(data)
    columns = list(frame.columns)
    link_col = column_letter(columns.index(link_column) + 1) if link_column in columns else ""
    records = frame.astype(object).to_numpy().tolist()
    header = _header_row(sheet, columns, styles, keep_header)
    body = header + _data_rows(records, links, link_col, styles, date1904)
    sheet.rows = prefixed(body, sheet.prefix) if sheet.prefix else body
    dimension = sheet.find("dimension")
    if dimension is not None:
        dimension.set("ref", f"A1:{column_letter(max(len(columns), 1))}{max(len(records) + 1, 2)}")
    sheet.remove("hyperlinks")
    if link_col and links:
        holder = sheet.place(sheet.element("hyperlinks"))
        for pos, target in sorted(links.items()):
            where = xml.clean(target)
            attrib = {"ref": f"{link_col}{pos + 2}", "location": where, "display": where}
            holder.append(holder.makeelement(xml.q(xml.MAIN, "hyperlink"), attrib))
    return sheet.to_bytes()


def _data_rows(
    records: list[list], links: dict[int, str], link_col: str, styles: StyleBook, date1904: bool
) -> bytes:
    """Rows 2, 3, ...: dates in the date style, linked cells in the link style."""
    date_style, link_style = styles.xf("date"), styles.xf("link")
    rows = []
    for i, record in enumerate(records):
        num = i + 2
        cells = []
        for j, value in enumerate(record):
            col = column_letter(j + 1)
            value = None if is_blank(value) else value
            style = (
                date_style
                if isinstance(value, date)
                else (link_style if col == link_col and i in links else None)
            )
            cells.append(cell_bytes(f"{col}{num}", value, style, date1904))
        rows.append(b'<row r="%d">' % num + b"".join(cells) + b"</row>")
    return b"".join(rows)


def table_ref(frame: pd.DataFrame) -> str:
    return f"A1:{column_letter(max(len(frame.columns), 1))}{max(len(frame) + 1, 2)}"


def _header_row(sheet: Worksheet, columns: list[str], styles: StyleBook, keep: bool) -> bytes:
    """Row 1 as it was when its headers already match (keeps its look), else new headers."""
    if keep:
        p = re.escape(sheet.prefix)
        old = re.search(
            rb"<" + p + rb'row\b[^>]*?\sr="1"[^>]*?(?:/>|>.*?</' + p + rb"row>)",
            numbered(sheet.rows, sheet.prefix),
            re.S,
        )
        if old and not re.search(rb"<" + p + rb"f[\s>/]", old.group()):
            return _unprefixed(old.group(), sheet.prefix)
    style = styles.xf("computed_header")
    cells = b"".join(cell_bytes(f"{column_letter(j + 1)}1", c, style) for j, c in enumerate(columns))
    return b'<row r="1">' + cells + b"</row>"


def _unprefixed(row: bytes, prefix: bytes) -> bytes:
    """A kept row goes back through prefixed with the new ones, so it loses its prefix first."""
    if not prefix:
        return row
    return re.sub(rb"<(/?)" + re.escape(prefix), lambda m: b"<" + m.group(1), row)
