"""Findings highlighted in place: conditional-format rules on the input sheets that read the
Findings sheet, so a cell lights up while a finding names it and clears when it is fixed.

`smep new` writes these rules; a workbook made elsewhere gets them added on its first
validate. They change no cell and no user format: they only colour what Findings lists.
"""

from __future__ import annotations

from smep_xl import layout as L
from smep_xl.adapters.xlsx.cells import escape
from smep_xl.adapters.xlsx.output import _insert_before
from smep_xl.ooxml.refs import column_letter

INPUT_SHEETS = (L.OBJECTIVES, L.SCHOOLS, L.VISITS, L.CRITERIA, L.LISTS, L.SETTINGS)
# Rules already there: the older form (reading Findings!$C:$C) or the form new workbooks have
# (reading the workbook names SMEP_FindingCells and SMEP_FindingSeverities).
_MARKS = (b"Findings!$C:$C", b"SMEP_FindingCells")
_AFTER_CF = (
    b"dataValidations",
    b"hyperlinks",
    b"printOptions",
    b"pageMargins",
    b"pageSetup",
    b"headerFooter",
    b"rowBreaks",
    b"colBreaks",
    b"customProperties",
    b"cellWatches",
    b"ignoredErrors",
    b"smartTags",
    b"drawing",
    b"legacyDrawing",
    b"legacyDrawingHF",
    b"picture",
    b"oleObjects",
    b"controls",
    b"webPublishItems",
    b"tableParts",
    b"extLst",
)


def highlight_formulas(sheet: str) -> tuple[str, str]:
    """(error level, any level): true while the Findings sheet names this cell. Written in the
    older form, reading Findings directly, until this adapter also adds the workbook names that
    new workbooks' rules read."""
    from smep_xl.domain.findings import ERROR

    quoted = sheet if sheet.replace("_", "").isalnum() else f"'{sheet}'"
    me = f'"{quoted}!"&ADDRESS(ROW(),COLUMN(),4)'
    return f'COUNTIFS(Findings!$A:$A,"{ERROR}",Findings!$C:$C,{me})>0', f"COUNTIF(Findings!$C:$C,{me})>0"


def ensure_highlights(writer) -> None:
    for sheet in INPUT_SHEETS:
        part = writer.book.sheet_part(sheet)
        if part is None:
            continue
        xml = writer.xml(part)
        if any(mark in xml for mark in _MARKS):
            continue
        try:
            info = writer.book.table_info(sheet)
        except Exception:  # noqa: BLE001 - a sheet the adapter cannot read gets no highlight, nothing worse
            continue
        ref = f"{column_letter(info.first_col)}{info.first_row}:{column_letter(info.last_col)}{max(info.last_row, 5000)}"
        error, any_level = highlight_formulas(sheet)
        red = writer.styles.dxf("FFFFC7CE", "FF9C0006")
        amber = writer.styles.dxf("FFFFEB9C", "FF9C5700")
        rules = (
            f'<conditionalFormatting sqref="{ref}">'
            f'<cfRule type="expression" priority="1001" dxfId="{red}" stopIfTrue="1"><formula>{escape(error)}'
            f'</formula></cfRule><cfRule type="expression" priority="1002" dxfId="{amber}"><formula>'
            f"{escape(any_level)}</formula></cfRule></conditionalFormatting>"
        ).encode()
        writer.set_xml(part, _insert_before(xml, rules, _AFTER_CF))
