"""Visit Score and RAG; each school's RAG, trend and next visit, from the visit log.

The rules are stated, with worked examples, in docs/rules.md:
- Score = weighted mean of the criteria scored 1-4, rounded to 2 decimal places (halves up);
  the thresholds compare the Score as shown. A visit with a score Validate rejects (3.5, 7,
  "good"), or of a Visit Type that is not scored, gets no Score.
- Fewer than half the criteria scored: no RAG.
- rag_code: Red if the score is below the Red Threshold or a Key criterion is 1; Green if it is
  at least the Green Threshold and no criterion is 1; otherwise Amber. Letters rate each
  criterion's score with the same function.
- A school's RAG is that of its latest rated visit on or before the as-of date. Two visits on
  the same date: the one lower down the Visits sheet counts as the later.
- Next Visit Due: the latest visit's Follow-up Date when typed; else last visit + 1 year, or
  + 1 term (TERM_MONTHS) when in Targeted Support; never visited: the last day of its Cohort's
  plan year; closed: none.

Every column is handled as a whole (numpy over factorised values), so a national log of
100,000 visits rates in well under a second.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import SupportsInt

import numpy as np
import numpy.typing as npt
import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.admission import SchoolAdmission, VisitAdmission, admit_schools, grid_of
from smep_xl.domain.arrays import (
    BLANK,
    NAT,
    add_months,
    as_dates,
    column,
    convert,
    dates_of,
    keys_of,
    numbers_of,
)
from smep_xl.domain.findings import Finding
from smep_xl.domain.scores import rejected_scores
from smep_xl.domain.settings import DEFAULTS, Criterion, Settings
from smep_xl.domain.values import as_number

TERM_MONTHS = 4  # one school term, for a Targeted Support school's next visit
RAG_WORDS = np.array([L.RED, L.AMBER, L.GREEN], dtype=object)  # code 0, 1, 2; -1 = no RAG
__all__ = ["add_months", "column", "keys_of"]  # whole-column readings, used with the rules (domain/arrays.py)


def rag_code(
    score: npt.ArrayLike, any_one: npt.ArrayLike, key_one: npt.ArrayLike, red: float, green: float
) -> np.ndarray:
    """The one rule for a score's RAG, on numbers or whole arrays: 0 Red, 1 Amber, 2 Green,
    -1 when there is no score. Red: below the Red Threshold, or a Key criterion scored 1.
    Green: at least the Green Threshold and no criterion scored 1. Amber: otherwise."""
    score = np.asarray(score, dtype=float)
    with np.errstate(invalid="ignore"):
        red_ = (score < red) | np.asarray(key_one, dtype=bool)
        green_ = (score >= green) & ~np.asarray(any_one, dtype=bool)
    return np.where(np.isnan(score), -1, np.where(red_, 0, np.where(green_, 2, 1)))


def rag_word(code: SupportsInt) -> str:
    """Red, Amber or Green for a code from rag_code; "" for no RAG."""
    code = int(code)
    return str(RAG_WORDS[code]) if code >= 0 else ""


def thresholds(settings: Settings) -> tuple[float, float]:
    """(Red Threshold, Green Threshold) as the settings give them, bounded and ordered."""
    return threshold(settings, L.S_RED), threshold(settings, L.S_GREEN)


def threshold(settings: Settings, name: str) -> float:
    found = settings.number(name)
    return float(DEFAULTS[name]) if found is None else found  # type: ignore[arg-type]  # a number setting's default is a number


# ---- visits
@dataclass
class VisitRatings:
    frame: pd.DataFrame  # Score, RAG; index = Visits worksheet rows
    code: np.ndarray  # RAG code per row: 0 Red, 1 Amber, 2 Green, -1 none
    scored: np.ndarray  # criteria scored per row
    rejected: np.ndarray  # a score Validate rejects, or a type that is not scored: no Score
    findings: list[Finding] = field(default_factory=list)


def _score_cells(
    visits: pd.DataFrame, criteria: list[Criterion], admission: VisitAdmission | None
) -> tuple[np.ndarray, np.ndarray]:
    """Each criterion's score as a number (NaN when blank or not one), and whether any cell of
    the row holds a score Validate rejects (the admission has said so already, when given)."""
    values = np.full((len(visits), len(criteria)), np.nan)
    rejected = np.zeros(len(visits), dtype=bool)
    for j, criterion in enumerate(criteria):
        read = admission.numbers(criterion.name) if admission is not None else None
        if read is not None:
            values[:, j] = read
            continue
        cells = column(visits, criterion.name)
        values[:, j] = numbers_of(cells)
        not_number = (keys_of(cells) != "") & np.isnan(values[:, j])
        for bad in rejected_scores(values[:, j], not_number).values():
            rejected |= bad
    return values, rejected


def rate_visits(
    visits: pd.DataFrame,
    criteria: list[Criterion],
    settings: Settings,
    admission: VisitAdmission | None = None,
) -> VisitRatings:
    """Score and RAG of every visit row that may have one (admission: Validate's verdict)."""
    n = len(criteria)
    scores, rejected = _score_cells(visits, criteria, admission)
    if admission is not None:
        rejected |= ~admission.rated  # Validate's verdict, the Scored flag included
    else:
        rejected |= ~settings.visit_types.masks(column(visits, L.VIS_TYPE))[1]
    scores[rejected] = np.nan
    scored = ~np.isnan(scores)
    weights = np.array([c.weight for c in criteria], dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(scored, scores, 0) @ weights / (scored @ weights)
    score = np.floor(mean * 100 + 0.5 + 1e-9) / 100  # 2 places, halves up, as Excel shows it
    count = scored.sum(axis=1)
    ones = scores == 1
    key = np.array([c.key for c in criteria], dtype=bool)
    red, green = thresholds(settings)
    code = rag_code(score, ones.any(axis=1), (ones & key).any(axis=1), red, green)
    code[(count * 2 < n) | (n == 0)] = -1
    frame = pd.DataFrame(
        {
            L.VIS_SCORE: np.where(np.isnan(score), BLANK, score).astype(object),
            L.VIS_RAG: np.where(code >= 0, RAG_WORDS[code.clip(0)], BLANK),
        },
        index=visits.index,
        dtype=object,
    )
    return VisitRatings(frame, code, count, rejected)


def _text(frame: pd.DataFrame, admission: SchoolAdmission | VisitAdmission | None, name: str) -> np.ndarray:
    """A column as the text a person reads, from the admission's reading when it has one."""
    grid = admission.grid if admission is not None else None
    if grid is not None and grid.has(name):
        return grid.text(name).to_numpy(dtype=object)
    return keys_of(column(frame, name))


def _dates(visits: pd.DataFrame, admission: VisitAdmission | None, name: str) -> np.ndarray:
    read = admission.dates(name) if admission is not None else None
    return read if read is not None else dates_of(column(visits, name))


def visit_log(
    visits: pd.DataFrame,
    code: np.ndarray,
    as_of: date,
    admission: VisitAdmission | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """Visits that count, on or before as-of, sorted by URN, date and sheet row; each with its
    Follow-up Date when one may be used. Without an admission, a visit counts when it has a URN
    and a date (and, given settings, a Visit Type that counts)."""
    day, follow = (_dates(visits, admission, name) for name in (L.VIS_DATE, L.VIS_FOLLOW_UP))
    key = _text(visits, admission, L.VIS_URN)
    if admission is not None:
        counted, usable = admission.counted, admission.follow_up
    else:
        counted, usable = np.ones(len(visits), dtype=bool), follow > day
        if settings is not None:
            counted = settings.visit_types.masks(column(visits, L.VIS_TYPE))[0]
    log = pd.DataFrame(
        {
            "key": key,
            "date": day,
            "rag": code,
            "row": np.asarray(visits.index, dtype=np.int64),
            "follow": np.where(usable, follow, NAT),
        }
    )
    kept: np.ndarray = counted & (key != "") & ~np.isnat(day) & (day <= np.datetime64(as_of, "D"))
    log = log[kept]
    group = pd.factorize(log["key"])[0]  # sorting needs numbers; any order of schools will do
    order = np.lexsort((log["row"].to_numpy(), log["date"].to_numpy(), group))
    log = log.iloc[order].reset_index(drop=True)
    log["seq"] = np.arange(len(log))
    return log


# ---- schools
@dataclass
class SchoolRatings:
    frame: pd.DataFrame  # the computed Schools columns; index = Schools worksheet rows
    key: np.ndarray  # URN as text ("" for a row that is not a school)
    open: np.ndarray  # bool: a school whose Status is not Closed
    code: np.ndarray  # school RAG code (-1 none)
    owed: np.ndarray  # bool: Targeted Support and no visit since the visit that rated it Red
    school: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))  # a school at all


def school_keys(
    schools: pd.DataFrame, settings: Settings, admission: SchoolAdmission | None = None
) -> np.ndarray:
    """URN per Schools row as rate_schools keys it ("" for a row that is not a school)."""
    admission = admission or admit_schools(grid_of(L.SCHOOLS, schools), settings)
    return np.where(admission.school, _text(schools, admission, L.SCH_URN), "").astype(object)


def rate_schools(
    schools: pd.DataFrame, log: pd.DataFrame, settings: Settings, admission: SchoolAdmission | None = None
) -> SchoolRatings:
    """Every school's visit figures; a row that is not a school (blank, or left out by Validate's
    verdict on its URN) gets blank computed cells and counts nowhere."""
    admission = admission or admit_schools(grid_of(L.SCHOOLS, schools), settings)
    school = admission.school
    key = np.where(school, _text(schools, admission, L.SCH_URN), "").astype(object)
    status = np.char.lower(_text(schools, admission, L.SCH_STATUS).astype(str))
    is_open = school & (status != L.CLOSED.lower())
    per = _per_school(log, key)
    code, prev, last = per["rag"], per["prev"], per["date"]
    targeted = code == 0
    due = np.where(targeted, add_months(last, TERM_MONTHS), add_months(last, 12))
    due = np.where(np.isnat(per["follow"]), due, per["follow"])  # the Follow-up Date staff typed
    never = np.isnat(last)
    due[never] = np.where(admission.cohort, _cohort_end(schools, settings), NAT)[never]
    due[~is_open] = NAT
    owed = targeted & (per["last_seq"] == per["rag_seq"])
    frame = pd.DataFrame(
        {
            L.SCH_VISITS: np.where(school, per["visits"].astype(float), BLANK).astype(object),
            L.SCH_LAST_VISIT: as_dates(last),
            L.SCH_RAG: _words(code),
            L.SCH_PREV_RAG: _words(prev),
            L.SCH_TREND: _trend(code, prev),
            L.SCH_TARGETED: np.where(code < 0, BLANK, np.where(targeted, L.YES, L.NO)),
            L.SCH_NEXT_DUE: as_dates(due),
        },
        index=schools.index,
        dtype=object,
    )
    return SchoolRatings(frame, key, is_open, code, owed & school, school)


def _per_school(log: pd.DataFrame, key: np.ndarray) -> dict[str, np.ndarray]:
    """Visit count, last date, latest and previous rated RAG, for each school key."""
    groups = log.groupby("key", sort=False)
    rated = log[log["rag"] >= 0].groupby("key", sort=False)
    latest, before = rated.nth(-1).set_index("key"), rated.nth(-2).set_index("key")
    idx = pd.Index(key)

    def pick(series: pd.Series, missing: int | np.datetime64, dtype: type | str) -> np.ndarray:
        return (
            series.reindex(idx).fillna(missing).to_numpy(dtype=dtype)
            if len(series)
            else np.full(len(key), missing, dtype=dtype)
        )

    return {
        "visits": pick(log[log["row"] >= 0].groupby("key", sort=False).size(), 0, np.int64),  # not carried
        "date": pick(groups["date"].last(), NAT, "datetime64[D]"),
        "follow": pick(groups.tail(1).set_index("key")["follow"], NAT, "datetime64[D]"),  # the latest's
        "last_seq": pick(groups["seq"].last(), -1, np.int64),
        "rag": pick(latest["rag"], -1, np.int64),
        "rag_seq": pick(latest["seq"], -2, np.int64),
        "prev": pick(before["rag"], -1, np.int64),
    }


def _cohort_end(schools: pd.DataFrame, settings: Settings) -> np.ndarray:
    """Last day of the school's Cohort year of the plan; no Cohort: the end of the plan.
    (A Cohort Validate rejects is not used: admission.cohort.)"""

    def year(value: object) -> int:
        found = as_number(value)
        if found is not None and found.is_integer() and 1 <= found <= settings.plan_years:
            return int(found)
        return settings.plan_years

    cohort = convert(column(schools, L.SCH_COHORT), year, np.int64, settings.plan_years)
    start = np.full(len(schools), np.datetime64(settings.plan_start, "D"))
    return add_months(start, 12 * np.minimum(cohort, settings.plan_years)) - np.timedelta64(1, "D")


def _words(code: np.ndarray) -> np.ndarray:
    return np.where(code >= 0, RAG_WORDS[code.clip(0)], BLANK)


def _trend(code: np.ndarray, prev: np.ndarray) -> np.ndarray:
    trend = np.where(code > prev, L.IMPROVING, np.where(code < prev, L.DECLINING, L.SAME)).astype(object)
    trend[prev < 0] = L.NEW
    trend[code < 0] = None
    return trend
