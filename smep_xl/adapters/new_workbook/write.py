"""Write a new master workbook (.xlsx or .xlsm) from its input tables.

Every sheet of the contract in order, each table an Excel table named like its sheet,
headers on row 1 (computed columns in a style of their own), frozen headers, drop-downs fed
from Lists, RAG colours and findings highlights. openpyxl (write-only) lays out the frame
(frame.py); the rows are streamed into it (cells.py) and the zip written by ooxml's
ZipWriter to a temporary file beside the target, then moved into place, so a failed write
leaves nothing half-written.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, BinaryIO

import pandas as pd

from smep_xl import layout as L
from smep_xl.adapters.new_workbook import cells, rules
from smep_xl.adapters.new_workbook.plan import PERCENT_SETTINGS, SheetPlan, plan_for
from smep_xl.adapters.new_workbook.rules import findings_highlight_formulas
from smep_xl.domain.text_fit import row_points
from smep_xl.ooxml import custom_props, order, package, shared_strings
from smep_xl.ooxml.atomic import replace_file
from smep_xl.ooxml.cells import SharedStrings, plain
from smep_xl.ooxml.parts import Parts, serialise_like
from smep_xl.ooxml.refs import column_letter
from smep_xl.ooxml.zip import FIXED_TIME, ZipWriter

if TYPE_CHECKING:
    from smep_xl.adapters.new_workbook.frame import Styles

__all__ = ["write_new_workbook", "findings_highlight_formulas"]

SHEET_LEVEL = 1  # zlib's default (6) is 3x slower on a national visit log, for 10% less
CT_XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
STYLES = "xl/styles.xml"


def write_new_workbook(path: str, frames: dict[str, pd.DataFrame], *, date1904: bool = False) -> None:
    """Write every sheet of the contract, filled from frames (input tables keyed by sheet).

    Dates are stored in the 1900 date system as Excel's own new workbooks are, or the 1904 one."""
    from smep_xl.adapters.new_workbook.frame import frame  # openpyxl: loaded only to build

    plans, hub = _plans(frames), _hub_name(frames)
    skeleton, styles, sheets = frame(plans, hub, date1904)
    with Parts.from_bytes(skeleton) as parts:
        _finish_frame(parts, str(path).lower().endswith(".xlsm"))
        replace_file(path, lambda out: _write(out, parts, sheets, plans, styles, hub, date1904))


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
    names = [str(v).strip() for v in frame[L.CRI_NAME] if plain(v) is not None]
    return list(dict.fromkeys(n for n in names if n))


def _hub_name(frames: dict[str, pd.DataFrame]) -> str:
    settings = frames.get(L.SETTINGS)
    if settings is not None and L.SET_NAME in settings.columns:
        for name, value in zip(settings[L.SET_NAME], settings[L.SET_VALUE], strict=False):
            if name == L.S_HUB_NAME and plain(value) is not None:
                return str(value)
    return ""


def _rows(plan: SheetPlan, styles: Styles) -> Iterator[tuple]:
    body, dates = styles.body(plan), styles.dates(plan)
    yield 1, list(plan.columns), styles.header(plan), dates, row_points(plan.columns, plan.header_widths())
    percent = None
    if plan.name == L.SETTINGS:
        percent = list(body)
        percent[plan.columns.index(L.SET_VALUE)] = styles.ids["pct"]
    columns = [plan.frame[c].tolist() for c in plan.columns]
    wrapped = [(i, plan.width(c)) for i, c in enumerate(plan.columns) if plan.wraps(c)]
    for r, values in enumerate(zip(*columns, strict=True), start=2):
        styled = percent if percent and values[0] in PERCENT_SETTINGS else body
        yield r, values, styled, dates, row_points([values[i] for i, _ in wrapped], [w for _, w in wrapped])


def _dashboard_rows(hub: str, styles: Styles) -> Iterator[tuple[int, list, list[int], list[int]]]:
    title = f"{hub} – SMEP dashboard" if hub else "SMEP dashboard"
    yield 1, [title], [styles.ids["title"]], [0]


def _finish_frame(parts: Parts, macro: bool) -> None:
    """The frame openpyxl wrote, made whole: the shared strings part registered, fonts in the
    order the schema gives (openpyxl puts color before sz), an .xlsm's main part macro-enabled,
    and the contract version it is made to recorded (docProps/custom.xml)."""
    book_rels = package.relationships(parts, "xl/workbook.xml")
    if not any(rel.type == package.REL_SHARED_STRINGS for rel in book_rels):
        package.add_relationship(parts, "xl/workbook.xml", package.REL_SHARED_STRINGS, "sharedStrings.xml")
    package.set_content_type(parts, shared_strings.PART, shared_strings.CONTENT_TYPE)
    if macro:
        package.set_content_type(parts, "xl/workbook.xml", CT_XLSM_MAIN)
    custom_props.set_property(parts, L.CONTRACT_PROPERTY, L.CONTRACT_VERSION)
    original = parts.read(STYLES)
    styles = parts.parse(STYLES)
    if order.order_fonts(styles):
        parts.write(STYLES, serialise_like(styles, original))


def _write(
    out: BinaryIO,
    parts: Parts,
    sheets: dict[str, str],
    plans: dict[str, SheetPlan],
    styles: Styles,
    hub: str,
    date1904: bool,
) -> None:
    """[Content_Types].xml first, then the parts in openpyxl's order with the rows streamed into
    each sheet, then the shared strings the rows gathered. Every part is stamped alike."""
    writer = ZipWriter(out)
    strings = SharedStrings()
    first = package.CONTENT_TYPES_PART
    for name in [first] + [n for n in parts.names() if n != first]:
        sheet = sheets.get(name)
        if sheet is None:
            writer.add(parts.part(name, date_time=FIXED_TIME))
            continue
        plan = plans.get(sheet)
        rows = _rows(plan, styles) if plan else _dashboard_rows(hub, styles)
        width = len(plan.columns) if plan else 1
        last = f"{column_letter(width)}{(plan.rows if plan else 0) + 1}"
        head, tail = cells.sheet_frame(parts.read(name), f"A1:{last}")
        body = cells.rows_xml(rows, strings, width, date1904)
        writer.write_stream(name, _chain(head, body, tail), SHEET_LEVEL)
    writer.write_stream(shared_strings.PART, shared_strings.shared_strings_xml(strings), SHEET_LEVEL)
    writer.close()


def _chain(head: bytes, body: Iterator[bytes], tail: bytes) -> Iterator[bytes]:
    yield head
    yield from body
    yield tail
