"""Write a new master workbook (.xlsx or .xlsm) from its input tables.

Every sheet of the contract in order, each table an Excel table named like its sheet,
headers on row 1 (computed columns in a style of their own), frozen headers, drop-downs fed
from Lists, RAG colours and findings highlights. openpyxl (write-only) builds the frame of
the workbook; xlsx_new_cells streams the rows in. Saved to a temporary file beside the
target, then moved into place, so a failed write leaves nothing half-written.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.writer.excel import ExcelWriter

from smep_xl import layout as L
from smep_xl.adapters.new_workbook import cells, rules
from smep_xl.adapters.new_workbook.plan import PERCENT_SETTINGS, SheetPlan, Styles, plan_for
from smep_xl.adapters.new_workbook.rules import findings_highlight_formulas
from smep_xl.ooxml.atomic import replace_file
from smep_xl.ooxml.refs import column_letter

__all__ = ["write_new_workbook", "findings_highlight_formulas", "FIXED_CREATED"]

FIXED_CREATED = datetime(2014, 9, 1)  # document dates are fixed so a rebuild gives the same file
TABLE_STYLE = "TableStyleLight9"
TITLE = "School Music Education Plan"


def write_new_workbook(path: str, frames: dict[str, pd.DataFrame]) -> None:
    """Write every sheet of the contract, filled from frames (input tables keyed by sheet)."""
    plans, hub = _plans(frames), _hub_name(frames)
    wb, styles = _skeleton(plans, hub)
    skeleton = io.BytesIO()
    with zipfile.ZipFile(skeleton, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    paths = {ws.path[1:]: ws.title for ws in wb.worksheets}
    macro = str(path).lower().endswith(".xlsm")
    with zipfile.ZipFile(skeleton) as source:
        _atomic_write(path, _parts(source, paths, plans, styles, hub, macro))


def _plans(frames: dict[str, pd.DataFrame]) -> dict[str, SheetPlan]:
    criteria = _criteria(frames.get(L.CRITERIA))
    specs = {
        **L.FIXED_SPECS,
        L.VISITS: L.visits_spec(criteria),
        L.LISTS: L.SheetSpec(L.LISTS, rules.LISTS_LAYOUT),
    }
    return {name: plan_for(name, specs[name], frames.get(name)) for name in L.SHEET_ORDER if name in specs}


def _criteria(frame: pd.DataFrame | None) -> list[str]:
    if frame is None or L.CRI_NAME not in frame.columns:
        return [c[0] for c in L.DEFAULT_CRITERIA]
    names = [str(v).strip() for v in frame[L.CRI_NAME] if cells.plain(v) is not None]
    return list(dict.fromkeys(n for n in names if n))


def _hub_name(frames: dict[str, pd.DataFrame]) -> str:
    settings = frames.get(L.SETTINGS)
    if settings is not None and L.SET_NAME in settings.columns:
        for name, value in zip(settings[L.SET_NAME], settings[L.SET_VALUE], strict=False):
            if name == L.S_HUB_NAME and cells.plain(value) is not None:
                return str(value)
    return ""


def _skeleton(plans: dict[str, SheetPlan], hub: str) -> tuple[Workbook, Styles]:
    wb = Workbook(write_only=True)
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
            _lay_out(ws, plans[name], criteria)
        else:
            ws.column_dimensions["A"].width = 70
            ws.sheet_view.showGridLines = False
    for column in rules.LISTS_LAYOUT:
        wb.defined_names[rules.list_name(column)] = DefinedName(
            rules.list_name(column), attr_text=rules.list_formula(column)
        )
    return wb, styles


def _lay_out(ws, plan: SheetPlan, criteria: list[str]) -> None:
    ws.freeze_panes = plan.freeze
    for i, column in enumerate(plan.columns, 1):
        ws.column_dimensions[column_letter(i)].width = plan.width(column)
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
    rules.add_validation(ws, plan.name, plan.inputs, criteria, plan.extent)
    rules.add_rag_formats(ws, plan.name, plan.columns, plan.extent)
    if plan.name in rules.INPUT_SHEETS:
        rules.add_findings_highlight(ws, plan.name, len(plan.inputs), plan.extent)
    if plan.name == L.FINDINGS:
        rules.add_severity_formats(ws, plan.columns, plan.extent)


def _rows(plan: SheetPlan, styles: Styles) -> Iterator[tuple[int, list, list[int], list[int]]]:
    body, dates = styles.body(plan), styles.dates(plan)
    yield 1, list(plan.columns), styles.header(plan), dates
    percent = None
    if plan.name == L.SETTINGS:
        percent = list(body)
        percent[plan.columns.index(L.SET_VALUE)] = styles.ids["pct"]
    columns = [plan.frame[c].tolist() for c in plan.columns]
    for r, values in enumerate(zip(*columns, strict=True), start=2):
        yield r, values, (percent if percent and values[0] in PERCENT_SETTINGS else body), dates


def _dashboard_rows(hub: str, styles: Styles) -> Iterator[tuple[int, list, list[int], list[int]]]:
    title = f"{hub} – SMEP dashboard" if hub else "SMEP dashboard"
    yield 1, [title], [styles.ids["title"]], [0]


def _parts(
    skeleton: zipfile.ZipFile,
    paths: dict[str, str],
    plans: dict[str, SheetPlan],
    styles: Styles,
    hub: str,
    macro: bool,
) -> Iterator[tuple[str, Iterator[bytes]]]:
    sst = cells.SharedStrings()
    names = skeleton.namelist()
    content_types, workbook_rels = cells.add_shared_strings_part(
        skeleton.read("[Content_Types].xml"), skeleton.read("xl/_rels/workbook.xml.rels"), macro
    )
    yield "[Content_Types].xml", iter([content_types])
    for name in names:
        if name == "[Content_Types].xml":
            continue
        if name == "xl/_rels/workbook.xml.rels":
            yield name, iter([workbook_rels])
        elif name in paths:
            sheet = paths[name]
            plan = plans.get(sheet)
            rows = _rows(plan, styles) if plan else _dashboard_rows(hub, styles)
            width = len(plan.columns) if plan else 1
            last = f"{column_letter(width)}{(plan.rows if plan else 0) + 1}"
            yield name, cells.splice(skeleton.read(name), cells.rows_xml(rows, sst, width), f"A1:{last}")
        else:
            yield name, iter([skeleton.read(name)])
    yield cells.SST_PATH, sst.xml()


def _atomic_write(path: str, parts) -> None:
    replace_file(path, lambda out: cells.write_zip(out, parts))
