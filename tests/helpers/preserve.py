"""Prove an action kept what belongs to the user: input cells and every part it does not own."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from smep_xl import contract
from smep_xl import layout as L
from smep_xl.ooxml.refs import column_letter

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
_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?(?:/>|>.*?</c>)', re.S)


def snapshot(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _sheet_parts(parts: dict[str, bytes]) -> dict[str, str]:
    rels = dict(re.findall(rb'Id="([^"]+)"[^>]*?Target="([^"]+)"', parts["xl/_rels/workbook.xml.rels"]))
    rels.update(
        {
            i: t
            for t, i in re.findall(
                rb'Target="([^"]+)"[^>]*?Id="([^"]+)"', parts["xl/_rels/workbook.xml.rels"]
            )
        }
    )
    out = {}
    for tag in re.findall(rb"<sheet\b[^>]*>", parts["xl/workbook.xml"]):
        name = re.search(rb'name="([^"]*)"', tag).group(1).decode().replace("&amp;", "&")
        rid = re.search(rb'r:id="([^"]*)"', tag).group(1)
        target = rels[rid].decode().lstrip("/")
        out[name] = target if target.startswith("xl/") else "xl/" + target
    return out


def _owned(parts: dict[str, bytes], sheets: dict[str, str]) -> set[str]:
    owned = set(SHARED_PARTS)
    for name in OWNED_SHEETS:
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
    before: dict[str, bytes], after: dict[str, bytes], computed_letters: dict[str, set[str]]
):
    """Every part not owned by Python identical; in sheets with computed columns, every input cell."""
    sheets = _sheet_parts(before)
    owned = _owned(before, sheets) | _owned(after, _sheet_parts(after))
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
        old, new = _cells(data, letters), _cells(after[name], letters)
        changed = [ref for ref in old if old[ref] != new.get(ref)]
        assert not changed, f"{name}: user cells changed: {changed[:5]}"
        assert _outside_sheet_data(data) == _outside_sheet_data(after[name]), (
            f"{name}: non-cell parts changed"
        )


def _cells(xml: bytes, skip_letters: set[str]) -> dict[str, bytes]:
    return {
        m.group(1).decode() + m.group(2).decode(): m.group()
        for m in _CELL.finditer(xml)
        if m.group(1).decode() not in skip_letters
    }


def _outside_sheet_data(xml: bytes) -> bytes:
    """The sheet less its rows, its dimension and smep's Findings highlight, as canonical XML."""
    from tests.helpers.parts import canonical, smep_highlight

    xml = re.sub(rb"<sheetData>.*</sheetData>|<sheetData/>", b"<sheetData/>", xml, flags=re.S)
    return canonical(xml, lambda el: smep_highlight(el) or el.tag.endswith("}dimension"))


def computed_letters_of(path: Path) -> dict[str, set[str]]:
    """Column letters of the computed columns, read from each table's header (openpyxl)."""
    import openpyxl

    out = {}
    wb = openpyxl.load_workbook(path, read_only=True)
    for sheet in COMPUTED_SHEETS:
        if sheet not in wb.sheetnames:
            continue
        header = next(wb[sheet].iter_rows(min_row=1, max_row=1, values_only=True), ())
        names = set(contract.computed_columns(sheet))

        out[sheet] = {column_letter(i + 1) for i, v in enumerate(header) if v in names}
    wb.close()
    return out
