"""Checks on the objectives grid: required fields, Ref, Leads, By When, Budget, Status, Progress,
and whether a SMART target can be measured.

Tuned on the seed's own grid: a Budget written in words ("ACE budget.", "time 10 days") is an
in-kind budget, not a mistake; a target that names an outcome ("Database upgraded") can be
measured as done or not. The checks whose errors leave a row unrated (progress, by_when) are
public: domain/admission.py runs them too.
"""

from __future__ import annotations

import numpy as np

from smep_xl import layout as L
from smep_xl.domain.by_when import UNCLEAR, UNREADABLE, parse_by_when
from smep_xl.domain.findings import Finding
from smep_xl.domain.settings import Settings
from smep_xl.domain.validate import columns as C
from smep_xl.domain.validate import frames
from smep_xl.domain.validate.budget_target import budget, measurable
from smep_xl.domain.validate.cells import check_cells, check_headers
from smep_xl.domain.validate.emit import at_cells, show
from smep_xl.domain.validate.grid import Grid
from smep_xl.domain.validate.leads import RoleCodes
from smep_xl.domain.values import as_percent

INPUTS = L.OBJECTIVES_SPEC.inputs
Unknown = tuple[tuple[str, str | None], ...]  # (phrase, nearest known code or None), as Leads has it
NOT_RATED = ", so this row gets no Target RAG"


def check_objectives(grid: Grid, lists: Grid | None, settings: Settings) -> list[Finding]:
    used = grid.used_rows(INPUTS)
    out = check_headers(grid, L.OBJECTIVES_SPEC.required) + check_cells(grid, INPUTS)
    out += _number(grid, used) + _action(grid, used)
    out += C.missing(
        grid,
        L.OBJ_LEADS,
        used,
        "objective.leads.missing",
        "Leads is blank: no one leads this row.",
        "Type the role codes of who leads it, e.g. DHoS/SLE.",
    )
    out += _leads(grid, used, RoleCodes(C.list_values(lists, L.LIST_ROLE_CODE)))
    out += C.missing(
        grid,
        L.OBJ_BY_WHEN,
        used,
        "objective.by_when.missing",
        "By When is blank.",
        "Type when it is due: a month and year (Mar 2015), or Ongoing / Termly.",
    )
    out += by_when(grid, used, settings)
    out += C.duplicates(
        grid, L.OBJ_REF, used, "objective.ref.duplicate", "Ref", "Give each row its own Ref (1i, 1ii, ...)."
    )
    out += budget(grid, used)
    out += C.in_list(
        grid, L.OBJ_STATUS, used, C.list_values(lists, L.LIST_STATUS), "objective.status.unknown", "Status"
    )
    out += progress(grid, used) + measurable(grid, used)
    out += C.in_list(grid, L.OBJ_MEASURE, used, list(L.MEASURES), "objective.measure.unknown", L.LIST_MEASURE)
    return out


def _number(grid: Grid, used: np.ndarray) -> list[Finding]:
    """Blank Objective No means "same as above": only rows before the first number lack one."""
    if not grid.has(L.OBJ_NO):
        return []
    numbered = np.cumsum(~grid.blank(L.OBJ_NO)[used])
    rows = grid.rows(used)[numbered == 0]
    return at_cells(
        "objective.number.missing",
        grid,
        L.OBJ_NO,
        rows,
        ["Objective No is blank and there is no objective above this row to take it from."] * len(rows),
        "Type the objective number in the first row of each objective.",
    )


def _action(grid: Grid, used: np.ndarray) -> list[Finding]:
    present = [c for c in (L.OBJ_ACTION, L.OBJ_TARGET) if grid.has(c)]
    if not present:
        return []
    blank = used.copy()
    for column in present:
        blank &= grid.blank(column)
    rows = grid.rows(blank)
    return at_cells(
        "objective.action.missing",
        grid,
        present[0],
        rows,
        ["This row has neither an Action nor a SMART Target."] * len(rows),
        "Describe the action, the target, or both.",
    )


def _leads(grid: Grid, used: np.ndarray, codes: RoleCodes) -> list[Finding]:
    if not grid.has(L.OBJ_LEADS) or not codes.codes:
        return []
    t = grid.text(L.OBJ_LEADS)[used & ~grid.blank(L.OBJ_LEADS)]
    faulty = frames.by_unique(t, lambda v: bool(codes.read(v).unknown or codes.read(v).case), bool)
    out: list[Finding] = []
    for row, value in t[faulty].items():
        leads = codes.read(value)
        if leads.unknown:
            out += at_cells(
                "objective.leads.unknown",
                grid,
                L.OBJ_LEADS,
                [row],
                [_unknown_message(value, leads.unknown)],
                _unknown_tip(leads.unknown),
            )
        if leads.case:
            pairs = ", ".join(f"'{typed}' is written '{code}'" for typed, code in leads.case)
            out += at_cells(
                "objective.leads.case",
                grid,
                L.OBJ_LEADS,
                [row],
                [f"Leads {show(value)}: {pairs} on Lists."],
                "Write " + ", ".join(f"'{code}'" for _, code in leads.case) + ".",
            )
    return out


