"""Checks on the sheets that configure the rest: Criteria, Lists and Settings."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from smep_xl import layout as L
from smep_xl.domain import setting_specs as S
from smep_xl.domain.findings import Finding
from smep_xl.domain.setting_specs import BY_NAME
from smep_xl.domain.settings import Settings
from smep_xl.domain.validate import columns as C
from smep_xl.domain.validate.cells import check_cells, check_headers
from smep_xl.domain.validate.emit import at_cells, at_header, show
from smep_xl.domain.validate.frames import by_unique
from smep_xl.domain.validate.grid import Grid
from smep_xl.domain.validate.setting_values import check_values
from smep_xl.domain.visit_types import yes_no

CHECKED_LISTS = (L.LIST_PHASE, L.LIST_AREA, L.LIST_VISIT_TYPE, L.LIST_STATUS, L.LIST_SLE, L.LIST_ROLE_CODE)


def check_criteria(grid: Grid) -> list[Finding]:
    inputs = L.CRITERIA_SPEC.inputs
    used = grid.used_rows(inputs)
    out = check_headers(grid, inputs) + check_cells(grid, inputs)
    if not grid.has(L.CRI_NAME):
        return out
    names = grid.text(L.CRI_NAME)
    named = used & (names != "")
    if not named.any():
        out.append(
            at_header(
                "criteria.empty",
                grid,
                L.CRI_NAME,
                "No criteria are listed, so no visit can be scored.",
                "List the criteria (a new workbook has the Ofsted 2013 eight).",
            )
        )
    out += C.missing(
        grid,
        L.CRI_NAME,
        used,
        "criteria.name.missing",
        "This row has no Criterion name, so it is ignored.",
        "Name the criterion, or clear the row.",
    )
    out += C.duplicates(
        grid,
        L.CRI_NAME,
        used,
        "criteria.name.duplicate",
        "Criterion",
        "Keep one row per criterion.",
        key=names.str.lower(),
    )
    return out + _weights(grid, named) + _keys(grid, named)


def _weights(grid: Grid, named: np.ndarray) -> list[Finding]:
    if not grid.has(L.CRI_WEIGHT):
        return []
    out = C.missing(
        grid,
        L.CRI_WEIGHT,
        named,
        "criteria.weight.missing",
        "Weight is blank, so it counts as 1.",
        "Type a weight (1 is the default).",
    )
    n = grid.numbers(L.CRI_WEIGHT)
    bad = grid.rows(named & (n.bad | (n.value <= 0)))
    out += at_cells(
        "criteria.weight.invalid",
        grid,
        L.CRI_WEIGHT,
        bad,
        [
            f"Weight {show(grid.frame.at[r, L.CRI_WEIGHT])} is not a positive number, so it counts as 1."
            for r in bad
        ],
        "Type a number above 0.",
    )
    return out + C.number_text(grid, L.CRI_WEIGHT, named)


def _keys(grid: Grid, named: np.ndarray) -> list[Finding]:
    if not grid.has(L.CRI_KEY):
        return []
    said = by_unique(grid.text(L.CRI_KEY), str.lower)
    odd = said[named & (said != "") & ~said.isin(["yes", "no"])]
    return at_cells(
        "criteria.key.format",
        grid,
        L.CRI_KEY,
        odd.index,
        [
            f"Key {show(grid.frame.at[r, L.CRI_KEY])} is not Yes or No, so it counts as "
            f"{'Yes' if v in ('y', 'true', '1') else 'No'}."
            for r, v in odd.items()
        ],
        "Type Yes for a key criterion (a 1 there makes the visit Red), else No.",
    )


_FLAGS = (L.LIST_COUNTS_AS_VISIT, L.LIST_SCORED)  # Yes/No beside each Visit Type, not pick lists


def check_lists(grid: Grid) -> list[Finding]:
    inputs = L.LISTS_SPEC.inputs
    out = check_headers(grid, L.LISTS_SPEC.required) + check_cells(grid, inputs)
    for column in (c for c in inputs if c not in (L.LIST_ROLE, *_FLAGS) and grid.has(c)):
        t = grid.text(column)
        values = t[t != ""]
        if values.empty and column in CHECKED_LISTS:
            out.append(
                at_header(
                    "lists.empty",
                    grid,
                    column,
                    f"The {column} list is empty, so {column} values typed elsewhere are not checked.",
                    "Fill in the list.",
                )
            )
        repeats = values[values.duplicated()]
        firsts = {v: r for r, v in values[~values.duplicated()].items()}
        out += at_cells(
            "lists.duplicate",
            grid,
            column,
            repeats.index,
            [f"'{v}' is already in the {column} list (row {firsts[v]})." for v in repeats],
            "Delete the repeat.",
        )
    return out + _flags(grid)


def _flags(grid: Grid) -> list[Finding]:
    """Counts as Visit and Scored: Yes, No or blank (Yes) beside each Visit Type."""
    if not grid.has(L.LIST_VISIT_TYPE):
        return []
    named = ~grid.blank(L.LIST_VISIT_TYPE)
    out: list[Finding] = []
    for column in (c for c in _FLAGS if grid.has(c)):
        odd = grid.text(column)[named & (by_unique(grid.text(column), lambda v: yes_no(v) is None, bool))]
        out += at_cells(
            "lists.yes_no.format",
            grid,
            column,
            odd.index,
            [
                f"{column} {show(v)} beside {show(grid.frame.at[r, L.LIST_VISIT_TYPE])} is not Yes or No, "
                "so it counts as Yes."
                for r, v in odd.items()
            ],
            "Type Yes or No (blank means Yes).",
        )
    return out


def check_settings(
    grid: Grid, settings: Settings, file_exists: Callable[[str], bool] | None, fields: set[str]
) -> list[Finding]:
    inputs = L.SETTINGS_SPEC.inputs
    out = check_headers(grid, inputs) + check_cells(grid, inputs)
    if not (grid.has(L.SET_NAME) and grid.has(L.SET_VALUE)):
        return out
    names = grid.text(L.SET_NAME)
    repeats = names[(names != "") & names.duplicated()]
    out += at_cells(
        "settings.duplicate",
        grid,
        L.SET_NAME,
        repeats.index,
        [
            f"The setting '{v}' is listed again here; the first (row {settings.rows.get(v)}) is used."
            for v in repeats
        ],
        "Delete the repeat.",
    )
    for name in L.SETTING_NAMES:
        if name not in settings.rows:
            spec = BY_NAME[name]
            default = S.shown(spec.default, spec.kind) or (f"blank: {spec.blank}" if spec.blank else "blank")
            out.append(
                at_header(
                    "settings.missing",
                    grid,
                    L.SET_NAME,
                    f"The setting '{name}' has no row, so its default ({default}) is used.",
                    f"Add a row with Setting '{name}' and its Value.",
                )
            )
    return out + check_values(grid, settings, file_exists, fields)
