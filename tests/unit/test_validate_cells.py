"""Cells as cells: Excel errors, formulas, merged ranges, headers, missing sheets, and the
guarantee that an unexpected failure becomes a finding."""

from __future__ import annotations

import pytest

from smep_xl import layout as L
from smep_xl.domain import validate as V
from smep_xl.domain.values import EXCEL_ERRORS
from tests.validate_fixture import TODAY, check, clean_tables, codes, grids, only, put


@pytest.mark.parametrize("error", EXCEL_ERRORS[:7])
def test_excel_errors_anywhere_in_the_input(error):
    for sheet, row, column in (
        (L.SCHOOLS, 3, L.SCH_TOWN),
        (L.VISITS, 2, "Singing"),
        (L.OBJECTIVES, 4, L.OBJ_NOTES),
        (L.LISTS, 2, L.LIST_AWARD),
    ):
        found = check(put(clean_tables(), sheet, row, column, error))
        assert codes(found) == ["cell.excel_error"], (sheet, found)
        assert found[0].message == f"{column} shows the Excel error {error}."


def test_an_excel_error_says_all_there_is_about_its_cell():
    found = check(put(clean_tables(), L.SCHOOLS, 3, L.SCH_URN, "#N/A"))
    assert {f.code for f in found if f.cell == "A3"} == {"cell.excel_error"}


def test_excel_error_in_a_computed_column_is_not_the_users_problem():
    assert check(put(clean_tables(), L.SCHOOLS, 3, L.SCH_RAG, "#REF!")) == []


def test_formulas_in_input_cells_only():
    found = check(extras={L.OBJECTIVES: {"formulas": {"D3", "P3", "D99", "ZZ3", "junk"}}})
    f = only(found, "cell.formula")
    assert (f.cell, f.column, f.severity) == ("D3", L.OBJ_ACTION, "warning")  # P3 is computed (Due Date)


def test_merged_cells_point_inside_the_table():
    f = only(check(extras={L.SCHOOLS: {"merged": {"B3:D3"}}}), "cell.merged")
    assert (f.cell, f.column) == ("B3", L.SCH_NAME) and "B3:D3" in f.message


def test_missing_and_renamed_headers():
    t = clean_tables()
    t[L.SCHOOLS] = t[L.SCHOOLS].drop(columns=[L.SCH_TOWN]).rename(columns={L.SCH_POSTCODE: "post code"})
    found = [f for f in check(t) if f.code == "header.missing"]
    assert [(f.cell, f.column) for f in found] == [("A1", L.SCH_TOWN), ("I1", L.SCH_POSTCODE)]
    assert found[1].suggestion == "Rename the column 'post code' to 'Postcode'."
    assert all(f.row == 1 and f.severity == "error" for f in found)


def test_a_missing_sheet_is_one_finding_and_the_rest_still_checked():
    t = put(clean_tables(), L.VISITS, 3, "Singing", 7)
    built = grids(t)
    del built[L.SCHOOLS]
    found = V.validate_workbook(built, today=TODAY)
    assert codes(found) == ["sheet.missing", "visit.score.range"]
    assert (found[0].sheet, found[0].cell, found[0].row) == (L.SCHOOLS, "", None)


def test_a_check_that_fails_becomes_a_finding(monkeypatch):
    def broken(*_args):
        raise RuntimeError("boom")

    monkeypatch.setattr(V, "check_schools", broken)
    found = check(put(clean_tables(), L.VISITS, 3, "Singing", 7))
    f = only(found, "validate.check_failed")
    assert f.sheet == L.SCHOOLS and "RuntimeError: boom" in f.message
    assert "visit.score.range" in codes(found)


def test_plain_frames_and_odd_objects_are_accepted():
    frames = {sheet: frame for sheet, frame in clean_tables().items()}
    assert codes(V.validate_workbook(frames, today=TODAY)) == []
    assert codes(V.validate_workbook({L.SCHOOLS: "not a table"}, today=TODAY)).count("sheet.missing") == 6


def test_findings_are_sorted_errors_first_then_sheet_order():
    t = put(clean_tables(), L.VISITS, 3, "Singing", 7)
    put(t, L.OBJECTIVES, 3, L.OBJ_TARGET, "Offer feedback")
    put(t, L.SCHOOLS, 2, L.SCH_EMAIL, "x")
    put(t, L.OBJECTIVES, 2, L.OBJ_PROGRESS, 200)
    assert [(f.severity, f.sheet) for f in check(t)] == [
        ("error", L.OBJECTIVES),
        ("error", L.VISITS),
        ("warning", L.OBJECTIVES),
        ("warning", L.SCHOOLS),
    ]


def test_row_summaries_for_the_objectives_column():
    t = put(clean_tables(), L.OBJECTIVES, 3, L.OBJ_PROGRESS, 200)
    put(t, L.OBJECTIVES, 3, L.OBJ_BY_WHEN, "soon")
    notes = V.row_summaries(check(t), L.OBJECTIVES)
    assert notes == {
        3: "Error: By When 'soon' is not a date we can read, so this row gets no Target RAG. | "
        "Error: Progress % 200 is outside 0-100, so this row gets no Target RAG."
    }
