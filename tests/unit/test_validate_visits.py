"""Visits checks: IDs, URNs, dates, pick lists, scores, letters, and the criterion columns."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from smep_xl import layout as L
from tests.validate_fixture import CRITERIA, add_row, check, clean_tables, codes, only, put

V = L.VISITS


def with_cell(column: str, value, row: int = 3, **kw):
    return check(put(clean_tables(), V, row, column, value), **kw)


def test_visit_id_missing_and_duplicate():
    assert only(with_cell(L.VIS_ID, None), "visit.id.missing").cell == "A3"
    hits = [f for f in with_cell(L.VIS_ID, "V001") if f.code == "visit.id.duplicate"]
    assert [f.cell for f in hits] == ["A2", "A3"] and all(f.severity == "error" for f in hits)


def test_urn_must_be_a_school():
    assert with_cell(L.VIS_URN, "120003") == []  # text or number, the same school
    f = only(with_cell(L.VIS_URN, 999999), "visit.urn.unknown")
    assert f.message == "URN 999999 is not on the Schools sheet, so this visit is not counted."
    assert f.severity == "error"
    assert only(with_cell(L.VIS_URN, None), "visit.urn.missing").cell == "B3"


def test_visit_date_missing_or_not_a_date():
    assert only(with_cell(L.VIS_DATE, None), "visit.date.missing").cell == "C3"
    f = only(with_cell(L.VIS_DATE, "last week"), "visit.date.not_date")
    assert "'last week'" in f.message


def test_visit_date_as_real_date_types():
    for value in (date(2015, 1, 5), datetime(2015, 1, 5, 10, 30)):
        assert with_cell(L.VIS_DATE, value) == []


def test_date_typed_as_text_is_read_but_warned():
    assert codes(with_cell(L.VIS_DATE, "05/01/2015")) == ["cell.date_as_text"]


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("31/02/2015", "February 2015 has 28 days"),
        ("2015-13-01", "there is no month 13"),
        ("29/02/2015", "February 2015 has 28 days"),
    ],
)
def test_impossible_dates(value, why):
    found = with_cell(L.VIS_DATE, value)
    assert codes(found) == ["cell.date_impossible"]
    assert (
        found[0].message == f"Visit Date '{value}' is not a real date: {why}, so this visit is not counted."
    )


def test_future_visit_is_an_error_today_is_not():
    assert with_cell(L.VIS_DATE, datetime(2015, 7, 31, 16, 0), today=date(2015, 7, 31)) == []
    f = only(with_cell(L.VIS_DATE, datetime(2015, 8, 1), today=date(2015, 7, 31)), "visit.date.future")
    assert f.message == "Visit Date 01/08/2015 is after today (31/07/2015), so this visit is not counted."


def test_visit_date_window_is_the_plan_and_the_year_before():
    assert with_cell(L.VIS_DATE, datetime(2013, 9, 1)) == []
    f = only(with_cell(L.VIS_DATE, datetime(2013, 8, 31)), "visit.date.outside_plan")
    assert f.severity == "warning" and "01/09/2013 to 31/08/2016" in f.message
    late = with_cell(L.VIS_DATE, datetime(2016, 9, 1), today=date(2017, 1, 1))
    assert codes(late) == ["visit.date.outside_plan"]


def test_follow_up_after_visit():
    assert with_cell(L.VIS_FOLLOW_UP, datetime(2014, 11, 4)) == []
    f = only(with_cell(L.VIS_FOLLOW_UP, datetime(2014, 11, 3)), "visit.follow_up.before_visit")
    assert f.cell == "R3" and "03/11/2014" in f.message
    assert only(with_cell(L.VIS_FOLLOW_UP, "soon"), "visit.follow_up.not_date").severity == "error"


@pytest.mark.parametrize(
    ("column", "code"), [(L.VIS_TYPE, "visit.type.unknown"), (L.VIS_SLE, "visit.sle.unknown")]
)
def test_pick_lists(column, code):
    assert only(with_cell(column, "Nobody"), code).severity == "warning"


@pytest.mark.parametrize("value", [1, 2, 3, 4, 4.0, None])
def test_good_scores(value):
    assert with_cell("Singing", value) == []


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        (7, "visit.score.range", "Score 7 is outside 1-4 for Singing."),
        (0, "visit.score.range", "Score 0 is outside 1-4 for Singing."),
        (2.5, "visit.score.not_whole", "Score 2.5 for Singing is not a whole number."),
        ("good", "visit.score.not_number", "Score 'good' for Singing is not a number."),
        (True, "visit.score.not_number", "Score 'True' for Singing is not a number."),
    ],
)
def test_bad_scores(value, code, message):
    f = only(with_cell("Singing", value), code)
    said = message[:-1] + ", so this visit gets no Score or RAG."
    assert (f.message, f.cell, f.column, f.severity) == (said, "I3", "Singing", "error")


def test_score_typed_as_text_counts_but_warns():
    assert codes(with_cell("Singing", "3")) == ["cell.number_as_text"]
    assert codes(with_cell("Singing", "9")) == ["visit.score.range", "cell.number_as_text"]


def test_too_few_criteria_scored():
    t = clean_tables()
    for name in CRITERIA[:5]:
        put(t, V, 3, name, None)
    f = only(check(t), "visit.scores.too_few")
    assert f.message == "Only 3 of 8 criteria are scored, so this visit gets no RAG."
    assert f.cell == "F3"  # the first criterion left blank
    put(t, V, 3, CRITERIA[0], 3)
    assert check(t) == []  # half scored is enough


def test_send_letter_values():
    assert with_cell(L.VIS_SEND, "no") == [] and with_cell(L.VIS_SEND, None) == []
    f = only(with_cell(L.VIS_SEND, "Y"), "visit.send_letter.format")
    assert f.message == "Send Letter 'Y' is not Yes or No, so it counts as Yes."


def test_thin_letter_warning():
    t = put(clean_tables(), V, 4, L.VIS_STRENGTHS, None)
    f = only(check(put(t, V, 4, L.VIS_ACTIONS, " ")), "visit.letter.thin")
    assert f.cell == "N4" and "Strengths and Agreed Actions are blank" in f.message
    t = put(clean_tables(), V, 3, L.VIS_STRENGTHS, None)  # row 3 sends no letter
    assert check(t) == []


def test_criterion_without_a_column():
    t = clean_tables()
    t[V] = t[V].rename(columns={"Singing": "Singng"})
    f = only(check(t), "visit.criterion.missing_column")
    assert f.cell == "I1" and f.suggestion == "Rename the column 'Singng' to 'Singing'."


def test_stray_column_among_scores_is_info():
    t = clean_tables()
    t[V].insert(6, "Observer", None)
    f = only(check(t), "visit.column.not_criterion")
    assert (f.severity, f.cell) == ("info", "G1")


def test_score_columns_follow_the_criteria_sheet():
    t = clean_tables()
    add_row(t, L.CRITERIA, {L.CRI_NAME: "Composing", L.CRI_WEIGHT: 1, L.CRI_KEY: "No"})
    t[V].insert(13, "Composing", 5)
    hits = [f for f in check(t) if f.code == "visit.score.range"]
    assert [f.cell for f in hits] == ["N2", "N3", "N4"] and hits[0].column == "Composing"


def test_a_visit_after_the_as_of_date_but_not_after_today_is_noted():
    t = clean_tables()
    settings = t[L.SETTINGS]
    settings.loc[settings[L.SET_NAME] == L.S_AS_OF, L.SET_VALUE] = datetime(2015, 3, 31)
    f = only(
        check(put(t, V, 3, L.VIS_DATE, datetime(2015, 6, 1)), today=date(2015, 7, 31)),
        "visit.date.after_as_of",
    )
    assert (f.severity, f.cell) == ("info", "C3")
    assert (
        f.message
        == "Visit Date 01/06/2015 is after the As Of Date (31/03/2015), so Refresh does not count it yet."
    )
    later = check(put(t, V, 3, L.VIS_DATE, datetime(2015, 8, 1)), today=date(2015, 7, 31))
    assert codes(later) == ["visit.date.future"]  # after today: an error, not a note


def test_a_visit_type_that_is_not_scored_needs_no_scores_and_uses_none():
    t = put(clean_tables(), V, 3, L.VIS_TYPE, "Support")  # Lists: Support is not scored
    for name in CRITERIA:
        put(t, V, 3, name, None)
    assert check(t) == []  # no "0 of 8 criteria are scored"
    f = only(check(put(t, V, 3, "Singing", 3)), "visit.scores.unexpected")
    assert (f.severity, f.cell) == ("warning", "I3")


def test_without_the_lists_columns_every_type_counts_and_is_scored():
    t = clean_tables()
    t[L.LISTS] = t[L.LISTS].drop(columns=[L.LIST_COUNTS_AS_VISIT, L.LIST_SCORED])
    t = put(t, V, 3, L.VIS_TYPE, "Support")
    for name in CRITERIA:
        put(t, V, 3, name, None)
    assert codes(check(t)) == ["visit.scores.too_few"]  # scored, as before the columns existed
