"""History on the Dashboard: each measure over the snapshots against its target line, and how
school RAG ratings moved between the last two snapshots (docs/history.md).

Both are tables with a native chart over them, added to the Dashboard model so every workbook
adapter lays them out and draws them alike. Only snapshots taken for the as-of date or before
count, so refreshing as of a past date shows the history as it stood then. A workbook without
snapshots gets one line saying how to start them (the Close term button).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.dashboard_model import Chart, Dashboard, DashboardTable
from smep_xl.domain.history import History, Snapshot
from smep_xl.domain.status import Assessed, day_text

T_START = "The plan over the terms"
START_NOTE = (
    "No snapshots yet. At the end of each term press Close term (or run smep snapshot) to record "
    "the plan's figures on the History sheet; Refresh then charts each target over the terms here."
)
T_MOVES = "School RAG movement between snapshots"
DB_SNAPSHOT, DB_AS_OF, DB_FIGURE, DB_AIM = "Snapshot", "As Of", "Figure", "Target"
DB_MOVE = "Move"
NOW = "Now"
RAG_STEPS = (L.RED, L.AMBER, L.GREEN)  # worst to best
MOVES = [  # better first, then worse
    (L.RED, L.AMBER),
    (L.RED, L.GREEN),
    (L.AMBER, L.GREEN),
    (L.AMBER, L.RED),
    (L.GREEN, L.AMBER),
    (L.GREEN, L.RED),
]
NO_CHANGE = "No change"


def add_history(dashboard: Dashboard, history: History, statuses: list[Assessed], as_of: date) -> None:
    """Append the history tables and their charts to a built Dashboard."""
    snaps = [s for s in history.snapshots if s.as_of <= as_of]
    if not snaps:
        empty = pd.DataFrame(columns=[DB_SNAPSHOT, DB_AS_OF], dtype=object)  # what each term adds
        dashboard.tables.append(DashboardTable(T_START, empty, note=START_NOTE))
        return
    figures = _measure_figures(history)
    for assessed in statuses:
        table = measure_table(figures, snaps, assessed, as_of)
        if table.title in {t.title for t in dashboard.tables}:
            continue  # a measure named twice is charted once
        dashboard.tables.append(table)
        dashboard.charts.append(
            Chart(
                "line",
                f"{assessed.goal.measure}: over the terms, against its target",
                table.title,
                DB_SNAPSHOT,
                (DB_FIGURE, DB_AIM),
            )
        )
    if len(snaps) >= 2:
        moves = movement_table(history, snaps[-2], snaps[-1])
        dashboard.tables.append(moves)
        title = f"How did school ratings move? Open schools by change of RAG, {snaps[-2].label} to {snaps[-1].label}"
        dashboard.charts.append(Chart("bar", title, T_MOVES, DB_MOVE, (L.DB_SCHOOLS,)))


def _measure_figures(history: History) -> dict[tuple[str, str], tuple[object, object]]:
    """(snapshot label, measure name) -> (figure, target), from History's measure rows."""
    rows = history.rows[history.rows[L.HIS_KIND] == L.KIND_MEASURE]
    out: dict[tuple[str, str], tuple[object, object]] = {}
    for label, name, figure, target in zip(
        rows[L.HIS_SNAPSHOT], rows[L.HIS_NAME], rows[L.HIS_FIGURE], rows[L.HIS_TARGET], strict=True
    ):
        out.setdefault((label, str(name or "")), (figure, target))
    return out


def measure_table(
    figures: dict[tuple[str, str], tuple[object, object]],
    snaps: list[Snapshot],
    assessed: Assessed,
    as_of: date,
) -> DashboardTable:
    """One measure at each snapshot (and now, when no snapshot was taken for the as-of date)."""
    name = assessed.goal.measure
    rows = [[s.label, s.as_of, *figures.get((s.label, name), (None, None))] for s in snaps]
    if snaps[-1].as_of != as_of:
        rows.append([NOW, as_of, round(assessed.share, 6), assessed.goal.target])
    frame = pd.DataFrame(rows, columns=[DB_SNAPSHOT, DB_AS_OF, DB_FIGURE, DB_AIM], dtype=object)
    frame = frame.astype(object).where(frame.notna(), None)
    note = f"{name} at each snapshot on History and on {day_text(as_of)}, against the target it had then."
    return DashboardTable(f"{name} over the terms", frame, percent_columns=(DB_FIGURE, DB_AIM), note=note)


def _rag_by_school(history: History, snap: Snapshot, open_only: bool) -> dict[str, str]:
    rows = history.of(snap.label, L.KIND_SCHOOL)
    if open_only:
        rows = rows[rows[L.HIS_OPEN] == L.YES]
    urns = [_key(v) for v in rows[L.HIS_URN].tolist()]
    return {u: s for u, s in zip(urns, rows[L.HIS_STATUS].tolist(), strict=True) if u and s in RAG_STEPS}


def _key(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def movement_table(history: History, before: Snapshot, after: Snapshot) -> DashboardTable:
    """Open schools rated at both snapshots, by how their RAG moved: every move, even none."""
    was, now = _rag_by_school(history, before, False), _rag_by_school(history, after, True)
    both = [(was[u], now[u]) for u in now if u in was]
    counts = {move: sum(1 for pair in both if pair == move) for move in MOVES}
    better = sum(n for (a, b), n in counts.items() if RAG_STEPS.index(b) > RAG_STEPS.index(a))
    worse = sum(counts.values()) - better
    same = len(both) - better - worse
    frame = pd.DataFrame(
        {
            DB_MOVE: [f"{a} to {b}" for a, b in MOVES] + [NO_CHANGE],
            L.DB_SCHOOLS: [counts[m] for m in MOVES] + [same],
        },
        dtype=object,
    )
    note = (
        f"Open schools rated at both {before.label} ({day_text(before.as_of)}) and {after.label} "
        f"({day_text(after.as_of)}): {better} better, {worse} worse, {same} the same."
    )
    return DashboardTable(T_MOVES, frame, note=note)
