"""Budget and SMART Target checks, tuned on the seed's own grid.

A Budget written in words ("ACE budget.", "time 10 days") is an in-kind budget, not a slip:
only text that looks like an amount and is not one ("£7,0O0") is a warning. A target naming
an outcome that is done or not ("Database upgraded") can be measured.
"""

from __future__ import annotations

import re

import numpy as np

from smep_xl import layout as L
from smep_xl.domain.findings import Finding
from smep_xl.domain.validate import columns as C
from smep_xl.domain.validate import frames
from smep_xl.domain.validate.emit import at_cells, show
from smep_xl.domain.validate.grid import Grid
from smep_xl.domain.values import as_number, text

# An amount as staff type it: 7000, £7,000, £7.5k. Text of only these characters that does not
# read as one ("£7,0O0", "7.000.00") is a slip; any other text describes an in-kind budget.
_AMOUNT = re.compile(r"[£$€]?\s*\d[\d,]*(?:\.\d+)?\s*[kKmM]?")
_AMOUNT_LIKE = re.compile(r"[£$€]?[\s\dOo,.]*\d[\s\dOo,.]*[kKmM]?")
# A target that states an outcome ("Database upgraded", "Framework completed") can be measured as
# done or not; "linked to" and the like describe, they do not report an outcome.
_OUTCOME = re.compile(
    r"\b(?:[a-z]{4,}ed|done|held|written|built|made|shown|taught|set up|in place)\b(?!\s+to\b)", re.I
)
_MEASURABLE = re.compile(
    r"\d|%|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|hundred|half|all|every|each|double|twice|once|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|"
    r"apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|"
    r"dec(?:ember)?|autumn|spring|summer|term|termly|weekly|monthly|annually|yearly)\b",
    re.IGNORECASE,
)


def budget(grid: Grid, used: np.ndarray) -> list[Finding]:
    """An amount, or words for an in-kind budget; never an amount that cannot be read."""
    if not grid.has(L.OBJ_BUDGET):
        return []
    raw = grid.frame[L.OBJ_BUDGET][used & ~grid.blank(L.OBJ_BUDGET)]
    verdict = {v: _budget_verdict(v) for v in raw.unique()}
    out: list[Finding] = []
    for code, message, tip in (
        (
            "objective.budget.format",
            "Budget {} looks like an amount but cannot be read as one.",
            "Type the amount as a number (7000 or £7,000), or describe the budget in words.",
        ),
        ("objective.budget.negative", "Budget {} is below zero.", "Type the amount as a positive number."),
    ):
        bad = raw[raw.map(verdict) == code]
        out += at_cells(code, grid, L.OBJ_BUDGET, bad.index, [message.format(show(v)) for v in bad], tip)
    return out + C.number_text(grid, L.OBJ_BUDGET, used)


def _budget_verdict(value: object) -> str:
    n = as_number(value)
    if n is not None:
        return "objective.budget.negative" if n < 0 else ""
    typed = text(value)
    if _AMOUNT_LIKE.fullmatch(typed) and not _AMOUNT.fullmatch(typed):
        return "objective.budget.format"
    return ""


def measurable(grid: Grid, used: np.ndarray) -> list[Finding]:
    if not grid.has(L.OBJ_TARGET):
        return []
    t = grid.text(L.OBJ_TARGET)[used & ~grid.blank(L.OBJ_TARGET)]
    vague = t[~frames.by_unique(t, _measurable_text, bool)]
    return at_cells(
        "objective.target.not_measurable",
        grid,
        L.OBJ_TARGET,
        vague.index,
        [
            f"SMART Target {show(v)} has no number, date or outcome in it, so it cannot be measured."
            for v in vague
        ],
        "Add how many or how much, and by when (e.g. '60% of schools visited by Jul 2015').",
    )


def _measurable_text(target: str) -> bool:
    """A number, a date, a quantity word, or an outcome that is done or not."""
    return bool(_MEASURABLE.search(target) or _OUTCOME.search(target))
