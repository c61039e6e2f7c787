"""Rewrite a Python-owned table sheet (Findings, Letter Log) whole, in one pass."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from smep_xl.adapters.xlsx.cells import cell_xml, escape
from smep_xl.adapters.xlsx.styles import StyleBook
from smep_xl.domain.values import is_blank
from smep_xl.ooxml.refs import column_letter

_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\s*/>|<(?:\w+:)?sheetData>.*?</(?:\w+:)?sheetData>", re.S)
_HYPERLINKS = re.compile(rb"<(?:\w+:)?hyperlinks>.*?</(?:\w+:)?hyperlinks>", re.S)
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*/>")
_FIRST_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*\br="1"[^>]*?(?:/>|>.*?</(?:\w+:)?row>)', re.S)
# Elements that must come after <hyperlinks> in a worksheet, in schema order.
_AFTER_HYPERLINKS = (
    b"printOptions",
    b"pageMargins",
    b"pageSetup",
    b"headerFooter",
    b"rowBreaks",
    b"colBreaks",
    b"customProperties",
    b"cellWatches",
    b"ignoredErrors",
    b"smartTags",
    b"drawing",
    b"legacyDrawing",
    b"legacyDrawingHF",
    b"picture",
    b"oleObjects",
    b"controls",
    b"webPublishItems",
    b"tableParts",
    b"extLst",
)


def output_sheet_xml(
    xml: bytes,
    frame: pd.DataFrame,
    links: dict[int, str],
    link_column: str,
    styles: StyleBook,
    date1904: bool,
    keep_header: bool,
) -> bytes:
    """The sheet with row 1 = headers (kept as styled if unchanged) and the frame below it."""
    columns = list(frame.columns)
    rows = [_header_row(xml, columns, styles, keep_header)]
    link_col = column_letter(columns.index(link_column) + 1) if link_column in columns else ""
    date_style, link_style = styles.xf("date"), styles.xf("link")
    records = frame.astype(object).to_numpy().tolist()
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
            cells.append(cell_xml(f"{col}{num}", value, style, date1904))
        rows.append(f'<row r="{num}">'.encode() + b"".join(cells) + b"</row>")
    last_row = max(len(records) + 1, 2)
    ref = f"A1:{column_letter(max(len(columns), 1))}{last_row}"
    xml = _SHEET_DATA.sub(lambda _: b"<sheetData>" + b"".join(rows) + b"</sheetData>", xml, count=1)
    xml = _DIMENSION.sub(f'<dimension ref="{ref}"/>'.encode(), xml, count=1)
    xml = _HYPERLINKS.sub(b"", xml)
    if link_col and links:
        tags = "".join(
            f'<hyperlink ref="{link_col}{pos + 2}" location="{escape(target)}" display="{escape(target)}"/>'
            for pos, target in sorted(links.items())
        )
        xml = _insert_before(xml, f"<hyperlinks>{tags}</hyperlinks>".encode(), _AFTER_HYPERLINKS)
    return xml


def table_ref(frame: pd.DataFrame) -> str:
    return f"A1:{column_letter(max(len(frame.columns), 1))}{max(len(frame) + 1, 2)}"


def _header_row(xml: bytes, columns: list[str], styles: StyleBook, keep: bool) -> bytes:
    """Row 1 as it was when its headers already match (keeps its look), else new headers."""
    old = _FIRST_ROW.search(xml)
    if keep and old and b"<f" not in old.group():
        return old.group()
    style = styles.xf("computed_header")
    cells = b"".join(cell_xml(f"{column_letter(j + 1)}1", c, style) for j, c in enumerate(columns))
    return b'<row r="1">' + cells + b"</row>"


def _insert_before(xml: bytes, fragment: bytes, followers: tuple[bytes, ...]) -> bytes:
    for tag in followers:
        m = re.search(rb"<(?:\w+:)?" + tag + rb"\b", xml)
        if m:
            return xml[: m.start()] + fragment + xml[m.start() :]
    end = xml.rindex(b"</")
    return xml[:end] + fragment + xml[end:]
