"""Pick lists, criteria and settings: the Lists, Criteria and Settings sheets' rows."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.setting_specs import DEFAULTS, DEMO_VALUES

PHASES = (
    "Nursery",
    "Primary",
    "Middle deemed primary",
    "Secondary",
    "Middle deemed secondary",
    "All-through",
    "Special",
    "PRU",
    "16 plus",
)
# Visit Type, Counts as Visit, Scored: a network meeting is neither a visit nor scored.
VISIT_TYPES = (
    ("Initial audit", L.YES, L.YES),
    ("Follow-up", L.YES, L.YES),
    ("Targeted support", L.YES, L.YES),
    ("Review", L.YES, L.YES),
    ("Network meeting", L.NO, L.NO),
)
OBJECTIVE_STATUSES = ("Not started", "On track", "At risk", "Complete")
SCHOOL_STATUSES = (L.OPEN, L.CLOSED)
AWARDS = ("Bronze", "Silver", "Gold", "Platinum")  # the plan's School Music Awards
YES_NO = (L.YES, L.NO)
# The contract's lists, then School Status (an added column feeding the Schools Status drop-down).
LISTS_COLUMNS = L.LISTS_SPEC.inputs + (L.LIST_SCHOOL_STATUS,)

# The hub's Specialist Leaders in Education (invented names).
SLES = (
    "Zoë Hartley",
    "José Fernandes",
    "Rachel O'Connor",
    "Sanjay Mistry",
    "Helen Greaves",
    "Aoife Brennan",
    "Mark Threlfall",
    "Priya Chauhan",
    "Tom Whitaker",
    "Ruth Ashby-Clarke",
    "Benedict Okafor",
    "Chloé Martin",
)

# The plan's glossary of terms (Role Code, Role).
ROLES = (
    ("AML", "Area Music Leader"),
    ("BM", "Business Manager"),
    ("C&MM", "Communications and Marketing Manager"),
    ("COMMS", "Communications and Marketing Strategy"),
    ("CYPS", "Children and Young People’s Service (Leicestershire LA)"),
    ("DSEN", "Disabilities, Special Educational Needs"),
    ("DHoS", "Deputy Head of Service"),
    ("Exec", "Executive Group of the Leicester-Shire Music Education Hub"),
    ("EYFS", "Early Years Foundation Stage"),
    ("FTE", "Full Time Equivalent"),
    ("Gov", "Governing Group of the Leicester-Shire Music Education Hub"),
    ("HoM", "Head of Music (School)"),
    ("HT", "Headteacher"),
    ("HoS", "Head of Service"),
    ("LHT", "Leicestershire Head Teachers Group"),
    ("LSMS", "Leicester-Shire Schools Music Service"),
    ("ML", "Music Leader"),
    ("NLE", "National Leader in Education"),
    ("RAG", "Red Amber Green"),
    ("SDL", "Singing Development Leader"),
    ("SDM", "Strategy Development Manager"),
    ("SDP", "School Development Plan"),
    ("SE", "Self Evaluation"),
    ("SEF", "Self Evaluation Framework"),
    ("SI", "School Improvement"),
    ("SLE", "Specialist Leader in Education"),
    ("SLT", "Senior Leadership Team"),
    ("SM", "Strategy Manager (CYPS Leicestershire)"),
    ("SMEP", "School Music Education Plan"),
    ("T&L", "Teaching and Learning"),
    ("TS", "Teaching School"),
)


def list_columns(areas: list[str] | tuple[str, ...], sles: list[str] | tuple[str, ...]) -> dict[str, list]:
    """Each Lists column's values, in the sheet's column order (LISTS_COLUMNS)."""
    return {
        L.LIST_PHASE: list(PHASES),
        L.LIST_AREA: list(areas),
        L.LIST_VISIT_TYPE: [name for name, _, _ in VISIT_TYPES],
        L.LIST_COUNTS_AS_VISIT: [counts for _, counts, _ in VISIT_TYPES],
        L.LIST_SCORED: [scored for _, _, scored in VISIT_TYPES],
        L.LIST_STATUS: list(OBJECTIVE_STATUSES),
        L.LIST_AWARD: list(AWARDS),
        L.LIST_YES_NO: list(YES_NO),
        L.LIST_SLE: list(sles),
        L.LIST_SLE_EMAIL: [sle_email(name) for name in sles],
        L.LIST_ROLE_CODE: [code for code, _ in ROLES],
        L.LIST_ROLE: [role for _, role in ROLES],
        L.LIST_MEASURE: list(L.MEASURES),
        L.LIST_ENGAGEMENT: list(L.ENGAGEMENT_WORDS),
        L.LIST_SCHOOL_STATUS: list(SCHOOL_STATUSES),
    }


def sle_email(name: str) -> str:
    """An SLE's made-up address at the demo hub: jo.patel@leicestershire-music.example.org."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    local = ".".join(w for w in re.split(r"[^a-z]+", plain) if w) or "sle"
    return f"{local}@leicestershire-music.example.org"


def lists_frame(
    areas: list[str] | tuple[str, ...] = (), sles: list[str] | tuple[str, ...] = ()
) -> pd.DataFrame:
    """Lists columns are of unequal length: blank (None) below each list's last value."""
    columns = list_columns(areas, sles)
    height = max(len(values) for values in columns.values())
    data = {name: values + [None] * (height - len(values)) for name, values in columns.items()}
    return pd.DataFrame(data, columns=list(LISTS_COLUMNS), dtype=object)


def criteria_frame() -> pd.DataFrame:
    return pd.DataFrame(list(L.DEFAULT_CRITERIA), columns=list(L.CRITERIA_SPEC.inputs), dtype=object)


def settings_frame(demo: bool) -> pd.DataFrame:
    """One row per setting, from the settings registry: the demo hub's values, or the defaults."""
    values = DEMO_VALUES if demo else DEFAULTS
    rows = [(name, _blank_none(values.get(name))) for name in L.SETTING_NAMES]
    return pd.DataFrame(rows, columns=list(L.SETTINGS_SPEC.inputs), dtype=object)


def _blank_none(value: object) -> object:
    return None if value == "" else value
