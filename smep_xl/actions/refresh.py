"""Refresh (the ribbon's second button): rate schools and targets, count coverage, rebuild the
Dashboard.

Writes only what refresh owns: the computed columns of Objectives (Due Date, Target RAG,
Days Left), Schools (Visits ... Next Visit Due) and Visits (Score, RAG), and the Dashboard.
Every value is written for every row, so a stale value never survives; the same workbook and
as-of date always give the same result.

pandas and the rules are imported inside compute(): the ribbon table (smep_xl/ribbon.py) and the
command line's help import this module, and must start fast.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, cast

from smep_xl import layout as L
from smep_xl.domain.findings import Finding

if TYPE_CHECKING:
    import pandas as pd

    from smep_xl.domain.coverage import Coverage
    from smep_xl.domain.inputs import Inputs
    from smep_xl.domain.rag import SchoolRatings, VisitRatings
    from smep_xl.workbook import Dashboard, Table, Workbook


@dataclass(frozen=True)
class RefreshOptions:
    as_of: date | None = None  # wins over the As Of Date setting, which wins over today
    today: date | None = None  # default: the real today


@dataclass
class RefreshResult:
    workbook: str
    as_of: date
    dashboard: Dashboard
    coverage: Coverage
    school_rag: dict[str, int]
    targets: dict[str, int]
    letters: int
    per_school: Callable[[], list[dict]] = list  # made only when asked for (--json)
    findings: list[Finding] = field(default_factory=list)

    def _status_rows(self) -> list[dict]:
        """The Dashboard's status table: every target's figure, aim, gap, time left and status."""
        status = self.dashboard.status
        return [] if status is None else status.frame.to_dict("records")

    @property
    def schools(self) -> list[dict]:
        """URN, School and the computed Schools columns, one dict per school row."""
        return self.per_school()

    def to_json(self) -> dict:
        cov = self.coverage
        return {
            "workbook": self.workbook,
            "as_of": self.as_of.isoformat(),
            "kpis": [
                {"label": label, "value": value, "note": note} for label, value, note in self.dashboard.kpis
            ],
            "coverage": {
                "open_schools": cov.open_schools,
                "closed_schools": cov.closed_schools,
                "visited_year1": cov.visited_year1,
                "year1": round(cov.year1, 4),
                "year1_target": cov.year1_target,
                "visited_plan": cov.visited_plan,
                "plan": round(cov.whole_plan, 4),
                "plan_target": cov.plan_target,
                "year1_ends": cov.plan.year1_end.isoformat(),
                "plan_ends": cov.plan.end.isoformat(),
            },
            "status": [_plain(_rounded(row)) for row in self._status_rows()],
            "school_rag": self.school_rag,
            "targets": self.targets,
            "letters_sent": self.letters,
            "findings": [f.as_dict() for f in self.findings],
            "schools": [_plain(s) for s in self.schools],
        }


def _rounded(record: dict) -> dict:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in record.items()}


def _plain(record: dict) -> dict:
    out = {}
    for key, value in record.items():
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        out[key] = value
    return out


@dataclass
class Refreshed:
    """Everything refresh computes, before anything is written."""

    as_of: date
    targets: pd.DataFrame  # Objectives: Due Date, Target RAG, Days Left
    schools: pd.DataFrame  # Schools: Visits ... Next Visit Due
    visits: pd.DataFrame  # Visits: Score, RAG
    dashboard: Dashboard
    result: RefreshResult
    extra: dict = field(default_factory=dict)  # what the report and new-plan read: ratings, log, statuses...


@dataclass
class Figures:
    """The rows each figure may use, rated at the as-of date: what Refresh, a snapshot and the
    board report all start from."""

    inputs: Inputs
    day: date  # the as-of date
    rated: VisitRatings
    log: pd.DataFrame
    ratings: SchoolRatings
    coverage: Coverage


def figures(
    frames: Mapping[str, pd.DataFrame | Table], *, as_of: date | None = None, today: date | None = None
) -> Figures:
    """Visits rated, then schools, then coverage, on the tables as read_table gives them."""
    from smep_xl.domain.carried import with_carried
    from smep_xl.domain.coverage import measure
    from smep_xl.domain.inputs import read_inputs
    from smep_xl.domain.rag import rate_schools, rate_visits, visit_log

    today = today or date.today()
    inputs = read_inputs(frames, today)  # settings, criteria, and the rows each figure may use
    settings, criteria = inputs.settings, inputs.criteria
    day = as_of or settings.as_of(today)
    schools, visits = inputs.frame(L.SCHOOLS), inputs.frame(L.VISITS)
    rated = rate_visits(visits, criteria, settings, inputs.visits)
    log = visit_log(visits, rated.code, day, inputs.visits)
    log = with_carried(log, schools, _school_keys(schools, settings, inputs.schools), day)
    ratings = rate_schools(schools, log, settings, inputs.schools)
    return Figures(inputs, day, rated, log, ratings, measure(schools, log, ratings, settings, day))


def compute(
    frames: Mapping[str, pd.DataFrame | Table],
    *,
    as_of: date | None = None,
    today: date | None = None,
    label: str = "",
) -> Refreshed:
    """The domain work of refresh on the tables as read_table gives them (bare frames do too)."""
    from smep_xl.domain.brag import brag_counts, rate_targets
    from smep_xl.domain.dashboard import build_dashboard, letters_sent, rag_counts, school_results
    from smep_xl.domain.dashboard_history import add_history
    from smep_xl.domain.dashboard_parts import dashboard_parts
    from smep_xl.domain.objective_measures import linked, measured_columns, rated_on_measures

    found = figures(frames, as_of=as_of, today=today)
    inputs, day, log, ratings, coverage = found.inputs, found.day, found.log, found.ratings, found.coverage
    settings, objectives = inputs.settings, inputs.frame(L.OBJECTIVES)
    schools, visits = inputs.frame(L.SCHOOLS), inputs.frame(L.VISITS)
    parts = dashboard_parts(inputs, log, ratings, coverage, day, _school_link(frames.get(L.SCHOOLS)))
    links = linked(objectives, parts.statuses)
    graded, admission = rated_on_measures(objectives, inputs.targets, links)
    targets = rate_targets(graded, settings, day, admission)
    if L.OBJ_MEASURE in objectives.columns:  # a grid made before Measure existed gets no Measured cells
        targets = targets.join(measured_columns(links))
    brag = brag_counts(objectives, targets)
    letters = letters_sent(inputs.frame(L.LETTER_LOG), visits)
    dashboard = build_dashboard(settings, coverage, ratings, brag, letters, parts)
    history = _history(frames.get(L.HISTORY))
    add_history(dashboard, history, parts.statuses, day)
    result = RefreshResult(
        label,
        day,
        dashboard,
        coverage,
        rag_counts(ratings),
        brag,
        letters,
        partial(school_results, schools, ratings),
        inputs.findings + history.findings,
    )
    extra = {
        "history": history,
        "ratings": ratings,
        "log": log,
        "statuses": parts.statuses,
        "settings": settings,
    }
    extra |= {"coverage": coverage, "targets": targets, "objectives": objectives, "schools": schools}
    return Refreshed(day, targets, ratings.frame, found.rated.frame, dashboard, result, extra)


def refresh(book: Workbook, options: RefreshOptions = RefreshOptions()) -> RefreshResult:
    """Rate every visit, school and target at the as-of date and rewrite the Dashboard."""
    done = compute(_read(book), as_of=options.as_of, today=options.today, label=book.label)
    book.write_columns(L.OBJECTIVES, done.targets)
    book.write_columns(L.SCHOOLS, done.schools)
    book.write_columns(L.VISITS, done.visits)
    book.write_dashboard(done.dashboard)
    book.save()
    return done.result


def _history(table: object):
    """History as far as it can be read (empty when the workbook has none yet)."""
    from smep_xl.domain.history import empty_history, read_history

    if table is None:
        return empty_history()
    # a Table as read, or a bare frame as the snapshot and report actions pass
    frame = cast("pd.DataFrame", getattr(table, "frame", table))
    return read_history(frame, getattr(table, "first_column", 1))


def _school_keys(schools, settings, admission):
    """URN per Schools row as the rules key it ("" for a row that is not a school)."""
    from smep_xl.domain.rag import school_keys

    return school_keys(schools, settings, admission)


def _school_link(table: object) -> str:
    """The Schools column a Dashboard list links each school to: its School cell."""
    frame = getattr(table, "frame", None)
    if frame is not None and L.SCH_NAME in frame.columns and hasattr(table, "letter"):
        return table.letter(L.SCH_NAME)
    return "B"


def _read(book: Workbook) -> dict[str, Table]:
    """Every table refresh uses (Lists, the Letter Log and History when the workbook has them)."""
    names = [L.SETTINGS, L.CRITERIA, L.OBJECTIVES, L.SCHOOLS, L.VISITS]
    names += [name for name in (L.LISTS, L.LETTER_LOG, L.HISTORY) if name in book.sheet_names()]
    return book.read_tables(names)
