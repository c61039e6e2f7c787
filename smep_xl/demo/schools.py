"""A synthetic but realistic school list for Leicester and Leicestershire (the Schools sheet)."""

from __future__ import annotations

import random

import pandas as pd

from smep_xl import layout as L
from smep_xl.demo import names
from smep_xl.demo.lists import AWARDS
from smep_xl.demo.phrases import school_words
from smep_xl.demo.places import AREAS, address, postcode

# Phase shares of an English school list (per cent).
PHASE_SHARES = (
    ("Primary", 78.0),
    ("Secondary", 14.0),
    ("Special", 4.0),
    ("Nursery", 1.25),
    ("Middle deemed secondary", 1.0),
    ("Middle deemed primary", 0.5),
    ("PRU", 0.5),
    ("All-through", 0.5),
    ("16 plus", 0.25),
)
TYPES = {
    "Primary": (
        ("Community school", 36),
        ("Academy converter", 26),
        ("Academy sponsor led", 8),
        ("Voluntary controlled school", 13),
        ("Voluntary aided school", 12),
        ("Foundation school", 5),
    ),
    "Secondary": (
        ("Academy converter", 62),
        ("Academy sponsor led", 20),
        ("Community school", 8),
        ("Voluntary aided school", 5),
        ("Free schools", 5),
    ),
    "Special": (("Community special school", 60), ("Academy special converter", 40)),
    "Nursery": (("Local authority nursery school", 1),),
    "PRU": (("Pupil referral unit", 1),),
    "16 plus": (("Academy 16-19 converter", 1),),
    "All-through": (("Academy sponsor led", 1), ("Free schools", 1)),
}
_TYPE_PICKERS = {phase: names.chooser(types) for phase, types in TYPES.items()}
_MIDDLE_TYPE = names.chooser((("Academy converter", 60), ("Community school", 40)))

# Who covers what: primary SLEs by area; secondary and special schools have specialists.
AREA_SLES = {
    "Leicester City North": ("Sanjay Mistry",),
    "Leicester City East": ("Priya Chauhan",),
    "Leicester City South": ("Rachel O'Connor",),
    "Leicester City West": ("José Fernandes",),
    "Charnwood": ("Zoë Hartley", "Tom Whitaker"),
    "Hinckley & Bosworth": ("Helen Greaves",),
    "Harborough": ("Aoife Brennan",),
    "Melton": ("Tom Whitaker",),
    "North West Leicestershire": ("Helen Greaves", "Zoë Hartley"),
    "Oadby & Wigston": ("Rachel O'Connor",),
    "Blaby": ("José Fernandes", "Aoife Brennan"),
}
SECONDARY_SLES = ("Benedict Okafor", "Chloé Martin", "Mark Threlfall")
SPECIAL_SLES = ("Ruth Ashby-Clarke",)
_SECONDARY = ("Secondary", "Middle deemed secondary", "All-through", "16 plus")

NOTES = (
    "Head on secondment until Easter 2015 – contact the deputy, Mrs Zoë Whitfield.",
    "Prefers visits on Tuesdays & Thursdays (music lead's PPA time).",
    "Joined the Bradgate Education Partnership trust in September 2014.",
    "New music lead from January 2015.",
    "{Programme} is led by an LSMS tutor.",
    "Hosts the area's Saturday music centre.",
    "Small school (< 60 pupils); mixed-age classes.",
    "Music lead also covers PE & RE, so release time is limited.",
    "Took part in the 'Sing Up' Big Sing at De Montfort Hall.",
    "Shares a music specialist with the federation's other school.",
)


def schools_frame(count: int, rng: random.Random) -> pd.DataFrame:
    """count schools in realistic proportions; every open school has a named SLE."""
    pick_area = names.chooser([(a, a.weight) for a in AREAS])
    used_urns: set[int] = set()
    used_names: set[str] = set()
    records = []
    for phase in _phases(count, rng):
        area = pick_area(rng)
        records.append(_school(rng, phase, area, used_urns, used_names, wide=count > 2000))
    _close_a_few(records, rng)
    return pd.DataFrame(records, columns=list(L.SCHOOLS_SPEC.inputs), dtype=object)


