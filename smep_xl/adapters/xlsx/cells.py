"""Rewrite chosen cells inside a worksheet's rows, leaving every other byte as it was.

A cell keeps its style (s="..."); Python's values go in through the shared cell writer
(smep_xl.ooxml.cells) as numbers, booleans, dates or inline text, never formulas. Speed
matters (100,000-row sheets): rows are found with plain byte searches and only a row that
needs a cell in its middle is taken apart cell by cell. Rows and cells carry the sheet's
own prefix (x:row, x:c as .NET writers write them). A sheet whose rows or cells lack their
r attribute (legal: each then follows the one before) is numbered first, as Excel would
read it, so a patched cell can never end up beside a second copy of itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from smep_xl.adapters.xlsx.numbering import numbered
from smep_xl.ooxml.cells import Plain, cell_bytes, cell_tail
from smep_xl.ooxml.refs import column_index
from smep_xl.ooxml.sheet import sheet_data_span

_CELL_REF = re.compile(rb'\sr="([A-Z]{1,3})\d+"')
_SPANS = re.compile(rb'\sspans="[^"]*"')

CellValues = dict[int, dict[str, Plain]]  # row -> column letter -> plain value (None clears)
StyleFor = Callable[[str, object, int | None], int | None]  # column, value, existing style -> style


def patch_cells(
    xml: bytes, values: CellValues, style_for: StyleFor, date1904: bool = False
) -> tuple[bytes, bool]:
    """Set the given cells; returns the new XML and whether a formula cell was overwritten."""
    span = sheet_data_span(xml)
    body = numbered(xml[span.body_start : span.body_end], span.prefix)
    patcher = _Patcher(span.prefix, style_for, date1904)
    body = patcher.rows(body, sorted(values.items()))
    p = span.prefix
    parts = (xml[: span.start], b"<" + p + b"sheetData>", body, b"</" + p + b"sheetData>", xml[span.end :])
    return b"".join(parts), patcher.lost


def place_row(xml: bytes, num: int, row_xml: bytes) -> bytes:
    """Put a whole row (already numbered num, in the sheet's prefix) among the rows."""
    span = sheet_data_span(xml)
    body = xml[span.body_start : span.body_end]
    open_row = b"<" + span.prefix + b"row"
    at = len(body)
    for m in re.finditer(re.escape(open_row) + rb'\b[^>]*?\sr="(\d+)"', body):
        if int(m.group(1)) > num:
            at = m.start()
            break
    body = body[:at] + row_xml + body[at:]
    p = span.prefix
    return xml[: span.start] + b"<" + p + b"sheetData>" + body + b"</" + p + b"sheetData>" + xml[span.end :]


class _Patcher:
    def __init__(self, prefix: bytes, style_for: StyleFor, date1904: bool):
        self.p = prefix
        self.style_for = style_for
        self.date1904 = date1904
        self.lost = False
        self.open_c, self.close_c = b"<" + prefix + b'c r="', b"</" + prefix + b"c>"
        self.close_row = b"</" + prefix + b"row>"
        p = re.escape(prefix)
        self.formulas = (b"<" + prefix + b"f>", b"<" + prefix + b"f ")
        self.tail_cells = re.compile(rb"<" + p + rb'c r="([A-Z]{1,3})\d+"(?:[^>]*?\ss="(\d+)")?')
        self.orders: dict[tuple[str, ...], tuple[list[str], list[bytes], int]] = {}
        self.templates: dict[tuple, bytes] = {}  # a row's new cells, with %d for its number
        self.columns: dict[bytes, int] = {}  # column letters as written (b"AB") -> column number
        self.shapes: dict[tuple[str, ...], bytes] = {}  # a new row's cells, as a %-template
        self.tails: dict[tuple, bytes] = {}  # (column, value, type) -> a new cell after its r

    def order(self, cells: dict[str, Plain]) -> tuple[list[str], list[bytes], int]:
        """The patched columns left to right, as text and as bytes, and the first one's number
        (the same for every row, so worked out once)."""
        key = tuple(cells)
        if key not in self.orders:
            ordered = sorted(key, key=column_index)
            self.orders[key] = ordered, [c.encode() for c in ordered], column_index(ordered[0])
        return self.orders[key]

    def cell(self, col: str, num: int, value: Plain, existing: int | None) -> bytes:
        xml = cell_bytes(
            b"%s%d" % (col.encode(), num), value, self.style_for(col, value, existing), self.date1904
        )
        return xml if not self.p else prefixed(xml, self.p)

    def rows(self, body: bytes, pending: list) -> bytes:
        """Row by row: rows nothing is written to are copied as they are."""
        out: list[bytes] = []
        pos = scan = nxt = last_num = 0  # pos: copied up to; scan: searched up to
        open_row, close_row = b"<" + self.p + b"row", b"</" + self.p + b"row>"
        while nxt < len(pending):
            begin = body.find(open_row, scan)
            if begin < 0:
                break
            gt = body.index(b">", begin)
            end = gt + 1 if body[gt - 1 : gt] == b"/" else body.index(close_row, gt) + len(close_row)
            head = body[begin:gt]
            r_at = head.find(b' r="')
            num = int(head[r_at + 4 : head.index(b'"', r_at + 4)]) if r_at >= 0 else last_num + 1
            last_num, scan = num, end
            if pending[nxt][0] > num:
                continue
            out.append(body[pos:begin])
            pos = end
            while nxt < len(pending) and pending[nxt][0] < num:
                out.append(self.new_row(*pending[nxt]))
                nxt += 1
            row_xml = body[begin:end]
            if nxt < len(pending) and pending[nxt][0] == num:
                row_xml = self.patch_row(row_xml, num, pending[nxt][1])
                nxt += 1
            out.append(row_xml)
        out.append(body[pos:])
        out += [self.new_row(num, cells) for num, cells in pending[nxt:]]
        return b"".join(out)

    def new_row(self, num: int, cells: dict[str, Plain]) -> bytes:
        """A row of new cells, as a %-template of the row's number and its cells' tails (a new
        History snapshot is 22,000 of these: the work per cell is one cached lookup)."""
        ordered, _, _ = self.order(cells)
        key = tuple(ordered)
        shape = self.shapes.get(key)
        if shape is None:
            heads = [b'<%sc r="%s%%d"' % (self.p, col.encode()) for col in ordered]
            shape = self.shapes[key] = b'<%srow r="%%d">%s</%srow>' % (
                self.p,
                b"%s".join(heads) + b"%s",
                self.p,
            )
        args: list = [num]
        tails = self.tails
        for col in ordered:
            value = cells[col]
            try:
                found = tails.get((col, value, type(value)))
            except TypeError:  # unhashable
                found = None
            args += (num, found if found is not None else self.tail(col, value))
        return shape % tuple(args)

    def tail(self, col: str, value: Plain) -> bytes:
        """A new cell after its reference: style, type and value (the sheet's prefix given)."""
        key = (col, value, type(value))
        try:
            found = self.tails.get(key)
            keep = True
        except TypeError:  # unhashable: made every time
            found, keep = None, False
        if found is None:
            found = cell_tail(value, self.style_for(col, value, None), self.date1904)
            found = prefixed(found, self.p) if self.p else found
            if keep:
                if len(self.tails) > 100_000:
                    self.tails.clear()
                self.tails[key] = found
        return found

    def patch_row(self, row_xml: bytes, num: int, cells: dict[str, Plain]) -> bytes:
        ordered, ordered_b, first = self.order(cells)
        at = row_xml.find(self.open_c + ordered_b[0] + b'%d"' % num)
        if at >= 0:  # the usual case: the patched cells are the row's last cells, in order
            found = self.tail_cells.findall(row_xml, at)
            if [c for c, _ in found] == ordered_b:
                self.lost = self.lost or self.is_formula(row_xml[at:])
                made = self.template(ordered, found, cells) % ((num,) * len(ordered))
                return row_xml[:at] + made + self.close_row
        elif self.appendable(row_xml, first):  # a first run: the new cells go after the last one
            unstyled = [(c, b"") for c in ordered_b]
            made = self.template(ordered, unstyled, cells) % ((num,) * len(ordered))
            return row_xml[: -len(self.close_row)] + made + self.close_row
        return self.patch_row_slowly(row_xml, num, cells)

    def appendable(self, row_xml: bytes, first: int) -> bool:
        """A row (not self-closing, without spans: a hint only, stale once cells are added, which
        the slow way drops) whose cells all lie left of the first new one."""
        return (
            row_xml.endswith(self.close_row)
            and b"spans=" not in row_xml  # anywhere: a cell's text holding it only means the slow way
            and self.last_column(row_xml) < first
        )

    def last_column(self, row_xml: bytes) -> int:
        """The column number of a row's last cell (0 for a row with none)."""
        start = row_xml.rfind(self.open_c) + len(self.open_c)
        if start < len(self.open_c):
            return 0
        letters = row_xml[start : row_xml.index(b'"', start)].rstrip(b"0123456789")
        known = self.columns.get(letters)
        if known is None:
            known = self.columns[letters] = column_index(letters.decode())
        return known

    def patch_row_slowly(self, row_xml: bytes, num: int, cells: dict[str, Plain]) -> bytes:
        open_end = row_xml.index(b">")
        self_closing = row_xml[open_end - 1 : open_end] == b"/"
        open_tag = row_xml[: open_end - 1] + b">" if self_closing else row_xml[: open_end + 1]
        if b"spans=" in open_tag:
            open_tag = _SPANS.sub(b"", open_tag)  # a hint only; stale once cells move
        inner = b"" if self_closing else row_xml[open_end + 1 : row_xml.rindex(b"</")]
        close = b"</" + self.p + b"row>"
        fast = self.in_place(inner, num, cells)
        if fast is not None:
            return open_tag + fast + close
        existing = self.cells_of(inner)
        for col, value in cells.items():
            idx = column_index(col)
            old = existing.get(idx)
            self.lost |= old is not None and self.is_formula(old)
            existing[idx] = self.cell(col, num, value, _style_of(old) if old is not None else None)
        return open_tag + b"".join(existing[k] for k in sorted(existing)) + close

    def cells_of(self, inner: bytes) -> dict[int, bytes]:
        """A row's cells by column number (every cell is numbered by now)."""
        out: dict[int, bytes] = {}
        open_c, close_c = b"<" + self.p + b'c r="', b"</" + self.p + b"c>"
        at = inner.find(open_c)
        while at >= 0:
            gt = inner.index(b">", at)
            end = gt + 1 if inner[gt - 1 : gt] == b"/" else inner.index(close_c, gt) + len(close_c)
            ref = _CELL_REF.search(inner, at, gt + 1)
            if ref:
                out[column_index(ref.group(1).decode())] = inner[at:end]
            at = inner.find(open_c, end)
        return out

    def is_formula(self, cell: bytes) -> bool:
        return self.formulas[0] in cell or self.formulas[1] in cell

    def in_place(self, inner: bytes, num: int, cells: dict[str, Plain]) -> bytes | None:
        """Replace cells where they stand; new cells only after the row's last one (else None)."""
        ordered, ordered_b, first = self.order(cells)
        if inner.find(self.open_c + ordered_b[0] + b'%d"' % num) < 0:
            # a first run: none of them there yet, all to the right of the row's last cell
            last = inner.rfind(self.open_c)
            found_last = _CELL_REF.search(inner, last) if last >= 0 else None
            if found_last is None or column_index(found_last.group(1).decode()) < first:
                unstyled = [(c, b"") for c in ordered_b]
                return inner + self.template(ordered, unstyled, cells) % ((num,) * len(ordered))
        return self.cell_by_cell(inner, num, cells, ordered)

    def template(
        self, ordered: list[str], found: list[tuple[bytes, bytes]], cells: dict[str, Plain]
    ) -> bytes:
        """The new cells of a row whose patched cells are its last ones, as a %-template of the
        row number: rows repeat the same values and styles, so each combination is built once."""
        values = tuple(map(cells.__getitem__, ordered))
        key = (*ordered, *values, *map(type, values), *[s for _, s in found])
        made = self.templates.get(key)
        if made is None:
            if len(self.templates) > 50_000:
                self.templates.clear()
            parts = []
            for col, (_, style), value in zip(ordered, found, values):
                xml = self.cell(col, 0, value, int(style) if style else None).replace(b"%", b"%%")
                parts.append(xml.replace(b'r="%s0"' % col.encode(), b'r="%s%%d"' % col.encode(), 1))
            made = self.templates[key] = b"".join(parts)
        return made

    def cell_by_cell(
        self, inner: bytes, num: int, cells: dict[str, Plain], ordered: list[str]
    ) -> bytes | None:
        edits: list[tuple[int, int, bytes]] = []
        missing: list[str] = []
        for col in ordered:
            start = inner.find(self.open_c + b'%s%d"' % (col.encode(), num))
            if start < 0:
                missing.append(col)
                continue
            gt = inner.index(b">", start)
            end = gt + 1 if inner[gt - 1 : gt] == b"/" else inner.index(self.close_c, gt) + len(self.close_c)
            old = inner[start:end]
            self.lost |= self.is_formula(old)
            edits.append((start, end, self.cell(col, num, cells[col], _style_of(old))))
        if missing:
            last = inner.rfind(self.open_c)
            found = _CELL_REF.search(inner, last) if last >= 0 else None
            if found and column_index(missing[0]) <= column_index(found.group(1).decode()):
                return None
            tail = b"".join(self.cell(c, num, cells[c], None) for c in missing)
            edits.append((len(inner), len(inner), tail))
        out, pos = [], 0
        for start, end, data in edits:
            out += [inner[pos:start], data]
            pos = end
        out.append(inner[pos:])
        return b"".join(out)


def _style_of(cell: bytes) -> int | None:
    head_end = cell.find(b">")
    at = cell.find(b' s="', 0, head_end)
    if at < 0:
        return None
    return int(cell[at + 4 : cell.index(b'"', at + 4)])


def prefixed(xml: bytes, prefix: bytes) -> bytes:
    """A cell written unprefixed, in the sheet's prefix (<c>, <v>, <is>, <t> alike)."""
    return re.sub(rb"<(/?)(?=[a-z])", lambda m: b"<" + m.group(1) + prefix, xml)
