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


def canonical(xml: bytes, drop=lambda el: False) -> bytes:
    """A part as canonical XML (C14N 2.0), less the elements drop() picks: equal when two parts
    say the same thing, however a writer quoted, prefixed or spaced them."""
    from lxml import etree

    root = etree.fromstring(xml)
    for el in [el for el in root.iter() if isinstance(el.tag, str) and drop(el)]:
        el.getparent().remove(el)
    return etree.tostring(root, method="c14n2")


def smep_highlight(el) -> bool:
    """A conditional format, or a defined name, that smep's Findings highlight added."""
    from lxml import etree

    name = etree.QName(el).localname
    text = etree.tostring(el)
    if name == "conditionalFormatting":
        return b"SMEP_FindingCells" in text or b"Findings!$C:$C" in text
    return name == "definedName" and (el.get("name") or "").startswith("SMEP_Finding")
