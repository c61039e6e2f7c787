"""Cell data for a new workbook: rows as SpreadsheetML, shared strings, the final zip.

openpyxl lays out the workbook (styles, tables, validation, formats, views); the rows are
streamed here straight into each sheet's <sheetData>, which is several times faster than
cell objects for a national-size visit log. Every zip entry gets a fixed timestamp, so the
same tables always give the same file.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime

import pandas as pd

from smep_xl.ooxml.refs import column_letter

FIXED_TIME = (2014, 9, 1, 0, 0, 0)
_EPOCH = date(1899, 12, 30)
_INF = float("inf")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
_XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
SST_PATH = "xl/sharedStrings.xml"
COMPRESS_LEVEL = 1


def escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _ILLEGAL.sub("", text) if _ILLEGAL.search(text) else text


class SharedStrings:
    """The workbook's string table: each distinct text stored once, cells hold its index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.count = 0

    def add(self, text: str) -> int:
        self.count += 1
        i = self.index.get(text)
        if i is None:
            i = self.index[text] = len(self.index)
        return i

    def xml(self) -> Iterator[bytes]:
        yield (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns='
            f'"http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{self.count}" '
            f'uniqueCount="{len(self.index)}">'
        ).encode()
        chunk = []
        for text in self.index:
            chunk.append(f'<si><t xml:space="preserve">{escape(text)}</t></si>')
            if len(chunk) >= 2000:
                yield "".join(chunk).encode("utf-8")
                chunk = []
        yield ("".join(chunk) + "</sst>").encode("utf-8")


def plain(value: object) -> object:
    """A frame value as a cell value: None for blanks, Python scalars for numpy ones."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, str):
        return value if value else None
    if hasattr(value, "item") and not isinstance(value, (date, datetime)):
        return plain(value.item())
    return value


def serial(value: date) -> float | int:
    """Excel's day number (1900 date system)."""
    if isinstance(value, datetime):
        delta = value.replace(tzinfo=None) - datetime(1899, 12, 30)
        return delta.days + delta.seconds / 86400
    return (value - _EPOCH).days


def cell(ref: str, value: object, style: int, date_style: int, sst: SharedStrings) -> str:
    """One <c> element, or "" for a blank."""
    value = plain(value)
    if value is None:
        return ""
    s = f' s="{style}"' if style else ""
    if isinstance(value, str):
        return f'<c r="{ref}"{s} t="s"><v>{sst.add(value)}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isinf(value):
            return f'<c r="{ref}"{s} t="s"><v>{sst.add(str(value))}</v></c>'
        return f'<c r="{ref}"{s}><v>{value!r}</v></c>'
    if isinstance(value, date):  # the column's date style (date, or date and time)
        return f'<c r="{ref}" s="{date_style}"><v>{serial(value)}</v></c>'
    return f'<c r="{ref}"{s} t="s"><v>{sst.add(str(value))}</v></c>'


def rows_xml(
    rows: Iterable[tuple[int, Sequence, list[int], list[int]]], sst: SharedStrings, width: int
) -> Iterator[bytes]:
    """<row> elements for (row number, values, styles, date styles), in chunks of bytes.

    The common cell types (text, whole numbers, decimals, dates) are written inline here:
    this loop runs once per cell, millions of times for a national visit log.
    """
    letters = [column_letter(i) for i in range(1, width + 1)]
    attrs: dict[int, list[str]] = {}
    index = sst.index
    chunk: list[str] = []
    strings = 0
    for r, values, styles, date_styles in rows:
        s = attrs.get(id(styles))
        if s is None:
            s = attrs[id(styles)] = [f' s="{n}"' if n else "" for n in styles]
        parts = [f'<row r="{r}">']
        for i, v in enumerate(values):
            if v is None:
                continue
            t = type(v)
            if t is str:
                if not v:
                    continue
                k = index.get(v)
                if k is None:
                    k = index[v] = len(index)
                strings += 1
                parts.append(f'<c r="{letters[i]}{r}"{s[i]} t="s"><v>{k}</v></c>')
            elif t is int:
                parts.append(f'<c r="{letters[i]}{r}"{s[i]}><v>{v}</v></c>')
            elif t is float and v == v and v not in (_INF, -_INF):
                parts.append(f'<c r="{letters[i]}{r}"{s[i]}><v>{v!r}</v></c>')
            elif t is date:
                parts.append(f'<c r="{letters[i]}{r}" s="{date_styles[i]}"><v>{(v - _EPOCH).days}</v></c>')
            else:
                parts.append(cell(f"{letters[i]}{r}", v, styles[i], date_styles[i], sst))
        parts.append("</row>")
        chunk.append("".join(parts))
        if len(chunk) >= 500:
            yield "".join(chunk).encode("utf-8")
            chunk = []
    sst.count += strings
    if chunk:
        yield "".join(chunk).encode("utf-8")


_SHEET_DATA = re.compile(rb"<sheetData\s*/>|<sheetData>\s*</sheetData>")
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')


def splice(skeleton: bytes, rows: Iterator[bytes], dimension: str) -> Iterator[bytes]:
    """The skeleton sheet with its empty <sheetData> filled by rows."""
    m = _SHEET_DATA.search(skeleton)
    if m is None:
        raise ValueError("worksheet part without sheetData")
    head = skeleton[: m.start()]
    element = f'<dimension ref="{dimension}"/>'.encode()
    if _DIMENSION.search(head):
        head = _DIMENSION.sub(element, head, count=1)
    elif b"<sheetViews" in head:  # the used range, for readers that size a sheet before reading it
        head = head.replace(b"<sheetViews", element + b"<sheetViews", 1)
    yield head + b"<sheetData>"
    yield from rows
    yield b"</sheetData>" + skeleton[m.end() :]


def add_shared_strings_part(content_types: bytes, workbook_rels: bytes, macro: bool) -> tuple[bytes, bytes]:
    """Register sharedStrings.xml (and make the workbook macro-enabled for .xlsm)."""
    override = f'<Override PartName="/{SST_PATH}" ContentType="{_SST_TYPE}"/>'.encode()
    if SST_PATH.encode() not in content_types:
        content_types = content_types.replace(b"</Types>", override + b"</Types>")
    if macro:
        content_types = content_types.replace(_XLSX_MAIN.encode(), _XLSM_MAIN.encode())
    if _SST_REL.encode() not in workbook_rels:
        ids = [int(n) for n in re.findall(rb'Id="rId(\d+)"', workbook_rels)] or [0]
        rel = f'<Relationship Id="rId{max(ids) + 1}" Type="{_SST_REL}" Target="sharedStrings.xml"/>'
        workbook_rels = workbook_rels.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
    return content_types, workbook_rels


def write_zip(target, parts: Iterable[tuple[str, Iterable[bytes]]]) -> None:
    """Write parts (name, chunks) in order, each stamped with FIXED_TIME."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as out:
        for name, chunks in parts:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            info._compresslevel = COMPRESS_LEVEL  # zipfile's own default (6) is 3x slower, for 10% less
            with out.open(info, "w") as stream:
                for chunk in chunks:
                    stream.write(chunk)
