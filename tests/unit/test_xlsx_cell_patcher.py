"""The cell patcher against a model: a sheet written any legal way (cells or rows without r, r
not first, an x: prefix), patched, then read back with lxml by Excel's own rules, holds the
original cells with the patches laid over them: each cell once, in order, in the namespace."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from smep_xl.adapters.xlsx.cells import patch_cells
from smep_xl.adapters.xlsx.numbering import numbered
from smep_xl.ooxml.refs import column_index, column_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

cells_of_a_row = st.dictionaries(st.integers(1, 8), st.integers(0, 99), max_size=6)
sheets = st.dictionaries(st.integers(1, 12), cells_of_a_row, max_size=8)
patch_values = st.one_of(st.none(), st.integers(-5, 500), st.text("ab _x0041&<", max_size=6))
patches = st.dictionaries(
    st.integers(1, 14), st.dictionaries(st.integers(1, 10), patch_values, min_size=1, max_size=4), max_size=6
)
styles = st.sampled_from(["first", "after", "none"])


def write_sheet(grid: dict[int, dict[int, int]], prefix: str, how, row_refs) -> bytes:
    """The grid as SpreadsheetML, each cell's r written as `how` says (when the rules allow)."""
    p = prefix
    rows, last_row = [], 0
    for num in sorted(grid):
        row_r = f' r="{num}"' if num != last_row + 1 or row_refs.draw(st.booleans()) else ""
        cells, last_col = [], 0
        for col in sorted(grid[num]):
            ref = f"{column_letter(col)}{num}"
            kind = how.draw(styles)
            if kind == "none" and col == last_col + 1:
                head = f'<{p}c s="1"'
            elif kind == "after":
                head = f'<{p}c s="1" r="{ref}"'
            else:
                head = f'<{p}c r="{ref}" s="1"'
            cells.append(f"{head}><{p}v>{grid[num][col]}</{p}v></{p}c>")
            last_col = col
        rows.append(f"<{p}row{row_r}>{''.join(cells)}</{p}row>")
        last_row = num
    ns = f'xmlns:x="{MAIN}"' if p else f'xmlns="{MAIN}"'
    return f"<{p}worksheet {ns}><{p}sheetData>{''.join(rows)}</{p}sheetData></{p}worksheet>".encode()


def read_sheet(data: bytes) -> dict[tuple[int, int], str | None]:
    """Every cell by Excel's rules: (row, column) -> its value's text (None: an empty cell)."""
    root = etree.fromstring(data)
    out: dict[tuple[int, int], str | None] = {}
    row_num = 0
    for row in root.iter(f"{{{MAIN}}}row"):
        row_num = int(row.get("r")) if row.get("r") else row_num + 1
        col = 0
        for cell in row.iter(f"{{{MAIN}}}c"):
            col = (
                column_index("".join(ch for ch in cell.get("r") if ch.isalpha()))
                if cell.get("r")
                else col + 1
            )
            assert (row_num, col) not in out, f"cell {column_letter(col)}{row_num} twice"
            text = cell.find(f"{{{MAIN}}}v")
            inline = cell.find(f".//{{{MAIN}}}t")
            out[(row_num, col)] = (
                text.text if text is not None else (inline.text if inline is not None else None)
            )
    return out


@settings(max_examples=300, deadline=None)
@given(sheets, patches, st.sampled_from(["", "x:"]), st.data())
def test_patched_sheet_reads_as_the_model(grid, patch, prefix, data):
    original = write_sheet(grid, prefix, data, data)
    values = {row: {column_letter(c): v for c, v in cells.items()} for row, cells in patch.items()}
    patched, lost = patch_cells(original, values, lambda col, value, style: style)
    expected = {(r, c): str(v) for r, cells in grid.items() for c, v in cells.items()}
    for row, cells in patch.items():
        for col, value in cells.items():
            expected[(row, col)] = None if value is None or value == "" else str(value)
    got = read_sheet(patched)
    assert {k: v for k, v in got.items() if v is not None} == {
        k: v for k, v in expected.items() if v is not None
    }
    assert not lost
    for row in etree.fromstring(patched).iter(f"{{{MAIN}}}row"):
        columns = [column_index("".join(ch for ch in c.get("r") if ch.isalpha())) for c in row]
        assert columns == sorted(columns)


def test_numbering_puts_r_first_and_fills_it_in():
    body = b'<row><c s="1"><v>1</v></c><c s="2" r="C1"><v>2</v></c><c/></row><row r="5"><c t="n"/></row>'
    assert numbered(body) == (
        b'<row r="1"><c r="A1" s="1"><v>1</v></c><c r="C1" s="2"><v>2</v></c><c r="D1"/></row>'
        b'<row r="5"><c r="A5" t="n"/></row>'
    )


def test_new_rows_hold_each_value_as_its_own_type_however_often_it_repeats():
    """New rows are made from cached cell tails: True, 1 and 1.0 (equal, and hashed alike) and a
    date beside a date-and-time must each still be written as themselves, row after row, with a
    date's style chosen for dates only."""
    from datetime import date, datetime

    values = [True, 1, 1.0, 1.5, date(2015, 3, 27), datetime(2015, 3, 27, 12), "a&b", None]
    expected = [("b", "1"), (None, "1"), (None, "1.0"), (None, "1.5"), (None, "42090")]
    expected += [(None, "42090.5"), ("inlineStr", "a&b"), (None, None)]
    n = len(values)  # each column takes every value in turn
    rows = {
        num: {column_letter(j + 1): values[(j + num) % n] for j in range(n)} for num in range(2, 2 + 2 * n)
    }
    for prefix in ("", "x:"):
        sheet = write_sheet({1: {1: 0}}, prefix, _Draw(), _Draw())
        date_style = lambda col, value, style: 7 if isinstance(value, date) else style  # noqa: E731
        patched, _ = patch_cells(sheet, rows, date_style)
        root = etree.fromstring(patched)
        for row in list(root.iter(f"{{{MAIN}}}row"))[1:]:
            num, got = int(row.get("r")), []
            for cell in row:
                v, t = cell.find(f"{{{MAIN}}}v"), cell.find(f".//{{{MAIN}}}t")
                got.append((cell.get("t"), v.text if v is not None else (t.text if t is not None else None)))
                is_date = isinstance(values[(column_index(cell.get("r")[0]) - 1 + num) % n], date)
                assert cell.get("s") == ("7" if is_date else None)
            assert got == [expected[(j + num) % n] for j in range(n)], num


class _Draw:
    """Hypothesis's data.draw, answered plainly: r first, rows numbered."""

    def draw(self, strategy):
        return "first" if strategy is styles else True
