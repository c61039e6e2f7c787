"""Rewrite chosen cells inside a worksheet's XML, leaving every other byte as it was.

A cell keeps its style (s="..."); Python's values go in as numbers, booleans or inline
strings, never formulas, so text a user typed as "=HYPERLINK(...)" stays text wherever it
is copied to.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime, time

from smep_xl.domain.findings import column_index

_SHEET_DATA = re.compile(rb"<((?:\w+:)?)sheetData\s*/>|<((?:\w+:)?)sheetData>(.*?)</(?:\w+:)?sheetData>", re.S)
_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?(?:/>|>.*?</(?:\w+:)?row>)", re.S)
_ROW_NUM = re.compile(rb'\br="(\d+)"')
_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?(?:/>|>.*?</(?:\w+:)?c>)", re.S)
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})\d+"')
_STYLE = re.compile(rb'\bs="(\d+)"')
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH_1900, _EPOCH_1904 = datetime(1899, 12, 30), datetime(1904, 1, 1)

CellValues = dict[int, dict[str, object]]  # row -> column letter -> value (None clears)
StyleFor = Callable[[str, object, int | None], int | None]  # column, value, existing style -> style


def escape(text: str) -> str:
    text = _ILLEGAL.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cell_xml(ref: str, value: object, style: int | None, date1904: bool = False) -> bytes:
    s = f' s="{style}"' if style else ""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return f'<c r="{ref}"{s}/>'.encode()
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'.encode()
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"{s}><v>{value!r}</v></c>'.encode()
    if isinstance(value, (date, datetime)):
        return f'<c r="{ref}"{s}><v>{serial(value, date1904)!r}</v></c>'.encode()
    text = escape(str(value))
    return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'.encode()


def serial(value: date | datetime, date1904: bool = False) -> float | int:
    moment = value if isinstance(value, datetime) else datetime.combine(value, time())
    if getattr(moment, "tzinfo", None) is not None:
        moment = moment.replace(tzinfo=None)
    delta = moment - (_EPOCH_1904 if date1904 else _EPOCH_1900)
    days = delta.days + delta.seconds / 86400
    return int(days) if float(days).is_integer() else round(days, 8)


def patch_cells(xml: bytes, values: CellValues, style_for: StyleFor, date1904: bool = False) -> tuple[bytes, bool]:
    """Set the given cells; returns the new XML and whether a formula cell was overwritten."""
    m = _SHEET_DATA.search(xml)
    if m is None:
        raise ValueError("worksheet has no sheetData")
    prefix = (m.group(1) or m.group(2) or b"").decode()
    body = m.group(3) or b""
    pending = dict(sorted(values.items()))
    out: list[bytes] = []
    lost_formula = False
    pos = 0
    for row_match in _ROW.finditer(body):
        row_xml = row_match.group()
        num = int(_ROW_NUM.search(row_xml[: row_xml.index(b">")]).group(1))
        out.append(body[pos:row_match.start()])
        pos = row_match.end()
        for early in [r for r in pending if r < num]:
            out.append(_new_row(early, pending.pop(early), style_for, prefix, date1904))
        if num in pending:
            row_xml, lost = _patch_row(row_xml, num, pending.pop(num), style_for, prefix, date1904)
            lost_formula |= lost
        out.append(row_xml)
    out.append(body[pos:])
    for num in list(pending):
        out.append(_new_row(num, pending.pop(num), style_for, prefix, date1904))
    new_data = f"<{prefix}sheetData>".encode() + b"".join(out) + f"</{prefix}sheetData>".encode()
    return xml[: m.start()] + new_data + xml[m.end():], lost_formula


def _new_row(num: int, cells: dict[str, object], style_for: StyleFor, prefix: str, date1904: bool) -> bytes:
    parts = [cell_xml(f"{col}{num}", v, style_for(col, v, None), date1904)
             for col, v in sorted(cells.items(), key=lambda kv: column_index(kv[0]))]
    return _prefixed(f'<row r="{num}">'.encode() + b"".join(parts) + b"</row>", prefix)


def _patch_row(row_xml: bytes, num: int, cells: dict[str, object], style_for: StyleFor, prefix: str,
               date1904: bool) -> tuple[bytes, bool]:
    open_end = row_xml.index(b">")
    self_closing = row_xml[open_end - 1:open_end] == b"/"
    open_tag = row_xml[: open_end - 1] + b">" if self_closing else row_xml[: open_end + 1]
    open_tag = re.sub(rb'\sspans="[^"]*"', b"", open_tag)  # a hint only; stale once cells move
    inner = b"" if self_closing else row_xml[open_end + 1: row_xml.rindex(b"</")]
    existing: dict[int, bytes] = {}
    for c in _CELL.finditer(inner):
        ref = _CELL_REF.search(c.group()[:64])
        if ref:
            existing[column_index(ref.group(1).decode())] = c.group()
    lost = False
    for col, value in cells.items():
        idx = column_index(col)
        old = existing.get(idx)
        style = None
        if old is not None:
            head = old[: old.index(b">")]
            s = _STYLE.search(head)
            style = int(s.group(1)) if s else None
            lost |= b"<f" in old or b":f>" in old or b":f " in old
        existing[idx] = _prefixed(cell_xml(f"{col}{num}", value, style_for(col, value, style), date1904), prefix)
    body = b"".join(existing[k] for k in sorted(existing))
    close = f"</{prefix}row>".encode()
    return open_tag + body + close, lost


def _prefixed(xml: bytes, prefix: str) -> bytes:
    if not prefix:
        return xml
    return re.sub(rb"<(/?)(?=[a-z])", lambda m: b"<" + m.group(1) + prefix.encode(), xml)
