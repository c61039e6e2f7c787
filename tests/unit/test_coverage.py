"""Visit coverage against the plan's targets (domain/coverage.py)."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from smep_xl import layout as L
from smep_xl.domain.coverage import PlanYears, measure
from smep_xl.domain.rag import rate_schools, rate_visits, visit_log
from smep_xl.domain.settings import criteria_from_frame, settings_from_frame
from tests.refresh_fixture import (
    AS_OF,
    as_sheet,
    criteria_frame,
    school,
    schools_frame,
    settings_frame,
    visit,
    visits_frame,
)

SETTINGS = settings_from_frame(settings_frame())


def cover(schools: pd.DataFrame, visits: pd.DataFrame, as_of=AS_OF, settings=SETTINGS):
    schools, visits = as_sheet(schools), as_sheet(visits)
    rated = rate_visits(visits, criteria_from_frame(criteria_frame()), settings)
    log = visit_log(visits, rated.code, as_of, settings=settings)
    return measure(schools, log, rate_schools(schools, log, settings), settings, as_of)


def test_plan_years_run_a_year_each_from_plan_start():
    assert PlanYears.of(SETTINGS) == PlanYears(date(2014, 9, 1), date(2015, 8, 31), date(2016, 8, 31))
    three = settings_from_frame(settings_frame(**{L.S_PLAN_START: "01/01/2020", L.S_PLAN_YEARS: 3}))
    assert PlanYears.of(three) == PlanYears(date(2020, 1, 1), date(2020, 12, 31), date(2022, 12, 31))


def test_coverage_of_the_hand_made_hub():
    cov = cover(schools_frame(), visits_frame())
    assert (cov.open_schools, cov.closed_schools, cov.visited_year1, cov.visited_plan) == (7, 1, 5, 6)
    assert (cov.year1, cov.whole_plan) == (5 / 7, 6 / 7)
    assert (cov.year1_target, cov.plan_target) == (0.6, 1.0)
    assert not cov.in_year1
    assert cov.unvisited[L.SCH_URN].tolist() == [100003]
    assert cov.repeat_owed[L.SCH_URN].tolist() == [100002]


def test_a_school_closed_mid_plan_leaves_both_sides_of_the_fraction():
    visits = pd.DataFrame([visit("V1", 100001, datetime(2014, 10, 1), 3)])
    open_ = cover(pd.DataFrame([school(100001, "A"), school(100002, "B")]), visits)
    closed = cover(pd.DataFrame([school(100001, "A", status=L.CLOSED), school(100002, "B")]), visits)
    assert (open_.open_schools, open_.visited_year1, open_.year1) == (2, 1, 0.5)
    assert (closed.open_schools, closed.visited_year1, closed.year1, closed.closed_schools) == (1, 0, 0.0, 1)
    assert closed.by_area[L.DB_OPEN].tolist() == [1]


def test_as_of_before_plan_start_gives_no_coverage():
    visits = pd.DataFrame([visit("V1", 100001, datetime(2014, 6, 1), 3)])  # before the plan began
    cov = cover(pd.DataFrame([school(100001, "A")]), visits, as_of=date(2014, 8, 1))
    assert (cov.year1, cov.whole_plan, cov.visited_plan) == (0.0, 0.0, 0)
    assert cov.in_year1


def test_year_edges_count_on_their_last_day():
    visits = pd.DataFrame(
        [
            visit("V1", 100001, datetime(2014, 9, 1), 3),
            visit("V2", 100002, datetime(2015, 8, 31), 3),
            visit("V3", 100003, datetime(2015, 9, 1), 3),
            visit("V4", 100004, datetime(2016, 9, 1), 3),
        ]
    )
    cov = cover(
        pd.DataFrame([school(100000 + i, str(i)) for i in range(1, 5)]), visits, as_of=date(2017, 1, 1)
    )
    assert (cov.visited_year1, cov.visited_plan) == (2, 3)  # V4 is after the plan ended


def test_coverage_by_area_phase_and_sle_with_targets():
    cov = cover(
        schools_frame(),
        visits_frame(),
        settings=settings_from_frame(settings_frame(**{L.S_Y1_TARGET: "65%", L.S_PLAN_TARGET: 90})),
    )
    area = cov.by_area.set_index(L.SCH_AREA)
    assert list(area.index) == ["North", "South", L.DB_BLANK]  # blank last
    assert area.loc["South"].to_dict() == {
        L.DB_OPEN: 2,
        L.DB_VISITED_Y1: 0,
        L.DB_Y1_COVERAGE: 0.0,
        L.DB_Y1_TARGET: 0.65,
        L.DB_VISITED: 1,
        L.DB_COVERAGE: 0.5,
        L.DB_TARGET: 0.9,
        L.DB_UNVISITED: 1,
        L.DB_TARGETED: 0,
        L.DB_OWED: 0,
    }
    assert type(area.loc["South", L.DB_OPEN]) is int  # plain Python values for writers and JSON
    sle = cov.by_sle.set_index(L.SCH_SLE)
    assert sle[L.DB_OPEN].to_dict() == {"Ann": 3, "Ben": 2, "Cal": 2}  # schools per SLE: closed Dale left out
    assert cov.by_phase[L.SCH_PHASE].tolist() == ["Primary", "Secondary", "Special"]


def test_no_schools_gives_zero_not_an_error():
    cov = cover(
        pd.DataFrame([school(100001, "A", status=L.CLOSED)]),
        pd.DataFrame([visit("V1", 100001, datetime(2015, 1, 1), 3)]),
    )
    assert (cov.open_schools, cov.year1, cov.whole_plan) == (0, 0.0, 0.0)
    assert cov.by_area.empty and cov.unvisited.empty and cov.repeat_owed.empty


def test_unvisited_are_listed_soonest_due_first():
    schools = pd.DataFrame(
        [school(100001, "A", cohort=2), school(100002, "B", cohort=1), school(100003, "C", cohort=1)]
    )
    cov = cover(schools, pd.DataFrame([visit("V1", 100009, datetime(2015, 1, 1), 3)]))
    assert cov.unvisited[L.SCH_URN].tolist() == [100002, 100003, 100001]
    assert cov.unvisited[L.SCH_NEXT_DUE].tolist() == [date(2015, 8, 31), date(2015, 8, 31), date(2016, 8, 31)]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["Open", "Closed", None]), st.sampled_from(["N", "S", None])),
        min_size=0,
        max_size=8,
    ),
    st.lists(
        st.tuples(st.integers(0, 9), st.dates(date(2013, 1, 1), date(2018, 1, 1)), st.integers(1, 4)),
        max_size=15,
    ),
    st.dates(date(2013, 1, 1), date(2018, 1, 1)),
)
def test_coverage_is_always_between_0_and_1(schools, visits, as_of):
    frame = pd.DataFrame(
        [school(100000 + i, str(i), status=s, area=a) for i, (s, a) in enumerate(schools)]
        or [school(199999, "x", status="Closed")]
    )
    vis = pd.DataFrame(
        [
            visit(f"V{i}", 100000 + u, datetime(d.year, d.month, d.day), s)
            for i, (u, d, s) in enumerate(visits)
        ]
        or [visit("V0", 99, None, None)]
    )
    cov = cover(frame, vis, as_of=as_of)
    assert 0 <= cov.year1 <= 1 and 0 <= cov.whole_plan <= 1
    assert cov.visited_year1 <= cov.visited_plan <= cov.open_schools
    for table in (cov.by_area, cov.by_phase, cov.by_sle):
        assert table[L.DB_Y1_COVERAGE].between(0, 1).all() and table[L.DB_COVERAGE].between(0, 1).all()
        assert sum(table[L.DB_OPEN]) == cov.open_schools


# ---- issue items and decisions
def typed_settings(**overrides):
    lists = pd.DataFrame(
        {
            L.LIST_VISIT_TYPE: ["Audit", "Network meeting"],
            L.LIST_COUNTS_AS_VISIT: ["Yes", "No"],
            L.LIST_SCORED: ["Yes", "No"],
        }
    )
    return settings_from_frame(settings_frame(**overrides), lists)


def test_blank_rows_are_not_open_schools():
    blank = dict.fromkeys(school(0, "x"))
    schools = pd.concat([schools_frame(), pd.DataFrame([blank, {**blank, L.SCH_STATUS: "Open"}])])
    cov = cover(schools.reset_index(drop=True), visits_frame())
    assert (cov.open_schools, cov.closed_schools, cov.visited_year1) == (7, 1, 5)
    assert cov.unvisited[L.SCH_URN].tolist() == [100003]  # no blank row among the schools to visit


def test_a_network_meeting_is_not_a_visit():
    meeting = {**visit("V14", 100003, datetime(2015, 4, 1), None), L.VIS_TYPE: "Network meeting"}
    visits = pd.concat([visits_frame(), pd.DataFrame([meeting])]).reset_index(drop=True)
    with_types, without = (
        cover(schools_frame(), visits, settings=typed_settings()),
        cover(schools_frame(), visits),
    )
    assert (with_types.visited_year1, with_types.visited_plan) == (5, 6)  # Castle High still not visited
    assert (without.visited_year1, without.visited_plan) == (6, 7)  # no Lists flags: every row counts


def test_year_1_coverage_counts_to_the_year_1_coverage_deadline():
    # Abbey 1 Oct 2014, Brook 1 Nov 2014, Fern 10 Jan 2015 by 31 Jan 2015; Glebe 1 Feb, Hill 1 Mar after
    january = settings_from_frame(settings_frame(**{L.S_Y1_DEADLINE: datetime(2015, 1, 31)}))
    cov = cover(schools_frame(), visits_frame(), settings=january)
    assert (cov.plan.year1_end, cov.visited_year1, round(cov.year1, 2)) == (date(2015, 1, 31), 3, 0.43)
    assert cov.visited_plan == 6  # the whole plan is unchanged
    outside = settings_from_frame(settings_frame(**{L.S_Y1_DEADLINE: datetime(2017, 1, 1)}))
    assert cover(schools_frame(), visits_frame(), settings=outside).plan.year1_end == date(2015, 8, 31)