def _phases(count: int, rng: random.Random) -> list[str]:
    """Exact shares (largest remainder), shuffled."""
    total = sum(share for _, share in PHASE_SHARES)
    raw = [(phase, count * share / total) for phase, share in PHASE_SHARES]
    counts = {phase: int(x) for phase, x in raw}
    spare = count - sum(counts.values())
    for phase, _ in sorted(raw, key=lambda p: p[1] - int(p[1]), reverse=True)[:spare]:
        counts[phase] += 1
    phases = [phase for phase, n in counts.items() for _ in range(n)]
    rng.shuffle(phases)
    return phases


def _school(rng, phase, area, used_urns, used_names, wide) -> dict:
    locality, town, district = rng.choice(area.places)
    school_type = _TYPE_PICKERS.get(phase, _MIDDLE_TYPE)(rng)
    name = _unique_name(rng, phase, school_type, locality, area, used_names)
    title, first, last = names.person(rng)
    lead = _music_lead(rng, first, last)
    return {
        L.SCH_URN: _urn(rng, school_type, area.la_code, used_urns, wide),
        L.SCH_NAME: name,
        L.SCH_STATUS: L.OPEN,
        L.SCH_PHASE: phase,
        L.SCH_TYPE: school_type,
        L.SCH_LA: area.la,
        L.SCH_AREA: area.name,
        L.SCH_ADDRESS: address(rng),
        L.SCH_TOWN: town,
        L.SCH_POSTCODE: postcode(rng, district),
        L.SCH_HEAD_TITLE: title,
        L.SCH_HEAD_FIRST: first,
        L.SCH_HEAD_LAST: last,
        L.SCH_MUSIC_LEAD: lead,
        L.SCH_EMAIL: names.email_for(rng, name, town),
        L.SCH_SLE: _sle(rng, phase, area.name),
        L.SCH_COHORT: 1 if rng.random() < 0.6 else 2,
        L.SCH_AWARD: _award(rng),
        L.SCH_MUSIC_IN_SDP: L.YES if rng.random() < 0.45 else L.NO,
        L.SCH_MDP: L.YES if rng.random() < 0.3 else L.NO,
        L.SCH_NOTES: rng.choice(NOTES).format(**school_words(phase, name)) if rng.random() < 0.12 else None,
    }


def _unique_name(rng, phase, school_type, locality, area, used) -> str:
    """Real lists repeat names across towns; a few tries keep the demo's mostly distinct."""
    for _ in range(6):
        other = rng.choice(area.places)[0]
        name = names.school_name(rng, phase, school_type, locality, other)
        if name not in used:
            break
    used.add(name)
    return name


def _music_lead(rng, head_first, head_last) -> str | None:
    roll = rng.random()
    if roll < 0.03:
        return None
    if roll < 0.10:  # in small primaries the head leads music
        return f"{head_first} {head_last}"
    return names.full_name(rng)


def _urn(rng, school_type, la_code, used, wide) -> int:
    """Six digits: maintained schools in their LA's old range, academies in the 13xxxx-14xxxx run."""
    academy = "Academy" in school_type or "Free" in school_type
    if wide:
        low, high = (136000, 149999) if academy else (100000, 135999)
    else:
        low, high = (
            (136000, 148999) if academy else ((120000, 120999) if la_code == 856 else (119000, 120999))
        )
    while True:
        urn = rng.randint(low, high)
        if urn not in used:
            used.add(urn)
            return urn


def _sle(rng, phase, area) -> str:
    if phase in _SECONDARY:
        return rng.choice(SECONDARY_SLES)
    if phase in ("Special", "PRU"):
        return SPECIAL_SLES[0]
    return rng.choice(AREA_SLES[area])


def _award(rng) -> str | None:
    roll = rng.random()
    for award, upto in zip(AWARDS, (0.08, 0.12, 0.14, 0.145), strict=True):
        if roll < upto:
            return award
    return None


def _close_a_few(records: list[dict], rng: random.Random) -> None:
    """About 1 in 70 schools closed during the plan (amalgamations, academy re-brokering)."""
    for record in rng.sample(records, max(1, len(records) // 70)) if records else ():
        record[L.SCH_STATUS] = L.CLOSED
        record[L.SCH_SLE] = None
        record[L.SCH_NOTES] = rng.choice(
            (
                "Closed 31/12/2014: amalgamated with the neighbouring junior school.",
                "Closed 31/03/2015; reopened as an academy under a new URN.",
                "Closed 31/08/2014 – pupils transferred to the new all-through academy.",
            )
        )
