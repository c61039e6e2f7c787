"""The visit log: audits, targeted support and follow-ups over the plan's first year.

Visits fall on school days up to the demo's As Of Date. Cohort 1 is audited first (most
between October and March, as the plan says); a few cohort 2 schools early. A Red audit
brings a targeted support visit a term later and often a follow-up; some Amber schools get
a follow-up and some Green ones a review.
"""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from smep_xl import layout as L
from smep_xl.demo import phrases
from smep_xl.demo.lists import SLES
from smep_xl.demo.names import any_of, chooser

TERMS = (
    (date(2014, 9, 3), date(2014, 12, 19)),
    (date(2015, 1, 5), date(2015, 3, 27)),
    (date(2015, 4, 13), date(2015, 7, 22)),
)
HALF_TERMS = (
    (date(2014, 10, 27), date(2014, 10, 31)),
    (date(2015, 2, 16), date(2015, 2, 20)),
    (date(2015, 5, 25), date(2015, 5, 29)),
)
LETTERS_FROM = date(2015, 6, 8)  # letters before this went out by hand, before the workbook
INITIAL, FOLLOW_UP, TARGETED, REVIEW = "Initial audit", "Follow-up", "Targeted support", "Review"

# Chance of each score 1-4 per criterion, by how strong a school's music is.
PROFILES = {
    name: chooser(tuple(zip((1, 2, 3, 4), shares, strict=True)))
    for name, shares in (("weak", (30, 50, 18, 2)), ("developing", (3, 42, 48, 7)), ("good", (0, 10, 52, 38)))
}
PROFILE = chooser((("weak", 10), ("developing", 38), ("good", 52)))


@dataclass(frozen=True)
class Criterion:
    name: str
    key: bool


def school_days() -> list[date]:
    days = []
    for start, end in TERMS:
        day = start
        while day <= end:
            if day.weekday() < 5 and not any(a <= day <= b for a, b in HALF_TERMS):
                days.append(day)
            day += timedelta(days=1)
    return days


def visits_frame(
    schools: pd.DataFrame, criteria: list[Criterion], rng: random.Random, total: int | None = None
) -> pd.DataFrame:
    """Visits for the open schools; total (if given) trims or tops up to about that many."""
    maker = _VisitMaker(criteria, rng, school_days())
    open_schools = [s for s in schools.to_dict("records") if s[L.SCH_STATUS] == L.OPEN]
    rows = []
    for school in open_schools:
        rows += maker.school_visits(school)
    if total is not None:
        rows = maker.resize(rows, open_schools, total)
    rows.sort(key=lambda r: (r[L.VIS_DATE], r[L.VIS_URN]))
    _some_slip(rows, criteria, random.Random(len(rows) * 7919 + 17))
    width = max(4, len(str(len(rows))))
    for n, row in enumerate(rows, 1):
        row[L.VIS_ID] = f"V{n:0{width}d}"
    columns = list(L.visits_spec([c.name for c in criteria]).inputs)
    return pd.DataFrame(rows, columns=columns, dtype=object)


class _VisitMaker:
    def __init__(self, criteria: list[Criterion], rng: random.Random, days: list[date]):
        self.criteria, self.rng, self.days = criteria, rng, days

    def _day(self, start: date, end: date) -> date:
        lo = bisect_left(self.days, start)
        hi = max(lo, bisect_right(self.days, end) - 1)
        return self.days[min(self.rng.randint(lo, hi), len(self.days) - 1)]

    def _later(self, day: date, weeks: tuple[int, int]) -> date | None:
        i = bisect_left(self.days, day + timedelta(weeks=self.rng.randint(*weeks)))
        return self.days[i] if i < len(self.days) else None

    def school_visits(self, school: dict) -> list[dict]:
        rng = self.rng
        if school[L.SCH_COHORT] == 1:
            if rng.random() >= 0.94:
                return []
            early = rng.random() < 0.85
            day = self._day(
                *((date(2014, 10, 1), date(2015, 3, 27)) if early else (date(2015, 4, 13), date(2015, 7, 22)))
            )
        else:
            if rng.random() >= 0.12:
                return []
            day = self._day(date(2015, 5, 1), date(2015, 7, 22))
        scores = self._scores(school, PROFILES[PROFILE(rng)])
        visits = [self._visit(school, day, INITIAL, scores)]
        self._follow_ups(school, visits, scores)
        return visits

    def _follow_ups(self, school: dict, visits: list[dict], scores: dict) -> None:
        rng, rag = self.rng, self.rag(scores)
        plan = {
            L.RED: ((TARGETED, (5, 10), 0.5), (FOLLOW_UP, (6, 10), 0.3)),
            L.AMBER: ((FOLLOW_UP, (8, 16), 0.25),) if rng.random() < 0.25 else (),
            L.GREEN: ((REVIEW, (14, 30), 0.0),) if rng.random() < 0.08 else (),
        }.get(rag, ())
        for kind, weeks, lift in plan:
            day = self._later(visits[-1][L.VIS_DATE], weeks)
            if day is None:
                return
            scores = {
                k: (min(4, v + 1) if v is not None and rng.random() < lift else v) for k, v in scores.items()
            }
            visits.append(self._visit(school, day, kind, scores, follow_up=True))
            if kind == TARGETED and self.rag(scores) == L.GREEN:
                return

    def _scores(self, school: dict, score: Callable[[random.Random], int]) -> dict:
        rng = self.rng
        scores: dict[str, int | None] = {c.name: score(rng) for c in self.criteria}
        infant = school[L.SCH_PHASE] == "Nursery" or "Infant" in str(school[L.SCH_NAME])
        if infant and "Instrumental" in scores and rng.random() < 0.7:
            scores["Instrumental"] = None
        elif rng.random() < 0.03:
            scores[rng.choice(self.criteria).name] = None
        return scores

    def rag(self, scores: dict) -> str:
        """The contract's default Visit RAG (thresholds 2.0 and 3.0; weights 1)."""
        marks = [v for v in scores.values() if v is not None]
        mean = sum(marks) / len(marks)
        key_one = any(scores.get(c.name) == 1 for c in self.criteria if c.key)
        if mean < 2.0 or key_one:
            return L.RED
        return L.GREEN if mean >= 3.0 and 1 not in marks else L.AMBER

    def _visit(self, school: dict, day: date, kind: str, scores: dict, follow_up: bool = False) -> dict:
        rng, rag = self.rng, self.rag(scores)
        sle = school[L.SCH_SLE] if rng.random() < 0.88 else any_of(rng, SLES)
        lead = school[L.SCH_MUSIC_LEAD] or f"{school[L.SCH_HEAD_FIRST]} {school[L.SCH_HEAD_LAST]}"
        words = {
            "lead": lead,
            "sle": sle.split()[0],
            **phrases.school_words(school[L.SCH_PHASE], school[L.SCH_NAME]),
        }
        strengths, areas, actions = _comments(rng, scores, words)
        if follow_up:
            strengths.insert(0, any_of(rng, phrases.PROGRESS).format(**words))
        row = {L.VIS_URN: school[L.SCH_URN], L.VIS_DATE: day, L.VIS_TYPE: kind, L.VIS_SLE: sle}
        row.update(scores)
        row.update(
            {
                L.VIS_STRENGTHS: "\n".join(strengths),
                L.VIS_AREAS: "\n".join(areas),
                L.VIS_ACTIONS: "\n".join(actions),
                L.VIS_SUPPORT: "\n".join(_support(rng, rag, words)),
                L.VIS_FOLLOW_UP: _follow_up_date(rng, day, rag, self.days),
                L.VIS_SEND: L.YES if day >= LETTERS_FROM and rng.random() < 0.85 else L.NO,
            }
        )
        return row

    def resize(self, rows: list[dict], open_schools: list[dict], total: int) -> list[dict]:
        """Trim at random, or add visits to open schools, to reach total visits."""
        rng = self.rng
        if len(rows) >= total:
            return rng.sample(rows, total) if total < len(rows) else rows
        while open_schools and len(rows) < total:
            school = any_of(rng, open_schools)
            day = any_of(rng, self.days)
            kind = any_of(rng, (REVIEW, FOLLOW_UP, INITIAL))
            rows.append(self._visit(school, day, kind, self._scores(school, PROFILES[PROFILE(rng)])))
        return rows


