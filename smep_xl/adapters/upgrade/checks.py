"""What a new column brings with it, as a new workbook has it: its drop-down or number/date
rule, its RAG colours, and for a new pick list on Lists, the workbook name List_<column>.

The rules are the new-workbook builder's (adapters/new_workbook/rules.py); a pick list is
read from the Lists column where it actually is in this workbook, which need not be where a
new workbook puts it.
"""

from __future__ import annotations

from datetime import date

from smep_xl import layout as L
from smep_xl.adapters.new_workbook import rules
from smep_xl.adapters.xlsx.highlight import WORKBOOK_ORDER
from smep_xl.adapters.xlsx.structure import WORKBOOK_PART
from smep_xl.ooxml import xml
from smep_xl.ooxml.cells import serial
from smep_xl.ooxml.sheet import Worksheet

DV_ORDER = ("formula1", "formula2")


def list_formula(letter: str) -> str:
    """The filled part of one Lists column, as a new workbook's drop-downs read it."""
    rows = rules.LIST_ROWS + 1
    return f"OFFSET({L.LISTS}!${letter}$2,0,0,MAX(1,COUNTA({L.LISTS}!${letter}$2:${letter}${rows})),1)"


def validation_for(
    sheet: str, column: str, criteria: list[str], list_letters: dict[str, str], date1904: bool
):
    """(type, operator, formula1, formula2, message) for the column, or None (no rule, or its list
    is not on Lists)."""
    rule = rules.rule_for(sheet, column, criteria)
    if rule is None:
        return None
    kind, operator, first, second, message = rule
    if kind == "list":
        letter = list_letters.get(rules.LIST_FED[(sheet, column)])
        if letter is None:
            return None
        first = list_formula(letter)
    if kind == "date":
        first, second = (str(serial(d, date1904)) if isinstance(d, date) else d for d in (first, second))
    return kind, operator, first, second, message


def add_validation(sheet_xml: bytes, sqref: str, rule) -> bytes:
    kind, operator, first, second, message = rule
    page = Worksheet(sheet_xml)
    holder = page.find("dataValidations")
    if holder is None:
        holder = page.place(page.element("dataValidations", {"count": "0"}))
    attrib = {
        "type": kind,
        "allowBlank": "1",
        "showErrorMessage": "1",
        "errorTitle": "SMEP",
        "error": message,
    }
    if operator:
        attrib["operator"] = operator
    element = holder.makeelement(xml.q(xml.MAIN, "dataValidation"), {**attrib, "sqref": sqref})
    for tag, formula in zip(DV_ORDER, (first, second)):
        if formula is not None:
            element.append(element.makeelement(xml.q(xml.MAIN, tag), {}))
            element[-1].text = str(formula)
    holder.append(element)
    holder.set("count", str(len(holder)))
    return page.to_bytes()


def add_rag_colours(sheet_xml: bytes, sqref: str, styles) -> bytes:
    """The RAG words coloured as a new workbook colours them."""
    page = Worksheet(sheet_xml)
    block = page.place(page.element("conditionalFormatting", {"sqref": sqref}))
    priorities = [int(r.get("priority", "0")) for r in page.root.iter(xml.q(xml.MAIN, "cfRule"))]
    for n, (word, (fill, font)) in enumerate(rules.RAG_COLOURS.items(), start=max(priorities + [0]) + 1):
        dxf = styles.dxf("FF" + fill, "FF" + font)
        rule = block.makeelement(
            xml.q(xml.MAIN, "cfRule"),
            {"type": "cellIs", "dxfId": str(dxf), "priority": str(n), "operator": "equal"},
        )
        rule.append(rule.makeelement(xml.q(xml.MAIN, "formula"), {}))
        rule[0].text = f'"{word}"'
        block.append(rule)
    return page.to_bytes()


def add_list_name(pkg, list_column: str, letter: str) -> bool:
    """The workbook name a new workbook gives this pick list; False when it is there already."""
    root = pkg.parse(WORKBOOK_PART)
    holder = root.find(xml.q(xml.MAIN, "definedNames"))
    if holder is None:
        holder = root.makeelement(xml.q(xml.MAIN, "definedNames"), {})
        xml.insert_in_order(root, holder, WORKBOOK_ORDER)
    name = rules.list_name(list_column)
    if any(el.get("name", "").lower() == name.lower() for el in holder):
        return False
    holder.append(holder.makeelement(xml.q(xml.MAIN, "definedName"), {"name": name}))
    holder[-1].text = list_formula(letter)
    pkg.write_xml(WORKBOOK_PART, root)
    return True
