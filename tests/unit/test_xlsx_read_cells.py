"""A table's cells as calamine gives them, cleaned as Excel's user reads them, against a table
worked by hand: blanks are None, whole numbers are ints however big, everything else as it is."""

from __future__ import annotations

from datetime import date, datetime

from smep_xl.adapters.xlsx.read import Marks, read_table, used_range_table


def test_cells_are_cleaned_value_by_value_and_type_by_type():
    big = 2.0**60  # beyond what a float holds exactly as an int64 round trip
    grid = [
        ["A", "B", "C", "D"],
        [1.0, 2.5, "", "x"],
        [big, float("inf"), True, date(2015, 3, 27)],
        [-0.0, 1e-300, " ", datetime(2015, 3, 27, 9, 30)],
        [3.0, "", "", ""],
    ]
    table = read_table("S", grid, used_range_table("S", grid), Marks([], [], []))
    got = [[(type(v), v) for v in row] for row in table.frame.itertuples(index=False)]
    want = [
        [1, 2.5, None, "x"],
        [2**60, float("inf"), True, date(2015, 3, 27)],
        [0, 1e-300, " ", datetime(2015, 3, 27, 9, 30)],
        [3, None, None, None],
    ]
    assert got == [[(type(v), v) for v in row] for row in want]
    assert list(table.frame.index) == [2, 3, 4, 5]


def test_a_table_wider_and_longer_than_the_cells_read_is_blank_beyond_them():
    grid = [["A", "B"], [1.0, "y"]]
    info = used_range_table("S", grid)
    wider = type(info)(info.name, info.part, info.first_col, info.first_row, 3, 4, ("A", "B", "C"))
    frame = read_table("S", grid, wider, Marks([], [], [])).frame
    assert frame.values.tolist() == [[1, "y", None], [None, None, None], [None, None, None]]
