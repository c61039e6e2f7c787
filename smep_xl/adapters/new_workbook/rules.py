"""Data validation and conditional formats of a new master workbook.

Pick lists come from the Lists sheet, each list as long as its filled cells (an OFFSET over
the column), so the drop-downs show no blanks and grow when staff add a value. Findings
highlight cells from the Findings sheet's Cell column, so Validate needs only rewrite
Findings for the highlights to follow. The highlight rules read Findings through workbook
names (SMEP_FindingCells, SMEP_FindingSeverities): Excel 2007 refuses a conditional format
that refers to another sheet directly, but accepts one that goes through a name.
"""

from __future__ import annotations

from datetime import date

from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from smep_xl import layout as L
from smep_xl.domain.findings import ERROR, WARNING
from smep_xl.ooxml.cells import serial
from smep_xl.ooxml.refs import column_letter

LIST_ROWS = 1000  # how far down Lists a pick list may grow
# A new workbook's Lists: the contract's lists, then School Status (Open / Closed) for Schools.
LISTS_LAYOUT = L.LISTS_SPEC.inputs + (L.LIST_SCHOOL_STATUS,)

# (sheet, column) -> the Lists column its drop-down comes from.
LIST_FED = {
    (L.OBJECTIVES, L.OBJ_STATUS): L.LIST_STATUS,
    (L.SCHOOLS, L.SCH_STATUS): L.LIST_SCHOOL_STATUS,
    (L.SCHOOLS, L.SCH_PHASE): L.LIST_PHASE,
    (L.SCHOOLS, L.SCH_AREA): L.LIST_AREA,
    (L.SCHOOLS, L.SCH_SLE): L.LIST_SLE,
    (L.SCHOOLS, L.SCH_AWARD): L.LIST_AWARD,
    (L.SCHOOLS, L.SCH_MUSIC_IN_SDP): L.LIST_YES_NO,
    (L.SCHOOLS, L.SCH_MDP): L.LIST_YES_NO,
    (L.VISITS, L.VIS_TYPE): L.LIST_VISIT_TYPE,
    (L.VISITS, L.VIS_SLE): L.LIST_SLE,
    (L.VISITS, L.VIS_SEND): L.LIST_YES_NO,
    (L.CRITERIA, L.CRI_KEY): L.LIST_YES_NO,
}
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)  # a date typed outside these is a typo
# (sheet, column) -> (type, operator, formula1, formula2, message)
NUMERIC = {
    (L.OBJECTIVES, L.OBJ_PROGRESS): ("decimal", "between", "0", "100", "Type a percentage from 0 to 100."),
    (L.SCHOOLS, L.SCH_URN): ("whole", "between", "100000", "999999", "Type the school's six-digit URN."),
    (L.SCHOOLS, L.SCH_COHORT): (
        "whole",
        "between",
        "1",
        "10",
        "Type the cohort: 1 for year 1, 2 for year 2.",
    ),
    (L.VISITS, L.VIS_URN): (
        "whole",
        "between",
        "100000",
        "999999",
        "Type the six-digit URN of the school visited.",
    ),
    (L.VISITS, L.VIS_DATE): ("date", "between", FIRST_DAY, LAST_DAY, "Type a date, e.g. 15/03/2015."),
    (L.VISITS, L.VIS_FOLLOW_UP): ("date", "between", FIRST_DAY, LAST_DAY, "Type a date, e.g. 15/03/2015."),
    (L.CRITERIA, L.CRI_WEIGHT): (
        "decimal",
        "greaterThan",
        "0",
        None,
        "Type a weight above 0 (1 is the default).",
    ),
}
SCORE = ("whole", "between", "1", "4", "Type a score from 1 to 4 (4 best), or leave it blank.")

RAG_COLUMNS = {L.OBJECTIVES: (L.OBJ_BRAG,), L.SCHOOLS: (L.SCH_RAG, L.SCH_PREV_RAG), L.VISITS: (L.VIS_RAG,)}
RAG_COLOURS = {
    L.RED: ("FF9999", "7F0000"),
    L.AMBER: ("FFD966", "7F6000"),
    L.GREEN: ("A9D08E", "375623"),
    L.BLUE: ("9BC2E6", "1F4E78"),
}
INPUT_SHEETS = (L.OBJECTIVES, L.SCHOOLS, L.VISITS, L.CRITERIA, L.LISTS, L.SETTINGS)
FINDING_ERROR_FILL, FINDING_FILL = "FFC7CE", "FFF2CC"


def _fill(rgb: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)


def list_formula(list_column: str) -> str:
    """The filled part of one Lists column, e.g. OFFSET(Lists!$A$2,0,0,MAX(1,COUNTA(...)),1)."""
    col = column_letter(LISTS_LAYOUT.index(list_column) + 1)
    return f"OFFSET({L.LISTS}!${col}$2,0,0,MAX(1,COUNTA({L.LISTS}!${col}$2:${col}${LIST_ROWS + 1})),1)"


