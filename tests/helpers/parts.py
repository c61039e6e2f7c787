"""Compare workbook packages part by part."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def changed_parts(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    names = set(before) | set(after)
    return {n for n in names if before.get(n) != after.get(n)}


def cell_xml(sheet_xml: bytes, ref: str) -> bytes | None:
    m = re.search(rb'<c r="' + ref.encode() + rb'"[^>]*?(?:/>|>.*?</c>)', sheet_xml, re.S)
    return m.group() if m else None


def sheet_part(path: Path, sheet: str) -> str:
    from tests.helpers.rich_book import _sheet_parts

    with zipfile.ZipFile(path) as z:
        return _sheet_parts(z)[sheet]
