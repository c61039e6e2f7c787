"""Edits of input cells that staff asked for (import-schools): updated cells and new rows.

New rows go below the table's last data row and above its totals row, if it has one: the
totals row moves down, its formulas' ranges grow to take in the new rows, and the table,
its filter and the validation and formats that ran to the last data row grow with it.
"""

from __future__ import annotations

import re

import pandas as pd

from smep_xl.adapters.xlsx import tables as xlsx_tables
from smep_xl.adapters.xlsx.cells import CellValues, place_row
from smep_xl.adapters.xlsx.numbering import numbered
from smep_xl.adapters.xlsx.structure import TableInfo
from smep_xl.errors import SmepError
from smep_xl.ooxml import xml as ox
from smep_xl.ooxml.cells import plain, plain_all
from smep_xl.ooxml.refs import column_letter, split_ref
from smep_xl.ooxml.sheet import Worksheet, sheet_data_span

_XM = "http://schemas.microsoft.com/office/excel/2006/main"
_RANGE = re.compile(r"(\$?[A-Z]{1,3}\$?)(\d+):(\$?[A-Z]{1,3}\$?)(\d+)")


def write_inputs(writer, sheet: str, updates: pd.DataFrame, new_rows: pd.DataFrame) -> None:
    info = writer.book.table_info(sheet)
    part = writer.book.sheet_part(sheet)
    letter = {name: column_letter(info.first_col + i) for i, name in enumerate(info.columns)}
    values: CellValues = {}
    for row, record in zip(updates.index, updates.to_numpy(dtype=object).tolist()):
        cells = {
            letter[c]: plain(v)
            for c, v in zip(updates.columns, record)
            if c in letter and plain(v) is not None
        }
        if cells:
            values[int(row)] = cells
    writer.patch(part, values)
    if len(new_rows):
        _append_rows(writer, sheet, info, part, letter, new_rows)


def _append_rows(writer, sheet: str, info: TableInfo, part: str, letter: dict[str, str], new_rows) -> None:
    sheet_xml = writer.xml(part)
    span = sheet_data_span(sheet_xml)
    body = numbered(sheet_xml[span.body_start : span.body_end], span.prefix)
    rows = _rows_by_number(body, span.prefix, lowest=info.last_data_row)
    if any(num > info.last_row and re.search(rb"<(?:[\w.-]+:)?(?:v|is)\b", row) for num, row in rows.items()):
        raise SmepError(
            f"Rows below the '{sheet}' table are in use, so it cannot grow. Move what is below "
            "the table (or delete empty formatted rows), then run again."
        )
    last_data, n = info.last_data_row, len(new_rows)
    styles = _row_styles(rows.get(last_data, b"")) if last_data > info.first_row else {}
    totals = [(num, rows[num]) for num in range(last_data + 1, info.last_row + 1) if num in rows]
    if totals:  # taken out now, put back n rows lower once the new rows are in
        sheet_xml = _without_rows(sheet_xml, [row for _, row in totals])
        writer.lost_formula = True  # formula cells move: Excel's calculation chain is stale
    # every column of the table gets a cell (blank where the new rows have no value for it)
    at = {c: j for j, c in enumerate(new_rows.columns) if c in letter}
    columns = list(letter.values())
    picks = [at.get(name) for name in letter]
    data = new_rows.to_numpy(dtype=object)
    blank = [None] * n
    plains = [blank if j is None else plain_all(data[:, j].tolist()) for j in picks]
    values: CellValues = {
        last_data + 1 + i: dict(zip(columns, cells, strict=True)) for i, cells in enumerate(zip(*plains))
    }
    writer.set_xml(part, sheet_xml)
    writer.patch(part, values, lambda c, v, e: writer.style_for(c, v, e if e is not None else styles.get(c)))
    sheet_xml = writer.xml(part)
    for num, row in totals:
        sheet_xml = place_row(sheet_xml, num + n, _moved_row(row, num, n, last_data, span.prefix))
    grown = info.grown(rows=n)
    if info.part:  # a plain range (no Excel table) simply gains rows
        writer.set_xml(info.part, xlsx_tables.set_ref(writer.xml(info.part), grown.ref))
    writer.set_xml(part, _extend_sqrefs(sheet_xml, info, last_data + n))
    writer.book.set_table_info(sheet, grown)


