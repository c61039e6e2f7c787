"""`smep new-plan`: the next plan's workbook; the old one byte-identical; ratings carried over."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest

from smep_xl import layout as L
from smep_xl.actions.new_plan import NewPlanOptions, new_plan
from smep_xl.actions.refresh import compute
from smep_xl.adapters.memory.workbook import MemoryWorkbook
from tests.helpers import schemas
from tests.helpers.cli import run_smep, smep_ok
from tests.refresh_fixture import hub_frames, visit
from tests.refresh_package import write_hub_workbook

START = date(2016, 9, 1)


def rolled(**settings) -> dict[str, pd.DataFrame]:
    frames = hub_frames(**settings)
    frames[L.SCHOOLS]["Hub Contact"] = [f"contact {i}" for i in range(len(frames[L.SCHOOLS]))]
    frames[L.OBJECTIVES][L.OBJ_NEXT_YEAR] = ["Next 1", None, "Next 3", None, None, None, None, None]
    written: dict = {}
    new_plan(MemoryWorkbook(frames), NewPlanOptions("next.xlsx", START, lambda p, f: written.update(f), 3))
    return written


def table(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:] if any(v is not None for v in r)]


def test_objectives_take_their_next_year_target():
    objectives = rolled()[L.OBJECTIVES]
    assert objectives[L.OBJ_TARGET].tolist()[:4] == ["Next 1", "Target 2", "Next 3", "Target 4"]
    for name in (L.OBJ_BY_WHEN, L.OBJ_STATUS, L.OBJ_PROGRESS, L.OBJ_NEXT_YEAR):
        assert objectives[name].isna().all(), name
    assert not set(L.OBJECTIVES_SPEC.computed) & set(objectives.columns)


def test_settings_start_the_new_plan_and_move_the_deadline_on():
    settings = rolled(**{L.S_Y1_DEADLINE: datetime(2015, 7, 31), L.S_AS_OF: datetime(2015, 1, 1)})
    values = dict(zip(settings[L.SETTINGS][L.SET_NAME], settings[L.SETTINGS][L.SET_VALUE], strict=True))
    assert values[L.S_PLAN_START] == START and values[L.S_PLAN_YEARS] == 3
    assert values[L.S_Y1_DEADLINE] == date(2017, 7, 31)  # two whole years on, as the start moved
    assert values[L.S_AS_OF] is None and values[L.S_HUB_NAME] == "Test Hub"


def test_schools_keep_their_own_columns_and_carry_their_last_rating():
    schools = rolled()[L.SCHOOLS].set_index(L.SCH_URN)
    assert schools["Hub Contact"].tolist()[0] == "contact 0"
    # By hand from the fixture: the latest rated visit of each school up to 31 Aug 2016
    assert schools.at[100001, L.SCH_CARRIED_RAG] == L.AMBER  # V02, exactly 2.0
    assert schools.at[100002, L.SCH_CARRIED_RAG] == L.RED
    assert schools.at[100007, L.SCH_CARRIED_RAG] == L.RED  # V09 (1 Mar 2016) now counts
    assert schools.at[100003, L.SCH_CARRIED_RAG] is None
    assert schools.at[100002, L.SCH_CARRIED_LAST] == date(2014, 11, 1)
    assert not set(L.SCHOOLS_SPEC.computed) & set(schools.columns)


def test_the_carried_rating_continues_trend_and_repeat_visits():
    frames = rolled()
    frames[L.VISITS] = pd.DataFrame([visit("N1", 100001, datetime(2016, 10, 1), 4)])
    done = compute(frames, as_of=date(2016, 12, 1), today=date(2016, 12, 1))
    schools = done.schools.set_index(frames[L.SCHOOLS][L.SCH_URN].reindex(done.schools.index))
    assert (schools.at[100001, L.SCH_RAG], schools.at[100001, L.SCH_PREV_RAG]) == (L.GREEN, L.AMBER)
    assert schools.at[100001, L.SCH_TREND] == L.IMPROVING and schools.at[100001, L.SCH_VISITS] == 1
    assert schools.at[100002, L.SCH_TARGETED] == L.YES and schools.at[100002, L.SCH_VISITS] == 0
    assert done.result.coverage.visited_plan == 1  # a carried visit is not a visit in the plan
    owed = done.extra["ratings"].owed
    keys = list(done.extra["ratings"].key)
    assert owed[keys.index("100002")] and owed[keys.index("100007")]


def test_the_command_writes_a_valid_workbook_and_leaves_the_old_one_alone(tmp_path):
    old = write_hub_workbook(hub_frames(), tmp_path / "hub.xlsx")
    before = old.read_bytes()
    out = smep_ok("new-plan", old, tmp_path / "next.xlsx", "--start", "2016-09-01")
    assert "hub.xlsx was not changed" in out
    assert old.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == [
        "hub.xlsx",
        "next.xlsx",
    ]
    book = openpyxl.load_workbook(tmp_path / "next.xlsx")
    schools = {r[L.SCH_URN]: r for r in table(book[L.SCHOOLS])}
    assert schools[100002][L.SCH_CARRIED_RAG] == L.RED
    assert table(book[L.VISITS]) == []
    assert L.HISTORY not in book.sheetnames
    assert (
        schemas.audit(tmp_path / "next.xlsx") == {} and schemas.package_problems(tmp_path / "next.xlsx") == {}
    )
    smep_ok("refresh", tmp_path / "next.xlsx", "--as-of", "2016-10-01")


@pytest.mark.parametrize("target", ["hub.xlsx", "exists.xlsx"])
def test_it_never_writes_over_a_file(tmp_path, target):
    old = write_hub_workbook(hub_frames(), tmp_path / "hub.xlsx")
    (tmp_path / "exists.xlsx").write_bytes(b"mine")
    before = old.read_bytes()
    code, _, err = run_smep("new-plan", old, tmp_path / target, "--start", "2016-09-01")
    assert code == 2 and err.count("\n") == 1
    assert old.read_bytes() == before and (tmp_path / "exists.xlsx").read_bytes() == b"mine"
