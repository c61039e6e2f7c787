"""Checks on Schools: URN, required fields, pick lists, postcode, email, a named SLE for every
open school (the plan's objective 5i), and (school_measures.py) the columns the plan's
measures count: Cohort, Award, Music in SDP, MDP Published.

A row with no URN and no School is not a school: nothing is said about it, and Refresh skips
it. The checks whose errors leave a school out of Refresh's figures (school_rows, urn_checks,
and school_measures.cohort) are public: domain/admission.py runs them too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.findings import Finding
from smep_xl.domain.settings import Settings
from smep_xl.domain.validate import columns as C
from smep_xl.domain.validate import frames
from smep_xl.domain.validate.cells import check_cells, check_headers
from smep_xl.domain.validate.emit import at_cells, show
from smep_xl.domain.validate.grid import Grid
from smep_xl.domain.validate.school_measures import cohort, measure_inputs
from smep_xl.domain.values import EMAIL, row_number

INPUTS = L.SCHOOLS_SPEC.inputs
_URN = re.compile(r"\d{6}")
_POSTCODE = re.compile(r"(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})")


LEFT_OUT = ", so this row is left out of every figure"


def school_rows(grid: Grid) -> np.ndarray:
    """Rows that hold a school: a URN or a School name typed."""
    return grid.used_rows([L.SCH_URN, L.SCH_NAME])


def check_schools(grid: Grid, lists: Grid | None, settings: Settings) -> list[Finding]:
    used = school_rows(grid)
    out = check_headers(grid, L.SCHOOLS_SPEC.required) + check_cells(grid, INPUTS)
    out += urn_checks(grid, used)
    out += C.missing(
        grid,
        L.SCH_NAME,
        used,
        "school.name.missing",
        "School (the school's name) is blank.",
        "Type the school's name.",
    )
    out += C.missing(
        grid,
        L.SCH_PHASE,
        used,
        "school.phase.missing",
        "Phase is blank.",
        "Pick the school's Phase from the drop-down.",
    )
    for column, list_column, code in (
        (L.SCH_PHASE, L.LIST_PHASE, "school.phase.unknown"),
        (L.SCH_AREA, L.LIST_AREA, "school.area.unknown"),
        (L.SCH_SLE, L.LIST_SLE, "school.sle.unknown"),
    ):
        out += C.in_list(grid, column, used, C.list_values(lists, list_column), code, list_column)
    out += _status(grid, used, C.list_values(lists, L.LIST_SCHOOL_STATUS) or [L.OPEN, L.CLOSED])
    out += _sle(grid, used) + cohort(grid, used, settings) + measure_inputs(grid, used, lists)
    out += _pattern(
        grid,
        used,
        L.SCH_POSTCODE,
        _postcode,
        "school.postcode.format",
        "{} is not a UK postcode.",
        "Type it like LE1 6ZG.",
    )
    out += _pattern(
        grid,
        used,
        L.SCH_EMAIL,
        lambda v: bool(EMAIL.fullmatch(v)),
        "school.email.format",
        "{} is not an email address.",
        "Type one address, like music@school.sch.uk.",
    )
    return out


def urn_checks(grid: Grid, used: np.ndarray) -> list[Finding]:
    """A six-digit URN on one row only: a row without one, or repeating one, is left out."""
    if not grid.has(L.SCH_URN):
        return []
    out = C.missing(
        grid,
        L.SCH_URN,
        used,
        "school.urn.missing",
        f"URN is blank{LEFT_OUT}.",
        "Type the school's six-digit URN (from Get Information about Schools).",
    )
    urn = grid.text(L.SCH_URN)
    typed = used & (urn != "")
    bad = urn[typed & ~frames.by_unique(urn, lambda v: bool(_URN.fullmatch(v)), bool)]
    out += at_cells(
        "school.urn.format",
        grid,
        L.SCH_URN,
        bad.index,
        [
            f"URN {show(v)} is not six digits{LEFT_OUT}."
            for v in grid.frame[L.SCH_URN].loc[bad.index].tolist()
        ],
        "Type the six-digit URN from Get Information about Schools.",
    )
    return out + _repeats(grid, urn[typed])


def repeated(urn: pd.Series) -> dict[int, int]:
    """Each row whose URN an earlier row already has -> that earlier row (which counts)."""
    dup = urn[urn.duplicated(keep=False)]
    first: dict[str, int] = {}
    later: dict[int, int] = {}
    for row, value in dup.items():
        if value in first:
            later[row_number(row)] = first[value]
        else:
            first[value] = row_number(row)
    return later


def _repeats(grid: Grid, urn: pd.Series) -> list[Finding]:
    later = repeated(urn)
    if not later:
        return []
    repeats: dict[int, list[int]] = {}
    for row, kept in later.items():
        repeats.setdefault(kept, []).append(row)
    rows, messages = [], []
    for label, value in urn[urn.isin({urn[r] for r in later})].items():
        row = row_number(label)
        rows.append(row)
        if row in later:
            messages.append(f"URN {value} is also on row {later[row]}, which counts; this row is left out.")
        else:
            others = ", ".join(str(r) for r in repeats[row])
            messages.append(f"URN {value} is also on row {others}; this row counts, the repeat is left out.")
    return at_cells(
        "school.urn.duplicate",
        grid,
        L.SCH_URN,
        rows,
        messages,
        "Keep one row per school; merge or delete the repeat.",
    )


def open_mask(grid: Grid) -> pd.Series:
    """Open unless Status says Closed (blank or unreadable Status counts as Open)."""
    if not grid.has(L.SCH_STATUS):
        return pd.Series(True, index=grid.frame.index)
    return frames.by_unique(grid.text(L.SCH_STATUS), lambda v: v.lower() != L.CLOSED.lower(), bool)


def _status(grid: Grid, used: np.ndarray, allowed: list[str]) -> list[Finding]:
    if not grid.has(L.SCH_STATUS):
        return []
    out = C.missing(
        grid,
        L.SCH_STATUS,
        used,
        "school.status.missing",
        "Status is blank, so the school counts as Open.",
        "Type Open or Closed.",
    )
    t = grid.text(L.SCH_STATUS)
    odd = t[used & (t != "") & ~t.isin(allowed)]
    counts_as = [L.CLOSED if v.lower() == L.CLOSED.lower() else L.OPEN for v in odd]
    return out + at_cells(
        "school.status.unknown",
        grid,
        L.SCH_STATUS,
        odd.index,
        [
            f"Status {show(v)} is not one of {' / '.join(allowed)}, so the school counts as {c}."
            for v, c in zip(odd, counts_as, strict=True)
        ],
        [
            f"Write '{c}'." if v.lower() == c.lower() else "Type Open or Closed."
            for v, c in zip(odd, counts_as, strict=True)
        ],
    )


def _sle(grid: Grid, used: np.ndarray) -> list[Finding]:
    if not grid.has(L.SCH_SLE):
        return []
    rows = grid.rows(used & open_mask(grid) & grid.blank(L.SCH_SLE))
    return at_cells(
        "school.sle.missing",
        grid,
        L.SCH_SLE,
        rows,
        [_no_sle(grid, r) for r in rows],
        "Pick the school's SLE from the drop-down: every open school needs a named SLE.",
    )


def _no_sle(grid: Grid, row: int) -> str:
    name = str(grid.text(L.SCH_NAME).at[row]) if grid.has(L.SCH_NAME) else ""
    urn = str(grid.text(L.SCH_URN).at[row]) if grid.has(L.SCH_URN) else ""
    who = name or "This school"
    return f"{who}{f' (URN {urn})' if urn else ''} is open but has no named SLE."


def _postcode(value: str) -> bool:
    return bool(_POSTCODE.fullmatch(" ".join(value.upper().split())))


def _pattern(
    grid: Grid, used: np.ndarray, column: str, good: Callable[[str], bool], code: str, message: str, tip: str
) -> list[Finding]:
    if not grid.has(column):
        return []
    t = grid.text(column)
    typed = t[used & (t != "")]
    bad = typed[~frames.by_unique(typed, good, bool)]
    return at_cells(
        code,
        grid,
        column,
        bad.index,
        [message.format(f"{column} {show(v)}") for v in grid.frame[column].loc[bad.index].tolist()],
        tip,
    )
