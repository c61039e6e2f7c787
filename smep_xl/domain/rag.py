"""Visit Score and RAG; each school's RAG, trend and next visit, from the visit log.

The rules (WORKBOOK.md "Default rules"; docs/rules.md explains them with examples):
- Score = weighted mean of the criteria scored 1-4 (blanks, and anything outside 1-4, are
  ignored), rounded to 2 decimal places (halves up); the thresholds compare the Score as shown.
- Fewer than half the criteria scored: no RAG (and a finding).
- Red if Score < Red Threshold or a Key criterion is 1; Green if Score >= Green Threshold and
  no criterion is 1; otherwise Amber.
- A school's RAG is that of its latest rated visit on or before the as-of date. Two visits on
  the same date: the one lower down the Visits sheet counts as the later.
- Next Visit Due: last visit + 1 year; + 1 term (TERM_MONTHS) when in Targeted Support; never
  visited: the last day of its Cohort's plan year; closed: none.

Every column is handled as a whole (numpy over factorised values), so a national log of
100,000 visits rates in well under a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.findings import WARNING, Finding
from smep_xl.domain.settings import DEFAULTS, Criterion, Settings
from smep_xl.domain.values import as_date, as_number, text

TERM_MONTHS = 4  # one school term, for a Targeted Support school's next visit
RAG_WORDS = np.array([L.RED, L.AMBER, L.GREEN], dtype=object)  # code 0, 1, 2; -1 = no RAG
NAT = np.datetime64("NaT", "D")


# ---- whole-column conversions: convert each distinct value once, then index
def _convert(series: pd.Series, convert, dtype, missing) -> np.ndarray:
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    lookup = np.array([convert(u) for u in uniques] + [missing], dtype=dtype)
    return lookup[codes]  # code -1 (blank) picks the trailing `missing`


def _day(value: object) -> np.datetime64:
    found = as_date(value)
    return np.datetime64(found, "D") if found else NAT


def dates_of(series: pd.Series) -> np.ndarray:
    return _convert(series, _day, "datetime64[D]", NAT)


def numbers_of(series: pd.Series) -> np.ndarray:
    return _convert(series, as_number, float, np.nan)


def _key(value: object) -> str:
    kind = type(value)  # the common cell types first: a national log has 100,000 URNs
    if kind is str:
        return value.strip()
    if kind is int:
        return str(value)
    if kind is float and value.is_integer():
        return str(int(value))
    return text(value)


def keys_of(series: pd.Series) -> np.ndarray:
    """Cell values as the text a person reads (URN 100123.0 -> "100123")."""
    return _convert(series, _key, object, "")


def column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column, or blanks when the sheet lacks it (Validate reports missing columns)."""
    if name in frame.columns:
        return frame[name]
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)


def add_months(days: np.ndarray, months) -> np.ndarray:
    """Same day n months on (31 Jan + 1 month -> 28/29 Feb); NaT stays NaT."""
    days = np.asarray(days, dtype="datetime64[D]")
    months = np.broadcast_to(np.asarray(months, dtype=np.int64), days.shape)
    out = np.full(days.shape, NAT)
    ok = ~np.isnat(days)
    start = days[ok].astype("datetime64[M]")
    day = (days[ok] - start.astype("datetime64[D]")).astype(np.int64)
    target = start + months[ok]
    length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(np.int64)
    out[ok] = target.astype("datetime64[D]") + np.minimum(day, length - 1)
    return out


def as_dates(days: np.ndarray) -> np.ndarray:
    """datetime64 -> datetime.date objects, NaT -> None (what write_columns takes)."""
    return np.asarray(days, dtype="datetime64[D]").astype(object)


def threshold(settings: Settings, name: str) -> float:
    found = settings.number(name)
    return float(DEFAULTS[name]) if found is None else found


# ---- visits
@dataclass
class VisitRatings:
    frame: pd.DataFrame  # Score, RAG; index = Visits worksheet rows
    code: np.ndarray  # RAG code per row: 0 Red, 1 Amber, 2 Green, -1 none
    scored: np.ndarray  # criteria scored per row
    findings: list[Finding] = field(default_factory=list)


