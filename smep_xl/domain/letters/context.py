"""One letter's data: a plain dict of the fields in letter_fields, from one school and one visit.

Values are what the letter prints: text as typed (several lines kept), dates the British way
(3 March 2015), lists for the cells staff write point by point. Never None: a blank is "".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TypedDict

from smep_xl import layout as L
from smep_xl.domain.letters.fields import british_date, field_name, rag_colour
from smep_xl.domain.rag import rag_code, rag_word
from smep_xl.domain.settings import Criterion, Settings
from smep_xl.domain.values import as_date, as_number, as_yes, split_lines, text

Record = Mapping[str, object]  # one worksheet row: column header -> cell value
Fields = dict[str, object]  # a letter's data: field name -> what it prints (text, a list, a number, a flag)


class CriterionRow(TypedDict):
    """One row of a letter's criteria table."""

    name: str
    score: str
    rag: str
    rag_colour: str
    description: str
    key: bool


@dataclass(frozen=True)
class Rating:
    """What the rules say about one visit (domain/rag.py's rules)."""

    score: float | None
    rag: str  # "" when too few criteria were scored
    previous_rag: str
    trend: str
    next_due: date | None  # the Follow-up Date staff typed, else worked out by the rules


def cell(value: object) -> str:
    """A cell as the letter prints it: Windows line endings made plain newlines."""
    shown = value.strip() if type(value) is str else text(value)  # the common case, quickly
    return shown.replace("\r\n", "\n").replace("\r", "\n") if "\r" in shown else shown


def score_text(score: float | None) -> str:
    """2.875 -> "2.88", 3.0 -> "3", as the Visits sheet shows it."""
    return "" if score is None else f"{score:.2f}".rstrip("0").rstrip(".")


def hub_fields(settings: Settings, today: date) -> dict[str, str]:
    get = settings.text
    return {
        "hub_name": get(L.S_HUB_NAME),
        "hub_address": get(L.S_HUB_ADDRESS).replace("\r\n", "\n"),
        "hub_phone": get(L.S_HUB_PHONE),
        "hub_email": get(L.S_HUB_EMAIL),
        "signatory_name": get(L.S_SIGNATORY),
        "signatory_role": get(L.S_SIGNATORY_ROLE),
        "green_threshold": score_text(settings.number(L.S_GREEN)),
        "red_threshold": score_text(settings.number(L.S_RED)),
        "today": british_date(today),
    }


_SCHOOL_TEXT = (
    L.SCH_URN,
    L.SCH_NAME,
    L.SCH_STATUS,
    L.SCH_PHASE,
    L.SCH_TYPE,
    L.SCH_LA,
    L.SCH_AREA,
    L.SCH_ADDRESS,
    L.SCH_TOWN,
    L.SCH_POSTCODE,
    L.SCH_HEAD_TITLE,
    L.SCH_HEAD_FIRST,
    L.SCH_HEAD_LAST,
    L.SCH_MUSIC_LEAD,
    L.SCH_EMAIL,
    L.SCH_COHORT,
    L.SCH_AWARD,
    L.SCH_AWARD_APPLIED,
    L.SCH_MUSIC_IN_SDP,
    L.SCH_FIRST_ACCESS,
    L.SCH_MDP,
    L.SCH_MDP_LINK,
    L.SCH_ENGAGEMENT,
    L.SCH_NOTES,
)
_SCHOOL_FIELDS = tuple((c, field_name(c)) for c in _SCHOOL_TEXT)


def school_fields(school: Record, visits: int, last_visit: date | None) -> Fields:
    texts = {name: cell(school.get(c)) for c, name in _SCHOOL_FIELDS}
    title, first, last = texts["head_title"], texts["head_first_name"], texts["head_last_name"]
    out: Fields = {**texts}
    out["head_name"] = " ".join(x for x in (title, first, last) if x)
    out["salutation"] = f"{title} {last}" if title and last else " ".join(x for x in (first, last) if x)
    out["visits"] = visits
    out["last_visit"] = british_date(last_visit)
    out["last_letter"] = british_date(as_date(school.get(L.SCH_LAST_LETTER)))
    out["mdp_review_date"] = british_date(as_date(school.get(L.SCH_MDP_REVIEW)))
    return out


def visit_fields(
    visit: Record | None,
    rating: Rating | None,
    criteria: list[Criterion],
    thresholds: tuple[float, float],
    school_sle: str,
) -> Fields:
    """The visit's fields; for a school never visited (audit form) the same fields, blank."""
    visit = visit or {}
    rating = rating or Rating(None, "", "", "", None)
    rows = [_criterion(c, visit.get(c.name), thresholds) for c in criteria]
    out: Fields = {
        "visit_id": cell(visit.get(L.VIS_ID)),
        "visit_date": british_date(as_date(visit.get(L.VIS_DATE))),
        "visit_type": cell(visit.get(L.VIS_TYPE)),
        "sle": cell(visit.get(L.VIS_SLE)) or school_sle,
        "follow_up_date": british_date(as_date(visit.get(L.VIS_FOLLOW_UP))),
        "strengths": split_lines(visit.get(L.VIS_STRENGTHS)),
        "areas_for_development": split_lines(visit.get(L.VIS_AREAS)),
        "agreed_actions": split_lines(visit.get(L.VIS_ACTIONS)),
        "support_offered": split_lines(visit.get(L.VIS_SUPPORT)),
        "score": score_text(rating.score),
        "rag": rating.rag,
        "rag_colour": rag_colour(rating.rag),
        "previous_rag": rating.previous_rag,
        "trend": rating.trend,
        "targeted_support": rating.rag == L.RED,
        "next_visit_due": british_date(rating.next_due),
        "criteria": rows,
    }
    for c, row in zip(criteria, rows, strict=True):
        out.setdefault(field_name(c.name), row["score"])
    return out


def _criterion(criterion: Criterion, value: object, thresholds: tuple[float, float]) -> CriterionRow:
    """One criterion's row: its score, rated by the rule a visit's Score is rated by."""
    red, green = thresholds
    score = as_number(value)
    shown, rag = (
        ("", "") if score is None or not 1 <= score <= 4 else _rated(score, criterion.key, red, green)
    )
    return {
        "name": criterion.name,
        "score": shown,
        "rag": rag,
        "rag_colour": rag_colour(rag),
        "description": criterion.description,
        "key": criterion.key,
    }


@lru_cache(maxsize=256)
def _rated(score: float, key: bool, red: float, green: float) -> tuple[str, str]:
    """A criterion's score as shown and its RAG word: the same few scores come up thousands of
    times in a run, and the rule works on arrays, so each (score, key, thresholds) is rated once."""
    one = score == 1
    return score_text(score), rag_word(rag_code(score, one, one and key, red, green))


def extra_fields(record: Record, known: set[str], taken: Mapping[str, object]) -> dict[str, str]:
    """Columns staff added to Schools or Visits, as fields of the same simple names."""
    out: dict[str, str] = {}
    for column, value in record.items():
        name = field_name(column)
        if column not in known and name not in taken and name not in out:
            out[name] = cell(value)
    return out


def wants_letter(visit: Record) -> bool:
    return as_yes(visit.get(L.VIS_SEND))
