"""Which letters are due, and the data each one carries (pure: frames in, plan out)."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from smep_xl import layout as L
from smep_xl.domain.letters.fields import FIELD_NAMES
from smep_xl.domain.letters.plan import LetterInputs, logged, plan_letters
from smep_xl.domain.settings import criteria_from_frame, settings_from_frame
from tests.letters_fixture import FORMULA, INJECTED, TODAY, TRICKY, frames, log_frame, school, visit


def inputs(tables: dict | None = None, log: pd.DataFrame | None = None) -> LetterInputs:
    t = tables or frames()
    schools = t[L.SCHOOLS].reset_index(drop=True).astype(object)
    visits = t[L.VISITS].reset_index(drop=True).astype(object)
    schools.index = range(2, 2 + len(schools))
    visits.index = range(2, 2 + len(visits))
    return LetterInputs(
        schools,
        visits,
        criteria_from_frame(t[L.CRITERIA]),
        settings_from_frame(t[L.SETTINGS]),
        log if log is not None else log_frame(),
        visit_cell=lambda r, c: f"{c}@{r}",
    )


def plan(**kwargs):
    return plan_letters(kwargs.pop("source", None) or inputs(), today=TODAY, **kwargs)


def by_id(result) -> dict:
    return {job.visit_id: job.context for job in result.jobs}


def test_default_is_every_visit_marked_send_letter_not_yet_logged() -> None:
    result = plan()
    assert [j.visit_id for j in result.jobs] == ["V1", "V2", "V6"]  # V5: Send Letter = No
    assert sorted(f.code for f in result.findings) == ["letter.head.missing", "letter.scores.missing"]
    assert {f.severity for f in result.findings} == {"error"}


def test_a_logged_letter_is_not_written_again() -> None:
    log = log_frame(
        [
            {L.LOG_URN: 100001, L.LOG_VISIT: "V1", L.LOG_STATUS: "Written"},
            {L.LOG_URN: 100002, L.LOG_VISIT: "V2", L.LOG_STATUS: "Failed"},
        ]
    )
    assert [j.visit_id for j in plan(source=inputs(log=log)).jobs] == ["V2", "V6"]


def test_urns_and_all_ask_for_the_latest_visit_again() -> None:
    log = log_frame([{L.LOG_URN: 100006, L.LOG_VISIT: "V6", L.LOG_STATUS: "Written"}])
    assert [j.visit_id for j in plan(source=inputs(log=log), urns=("100006",)).jobs] == ["V6"]
    everyone = plan(source=inputs(log=log), all_visited=True)
    assert [j.visit_id for j in everyone.jobs] == ["V1", "V2", "V6"]


def test_an_unknown_or_unvisited_urn_is_a_finding() -> None:
    result = plan(urns=("999999", "100005"))
    assert not result.jobs
    assert [f.code for f in result.findings] == ["letter.urn.unknown", "letter.urn.no_visit"]
    assert "999999" in result.findings[0].message and "Elm Special" in result.findings[1].message


def test_the_letter_data() -> None:
    data = by_id(plan())["V1"]
    assert set(FIELD_NAMES) <= set(data)
    assert data["school"] == "St Mary's C of E Primary & Nursery" and data["urn"] == "100001"
    assert data["head_name"] == "Mrs Siân O'Connor" and data["salutation"] == "Mrs O'Connor"
    assert data["address"] == "Church Lane\nQuorn"
    assert data["visit_date"] == "3 March 2015" and data["today"] == "1 June 2015"
    assert data["strengths"] == [TRICKY, INJECTED, FORMULA]
    assert data["agreed_actions"] == ["Join the hub network", "Audit instruments"]
    assert (data["score"], data["rag"], data["rag_colour"]) == ("3.38", "Green", "C6EFCE")
    assert data["leadership"] == "4" and data["criteria"][0] == {
        "name": "Leadership",
        "score": "4",
        "rag": "Green",
        "rag_colour": "C6EFCE",
        "description": L.DEFAULT_CRITERIA[0][1],
        "key": True,
    }
    assert (data["previous_rag"], data["trend"], data["targeted_support"]) == ("", "New", False)
    assert data["next_visit_due"] == "3 March 2016"
    assert data["award"] == "Music Mark" and data["mdp_published"] == "Yes"
    assert data["hub_address"] == "Embrace Arts, Lancaster Road\nLeicester LE1 7HA"


def test_red_means_targeted_support_and_a_visit_within_a_term() -> None:
    data = by_id(plan())["V2"]
    assert [c["rag"] for c in data["criteria"]][:3] == ["Red", "Amber", "Amber"]
    assert (data["rag"], data["targeted_support"], data["next_visit_due"]) == ("Red", True, "10 March 2015")


def test_previous_rag_and_trend_are_those_of_the_visit_before() -> None:
    data = by_id(plan())["V6"]
    assert (data["rag"], data["previous_rag"], data["trend"]) == ("Green", "Amber", "Improving")
    assert data["visits"] == 2 and data["last_visit"] == "20 May 2015"
    assert data["areas_for_development"] == []


def test_a_visit_id_used_twice_is_written_once() -> None:
    t = frames()
    t[L.VISITS] = pd.concat([t[L.VISITS], pd.DataFrame([visit("V1", 100006, datetime(2015, 5, 21), 3)])])
    result = plan(source=inputs(t))
    assert [j.visit_id for j in result.jobs].count("V1") == 1
    assert "letter.visit_id.duplicate" in [f.code for f in result.findings]


def test_columns_staff_added_become_fields() -> None:
    t = frames()
    t[L.SCHOOLS]["Governor for Music"] = "Mr Ali"
    t[L.VISITS]["Next Concert"] = "Summer Sing"
    data = by_id(plan(source=inputs(t)))["V1"]
    assert data["governor_for_music"] == "Mr Ali" and data["next_concert"] == "Summer Sing"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({L.VIS_ID: None}, "letter.visit_id.missing"),
        ({L.VIS_URN: 123}, "letter.school.unknown"),
        ({L.VIS_DATE: "sometime"}, "letter.visit_date.missing"),
    ],
)
def test_a_visit_that_cannot_make_a_letter_is_a_finding(change: dict, code: str) -> None:
    t = frames()
    for column, value in change.items():
        t[L.VISITS].loc[0, column] = value
    result = plan(source=inputs(t))
    assert code in [f.code for f in result.findings]
    assert "St Mary" not in " ".join(j.school for j in result.jobs)


def test_audit_forms_go_to_open_schools_not_yet_visited() -> None:
    t = frames()
    t[L.SCHOOLS] = pd.concat([t[L.SCHOOLS], pd.DataFrame([school(100009, "Gone School", Status="Closed")])])
    result = plan(source=inputs(t), audit=True)
    assert [j.urn for j in result.jobs] == ["100005"]
    assert result.jobs[0].context["criteria"][0]["score"] == ""
    assert [j.urn for j in plan(source=inputs(t), audit=True, all_visited=True).jobs] == [
        "100001",
        "100002",
        "100003",
        "100004",
        "100005",
        "100006",
    ]
    again = log_frame([{L.LOG_URN: 100005, L.LOG_VISIT: None, L.LOG_STATUS: "Written"}])
    assert not plan(source=inputs(t, again), audit=True).jobs


def test_an_audit_form_carries_the_last_visit() -> None:
    data = plan(audit=True, urns=("100006",)).jobs[0].context
    assert data["visit_id"] == "V6" and data["rag"] == "Green"
    assert data["agreed_actions"] == ["Join the hub network", "Audit instruments"]


def test_logged_reads_what_was_written() -> None:
    log = log_frame(
        [
            {L.LOG_URN: 1, L.LOG_VISIT: "V1", L.LOG_STATUS: "Written"},
            {L.LOG_URN: 2, L.LOG_VISIT: None, L.LOG_STATUS: "ok"},
            {L.LOG_URN: 3, L.LOG_VISIT: "V3", L.LOG_STATUS: "Failed"},
        ]
    )
    assert logged(log) == ({"V1"}, {"2"})


# ---- issue items: the letter states what staff typed, and what Validate accepts
def test_the_letter_states_the_follow_up_date_staff_typed() -> None:
    t = frames()
    t[L.VISITS].loc[1, L.VIS_FOLLOW_UP] = datetime(2015, 1, 20)  # V2, Red on 10 Nov 2014
    data = by_id(plan(source=inputs(t)))["V2"]
    assert (data["follow_up_date"], data["next_visit_due"]) == ("20 January 2015", "20 January 2015")
    assert by_id(plan())["V2"]["next_visit_due"] == "10 March 2015"  # none typed: a term on


def test_a_score_validate_rejects_gives_no_letter_and_says_why() -> None:
    t = frames()
    t[L.VISITS].loc[0, "Teaching"] = 3.5  # V1
    result = plan(source=inputs(t))
    assert "V1" not in by_id(result)
    [finding] = [f for f in result.findings if f.row == 2]
    assert finding.code == "letter.scores.missing" and "a score Validate rejects" in finding.message


def test_a_row_that_is_not_a_visit_gets_no_letter() -> None:
    t = frames()
    t[L.VISITS].loc[0, L.VIS_TYPE] = "Network meeting"  # V1
    source = inputs(t)
    lists = pd.DataFrame(
        {L.LIST_VISIT_TYPE: ["Network meeting"], L.LIST_COUNTS_AS_VISIT: ["No"], L.LIST_SCORED: ["No"]}
    )
    source = LetterInputs(**{**source.__dict__, "settings": settings_from_frame(t[L.SETTINGS], lists)})
    result = plan(source=source)
    assert "V1" not in by_id(result)
    [finding] = [f for f in result.findings if f.row == 2]
    assert finding.code == "letter.visit.not_counted" and "Counts as Visit" in finding.message


def test_each_criterion_is_rated_by_the_visits_rule() -> None:
    # Red Threshold 1: a Key criterion scored 1 is still Red, as it makes the visit Red
    data = by_id(plan(source=inputs(frames(**{L.S_RED: 1.0}))))["V2"]
    assert [c["rag"] for c in data["criteria"]][:3] == ["Red", "Amber", "Amber"]
    assert data["rag"] == "Red"


@pytest.mark.parametrize(
    ("thresholds", "expected"),
    [
        # worked by hand from the rule in docs/rules.md: Red below the Red Threshold or a Key
        # criterion scored 1; Green at the Green Threshold or above with no 1; else Amber
        (
            (2.0, 3.0),
            [("1", "Red"), ("1", "Red"), ("2.5", "Amber"), ("3", "Green"), ("4", "Green"), ("", "")],
        ),
        (
            (1.0, 3.5),
            [("1", "Red"), ("1", "Amber"), ("2.5", "Amber"), ("3", "Amber"), ("4", "Green"), ("", "")],
        ),
        (
            (2.0, 3.0),
            [("1", "Red"), ("1", "Red"), ("2.5", "Amber"), ("3", "Green"), ("4", "Green"), ("", "")],
        ),
    ],
)
def test_criteria_are_rated_afresh_for_each_pair_of_thresholds(thresholds, expected) -> None:
    """Ratings are remembered per score within a run; other thresholds (a later run in the same
    Excel session) must still rate by their own."""
    from smep_xl.domain.letters.context import visit_fields
    from smep_xl.domain.settings import Criterion

    criteria = [Criterion(name, 1.0, key) for name, key in (("A", True), ("B", False), ("C", False))]
    criteria += [Criterion(name, 1.0, False) for name in ("D", "E", "F")]
    visit = {"A": 1, "B": 1.0, "C": 2.5, "D": "3", "E": 4, "F": 5}  # 5 is not a score
    rows = visit_fields(visit, None, criteria, thresholds, "")["criteria"]
    assert [(r["score"], r["rag"]) for r in rows] == expected
