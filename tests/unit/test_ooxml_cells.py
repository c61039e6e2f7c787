"""A value as a cell: checked by reading the cell back with real readers (calamine, LibreOffice's rules)."""

from __future__ import annotations

import math
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from smep_xl.ooxml.cells import SharedStrings, cell_xml, excel_text, plain, serial


@pytest.mark.parametrize(
    ("value", "expected"),
    [(np.int64(3), 3), (np.float64(2.5), 2.5), (float("nan"), None), (pd.NaT, None), (pd.NA, None),
     (math.inf, None), ("", None), (pd.Timestamp("2015-03-01 10:30"), datetime(2015, 3, 1, 10, 30)),
     (np.bool_(True), True), (date(2015, 1, 2), date(2015, 1, 2))],
)  # fmt: skip
def test_plain(value, expected):
    assert plain(value) == expected


def test_serial_in_both_date_systems():
    # Worked by hand: 1 Jan 1900 is day 1 (1900 system, after Excel's leap-year day);
    # 2 Jan 1904 is day 1 in the 1904 system; the two differ by 1462 days.
    assert serial(date(1900, 3, 1)) == 61
    assert serial(date(1904, 1, 2), date1904=True) == 1
    assert serial(date(2015, 5, 22)) - serial(date(2015, 5, 22), date1904=True) == 1462
    assert serial(datetime(2015, 5, 22, 12)) == serial(date(2015, 5, 22)) + 0.5


def test_excel_escapes():
    assert excel_text("Room _x0041_ Music") == "Room _x005F_x0041_ Music"
    assert excel_text("a\x07b") == "a_x0007_b"
    assert excel_text("A & <B>") == "A &amp; &lt;B&gt;"


def test_cells():
    assert cell_xml("A1", None) == ""
    assert cell_xml("A1", None, 3) == '<c r="A1" s="3"/>'
    assert cell_xml("B2", True) == '<c r="B2" t="b"><v>1</v></c>'
    assert cell_xml("B2", 2.5, 4) == '<c r="B2" s="4"><v>2.5</v></c>'
    assert cell_xml("C3", date(1904, 1, 2), 7, date1904=True) == '<c r="C3" s="7"><v>1</v></c>'
    strings = SharedStrings()
    assert cell_xml("D4", "x", strings=strings) == '<c r="D4" t="s"><v>0</v></c>'
    assert cell_xml("D5", "=1+1") == '<c r="D5" t="inlineStr"><is><t xml:space="preserve">=1+1</t></is></c>'


def test_plain_all_is_plain_of_each_value():
    """The quick path for whole numbers and short text gives what plain() gives, type and all."""
    from smep_xl.ooxml.cells import MAX_TEXT, plain_all

    values = [
        0,
        -3,
        True,
        False,
        1.0,
        2.5,
        math.nan,
        math.inf,
        -math.inf,
        "",
        " ",
        "x",
        "é" * (MAX_TEXT // 2),
    ]
    values += ["é" * (MAX_TEXT // 2 + 1), "😀" * MAX_TEXT, None, np.int64(7), np.float64(7.0), pd.NaT]
    values += [pd.NA, pd.Timestamp("2015-03-27"), date(2015, 3, 27), datetime(2015, 3, 27, 9)]
    got, want = plain_all(values), [plain(v) for v in values]
    assert [(type(g), g) for g in got] == [(type(w), w) for w in want]
