"""The plan's measures, the action lists, impact and the Objectives they are linked to, counted
on the test hub (tests/refresh_fixture.py, as of 31 January 2016). Every expected figure is
worked by hand from the fixture's comments and docs/rules.md, not by the code under test."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from smep_xl import layout as L
from smep_xl.actions.refresh import RefreshOptions, compute, refresh
from smep_xl.domain.dashboard_lists import T_DUE_SOON, T_FELL, T_NEVER, T_NOT_ENGAGED, T_OVERDUE
from smep_xl.domain.dashboard_status import DB_COUNT, DB_MEASURE, DB_STATUS
from smep_xl.domain.impact import T_ENGAGED, T_IMPROVING, T_MOVEMENT
from tests.refresh_fixture import AS_OF, hub_book, hub_frames

# URN -> what the hub's staff typed in the plan's input columns (Dale Academy is closed)
TYPED = {
    100001: {L.SCH_MUSIC_IN_SDP: "Yes", L.SCH_FIRST_ACCESS: "Yes", L.SCH_ENGAGEMENT: "Engaged"},
    100002: {L.SCH_MUSIC_IN_SDP: "Yes", L.SCH_FIRST_ACCESS: "No", L.SCH_AWARD_APPLIED: "Yes"},
    100003: {L.SCH_ENGAGEMENT: "No response", L.SCH_MDP: "Yes"},
    100004: {L.SCH_MUSIC_IN_SDP: "Yes", L.SCH_MDP: "Yes", L.SCH_ENGAGEMENT: "Declined"},
    100006: {L.SCH_ENGAGEMENT: "Declined", L.SCH_AWARD: "Gold"},
    100007: {L.SCH_MUSIC_IN_SDP: "yes", L.SCH_AWARD: "Silver"},
    100008: {L.SCH_MUSIC_IN_SDP: "Maybe", L.SCH_FIRST_ACCESS: "Yes"},
}


def typed_frames(**settings) -> dict[str, pd.DataFrame]:
    frames = hub_frames(**settings)
    schools = frames[L.SCHOOLS]
    for urn, cells in TYPED.items():
        for column, value in cells.items():
            schools.loc[schools[L.SCH_URN] == urn, column] = value
    objectives = frames[L.OBJECTIVES]
    objectives[L.OBJ_MEASURE] = None
    objectives.loc[0, L.OBJ_MEASURE] = L.M_PLAN_COVERAGE  # Mar/Apr 2015 at 20% typed: past due
    objectives.loc[2, L.OBJ_MEASURE] = L.M_Y1_COVERAGE  # Feb 2016 at 10% typed
    objectives.loc[7, L.OBJ_MEASURE] = "Coverage"  # not a measure: the typed 5% stands
    return frames


@pytest.fixture(scope="module")
def done():
    from smep_xl.adapters.memory.workbook import MemoryWorkbook

    book = MemoryWorkbook(typed_frames())
    return compute({n: book.read_table(n) for n in book.sheet_names()}, as_of=AS_OF, today=date(2016, 3, 1))


def statuses(done) -> dict[str, tuple[str, str]]:
    frame = done.dashboard.status.frame
    return {r[DB_MEASURE]: (r[DB_COUNT], r[DB_STATUS]) for r in frame.to_dict("records")}


def test_every_measure_counted_against_its_target(done):
    assert statuses(done) == {
        L.M_Y1_COVERAGE: ("5 of 7", L.MET),  # 60% of 7 rounds up to 5
        L.M_Y2_COVERAGE: ("2 of 7", L.ON_TRACK),  # Elm and Hill since 1 Sep 2015; the line asks 1.25 of 3
        L.M_PLAN_COVERAGE: ("6 of 7", L.ON_TRACK),  # the line asks 7 x 517/730 = 5.0
        L.M_REPEAT: ("1 of 2", L.BEHIND),  # Brook and Hill were Red; Brook's repeat was due 1 Mar 2015
        L.M_SDP_Y1: (
            "3 of 7",
            L.BEHIND,
        ),  # Abbey, Brook, Glebe (Maybe is no Yes; Dale is closed): due 31 Aug 2015
        L.M_SDP_PLAN: ("3 of 7", L.BEHIND),  # 5.0 by now, less a margin of 0.7
        L.M_AWARD: ("2 of 4", L.MET),  # cohort 1: Brook applied, Glebe holds Silver (Fern has no cohort)
        L.M_FIRST_ACCESS: ("2 of 3", L.AT_RISK),  # recorded for Abbey, Brook, Hill; 80% of 3 is 3; 2.1 by now
        L.M_ENGAGED: (
            "5 of 7",
            L.ON_TRACK,
        ),  # Abbey; and visited, not marked otherwise: Brook, Elm, Glebe, Hill
        L.M_MDP: ("1 of 7", L.BEHIND),  # Castle High (Dale's is a closed school's)
    }


def test_the_headline_counts_the_words_and_names_what_is_behind(done):
    assert done.dashboard.headline == (
        "31 January 2016: of 10 targets, 2 met, 3 on track, 1 at risk, 4 behind. Behind: Repeat visits for Red schools, "
        "Music in SDP, year 1, Music in SDP, whole plan, Music Development Plans published."
    )


def lists(done) -> dict[str, pd.DataFrame]:
    return {t.title: t for t in done.dashboard.tables if t.link_column}


def test_each_action_list_most_urgent_first_with_a_link_to_the_schools_row(done):
    found = lists(done)
    overdue = found[T_OVERDUE]
    assert overdue.frame[[L.SCH_NAME, "Visit", "Days Overdue"]].values.tolist() == [
        ["Brook Primary", "Repeat visit", 336],  # Red since 1 Nov 2014, due 1 Mar 2015
        ["Fern Primary", "Follow-up", 21],  # visited 10 Jan 2015, a year on
    ]
    assert overdue.links == ("Schools!B3", "Schools!B7")  # the sheet's rows 3 and 7
    soon = found[T_DUE_SOON.format(4)]
    assert soon.frame[[L.SCH_NAME, "Due", "Days Left"]].values.tolist() == [
        ["Glebe Primary", date(2016, 2, 1), 1]
    ]
    never = found[T_NEVER]
    assert never.frame[[L.SCH_NAME, L.SCH_SLE, "Days Left"]].values.tolist() == [["Castle High", "Ben", 213]]
    fell = found[T_FELL]
    assert fell.frame[[L.SCH_NAME, L.SCH_PREV_RAG, L.SCH_RAG]].values.tolist() == [
        ["Abbey Primary", "Green", "Amber"]
    ]
    quiet = found[T_NOT_ENGAGED]
    assert quiet.frame[[L.SCH_NAME, L.SCH_ENGAGEMENT]].values.tolist() == [
        ["Castle High", "No response"],  # no response first: they may still say yes
        ["Fern Primary", "Declined"],
    ]
    assert [t.note for t in (overdue, never)] == [
        "All 2, repeat visits first, then most overdue.",
        "All 1, soonest due first.",
    ]


def test_a_list_longer_than_the_setting_shows_the_first_and_says_how_many(tmp_path):
    from smep_xl.adapters.memory.workbook import MemoryWorkbook

    frames = typed_frames(**{L.S_LIST_ROWS: 5})
    frames[L.SCHOOLS] = pd.concat(
        [frames[L.SCHOOLS]]
        + [
            pd.DataFrame([{L.SCH_URN: 110000 + i, L.SCH_NAME: f"New {i}", L.SCH_STATUS: "Open"}])
            for i in range(7)
        ],
        ignore_index=True,
    )
    book = MemoryWorkbook(frames)
    got = compute({n: book.read_table(n) for n in book.sheet_names()}, as_of=AS_OF, today=date(2016, 3, 1))
    never = lists(got)[T_NEVER]
    assert len(never.frame) == 5 and never.total == 8 and never.cap == 5
    assert never.note == "The first 5 of 8, soonest due first; filter the Schools sheet for the rest."
    # all due 31 Aug 2016 (cohort 2, or no cohort: the end of the plan); no SLE yet sorts first
    assert never.frame[L.SCH_NAME].tolist() == ["New 0", "New 1", "New 2", "New 3", "New 4"]


def test_impact_by_area_and_overall(done):
    tables = {t.title: t for t in done.dashboard.tables}
    improving = tables[T_IMPROVING].frame.set_index(L.SCH_AREA)
    # North: Abbey declined, Brook, Glebe and Hill rated once; South: Elm improved, Castle not rated;
    # (blank): Fern, never rated
    assert improving.loc["North"].tolist() == [0, 0, 1, 3, 0]
    assert improving.loc["South"].tolist() == [1, 0, 0, 0, 1]
    assert improving.loc["All areas"].tolist() == [1, 0, 1, 3, 2]
    engaged = tables[T_ENGAGED].frame.set_index(L.SCH_AREA)
    assert engaged.loc[
        "All areas", [L.ENGAGED, L.NO_RESPONSE, L.DECLINED, "Not Recorded", L.DB_OPEN]
    ].tolist() == [
        5,
        1,
        1,
        0,
        7,
    ]
    assert tables[T_ENGAGED].note.startswith("Every open school engaged: not yet: 2 are not.")
    movement = tables[T_MOVEMENT].frame.set_index("Rated At")  # Abbey Green -> Amber, Elm Amber -> Green
    assert movement.loc["Previous visit"].tolist() == [0, 1, 1] and movement.loc["Latest visit"].tolist() == [
        0,
        1,
        1,
    ]


def test_linked_objectives_are_rated_on_the_measure_and_the_rest_on_their_typed_progress(done):
    t = done.targets
    rows = t.index  # worksheet rows 2, 3, ...
    assert t.loc[rows[0], [L.OBJ_MEASURED, L.OBJ_MEASURED_PROGRESS, L.OBJ_BRAG]].tolist() == [
        "86% (6 of 7)",
        86,  # 6 of the 7 needed
        L.RED,  # past due all the same
    ]
    assert t.loc[rows[2], [L.OBJ_MEASURED, L.OBJ_MEASURED_PROGRESS, L.OBJ_BRAG]].tolist() == [
        "71% (5 of 7)",
        100,
        L.BLUE,  # the measured year 1 coverage is met; typed 10% would have been Amber
    ]
    assert t.loc[rows[7], [L.OBJ_MEASURED, L.OBJ_BRAG]].tolist() == [None, L.GREEN]  # typed 5%, far off
    assert t[L.OBJ_MEASURED].notna().sum() == 2


def test_refresh_never_writes_progress_and_writes_measured_only_where_the_grid_has_a_measure_column():
    book = hub_book()
    refresh(book, RefreshOptions(as_of=AS_OF))
    assert L.OBJ_MEASURED not in book.tables[L.OBJECTIVES].columns  # a grid from before the Measure column
    from smep_xl.adapters.memory.workbook import MemoryWorkbook

    frames = typed_frames()

    def progress(frame: pd.DataFrame) -> list:
        return [None if pd.isna(v) else v for v in frame[L.OBJ_PROGRESS]]

    typed = progress(frames[L.OBJECTIVES])
    book = MemoryWorkbook(frames)
    refresh(book, RefreshOptions(as_of=AS_OF))
    assert progress(book.tables[L.OBJECTIVES]) == typed
    assert book.tables[L.OBJECTIVES][L.OBJ_MEASURED].notna().sum() == 2
