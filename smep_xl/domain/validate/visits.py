"""Checks on the visit log: Visit ID, URN, dates, pick lists, scores, letters.

A row with no Visit ID, URN, Visit Date or score is blank: it is not a visit and nothing is
said about it. The checks whose errors leave a visit out of Refresh's figures are public
(visit_rows, urn_known, visit_dates, follow_up): domain/admission.py runs them too.
"""

from __future__ import annotations

from datetime import date, timedelta

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
from smep_xl.domain.validate.scores import check_criterion_columns, check_scores
from smep_xl.domain.values import text

_YES = ("yes", "y", "true", "1")  # what values.as_yes reads as yes
NOT_COUNTED = ", so this visit is not counted"
NO_FOLLOW_UP = ", so Next Visit Due is worked out from the visit instead"


def visit_rows(grid: Grid, criteria: list[str]) -> np.ndarray:
    """Rows that hold a visit: a Visit ID, URN, Visit Date or score typed."""
    return grid.used_rows([L.VIS_ID, L.VIS_URN, L.VIS_DATE, *criteria])


def check_visits(
    grid: Grid, schools: Grid | None, lists: Grid | None, criteria: list[str], settings: Settings, today: date
) -> list[Finding]:
    inputs = L.visits_spec(criteria).inputs
    used = visit_rows(grid, criteria)
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
    out += urn_known(grid, used, schools)
    out += visit_dates(grid, used, settings, today) + follow_up(grid, used)
    out += C.in_list(
        grid,
        L.VIS_TYPE,
        used,
        C.list_values(lists, L.LIST_VISIT_TYPE),
        "visit.type.unknown",
        L.LIST_VISIT_TYPE,
    )
    out += C.in_list(grid, L.VIS_SLE, used, C.list_values(lists, L.LIST_SLE), "visit.sle.unknown", L.LIST_SLE)
    out += check_scores(grid, used, criteria, settings.visit_types)
    out += _send_letter(grid, used)
    return out


def urn_known(grid: Grid, used: np.ndarray, schools: Grid | None) -> list[Finding]:
    """A URN, and one that is on the Schools sheet."""
    out = C.missing(
        grid,
        L.VIS_URN,
        used,
        "visit.urn.missing",
        f"URN is blank{NOT_COUNTED}: which school was visited?",
        "Type the URN of the school visited.",
    )
    if schools is None or not schools.has(L.SCH_URN) or not grid.has(L.VIS_URN):
        return out
    known = schools.text(L.SCH_URN)
    urn = grid.text(L.VIS_URN)
    odd = urn[used & (urn != "") & ~urn.isin(known[known != ""])]
    return out + at_cells(
        "visit.urn.unknown",
        grid,
        L.VIS_URN,
        odd.index,
        [
            f"URN {show(grid.frame.at[r, L.VIS_URN])} is not on the Schools sheet{NOT_COUNTED}."
            for r in odd.index
        ],
        "Correct the URN, or add the school to Schools.",
    )


def plan_window(settings: Settings) -> tuple[date, date]:
    """Visits count from a year before Plan Start to the plan's last day."""
    start = settings.plan_start
    try:
        before = start.replace(year=start.year - 1)
    except ValueError:  # 29 February
        before = start - timedelta(days=365)
    return before, settings.plan_end


def visit_dates(
    grid: Grid, used: np.ndarray, settings: Settings, today: date, notes: bool = True
) -> list[Finding]:
    """A Visit Date that is a real date, not after today; with notes, a note when Refresh does not
    count it yet (after the As Of Date) or it falls outside the plan."""
    if not grid.has(L.VIS_DATE):
        return []
    out = C.missing(
        grid,
        L.VIS_DATE,
        used,
        "visit.date.missing",
        f"Visit Date is blank{NOT_COUNTED}.",
        "Type the date of the visit.",
    )
    out += C.date_cells(grid, L.VIS_DATE, used, "visit.date.not_date", NOT_COUNTED)
    when = grid.dates(L.VIS_DATE).value
    future = used & (when >= np.datetime64(today + timedelta(days=1), "us"))
    out += _dated(
        "visit.date.future",
        grid,
        future,
        f"Visit Date {{}} is after today ({text(today)}){NOT_COUNTED}.",
        "Correct the date; plan future visits elsewhere.",
    )
    if not notes:
        return out
    as_of = settings.date(L.S_AS_OF)
    if as_of is not None and as_of < today:
        later = used & ~future & (when >= np.datetime64(as_of + timedelta(days=1), "us"))
        out += _dated(
            "visit.date.after_as_of",
            grid,
            later,
            f"Visit Date {{}} is after the {L.S_AS_OF} ({text(as_of)}), so Refresh does not count it yet.",
            f"Nothing to do if {L.S_AS_OF} is meant; leave it blank to rate everything at today.",
        )
    first, last = plan_window(settings)
    outside = used & ~future & ((when < np.datetime64(first, "us")) | (when > np.datetime64(last, "us")))
    return out + _dated(
        "visit.date.outside_plan",
        grid,
        outside,
        f"Visit Date {{}} is outside the plan and the year before it ({text(first)} to {text(last)}).",
        f"Check the year; {L.S_PLAN_START} and {L.S_PLAN_YEARS} are on Settings.",
    )


def _dated(code: str, grid: Grid, mask: np.ndarray, message: str, tip: str) -> list[Finding]:
    rows = grid.rows(mask)
    typed = grid.frame[L.VIS_DATE].loc[rows].tolist()  # one look-up for all: 100,000 rows may be late
    return at_cells(code, grid, L.VIS_DATE, rows, [message.format(show(v)) for v in typed], tip)


def follow_up(grid: Grid, used: np.ndarray) -> list[Finding]:
    """A Follow-up Date, when typed, is a date after the Visit Date."""
    if not grid.has(L.VIS_FOLLOW_UP):
        return []
    out = C.date_cells(grid, L.VIS_FOLLOW_UP, used, "visit.follow_up.not_date", NO_FOLLOW_UP)
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
            f"{show(grid.frame.at[r, L.VIS_DATE])}{NO_FOLLOW_UP}."
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


def _thin(grid: Grid, sending: np.ndarray | pd.Series) -> list[Finding]:
    parts = [c for c in (L.VIS_STRENGTHS, L.VIS_ACTIONS) if grid.has(c)]
    if not parts or not sending.any():
        return []
    blanks = {c: grid.blank(c) for c in parts}
    thin = np.asarray(sending, dtype=bool) & np.logical_or.reduce(list(blanks.values()))
    out: list[Finding] = []
    for i in np.flatnonzero(thin):
        row = grid.frame.index[int(i)]
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
