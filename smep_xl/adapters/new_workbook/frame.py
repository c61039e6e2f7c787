"""The frame of a new workbook, laid out by openpyxl: sheets, tables, widths, frozen panes,
cell styles, validation, conditional formats, workbook names and document properties, with
no rows (write.py streams them in). Kept apart so that importing the builder, as every
command line start does, does not load openpyxl.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.writer.excel import ExcelWriter

from smep_xl import layout as L
from smep_xl.adapters.new_workbook import formats, rules
from smep_xl.adapters.new_workbook.plan import (
    COMPUTED_HEADER_FILL,
    DATETIME_COLUMNS,
    INPUT_HEADER_FILL,
    SheetPlan,
)
from smep_xl.adapters.new_workbook.printing import print_setup
from smep_xl.ooxml.refs import column_letter

OUTPUT_SHEETS = (L.FINDINGS, L.LETTER_LOG)
FIXED_CREATED = datetime(2014, 9, 1)  # document dates are fixed so a rebuild gives the same file
TABLE_STYLE = "TableStyleLight9"
TITLE = "School Music Education Plan"


def frame(plans: dict[str, SheetPlan], hub: str, date1904: bool) -> tuple[bytes, Styles, dict[str, str]]:
    """The frame as a zip in memory, the cell styles' ids, and each sheet's part name -> sheet."""
    wb, styles = _skeleton(plans, hub, date1904)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # openpyxl's writer takes a ZipFile; this one stays in memory
    return buffer.getvalue(), styles, {ws.path[1:]: ws.title for ws in wb.worksheets}


def _skeleton(plans: dict[str, SheetPlan], hub: str, date1904: bool) -> tuple[Workbook, Styles]:
    wb = Workbook(write_only=True)
    if date1904:
        wb.epoch = CALENDAR_MAC_1904
    wb.properties.title = f"{TITLE} – {hub}" if hub else TITLE
    wb.properties.subject = hub or None
    wb.properties.creator = "smep-xl"
    wb.properties.created = wb.properties.modified = FIXED_CREATED
    styles = None
    criteria = [c for c in plans[L.VISITS].inputs if c not in L.VISIT_LEAD_COLUMNS + L.VISIT_TAIL_COLUMNS]
    for name in L.SHEET_ORDER:
        ws = wb.create_sheet(name)
        styles = styles or Styles(ws)
        if name in plans:
            _lay_out(ws, plans[name], criteria, date1904)
        else:
            ws.column_dimensions["A"].width = 70
            ws.sheet_view.showGridLines = False
        print_setup(ws, plans.get(name))
    names = {rules.list_name(c): rules.list_formula(c) for c in rules.LISTS_LAYOUT}
    for name, formula in (names | rules.findings_defined_names()).items():
        wb.defined_names[name] = DefinedName(name, attr_text=formula)
    return wb, styles


def _lay_out(ws, plan: SheetPlan, criteria: list[str], date1904: bool) -> None:
    ws.freeze_panes = plan.freeze
    for i, column in enumerate(plan.columns, 1):
        dim = ws.column_dimensions[column_letter(i)]
        dim.width = plan.width(column)
        if plan.name in OUTPUT_SHEETS:
            # Python writes these sheets' rows later: the column's style is what its cells take then
            horizontal = "center" if plan.centred(column) else None
            dim.alignment = Alignment(
                wrap_text=plan.wraps(column) or None, vertical="top", horizontal=horizontal
            )
    ref = plan.table_ref()
    ws.tables.add(
        Table(
            displayName=L.table_name(plan.name),
            ref=ref,
            autoFilter=AutoFilter(ref=ref),
            tableColumns=[TableColumn(id=i, name=c) for i, c in enumerate(plan.columns, 1)],
            tableStyleInfo=TableStyleInfo(name=TABLE_STYLE, showRowStripes=True),
        )
    )
    formats.add_validation(ws, plan.name, plan.inputs, criteria, plan.extent, date1904)
    formats.add_rag_formats(ws, plan.name, plan.columns, plan.extent)
    if plan.name in rules.INPUT_SHEETS:
        formats.add_findings_highlight(ws, plan.name, len(plan.inputs), plan.extent)
    if plan.name == L.FINDINGS:
        formats.add_severity_formats(ws, plan.columns, plan.extent)


class Styles:
    """Cell styles registered in the workbook, by key -> the style index cells refer to."""

    def __init__(self, ws):
        self.ids = {
            "head_in": self._id(ws, font=Font(bold=True, color="FFFFFF"), fill=INPUT_HEADER_FILL, wrap=True),
            "head_out": self._id(
                ws, font=Font(bold=True, italic=True, color="FFFFFF"), fill=COMPUTED_HEADER_FILL, wrap=True
            ),
            "body": self._id(ws),
            "body_c": self._id(ws, align="center"),
            "head_in_c": self._id(
                ws, font=Font(bold=True, color="FFFFFF"), fill=INPUT_HEADER_FILL, wrap=True, align="center"
            ),
            "head_out_c": self._id(
                ws,
                font=Font(bold=True, italic=True, color="FFFFFF"),
                fill=COMPUTED_HEADER_FILL,
                wrap=True,
                align="center",
            ),
            "wrap": self._id(ws, wrap=True, align="left"),  # a number in a text column sits left too
            "date": self._id(ws, number_format="dd/mm/yyyy"),
            "date_l": self._id(ws, number_format="dd/mm/yyyy", align="left"),
            "datetime": self._id(ws, number_format="dd/mm/yyyy hh:mm"),
            "pct": self._id(ws, number_format="0%", align="left"),
            "title": self._id(ws, font=Font(bold=True, size=16, color=INPUT_HEADER_FILL), top=False),
        }

    @staticmethod
    def _id(ws, font=None, fill=None, wrap=False, number_format=None, top=True, align=None) -> int:
        cell = WriteOnlyCell(ws)
        if font:
            cell.font = font
        if fill:
            cell.fill = PatternFill(fill_type="solid", start_color=fill, end_color=fill)
        if wrap or top:
            vertical = "top" if not fill else "center"
            cell.alignment = Alignment(wrap_text=wrap or None, vertical=vertical, horizontal=align)
        if number_format:
            cell.number_format = number_format
        return cell.style_id

    def header(self, plan: SheetPlan) -> list[int]:
        return [
            self.ids[("head_out" if c in plan.computed else "head_in") + ("_c" if plan.centred(c) else "")]
            for c in plan.columns
        ]

    def body(self, plan: SheetPlan) -> list[int]:
        return [
            self.ids["wrap" if plan.wraps(c) else ("body_c" if plan.centred(c) else "body")]
            for c in plan.columns
        ]

    def dates(self, plan: SheetPlan) -> list[int]:
        kinds = [
            "datetime"
            if (plan.name, c) in DATETIME_COLUMNS
            else ("date_l" if plan.wraps(c) else "date")  # Settings' Value: dates left, as the text
            for c in plan.columns
        ]
        return [self.ids[k] for k in kinds]
