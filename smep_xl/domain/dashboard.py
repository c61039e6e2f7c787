"""The Dashboard's content: the answer to "are we on track?", what needs doing now, charts, the
action lists, impact, key figures and the coverage tables (docs/dashboard.md).

KPI values follow one convention so every writer formats them alike: an int is a count,
a float is a fraction shown as a percentage. Nothing here depends on the time of the run,
only on the workbook and the as-of date, so refreshing twice gives the same Dashboard.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.brag import BRAG_ORDER
from smep_xl.domain.coverage import PERCENT_COLUMNS, Coverage
from smep_xl.domain.dashboard_model import Chart, Dashboard, DashboardTable
from smep_xl.domain.dashboard_status import headline, status_table, summary
from smep_xl.domain.dashboard_trends import DB_COVERAGE_SO_FAR, DB_MONTH, DB_TARGET_LINE, T_MONTHLY
from smep_xl.domain.impact import DB_AT, RAG_ORDER, T_MOVEMENT
from smep_xl.domain.rag import RAG_WORDS, SchoolRatings, column, keys_of
from smep_xl.domain.settings import Settings
from smep_xl.domain.status import Assessed, day_text

T_RAG = "School RAG (open schools)"
T_BRAG = "Targets by BRAG"
T_AREA = "Coverage by Area"
T_PHASE = "Coverage by Phase"
T_SLE = "Coverage by SLE (schools per SLE)"


@dataclass
class Parts:
    """What build_dashboard puts together (each part made by its own module)."""

    statuses: list[Assessed]
    lists: list[DashboardTable] = field(default_factory=list)  # domain/dashboard_lists.py
    impact: list[DashboardTable] = field(default_factory=list)  # domain/impact.py
    trends: list[DashboardTable] = field(default_factory=list)  # monthly coverage, RAG movement
    extra_kpis: list[tuple[str, object, str]] = field(default_factory=list)


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


def _shown(frame: pd.DataFrame) -> pd.DataFrame:
    """A coverage table as the Dashboard shows it: nine columns, like every table there (Targeted
    Support and repeat visits have lists of their own)."""
    return frame.drop(columns=[L.DB_TARGETED, L.DB_OWED])


def _counts_frame(label: str, value: str, counts: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame({label: list(counts), value: [int(v) for v in counts.values()]}, dtype=object)


def build_dashboard(
    settings: Settings,
    cov: Coverage,
    ratings: SchoolRatings,
    brag: dict[str, int],
    letters: int,
    parts: Parts,
) -> Dashboard:
    rag = rag_counts(ratings)
    brag = {word: brag.get(word, 0) for word in (*BRAG_ORDER, L.DB_NOT_RATED)}
    counts = [
        DashboardTable(T_RAG, _counts_frame(L.SCH_RAG, L.DB_SCHOOLS, rag), rag_column=L.SCH_RAG),
        DashboardTable(T_BRAG, _counts_frame(L.OBJ_BRAG, L.DB_TARGETS, brag), rag_column=L.OBJ_BRAG),
        DashboardTable(T_AREA, _shown(cov.by_area), percent_columns=PERCENT_COLUMNS),
        DashboardTable(T_PHASE, _shown(cov.by_phase), percent_columns=PERCENT_COLUMNS),
        DashboardTable(T_SLE, _shown(cov.by_sle), percent_columns=PERCENT_COLUMNS),
    ]
    return Dashboard(
        _title(settings),
        _subtitle(cov),
        kpis(cov, rag, brag, int((ratings.owed & ratings.open).sum()), letters) + parts.extra_kpis,
        parts.lists + parts.impact + counts + parts.trends,
        _charts(cov),
        headline=headline(parts.statuses, cov.as_of),
        status=status_table(parts.statuses, cov.as_of),
        summary=summary(parts.lists),
    )


def _charts(cov: Coverage) -> list[Chart]:
    if cov.in_year1:
        name, values = "year 1 coverage", (L.DB_Y1_COVERAGE, L.DB_Y1_TARGET)
    else:
        name, values = "plan coverage", (L.DB_COVERAGE, L.DB_TARGET)
    return [
        Chart(
            "line",
            "Are we visiting schools fast enough? Open schools visited, against the target line",
            T_MONTHLY,
            DB_MONTH,
            (DB_COVERAGE_SO_FAR, DB_TARGET_LINE),
        ),
        Chart(
            "bar",
            f"Which areas are behind? {name.capitalize()} by Area, against the target",
            T_AREA,
            L.SCH_AREA,
            values,
        ),  # fmt: skip
        Chart(
            "column",
            "Are ratings improving? Schools by RAG at their previous and latest visit",
            T_MOVEMENT,
            DB_AT,
            RAG_ORDER,
            stacked=True,
        ),
        Chart("pie", "How are schools rated? Open schools by RAG", T_RAG, L.SCH_RAG, (L.DB_SCHOOLS,)),
        Chart(
            "column",
            "Are the plan's targets on track? Objectives by Target RAG",
            T_BRAG,
            L.OBJ_BRAG,
            (L.DB_TARGETS,),
        ),  # fmt: skip
    ]


def _title(settings: Settings) -> str:
    return f"{settings.text(L.S_HUB_NAME)}: school music education plan dashboard"


def _subtitle(cov: Coverage) -> str:
    return (
        f"As of {cov.as_of.day} {cov.as_of:%B %Y}. The plan runs from {day_text(cov.plan.start)} to "
        f"{day_text(cov.plan.end)}; year 1 coverage counts visits to {day_text(cov.plan.year1_end)}. "
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
