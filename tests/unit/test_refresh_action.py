"""The Refresh action on the in-memory workbook: what it writes, golden tables, idempotence."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smep_xl import layout as L
from smep_xl.actions.refresh import RefreshOptions, refresh
from smep_xl.adapters.memory.workbook import MemoryWorkbook
from tests.refresh_fixture import AS_OF, hub_book, hub_frames, school, visit

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
SCHOOL_COLUMNS = [L.SCH_URN, L.SCH_NAME, L.SCH_STATUS, *L.SCHOOLS_SPEC.computed[:-1]]


def golden(name: str, frame: pd.DataFrame) -> None:
    """Compare with tests/golden/<name>; SMEP_UPDATE_GOLDEN=1 rewrites it (review the diff)."""
    path = GOLDEN / name
    got = frame.to_csv(index=False, lineterminator="\n")
    if os.environ.get("SMEP_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8"), f"{name} differs; diff it against the output above"


def test_golden_school_results():
    book = hub_book()
    refresh(book, RefreshOptions(as_of=AS_OF))
    golden("refresh_schools.csv", book.tables[L.SCHOOLS][SCHOOL_COLUMNS])


def test_golden_coverage():
    book = hub_book()
    result = refresh(book, RefreshOptions(as_of=AS_OF))
    cov = result.coverage
    parts = [
        table.rename(columns={by: "Group"}).assign(By=by)
        for by, table in ((L.SCH_AREA, cov.by_area), (L.SCH_PHASE, cov.by_phase), (L.SCH_SLE, cov.by_sle))
    ]
    overall = pd.DataFrame(
        [
            {
                "By": "All",
                "Group": "All open schools",
                L.DB_OPEN: cov.open_schools,
                L.DB_VISITED_Y1: cov.visited_year1,
                L.DB_Y1_COVERAGE: cov.year1,
                L.DB_Y1_TARGET: cov.year1_target,
                L.DB_VISITED: cov.visited_plan,
                L.DB_COVERAGE: cov.whole_plan,
                L.DB_TARGET: cov.plan_target,
                L.DB_UNVISITED: len(cov.unvisited),
                L.DB_TARGETED: result.school_rag[L.RED],
                L.DB_OWED: len(cov.repeat_owed),
            }
        ]
    )
    table = pd.concat([overall, *parts])[["By", "Group", *overall.columns[2:]]]
    for name in (L.DB_Y1_COVERAGE, L.DB_COVERAGE):
        table[name] = [round(float(x), 4) for x in table[name]]
    golden("refresh_coverage.csv", table)


def test_writes_every_computed_column_and_nothing_else():
    frames = hub_frames()
    frames[L.SCHOOLS][L.SCH_LAST_LETTER] = "kept"  # letters' column
    frames[L.SCHOOLS][L.SCH_RAG] = "Green"  # stale: Castle High has no visits
    frames[L.OBJECTIVES][L.OBJ_FINDINGS] = "kept"  # validate's column
    frames[L.VISITS][L.VIS_RAG] = "stale"
    book = MemoryWorkbook(frames)
    before = {name: table.copy() for name, table in book.tables.items()}
    refresh(book, RefreshOptions(as_of=AS_OF))
    assert book.saves == 1 and book.dashboard is not None
    schools = book.tables[L.SCHOOLS]
    assert (
        schools[L.SCH_LAST_LETTER].eq("kept").all()
        and book.tables[L.OBJECTIVES][L.OBJ_FINDINGS].eq("kept").all()
    )
    assert schools.loc[4, L.SCH_RAG] is None  # the stale Green is cleared
    assert book.tables[L.VISITS].loc[8, L.VIS_RAG] is None  # too few scores: cleared too
    assert book.tables[L.VISITS][L.VIS_LETTER].equals(before[L.VISITS][L.VIS_LETTER])
    owned = {
        L.OBJECTIVES: L.OBJECTIVES_SPEC.computed[:3],
        L.SCHOOLS: L.SCHOOLS_SPEC.computed[:-1],
        L.VISITS: (L.VIS_SCORE, L.VIS_RAG),
    }
    for sheet, table in book.tables.items():
        others = [c for c in before[sheet].columns if c not in owned.get(sheet, ())]
        assert table[others].equals(before[sheet][others]), sheet


def test_written_values_are_dates_floats_words_or_none():
    book = hub_book()
    refresh(book, RefreshOptions(as_of=AS_OF))
    schools = book.tables[L.SCHOOLS]
    assert {type(v) for v in schools[L.SCH_VISITS]} == {float}
    assert {type(v) for v in schools[L.SCH_NEXT_DUE]} <= {date, type(None)}
    assert not any(isinstance(v, datetime) for v in schools[L.SCH_LAST_VISIT])
    assert {type(v) for v in book.tables[L.OBJECTIVES][L.OBJ_DAYS_LEFT]} == {float, type(None)}


def test_as_of_comes_from_the_argument_then_the_setting_then_today():
    assert refresh(hub_book(**{L.S_AS_OF: datetime(2015, 3, 1)}), RefreshOptions(as_of=AS_OF)).as_of == AS_OF
    assert refresh(hub_book(**{L.S_AS_OF: datetime(2015, 3, 1)}), RefreshOptions(today=AS_OF)).as_of == date(
        2015, 3, 1
    )
    assert refresh(hub_book(), RefreshOptions(today=AS_OF)).as_of == AS_OF
    assert refresh(hub_book()).as_of == date.today()


def test_to_json_is_plain_json_with_kpis_and_every_school():
    result = refresh(hub_book(), RefreshOptions(as_of=AS_OF))
    doc = json.loads(json.dumps(result.to_json()))  # no default=: every value is plain JSON
    assert doc["as_of"] == "2016-01-31" and doc["coverage"]["year1"] == 0.7143
    assert doc["kpis"][0] == {"label": "Open schools", "value": 7, "note": "1 closed school(s) not counted"}
    brook = next(s for s in doc["schools"] if s[L.SCH_URN] == "100002")
    assert brook[L.SCH_RAG] == L.RED and brook[L.SCH_NEXT_DUE] == "2015-03-01" and brook[L.DB_OWED] is True
    assert brook[L.SCH_VISITS] == 1 and len(doc["schools"]) == 8
    assert [(f["code"], f["address"]) for f in doc["findings"]] == [  # each row left out, and why
        ("objective.by_when.unreadable", "Objectives!C8"),
        ("visit.urn.unknown", "Visits!B13"),
        ("visit.date.missing", "Visits!C14"),
        ("visit.scores.too_few", "Visits!I8"),
        ("visit.scores.too_few", "Visits!F12"),
    ]


def test_a_workbook_without_a_letter_log_or_visits_still_refreshes():
    frames = hub_frames()
    del frames[L.LETTER_LOG]
    frames[L.VISITS] = frames[L.VISITS].iloc[0:0]
    result = refresh(MemoryWorkbook(frames), RefreshOptions(as_of=AS_OF))
    assert result.coverage.visited_plan == 0 and result.letters == 0
    assert result.school_rag == {L.RED: 0, L.AMBER: 0, L.GREEN: 0, L.DB_NOT_RATED: 7}


def snapshot(book: MemoryWorkbook) -> dict:
    return {name: table.to_dict("split") for name, table in book.tables.items()}


def test_refresh_twice_gives_the_same_workbook():
    book = hub_book()
    refresh(book, RefreshOptions(as_of=AS_OF))
    first, dash = snapshot(book), book.dashboard
    refresh(book, RefreshOptions(as_of=AS_OF))
    assert snapshot(book) == first
    assert book.dashboard.kpis == dash.kpis and [c for c in book.dashboard.charts] == dash.charts
    assert all(a.frame.equals(b.frame) for a, b in zip(book.dashboard.tables, dash.tables, strict=True))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, 5),
            st.dates(date(2014, 1, 1), date(2017, 1, 1)),
            st.lists(st.one_of(st.none(), st.integers(0, 5)), min_size=8, max_size=8),
        ),
        max_size=12,
    ),
    st.dates(date(2014, 1, 1), date(2017, 1, 1)),
)
def test_refresh_is_idempotent_on_any_visit_log(visits, as_of):
    frames = hub_frames()
    frames[L.SCHOOLS] = pd.DataFrame(
        [school(i, f"S{i}", status="Closed" if i == 3 else "Open", cohort=i % 3) for i in range(5)]
    )
    frames[L.VISITS] = pd.DataFrame(
        [visit(f"V{n}", u, datetime(d.year, d.month, d.day), s) for n, (u, d, s) in enumerate(visits)]
        or [visit("V0", 0, None, None)]
    )
    book = MemoryWorkbook(frames)
    refresh(book, RefreshOptions(as_of=as_of))
    first = snapshot(book)
    refresh(book, RefreshOptions(as_of=as_of))
    assert snapshot(book) == first
