"""Several tables read at once: the biggest sheet parsed on a second thread gives the very same
tables as reading them one by one, and a damaged sheet stops with the same one line."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from smep_xl import layout as L
from smep_xl.adapters.xlsx import workbook as xlsx_workbook
from smep_xl.adapters.xlsx.workbook import open_workbook
from smep_xl.errors import SmepError

SHEETS = [L.SETTINGS, L.CRITERIA, L.OBJECTIVES, L.SCHOOLS, L.VISITS, L.LISTS]


def one_by_one(path: Path) -> dict:
    book = open_workbook(str(path), read_only=True)
    try:
        return {sheet: book.read_table(sheet) for sheet in SHEETS}
    finally:
        book.close()


def test_side_by_side_equals_one_by_one(demo_copy, monkeypatch):
    monkeypatch.setattr(xlsx_workbook, "BIG_SHEET", 1)  # the demo's Visits counts as big
    expected = one_by_one(demo_copy)
    book = open_workbook(str(demo_copy), read_only=True)
    try:
        got = book.read_tables(SHEETS)
        assert not book._grids  # the background parse was taken
    finally:
        book.close()
    assert list(got) == SHEETS  # in the order asked for
    for sheet in SHEETS:
        assert got[sheet].frame.equals(expected[sheet].frame), sheet
        assert list(got[sheet].frame.columns) == list(expected[sheet].frame.columns)
        assert got[sheet].formulas == expected[sheet].formulas
        assert (got[sheet].header_row, got[sheet].first_column) == (
            expected[sheet].header_row,
            expected[sheet].first_column,
        )
    visits = got[L.VISITS].frame
    assert visits.map(lambda v: type(v) is not float or not v.is_integer()).all().all()  # 3.0 read as 3


def test_a_damaged_big_sheet_stops_with_one_line(demo_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_workbook, "BIG_SHEET", 1)
    damaged = tmp_path / "damaged.xlsx"
    book = open_workbook(str(demo_copy), read_only=True)
    visits_part = book.sheet_part(L.VISITS)
    book.close()
    with zipfile.ZipFile(demo_copy) as src, zipfile.ZipFile(damaged, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == visits_part:
                data = data[: len(data) // 2]  # cut off mid-element
            out.writestr(info, data)
    book = open_workbook(str(damaged), read_only=True)
    try:
        with pytest.raises(SmepError) as stop:
            book.read_tables(SHEETS)
    finally:
        book.close()
    assert "is damaged" in stop.value.message and f"'{L.VISITS}'" in stop.value.message


def test_a_sheet_parsed_early_is_used_only_for_the_file_it_was_parsed_from(demo_copy, tmp_path, monkeypatch):
    import os
    import shutil

    from smep_xl.adapters.xlsx import early

    monkeypatch.setattr(early, "EARLY_FROM", 1)
    expected = one_by_one(demo_copy)[L.VISITS].frame
    early.parse_early(str(demo_copy), L.VISITS)
    assert early.started_early(str(demo_copy), L.VISITS)
    book = open_workbook(str(demo_copy), read_only=True)
    try:
        got = book.read_tables(SHEETS)[L.VISITS].frame
    finally:
        book.close()
    assert not early.started_early(str(demo_copy), L.VISITS)  # taken
    assert got.equals(expected)

    # parsed, then the file is replaced by another workbook before smep opens it
    other = tmp_path / "other.xlsx"
    shutil.copy(demo_copy, other)
    book = open_workbook(str(other))
    visits = book.read_table(L.VISITS).frame
    book.write_columns(L.VISITS, visits.iloc[:, :0].assign(**{L.VIS_STRENGTHS: "changed"}))
    book.save()
    book.close()
    early.parse_early(str(demo_copy), L.VISITS)
    early._parses[(os.path.abspath(demo_copy), L.VISITS)][1].result()  # the early parse is done
    shutil.copy(other, demo_copy)
    os.utime(demo_copy, ns=(1, 1))  # a different time of change, whatever the clock's resolution
    book = open_workbook(str(demo_copy), read_only=True)
    try:
        got = book.read_tables(SHEETS)[L.VISITS].frame
    finally:
        book.close()
    assert set(got[L.VIS_STRENGTHS]) == {"changed"}
