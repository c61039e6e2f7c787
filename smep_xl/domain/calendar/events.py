"""The calendar's events: each open school's Next Visit Due, and each visit's Follow-up Date,
as all-day events, from the rules Refresh uses (domain/rag.py) at the as-of date.

Each event's UID is made from what it is about (the school's URN, the visit's ID) and the hub,
never from its date, so a calendar imported again moves an event rather than adding another.
An event belongs to its school's SLE (a follow-up to the visit's SLE, else the school's); every
event is also in the whole hub's calendar.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.inputs import read_inputs
from smep_xl.domain.rag import rate_schools, rate_visits, visit_log
from smep_xl.domain.values import as_date, split_lines, text

DUE, FOLLOW_UP = "due", "follow-up"
PHONE_COLUMNS = ("Phone", "Telephone", "Tel", "Telephone Number", "Phone Number")  # a column staff may add


@dataclass(frozen=True)
class VisitEvent:
    uid: str
    day: date
    kind: str  # DUE or FOLLOW_UP
    summary: str
    description: str
    location: str
    sle: str  # "" when the school has none
    urn: str


def calendar_events(
    frames: Mapping[str, object], today: date, as_of: date | None = None
) -> tuple[list[VisitEvent], date]:
    """Every event, in date order, and the as-of date the rules were applied at (as_of, else the
    As Of Date setting, else today: as Refresh does)."""
    inputs = read_inputs(frames, today)
    settings = inputs.settings
    day = as_of or settings.as_of(today)
    schools, visits = inputs.frame(L.SCHOOLS), inputs.frame(L.VISITS)
    rated = rate_visits(visits, inputs.criteria, settings, inputs.visits)
    log = visit_log(visits, rated.code, day, inputs.visits)
    ratings = rate_schools(schools, log, settings, inputs.schools)
    hub = _slug(settings.text(L.S_HUB_NAME)) or "smep-xl"
    by_urn = {
        key: row
        for row, key, is_school in zip(schools.index, ratings.key, ratings.school, strict=True)
        if is_school
    }
    latest = {text(r["key"]): int(r["row"]) for _, r in log.groupby("key").tail(1).iterrows()}
    events = []
    for urn, row in by_urn.items():
        due = as_date(ratings.frame.at[row, L.SCH_NEXT_DUE])
        if due is not None:
            school = schools.loc[row]
            actions = _actions(visits, latest.get(urn))
            events.append(_event(hub, DUE, urn, due, school, ratings.frame.at[row, L.SCH_RAG], actions, ""))
    for row in visits.index:
        follow, urn = as_date(_get(visits, row, L.VIS_FOLLOW_UP)), text(_get(visits, row, L.VIS_URN))
        if follow is None or urn not in by_urn:
            continue
        school = schools.loc[by_urn[urn]]
        vid = text(_get(visits, row, L.VIS_ID)) or f"{urn}-{as_date(_get(visits, row, L.VIS_DATE)) or row}"
        sle = text(_get(visits, row, L.VIS_SLE))
        rag = ratings.frame.at[by_urn[urn], L.SCH_RAG]
        events.append(_event(hub, FOLLOW_UP, urn, follow, school, rag, _actions(visits, row), sle, vid))
    return sorted(events, key=lambda e: (e.day, e.sle, e.urn, e.kind)), day


def _event(
    hub: str,
    kind: str,
    urn: str,
    day: date,
    school: pd.Series,
    rag: object,
    actions: list[str],
    sle: str,
    vid: str = "",
) -> VisitEvent:
    name = text(school.get(L.SCH_NAME)) or f"URN {urn}"
    address = ", ".join(
        x for x in (text(school.get(c)) for c in (L.SCH_ADDRESS, L.SCH_TOWN, L.SCH_POSTCODE)) if x
    )
    phone = next((text(school.get(c)) for c in PHONE_COLUMNS if text(school.get(c))), "")
    lines = [f"School: {name}", f"URN: {urn}"]
    lines += [f"Address: {address}"] if address else []
    lines += [f"Phone: {phone}"] if phone else []
    lines.append(f"Last RAG: {text(rag) or 'not rated yet'}")
    if actions:
        lines += ["Agreed actions:", *(f"- {a}" for a in actions)]
    if kind == DUE:
        summary, uid = f"Visit due: {name}", f"smep-due-{urn}@{hub}"
    else:
        summary, uid = f"Follow-up: {name} ({vid})", f"smep-follow-up-{_slug(vid)}@{hub}"
    sle = sle or text(school.get(L.SCH_SLE))
    return VisitEvent(uid, day, kind, summary, "\n".join(lines), address, sle, urn)


def _actions(visits: pd.DataFrame, row: int | None) -> list[str]:
    return split_lines(_get(visits, row, L.VIS_ACTIONS)) if row is not None else []


def _get(frame: pd.DataFrame, row: object, column: str) -> object:
    return frame.at[row, column] if column in frame.columns else None


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
