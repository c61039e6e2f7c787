"""Rewrite chosen cells inside a worksheet's XML, leaving every other byte as it was.

A cell keeps its style (s="..."); Python's values go in as numbers, booleans or inline
strings, never formulas, so text a user typed as "=HYPERLINK(...)" stays text wherever it
is copied to. Speed matters (100,000-row sheets): rows are found with plain byte searches and
only a row that needs a cell in its middle is parsed cell by cell.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime, time
from functools import lru_cache

from smep_xl.ooxml.refs import column_index

_SHEET_DATA_OPEN = re.compile(rb"<((?:\w+:)?)sheetData\b[^>]*?(/?)>")
_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?(?:/>|>.*?</(?:\w+:)?c>)", re.S)
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})\d+"')
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH_1900, _EPOCH_1904 = datetime(1899, 12, 30), datetime(1904, 1, 1)

CellValues = dict[int, dict[str, object]]  # row -> column letter -> value (None clears)
StyleFor = Callable[[str, object, int | None], int | None]  # column, value, existing style -> style


def escape(text: str) -> str:
    text = _ILLEGAL.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def serial(value: date | datetime, date1904: bool = False) -> float | int:
    moment = value if isinstance(value, datetime) else datetime.combine(value, time())
    if moment.tzinfo is not None:
        moment = moment.replace(tzinfo=None)
    delta = moment - (_EPOCH_1904 if date1904 else _EPOCH_1900)
    days = delta.days + delta.seconds / 86400
    return int(days) if float(days).is_integer() else round(days, 8)


@lru_cache(maxsize=8192)
def _value_xml(value: object, kind: type, date1904: bool) -> tuple[bytes, bytes]:
    """(type attribute, children) of a cell holding value; cached, as computed values repeat."""
    if value is None or (kind is float and not math.isfinite(value)):
        return b"", b""
    if kind is bool:
        return b' t="b"', b"<v>%d</v>" % int(value)
    if kind in (int, float):
        return b"", f"<v>{value!r}</v>".encode()
    if kind in (date, datetime):
        return b"", f"<v>{serial(value, date1904)!r}</v>".encode()
    return b' t="inlineStr"', f'<is><t xml:space="preserve">{escape(str(value))}</t></is>'.encode()


def cell_xml(ref: str, value: object, style: int | None, date1904: bool = False) -> bytes:
    kind = type(value)
    if kind not in (type(None), bool, int, float, str, date, datetime):
        kind, value = (
            (datetime, value)
            if isinstance(value, datetime)
            else ((date, value) if isinstance(value, date) else (str, str(value)))
        )
    try:
        t, inner = _value_xml(value, kind, date1904)
    except TypeError:  # unhashable: render without the cache
        t, inner = _value_xml.__wrapped__(value, kind, date1904)
    s = b' s="%d"' % style if style else b""
    if not inner:
        return b'<c r="%s"%s/>' % (ref.encode(), s)
    return b'<c r="%s"%s%s>%s</c>' % (ref.encode(), s, t, inner)


def sheet_data_span(xml: bytes) -> tuple[int, int, int, int, str]:
    """(start, body start, body end, end, prefix) of <sheetData>, found without scanning the body."""
    m = _SHEET_DATA_OPEN.search(xml)
    if m is None:
        raise ValueError("worksheet has no sheetData")
    prefix = m.group(1).decode()
    if m.group(2):
        return m.start(), m.end(), m.end(), m.end(), prefix
    close = f"</{prefix}sheetData>".encode()
    end = xml.rindex(close)
    return m.start(), m.end(), end, end + len(close), prefix


def patch_cells(
    xml: bytes, values: CellValues, style_for: StyleFor, date1904: bool = False
) -> tuple[bytes, bool]:
    """Set the given cells; returns the new XML and whether a formula cell was overwritten."""
    start, body_start, body_end, end, prefix = sheet_data_span(xml)
    body = xml[body_start:body_end]
    body, lost = _patch_rows(body, sorted(values.items()), style_for, prefix, date1904)
    data = f"<{prefix}sheetData>".encode() + body + f"</{prefix}sheetData>".encode()
    return xml[:start] + data + xml[end:], lost


def _patch_rows(
    body: bytes, pending: list, style_for: StyleFor, prefix: str, date1904: bool
) -> tuple[bytes, bool]:
    """Row by row, for rows that lack some of their cells (or prefixed XML)."""
    out: list[bytes] = []
    lost = False
    pos = scan = nxt = last_num = 0  # pos: copied up to; scan: searched up to
    open_row, close_row = f"<{prefix}row".encode(), f"</{prefix}row>".encode()
    while nxt < len(pending):
        begin = body.find(open_row, scan)
        if begin < 0:
            break
        gt = body.index(b">", begin)
        end = gt + 1 if body[gt - 1 : gt] == b"/" else body.index(close_row, gt) + len(close_row)
        head = body[begin:gt]
        r_at = head.find(b' r="')
        num = int(head[r_at + 4 : head.index(b'"', r_at + 4)]) if r_at >= 0 else last_num + 1
        last_num, scan = num, end
        if pending[nxt][0] > num:  # a row nothing is written to: copied as it is
            continue
        out.append(body[pos:begin])
        pos = end
        row_xml = body[begin:end]
        while nxt < len(pending) and pending[nxt][0] < num:
            out.append(_new_row(*pending[nxt], style_for, prefix, date1904))
            nxt += 1
        if nxt < len(pending) and pending[nxt][0] == num:
            row_xml, more = _patch_row(row_xml, num, pending[nxt][1], style_for, prefix, date1904)
            lost |= more
            nxt += 1
        out.append(row_xml)
    out.append(body[pos:])
    out += [_new_row(num, cells, style_for, prefix, date1904) for num, cells in pending[nxt:]]
    return b"".join(out), lost


def _new_row(num: int, cells: dict[str, object], style_for: StyleFor, prefix: str, date1904: bool) -> bytes:
    parts = [
        cell_xml(f"{col}{num}", v, style_for(col, v, None), date1904)
        for col, v in sorted(cells.items(), key=lambda kv: column_index(kv[0]))
    ]
    return _prefixed(b'<row r="%d">' % num + b"".join(parts) + b"</row>", prefix)


def _patch_row(
    row_xml: bytes, num: int, cells: dict[str, object], style_for: StyleFor, prefix: str, date1904: bool
) -> tuple[bytes, bool]:
    open_end = row_xml.index(b">")
    self_closing = row_xml[open_end - 1 : open_end] == b"/"
    open_tag = row_xml[: open_end - 1] + b">" if self_closing else row_xml[: open_end + 1]
    open_tag = re.sub(rb'\sspans="[^"]*"', b"", open_tag)  # a hint only; stale once cells move
    inner = b"" if self_closing else row_xml[open_end + 1 : row_xml.rindex(b"</")]
    close = f"</{prefix}row>".encode()
    if not prefix:
        fast = _patch_in_place(inner, num, cells, style_for, date1904)
        if fast is not None:
            return open_tag + fast[0] + close, fast[1]
    existing: dict[int, bytes] = {}
    for c in _CELL.finditer(inner):
        ref = _CELL_REF.search(c.group()[:64])
        if ref:
            existing[column_index(ref.group(1).decode())] = c.group()
    lost = False
    for col, value in cells.items():
        idx = column_index(col)
        old = existing.get(idx)
        style = _style_of(old) if old is not None else None
        lost |= old is not None and (b"<f" in old or b":f>" in old or b":f " in old)
        existing[idx] = _prefixed(
            cell_xml(f"{col}{num}", value, style_for(col, value, style), date1904), prefix
        )
    return open_tag + b"".join(existing[k] for k in sorted(existing)) + close, lost


def _patch_in_place(
    inner: bytes, num: int, cells: dict[str, object], style_for: StyleFor, date1904: bool
) -> tuple[bytes, bool] | None:
    """Replace cells where they stand; new cells only after the row's last one (else None)."""
    edits: list[tuple[int, int, bytes]] = []
    missing: list[str] = []
    lost = False
    for col, value in cells.items():
        start = inner.find(b'<c r="%s%d"' % (col.encode(), num))
        if start < 0:
            missing.append(col)
            continue
        gt = inner.index(b">", start)
        end = gt + 1 if inner[gt - 1 : gt] == b"/" else inner.index(b"</c>", gt) + 4
        old = inner[start:end]
        lost |= b"<f" in old
        edits.append(
            (start, end, cell_xml(f"{col}{num}", value, style_for(col, value, _style_of(old)), date1904))
        )
    if missing:
        last = inner.rfind(b'<c r="')
        last_col = (
            column_index(_CELL_REF.search(inner[last : last + 32]).group(1).decode()) if last >= 0 else 0
        )
        ordered = sorted(missing, key=column_index)
        if column_index(ordered[0]) <= last_col:
            return None
        tail = b"".join(
            cell_xml(f"{c}{num}", cells[c], style_for(c, cells[c], None), date1904) for c in ordered
        )
        edits.append((len(inner), len(inner), tail))
    out, pos = [], 0
    for start, end, data in sorted(edits):
        out += [inner[pos:start], data]
        pos = end
    out.append(inner[pos:])
    return b"".join(out), lost


def _style_of(cell: bytes) -> int | None:
    head_end = cell.find(b">")
    at = cell.find(b' s="', 0, head_end)
    if at < 0:
        return None
    return int(cell[at + 4 : cell.index(b'"', at + 4)])


def _prefixed(xml: bytes, prefix: str) -> bytes:
    if not prefix:
        return xml
    return re.sub(rb"<(/?)(?=[a-z])", lambda m: b"<" + m.group(1) + prefix.encode(), xml)
