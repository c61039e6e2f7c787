"""What a new master workbook checks and colours: its pick lists, number and date rules, RAG
colours and findings highlights, as data and formula text (formats.py applies them).

Pick lists come from the Lists sheet, each list as long as its filled cells (an OFFSET over
the column), so the drop-downs show no blanks and grow when staff add a value. Findings
highlight cells from the Findings sheet's Cell column, so Validate needs only rewrite
Findings for the highlights to follow. The highlight rules read Findings through workbook
names (SMEP_FindingCells, SMEP_FindingSeverities): Excel 2007 refuses a conditional format
that refers to another sheet directly, but accepts one that goes through a name.
"""

from __future__ import annotations

from datetime import date

from smep_xl import layout as L
from smep_xl.domain.findings import ERROR
from smep_xl.ooxml import highlights
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
    (L.SCHOOLS, L.SCH_AWARD_APPLIED): L.LIST_YES_NO,
    (L.SCHOOLS, L.SCH_MUSIC_IN_SDP): L.LIST_YES_NO,
    (L.SCHOOLS, L.SCH_FIRST_ACCESS): L.LIST_YES_NO,
    (L.SCHOOLS, L.SCH_MDP): L.LIST_YES_NO,
    (L.SCHOOLS, L.SCH_ENGAGEMENT): L.LIST_ENGAGEMENT,
    (L.OBJECTIVES, L.OBJ_MEASURE): L.LIST_MEASURE,
    (L.LISTS, L.LIST_COUNTS_AS_VISIT): L.LIST_YES_NO,
    (L.LISTS, L.LIST_SCORED): L.LIST_YES_NO,
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
    (L.SCHOOLS, L.SCH_MDP_REVIEW): ("date", "between", FIRST_DAY, LAST_DAY, "Type a date, e.g. 31/07/2016."),
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


def list_formula(list_column: str) -> str:
    """The filled part of one Lists column, e.g. OFFSET(Lists!$A$2,0,0,MAX(1,COUNTA(...)),1)."""
    col = column_letter(LISTS_LAYOUT.index(list_column) + 1)
    return f"OFFSET({L.LISTS}!${col}$2,0,0,MAX(1,COUNTA({L.LISTS}!${col}$2:${col}${LIST_ROWS + 1})),1)"


def list_name(list_column: str) -> str:
    """Defined name of a pick list, e.g. List_Visit_Type."""
    return "List_" + "".join(ch if ch.isalnum() else "_" for ch in list_column)


def findings_defined_names() -> dict[str, str]:
    """The workbook names the highlight rules read, with their formulas (as stored in the file):
    SMEP_FindingCells is the Findings sheet's Cell column, SMEP_FindingSeverities its Severity."""
    return highlights.defined_names()


def findings_highlight_formulas(sheet: str) -> tuple[str, str]:
    """Conditional-format formulas (as stored in the file, without '=') that are true when the
    Findings sheet names this cell: (at error level, at any level). Both read Findings through
    the names of findings_defined_names(), which the workbook must define. Built by
    ooxml.highlights, which the file adapter uses too, so a new workbook's rules and those
    Validate adds to a workbook made elsewhere are the same."""
    return highlights.highlight_formulas(sheet, ERROR)


def rule_for(sheet: str, column: str, criteria: list[str]) -> tuple | None:
    """(type, operator, formula1, formula2, message) of a column's validation, or None."""
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
