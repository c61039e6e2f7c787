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
_MARK = b"Findings!$C:$C"
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
    """(error level, any level): true while the Findings sheet names this cell."""
    from smep_xl.adapters.new_workbook.rules import findings_highlight_formulas

    return findings_highlight_formulas(sheet)


def ensure_highlights(writer) -> None:
    for sheet in INPUT_SHEETS:
        part = writer.book.sheet_part(sheet)
        if part is None:
            continue
        xml = writer.xml(part)
        if _MARK in xml:
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
