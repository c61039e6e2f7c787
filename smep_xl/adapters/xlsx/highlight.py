"""Findings highlighted in place: conditional-format rules on the input sheets that read the
Findings sheet, so a cell lights up while a finding names it and clears when it is fixed.

`smep new` writes these rules; a workbook made elsewhere gets them added on its first
validate, and rules of the older form (reading Findings!$C:$C directly, which Excel 2007
refuses) are rewritten to read the workbook-level names instead (smep_xl.ooxml.highlights).
They change no cell and no user format: they only colour what Findings lists.
"""

from __future__ import annotations

from smep_xl import layout as L
from smep_xl.adapters.xlsx.structure import WORKBOOK_PART
from smep_xl.domain.findings import ERROR
from smep_xl.ooxml import xml
from smep_xl.ooxml.highlights import FINDING_CELLS, defined_names, from_sheet_references, highlight_formulas
from smep_xl.ooxml.refs import column_letter
from smep_xl.ooxml.sheet import Worksheet

INPUT_SHEETS = (L.OBJECTIVES, L.SCHOOLS, L.VISITS, L.CRITERIA, L.LISTS, L.SETTINGS)
_OLD_MARK = b"Findings!$C:$C"
# CT_Workbook's sequence.
WORKBOOK_ORDER = (
    "fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets",
    "functionGroups", "externalReferences", "definedNames", "calcPr", "oleSize", "customWorkbookViews",
    "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects",
    "extLst",
)  # fmt: skip


def highlight_formulas_for(sheet: str) -> tuple[str, str]:
    """(error level, any level): true while the Findings sheet names this cell."""
    return highlight_formulas(sheet, ERROR)


def ensure_highlights(writer) -> None:
    for sheet in INPUT_SHEETS:
        part = writer.book.sheet_part(sheet)
        if part is None:
            continue
        data = writer.xml(part)
        if FINDING_CELLS.encode() in data and _OLD_MARK not in data:
            continue
        if _OLD_MARK in data:
            writer.set_xml(part, _rewritten(data))
            continue
        try:
            info = writer.book.table_info(sheet)
        except Exception:  # noqa: BLE001 - a sheet the adapter cannot read gets no highlight, nothing worse
            continue
        ref = f"{column_letter(info.first_col)}{info.first_row}:{column_letter(info.last_col)}{max(info.last_row, 5000)}"
        writer.set_xml(part, _with_rules(data, sheet, ref, writer.styles))
    _ensure_names(writer)


def _with_rules(data: bytes, sheet: str, ref: str, styles) -> bytes:
    page = Worksheet(data)
    error, any_level = highlight_formulas_for(sheet)
    red = styles.dxf("FFFFC7CE", "FF9C0006")
    amber = styles.dxf("FFFFEB9C", "FF9C5700")
    block = page.place(page.element("conditionalFormatting", {"sqref": ref}))
    rules = (
        ({"type": "expression", "priority": "1001", "dxfId": str(red), "stopIfTrue": "1"}, error),
        ({"type": "expression", "priority": "1002", "dxfId": str(amber)}, any_level),
    )
    for attrib, formula in rules:
        rule = block.makeelement(xml.q(xml.MAIN, "cfRule"), attrib)
        rule.append(rule.makeelement(xml.q(xml.MAIN, "formula"), {}))
        rule[0].text = formula
        block.append(rule)
    return page.to_bytes()


def _rewritten(data: bytes) -> bytes:
    page = Worksheet(data)
    for formula in page.root.iter(xml.q(xml.MAIN, "formula")):
        if formula.text and "Findings!$C:$C" in formula.text:
            formula.text = from_sheet_references(formula.text)
    return page.to_bytes()


def _ensure_names(writer) -> None:
    """The two workbook-level names the rules read, added (or put right) in workbook.xml."""
    root = writer.pkg.parse(WORKBOOK_PART)
    holder = root.find(xml.q(xml.MAIN, "definedNames"))
    if holder is None:
        holder = root.makeelement(xml.q(xml.MAIN, "definedNames"), {})
        xml.insert_in_order(root, holder, WORKBOOK_ORDER)
    have = {el.get("name"): el for el in holder if el.get("localSheetId") is None}
    changed = False
    for name, target in defined_names().items():
        el = have.get(name)
        if el is None:
            el = holder.makeelement(xml.q(xml.MAIN, "definedName"), {"name": name})
            holder.append(el)
        if el.text != target:
            el.text, changed = target, True
    if changed:
        writer.pkg.write_xml(WORKBOOK_PART, root)
