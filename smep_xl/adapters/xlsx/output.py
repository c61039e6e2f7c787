"""Rewrite a Python-owned table sheet (Findings, Letter Log) whole, in one pass.

The rows are written as bytes in the sheet's own prefix; the rest of the sheet (its
dimension, hyperlinks and every setting staff gave it: protection, tab colour, zoom, print
setup, column widths and styles) is edited as a tree, so those settings are kept exactly.
A cell takes its column's style (a wrapped or centred column stays so), a date its date
style and a time of day the date-and-time style; a row is as tall as its wrapped text.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pandas as pd

from smep_xl.adapters.xlsx.cells import prefixed
from smep_xl.adapters.xlsx.numbering import numbered
from smep_xl.adapters.xlsx.styles import StyleBook
from smep_xl.domain.text_fit import row_points
from smep_xl.ooxml import xml
from smep_xl.ooxml.cells import Plain, cell_bytes, cell_tail
from smep_xl.ooxml.refs import column_index, column_letter
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
    """The sheet with row 1 = headers (kept as styled if unchanged) and the frame below it (its
    values plain(), as Writer.output makes them)."""
    sheet = Worksheet(data)
    columns = list(frame.columns)
    link_col = column_letter(columns.index(link_column) + 1) if link_column in columns else ""
    records = frame.astype(object).to_numpy().tolist()
    header = _header_row(sheet, columns, styles, keep_header)
    columns_look = _column_looks(sheet, len(columns), styles)
    body = header + _data_rows(records, links, link_col, styles, date1904, columns_look)
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


def _column_looks(sheet: Worksheet, count: int, styles: StyleBook) -> list[tuple[int | None, float | None]]:
    """(style, width when the column wraps) of each column, from the sheet's <cols>."""
    looks: list[tuple[int | None, float | None]] = [(None, None)] * count
    cols = sheet.find("cols")
    for col in cols if cols is not None else ():
        text = col.get("style") or ""
        style = int(text) if text.isdigit() else None
        width = float(col.get("width", "0") or 0)
        first, last = int(col.get("min", "1")), int(col.get("max", "1"))
        for i in range(max(first, 1) - 1, min(last, count)):
            looks[i] = (style, width if style is not None and styles.wraps(style) else None)
    return looks


def _data_rows(
    records: list[list],
    links: dict[int, str],
    link_col: str,
    styles: StyleBook,
    date1904: bool,
    looks: list[tuple[int | None, float | None]],
) -> bytes:
    """Rows 2, 3, ...: dates in the date style (with the time when there is one), linked cells
    in the link style, the rest in their column's style; each row tall enough for its wrapped text.
    (A History sheet has hundreds of thousands of cells: a row is a %-template of its number and
    its cells' tails, and each distinct value of a column is made into a tail once.)"""
    tails = _Tails(styles, date1904, looks)
    width = max(map(len, records), default=0)
    heads = b"".join(b'<c r="%s%%d"%%s' % column_letter(j + 1).encode() for j in range(width))
    plain_row, tall_row = b'<row r="%d">' + heads + b"</row>", b'<row r="%d" ht="%s">' + heads + b"</row>"
    wrapped = [(j, width) for j, (_, width) in enumerate(looks) if width]
    link_at = column_index(link_col) - 1 if link_col else -1
    rows = []
    made = tails.made
    for i, record in enumerate(records):
        num = i + 2
        args: list = []
        linked = link_at if i in links else -1
        for j, value in enumerate(record):
            tail = made.get((j, value, type(value))) if j != linked else tails.link(value)
            args += (num, tail if tail is not None else tails.of(j, value))
        height = row_points([record[j] for j, _ in wrapped], [w for _, w in wrapped]) if wrapped else None
        rows.append(tall_row % (num, b"%g" % height, *args) if height else plain_row % (num, *args))
    return b"".join(rows)


class _Tails:
    """A cell's bytes after its reference (style, type, value), by column and value."""

    def __init__(self, styles: StyleBook, date1904: bool, looks: list[tuple[int | None, float | None]]):
        self.date_style, self.time_style = styles.xf("date"), styles.xf("datetime")
        self.link_style = styles.xf("link")
        self.date1904, self.looks = date1904, looks
        self.made: dict[tuple, bytes] = {}

    def of(self, column: int, value: Plain) -> bytes:
        key = (column, value, type(value))
        found = self.made.get(key)
        if found is None:
            if len(self.made) > 100_000:
                self.made.clear()
            found = self.made[key] = self.tail(value, self.looks[column][0])
        return found

    def link(self, value: Plain) -> bytes:
        return self.tail(value, self.link_style)

    def tail(self, value: Plain, style: int | None) -> bytes:
        if isinstance(value, str) and not value.strip():  # values are plain() by now
            value = None
        if isinstance(value, date):
            is_moment = isinstance(value, datetime) and value.time() != datetime.min.time()
            style = self.time_style if is_moment else self.date_style
        return cell_tail(value, style, self.date1904)


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
