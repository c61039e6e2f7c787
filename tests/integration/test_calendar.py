"""smep calendar: the .ics files parse back with icalendar; their events are checked against the
workbook read independently (Next Visit Due as smep refresh writes it, each Follow-up Date on
the Visits sheet); each SLE's file holds that SLE's events and the hub's holds them all; and an
export after a date changed keeps every UID, so a calendar program moves the event."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from smep_xl import layout as L
from smep_xl.adapters.new_workbook.write import write_new_workbook
from smep_xl.demo import build_demo_frames
from tests.email_fixture import DAY, sheet
from tests.helpers.cli import run_smep


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hub") / "hub.xlsx"
    write_new_workbook(str(path), build_demo_frames(schools=40))
    return path


@pytest.fixture
def book(made, tmp_path) -> Path:
    return Path(shutil.copy(made, tmp_path / "hub.xlsx"))


def export(book: Path, out: Path) -> dict[str, Calendar]:
    code, _, err = run_smep("calendar", book, "--out", out, "--as-of", DAY)
    assert code == 0, err
    return {p.name: Calendar.from_ical(p.read_bytes()) for p in sorted(out.glob("*.ics"))}


def events(calendar: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def day_of(event) -> date:
    return event.decoded("DTSTART")


def as_day(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def split(calendars: dict[str, Calendar]) -> tuple[Calendar, dict[str, Calendar]]:
    """The hub's calendar, and each SLE's by the SLE's name (from its calendar name)."""
    hub = [c for name, c in calendars.items() if name.endswith("all SLEs.ics")]
    assert len(hub) == 1
    sles = {str(c["X-WR-CALNAME"]).split(": ", 1)[1]: c for c in calendars.values() if c is not hub[0]}
    return hub[0], sles


def test_every_event_is_an_all_day_event_the_workbook_calls_for(book, tmp_path):
    hub, _ = split(export(book, tmp_path / "cal"))
    found = events(hub)
    for event in found.values():
        start, end = day_of(event), event.decoded("DTEND")
        assert type(start) is date and end == start + timedelta(days=1)
    refreshed = Path(shutil.copy(book, tmp_path / "refreshed.xlsx"))
    assert run_smep("refresh", refreshed, "--as-of", DAY)[0] in (0, 1)
    schools = sheet(refreshed, L.SCHOOLS)
    open_urns = {str(s[L.SCH_URN]) for s in schools if s[L.SCH_STATUS] == L.OPEN}
    due = {str(s[L.SCH_URN]): as_day(s[L.SCH_NEXT_DUE]) for s in schools if as_day(s[L.SCH_NEXT_DUE])}
    follow = {
        str(v[L.VIS_ID]): as_day(v[L.VIS_FOLLOW_UP])
        for v in sheet(book, L.VISITS)
        if as_day(v[L.VIS_FOLLOW_UP]) and str(v[L.VIS_URN]) in open_urns
    }
    assert due and follow
    got_due = {
        uid.split("@")[0].removeprefix("smep-due-"): day_of(e) for uid, e in found.items() if "-due-" in uid
    }
    got_follow = {
        str(e["SUMMARY"]).rsplit("(", 1)[1].rstrip(")"): day_of(e)
        for uid, e in found.items()
        if "follow-up" in uid
    }
    assert got_due == due and got_follow == follow and len(found) == len(due) + len(follow)


def test_descriptions_name_the_school_its_rag_and_the_agreed_actions(book, tmp_path):
    hub, _ = split(export(book, tmp_path / "cal"))
    schools = {str(s[L.SCH_URN]): s for s in sheet(book, L.SCHOOLS)}
    visits = {str(v[L.VIS_ID]): v for v in sheet(book, L.VISITS)}
    with_actions = 0
    for uid, event in events(hub).items():
        text = str(event["DESCRIPTION"])
        urn = text.split("URN: ", 1)[1].splitlines()[0]
        school = schools[urn]
        assert f"School: {school[L.SCH_NAME]}" in text and "Last RAG: " in text
        assert str(school[L.SCH_POSTCODE]) in text and str(school[L.SCH_POSTCODE]) in str(event["LOCATION"])
        if "follow-up" in uid:
            vid = str(event["SUMMARY"]).rsplit("(", 1)[1].rstrip(")")
            actions = [a.strip() for a in str(visits[vid][L.VIS_ACTIONS] or "").splitlines() if a.strip()]
            assert all(f"- {a}" in text for a in actions)
            with_actions += bool(actions)
    assert with_actions


def test_each_sle_has_their_own_events_and_the_hub_has_them_all(book, tmp_path):
    hub, sles = split(export(book, tmp_path / "cal"))
    schools = {str(s[L.SCH_URN]): s for s in sheet(book, L.SCHOOLS)}
    visits = {str(v[L.VIS_ID]): v for v in sheet(book, L.VISITS)}
    whole = events(hub)
    owned: dict[str, str] = {}
    for sle, calendar in sles.items():
        for uid in events(calendar):
            assert uid not in owned, "an event is in two SLEs' calendars"
            owned[uid] = sle
    assert set(owned) <= set(whole) and len(sles) >= 2
    for uid, event in whole.items():
        urn = str(event["DESCRIPTION"]).split("URN: ", 1)[1].splitlines()[0]
        sle = schools[urn][L.SCH_SLE] or ""
        if "follow-up" in uid:
            sle = visits[str(event["SUMMARY"]).rsplit("(", 1)[1].rstrip(")")][L.VIS_SLE] or sle
        assert owned.get(uid, "") == sle


def test_an_export_after_a_date_changed_keeps_every_uid_and_moves_that_event(book, tmp_path):
    out = tmp_path / "cal"
    first = export(book, out)
    from smep_xl.adapters.xlsx.workbook import open_workbook

    with open_workbook(str(book)) as workbook:
        visits = workbook.read_table(L.VISITS).frame.copy()
        row = visits.index[visits[L.VIS_FOLLOW_UP].notna()][0]
        vid, moved = str(visits.at[row, L.VIS_ID]), date(2015, 12, 1)
        visits.at[row, L.VIS_FOLLOW_UP] = moved
        workbook.write_output(L.VISITS, visits)
        workbook.save()
    second = export(book, out)
    assert second.keys() == first.keys() and len(list(out.iterdir())) == len(first)
    before, after = events(split(first)[0]), events(split(second)[0])
    assert before.keys() == after.keys()
    changed = {uid for uid in after if day_of(after[uid]) != day_of(before[uid])}
    uid = next(u for u, e in after.items() if f"({vid})" in str(e["SUMMARY"]))
    assert uid in changed and day_of(after[uid]) == moved
    assert after[uid]["SEQUENCE"] >= before[uid]["SEQUENCE"]
    urn = f"URN: {visits.at[row, L.VIS_URN]}\n"  # its school's Next Visit Due may move with it
    assert all(urn in str(after[u]["DESCRIPTION"]) + "\n" for u in changed)
