"""Checks on the visit log: Visit ID, URN, dates, pick lists, scores, letters."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from smep_xl import layout as L
from smep_xl.domain.findings import Finding
from smep_xl.domain.settings import Settings
from smep_xl.domain.validate import columns as C
from smep_xl.domain.validate import frames
from smep_xl.domain.validate.cells import check_cells, check_headers
from smep_xl.domain.validate.emit import at_cells, show
from smep_xl.domain.validate.grid import Grid
from smep_xl.domain.validate.scores import check_criterion_columns, check_scores
from smep_xl.domain.values import text

_YES = ("yes", "y", "true", "1")  # what values.as_yes reads as yes


def check_visits(
    grid: Grid, schools: Grid | None, lists: Grid | None, criteria: list[str], settings: Settings, today: date
) -> list[Finding]:
    inputs = L.visits_spec(criteria).inputs
    used = grid.used_rows(inputs)
    out = check_headers(grid, L.VISIT_LEAD_COLUMNS + L.VISIT_TAIL_COLUMNS) + check_criterion_columns(
        grid, criteria
    )
    out += check_cells(grid, inputs)
    out += C.missing(
        grid,
        L.VIS_ID,
        used,
        "visit.id.missing",
        "Visit ID is blank; letters are logged by it.",
        "Give the visit an ID that no other visit has.",
    )
    out += C.duplicates(grid, L.VIS_ID, used, "visit.id.duplicate", "Visit ID", "Give each visit its own ID.")
    out += C.missing(
        grid,
        L.VIS_URN,
        used,
        "visit.urn.missing",
        "URN is blank: which school was visited?",
        "Type the URN of the school visited.",
    )
    out += _urn_known(grid, used, schools)
    out += _visit_date(grid, used, settings, today) + _follow_up(grid, used)
    out += C.in_list(
        grid,
        L.VIS_TYPE,
        used,
        C.list_values(lists, L.LIST_VISIT_TYPE),
        "visit.type.unknown",
        L.LIST_VISIT_TYPE,
    )
    out += C.in_list(grid, L.VIS_SLE, used, C.list_values(lists, L.LIST_SLE), "visit.sle.unknown", L.LIST_SLE)
    out += check_scores(grid, used, criteria)
    out += _send_letter(grid, used)
    return out


def _urn_known(grid: Grid, used: np.ndarray, schools: Grid | None) -> list[Finding]:
    if schools is None or not schools.has(L.SCH_URN) or not grid.has(L.VIS_URN):
        return []
    known = schools.text(L.SCH_URN)
    urn = grid.text(L.VIS_URN)
    odd = urn[used & (urn != "") & ~urn.isin(known[known != ""])]
    return at_cells(
        "visit.urn.unknown",
        grid,
        L.VIS_URN,
        odd.index,
        [f"URN {show(grid.frame.at[r, L.VIS_URN])} is not on the Schools sheet." for r in odd.index],
        "Correct the URN, or add the school to Schools.",
    )


def plan_window(settings: Settings) -> tuple[date, date]:
    """Visits count from a year before Plan Start to the plan's last day."""
    start = settings.plan_start
    try:
        before = start.replace(year=start.year - 1)
        end = start.replace(year=start.year + settings.plan_years) - timedelta(days=1)
    except ValueError:  # 29 February
        before = start - timedelta(days=365)
        end = start + timedelta(days=365 * settings.plan_years - 1)
    return before, end


def _visit_date(grid: Grid, used: np.ndarray, settings: Settings, today: date) -> list[Finding]:
    if not grid.has(L.VIS_DATE):
        return []
    out = C.missing(
        grid, L.VIS_DATE, used, "visit.date.missing", "Visit Date is blank.", "Type the date of the visit."
    )
    out += C.date_cells(grid, L.VIS_DATE, used, "visit.date.not_date")
    when = grid.dates(L.VIS_DATE).value
    future = used & (when >= np.datetime64(today + timedelta(days=1), "us"))
    out += _dated(
        "visit.date.future",
        grid,
        L.VIS_DATE,
        future,
        f"Visit Date {{}} is after today ({text(today)}).",
        "Correct the date; plan future visits elsewhere.",
    )
    first, last = plan_window(settings)
    outside = used & ~future & ((when < np.datetime64(first, "us")) | (when > np.datetime64(last, "us")))
    out += _dated(
        "visit.date.outside_plan",
        grid,
        L.VIS_DATE,
        outside,
        f"Visit Date {{}} is outside the plan and the year before it ({text(first)} to {text(last)}).",
        "Check the year; Plan Start and Plan Years are on Settings.",
    )
    return out


def _dated(code: str, grid: Grid, column: str, mask: np.ndarray, message: str, tip: str) -> list[Finding]:
    rows = grid.rows(mask)
    return at_cells(
        code, grid, column, rows, [message.format(show(grid.frame.at[r, column])) for r in rows], tip
    )


def _follow_up(grid: Grid, used: np.ndarray) -> list[Finding]:
    if not grid.has(L.VIS_FOLLOW_UP):
        return []
    out = C.date_cells(grid, L.VIS_FOLLOW_UP, used, "visit.follow_up.not_date")
    if not grid.has(L.VIS_DATE):
        return out
    visit, follow = grid.dates(L.VIS_DATE).value, grid.dates(L.VIS_FOLLOW_UP).value
    early = used & (follow <= visit)
    rows = grid.rows(early)
    return out + at_cells(
        "visit.follow_up.before_visit",
        grid,
        L.VIS_FOLLOW_UP,
        rows,
        [
            f"Follow-up Date {show(grid.frame.at[r, L.VIS_FOLLOW_UP])} is not after the Visit Date "
            f"{show(grid.frame.at[r, L.VIS_DATE])}."
            for r in rows
        ],
        "Correct one of the two dates.",
    )


def _send_letter(grid: Grid, used: np.ndarray) -> list[Finding]:
    if not grid.has(L.VIS_SEND):
        return []
    said = frames.by_unique(grid.text(L.VIS_SEND), str.lower)
    odd = said[used & (said != "") & ~said.isin(["yes", "no"])]
    out = at_cells(
        "visit.send_letter.format",
        grid,
        L.VIS_SEND,
        odd.index,
        [
            f"Send Letter {show(grid.frame.at[r, L.VIS_SEND])} is not Yes or No, so it counts as "
            f"{'Yes' if v in _YES else 'No'}."
            for r, v in odd.items()
        ],
        "Pick Yes or No.",
    )
    return out + _thin(grid, used & said.isin(_YES))


def _thin(grid: Grid, sending) -> list[Finding]:
    parts = [c for c in (L.VIS_STRENGTHS, L.VIS_ACTIONS) if grid.has(c)]
    if not parts or not sending.any():
        return []
    blanks = {c: grid.blank(c) for c in parts}
    thin = np.asarray(sending, dtype=bool) & np.logical_or.reduce(list(blanks.values()))
    out: list[Finding] = []
    for i in np.flatnonzero(thin):
        row = grid.frame.index[i]
        empty = [c for c in parts if blanks[c][i]]
        what = " and ".join(empty) + (" are" if len(empty) > 1 else " is")
        out += at_cells(
            "visit.letter.thin",
            grid,
            empty[0],
            [row],
            [f"Send Letter is Yes but {what} blank, so the letter would be thin."],
            "Fill in Strengths and Agreed Actions before generating letters.",
        )
    return out
