"""Refresh's figures count only rows Validate accepts (docs/rules.md, "Which rows count"),
checked through refresh's one pure compute on the small hub of tests/refresh_fixture.py."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smep_xl import layout as L
from smep_xl.actions.refresh import compute
from tests.refresh_fixture import AS_OF, hub_frames, visit
from tests.unit.test_validate_properties import workbooks

CASTLE, ABBEY_FIRST = 2, 0  # positions in the fixture's Schools and Visits frames


def frames(**settings) -> dict[str, pd.DataFrame]:
    return {name: frame.astype(object) for name, frame in hub_frames(**settings).items()}


def refreshed(tables: dict[str, pd.DataFrame]):
    return compute(tables, as_of=AS_OF, today=date(2016, 6, 1))


def test_blank_rows_count_nowhere_and_are_left_blank():
    t = frames()
    blank = dict.fromkeys(t[L.SCHOOLS].columns)
    t[L.SCHOOLS] = pd.concat([t[L.SCHOOLS], pd.DataFrame([blank, blank])], ignore_index=True)
    t[L.VISITS] = pd.concat(
        [t[L.VISITS], pd.DataFrame([dict.fromkeys(t[L.VISITS].columns)])], ignore_index=True
    )
    done = refreshed(t)
    cov = done.result.coverage
    assert (cov.open_schools, cov.closed_schools, cov.visited_year1, cov.visited_plan) == (7, 1, 5, 6)
    assert done.schools.iloc[-2:].isna().all().all()  # no Visits 0, no Next Visit Due
    assert done.visits.iloc[-1].isna().all()
    assert done.result.findings == refreshed(frames()).result.findings  # and nothing is said


def test_a_network_meeting_is_not_a_visit_when_lists_says_so():
    t = frames()
    meeting = {**visit("V14", 100003, datetime(2015, 4, 1), None), L.VIS_TYPE: "Network meeting"}
    t[L.VISITS] = pd.concat([t[L.VISITS], pd.DataFrame([meeting])], ignore_index=True)
    t[L.LISTS] = pd.DataFrame(
        {
            L.LIST_VISIT_TYPE: ["Audit", "Network meeting"],
            L.LIST_COUNTS_AS_VISIT: ["Yes", "No"],
            L.LIST_SCORED: ["Yes", "No"],
        },
        dtype=object,
    )
    done = refreshed(t)
    assert (done.result.coverage.visited_year1, done.result.coverage.visited_plan) == (5, 6)
    assert done.schools.iloc[CASTLE][L.SCH_VISITS] == 0.0  # Castle High: still not visited
    assert done.result.findings == refreshed(frames()).result.findings  # its scores are not asked for


def test_a_cohort_validate_rejects_gives_no_next_visit_due():
    t = frames()
    t[L.SCHOOLS].loc[CASTLE, L.SCH_COHORT] = "one"
    done = refreshed(t)
    assert done.schools.iloc[CASTLE][L.SCH_NEXT_DUE] is None  # was guessed as the end of the plan
    assert "school.cohort.invalid" in [f.code for f in done.result.findings]


def test_a_score_validate_rejects_feeds_no_score_and_says_so():
    t = frames()
    t[L.VISITS].loc[ABBEY_FIRST, "Teaching"] = 3.5
    done = refreshed(t)
    assert done.visits.iloc[ABBEY_FIRST].tolist() == [None, None]  # not (3 x 7 + 3.5) / 8 = 3.06
    [finding] = [f for f in done.result.findings if f.code == "visit.score.not_whole"]
    assert (
        finding.message == "Score 3.5 for Teaching is not a whole number, so this visit gets no Score or RAG."
    )
    abbey = done.schools.iloc[0]
    assert (abbey[L.SCH_VISITS], abbey[L.SCH_RAG], abbey[L.SCH_TREND]) == (
        2.0,
        L.AMBER,
        L.NEW,
    )  # still visited


def test_a_progress_validate_rejects_is_not_blue():
    t = frames()
    t[L.OBJECTIVES].loc[0, L.OBJ_PROGRESS] = 150
    done = refreshed(t)
    assert done.targets.iloc[0][L.OBJ_BRAG] is None and done.result.targets[L.DB_NOT_RATED] == 2


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workbooks(), st.dates(date(2000, 1, 1), date(2100, 12, 31)))
def test_refresh_never_raises_and_every_row_it_leaves_out_is_named(book, as_of):
    done = compute(book, as_of=as_of, today=date(2016, 6, 1))
    for sheet, frame in ((L.SCHOOLS, done.schools), (L.VISITS, done.visits), (L.OBJECTIVES, done.targets)):
        given_rows = book[sheet].frame.index if sheet in book else []
        assert list(frame.index) == list(given_rows)  # one computed row per row read, none lost
    for f in done.result.findings:
        assert f.sheet in book and (f.row is None or f.row in book[f.sheet].frame.index or f.row == 1)
