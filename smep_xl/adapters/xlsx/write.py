"""Apply an action's held writes to the package: one XML pass per changed sheet."""

from __future__ import annotations

import math
import re
from datetime import date, datetime

import numpy as np
import pandas as pd

from smep_xl import layout as L
from smep_xl.adapters.xlsx import sheets as xlsx_sheets
from smep_xl.adapters.xlsx.cells import escape, patch_cells
from smep_xl.adapters.xlsx.output import output_sheet_xml, table_ref
from smep_xl.adapters.xlsx.structure import TableInfo, read_table_part, set_table_ref, split_ref, tables
from smep_xl.adapters.xlsx.styles import StyleBook
from smep_xl.errors import SmepError
from smep_xl.ooxml.package import REL_CALC_CHAIN
from smep_xl.ooxml.refs import column_letter
from smep_xl.workbook import ColumnsWrite, DashboardWrite, InputsWrite, OutputWrite, Write

_SQREF = re.compile(rb'(\ssqref=")([^"]*)(")')
_ROW_NUMS = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"')


def plain(value: object) -> object:
    """A value as the workbook should hold it (NaN -> blank, numpy -> Python)."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


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
                self.inputs(sheet, updates, new_rows)

    # -- computed columns of a user table
    def columns(self, sheet: str, frame: pd.DataFrame) -> None:
        info = self.book.table_info(sheet)
        part = self.book.sheet_part(sheet)
        letters = [self._column_letter(sheet, info, part, name) for name in frame.columns]
        info = self.book.table_info(sheet)
        first, last = info.first_row + 1, info.last_row
        values: dict[int, dict[str, object]] = {}
        for row, record in zip(frame.index, frame.to_numpy(dtype=object).tolist()):
            if first <= int(row) <= last:
                values[int(row)] = {c: plain(v) for c, v in zip(letters, record)}
        self._patch(part, values)

    def _patch(self, part: str, values: dict[int, dict[str, object]]) -> None:
        new, lost = patch_cells(self.xml(part), values, self.style_for, self.book.date1904)
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
        if re.search(rb'<(?:\w+:)?c r="' + col.encode() + rb'\d+"[^>]*>\s*<', self.xml(part)):
            raise SmepError(
                f"Sheet '{sheet}' needs a '{name}' column, and column {col} to the right of its table "
                f"is in use. Add the header '{name}' to the table yourself, then run again."
            )
        header = self.styles.xf("computed_header")
        self._patch(part, {info.first_row: {col: name}})
        self.set_xml(part, _recell_style(self.xml(part), f"{col}{info.first_row}", header))
        table_xml = self.xml(info.part)
        ids = [int(x) for x in re.findall(rb'<(?:\w+:)?tableColumn\b[^>]*?\sid="(\d+)"', table_xml)] or [0]
        tag = f'<tableColumn id="{max(ids) + 1}" name="{name}"/>'.encode()
        table_xml = re.sub(rb"</((?:\w+:)?)tableColumns>", lambda m: tag + m.group(0), table_xml, count=1)
        table_xml = re.sub(
            rb'(<(?:\w+:)?tableColumns\b[^>]*?count=")\d+',
            lambda m: m.group(1) + str(len(info.columns) + 1).encode(),
            table_xml,
            count=1,
        )
        new_ref = f"{column_letter(info.first_col)}{info.first_row}:{col}{info.last_row}"
        self.set_xml(info.part, set_table_ref(table_xml, new_ref))
        self.book._infos[sheet] = TableInfo(
            info.name,
            info.part,
            info.first_col,
            info.first_row,
            info.last_col + 1,
            info.last_row,
            info.columns + (name,),
        )
        return col

    # -- a Python-owned table, rewritten whole
    def output(self, sheet: str, frame: pd.DataFrame, links: dict[int, str]) -> None:
        part = self.book.sheet_part(sheet)
        if part is None:
            part = xlsx_sheets.add_sheet(self.pkg, sheet).part
            self.book.add_sheet_info(sheet, part)
        table_part = self._table_part(sheet, part)
        columns = tuple(str(c) for c in frame.columns)
        keep_header = False
        if table_part is None:
            table_part = xlsx_sheets.add_table(self.pkg, part, L.table_name(sheet), columns, table_ref(frame))
        else:
            keep_header = read_table_part(self.pkg, table_part).columns == columns
        link_column = L.FND_CELL if sheet == L.FINDINGS else ""
        frame = frame.map(plain) if len(frame) else frame
        self.set_xml(
            part,
            output_sheet_xml(
                self.xml(part), frame, links, link_column, self.styles, self.book.date1904, keep_header
            ),
        )
        if not keep_header:
            self.set_xml(table_part, _table_columns(self.xml(table_part), columns))
        self.set_xml(table_part, set_table_ref(self.xml(table_part), table_ref(frame)))
        if sheet == L.FINDINGS:
            from smep_xl.adapters.xlsx.highlight import ensure_highlights

            ensure_highlights(self)

    def _table_part(self, sheet: str, part: str) -> str | None:
        found = tables(self.pkg, part)
        wanted = L.table_name(sheet).lower()
        match = [t for t in found if t.name.lower() == wanted] or found
        return match[0].part if match else None

    # -- the dashboard
    def dashboard(self, dashboard) -> None:
        from smep_xl.adapters.xlsx.dashboard_parts import place_dashboard

        place_dashboard(self, dashboard)

    # -- user-requested input edits (imports)
    def inputs(self, sheet: str, updates: pd.DataFrame, new_rows: pd.DataFrame) -> None:
        info = self.book.table_info(sheet)
        part = self.book.sheet_part(sheet)
        letter = {name: column_letter(info.first_col + i) for i, name in enumerate(info.columns)}
        values: dict[int, dict[str, object]] = {}
        for row, record in zip(updates.index, updates.to_numpy(dtype=object).tolist()):
            cells = {
                letter[c]: plain(v)
                for c, v in zip(updates.columns, record)
                if c in letter and plain(v) is not None
            }
            if cells:
                values[int(row)] = cells
        self._patch(part, values)
        if len(new_rows):
            self._append_rows(sheet, info, part, letter, new_rows)

    def _append_rows(
        self, sheet: str, info: TableInfo, part: str, letter: dict[str, str], new_rows: pd.DataFrame
    ) -> None:
        xml = self.xml(part)
        below = [int(r) for r in _ROW_NUMS.findall(xml) if int(r) > info.last_row]
        if below and _row_has_cells(xml, below, info):
            raise SmepError(
                f"Rows below the '{sheet}' table are in use, so it cannot grow. Move what is below "
                "the table (or delete empty formatted rows), then run again."
            )
        styles = _row_styles(xml, info.last_row) if info.last_row > info.first_row else {}
        start = info.last_row + 1
        values = {}
        for i, record in enumerate(new_rows.to_numpy(dtype=object).tolist()):
            values[start + i] = {letter[c]: plain(v) for c, v in zip(new_rows.columns, record) if c in letter}
            for col in letter.values():
                values[start + i].setdefault(col, None)
        keep = self.style_for
        self.style_for = lambda c, v, e: keep(c, v, e if e is not None else styles.get(c))
        try:
            self._patch(part, values)
        finally:
            self.style_for = keep
        new_last = start + len(new_rows) - 1
        ref = f"{column_letter(info.first_col)}{info.first_row}:{column_letter(info.last_col)}{new_last}"
        if info.part:  # a plain range (no Excel table) simply gains rows
            self.set_xml(info.part, set_table_ref(self.xml(info.part), ref))
        self.set_xml(part, _extend_sqrefs(self.xml(part), info, new_last))
        self.book._infos[sheet] = TableInfo(
            info.name, info.part, info.first_col, info.first_row, info.last_col, new_last, info.columns
        )

    def finish(self) -> None:
        for part, data in self._xml.items():
            if data != self.pkg.read(part):
                self.pkg.write(part, data)
        self.styles.flush()
        if self.lost_formula:
            _drop_calc_chain(self.pkg)


def _recell_style(xml: bytes, ref: str, style: int) -> bytes:
    pattern = re.compile(rb'<((?:\w+:)?)c r="' + ref.encode() + rb'"(?:\s+s="\d+")?')
    return pattern.sub(
        lambda m: b"<" + m.group(1) + b'c r="' + ref.encode() + b'" s="' + str(style).encode() + b'"',
        xml,
        count=1,
    )


def _table_columns(xml: bytes, columns: tuple[str, ...]) -> bytes:
    cols = "".join(f'<tableColumn id="{i}" name="{escape(c)}"/>' for i, c in enumerate(columns, 1))
    new = f'<tableColumns count="{len(columns)}">{cols}</tableColumns>'.encode()
    return re.sub(
        rb"<(?:\w+:)?tableColumns\b.*?</(?:\w+:)?tableColumns>", lambda _: new, xml, count=1, flags=re.S
    )


def _row_styles(xml: bytes, row: int) -> dict[str, int]:
    m = re.search(
        rb'<(?:\w+:)?row\b[^>]*?\br="' + str(row).encode() + rb'"[^>]*?(?:/>|>.*?</(?:\w+:)?row>)', xml, re.S
    )
    if not m:
        return {}
    return {
        c.decode(): int(s) for c, s in re.findall(rb'<(?:\w+:)?c r="([A-Z]+)\d+"[^>]*?\bs="(\d+)"', m.group())
    }


def _row_has_cells(xml: bytes, rows: list[int], info: TableInfo) -> bool:
    for row in rows:
        m = re.search(
            rb'<(?:\w+:)?row\b[^>]*?\br="' + str(row).encode() + rb'"[^>]*?(?:/>|>(.*?)</(?:\w+:)?row>)',
            xml,
            re.S,
        )
        if m and m.group(1) and re.search(rb"<(?:\w+:)?(?:v|is)\b", m.group(1)):
            return True
    return False


def _extend_sqrefs(xml: bytes, info: TableInfo, new_last: int) -> bytes:
    """Validation and formatting that ran to the table's old last row now run to its new one."""

    def grow(m):
        pieces = []
        for piece in m.group(2).decode().split():
            try:
                c1, r1, c2, r2 = split_ref(piece)
            except ValueError:
                pieces.append(piece)
                continue
            if r2 == info.last_row and r1 > info.first_row and r2 < new_last:
                piece = f"{column_letter(c1)}{r1}:{column_letter(c2)}{new_last}"
            pieces.append(piece)
        return m.group(1) + " ".join(pieces).encode() + m.group(3)

    return _SQREF.sub(grow, xml)


def _drop_calc_chain(pkg) -> None:
    """Excel rebuilds its calculation chain; a stale one that names a cleared formula it calls damage."""
    if not pkg.has("xl/calcChain.xml"):
        return
    pkg.remove("xl/calcChain.xml")
    rels = "xl/_rels/workbook.xml.rels"
    pkg.write(
        rels,
        re.sub(rb'<Relationship\b[^>]*Type="' + REL_CALC_CHAIN.encode() + rb'"[^>]*/>', b"", pkg.read(rels)),
    )
    ct = "[Content_Types].xml"
    pkg.write(ct, re.sub(rb'<Override\b[^>]*PartName="/xl/calcChain.xml"[^>]*/>', b"", pkg.read(ct)))
