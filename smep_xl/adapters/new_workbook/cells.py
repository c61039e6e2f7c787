"""Cell data for a new workbook: rows streamed as SpreadsheetML into each sheet's frame.

openpyxl lays out the workbook (styles, tables, validation, formats, views); the rows are
written here straight into each sheet's <sheetData>, several times faster than openpyxl's
cell objects for a national-size visit log. Every cell is what ooxml.cells.cell_xml makes of
its value (tests/unit/test_new_workbook_rows.py proves it over random values); a blank value
writes no cell at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from smep_xl.ooxml import order, xml
from smep_xl.ooxml.cells import SharedStrings, cell_xml, plain, serial
from smep_xl.ooxml.parts import serialise_like
from smep_xl.ooxml.refs import column_letter

Row = tuple  # row number, values, styles, date styles[, height in points]
_INF = float("inf")
_ROWS_PER_CHUNK = 500


def rows_xml(
    rows: Iterable[Row], strings: SharedStrings, width: int, date1904: bool = False
) -> Iterator[bytes]:
    """<row> elements for (row number, values, styles, date styles[, height]), in chunks of bytes.

    A value takes its column's style, a date its column's date style. Text, whole numbers,
    decimals and dates are written inline here: this loop runs once per cell, millions of
    times for a national visit log. Anything else goes through cell_xml itself."""
    letters = [column_letter(i) for i in range(1, width + 1)]
    attrs: dict[int, list[str]] = {}
    days: dict[date, str] = {}  # a date's serial, worked out once (visits share few dates)
    index = strings.index
    chunk: list[str] = []
    texts = 0
    for row in rows:
        r, values, styles, date_styles = row[:4]
        s = attrs.get(id(styles)) or _attrs(attrs, styles)
        d = attrs.get(id(date_styles)) or _attrs(attrs, date_styles)
        height = row[4] if len(row) > 4 else None  # tall enough for its wrapped text (not fixed)
        parts = [f'<row r="{r}" ht="{height:g}">' if height else f'<row r="{r}">']
        for i, v in enumerate(values):
            t = type(v)
            if t is str:
                if not v:
                    continue
                k = index.get(v)
                if k is None:
                    k = index[v] = len(index)
                texts += 1
                parts.append(f'<c r="{letters[i]}{r}"{s[i]} t="s"><v>{k}</v></c>')
            elif t is int or (t is float and v == v and v != _INF and v != -_INF):
                parts.append(f'<c r="{letters[i]}{r}"{s[i]}><v>{v!r}</v></c>')
            elif t is float:
                continue  # NaN (a blank in a frame) or an infinity: blank, as plain() says
            elif t is date:
                n = days.get(v)
                if n is None:
                    n = days[v] = repr(serial(v, date1904))
                parts.append(f'<c r="{letters[i]}{r}"{d[i]}><v>{n}</v></c>')
            elif v is not None:
                parts.append(_other(f"{letters[i]}{r}", v, styles[i], date_styles[i], strings, date1904))
        parts.append("</row>")
        chunk.append("".join(parts))
        if len(chunk) >= _ROWS_PER_CHUNK:
            yield "".join(chunk).encode("utf-8")
            chunk = []
    strings.count += texts
    if chunk:
        yield "".join(chunk).encode("utf-8")


def _attrs(cache: dict[int, list[str]], styles: Sequence[int]) -> list[str]:
    """' s="n"' for each style (the same list object is shared by every body row)."""
    found = cache.get(id(styles))
    if found is None:
        found = cache[id(styles)] = [f' s="{n}"' if n else "" for n in styles]
    return found


def _other(
    ref: str, value: object, style: int, date_style: int, strings: SharedStrings, date1904: bool
) -> str:
    """Any other value (numpy and pandas scalars, datetimes, booleans, blanks) by cell_xml."""
    value = plain(value)
    if value is None:
        return ""
    chosen = date_style if isinstance(value, date) else style
    return cell_xml(ref, value, chosen, date1904=date1904, strings=strings)


def sheet_frame(skeleton: bytes, dimension: str) -> tuple[bytes, bytes]:
    """A sheet part openpyxl wrote with no rows, as (before the rows, after them), its used
    range set in <dimension> for readers that size a sheet before reading it."""
    root = xml.parse(skeleton)
    data = root.find(xml.q(xml.MAIN, "sheetData"))
    if data is None:
        raise ValueError("worksheet part without sheetData")
    data[:] = []
    data.text = None
    found = root.find(xml.q(xml.MAIN, "dimension"))
    if found is None:
        found = root.makeelement(xml.q(xml.MAIN, "dimension"), {})
        xml.insert_in_order(root, found, order.WORKSHEET)
    found.set("ref", dimension)
    head, empty, tail = serialise_like(root, skeleton).partition(b"<sheetData/>")
    if not empty:
        raise ValueError("worksheet part whose sheetData is not in the main namespace")
    return head + b"<sheetData>", b"</sheetData>" + tail
