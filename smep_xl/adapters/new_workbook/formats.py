"""A new master workbook's data validation and conditional formats, set with openpyxl from the
rules in rules.py (pick lists, number and date checks, RAG colours, findings highlights)."""

from __future__ import annotations

from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from smep_xl import layout as L
from smep_xl.adapters.new_workbook.rules import (
    FINDING_ERROR_FILL,
    FINDING_FILL,
    RAG_COLOURS,
    RAG_COLUMNS,
    findings_highlight_formulas,
    rule_for,
)
from smep_xl.domain.findings import ERROR, WARNING
from smep_xl.ooxml.cells import serial
from smep_xl.ooxml.refs import column_letter


def _fill(rgb: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)


def _validation(date1904: bool, kind, operator, formula1, formula2, message) -> DataValidation:
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
        rule = rule_for(sheet, column, criteria)
        if rule is None:
            continue
        if rule not in by_rule:
            by_rule[rule] = _validation(date1904, *rule)
            ws.data_validations.append(by_rule[rule])
        letter = column_letter(i)
        by_rule[rule].add(f"{letter}2:{letter}{last_row}")


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