def _unknown_message(value: str, unknown: Unknown) -> str:
    names = [f"'{phrase}'" for phrase, _ in unknown]
    if len(unknown) == 1 and unknown[0][0] == " ".join(value.split()):
        return f"Leads {show(value)} names no Role Code from Lists."
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    verb = "is not a Role Code" if len(names) == 1 else "are not Role Codes"
    return f"Leads {show(value)}: {listed} {verb} on Lists."


def _unknown_tip(unknown: Unknown) -> str:
    guesses = [f"'{phrase}' may be '{near}'" for phrase, near in unknown if near]
    if len(unknown) == 1 and guesses:
        return f"Did you mean '{unknown[0][1]}'? Otherwise add it to Role Code on Lists."
    lead = "; ".join(guesses) + ". " if guesses else ""
    return lead + "Use codes from Role Code on Lists, or add the role there."


def by_when(grid: Grid, used: np.ndarray, settings: Settings) -> list[Finding]:
    """By When read as Refresh reads it: anything not fully understood leaves the row unrated."""
    if not grid.has(L.OBJ_BY_WHEN):
        return []
    raw = grid.frame[L.OBJ_BY_WHEN][used & ~grid.blank(L.OBJ_BY_WHEN)]
    start, years = settings.plan_start, settings.plan_years
    parsed = {value: parse_by_when(value, start, years) for value in raw.unique()}
    kinds = raw.map(lambda v: parsed[v].kind)
    unreadable = raw[kinds == UNREADABLE]
    shaped = unreadable.map(lambda v: frames.date_shaped(str(v))).astype(bool)
    out = at_cells(
        "cell.date_impossible",
        grid,
        L.OBJ_BY_WHEN,
        shaped.index[shaped.to_numpy()],
        [
            f"By When {show(v)} is not a real date: {frames.why_not_a_date(str(v))}{NOT_RATED}."
            for v in unreadable[shaped]
        ],
        "Correct the day or month.",
    )
    rest = unreadable[~shaped]
    out += at_cells(
        "objective.by_when.unreadable",
        grid,
        L.OBJ_BY_WHEN,
        rest.index,
        [f"By When {show(v)} is not a date we can read{NOT_RATED}." for v in rest],
        "Write a month and year such as 'Mar 2015', a span such as 'Apr/May 2015', or 'Ongoing'.",
    )
    unclear = raw[kinds == UNCLEAR]
    return out + at_cells(
        "objective.by_when.unclear",
        grid,
        L.OBJ_BY_WHEN,
        unclear.index,
        [f"By When {show(v)} is not fully understood: {parsed[v].problem}{NOT_RATED}." for v in unclear],
        [parsed[v].suggestion for v in unclear],
    )


def progress(grid: Grid, used: np.ndarray) -> list[Finding]:
    """Progress % a number from 0 to 100: a row whose Progress is not is left unrated."""
    if not grid.has(L.OBJ_PROGRESS):
        return []
    raw = grid.frame[L.OBJ_PROGRESS][used & ~grid.blank(L.OBJ_PROGRESS)]
    pct = raw.map({v: as_percent(v) for v in raw.unique()}).astype(float)
    bad = raw[pct.isna()]
    out = at_cells(
        "objective.progress.not_number",
        grid,
        L.OBJ_PROGRESS,
        bad.index,
        [f"Progress % {show(v)} is not a number{NOT_RATED}." for v in bad],
        "Type a percentage from 0 to 100 (50, 50% or 0.5).",
    )
    wild = raw[(pct < 0) | (pct > 100)]
    out += at_cells(
        "objective.progress.range",
        grid,
        L.OBJ_PROGRESS,
        wild.index,
        [f"Progress % {show(v)} is outside 0-100{NOT_RATED}." for v in wild],
        "Type a percentage from 0 to 100.",
    )
    text = raw[pct.notna() & raw.map(lambda v: isinstance(v, str)).astype(bool)]
    out += at_cells(
        "cell.number_as_text",
        grid,
        L.OBJ_PROGRESS,
        text.index,
        [f"Progress % {show(v)} is a number stored as text." for v in text],
        "Retype it, or use Excel's 'Convert to Number'.",
    )
    return out
