"""Apply an action's held writes to the package: one XML pass per changed sheet."""

from __future__ import annotations

import re
from datetime import date, datetime

import pandas as pd

from smep_xl import layout as L
from smep_xl.adapters.xlsx import sheets as xlsx_sheets
from smep_xl.adapters.xlsx import tables as xlsx_tables
from smep_xl.adapters.xlsx.cells import CellValues, StyleFor, patch_cells
from smep_xl.adapters.xlsx.numbering import numbered
from smep_xl.adapters.xlsx.output import output_sheet_xml, table_ref
from smep_xl.adapters.xlsx.structure import TableInfo, read_table_part, tables
from smep_xl.adapters.xlsx.styles import StyleBook
from smep_xl.errors import SmepError
from smep_xl.ooxml.cells import plain, plain_all
from smep_xl.ooxml.package import REL_CALC_CHAIN, remove_content_type, remove_relationships
from smep_xl.ooxml.refs import column_letter
from smep_xl.ooxml.sheet import sheet_data_span
from smep_xl.workbook import ColumnsWrite, DashboardWrite, InputsWrite, OutputWrite, Write

CALC_CHAIN = "xl/calcChain.xml"


class Writer:
    def __init__(self, book):
        self.book = book
        self.pkg = book.pkg
        self.styles = StyleBook(self.pkg)
        self.lost_formula = False
        self._xml: dict[str, bytes] = {}

    def xml(self, part: str) -> bytes:
        if part not in self._xml:
            self._xml[part] = self.pkg.read(part)
        return self._xml[part]

    def set_xml(self, part: str, data: bytes) -> None:
        self._xml[part] = data

    def style_for(self, column: str, value: object, existing: int | None) -> int | None:
        """A date keeps a date style it has, else gets ours; anything else keeps its style."""
        if isinstance(value, (date, datetime)):
            return (
                existing if existing is not None and self.styles.is_date(existing) else self.styles.xf("date")
            )
        return existing

    def apply(self, write: Write) -> None:
        match write:
            case ColumnsWrite(sheet, frame):
                self.columns(sheet, frame)
            case OutputWrite(sheet, frame, links):
                self.output(sheet, frame, dict(links))
            case DashboardWrite(dashboard):
                self.dashboard(dashboard)
            case InputsWrite(sheet, updates, new_rows):
                from smep_xl.adapters.xlsx.inputs import write_inputs

                write_inputs(self, sheet, updates, new_rows)

    # -- computed columns of a user table
    def columns(self, sheet: str, frame: pd.DataFrame) -> None:
        info = self.book.table_info(sheet)
        part = self.book.sheet_part(sheet)
        letters = [self._column_letter(sheet, info, part, name) for name in frame.columns]
        info = self.book.table_info(sheet)
        first, last = info.first_row + 1, info.last_data_row
        values: CellValues = {}
        for row, record in zip(frame.index, frame.to_numpy(dtype=object).tolist()):
            if first <= int(row) <= last:
                values[int(row)] = {c: plain(v) for c, v in zip(letters, record)}
        self.patch(part, values)

    def patch(self, part: str, values: CellValues, style_for: StyleFor | None = None) -> None:
        new, lost = patch_cells(self.xml(part), values, style_for or self.style_for, self.book.date1904)
        self.set_xml(part, new)
        self.lost_formula |= lost

    def _column_letter(self, sheet: str, info: TableInfo, part: str, name: str) -> str:
        if name in info.columns:
            return column_letter(info.first_col + info.columns.index(name))
        if not info.part:
            raise SmepError(
                f"Sheet '{sheet}' has no column '{name}'. Add the header '{name}' to the right of "
                "the table, or make the workbook again with smep new."
            )
        return self._add_table_column(sheet, info, part, name)

    def _add_table_column(self, sheet: str, info: TableInfo, part: str, name: str) -> str:
        """A computed column the workbook lacks goes at the right-hand end of its table."""
        col = column_letter(info.last_col + 1)
        if _column_in_use(self.xml(part), col):
            raise SmepError(
                f"Sheet '{sheet}' needs a '{name}' column, and column {col} to the right of its table "
                f"is in use. Add the header '{name}' to the table yourself, then run again."
            )
        header = self.styles.xf("computed_header")
        self.patch(part, {info.first_row: {col: name}}, lambda c, v, e: header)
        grown = info.grown(column=name)
        table_xml = xlsx_tables.add_column(self.xml(info.part), name)
        self.set_xml(info.part, xlsx_tables.set_ref(table_xml, grown.ref))
        self.book.set_table_info(sheet, grown)
        return col

    # -- a Python-owned table, rewritten whole
    def output(self, sheet: str, frame: pd.DataFrame, links: dict[int, str]) -> None:
        part = self.book.sheet_part(sheet)
        if part is None:
            part = xlsx_sheets.add_sheet(self.pkg, sheet).part
            self.book.add_sheet_info(sheet, part)
            self.set_xml(part, self._printable(sheet, part, [str(c) for c in frame.columns]))
        table_part = self._table_part(sheet, part)
        columns = tuple(str(c) for c in frame.columns)
        keep_header = False
        if table_part is None:
            table_part, sheet_xml = xlsx_sheets.add_table(
                self.pkg, part, self.xml(part), L.table_name(sheet), columns, table_ref(frame)
            )
            self.set_xml(part, sheet_xml)
        else:
            keep_header = read_table_part(self.pkg, table_part).columns == columns
        link_column = L.FND_CELL if sheet == L.FINDINGS else ""
        frame = _plain_cells(frame)
        self.set_xml(
            part,
            output_sheet_xml(
                self.xml(part), frame, links, link_column, self.styles, self.book.date1904, keep_header
            ),
        )
        if not keep_header:
            self.set_xml(table_part, xlsx_tables.with_columns(self.xml(table_part), columns))
        self.set_xml(table_part, xlsx_tables.set_ref(self.xml(table_part), table_ref(frame)))
        if sheet == L.FINDINGS:
            from smep_xl.adapters.xlsx.highlight import ensure_highlights

            ensure_highlights(self)

    def _printable(self, sheet: str, part: str, columns: list[str]) -> bytes:
        """A new output sheet sized, frozen and set up to print as `smep new` makes it."""
        from smep_xl.adapters.xlsx.print_setup import (
            OUTPUT_WIDTHS,
            OUTPUT_WRAPS,
            ensure_print_titles,
            with_print_setup,
        )

        widths, wraps = OUTPUT_WIDTHS.get(sheet, {}), OUTPUT_WRAPS.get(sheet, ())
        looks = {
            i: (widths[c], self.styles.xf("wrap" if c in wraps else "top"))
            for i, c in enumerate(columns, 1)
            if c in widths
        }
        ensure_print_titles(self.pkg, sheet)
        return with_print_setup(self.xml(part), looks)

    def _table_part(self, sheet: str, part: str) -> str | None:
        found = tables(self.pkg, part)
        wanted = L.table_name(sheet).lower()
        match = [t for t in found if t.name.lower() == wanted] or found
        return match[0].part if match else None

    # -- the dashboard
    def dashboard(self, dashboard) -> None:
        from smep_xl.adapters.xlsx.dashboard_parts import place_dashboard

        place_dashboard(self, dashboard)

    def finish(self) -> None:
        for part, data in self._xml.items():
            if not self.pkg.has(part) or data != self.pkg.read(part):
                self.pkg.write(part, data)
        self.styles.flush()
        if self.lost_formula:
            drop_calc_chain(self.pkg)


def _plain_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell made plain, column by column as objects (DataFrame.map would turn a column of
    whole numbers with a blank into floats, written as 5.0)."""
    return pd.DataFrame(
        {name: pd.Series(plain_all(frame[name].tolist()), dtype=object) for name in frame.columns},
        columns=frame.columns,
    ).set_axis(frame.index)


def _column_in_use(xml: bytes, col: str) -> bool:
    """Has any row a cell in this column (even an empty, formatted one)?"""
    span = sheet_data_span(xml)
    body = numbered(xml[span.body_start : span.body_end], span.prefix)
    p = re.escape(span.prefix)
    return re.search(rb"<" + p + rb'c r="' + col.encode() + rb'\d+"[^>]*>\s*<', body) is not None


def drop_calc_chain(pkg) -> None:
    """Excel rebuilds its calculation chain; a stale one that names a cleared formula it calls damage."""
    if not pkg.has(CALC_CHAIN):
        return
    pkg.remove(CALC_CHAIN)
    remove_relationships(pkg, "xl/workbook.xml", lambda rel: rel.type == REL_CALC_CHAIN)
    remove_content_type(pkg, CALC_CHAIN)
