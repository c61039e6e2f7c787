"""Visit Score and RAG, and each school's RAG, trend and next visit (domain/rag.py)."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from smep_xl import layout as L
from smep_xl.domain.admission import admit_visits, grid_of
from smep_xl.domain.rag import add_months, rate_schools, rate_visits, visit_log
from smep_xl.domain.settings import criteria_from_frame, settings_from_frame
from tests.refresh_fixture import CRITERIA, criteria_frame, school, settings_frame, visit

SETTINGS = settings_from_frame(settings_frame())
ORDER = {L.RED: 0, L.AMBER: 1, L.GREEN: 2}


def frame(rows: list[dict]) -> pd.DataFrame:
    out = pd.DataFrame(rows).astype(object)
    out.index = range(2, 2 + len(out))
    return out.where(out.notna(), None)


def rate(rows, *, weights=None, settings=SETTINGS):
    return rate_visits(frame(rows), criteria_from_frame(criteria_frame(weights)), settings)


def one(scores, **kw) -> tuple[object, object]:
    rated = rate([visit("V1", 100001, datetime(2015, 1, 1), scores)], **kw)
    return rated.frame.loc[2, L.VIS_SCORE], rated.frame.loc[2, L.VIS_RAG]


# ---- Visit Score and RAG
def test_score_is_the_weighted_mean_of_the_criteria_scored():
    assert one([4, 2, 2, 2, 2, 2, 2, 2], weights={"Leadership": 3}) == (2.6, L.AMBER)  # (12 + 14) / 10
    assert one([4, 4, None, None, 2, 2, None, None]) == (3.0, L.GREEN)  # blanks ignored


def test_worked_examples_of_docs_rules():
    assert one([1, 4, 4, 4, 4, 4, 4, 4]) == (3.63, L.RED)  # Brook Primary
    assert one([1, 4, 4, 4, 4, 4, 4, 4], weights={"Leadership": 3})[0] == 3.1  # (3 + 28) / 10


def test_a_weight_that_is_not_a_positive_number_counts_as_1_and_blank_settings_take_defaults():
    assert one([4, 2, 2, 2, 2, 2, 2, 2], weights={"Leadership": "heavy"})[0] == 2.25
    assert one([4, 2, 2, 2, 2, 2, 2, 2], weights={"Leadership": 0})[0] == 2.25
    blank = settings_from_frame(settings_frame(**{L.S_GREEN: None, L.S_RED: ""}))
    assert one(3, settings=blank)[1] == L.GREEN and one([2, 2, 2, 2, 2, 2, 2, 1], settings=blank)[1] == L.RED


def test_exactly_on_the_red_threshold_is_amber_and_just_below_is_red():
    assert one(2) == (2.0, L.AMBER)
    assert one([2, 2, 2, 2, 2, 2, 2, 1]) == (1.88, L.RED)  # 1.875 shown as 1.88, below 2.0


def test_exactly_on_the_green_threshold_is_green():
    assert one(3) == (3.0, L.GREEN)
    assert one([3, 3, 3, 3, 3, 3, 3, 2]) == (2.88, L.AMBER)


def test_a_key_criterion_at_1_is_red_whatever_the_score():
    assert one([1, 4, 4, 4, 4, 4, 4, 4]) == (3.63, L.RED)  # Leadership is Key
    assert one([4, 1, 4, 4, 4, 4, 4, 4])[1] == L.RED  # so is Curriculum


def test_any_other_criterion_at_1_stops_green_but_not_amber():
    assert one([4, 4, 4, 4, 4, 4, 4, 1]) == (3.63, L.AMBER)


def test_fewer_than_half_scored_gets_no_rag_and_a_finding():
    rows = [
        visit("V1", 100001, datetime(2015, 1, 1), [3, 3, 3] + [None] * 5),
        visit("V2", 100001, datetime(2015, 1, 2), [3, 3, 3, 3] + [None] * 4),
        visit("V3", 100001, datetime(2015, 1, 3), None),
    ]
    rated = rate(rows)
    assert rated.frame[L.VIS_RAG].tolist() == [None, L.GREEN, None]
    assert rated.frame[L.VIS_SCORE].tolist() == [3.0, 3.0, None]  # no scores at all: no Score either
    admitted = admit_visits(grid_of(L.VISITS, frame(rows)), None, SETTINGS, CRITERIA, date(2016, 1, 31))
    few, none = admitted.findings  # the visit with no score is of a scored type too: said
    assert (few.code, few.row, few.cell, few.sheet) == ("visit.scores.too_few", 2, "I2", L.VISITS)
    assert "3 of 8" in few.message and (none.row, "0 of 8" in none.message) == (4, True)


def test_a_score_validate_rejects_leaves_the_visit_without_score_or_rag():
    assert one(["3", "3", "3", "3", 3, 3, 3, None]) == (3.0, L.GREEN)  # numbers as text count
    for bad in (0, 5, 3.5, "n/a", True):  # outside 1-4, not whole, not a number
        assert one([3, 3, 3, 3, 3, 3, 3, bad]) == (None, None), bad


def test_thresholds_and_weights_come_from_settings_and_criteria():
    lenient = settings_from_frame(settings_frame(**{L.S_GREEN: 2.5, L.S_RED: "1.5"}))
    assert one([3, 3, 2, 2, 3, 3, 2, 2], settings=lenient) == (2.5, L.GREEN)
    assert one([3, 3, 2, 2, 3, 3, 2, 2]) == (2.5, L.AMBER)
    assert one([2, 2, 2, 2, 2, 2, 2, 4], weights={"Partnership with hub": 9})[0] == 3.13  # 50/16 = 3.125


def test_score_rounds_halves_up_and_the_rule_uses_the_rounded_score():
    # Leadership weight 0.5: (0.5 * 2 + 7 * 3) / 7.5 = 2.9333 -> 2.93; weights giving 2.995 round to 3.0
    assert one([2, 3, 3, 3, 3, 3, 3, 3], weights={"Leadership": 0.5})[0] == 2.93
    score, rag = one([2, 3, 3, 3, 3, 3, 3, 3], weights={"Leadership": 0.005})  # 2.99967 -> 3.0
    assert (score, rag) == (3.0, L.GREEN)


def test_no_criteria_means_no_rag():
    rated = rate_visits(frame([visit("V1", 100001, datetime(2015, 1, 1), 3)]), [], SETTINGS)
    assert rated.frame.loc[2, L.VIS_RAG] is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=8, max_size=8),
    st.lists(st.sampled_from([0.5, 1, 2, 3]), min_size=8, max_size=8),
    st.integers(0, 7),
    st.integers(1, 3),
)
def test_lowering_any_score_never_improves_the_rag(scores, weights, which, drop):
    if scores[which] is None:
        scores[which] = 4
    lowered = list(scores)
    lowered[which] = max(1, scores[which] - drop)
    rated = rate(
        [
            visit("V1", 100001, datetime(2015, 1, 1), scores),
            visit("V2", 100001, datetime(2015, 1, 1), lowered),
        ],
        weights=dict(zip(CRITERIA, weights, strict=True)),
    )
    before, after = rated.frame[L.VIS_RAG].tolist()
    assert (before is None) == (after is None)
    if before is not None:
        assert ORDER[after] <= ORDER[before]


# ---- schools
def schools_of(*rows) -> pd.DataFrame:
    return frame(list(rows))


def rate_all(schools: list[dict], visits: list[dict], as_of=date(2016, 1, 31), settings=SETTINGS):
    visits_frame = frame(visits) if visits else frame([visit("V0", "", None, None)]).iloc[0:0]
    rated = rate_visits(visits_frame, criteria_from_frame(criteria_frame()), settings)
    return rate_schools(frame(schools), visit_log(visits_frame, rated.code, as_of), settings)


def row(ratings, n=2) -> dict:
    return ratings.frame.loc[n].to_dict()


def test_a_school_with_no_visits_is_due_by_the_end_of_its_cohort_year():
    got = rate_all(
        [
            school(100001, "A", cohort=1),
            school(100002, "B", cohort="2"),  # a number typed as text is read (Validate warns)
            school(100003, "C", cohort=None),  # no Cohort: by the end of the plan
            school(100004, "D", cohort="one"),  # rejected by Validate: not guessed
            school(100005, "E", cohort=3),  # past the plan's two years: rejected too
            school(100006, "F", cohort="Cohort 2"),
        ],
        [],
    )
    assert got.frame[L.SCH_NEXT_DUE].tolist() == [
        date(2015, 8, 31),
        date(2016, 8, 31),
        date(2016, 8, 31),
        None,
        None,
        None,
    ]
    first = row(got)
    assert first[L.SCH_VISITS] == 0.0 and first[L.SCH_LAST_VISIT] is None
    assert all(first[c] is None for c in (L.SCH_RAG, L.SCH_PREV_RAG, L.SCH_TREND, L.SCH_TARGETED))


def test_latest_visit_by_date_sets_the_rag_and_the_one_before_the_previous_rag():
    got = rate_all(
        [school(100001, "A")],
        [visit("V2", 100001, datetime(2015, 6, 1), 2), visit("V1", 100001, datetime(2014, 10, 1), 3)],
    )
    r = row(got)
    assert (r[L.SCH_RAG], r[L.SCH_PREV_RAG], r[L.SCH_TREND], r[L.SCH_VISITS]) == (
        L.AMBER,
        L.GREEN,
        L.DECLINING,
        2.0,
    )
    assert r[L.SCH_LAST_VISIT] == date(2015, 6, 1) and r[L.SCH_TARGETED] == L.NO


def test_trend_improving_same_and_new():
    got = rate_all(
        [school(100001, "A"), school(100002, "B"), school(100003, "C")],
        [
            visit("a1", 100001, datetime(2015, 1, 1), 2),
            visit("a2", 100001, datetime(2015, 2, 1), 3),
            visit("b1", 100002, datetime(2015, 1, 1), 3),
            visit("b2", 100002, datetime(2015, 2, 1), 4),
            visit("c1", 100003, datetime(2015, 1, 1), 4),
        ],
    )
    assert got.frame[L.SCH_TREND].tolist() == [L.IMPROVING, L.SAME, L.NEW]


def test_ties_on_a_date_go_by_sheet_order_the_lower_row_is_later():
    red = visit("X", 100001, datetime(2015, 3, 1), [1, 3, 3, 3, 3, 3, 3, 3])
    green = visit("Y", 100001, datetime(2015, 3, 1), 4)
    assert row(rate_all([school(100001, "A")], [red, green]))[L.SCH_RAG] == L.GREEN
    swapped = row(rate_all([school(100001, "A")], [green, red]))
    assert (swapped[L.SCH_RAG], swapped[L.SCH_PREV_RAG], swapped[L.SCH_TREND]) == (
        L.RED,
        L.GREEN,
        L.DECLINING,
    )


def test_visits_after_as_of_without_a_date_or_for_another_school_do_not_count():
    got = rate_all(
        [school(100001, "A")],
        [
            visit("V1", "100001", datetime(2015, 1, 1), 3),  # URN as text still matches
            visit("V2", 100001.0, datetime(2016, 3, 1), 1),  # after as-of
            visit("V3", 100001, None, 1),
            visit("V4", 100002, datetime(2015, 6, 1), 1),
        ],
    )
    r = row(got)
    assert (r[L.SCH_RAG], r[L.SCH_VISITS], r[L.SCH_LAST_VISIT]) == (L.GREEN, 1.0, date(2015, 1, 1))


def test_a_visit_without_a_rag_counts_as_a_visit_but_keeps_the_rating():
    got = rate_all(
        [school(100001, "A")],
        [visit("V1", 100001, datetime(2015, 1, 1), 4), visit("V2", 100001, datetime(2015, 5, 1), None)],
    )
    r = row(got)
    assert (r[L.SCH_RAG], r[L.SCH_TREND], r[L.SCH_VISITS], r[L.SCH_LAST_VISIT]) == (
        L.GREEN,
        L.NEW,
        2.0,
        date(2015, 5, 1),
    )
    assert r[L.SCH_NEXT_DUE] == date(2016, 5, 1)  # a year after the last visit of any kind


def test_red_means_targeted_support_and_a_visit_within_a_term():
    got = rate_all(
        [school(100001, "A"), school(100002, "B")],
        [
            visit("V1", 100001, datetime(2014, 10, 31), 1),
            visit("V2", 100002, datetime(2015, 1, 10), 1),
            visit("V3", 100002, datetime(2015, 2, 1), None),
        ],
    )
    a, b = row(got, 2), row(got, 3)
    assert (a[L.SCH_RAG], a[L.SCH_TARGETED], a[L.SCH_NEXT_DUE]) == (
        L.RED,
        L.YES,
        date(2015, 2, 28),
    )  # month end
    assert b[L.SCH_NEXT_DUE] == date(2015, 6, 1)  # 4 months after the support visit
    assert got.owed.tolist() == [True, False]  # B has had a visit since it was rated Red


def test_a_closed_school_keeps_its_rating_but_is_due_no_visit():
    got = rate_all(
        [school(100001, "A", status="Closed"), school(100002, "B", status="closed")],
        [visit("V1", 100001, datetime(2015, 1, 1), 3)],
    )
    assert row(got)[L.SCH_RAG] == L.GREEN
    assert got.frame[L.SCH_NEXT_DUE].tolist() == [None, None]
    assert got.open.tolist() == [False, False]


def test_add_months_clamps_to_the_month_end_and_keeps_blanks():
    days = np.array(["2016-02-29", "2015-10-31", "NaT"], dtype="datetime64[D]")
    assert add_months(days, 12).astype(object).tolist() == [date(2017, 2, 28), date(2016, 10, 31), None]
    assert add_months(days, 4).astype(object).tolist() == [date(2016, 6, 29), date(2016, 2, 29), None]


# ---- issue items and decisions, each against a table worked by hand
def test_blank_rows_are_not_schools_and_their_computed_cells_stay_blank():
    blank = dict.fromkeys(school(0, "x"))
    status_only = {**blank, L.SCH_STATUS: "Open"}  # a drop-down default left in a cleared row
    got = rate_all([school(100001, "A"), blank, status_only], [visit("V1", 100001, datetime(2015, 1, 1), 3)])
    assert got.open.tolist() == [True, False, False] and got.school.tolist() == [True, False, False]
    for n in (3, 4):
        assert set(row(got, n).values()) == {None}


def test_a_school_left_out_by_validate_counts_nowhere():
    got = rate_all(
        [school(100001, "A"), school(12345, "Short URN"), school(100001, "A again"), school(None, "No URN")],
        [visit("V1", 100001, datetime(2015, 1, 1), 3)],
    )
    assert got.school.tolist() == [True, False, False, False]  # the first of a repeated URN counts
    assert row(got, 2)[L.SCH_VISITS] == 1.0 and row(got, 4)[L.SCH_VISITS] is None


def test_next_visit_due_is_the_follow_up_date_staff_typed_else_worked_out():
    day = datetime(2014, 11, 1)
    cases = [  # follow-up typed -> Next Visit Due (Red after a key 1, so a term is 4 months)
        (datetime(2015, 1, 15), date(2015, 1, 15)),  # typed: that date
        (None, date(2015, 3, 1)),  # blank: visit + one term
        ("soon", date(2015, 3, 1)),  # not a date: worked out (Validate says so)
        (datetime(2014, 10, 1), date(2015, 3, 1)),  # not after the visit: worked out
    ]
    for typed, due in cases:
        red = visit("V1", 100001, day, [1, 4, 4, 4, 4, 4, 4, 4])
        red[L.VIS_FOLLOW_UP] = typed
        assert row(rate_all([school(100001, "A")], [red]))[L.SCH_NEXT_DUE] == due, typed


def test_the_follow_up_date_of_the_latest_visit_only():
    first = {**visit("V1", 100001, datetime(2015, 1, 5), 3), L.VIS_FOLLOW_UP: datetime(2015, 3, 1)}
    later = visit("V2", 100001, datetime(2015, 2, 2), 3)  # no follow-up: a year on
    assert row(rate_all([school(100001, "A")], [first, later]))[L.SCH_NEXT_DUE] == date(2016, 2, 2)


def test_a_term_is_four_calendar_months_and_a_year_twelve():
    # visit date -> due when Red (one term), due when Green (one year): worked by hand
    table = [
        (datetime(2014, 10, 31), date(2015, 2, 28), date(2015, 10, 31)),
        (datetime(2015, 1, 10), date(2015, 5, 10), date(2016, 1, 10)),
        (datetime(2015, 11, 30), date(2016, 3, 30), date(2016, 11, 30)),
        (datetime(2016, 2, 29), date(2016, 6, 29), date(2017, 2, 28)),
    ]
    for day, red_due, green_due in table:
        got = rate_all(
            [school(100001, "A"), school(100002, "B")],
            [visit("R", 100001, day, 1), visit("G", 100002, day, 3)],
            as_of=date(2017, 1, 1),
        )
        assert got.frame[L.SCH_NEXT_DUE].tolist() == [red_due, green_due], day


def test_the_latest_visit_without_a_rating_keeps_the_schools_rating():
    """Hill Infant: Red at its audit, then a support visit with no scores (docs/rules.md)."""
    got = rate_all(
        [school(100008, "Hill Infant")],
        [
            visit("V10", 100008, datetime(2015, 3, 1), [2, 2, 2, 2, 2, 2, 2, 1]),
            visit("V11", 100008, datetime(2015, 12, 1), None),
        ],
    )
    r = row(got)
    assert (r[L.SCH_RAG], r[L.SCH_PREV_RAG], r[L.SCH_TREND], r[L.SCH_TARGETED]) == (L.RED, None, L.NEW, L.YES)
    assert (r[L.SCH_VISITS], r[L.SCH_LAST_VISIT], r[L.SCH_NEXT_DUE]) == (
        2.0,
        date(2015, 12, 1),
        date(2016, 4, 1),
    )
    assert got.owed.tolist() == [False]  # visited since it was rated Red


def test_the_score_as_shown_is_what_the_thresholds_compare():
    strict = settings_from_frame(settings_frame(**{L.S_GREEN: 3.13}))
    assert one([4, 3, 3, 3, 3, 3, 3, 3], settings=strict) == (3.13, L.GREEN)  # 25 / 8 = 3.125 -> 3.13
    assert one([3, 3, 3, 3, 3, 3, 3, 3], settings=strict) == (3.0, L.AMBER)


def test_a_visit_type_that_is_not_scored_gets_no_score():
    lists = pd.DataFrame(
        {
            L.LIST_VISIT_TYPE: ["Audit", "Network meeting"],
            L.LIST_COUNTS_AS_VISIT: ["Yes", "No"],
            L.LIST_SCORED: ["Yes", "No"],
        }
    )
    typed = settings_from_frame(settings_frame(), lists)
    meeting = {**visit("V1", 100001, datetime(2015, 1, 1), 3), L.VIS_TYPE: "network MEETING"}
    assert one(3, settings=typed) == (3.0, L.GREEN)
    rated = rate_visits(frame([meeting]), criteria_from_frame(criteria_frame()), typed)
    assert rated.frame.loc[2].tolist() == [None, None]


def test_one_function_rates_a_score_for_visits_and_for_letters_criteria():
    from smep_xl.domain.rag import rag_code

    # (score, any criterion 1, a key criterion 1) -> RAG at thresholds 2 and 3, worked by hand
    table = [
        (1.0, True, True, 0),
        (1.0, True, False, 0),
        (2.0, False, False, 1),
        (3.0, False, False, 2),
        (3.63, True, False, 1),
        (3.63, True, True, 0),
        (4.0, False, False, 2),
        (float("nan"), False, False, -1),
    ]
    for score, any_one, key_one, code in table:
        assert int(rag_code(score, any_one, key_one, 2.0, 3.0)) == code, (score, any_one, key_one)