def rate_visits(
    visits: pd.DataFrame, criteria: list[Criterion], settings: Settings, cell=lambda row, col: ""
) -> VisitRatings:
    """Score and RAG of every visit row. `cell(row, column)` names a cell for findings."""
    n = len(criteria)
    scores = np.full((len(visits), n), np.nan)
    for j, criterion in enumerate(criteria):
        scores[:, j] = numbers_of(column(visits, criterion.name))
    scores[(scores < 1) | (scores > 4)] = np.nan
    scored = ~np.isnan(scores)
    weights = np.array([c.weight for c in criteria], dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(scored, scores, 0) @ weights / (scored @ weights)
    score = np.floor(mean * 100 + 0.5 + 1e-9) / 100  # 2 places, halves up, as Excel shows it
    count = scored.sum(axis=1)
    ones = scores == 1
    key = np.array([c.key for c in criteria], dtype=bool)
    red = (score < threshold(settings, L.S_RED)) | (ones & key).any(axis=1)
    green = (score >= threshold(settings, L.S_GREEN)) & ~ones.any(axis=1)
    code = np.where(red, 0, np.where(green, 2, 1))
    code[(count * 2 < n) | (n == 0)] = -1
    frame = pd.DataFrame(
        {
            L.VIS_SCORE: np.where(np.isnan(score), None, score).astype(object),
            L.VIS_RAG: np.where(code >= 0, RAG_WORDS[code.clip(0)], None),
        },
        index=visits.index,
        dtype=object,
    )
    return VisitRatings(frame, code, count, _too_few(visits, criteria, count, code, cell))


def _too_few(visits, criteria, count, code, cell) -> list[Finding]:
    """A finding for each visit that has some scores but too few for a RAG."""
    n = len(criteria)
    rows = visits.index[(code < 0) & (count > 0)]
    first = criteria[0].name if criteria else L.VIS_RAG
    return [
        Finding(
            WARNING,
            L.VISITS,
            cell(int(row), first),
            int(row),
            first,
            "visit.score.too_few",
            f"This visit has {int(count[visits.index.get_loc(row)])} of {n} criteria scored, "
            "fewer than half, so it gets no RAG and does not change the school's RAG.",
            "Score at least half of the criteria (1-4), or leave them all blank for a visit "
            "that was not an audit.",
        )
        for row in rows
    ]


def visit_log(visits: pd.DataFrame, code: np.ndarray, as_of: date) -> pd.DataFrame:
    """Visits that count: a URN and a date on or before as-of; sorted by URN, date, sheet row."""
    log = pd.DataFrame(
        {
            "key": keys_of(column(visits, L.VIS_URN)),
            "date": dates_of(column(visits, L.VIS_DATE)),
            "rag": code,
            "row": np.asarray(visits.index, dtype=np.int64),
        }
    )
    log = log[
        (log["key"] != "")
        & ~np.isnat(log["date"].to_numpy())
        & (log["date"].to_numpy() <= np.datetime64(as_of, "D"))
    ]
    group = pd.factorize(log["key"])[0]  # sorting needs numbers; any order of schools will do
    order = np.lexsort((log["row"].to_numpy(), log["date"].to_numpy(), group))
    log = log.iloc[order].reset_index(drop=True)
    log["seq"] = np.arange(len(log))
    return log


# ---- schools
@dataclass
class SchoolRatings:
    frame: pd.DataFrame  # the computed Schools columns; index = Schools worksheet rows
    key: np.ndarray  # URN as text
    open: np.ndarray  # bool: Status is not Closed
    code: np.ndarray  # school RAG code (-1 none)
    owed: np.ndarray  # bool: Targeted Support and no visit since the visit that rated it Red


def rate_schools(schools: pd.DataFrame, log: pd.DataFrame, settings: Settings) -> SchoolRatings:
    key = keys_of(column(schools, L.SCH_URN))
    is_open = np.char.lower(keys_of(column(schools, L.SCH_STATUS)).astype(str)) != L.CLOSED.lower()
    per = _per_school(log, key)
    code, prev = per["rag"], per["prev"]
    last = per["date"]
    targeted = code == 0
    due = np.where(targeted, add_months(last, TERM_MONTHS), add_months(last, 12))
    never = np.isnat(last)
    due[never] = _cohort_end(schools, settings)[never]
    due[~is_open] = NAT
    owed = targeted & (per["last_seq"] == per["rag_seq"])
    frame = pd.DataFrame(
        {
            L.SCH_VISITS: per["visits"].astype(float).astype(object),
            L.SCH_LAST_VISIT: as_dates(last),
            L.SCH_RAG: _words(code),
            L.SCH_PREV_RAG: _words(prev),
            L.SCH_TREND: _trend(code, prev),
            L.SCH_TARGETED: np.where(code < 0, None, np.where(targeted, L.YES, L.NO)),
            L.SCH_NEXT_DUE: as_dates(due),
        },
        index=schools.index,
        dtype=object,
    )
    return SchoolRatings(frame, key, is_open, code, owed)


def _per_school(log: pd.DataFrame, key: np.ndarray) -> dict[str, np.ndarray]:
    """Visit count, last date, latest and previous rated RAG, for each school key."""
    groups = log.groupby("key", sort=False)
    rated = log[log["rag"] >= 0].groupby("key", sort=False)
    latest, before = rated.nth(-1).set_index("key"), rated.nth(-2).set_index("key")
    idx = pd.Index(key)

    def pick(series: pd.Series, missing, dtype) -> np.ndarray:
        return (
            series.reindex(idx).fillna(missing).to_numpy(dtype=dtype)
            if len(series)
            else np.full(len(key), missing, dtype=dtype)
        )

    return {
        "visits": pick(groups.size(), 0, np.int64),
        "date": pick(groups["date"].last(), NAT, "datetime64[D]"),
        "last_seq": pick(groups["seq"].last(), -1, np.int64),
        "rag": pick(latest["rag"], -1, np.int64),
        "rag_seq": pick(latest["seq"], -2, np.int64),
        "prev": pick(before["rag"], -1, np.int64),
    }


def _cohort_end(schools: pd.DataFrame, settings: Settings) -> np.ndarray:
    """Last day of the school's Cohort year of the plan; no Cohort: the end of the plan."""

    def year(value: object) -> int:
        found = re.search(r"\d+", text(value))
        return max(int(found.group()), 1) if found else settings.plan_years

    cohort = _convert(column(schools, L.SCH_COHORT), year, np.int64, settings.plan_years)
    start = np.full(len(schools), np.datetime64(settings.plan_start, "D"))
    return add_months(start, 12 * cohort) - np.timedelta64(1, "D")


def _words(code: np.ndarray) -> np.ndarray:
    return np.where(code >= 0, RAG_WORDS[code.clip(0)], None)


def _trend(code: np.ndarray, prev: np.ndarray) -> np.ndarray:
    trend = np.where(code > prev, L.IMPROVING, np.where(code < prev, L.DECLINING, L.SAME)).astype(object)
    trend[prev < 0] = L.NEW
    trend[code < 0] = None
    return trend
