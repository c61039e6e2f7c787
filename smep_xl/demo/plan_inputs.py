"""The Schools columns the plan's measures are counted from, filled as a hub part-way through year 1
records them: Award Applied, First Access, MDP Link and Review Date, and Engagement.

They are filled after the school list is made, from a random stream of their own, so the
schools, visits and letters of the demo are the same with or without them.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from smep_xl import layout as L

_PRIMARY = ("Primary", "Middle deemed primary", "All-through", "Special")  # where First Access is taught
_REVIEWS = (date(2015, 6, 30), date(2015, 7, 17), date(2015, 9, 30), date(2016, 3, 31), date(2016, 7, 15))


def add_plan_inputs(records: list[dict], rng: random.Random, visited: set[object] | None = None) -> None:
    """Fill the plan inputs of each school record in place; `visited` holds the URNs the visit
    log reaches (a visited school has engaged with the hub)."""
    visited = visited or set()
    for record in records:
        is_open = record[L.SCH_STATUS] == L.OPEN
        record[L.SCH_AWARD_APPLIED] = _applied(rng, record)
        record[L.SCH_FIRST_ACCESS] = _first_access(rng, record[L.SCH_PHASE]) if is_open else None
        link, review = _mdp(rng, record)
        record[L.SCH_MDP_LINK], record[L.SCH_MDP_REVIEW] = link, review
        record[L.SCH_ENGAGEMENT] = _engagement(rng, record[L.SCH_URN] in visited) if is_open else None


def _applied(rng: random.Random, record: dict) -> str | None:
    """A school holding an Award applied for it; some of cohort 1 have applied and wait."""
    if record[L.SCH_AWARD]:
        return L.YES
    chance = 0.04 if record[L.SCH_COHORT] == 1 else 0.02
    return L.YES if rng.random() < chance else (L.NO if rng.random() < 0.5 else None)


def _first_access(rng: random.Random, phase: str) -> str | None:
    """Recorded for the phases that teach whole-class instruments; a few not recorded yet."""
    if phase not in _PRIMARY:
        return None
    roll = rng.random()
    return L.YES if roll < 0.74 else (L.NO if roll < 0.9 else None)


def _mdp(rng: random.Random, record: dict) -> tuple[str | None, date | None]:
    """A published plan has its page and a review date; a few reviews are already past."""
    if record[L.SCH_MDP] != L.YES:
        return None, None
    host = record[L.SCH_EMAIL].split("@", 1)[1].split("-", 1)[0].split(".", 1)[0] + ".example.sch.uk"
    page = rng.choice(("music-development-plan", "curriculum/music", "music"))
    review = rng.choice(_REVIEWS) + timedelta(days=rng.randint(0, 10))
    return f"https://www.{host}/{page}", review


def _engagement(rng: random.Random, visited: bool) -> str | None:
    """Visited schools are engaged (most recorded as such); of the rest, most have answered."""
    roll = rng.random()
    if visited:
        return L.ENGAGED if roll < 0.7 else None
    if roll < 0.5:
        return L.ENGAGED
    if roll < 0.62:
        return L.NO_RESPONSE
    return L.DECLINED if roll < 0.67 else None
