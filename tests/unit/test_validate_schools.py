"""Schools checks: URN, required fields, pick lists, postcode, email, a named SLE."""

from __future__ import annotations

import pandas as pd
import pytest

from smep_xl import layout as L
from tests.validate_fixture import check, clean_tables, codes, only, put

S = L.SCHOOLS


def with_cell(column: str, value, row: int = 3):
    return check(put(clean_tables(), S, row, column, value))


@pytest.mark.parametrize("value", [120009, 120009.0, "120009", " 120009 "])
def test_urn_forms(value):
    assert with_cell(L.SCH_URN, value, row=5) == []  # row 5: a closed school no visit names


@pytest.mark.parametrize("value", [12345, "1200099", "12O009", 120009.5, "URN"])
def test_urn_not_six_digits(value):
    f = only(with_cell(L.SCH_URN, value), "school.urn.format")
    assert f.severity == "error" and f.cell == "A3"


def test_urn_missing():
    assert only(with_cell(L.SCH_URN, None), "school.urn.missing").cell == "A3"


def test_urn_duplicate_across_number_and_text():
    found = with_cell(L.SCH_URN, "120001")  # the same URN as row 2, typed as text
    hits = [f for f in found if f.code == "school.urn.duplicate"]
    assert [f.cell for f in hits] == ["A2", "A3"]
    assert hits[0].message == "URN 120001 is also on row 3; this row counts, the repeat is left out."
    assert hits[1].message == "URN 120001 is also on row 2, which counts; this row is left out."


@pytest.mark.parametrize(
    ("column", "code"), [(L.SCH_NAME, "school.name.missing"), (L.SCH_PHASE, "school.phase.missing")]
)
def test_required(column, code):
    assert only(with_cell(column, None), code).severity == "error"


@pytest.mark.parametrize(
    ("column", "code"),
    [
        (L.SCH_PHASE, "school.phase.unknown"),
        (L.SCH_AREA, "school.area.unknown"),
        (L.SCH_SLE, "school.sle.unknown"),
    ],
)
def test_pick_lists(column, code):
    f = only(with_cell(column, "Elsewhere"), code)
    assert f.severity == "warning" and "'Elsewhere'" in f.message


def test_pick_list_near_miss_is_suggested():
    assert (
        "Did you mean 'Primary'?" in only(with_cell(L.SCH_PHASE, "Primry"), "school.phase.unknown").suggestion
    )
    assert (
        only(with_cell(L.SCH_SLE, "jane smith"), "school.sle.unknown").suggestion
        == "Write it as the list does: 'Jane Smith'."
    )


def test_open_school_without_sle_is_an_error_naming_it():
    f = only(with_cell(L.SCH_SLE, None), "school.sle.missing")
    assert f.severity == "error" and f.cell == "P3"
    assert f.message == "Glebelands Primary (URN 120002) is open but has no named SLE."


def test_closed_school_needs_no_sle():
    t = put(clean_tables(), S, 3, L.SCH_STATUS, "Closed")
    assert check(put(t, S, 3, L.SCH_SLE, None)) == []


def test_status_blank_or_odd_counts_as_open():
    found = with_cell(L.SCH_STATUS, None)
    assert codes(found) == ["school.status.missing"]
    t = put(clean_tables(), S, 3, L.SCH_STATUS, "Shut")
    found = check(put(t, S, 3, L.SCH_SLE, None))
    assert set(codes(found)) == {"school.status.unknown", "school.sle.missing"}


@pytest.mark.parametrize(
    "value", ["LE1 6ZG", "le1 6zg", "SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "EC1A1BB"]
)
def test_uk_postcodes(value):
    assert with_cell(L.SCH_POSTCODE, value) == []


@pytest.mark.parametrize("value", ["LE1", "12345", "LE1 6Z", "Leicester"])
def test_not_postcodes(value):
    assert only(with_cell(L.SCH_POSTCODE, value), "school.postcode.format").severity == "warning"


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("head@school.sch.uk", True),
        ("a.b+c@d.org", True),
        ("office at school", False),
        ("two@x.org three@y.org", False),
    ],
)
def test_email(value, ok):
    assert (with_cell(L.SCH_EMAIL, value) == []) is ok


def test_a_row_with_no_urn_and_no_school_is_not_a_school_and_nothing_is_said():
    t = clean_tables()
    blank = dict.fromkeys(t[S].columns)
    t[S] = pd.concat([t[S], pd.DataFrame([blank, {**blank, L.SCH_STATUS: "Open", L.SCH_PHASE: "Primary"}])])
    assert check(t) == []


@pytest.mark.parametrize("value", [1, 2, "2", None])
def test_cohort_is_a_plan_year(value):
    assert [c for c in codes(with_cell(L.SCH_COHORT, value)) if c != "cell.number_as_text"] == []


@pytest.mark.parametrize("value", ["one", 0, 3, 1.5, "Cohort 2"])
def test_cohort_that_is_not_a_plan_year_is_an_error(value):
    f = only(with_cell(L.SCH_COHORT, value), "school.cohort.invalid")
    assert (f.severity, f.cell) == ("error", "Q3") and "Next Visit Due is left blank" in f.message


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        (L.SCH_AWARD, "Diamond", "school.award.unknown"),
        (L.SCH_MUSIC_IN_SDP, "Maybe", "school.music_in_sdp.format"),
        (L.SCH_MDP, "Soon", "school.mdp.format"),
    ],
)
def test_the_inputs_the_plans_measures_count_are_checked(column, value, code):
    assert only(with_cell(column, value), code).severity == "error"
    for good in ("Yes", "no", None) if code != "school.award.unknown" else ("Gold", None):
        assert with_cell(column, good) == [], good
