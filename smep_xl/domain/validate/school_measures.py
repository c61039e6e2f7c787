"""The Schools columns the plan's measures are counted from: Cohort (also Next Visit Due for a
school not yet visited), Award, Award Applied, Music in SDP, First Access, MDP Published, MDP
Link, MDP Review Date and Engagement. An error here means the school is counted neither way in
that measure."""

from __future__ import annotations

import re

import numpy as np

from smep_xl import layout as L
from smep_xl.domain.findings import Finding
from smep_xl.domain.settings import Settings
from smep_xl.domain.validate import columns as C
from smep_xl.domain.validate import frames
from smep_xl.domain.validate.emit import at_cells, show
from smep_xl.domain.validate.grid import Grid

YES_NO_COLUMNS = {
    L.SCH_AWARD_APPLIED: "school.award_applied.format",
    L.SCH_MUSIC_IN_SDP: "school.music_in_sdp.format",
    L.SCH_FIRST_ACCESS: "school.first_access.format",
    L.SCH_MDP: "school.mdp.format",
}
_WEB_ADDRESS = re.compile(r"(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:[/?#]\S*)?", re.IGNORECASE)


def cohort(grid: Grid, used: np.ndarray, settings: Settings) -> list[Finding]:
    """Cohort: blank, or the plan year (1 to Plan Years) the school is first due a visit in."""
    if not grid.has(L.SCH_COHORT):
        return []
    n = grid.numbers(L.SCH_COHORT)
    years = settings.plan_years
    with np.errstate(invalid="ignore"):
        bad = used & ~n.blank & (n.bad | (n.value % 1 != 0) | (n.value < 1) | (n.value > years))
    rows = grid.rows(bad)
    out = at_cells(
        "school.cohort.invalid",
        grid,
        L.SCH_COHORT,
        rows,
        [
            f"Cohort {show(grid.frame.at[r, L.SCH_COHORT])} is not a whole number from 1 to {years} "
            f"({L.S_PLAN_YEARS}), so Next Visit Due is left blank until the school is visited."
            for r in rows
        ],
        f"Type the plan year the school is first due a visit in: 1 to {years}.",
    )
    return out + C.number_text(grid, L.SCH_COHORT, used & ~bad)


def measure_inputs(grid: Grid, used: np.ndarray, lists: Grid | None) -> list[Finding]:
    """Award and Engagement from their lists; the Yes/No columns Yes, No or blank; MDP Review
    Date a date and MDP Link a web address."""
    out = C.in_list(
        grid, L.SCH_AWARD, used, C.list_values(lists, L.LIST_AWARD), "school.award.unknown", L.LIST_AWARD
    )
    engagement = C.list_values(lists, L.LIST_ENGAGEMENT) or list(L.ENGAGEMENT_WORDS)
    out += C.in_list(grid, L.SCH_ENGAGEMENT, used, engagement, "school.engagement.unknown", L.LIST_ENGAGEMENT)
    for column, code in YES_NO_COLUMNS.items():
        out += _yes_no(grid, used, column, code)
    out += C.date_cells(grid, L.SCH_MDP_REVIEW, used, "school.mdp_review.not_date", ", so it is not counted")
    return out + _web_address(grid, used)


def _web_address(grid: Grid, used: np.ndarray) -> list[Finding]:
    if not grid.has(L.SCH_MDP_LINK):
        return []
    said = grid.text(L.SCH_MDP_LINK)
    odd = said[used & (said != "") & ~said.map(lambda v: bool(_WEB_ADDRESS.fullmatch(v)))]
    return at_cells(
        "school.mdp_link.format",
        grid,
        L.SCH_MDP_LINK,
        odd.index,
        [
            f"{L.SCH_MDP_LINK} {show(grid.frame.at[r, L.SCH_MDP_LINK])} is not a web address."
            for r in odd.index
        ],
        "Type the address of the page, e.g. https://www.school.sch.uk/music.",
    )


def _yes_no(grid: Grid, used: np.ndarray, column: str, code: str) -> list[Finding]:
    if not grid.has(column):
        return []
    said = frames.by_unique(grid.text(column), str.lower)
    odd = said[used & (said != "") & ~said.isin(["yes", "no"])]
    return at_cells(
        code,
        grid,
        column,
        odd.index,
        [
            f"{column} {show(grid.frame.at[r, column])} is not Yes or No, so it is counted neither way."
            for r in odd.index
        ],
        "Pick Yes or No, or leave it blank when not known.",
    )
