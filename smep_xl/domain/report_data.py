"""The board report's data: every figure taken from the Dashboard Refresh builds for the same
as-of date (so the two always agree), plus what History adds: RAG over the snapshots, how
schools moved since the previous snapshot, and what changed (docs/report.md lists the fields).

Numbers are formatted here as the Dashboard shows them (a share as "58%", a count as "1,204"),
so the template only places text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.dashboard import T_AREA, T_BRAG, T_PHASE, T_RAG, T_SLE
from smep_xl.domain.dashboard_model import Dashboard, DashboardTable
from smep_xl.domain.dashboard_status import (
    DB_BY,
    DB_COUNT,
    DB_GAP,
    DB_GOAL,
    DB_MEASURE,
    DB_NOW,
    DB_STATUS,
    DB_TIME_LEFT,
)
from smep_xl.domain.history import History, Snapshot
from smep_xl.domain.rag import SchoolRatings
from smep_xl.domain.status import day_text

LISTED = 40  # schools named in the targeted-support list; the rest are counted
RAG_WORDS = (L.RED, L.AMBER, L.GREEN)
Row = dict[str, object]  # one row of a table in the report template


def pct(value: object) -> str:
    return f"{value:.0%}" if isinstance(value, (int, float)) and not isinstance(value, bool) else ""


def count(value: object) -> str:
    return f"{int(value):,}" if isinstance(value, (int, float)) and value == value else ""


def _day(value: object) -> str:
    return day_text(value) if isinstance(value, date) else ""


def table_of(dashboard: Dashboard, title: str) -> pd.DataFrame:
    found = next((t for t in dashboard.tables if t.title == title), None)
    return found.frame if found is not None else pd.DataFrame()


def measures(status: DashboardTable | None) -> list[Row]:
    frame = status.frame if status is not None else pd.DataFrame()
    return [
        {
            "name": r[DB_MEASURE],
            "now": pct(r[DB_NOW]),
            "counted": r[DB_COUNT] or "",
            "aim": pct(r[DB_GOAL]),
            "due": _day(r[DB_BY]),
            "status": r[DB_STATUS] or "",
            "gap": r[DB_GAP] or "",
            "time_left": r[DB_TIME_LEFT] or "",
        }
        for r in frame.to_dict("records")
    ]


def counts(frame: pd.DataFrame, label: str, value: str) -> list[Row]:
    return [{"name": r[label], "count": count(r[value])} for r in frame.to_dict("records")]


def coverage_rows(frame: pd.DataFrame, name: str, in_year1: bool) -> list[Row]:
    share, aim = (L.DB_Y1_COVERAGE, L.DB_Y1_TARGET) if in_year1 else (L.DB_COVERAGE, L.DB_TARGET)
    visited = L.DB_VISITED_Y1 if in_year1 else L.DB_VISITED
    return [
        {
            "name": r[name],
            "open": count(r[L.DB_OPEN]),
            "visited": count(r[visited]),
            "coverage": pct(r[share]),
            "target": pct(r[aim]),
        }
        for r in frame.to_dict("records")
    ]


def at_risk(objectives: pd.DataFrame, targets: pd.DataFrame) -> list[Row]:
    """Objectives rows rated Red or Amber, worst first."""
    brag = targets[L.OBJ_BRAG] if L.OBJ_BRAG in targets.columns else pd.Series(dtype=object)
    rows = []
    for row, word in brag.items():
        if word in (L.RED, L.AMBER):
            rows.append(
                {
                    "no": _text(objectives.at[row, L.OBJ_NO]) if L.OBJ_NO in objectives.columns else "",
                    "target": _text(objectives.at[row, L.OBJ_TARGET]) if L.OBJ_TARGET in objectives else "",
                    "rag": word,
                    "due": _day(targets.at[row, L.OBJ_DUE]) if L.OBJ_DUE in targets.columns else "",
                }
            )
    return sorted(rows, key=lambda r: r["rag"] != L.RED)


def _text(value: object) -> str:
    if value is None or value != value:
        return ""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def targeted(schools: pd.DataFrame, ratings: SchoolRatings) -> tuple[list[Row], int]:
    """Open schools in Targeted Support: the first LISTED by name, and how many in all."""
    frame = ratings.frame
    mask = (frame[L.SCH_TARGETED] == L.YES).to_numpy() & ratings.open
    names = schools[L.SCH_NAME] if L.SCH_NAME in schools.columns else pd.Series("", index=schools.index)
    # whole columns taken once: a national hub has thousands of schools in Targeted Support
    name, last, due = (
        c.to_numpy(dtype=object) for c in (names, frame[L.SCH_LAST_VISIT], frame[L.SCH_NEXT_DUE])
    )
    rows = [
        {
            "urn": ratings.key[i],
            "school": _text(name[i]),
            "last_visit": _day(last[i]),
            "next_due": _day(due[i]),
        }
        for i in mask.nonzero()[0]
    ]
    rows.sort(key=lambda r: r["school"].casefold())
    return rows[:LISTED], len(rows)


def previous(history: History, as_of: date, label: str = "") -> Snapshot | None:
    """The latest snapshot before the as-of date (not the one taken for it)."""
    before = [s for s in history.snapshots if s.as_of < as_of and s.label != label]
    return before[-1] if before else None


def rag_over_time(history: History) -> list[dict[str, str | int]]:
    """Open schools by RAG at each snapshot, oldest first."""
    out: list[dict[str, str | int]] = []
    for snap in history.snapshots:
        rows = history.of(snap.label, L.KIND_SCHOOL)
        rows = rows[rows[L.HIS_OPEN] == L.YES]
        seen = Counter(rows[L.HIS_STATUS].tolist())
        out.append(
            {"label": snap.label, "as_of": _day(snap.as_of)}
            | {w.lower(): seen.get(w, 0) for w in RAG_WORDS}
            | {"not_rated": len(rows) - sum(seen.get(w, 0) for w in RAG_WORDS)}
        )
    return out


def movement(
    history: History,
    snap: Snapshot | None,
    keys: Iterable[str],
    rag_now: Iterable[object],
    is_open: Iterable[bool],
) -> list[Row]:
    """Open schools by their RAG at the previous snapshot and now: each change, most common first."""
    if snap is None:
        return []
    rows = history.of(snap.label, L.KIND_SCHOOL)
    before = dict(zip(rows[L.HIS_URN].map(_text), rows[L.HIS_STATUS], strict=True))
    moves: Counter[tuple[str, str]] = Counter()
    for key, now, open_ in zip(keys, rag_now, is_open, strict=True):
        was = before.get(key)
        if open_ and key and was in RAG_WORDS and now in RAG_WORDS and was != now:
            moves[(was, now)] += 1
    order = {w: i for i, w in enumerate(RAG_WORDS)}
    return [
        {"from": a, "to": b, "count": n, "better": order[b] > order[a]}
        for (a, b), n in sorted(moves.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def changes(history: History, snap: Snapshot | None, now: list[Row]) -> list[Row]:
    """Each measure's figure and status at the previous snapshot beside today's."""
    if snap is None:
        return []
    rows = history.of(snap.label, L.KIND_MEASURE)
    then = {r[L.HIS_NAME]: r for r in rows.to_dict("records")}
    out = []
    for m in now:
        old = then.get(m["name"])
        if old is not None:
            out.append(
                {"name": m["name"], "before": pct(old[L.HIS_FIGURE]), "now": m["now"]}
                | {"status_before": old[L.HIS_STATUS] or "", "status_now": m["status"]}
            )
    return out


def report_context(given: dict[str, Any], history: History, label: str = "") -> Row:
    """Every field of the board report. given: what Refresh computed (dashboard, coverage,
    objectives, targets, schools, ratings) for the as-of date."""
    board, cov, ratings = given["dashboard"], given["coverage"], given["ratings"]
    now = measures(board.status)
    snap = previous(history, cov.as_of, label)
    listed, total = targeted(given["schools"], ratings)
    rag_now = ratings.frame[L.SCH_RAG].tolist()
    over_time = rag_over_time(history)
    return {
        "hub_name": board.title.split(":")[0],
        "as_of": day_text(cov.as_of),
        "headline": board.headline,
        "measures": now,
        "brag": counts(table_of(board, T_BRAG), L.OBJ_BRAG, L.DB_TARGETS),
        "at_risk": at_risk(given["objectives"], given["targets"]),
        "coverage_name": "Year 1 coverage" if cov.in_year1 else "Plan coverage",
        "coverage_area": coverage_rows(table_of(board, T_AREA), L.SCH_AREA, cov.in_year1),
        "coverage_phase": coverage_rows(table_of(board, T_PHASE), L.SCH_PHASE, cov.in_year1),
        "coverage_sle": coverage_rows(table_of(board, T_SLE), L.SCH_SLE, cov.in_year1),
        "rag": counts(table_of(board, T_RAG), L.SCH_RAG, L.DB_SCHOOLS),
        "rag_over_time": over_time,
        "previous": snap.label if snap else "",
        "previous_as_of": _day(snap.as_of) if snap else "",
        "movement": movement(history, snap, ratings.key, rag_now, ratings.open),
        "changes": changes(history, snap, now),
        "targeted": listed,
        "targeted_total": count(total),
        "targeted_more": count(total - len(listed)) if total > len(listed) else "",
    }


@dataclass(frozen=True)
class ChartSpec:
    """One picture in the report: what it draws and the words that describe it (alt text)."""

    name: str  # the template field it replaces: chart_<name>
    title: str
    categories: list[str]
    series: dict[str, list[float]]  # label -> one value per category
    alt: str
    stacked: bool = False
    percent: bool = True
    horizontal: bool = False


def chart_specs(given: dict[str, Any], history: History) -> list[ChartSpec]:
    board, cov = given["dashboard"], given["coverage"]
    status = board.status.frame if board.status is not None else pd.DataFrame(columns=[DB_MEASURE])
    names = status[DB_MEASURE].tolist()
    now = [float(v or 0) for v in status[DB_NOW].tolist()] if len(status) else []
    aim = [float(v or 0) for v in status[DB_GOAL].tolist()] if len(status) else []
    area = table_of(board, T_AREA)
    share, target = (L.DB_Y1_COVERAGE, L.DB_Y1_TARGET) if cov.in_year1 else (L.DB_COVERAGE, L.DB_TARGET)
    over = rag_over_time(history) + [_rag_now(table_of(board, T_RAG))]
    return [
        ChartSpec(
            "measures",
            "Each target: where we are, against the aim",
            names,
            {"Now": now, "Aim": aim},
            "Bar chart of each target's figure beside its aim: "
            + "; ".join(f"{n} {a:.0%} of {b:.0%}" for n, a, b in zip(names, now, aim, strict=True)),
            horizontal=True,
        ),
        ChartSpec(
            "rag_over_time",
            "Open schools by RAG at each snapshot, and now",
            [str(r["label"]) for r in over],
            {w: [float(r[w.lower()]) for r in over] for w in RAG_WORDS},
            "Stacked column chart of open schools rated Red, Amber and Green: "
            + "; ".join(f"{r['label']} {r['red']} Red, {r['amber']} Amber, {r['green']} Green" for r in over),
            stacked=True,
            percent=False,
        ),
        ChartSpec(
            "coverage_area",
            "Coverage by Area, against the target",
            [str(v) for v in area.get(L.SCH_AREA, pd.Series(dtype=object)).tolist()],
            {"Coverage": _floats(area, share), "Target": _floats(area, target)},
            "Bar chart of coverage by Area: "
            + "; ".join(f"{a} {c:.0%}" for a, c in zip(area.get(L.SCH_AREA, []), _floats(area, share))),
            horizontal=True,
        ),
    ]


def _floats(frame: pd.DataFrame, name: str) -> list[float]:
    return [float(v or 0) for v in frame[name].tolist()] if name in frame.columns else []


def _rag_now(frame: pd.DataFrame) -> dict[str, str | int]:
    seen = dict(zip(frame.get(L.SCH_RAG, []), frame.get(L.DB_SCHOOLS, []), strict=True))
    return {"label": "Now", "as_of": ""} | {w.lower(): int(seen.get(w, 0)) for w in RAG_WORDS}
