"""The Findings highlight's formulas: one builder for new workbooks and for the file adapter.

Input cells named on the Findings sheet light up through conditional-format rules. A
classic rule may not refer to another sheet (Excel 2007 refuses it; 2010 and later move
such a rule into their x14 extension, which older readers drop). A rule may use a defined
name, and a defined name may refer to any sheet: so the rules read two workbook-level names,
SMEP_FindingCells (Findings' Cell column) and SMEP_FindingSeverities (its Severity column),
a form that every Excel since 2007 and LibreOffice accept in a classic rule.
"""

from __future__ import annotations

from smep_xl import layout as L
from smep_xl.ooxml.refs import column_letter

FINDING_CELLS = "SMEP_FindingCells"
FINDING_SEVERITIES = "SMEP_FindingSeverities"


def _column(name: str) -> str:
    letter = column_letter(L.FINDINGS_SPEC.columns.index(name) + 1)
    return f"{L.FINDINGS}!${letter}:${letter}"


def defined_names() -> dict[str, str]:
    """Name -> what it refers to, as stored in workbook.xml's <definedName>."""
    return {FINDING_CELLS: _column(L.FND_CELL), FINDING_SEVERITIES: _column(L.FND_SEVERITY)}


def highlight_formulas(sheet: str, error: str) -> tuple[str, str]:
    """Rule formulas (as stored, without '=') that are true while Findings names this cell:
    (at severity `error`, at any severity)."""
    quoted = sheet if sheet.replace("_", "").isalnum() else "'" + sheet.replace("'", "''") + "'"
    me = f'"{quoted}!"&ADDRESS(ROW(),COLUMN(),4)'
    at_error = f'COUNTIFS({FINDING_SEVERITIES},"{error}",{FINDING_CELLS},{me})>0'
    return at_error, f"COUNTIF({FINDING_CELLS},{me})>0"


def from_sheet_references(formula: str) -> str:
    """An older rule that read Findings' columns directly, rewritten to read the names."""
    for name, target in defined_names().items():
        formula = formula.replace(target, name)
    return formula
