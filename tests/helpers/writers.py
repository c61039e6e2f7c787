"""The same workbook as other writers write it: each variant is legal SpreadsheetML that Excel
opens, so smep must read and write it as it would its own.

- with_prefix: every SpreadsheetML part with an x: prefix (x:worksheet, x:row, x:c), as .NET
  writers (the Open XML SDK) write them;
- without_cell_refs: cells without r (each follows the one before), rows without r, and cells
  whose r is not their first attribute;
- dated_1904: the 1904 date system (workbookPr date1904="1"), as Excel for Mac wrote it;
- with_totals_row: an Excel table with a totals row of SUBTOTAL formulas (openpyxl).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_ELEMENT = re.compile(rb"<(/?)([A-Za-z_][\w.-]*)(?=[\s/>])")


def rewrite(src: Path, dst: Path, change) -> Path:
    """Copy a package, passing each part through change(name, data) -> data."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, change(info.filename, zin.read(info.filename)))
    return dst


def with_prefix(src: Path, dst: Path) -> Path:
    def change(name: str, data: bytes) -> bytes:
        if b'xmlns="' + MAIN + b'"' not in data[:1000]:
            return data
        data = data.replace(b'xmlns="' + MAIN + b'"', b'xmlns:x="' + MAIN + b'"', 1)
        return _ELEMENT.sub(lambda m: b"<" + m.group(1) + b"x:" + m.group(2), data)

    return rewrite(src, dst, change)


def without_cell_refs(src: Path, dst: Path, sheet_parts: set[str]) -> Path:
    """In the given sheets, the same cells written three other legal ways: in odd rows a cell
    that follows the one before it loses its r; in even rows r comes after s; every third
    row loses its own r (it follows the row before)."""

    def drop_follower_refs(body: bytes) -> bytes:
        out, last = [], 0
        for piece in re.split(rb"(<c\s[^>]*>)", body):
            m = re.match(rb'<c\s+r="([A-Z]+)\d+"', piece)
            if m:
                col = _column(m.group(1))
                if col == last + 1:
                    piece = re.sub(rb'\s+r="[A-Z]+\d+"', b"", piece, count=1)
                last = col
            out.append(piece)
        return b"".join(out)

    def row(m: re.Match) -> bytes:
        num = int(m.group(2))
        head, body = m.group(1), m.group(3)
        if num % 2:
            body = drop_follower_refs(body)
        else:
            body = re.sub(rb'<c r="([A-Z]+\d+)"((?:\s+[\w:]+="[^"]*")*)', rb'<c\2 r="\1"', body)
        if num % 3 == 0 and num > 1:
            head = re.sub(rb'\sr="\d+"', b"", head)
        return head + body + b"</row>"

    def change(name: str, data: bytes) -> bytes:
        if name not in sheet_parts:
            return data
        return re.sub(rb'(<row\b[^>]*?\sr="(\d+)"[^>]*>)(.*?)</row>', row, data, flags=re.S)

    return rewrite(src, dst, change)


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters.decode():
        n = n * 26 + ord(ch) - 64
    return n


def dated_1904(src: Path, dst: Path) -> Path:
    def change(name: str, data: bytes) -> bytes:
        if name != "xl/workbook.xml":
            return data
        if b"<workbookPr/>" in data:
            return data.replace(b"<workbookPr/>", b'<workbookPr date1904="1"/>')
        return re.sub(rb"<workbookPr\b", b'<workbookPr date1904="1"', data, count=1)

    return rewrite(src, dst, change)


def with_totals_row(path: Path, sheet: str, label_column: str, sum_column: str) -> tuple[int, str]:
    """Give the sheet's table a totals row below its data: a label and =SUBTOTAL(109,range).
    Returns the totals row's number and its formula, as written."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    table = next(iter(ws.tables.values()))
    first, last = table.ref.split(":")
    last_row = int(re.search(r"\d+", last).group())
    header = [c.value for c in ws[1]]
    label = get_column_letter(header.index(label_column) + 1)
    total = get_column_letter(header.index(sum_column) + 1)
    totals = last_row + 1
    ws[f"{label}{totals}"] = "Total"
    formula = f"SUBTOTAL(109,{total}2:{total}{last_row})"
    ws[f"{total}{totals}"] = "=" + formula
    last_col = re.match(r"[A-Z]+", last).group()
    table.ref = f"{first}:{last_col}{totals}"
    table.totalsRowCount = 1
    table.autoFilter.ref = f"{first}:{last_col}{last_row}"
    for column in table.tableColumns:
        if column.name == label_column:
            column.totalsRowLabel = "Total"
        elif column.name == sum_column:
            column.totalsRowFunction = "sum"
    wb.save(path)
    return totals, formula
