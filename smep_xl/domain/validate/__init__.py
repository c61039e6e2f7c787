"""Validate grid: every problem in the input sheets as a finding with its cell.

`validate_workbook` is pure and never raises: each sheet's checks run on their own, and one
that stops on an unexpected value becomes a finding about that sheet, not a crash.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import partial
from typing import TypeVar

import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.findings import SEVERITY_ORDER, Finding
from smep_xl.domain.settings import Settings, criteria_from_frame, settings_from_frame
from smep_xl.domain.validate.checks import CHECKS, checks_markdown
from smep_xl.domain.validate.criteria_settings import check_criteria, check_lists, check_settings
from smep_xl.domain.validate.emit import at_sheet
from smep_xl.domain.validate.grid import Grid, as_grid
from smep_xl.domain.validate.objectives import check_objectives
from smep_xl.domain.validate.schools import check_schools
from smep_xl.domain.validate.visits import check_visits
from smep_xl.ooxml.refs import column_index

T = TypeVar("T")

__all__ = [
    "CHECKS",
    "INPUT_SHEETS",
    "Grid",
    "checks_markdown",
    "row_summaries",
    "sort_key",
    "validate_workbook",
]

INPUT_SHEETS = (L.OBJECTIVES, L.SCHOOLS, L.VISITS, L.CRITERIA, L.LISTS, L.SETTINGS)
# A cell showing an Excel error, or an impossible date, says all there is to say about it.
_DOMINANT = ("cell.excel_error", "cell.date_impossible")


def validate_workbook(
    tables: Mapping[str, object],
    *,
    today: date | None = None,
    file_exists: Callable[[str], bool] | None = None,
) -> list[Finding]:
    """Findings for the input sheets in `tables` (sheet name -> Table-like or DataFrame).

    A sheet absent from `tables` (or None) is reported missing. `file_exists` tells whether a
    template path in Settings exists (the caller knows the filesystem); None skips that check.
    """
    today = today or date.today()
    grids: dict[str, Grid | None] = {}
    findings: list[Finding] = []
    for sheet in INPUT_SHEETS:
        grids[sheet] = _guard(findings, sheet, partial(as_grid, sheet, tables.get(sheet)))
        if grids[sheet] is None:
            findings.append(
                at_sheet(
                    "sheet.missing",
                    sheet,
                    f"The workbook has no {sheet} sheet (or table).",
                    "Restore the sheet: copy it from a new workbook made with `smep new`.",
                )
            )
    g = grids
    lists_grid = g[L.LISTS]
    lists = lists_grid.frame if lists_grid is not None else None
    settings = _read(findings, g[L.SETTINGS], lambda f: settings_from_frame(f, lists)) or Settings({}, {})
    criteria = _read(findings, g[L.CRITERIA], lambda f: [c.name for c in criteria_from_frame(f)])
    criteria = _distinct(criteria if criteria is not None else [name for name, *_ in L.DEFAULT_CRITERIA])
    runs: dict[str, Callable[[Grid], list[Finding]]] = {
        L.OBJECTIVES: lambda grid: check_objectives(grid, g[L.LISTS], settings),
        L.SCHOOLS: lambda grid: check_schools(grid, g[L.LISTS], settings),
        L.VISITS: lambda grid: check_visits(grid, g[L.SCHOOLS], g[L.LISTS], criteria, settings, today),
        L.CRITERIA: check_criteria,
        L.LISTS: check_lists,
        L.SETTINGS: lambda grid: check_settings(grid, settings, file_exists, _fields(g)),
    }
    for sheet, run in runs.items():
        grid = g[sheet]
        if grid is not None:
            findings += _guard(findings, sheet, partial(run, grid)) or []
    return sorted(_drop_echoes(findings), key=sort_key)


def _guard(findings: list[Finding], sheet: str, step: Callable[[], T]) -> T | None:
    """Run one step; an unexpected failure becomes a finding about the sheet."""
    try:
        return step()
    except Exception as bug:  # noqa: BLE001 - bad data must never stop validation
        findings.append(
            at_sheet(
                "validate.check_failed",
                sheet,
                f"Some checks on {sheet} could not finish ({type(bug).__name__}: {bug}).",
                "Look for an unusual value on the sheet; report this message if it stays.",
            )
        )
        return None


def _distinct(names: list[str]) -> list[str]:
    """Criteria once each ("Singing" and "singing" are one criterion; Criteria reports the repeat)."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.lower(), name)
    return list(seen.values())


def _read(findings: list[Finding], grid: Grid | None, read: Callable[[pd.DataFrame], T]) -> T | None:
    return None if grid is None else _guard(findings, grid.sheet, lambda: read(grid.frame))


def _fields(grids: Mapping[str, Grid | None]) -> set[str]:
    """Names a Letter File Name may use in braces: the Visits and Schools columns."""
    names: set[str] = set(L.SCHOOLS_SPEC.columns) | set(L.VISIT_LEAD_COLUMNS + L.VISIT_TAIL_COLUMNS)
    for sheet in (L.VISITS, L.SCHOOLS):
        grid = grids.get(sheet)
        if grid is not None:
            names |= set(grid.frame.columns)
    return names


def _drop_echoes(findings: list[Finding]) -> list[Finding]:
    dominated = {(f.sheet, f.cell) for f in findings if f.code in _DOMINANT and f.cell}
    if not dominated:
        return findings
    return [f for f in findings if f.code in _DOMINANT or (f.sheet, f.cell) not in dominated]


def sort_key(f: Finding) -> tuple[int, int, int, int, str, str]:
    """Errors first; then sheets in workbook order, rows, columns left to right."""
    sheet = L.SHEET_ORDER.index(f.sheet) if f.sheet in L.SHEET_ORDER else len(L.SHEET_ORDER)
    letters = "".join(ch for ch in f.cell if ch.isalpha())
    return (
        SEVERITY_ORDER.get(f.severity, 9),
        sheet,
        f.row or 0,
        column_index(letters) if letters else 0,
        f.code,
        f.message,
    )


def row_summaries(findings: list[Finding], sheet: str) -> dict[int, str]:
    """Short text per worksheet row of a sheet's findings (for the Objectives Findings column)."""
    notes: dict[int, list[str]] = {}
    for f in findings:
        if f.sheet == sheet and f.row is not None:
            notes.setdefault(f.row, []).append(f"{f.severity.capitalize()}: {f.message}")
    return {row: _shorten(" | ".join(lines)) for row, lines in notes.items()}


def _shorten(s: str, limit: int = 400) -> str:
    return s if len(s) <= limit else s[: limit - 3].rstrip() + "..."
