"""A small hand-made hub for the refresh tests: eight schools, a dozen visits, a short grid.

Each school is there for one rule (see the comment beside it); docs/rules.md walks through
the same schools. Frames are built as the workbook adapters return them (object columns).
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from smep_xl import layout as L
from smep_xl.adapters.memory.workbook import MemoryWorkbook

AS_OF = date(2016, 1, 31)  # in plan year 2 (plan: 1 Sep 2014, two years)
CRITERIA = [c[0] for c in L.DEFAULT_CRITERIA]  # Leadership and Curriculum are Key


def settings_frame(**overrides) -> pd.DataFrame:
    values = {
        L.S_HUB_NAME: "Test Hub",
        L.S_PLAN_START: datetime(2014, 9, 1),
        L.S_PLAN_YEARS: 2,
        L.S_Y1_TARGET: 0.6,
        L.S_PLAN_TARGET: 1.0,
        L.S_GREEN: 3.0,
        L.S_RED: 2.0,
        L.S_AMBER_DAYS: 30,
        L.S_AS_OF: None,
    }
    values.update(overrides)
    return pd.DataFrame({L.SET_NAME: list(values), L.SET_VALUE: list(values.values())})


def criteria_frame(weights: dict[str, float] | None = None) -> pd.DataFrame:
    weights = weights or {}
    return pd.DataFrame(
        [
            {L.CRI_NAME: n, L.CRI_DESCRIPTION: d, L.CRI_WEIGHT: weights.get(n, w), L.CRI_KEY: k}
            for n, d, w, k in L.DEFAULT_CRITERIA
        ]
    )


def school(urn, name, status="Open", phase="Primary", area="North", sle="Ann", cohort=1) -> dict:
    return {
        L.SCH_URN: urn,
        L.SCH_NAME: name,
        L.SCH_STATUS: status,
        L.SCH_PHASE: phase,
        L.SCH_AREA: area,
        L.SCH_SLE: sle,
        L.SCH_COHORT: cohort,
    }


def visit(vid, urn, day, scores, *, letter=None) -> dict:
    """scores: one int (or None) for every criterion, a list of 8 (None = blank), or a dict."""
    if scores is None or isinstance(scores, int):
        scores = [scores] * len(CRITERIA)
    if isinstance(scores, list):
        scores = dict(zip(CRITERIA, scores, strict=True))
    row = {L.VIS_ID: vid, L.VIS_URN: urn, L.VIS_DATE: day, L.VIS_TYPE: "Audit", L.VIS_SLE: "Ann"}
    row.update({c: scores.get(c) for c in CRITERIA})
    row[L.VIS_LETTER] = letter
    return row


def schools_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [
            school(100001, "Abbey Primary"),  # Green, then exactly 2.0: Amber, Declining
            school(100002, "Brook Primary"),  # key criterion at 1: Red, owed a repeat visit
            school(
                100003, "Castle High", phase="Secondary", area="South", sle="Ben", cohort=2
            ),  # never visited
            school(
                100004, "Dale Academy", status="Closed", phase="Secondary", area="South", sle="Ben"
            ),  # closed
            school(
                100005, "Elm Special", phase="Special", area="South", sle="Ben", cohort=2
            ),  # tie on a date
            school(100006, "Fern Primary", area=None, cohort=None),  # too few criteria scored: no RAG
            school(100007, "Glebe Primary", sle="Cal"),  # exactly 3.0: Green; a visit after as-of
            school(100008, "Hill Infant", sle="Cal"),  # Red on score, then a support visit
        ]
    )


def visits_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [
            visit("V01", 100001, datetime(2014, 10, 1), 3),
            visit("V02", 100001, datetime(2015, 6, 1), 2, letter="letters/V02.docx"),
            visit("V03", 100002, datetime(2014, 11, 1), [1, 4, 4, 4, 4, 4, 4, 4]),
            visit("V04", 100004, datetime(2014, 12, 1), 4),
            visit("V05", 100005, datetime(2015, 10, 5), [3, 3, 1, 3, 3, 3, 3, 3]),
            visit("V06", 100005, datetime(2015, 10, 5), 4),
            visit("V07", 100006, datetime(2015, 1, 10), [3, 3, 3, None, None, None, None, None]),
            visit("V08", 100007, datetime(2015, 2, 1), 3),
            visit("V09", 100007, datetime(2016, 3, 1), 1),
            visit("V10", 100008, datetime(2015, 3, 1), [2, 2, 2, 2, 2, 2, 2, 1]),
            visit("V11", 100008, datetime(2015, 12, 1), None),
            visit("V12", 999999, datetime(2015, 1, 1), 4),  # not a school on the Schools sheet
            visit("V13", 100003, None, 4),  # no date: does not count
        ]
    )


def objectives_frame() -> pd.DataFrame:
    rows = [  # By When, Status, Progress %
        ("Mar/Apr 2015", None, 20),  # past due at the as-of date: Red
        ("Oct 2014 and Feb 2015", "Complete", None),  # Blue
        ("Feb 2016", None, 10),  # due in 1 day, behind time: Amber
        ("Feb 2016", None, 100),  # Blue (Progress 100)
        ("Jul", None, 0),  # no year: July 2015 in the plan's first year: Red
        ("Ongoing", None, None),  # no Due Date: Green
        ("when we can", None, None),  # unreadable: not rated
        ("Jun 2016", None, 5),  # far off: Green
    ]
    return pd.DataFrame(
        [
            {
                L.OBJ_NO: i + 1,
                L.OBJ_TARGET: f"Target {i + 1}",
                L.OBJ_BY_WHEN: b,
                L.OBJ_STATUS: s,
                L.OBJ_PROGRESS: p,
            }
            for i, (b, s, p) in enumerate(rows)
        ]
    )


def letter_log_frame() -> pd.DataFrame:
    return pd.DataFrame(columns=list(L.LETTER_LOG_SPEC.columns))


def as_sheet(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame as read_table gives it: object columns, blanks None, rows numbered from 2."""
    return MemoryWorkbook({"x": frame}).read_table("x").frame


def hub_frames(**settings) -> dict[str, pd.DataFrame]:
    return {
        L.OBJECTIVES: objectives_frame(),
        L.SCHOOLS: schools_frame(),
        L.VISITS: visits_frame(),
        L.CRITERIA: criteria_frame(),
        L.SETTINGS: settings_frame(**settings),
        L.LETTER_LOG: letter_log_frame(),
    }


def hub_book(**settings) -> MemoryWorkbook:
    return MemoryWorkbook(hub_frames(**settings))
