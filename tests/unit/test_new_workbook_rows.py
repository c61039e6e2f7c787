"""The new workbook's fast row loop writes exactly the cells ooxml.cells.cell_xml makes.

rows_xml inlines the common types for speed; the one conversion of a value to a cell is
cell_xml. Over random rows of every kind of value a frame can hold, in both date systems,
the loop's output is compared with cell_xml's, cell by cell, shared strings included.
"""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from smep_xl.adapters.new_workbook.cells import rows_xml, sheet_frame
from smep_xl.ooxml.cells import SharedStrings, cell_xml, plain
from smep_xl.ooxml.refs import column_letter

WIDTH = 4
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["", "_x0041_", "a\x01b", "A & <B>", "=SUM(A1)"]
)
days = st.dates(date(1904, 1, 1), date(9999, 12, 31))
values = st.one_of(
    st.none(),
    text,
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    days,
    st.datetimes(datetime(1904, 1, 1), datetime(9999, 12, 31)),
    days.map(pd.Timestamp),
    st.integers(-1000, 1000).map(np.int64),
    st.floats(-1e6, 1e6).map(np.float64),
    st.just(pd.NaT),
    st.just(pd.NA),
)
styles = st.lists(st.integers(0, 9), min_size=WIDTH, max_size=WIDTH)
rows = st.lists(st.lists(values, min_size=WIDTH, max_size=WIDTH), max_size=6)


def expected(table, body, dates, date1904):
    """Row by row through cell_xml: a date takes the date style; a blank writes nothing."""
    strings = SharedStrings()
    out = []
    for r, row in enumerate(table, start=1):
        cells = []
        for i, value in enumerate(row):
            if plain(value) is None:
                continue
            style = dates[i] if isinstance(plain(value), date) else body[i]
            cells.append(
                cell_xml(f"{column_letter(i + 1)}{r}", value, style, date1904=date1904, strings=strings)
            )
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    return "".join(out), strings


@settings(max_examples=300, deadline=None)
@given(rows, styles, styles, st.booleans())
def test_rows_are_cell_xml_cell_by_cell(table, body, dates, date1904):
    want, want_strings = expected(table, body, dates, date1904)
    strings = SharedStrings()
    numbered = [(r, row, body, dates) for r, row in enumerate(table, start=1)]
    got = b"".join(rows_xml(numbered, strings, WIDTH, date1904)).decode("utf-8")
    assert got == want
    assert strings.index == want_strings.index and strings.count == want_strings.count


def test_a_date_is_its_day_number_in_the_workbooks_date_system():
    # Worked by hand: 22 May 2015 is day 42146 counted from 30 Dec 1899, 40684 from 1 Jan 1904.
    for date1904, day in ((False, 42146), (True, 40684)):
        xml = b"".join(rows_xml([(2, [date(2015, 5, 22)], [0], [5])], SharedStrings(), 1, date1904))
        assert xml == f'<row r="2"><c r="A2" s="5"><v>{day}</v></c></row>'.encode()


def test_the_sheet_frame_keeps_everything_but_the_rows_and_sets_the_used_range():
    skeleton = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetPr/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData/>'
        b'<pageMargins left="1" right="1" top="1" bottom="1" header="0" footer="0"/></worksheet>'
    )
    head, tail = sheet_frame(skeleton, "A1:C9")
    assert head.endswith(b'<sheetPr/><dimension ref="A1:C9"/><sheetViews><sheetView workbookViewId="0"/>'
                         b"</sheetViews><sheetData>")  # fmt: skip
    assert (
        tail
        == b'</sheetData><pageMargins left="1" right="1" top="1" bottom="1" header="0" footer="0"/></worksheet>'
    )
    assert not head.startswith(b"<?xml")  # written as openpyxl wrote it: no declaration added
