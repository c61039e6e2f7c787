"""Which rows may feed a figure: a value Validate rejects never does.

Refresh and letters run the very checks Validate runs on the cells a figure is built from
(URNs, dates, scores, Cohort, Progress %, By When) and leave out each row one of them rejects,
with Validate's own finding, which says what is left out. Blank rows are no rows at all:
a Schools row with no URN and no School, a Visits row with no Visit ID, URN, date or score.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.findings import Finding
from smep_xl.domain.settings import Settings
from smep_xl.domain.validate import objectives as O
from smep_xl.domain.validate import schools as S
from smep_xl.domain.validate import visits as V
from smep_xl.domain.validate.checks import severity
from smep_xl.domain.validate.grid import Grid, as_grid
from smep_xl.domain.validate.school_measures import cohort
from smep_xl.domain.validate.scores import check_scores

Wanted = Collection[str | tuple[str, str]]  # finding codes, or (column, code) pairs
_NOT_A_SCHOOL = ("school.urn.missing", "school.urn.format")
_NOT_COUNTED = {
    (L.VIS_URN, "visit.urn.missing"),
    (L.VIS_URN, "visit.urn.unknown"),
    (L.VIS_DATE, "visit.date.missing"),
    (L.VIS_DATE, "visit.date.not_date"),
    (L.VIS_DATE, "cell.date_impossible"),
    (L.VIS_DATE, "visit.date.future"),
}
_NO_FOLLOW_UP = {
    (L.VIS_FOLLOW_UP, "visit.follow_up.not_date"),
    (L.VIS_FOLLOW_UP, "cell.date_impossible"),
    (L.VIS_FOLLOW_UP, "visit.follow_up.before_visit"),
}
_NO_SCORE = (
    "visit.score.not_number",
    "visit.score.range",
    "visit.score.not_whole",
    "visit.scores.unexpected",
)
_NO_RAG_NOTE = ("visit.scores.too_few",)  # said, though nothing is rejected: the rule gives no RAG
_UNRATED = ("objective.progress.not_number", "objective.progress.range")
_UNRATED_NOTE = ("cell.date_impossible", "objective.by_when.unreadable", "objective.by_when.unclear")


@dataclass
class SchoolAdmission:
    school: np.ndarray  # the row is a school whose figures count
    cohort: np.ndarray  # its Cohort may be used
    findings: list[Finding] = field(default_factory=list)
    grid: Grid | None = None  # the Schools as the checks read them


@dataclass
class VisitAdmission:
    counted: np.ndarray  # the row counts as a visit of its school (Counts as Visit, URN, date)
    rated: np.ndarray  # its scores may make a Score and RAG (Scored type, no score rejected)
    follow_up: np.ndarray  # its Follow-up Date may be used
    findings: list[Finding] = field(default_factory=list)
    grid: Grid | None = None  # the Visits as the checks read them (numbers and dates, once)

    def numbers(self, column: str) -> np.ndarray | None:
        return self.grid.numbers(column).value if self.grid is not None and self.grid.has(column) else None

    def dates(self, column: str) -> np.ndarray | None:
        if self.grid is None or not self.grid.has(column):
            return None
        return self.grid.dates(column).value.astype("datetime64[D]")


@dataclass
class TargetAdmission:
    rated: np.ndarray  # the row's Progress % may be used
    findings: list[Finding] = field(default_factory=list)


def grid_of(sheet: str, table: object) -> Grid:
    """A table (or bare frame) as the checks read it; an empty grid when there is none."""
    grid = as_grid(sheet, table)
    return grid if grid is not None else Grid(sheet, pd.DataFrame())


def _rows(grid: Grid, findings: Iterable[Finding], wanted: Wanted) -> np.ndarray:
    """Rows of the grid named by a finding whose code (or (column, code)) is wanted."""
    rows = {f.row for f in findings if f.code in wanted or (f.column, f.code) in wanted}
    return np.asarray(grid.frame.index.isin(list(rows)), dtype=bool)


def _keep(
    findings: list[Finding], wanted: Wanted, rows: np.ndarray | None = None, grid: Grid | None = None
) -> list[Finding]:
    out = [f for f in findings if f.code in wanted or (f.column, f.code) in wanted]
    if rows is not None and grid is not None:
        named = set(grid.frame.index[rows])
        out = [f for f in out if f.row in named]
    return out


def admit_schools(grid: Grid, settings: Settings) -> SchoolAdmission:
    used = S.school_rows(grid) if len(grid.frame.columns) else np.zeros(len(grid.frame), dtype=bool)
    urn = S.urn_checks(grid, used)
    school = used & ~_rows(grid, urn, _NOT_A_SCHOOL)
    if grid.has(L.SCH_URN):
        later = list(S.repeated(grid.text(L.SCH_URN)[school & (grid.text(L.SCH_URN) != "")]))
        school &= ~grid.frame.index.isin(later)
    cohorts = cohort(grid, used, settings)
    left_out = ~school & used
    findings = _keep(urn, _NOT_A_SCHOOL) + _keep(urn, ("school.urn.duplicate",), left_out, grid)
    findings += _keep(cohorts, ("school.cohort.invalid",))
    return SchoolAdmission(school, ~_rows(grid, cohorts, ("school.cohort.invalid",)), findings, grid)


def admit_visits(
    grid: Grid, schools: Grid | None, settings: Settings, criteria: list[str], today: date | None
) -> VisitAdmission:
    used = V.visit_rows(grid, criteria) if len(grid.frame.columns) else np.zeros(len(grid.frame), dtype=bool)
    found = V.urn_known(grid, used, schools) + V.follow_up(grid, used)
    if today is not None:
        found += V.visit_dates(grid, used, settings, today, notes=False)
    found += check_scores(grid, used, criteria, settings.visit_types)
    counts, scored = (
        settings.visit_types.masks(grid.frame[L.VIS_TYPE])
        if grid.has(L.VIS_TYPE)
        else (np.ones(len(grid.frame), dtype=bool),) * 2
    )
    return VisitAdmission(
        used & counts & ~_rows(grid, found, _NOT_COUNTED),
        used & scored & ~_rows(grid, found, _NO_SCORE),
        used & ~_rows(grid, found, _NO_FOLLOW_UP),
        _keep(found, _NOT_COUNTED | _NO_FOLLOW_UP | set(_NO_SCORE) | set(_NO_RAG_NOTE)),
        grid,
    )


def admit_targets(grid: Grid, settings: Settings) -> TargetAdmission:
    if not len(grid.frame.columns):
        return TargetAdmission(np.ones(len(grid.frame), dtype=bool))
    used = grid.used_rows(L.OBJECTIVES_SPEC.inputs)
    progress = O.progress(grid, used)
    notes = O.by_when(grid, used, settings)
    findings = _keep(progress, _UNRATED) + _keep(notes, _UNRATED_NOTE)
    return TargetAdmission(~_rows(grid, progress, _UNRATED), findings)


def settings_findings(settings: Settings, cell: Callable[[int, str], str]) -> list[Finding]:
    """Each setting's Value that cannot be used, where it is: `cell(row, column)` names it."""
    return [
        Finding(
            severity(p.code),
            L.SETTINGS,
            cell(settings.rows[p.name], L.SET_VALUE) if p.name in settings.rows else "",
            settings.rows.get(p.name),
            L.SET_VALUE,
            p.code,
            p.message,
            p.suggestion,
        )
        for p in settings.problems
    ]
