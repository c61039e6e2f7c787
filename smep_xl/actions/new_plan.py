"""New plan: the next plan's workbook made from this one, which is only read.

The tables come from domain/roll_forward.py; each school's rating to carry is what Refresh
gives on the day before the new plan starts. Visits, letters and History stay in this
workbook. options.write makes the new file (the new-workbook builder, from the command line).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from smep_xl import layout as L

if TYPE_CHECKING:
    import pandas as pd

    from smep_xl.workbook import Workbook


@dataclass(frozen=True)
class NewPlanOptions:
    path: str  # the new workbook
    start: date  # the new plan's Plan Start
    write: Callable[[str, dict[str, pd.DataFrame]], None]  # writes a new workbook from input tables
    years: int = 2


@dataclass
class NewPlanResult:
    workbook: str
    path: str
    start: date
    years: int
    objectives: int
    schools: int
    carried: int  # schools with a RAG carried over

    def message(self) -> str:
        return (
            f"Wrote the next plan's workbook {self.path}: from {self.start:%d/%m/%Y} for {self.years} "
            f"year(s), {self.objectives} objectives rows, {self.schools} schools ({self.carried} with a "
            f"RAG carried over), Criteria, Lists and Settings. {self.workbook} was not changed."
        )


def new_plan(book: Workbook, options: NewPlanOptions) -> NewPlanResult:
    """Read this plan, write the next; nothing is written to this workbook."""
    from smep_xl.actions.refresh import _read, compute
    from smep_xl.domain.roll_forward import next_objectives, next_schools, next_settings

    frames = _read(book)
    done = compute(frames, as_of=options.start - timedelta(days=1), label=book.label)
    settings = done.extra["settings"]
    schools = frames[L.SCHOOLS].frame
    new = {
        L.OBJECTIVES: next_objectives(frames[L.OBJECTIVES].frame),
        L.SCHOOLS: next_schools(schools, done.schools),
        L.VISITS: _no_visits(frames[L.VISITS].frame),
        L.CRITERIA: frames[L.CRITERIA].frame.reset_index(drop=True),
        L.SETTINGS: next_settings(
            frames[L.SETTINGS].frame, settings.plan_start, options.start, options.years
        ),
    }
    if L.LISTS in frames:
        new[L.LISTS] = frames[L.LISTS].frame.reset_index(drop=True)
    options.write(options.path, new)
    carried = int(new[L.SCHOOLS][L.SCH_CARRIED_RAG].notna().sum())
    return NewPlanResult(
        book.label, options.path, options.start, options.years, len(new[L.OBJECTIVES]), len(schools), carried
    )


def _no_visits(visits: pd.DataFrame) -> pd.DataFrame:
    """The Visits table's columns (its criteria), no rows."""
    return visits.iloc[0:0].drop(columns=[c for c in (L.VIS_SCORE, L.VIS_RAG, L.VIS_LETTER) if c in visits])
