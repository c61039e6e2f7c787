"""History on the Dashboard, on History tables made by hand: each measure over the snapshots,
the movement between the last two, and the line that says how to start."""

from __future__ import annotations

from datetime import date

import pandas as pd

from smep_xl import layout as L
from smep_xl.adapters.live.blocks import dashboard_layout
from smep_xl.domain.dashboard_history import START_NOTE, T_MOVES, T_START, add_history
from smep_xl.domain.dashboard_model import Dashboard
from smep_xl.domain.dashboard_place import lay_out
from smep_xl.domain.history import empty_history, read_history
from smep_xl.domain.status import Assessed, Goal

COVERAGE = "Plan coverage"


def assessed(share_of_10: int, target: float = 0.9) -> Assessed:
    goal = Goal(COVERAGE, share_of_10, 10, target, date(2014, 9, 1), date(2016, 8, 31))
    return Assessed(goal, L.ON_TRACK, 0.0, 100, None)


def school(label: str, day: date, urn: int, rag: str | None, open_: str = L.YES) -> dict:
    return {
        L.HIS_SNAPSHOT: label,
        L.HIS_AS_OF: day,
        L.HIS_KIND: L.KIND_SCHOOL,
        L.HIS_NAME: f"School {urn}",
        L.HIS_URN: urn,
        L.HIS_STATUS: rag,
        L.HIS_OPEN: open_,
    }


def measure(label: str, day: date, figure: object, target: float) -> dict:
    return {
        L.HIS_SNAPSHOT: label,
        L.HIS_AS_OF: day,
        L.HIS_KIND: L.KIND_MEASURE,
        L.HIS_NAME: COVERAGE,
        L.HIS_FIGURE: figure,
        L.HIS_TARGET: target,
    }


AUT, SPR, SUM = date(2014, 12, 19), date(2015, 3, 27), date(2015, 7, 17)
# Autumn -> Spring, worked by hand: 1 Red->Amber, 2 Amber->Green, 1 Green->Red, 1 Amber stays,
# 106 closed by Spring (left out), 107 not rated in Autumn (left out), 108 new in Spring.
ROWS = [
    measure("Autumn 2014", AUT, 0.2, 0.9),
    measure("Spring 2015", SPR, 0.45, 0.9),
    measure("Summer 2015", SUM, 0.7, 0.9),
    school("Autumn 2014", AUT, 101, L.RED),
    school("Autumn 2014", AUT, 102, L.AMBER),
    school("Autumn 2014", AUT, 103, L.AMBER),
    school("Autumn 2014", AUT, 104, L.GREEN),
    school("Autumn 2014", AUT, 105, L.AMBER),
    school("Autumn 2014", AUT, 106, L.RED),
    school("Autumn 2014", AUT, 107, None),
    school("Spring 2015", SPR, 101, L.AMBER),
    school("Spring 2015", SPR, 102, L.GREEN),
    school("Spring 2015", SPR, 103, L.GREEN),
    school("Spring 2015", SPR, 104, L.RED),
    school("Spring 2015", SPR, 105, L.AMBER),
    school("Spring 2015", SPR, 106, L.GREEN, open_=L.NO),
    school("Spring 2015", SPR, 107, L.GREEN),
    school("Spring 2015", SPR, 108, L.RED),
]


def history(rows=ROWS):
    frame = pd.DataFrame(rows, columns=list(L.HISTORY_SPEC.columns), dtype=object)
    frame.index = range(2, len(frame) + 2)
    return read_history(frame)


def with_history(hist, as_of: date, share_of_10: int = 6) -> Dashboard:
    board = Dashboard("Hub")
    add_history(board, hist, [assessed(share_of_10)], as_of)
    return board


def table(board: Dashboard, title: str) -> pd.DataFrame:
    return next(t.frame for t in board.tables if t.title == title)


def test_without_snapshots_the_dashboard_says_how_to_start():
    board = with_history(empty_history(), date(2015, 3, 1))
    assert [t.title for t in board.tables] == [T_START] and board.charts == []
    assert "Close term" in START_NOTE
    placed = lay_out(board)
    assert any(c.value == START_NOTE for c in placed.cells)


def test_each_measure_over_the_snapshots_up_to_the_as_of_date_and_now():
    board = with_history(history(), date(2015, 5, 1))  # Summer 2015 is after it: not shown
    frame = table(board, f"{COVERAGE} over the terms")
    assert frame.values.tolist() == [
        ["Autumn 2014", AUT, 0.2, 0.9],
        ["Spring 2015", SPR, 0.45, 0.9],
        ["Now", date(2015, 5, 1), 0.6, 0.9],  # 6 of 10 today
    ]
    line = next(c for c in board.charts if c.table == f"{COVERAGE} over the terms")
    assert (line.kind, line.categories, line.values) == ("line", "Snapshot", ("Figure", "Target"))


def test_a_snapshot_on_the_as_of_date_is_the_last_point():
    frame = table(with_history(history(), SUM), f"{COVERAGE} over the terms")
    assert frame["Snapshot"].tolist() == ["Autumn 2014", "Spring 2015", "Summer 2015"]


def test_movement_between_the_last_two_snapshots_counts_each_move():
    board = with_history(history(), date(2015, 5, 1))
    frame = table(board, T_MOVES)
    moves = dict(zip(frame["Move"], frame[L.DB_SCHOOLS], strict=True))
    assert moves == {
        "Red to Amber": 1,
        "Red to Green": 0,
        "Amber to Green": 2,
        "Amber to Red": 0,
        "Green to Amber": 0,
        "Green to Red": 1,
        "No change": 1,
    }
    note = next(t.note for t in board.tables if t.title == T_MOVES)
    assert "Autumn 2014" in note and "Spring 2015" in note and "3 better, 1 worse, 1 the same" in note
    assert any(c.kind == "bar" and c.table == T_MOVES for c in board.charts)


def test_one_snapshot_has_no_movement_yet():
    board = with_history(history(), date(2015, 1, 10))
    assert T_MOVES not in [t.title for t in board.tables]
    assert table(board, f"{COVERAGE} over the terms")["Snapshot"].tolist() == ["Autumn 2014", "Now"]


def test_a_figure_typed_over_is_a_gap_and_a_finding():
    rows = [dict(r) for r in ROWS]
    rows[1][L.HIS_FIGURE] = "about half"
    hist = history(rows)
    assert [f.code for f in hist.findings] == ["history.number"]
    frame = table(with_history(hist, SUM), f"{COVERAGE} over the terms")
    assert frame["Figure"].tolist() == [0.2, None, 0.7]


def test_both_adapters_place_the_history_charts_on_the_same_cells():
    board = with_history(history(), date(2015, 5, 1))
    sheet = lay_out(board)
    live = dashboard_layout(board)
    assert [(p.row, p.col) for p in sheet.charts] == [c.anchor for c in live.charts]
    placed = sheet.tables[f"{COVERAGE} over the terms"]
    line = next(c for c in live.charts if "over the terms" in c.title)
    assert line.series == (placed.col("Figure"), placed.col("Target"))
    assert line.categories == (placed.col("Snapshot"), placed.header_row, placed.last_row)