def _rows_by_number(body: bytes, prefix: bytes, lowest: int) -> dict[int, bytes]:
    """The rows numbered `lowest` or more. Only their starts are found in the rows above (a long
    History has hundreds of thousands of cells there); each row wanted is then matched whole."""
    p = re.escape(prefix)
    start = re.compile(rb"<" + p + rb'row\b[^>]*?\sr="(\d+)"')
    whole = re.compile(rb"<" + p + rb'row\b[^>]*?\sr="(\d+)"[^>]*?(?:/>|>.*?</' + p + rb"row>)", re.S)
    out: dict[int, bytes] = {}
    pos = 0
    while (found := start.search(body, pos)) is not None:
        if int(found.group(1)) < lowest:
            pos = found.end()
            continue
        row = whole.match(body, found.start())
        if row is None:
            pos = found.end()
            continue
        out[int(row.group(1))] = row.group()
        pos = row.end()
    return out


def _without_rows(sheet_xml: bytes, rows: list[bytes]) -> bytes:
    span = sheet_data_span(sheet_xml)
    body = numbered(sheet_xml[span.body_start : span.body_end], span.prefix)
    for row in rows:
        body = body.replace(row, b"", 1)
    return sheet_xml[: span.body_start] + body + sheet_xml[span.body_end :]


def _row_styles(row: bytes) -> dict[str, int]:
    return {
        c.decode(): int(s) for c, s in re.findall(rb'<(?:[\w.-]+:)?c r="([A-Z]+)\d+"[^>]*?\bs="(\d+)"', row)
    }


def _moved_row(row: bytes, old: int, n: int, last_data: int, prefix: bytes) -> bytes:
    """A totals row n rows lower: its number, its cells' references, and its formulas' data
    ranges (those that ended at the last data row now end n rows lower)."""
    p = re.escape(prefix)
    row = re.sub(
        rb"(<" + p + rb'row\b[^>]*?\sr=")\d+', lambda m: m.group(1) + b"%d" % (old + n), row, count=1
    )
    row = re.sub(
        rb"(<" + p + rb'c r="[A-Z]{1,3})' + b"%d" % old + rb'"',
        lambda m: m.group(1) + b'%d"' % (old + n),
        row,
    )

    def grow(m: re.Match) -> str:
        end = int(m.group(4))
        return f"{m.group(1)}{m.group(2)}:{m.group(3)}{end + n}" if end == last_data else m.group()

    def formula(m: re.Match) -> bytes:
        text = m.group(2).decode()
        return m.group(1) + _RANGE.sub(grow, text).encode() + m.group(3)

    return re.sub(rb"(<" + p + rb"f\b[^>]*>)(.*?)(</" + p + rb"f>)", formula, row, flags=re.S)


def _extend_sqrefs(sheet_xml: bytes, info: TableInfo, new_last: int) -> bytes:
    """Validation and formatting that ran to the table's old last data row now run to its new one."""
    sheet = Worksheet(sheet_xml)
    changed = False
    for el in sheet.root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("sqref") is not None:
            grown = _grow_sqref(el.get("sqref", ""), info, new_last)
            changed |= grown != el.get("sqref")
            el.set("sqref", grown)
        elif el.tag == ox.q(_XM, "sqref") and el.text:  # Excel 2010's extensions keep theirs as text
            grown = _grow_sqref(el.text, info, new_last)
            changed |= grown != el.text
            el.text = grown
    return sheet.to_bytes() if changed else sheet_xml


def _grow_sqref(sqref: str, info: TableInfo, new_last: int) -> str:
    pieces = []
    for piece in sqref.split():
        try:
            c1, r1, c2, r2 = split_ref(piece)
        except ValueError:
            pieces.append(piece)
            continue
        if r2 == info.last_data_row and r1 > info.first_row and r2 < new_last:
            piece = f"{column_letter(c1)}{r1}:{column_letter(c2)}{new_last}"
        pieces.append(piece)
    return " ".join(pieces)
