"""What Refresh reads, ready for the rules: the settings (with the Lists' Visit Type flags),
the criteria, and for each table the rows its figures may use (domain/admission.py), with
Validate's finding for each row left out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.admission import (
    SchoolAdmission,
    TargetAdmission,
    VisitAdmission,
    admit_schools,
    admit_targets,
    admit_visits,
    grid_of,
    settings_findings,
)
from smep_xl.domain.findings import Finding
from smep_xl.domain.settings import Criterion, Settings, criteria_from_frame, settings_from_frame
from smep_xl.domain.validate import sort_key
from smep_xl.domain.validate.grid import Grid


@dataclass
class Inputs:
    grids: dict[str, Grid]
    settings: Settings
    criteria: list[Criterion]
    schools: SchoolAdmission
    visits: VisitAdmission
    targets: TargetAdmission
    findings: list[Finding] = field(default_factory=list)

    def frame(self, sheet: str) -> pd.DataFrame:
        return self.grids[sheet].frame


def read_inputs(tables: Mapping[str, object], today: date) -> Inputs:
    """`tables`: sheet -> Table (or bare DataFrame); a sheet not given reads as empty."""
    sheets = (L.OBJECTIVES, L.SCHOOLS, L.VISITS, L.CRITERIA, L.LISTS, L.SETTINGS, L.LETTER_LOG)
    grids = {sheet: grid_of(sheet, tables.get(sheet)) for sheet in sheets}
    lists = grids[L.LISTS].frame if len(grids[L.LISTS].frame.columns) else None
    settings = settings_from_frame(grids[L.SETTINGS].frame, lists)
    criteria = criteria_from_frame(grids[L.CRITERIA].frame)
    names = [c.name for c in criteria]
    schools = admit_schools(grids[L.SCHOOLS], settings)
    visits = admit_visits(grids[L.VISITS], grids[L.SCHOOLS], settings, names, today)
    targets = admit_targets(grids[L.OBJECTIVES], settings)
    setting_cells = grids[L.SETTINGS]
    findings = settings_findings(settings, lambda row, col: _cell(setting_cells, row, col))
    findings += schools.findings + visits.findings + targets.findings
    return Inputs(grids, settings, criteria, schools, visits, targets, sorted(findings, key=sort_key))


def _cell(grid: Grid, row: int, column: str) -> str:
    return grid.cell(row, column) if grid.has(column) else ""
