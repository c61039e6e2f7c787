"""How a GIAS establishment becomes the GIAS-owned cells of a Schools row.

The hub's own columns (Area, Music Lead, Email, SLE, ...) are not here on purpose: an import
never writes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from smep_xl import layout as L
from smep_xl.domain.gias import extract as G

# Schools column -> the GIAS columns it is made from. Only these columns are ever written.
SOURCES: dict[str, tuple[str, ...]] = {
    L.SCH_NAME: (G.NAME,),
    L.SCH_STATUS: (G.STATUS,),
    L.SCH_PHASE: (G.PHASE,),
    L.SCH_TYPE: (G.TYPE,),
    L.SCH_LA: (G.LA_NAME,),
    L.SCH_ADDRESS: (G.STREET, G.LOCALITY, G.ADDRESS3),
    L.SCH_TOWN: (G.TOWN,),
    L.SCH_POSTCODE: (G.POSTCODE,),
    L.SCH_HEAD_TITLE: (G.HEAD_TITLE,),
    L.SCH_HEAD_FIRST: (G.HEAD_FIRST,),
    L.SCH_HEAD_LAST: (G.HEAD_LAST,),
}
GIAS_OWNED = tuple(SOURCES)
HUB_OWNED = (
    L.SCH_AREA,
    L.SCH_MUSIC_LEAD,
    L.SCH_EMAIL,
    L.SCH_SLE,
    L.SCH_COHORT,
    L.SCH_AWARD,
    L.SCH_MUSIC_IN_SDP,
    L.SCH_MDP,
    L.SCH_NOTES,
)

_OPEN_STATUSES = {"open", "open, but proposed to close"}
_CLOSED_STATUSES = {"closed"}
_NOT_A_TITLE = {"not applicable", "not known", "n/a"}

# Establishment type groups whose schools a hub supports (state-funded schools).
STATE_GROUPS = {"local authority maintained schools", "academies", "free schools", "special schools"}
_NOT_STATE_TYPES = {"other independent special school", "other independent school"}
_STATE_TYPES = {  # used when the file has no type group column
    "community school",
    "voluntary aided school",
    "voluntary controlled school",
    "foundation school",
    "community special school",
    "foundation special school",
    "pupil referral unit",
    "local authority nursery school",
    "non-maintained special school",
    "academy sponsor led",
    "academy special sponsor led",
    "academy converter",
    "academy special converter",
    "academy alternative provision converter",
    "academy alternative provision sponsor led",
    "academy 16-19 converter",
    "academy 16 to 19 sponsor led",
    "academy secure 16 to 19",
    "free schools",
    "free schools special",
    "free schools alternative provision",
    "free schools 16 to 19",
    "university technical college",
    "studio schools",
}

# The hub's Phase word for a school, best first; the first one found in Lists wins.
_PHASE_CHOICES = {
    "special": ("Special", "Not applicable"),
    "alternative provision": ("Alternative provision", "PRU", "Pupil referral unit", "Not applicable"),
    "nursery": ("Nursery", "Early years", "Primary"),
    "primary": ("Primary",),
    "middle deemed primary": ("Middle deemed primary", "Middle", "Primary"),
    "middle deemed secondary": ("Middle deemed secondary", "Middle", "Secondary"),
    "secondary": ("Secondary",),
    "all-through": ("All-through", "All through", "Secondary"),
    "16 plus": ("16 plus", "Post-16", "Secondary"),
    "not applicable": ("Not applicable",),
}


def available(present: set[str] | frozenset[str]) -> tuple[str, ...]:
    """The Schools columns this file can fill (a column whose source is missing is left alone)."""
    return tuple(col for col, sources in SOURCES.items() if any(s in present for s in sources))


def status_of(record: Mapping[str, object]) -> str | None:
    """Open / Closed, or None for a school GIAS has not opened yet ("Proposed to open")."""
    status = str(record.get(G.STATUS) or "").strip().lower()
    if status in _OPEN_STATUSES:
        return L.OPEN
    if status in _CLOSED_STATUSES:
        return L.CLOSED
    return None


def is_state_school(record: Mapping[str, object]) -> bool:
    type_name = str(record.get(G.TYPE) or "").strip().lower()
    if type_name in _NOT_STATE_TYPES:
        return False
    group = str(record.get(G.TYPE_GROUP) or "").strip().lower()
    if group:
        return group in STATE_GROUPS
    return type_name in _STATE_TYPES


def phase_of(record: Mapping[str, object], phases: Sequence[str] = ()) -> str:
    """GIAS phase (and type, for special schools and PRUs) -> a Phase from Lists where one fits."""
    type_name = str(record.get(G.TYPE) or "").lower()
    gias_phase = str(record.get(G.PHASE) or "").strip()
    if "special" in type_name:
        key = "special"
    elif "alternative provision" in type_name or "pupil referral" in type_name:
        key = "alternative provision"
    else:
        key = gias_phase.lower()
    choices = _PHASE_CHOICES.get(key, (gias_phase,))
    listed = {p.strip().lower(): p for p in phases if p and str(p).strip()}
    for choice in choices:
        if choice.lower() in listed:
            return listed[choice.lower()]
    if gias_phase.lower() in listed:
        return listed[gias_phase.lower()]
    return choices[0]


def address_of(record: Mapping[str, object]) -> str:
    parts = (str(record.get(c) or "").strip() for c in (G.STREET, G.LOCALITY, G.ADDRESS3))
    return ", ".join(p for p in parts if p)


def school_values(
    record: Mapping[str, object], columns: Sequence[str], phases: Sequence[str] = ()
) -> dict[str, object]:
    """The GIAS-owned Schools cells for one establishment, for the given columns.

    Blank comes out as None (an empty cell). Status is left out when GIAS has no Open/Closed word.
    """
    values: dict[str, object] = {}
    for column in columns:
        if column == L.SCH_STATUS:
            status = status_of(record)
            if status:
                values[column] = status
            continue
        value = _value(column, record, phases)
        values[column] = value or None
    return values


def _value(column: str, record: Mapping[str, object], phases: Sequence[str]) -> str:
    if column == L.SCH_PHASE:
        return phase_of(record, phases)
    if column == L.SCH_ADDRESS:
        return address_of(record)
    value = str(record.get(SOURCES[column][0]) or "").strip()
    if column == L.SCH_HEAD_TITLE and value.lower() in _NOT_A_TITLE:
        return ""
    return value
