"""Every cell of a workbook, keyed so that a column that moved is still found: by sheet, row and
the header of its table column (its letter outside any table), with its XML less its address,
so a value or a style that changed shows, and a cell that only moved does not."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from smep_xl.ooxml.refs import column_index, split_ref
from tests.helpers.preserve import _sheet_parts

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R = re.compile(rb'\sr="[A-Z]+\d+"')


def cells_by_header(path: Path) -> dict[tuple[str, int, str], bytes]:
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    out = {}
    for sheet, part in _sheet_parts(parts).items():
        headers = _headers(parts, part)
        root = etree.fromstring(parts[part])
        for cell in root.iter(MAIN + "c"):
            ref = cell.get("r")
            col, row = re.match(r"([A-Z]+)(\d+)", ref).groups()
            key = headers.get(column_index(col), col)
            out[(sheet, int(row), key)] = _R.sub(b"", etree.tostring(cell))
    return out


def _headers(parts: dict[str, bytes], part: str) -> dict:
    """Column index -> the header of the table column there."""
    rels = parts.get(part.replace("worksheets/", "worksheets/_rels/") + ".rels", b"")
    out: dict = {}
    for target in re.findall(rb'Target="[./]*(?:xl/)?(tables/[^"]+)"', rels):
        table = etree.fromstring(parts["xl/" + target.decode()])
        c1, _r1, _c2, _r2 = split_ref(table.get("ref"))
        for i, column in enumerate(table.iter(MAIN + "tableColumn")):
            out[c1 + i] = "[" + column.get("name") + "]"
    return out


def moved_or_changed(before: dict, after: dict) -> list:
    """Cells of before that are not in after, identical, under the same key."""
    return [key for key, xml in before.items() if after.get(key) != xml]