def list_name(list_column: str) -> str:
    """Defined name of a pick list, e.g. List_Visit_Type."""
    return "List_" + "".join(ch if ch.isalnum() else "_" for ch in list_column)


FINDING_CELLS, FINDING_SEVERITIES = "SMEP_FindingCells", "SMEP_FindingSeverities"


def findings_defined_names() -> dict[str, str]:
    """The workbook names the highlight rules read, with their formulas (as stored in the file):
    SMEP_FindingCells is the Findings sheet's Cell column, SMEP_FindingSeverities its Severity."""
    spec = L.FINDINGS_SPEC

    def whole_column(column: str) -> str:
        letter = column_letter(spec.columns.index(column) + 1)
        return f"{_quoted(L.FINDINGS)}!${letter}:${letter}"

    return {FINDING_CELLS: whole_column(L.FND_CELL), FINDING_SEVERITIES: whole_column(L.FND_SEVERITY)}


def findings_highlight_formulas(sheet: str) -> tuple[str, str]:
    """Conditional-format formulas (as stored in the file, without '=') that are true when the
    Findings sheet names this cell: (at error level, at any level). Both read Findings through
    the names of findings_defined_names(), which the workbook must define."""
    me = f'"{_quoted(sheet)}!"&ADDRESS(ROW(),COLUMN(),4)'
    error = f'COUNTIFS({FINDING_SEVERITIES},"{ERROR}",{FINDING_CELLS},{me})>0'
    any_level = f"COUNTIF({FINDING_CELLS},{me})>0"
    return error, any_level


def _quoted(sheet: str) -> str:
    """A sheet name as a formula writes it: quoted unless it is letters, digits and _."""
    return sheet if sheet.replace("_", "").isalnum() else "'" + sheet.replace("'", "''") + "'"


def _validation(kind, operator, formula1, formula2, message, date1904: bool) -> DataValidation:
    if kind == "date":  # a date rule's bounds are day numbers in the workbook's date system
        formula1, formula2 = str(serial(formula1, date1904)), str(serial(formula2, date1904))
    return DataValidation(
        type=kind,
        operator=operator,
        formula1=formula1,
        formula2=formula2,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="SMEP",
        error=message,
    )


def add_validation(
    ws, sheet: str, columns: list[str], criteria: list[str], last_row: int, date1904: bool = False
) -> None:
    """Drop-downs and number/date rules on this sheet's input columns, rows 2..last_row."""
    by_rule: dict[tuple, DataValidation] = {}
    for i, column in enumerate(columns, 1):
        rule = _rule_for(sheet, column, criteria)
        if rule is None:
            continue
        if rule not in by_rule:
            by_rule[rule] = _validation(*rule, date1904)
            ws.data_validations.append(by_rule[rule])
        letter = column_letter(i)
        by_rule[rule].add(f"{letter}2:{letter}{last_row}")


def _rule_for(sheet: str, column: str, criteria: list[str]) -> tuple | None:
    if (sheet, column) in LIST_FED:
        source = LIST_FED[(sheet, column)]
        return (
            "list",
            None,
            list_formula(source),
            None,
            f"Pick from the list. To add a value, type it in the {source} column of the Lists sheet.",
        )
    if sheet == L.VISITS and column in criteria:
        return SCORE
    return NUMERIC.get((sheet, column))


def add_rag_formats(ws, sheet: str, columns: list[str], last_row: int) -> None:
    """Colour the RAG columns by the word in the cell."""
    for column in RAG_COLUMNS.get(sheet, ()):
        if column not in columns:
            continue
        letter = column_letter(columns.index(column) + 1)
        for word, (fill, font) in RAG_COLOURS.items():
            ws.conditional_formatting.add(
                f"{letter}2:{letter}{last_row}",
                CellIsRule(operator="equal", formula=[f'"{word}"'], fill=_fill(fill), font=Font(color=font)),
            )


def add_severity_formats(ws, columns: list[str], last_row: int) -> None:
    """On the Findings sheet: errors red, warnings amber."""
    letter = column_letter(columns.index(L.FND_SEVERITY) + 1)
    for word, fill in ((ERROR, FINDING_ERROR_FILL), (WARNING, FINDING_FILL)):
        ws.conditional_formatting.add(
            f"{letter}2:{letter}{last_row}",
            CellIsRule(operator="equal", formula=[f'"{word}"'], fill=_fill(fill)),
        )


def add_findings_highlight(ws, sheet: str, input_width: int, last_row: int) -> None:
    """Light red on cells with an error finding, light yellow on cells with any finding."""
    error, any_level = findings_highlight_formulas(sheet)
    area = f"A1:{column_letter(max(1, input_width))}{last_row}"
    ws.conditional_formatting.add(
        area, FormulaRule(formula=[error], fill=_fill(FINDING_ERROR_FILL), stopIfTrue=True)
    )
    ws.conditional_formatting.add(area, FormulaRule(formula=[any_level], fill=_fill(FINDING_FILL)))
