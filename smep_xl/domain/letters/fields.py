"""Every merge field a letter template can use: its name, where it comes from, an example.

The one place field names are spelled. The README's field list (docs/letters.md), the
`--export-data` file and the letter data all come from FIELDS. A field is its column's name
in a simple form: "Head First Name" -> head_first_name.
"""

from __future__ import annotations

import keyword
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from smep_xl import layout as L

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Cell shading for a RAG word (Excel's light red, amber and green: black text stays readable).
RAG_COLOURS = {L.RED: "FFC7CE", L.AMBER: "FFEB9C", L.GREEN: "C6EFCE"}
NO_COLOUR = "FFFFFF"
_JINJA_WORDS = {"true", "false", "none", "and", "or", "not", "in", "is", "if", "else", "loop", "self"}


@lru_cache(maxsize=4096)
def field_name(column: str) -> str:
    """A column's header as a field: "Areas for Development" -> areas_for_development."""
    plain = unicodedata.normalize("NFKD", str(column)).encode("ascii", "ignore").decode()
    name = re.sub(r"[^0-9a-z]+", "_", plain.lower()).strip("_") or "field"
    if name[0].isdigit():
        name = "f_" + name
    if keyword.iskeyword(name) or name in _JINJA_WORDS:
        name += "_"
    return name


def british_date(day: date | None) -> str:
    """3 March 2015 (no leading zero, month in words; the same on every computer)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else ""


def rag_colour(rag: str) -> str:
    return RAG_COLOURS.get(rag, NO_COLOUR)


@dataclass(frozen=True)
class Field:
    name: str
    source: str  # where the value comes from, as staff know it
    example: object
    about: str = ""


def _col(sheet: str, column: str, example: object, about: str = "") -> Field:
    return Field(field_name(column), f"{sheet}: {column}", example, about)


_S, _V, _SET = L.SCHOOLS, L.VISITS, L.SETTINGS
HUB_FIELDS = (
    _col(_SET, L.S_HUB_NAME, "Leicester-Shire Schools Music Service"),
    _col(_SET, L.S_HUB_ADDRESS, "Embrace Arts, Lancaster Road\nLeicester LE1 7HA"),
    _col(_SET, L.S_HUB_PHONE, "0116 305 0000"),
    _col(_SET, L.S_HUB_EMAIL, "music.hub@example.org.uk"),
    _col(_SET, L.S_SIGNATORY, "Alex Morgan"),
    _col(_SET, L.S_SIGNATORY_ROLE, "Head of Music Hub"),
    _col(_SET, L.S_GREEN, "3", "a visit scoring at least this, with no criterion at 1, is Green"),
    _col(_SET, L.S_RED, "2", "a visit scoring below this, or with a key criterion at 1, is Red"),
    Field("today", "the day the letters are made", "3 March 2015"),
)
SCHOOL_FIELDS = (
    _col(_S, L.SCH_URN, "120001"),
    _col(_S, L.SCH_NAME, "St Mary's C of E Primary School"),
    _col(_S, L.SCH_STATUS, "Open"),
    _col(_S, L.SCH_PHASE, "Primary"),
    _col(_S, L.SCH_TYPE, "Voluntary aided school"),
    _col(_S, L.SCH_LA, "Leicestershire"),
    _col(_S, L.SCH_AREA, "Charnwood"),
    _col(_S, L.SCH_ADDRESS, "Church Lane", "may hold several lines"),
    _col(_S, L.SCH_TOWN, "Loughborough"),
    _col(_S, L.SCH_POSTCODE, "LE11 2AB"),
    _col(_S, L.SCH_HEAD_TITLE, "Mrs"),
    _col(_S, L.SCH_HEAD_FIRST, "Siân"),
    _col(_S, L.SCH_HEAD_LAST, "O'Connor"),
    Field("head_name", "Schools: Head Title, First Name, Last Name", "Mrs Siân O'Connor"),
    Field(
        "salutation",
        "Schools: Head Title and Last Name (else first and last name)",
        "Mrs O'Connor",
        "for 'Dear ...,'",
    ),
    _col(_S, L.SCH_MUSIC_LEAD, "Mr Tom Hughes"),
    _col(_S, L.SCH_EMAIL, "office@stmarys.example.sch.uk"),
    _col(_S, L.SCH_COHORT, "1"),
    _col(_S, L.SCH_AWARD, "Music Mark"),
    _col(_S, L.SCH_AWARD_APPLIED, "Yes"),
    _col(_S, L.SCH_MUSIC_IN_SDP, "Yes"),
    _col(_S, L.SCH_FIRST_ACCESS, "Yes"),
    _col(_S, L.SCH_MDP, "Yes"),
    _col(_S, L.SCH_MDP_LINK, "https://www.stmarys.example.sch.uk/music"),
    _col(_S, L.SCH_MDP_REVIEW, "31 July 2016"),
    _col(_S, L.SCH_ENGAGEMENT, "Engaged", "Engaged, No response or Declined"),
    _col(_S, L.SCH_NOTES, ""),
    _col(_S, L.SCH_VISITS, 2, "visits on record"),
    _col(_S, L.SCH_LAST_VISIT, "3 March 2015"),
    _col(_S, L.SCH_LAST_LETTER, "14 October 2014"),
)
VISIT_FIELDS = (
    _col(_V, L.VIS_ID, "V0042"),
    _col(_V, L.VIS_DATE, "3 March 2015"),
    _col(_V, L.VIS_TYPE, "Review"),
    _col(_V, L.VIS_SLE, "Jo Patel", "the visit's SLE, else the school's"),
    _col(_V, L.VIS_FOLLOW_UP, "1 May 2015"),
    _col(
        _V,
        L.VIS_STRENGTHS,
        ["Whole-school singing & assemblies", "Year 4 ukulele <ensemble>"],
        "a list: one item per line of the cell",
    ),
    _col(_V, L.VIS_AREAS, ["Progression in Key Stage 2"], "a list"),
    _col(_V, L.VIS_ACTIONS, ["Music lead to join the hub network"], "a list"),
    _col(_V, L.VIS_SUPPORT, ["CPD place on the singing leaders' course"], "a list"),
    _col(_V, L.VIS_SCORE, "2.88", "weighted mean of the scores, out of 4"),
    _col(_V, L.VIS_RAG, L.AMBER, "Red, Amber or Green"),
    Field("rag_colour", "the RAG as a cell colour", "FFEB9C", "hex colour for {% cellbg rag_colour %}"),
    Field("previous_rag", "the school's visit before this one", L.GREEN, "blank for a first visit"),
    Field(
        "trend", "this visit's RAG against the one before", "Declining", "Improving, Same, Declining or New"
    ),
    Field("targeted_support", "Yes when this visit is rated Red", False, "true or false, for {%p if %}"),
    Field(
        "next_visit_due",
        "Visits: Follow-up Date; blank: visit date + 1 year (+ 1 term when Red)",
        "3 March 2016",
    ),
    Field(
        "criteria",
        "Criteria sheet and this visit's scores",
        [
            {
                "name": "Leadership",
                "score": "3",
                "rag": L.GREEN,
                "rag_colour": "C6EFCE",
                "description": "Leaders' vision for music",
                "key": True,
            }
        ],
        "a list, one per criterion, each with c.name, c.score, c.rag, c.rag_colour, c.description, c.key",
    ),
)
FIELDS = HUB_FIELDS + SCHOOL_FIELDS + VISIT_FIELDS
FIELD_NAMES = tuple(f.name for f in FIELDS)
LIST_FIELDS = frozenset(field_name(c) for c in (L.VIS_STRENGTHS, L.VIS_AREAS, L.VIS_ACTIONS, L.VIS_SUPPORT))
CRITERION_NOTE = (
    "Each criterion's score is also a field of its own, named after its column: "
    "leadership, curriculum, ensembles_performance ... Any column you add to Schools "
    "or Visits becomes a field the same way."
)


def example_letter() -> dict[str, object]:
    """A letter's data made of the examples (what --export-data shows when no letter is due)."""
    return {f.name: f.example for f in FIELDS}


def fields_markdown() -> str:
    """The field list for docs/letters.md (a test keeps the two the same)."""
    rows = ["| Field | From | Example | Notes |", "|---|---|---|---|"]
    for f in FIELDS:
        example = f.example
        if isinstance(example, list):
            example = "; ".join(str(x.get("name", x)) if isinstance(x, dict) else str(x) for x in example)
        shown = (
            str(example).replace("\n", " / ").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
        )
        about = re.sub(r"(\{%.*?%\}|\bc\.\w+)", r"`\1`", f.about)
        rows.append(f"| `{f.name}` | {f.source} | {shown or '(blank)'} | {about} |")
    return "\n".join(rows) + "\n"
