"""Rows and cells numbered as Excel reads them, before any cell is patched.

A row or cell may leave out its r attribute (it then follows the one before it), and r need
not be a cell's first attribute. Excel and LibreOffice read both; a patcher that looked for
`<c r="B5"` would miss such a cell and add a second B5 beside it. So a sheet whose rows are
not all numbered r-first gets them numbered first (four byte counts tell, without parsing).
"""

from __future__ import annotations

import re

from smep_xl.ooxml.refs import column_index, column_letter

_START_TAG = re.compile(rb"<([\w.-]+:)?(row|c)\b([^>]*?)(/?)>")
_R_ATTR = re.compile(rb'\sr="([^"]*)"')


def numbered(body: bytes, prefix: bytes = b"") -> bytes:
    """The rows with every row and cell carrying r (a cell's first), as Excel reads them."""
    if _all_numbered(body, prefix):
        return body
    out: list[bytes] = []
    pos = row = col = 0
    for m in _START_TAG.finditer(body):
        if (m.group(1) or b"") != prefix:
            continue
        attrs = m.group(3)
        found = _R_ATTR.search(attrs)
        if m.group(2) == b"row":
            row = int(found.group(1)) if found and found.group(1).isdigit() else row + 1
            col = 0
            if found:
                continue
            tag = b'<%srow r="%d"%s%s>' % (prefix, row, attrs, m.group(4))
        else:
            letters = re.match(rb"[A-Z]{1,3}", found.group(1)) if found else None
            col = column_index(letters.group().decode()) if letters else col + 1
            rest = _R_ATTR.sub(b"", attrs, count=1) if found else attrs
            tag = b'<%sc r="%s%d"%s%s>' % (prefix, column_letter(col).encode(), row, rest, m.group(4))
        out += [body[pos : m.start()], tag]
        pos = m.end()
    out.append(body[pos:])
    return b"".join(out)


def _all_numbered(body: bytes, p: bytes) -> bool:
    """Four cheap counts: every cell starts with r, and every row has r somewhere. (Rich text
    inside an inline string, <color> and the like, also counts as "<c": then the rows are
    numbered the slow way, which changes nothing in them.)"""
    first = body.count(b"<" + p + b'c r="')
    if body.count(b"<" + p + b"c") != first:
        return False
    return body.count(b' r="') - first == body.count(b"<" + p + b"row")
