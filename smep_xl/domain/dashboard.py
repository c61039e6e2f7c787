"""The Dashboard's content: KPI block, coverage tables, RAG and BRAG counts, lists, charts.

KPI values follow one convention so every writer formats them alike: an int is a count,
a float is a fraction shown as a percentage. Nothing here depends on the time of the run,
only on the workbook and the as-of date, so refreshing twice gives the same Dashboard.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.brag import BRAG_ORDER
from smep_xl.domain.coverage import PERCENT_COLUMNS, Coverage
from smep_xl.domain.dashboard_model import Chart, Dashboard, DashboardTable
from smep_xl.domain.rag import RAG_WORDS, SchoolRatings, column, keys_of
from smep_xl.domain.settings import Settings

T_RAG = "School RAG (open schools)"
T_BRAG = "Targets by BRAG"
T_AREA = "Coverage by Area"
T_PHASE = "Coverage by Phase"
T_SLE = "Coverage by SLE (schools per SLE)"
T_OWED = "Targeted Support: repeat visit owed"
T_UNVISITED = "Open schools not yet visited"
RAG_ORDER = (L.RED, L.AMBER, L.GREEN)
LIST_LIMIT = 500  # rows of a school list on the Dashboard; the Schools sheet has them all


def listing(title: str, frame: pd.DataFrame, rag_column: str = "") -> DashboardTable:
    """A list of schools, cut to LIST_LIMIT rows (the soonest due) with the title saying so."""
    if len(frame) > LIST_LIMIT:
        title = f"{title}: the first {LIST_LIMIT:,} of {len(frame):,}, soonest due first"
        frame = frame.head(LIST_LIMIT)
    return DashboardTable(title, frame, rag_column)


def rag_counts(ratings: SchoolRatings) -> dict[str, int]:
    """Open schools by RAG, worst first, then those with no rated visit yet."""
    code = ratings.code[ratings.open]
    counts = {word: int((code == i).sum()) for i, word in enumerate(RAG_WORDS)}
    ordered = {word: counts[word] for word in RAG_ORDER}
    ordered[L.DB_NOT_RATED] = int((code < 0).sum())
    return ordered


def letters_sent(letter_log: pd.DataFrame, visits: pd.DataFrame) -> int:
    """Feedback letters produced: distinct visits in the Letter Log with Status ok/written (a
    row without a Visit ID is an audit form, not a letter); when the log has none, visits
    whose Letter cell is filled in."""
    status = pd.Series(keys_of(column(letter_log, L.LOG_STATUS))).str.casefold()
    visit = keys_of(column(letter_log, L.LOG_VISIT))
    made = status.isin([s.casefold() for s in L.LETTER_MADE]).to_numpy() & (visit != "")
    if made.any():
        pairs = pd.DataFrame({"urn": keys_of(column(letter_log, L.LOG_URN))[made], "visit": visit[made]})
        return int(len(pairs.drop_duplicates()))
    return int((keys_of(column(visits, L.VIS_LETTER)) != "").sum())


def _pct(x: float) -> str:
    return f"{x:.0%}"


def kpis(
    cov: Coverage, rag: dict[str, int], brag: dict[str, int], owed: int, letters: int
) -> list[tuple[str, object, str]]:
    n = cov.open_schools
    closed = f"{cov.closed_schools} closed school(s) not counted" if cov.closed_schools else ""
    out: list[tuple[str, object, str]] = [
        ("Open schools", n, closed),
        ("Visited in year 1", cov.visited_year1, f"of {n} open schools, by {cov.plan.year1_end:%d %b %Y}"),
        ("Year 1 coverage", cov.year1, f"target {_pct(cov.year1_target)} by {cov.plan.year1_end:%d %b %Y}"),
        ("Visited in the plan", cov.visited_plan, f"of {n} open schools"),
        ("Plan coverage", cov.whole_plan, f"target {_pct(cov.plan_target)}"),
        ("Not yet visited", n - cov.visited_plan, "open schools with no visit in the plan yet"),
    ]
    out += [
        (f"Schools rated {word}", rag[word], note)
        for word, note in ((L.RED, "in Targeted Support"), (L.AMBER, ""), (L.GREEN, ""))
    ]
    out.append(("Schools not yet rated", rag[L.DB_NOT_RATED], "no audited visit yet"))
    out.append(("Repeat visits owed", owed, "Red schools not visited since they were rated"))
    out += [
        (f"Targets {word}", brag[word], note)
        for word, note in (
            (L.BLUE, "complete"),
            (L.GREEN, "on track"),
            (L.AMBER, "due soon and behind"),
            (L.RED, "past due"),
        )
    ]
    out.append(("Letters sent", letters, "feedback letters produced"))
    return out


def _counts_frame(label: str, value: str, counts: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame({label: list(counts), value: [int(v) for v in counts.values()]}, dtype=object)


def build_dashboard(
    settings: Settings, cov: Coverage, ratings: SchoolRatings, brag: dict[str, int], letters: int
) -> Dashboard:
    rag = rag_counts(ratings)
    brag = {word: brag.get(word, 0) for word in (*BRAG_ORDER, L.DB_NOT_RATED)}
    tables = [
        DashboardTable(T_RAG, _counts_frame(L.SCH_RAG, L.DB_SCHOOLS, rag), rag_column=L.SCH_RAG),
        DashboardTable(T_BRAG, _counts_frame(L.OBJ_BRAG, L.DB_TARGETS, brag), rag_column=L.OBJ_BRAG),
        DashboardTable(T_AREA, cov.by_area, percent_columns=PERCENT_COLUMNS),
        DashboardTable(T_PHASE, cov.by_phase, percent_columns=PERCENT_COLUMNS),
        DashboardTable(T_SLE, cov.by_sle, percent_columns=PERCENT_COLUMNS),
        listing(T_OWED, cov.repeat_owed, rag_column=L.SCH_RAG),
        listing(T_UNVISITED, cov.unvisited),
    ]
    return Dashboard(
        _title(settings),
        _subtitle(cov),
        kpis(cov, rag, brag, len(cov.repeat_owed), letters),
        tables,
        _charts(cov),
    )


def _charts(cov: Coverage) -> list[Chart]:
    if cov.in_year1:
        name, values = "Year 1 coverage", (L.DB_Y1_COVERAGE, L.DB_Y1_TARGET)
    else:
        name, values = "Plan coverage", (L.DB_COVERAGE, L.DB_TARGET)
    return [
        Chart("column", f"{name} vs target by Area", T_AREA, L.SCH_AREA, values),
        Chart("pie", "School RAG", T_RAG, L.SCH_RAG, (L.DB_SCHOOLS,)),
        Chart("column", "Targets by BRAG", T_BRAG, L.OBJ_BRAG, (L.DB_TARGETS,)),
    ]


def _title(settings: Settings) -> str:
    return f"{settings.text(L.S_HUB_NAME)}: school music education plan dashboard"


def _subtitle(cov: Coverage) -> str:
    return (
        f"As of {cov.as_of:%d %B %Y}. The plan runs from {cov.plan.start:%d %b %Y} to {cov.plan.end:%d %b %Y}; "
        f"year 1 coverage counts visits to {cov.plan.year1_end:%d %b %Y}. "
        "Refresh rewrites this sheet: type nothing here."
    )


def school_results(schools: pd.DataFrame, ratings: SchoolRatings) -> list[dict[Hashable, Any]]:
    """Per-school results for --json: URN, School and the computed columns."""
    out = ratings.frame.copy()
    out.insert(0, L.SCH_NAME, keys_of(column(schools, L.SCH_NAME)))
    out.insert(0, L.SCH_URN, ratings.key)
    out[L.OPEN] = np.asarray(ratings.open, dtype=bool).tolist()
    out[L.DB_OWED] = np.asarray(ratings.owed, dtype=bool).tolist()
    return out.to_dict("records")
