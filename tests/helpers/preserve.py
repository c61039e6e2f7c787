"""Prove an action kept what belongs to the user: input cells and every part it does not own."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from smep_xl import contract
from smep_xl import layout as L
from smep_xl.ooxml.refs import column_index, column_letter

OWNED_SHEETS = (L.FINDINGS, L.LETTER_LOG, L.DASHBOARD, L.XLWINGS_CONF)  # the last: setup-excel's
COMPUTED_SHEETS = (L.OBJECTIVES, L.SCHOOLS, L.VISITS)
SHARED_PARTS = {
    "xl/styles.xml",
    "[Content_Types].xml",
    "xl/_rels/workbook.xml.rels",
    "xl/workbook.xml",
    "xl/calcChain.xml",
    "docProps/app.xml",
}
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def snapshot(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _sheet_parts(parts: dict[str, bytes]) -> dict[str, str]:
    """Sheet name -> its part, read as any writer writes them (prefixes, attribute order)."""
    rels = {
        rel.get("Id"): rel.get("Target", "")
        for rel in etree.fromstring(parts["xl/_rels/workbook.xml.rels"]).iter("{*}Relationship")
    }
    out = {}
    for sheet in etree.fromstring(parts["xl/workbook.xml"]).iter("{*}sheet"):
        target = rels[sheet.get(f"{{{R}}}id")].lstrip("/")
        out[sheet.get("name")] = target if target.startswith("xl/") else "xl/" + target
    return out


def _owned(parts: dict[str, bytes], sheets: dict[str, str], writable: set[str] = frozenset()) -> set[str]:
    owned = set(SHARED_PARTS)
    for name in (*OWNED_SHEETS, *writable):
        if name in sheets:
            part = sheets[name]
            owned |= {part, part.replace("worksheets/", "worksheets/_rels/") + ".rels"}
            rels = parts.get(part.replace("worksheets/", "worksheets/_rels/") + ".rels", b"")
            owned |= {
                "xl/tables/" + t.decode().rsplit("/", 1)[1]
                for t in re.findall(rb'Target="([^"]*tables/[^"]+)"', rels)
            }
    owned |= {p for p in parts if "/smepChart" in p or "smepDashboard" in p}
    return owned


def assert_user_data_kept(
    before: dict[str, bytes],
    after: dict[str, bytes],
    computed_letters: dict[str, set[str]],
    writable: set[str] = frozenset(),
):
    """Every part not owned by Python identical; in sheets with computed columns, every input cell.
    writable: sheets the command may change as a whole (import-schools: Schools)."""
    sheets = _sheet_parts(before)
    owned = _owned(before, sheets, writable) | _owned(after, _sheet_parts(after), writable)
    computed_parts = {sheets[s]: s for s in COMPUTED_SHEETS if s in sheets}
    sheet_parts = set(sheets.values())
    for name, data in before.items():
        if name in owned:
            continue
        assert name in after, f"part {name} was lost"
        if after[name] == data:
            continue
        assert name in sheet_parts, f"part {name} changed"
        # an input sheet: its cells kept (but computed ones), and all else but smep's highlight rules
        letters = computed_letters.get(computed_parts.get(name, ""), set())
        quick = _usual(data) and _usual(after[name])
        if quick and _blob(data, letters) == _blob(after[name], letters):
            old = new = {}  # the same user cells, byte for byte (the quick comparison of a big sheet)
        else:
            old, new = _cells(data, letters, quick), _cells(after[name], letters, quick)
        changed = [ref for ref in old if old[ref] != new.get(ref)]
        assert not changed, f"{name}: user cells changed: {changed[:5]}"
        assert _outside_sheet_data(data) == _outside_sheet_data(after[name]), (
            f"{name}: non-cell parts changed"
        )


_REF = re.compile(rb'\sr="[A-Z]+[0-9]+"')
_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?(?:/>|>.*?</c>)', re.S)
_PREFIXED_CELL = re.compile(rb"<[\w.-]+:c\b")
_CELL_WHOLE = re.compile(rb'<c r="[A-Z]+\d+"[^>]*?(?:/>|>.*?</c>)', re.S)
_SHEET_DATA = re.compile(rb"<((?:[\w.-]+:)?sheetData)\b[^>]*?(?:/>|>.*</\1>)", re.S)


def _usual(xml: bytes) -> bool:
    """Every cell written <c r="A1" ...>, with no prefix: the form regular expressions can read."""
    return (
        xml.count(b"<c ") == xml.count(b'<c r="') and b"<c>" not in xml and _PREFIXED_CELL.search(xml) is None
    )


def _blob(xml: bytes, skip_letters: set[str]) -> bytes:
    """All the user's cells of a sheet in the usual form, in order, as one string."""
    if skip_letters:
        computed = b"|".join(sorted(letter.encode() for letter in skip_letters))
        xml = re.sub(rb'<c r="(?:' + computed + rb')\d+"[^>]*?(?:/>|>.*?</c>)', b"", xml, flags=re.S)
    return b"".join(_CELL_WHOLE.findall(xml))


def _cells(xml: bytes, skip_letters: set[str], quick: bool) -> dict[str, bytes]:
    """Every cell by its reference, as Excel numbers them (a cell or row without r follows the one
    before), as its XML less its r: its type, style and what it holds. quick: read with regular
    expressions (both sides in the usual form), else with lxml."""
    if quick:
        return {
            m.group(1).decode() + m.group(2).decode(): _REF.sub(b"", m.group(), 1)
            for m in _CELL.finditer(xml)
            if m.group(1).decode() not in skip_letters
        }
    out = {}
    data = etree.fromstring(xml).find("{*}sheetData")
    row_no = 0
    skip = {column_index(letters) for letters in skip_letters}
    for row in data.iterfind("{*}row") if data is not None else ():
        row_no = int(row.get("r")) if row.get("r") else row_no + 1
        col = 0
        for cell in row.iterfind("{*}c"):
            ref = cell.get("r")
            col = column_index(ref.rstrip("0123456789")) if ref else col + 1
            if col not in skip:
                out[f"{column_letter(col)}{row_no}"] = _REF.sub(b"", etree.tostring(cell, with_tail=False), 1)
    return out


def _outside_sheet_data(xml: bytes) -> bytes:
    """The sheet less its rows, its dimension and smep's Findings highlight, as canonical XML."""
    from tests.helpers.parts import canonical, smep_highlight

    xml = _SHEET_DATA.sub(rb"<\1/>", xml, count=1)
    return canonical(xml, lambda el: smep_highlight(el) or etree.QName(el).localname == "dimension")


def computed_letters_of(path: Path) -> dict[str, set[str]]:
    """Column letters of the computed columns, read from each sheet's header row (calamine)."""
    from python_calamine import CalamineWorkbook

    out = {}
    book = CalamineWorkbook.from_path(str(path))
    for sheet in COMPUTED_SHEETS:
        if sheet not in book.sheet_names:
            continue
        rows = book.get_sheet_by_name(sheet).to_python(nrows=1)
        header = rows[0] if rows else []
        names = set(contract.computed_columns(sheet))
        out[sheet] = {column_letter(i + 1) for i, v in enumerate(header) if v in names}
    book.close()
    return out