def _some_slip(rows: list[dict], criteria: list[Criterion], rng: random.Random) -> None:
    """A few schools slip at a later visit (a music lead leaves, a timetable squeezes music out):
    their weakest criteria, the ones Areas for Development name, score one lower. A stream of
    its own, so every other visit is as it was."""
    seen: set[object] = set()
    names = [c.name for c in criteria]
    for row in rows:
        urn = row[L.VIS_URN]
        if urn in seen and rng.random() < 0.3:
            scored = sorted((row[n], n) for n in names if row.get(n) is not None)
            for _, name in scored[:2]:
                row[name] = max(1, row[name] - 1)
        seen.add(urn)


def _comments(rng, scores: dict, words: dict) -> tuple[list[str], list[str], list[str]]:
    """Strengths from the best-scored criteria; areas and matching actions from the weakest."""
    scored = sorted(((v, k) for k, v in scores.items() if v is not None), key=lambda p: (-p[0], p[1]))
    best = [k for v, k in scored if v >= 3][: 2 + (rng.random() < 0.5)] or [scored[0][1]]
    weak = [k for v, k in reversed(scored) if v <= 2][: 2 + (rng.random() < 0.5)] or [scored[-1][1]]
    strengths = [_phrase(rng, k, 0, words) for k in best]
    pairs = [_pair(rng, k, words) for k in weak]
    return strengths, [a for a, _ in pairs], [b for _, b in pairs]


def _phrase(rng, criterion: str, part: int, words: dict) -> str:
    bank = phrases.BY_CRITERION.get(criterion, phrases.GENERIC)
    return any_of(rng, bank[part]).format(criterion=criterion, **words)


def _pair(rng, criterion: str, words: dict) -> tuple[str, str]:
    bank = phrases.BY_CRITERION.get(criterion, phrases.GENERIC)
    i = int(rng.random() * len(bank[1]))
    fill = {"criterion": criterion, **words}
    return bank[1][i].format(**fill), bank[2][min(i, len(bank[2]) - 1)].format(**fill)


def _support(rng, rag: str, words: dict) -> list[str]:
    offered = [s.format(**words) for s in rng.sample(phrases.SUPPORT, rng.randint(1, 3))]
    if rag == L.RED:
        offered.insert(0, phrases.TARGETED.format(**words))
    return offered


def _follow_up_date(rng, day: date, rag: str, days: list[date]) -> date | None:
    """Six weeks on for Red, a term for Amber; Green mostly none. Always a school day."""
    if rag == L.RED:
        return _school_day(day + timedelta(weeks=6), days)
    if rag == L.AMBER:
        return _school_day(day + timedelta(weeks=12), days)
    return _school_day(day + timedelta(days=365), days) if rng.random() < 0.2 else None


def _school_day(target: date, days: list[date]) -> date:
    """The first school day on or after target; past the known terms, the first weekday
    (the summer holiday moves to early September)."""
    i = bisect_left(days, target)
    if i < len(days):
        return days[i]
    if target.month == 8:
        target = date(target.year, 9, 7)
    return target + timedelta(days=max(0, 7 - target.weekday()) if target.weekday() >= 5 else 0)
