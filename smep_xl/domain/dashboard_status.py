"""The Dashboard's first screen: "are we on track?" answered for every target, in one table and
one sentence, and what needs doing now (domain/status.py has the rule behind each word)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.dashboard_model import DashboardTable, Summary
from smep_xl.domain.status import STATUS_ORDER, Assessed, gap_text, pace_text, time_text

T_STATUS = "Are we on track?"
DB_MEASURE, DB_NOW, DB_COUNT, DB_GOAL, DB_BY = "Target", "Now", "Counted", "Aim", "Due"
DB_GAP, DB_TIME_LEFT, DB_STATUS, DB_PACE = "Gap", "Time Left", "Status", "Pace Needed"
STATUS_COLUMNS = (DB_MEASURE, DB_STATUS, DB_NOW, DB_GOAL, DB_COUNT, DB_GAP, DB_TIME_LEFT, DB_BY, DB_PACE)


def status_table(assessed: list[Assessed], as_of: date) -> DashboardTable:
    rows = [
        {
            DB_MEASURE: a.goal.measure,
            DB_NOW: a.share,
            DB_COUNT: f"{a.goal.achieved:,} of {a.goal.base:,}",
            DB_GOAL: a.goal.target,
            DB_BY: a.goal.deadline,
            DB_GAP: gap_text(a),
            DB_TIME_LEFT: time_text(a, as_of),
            DB_STATUS: a.status,
            DB_PACE: pace_text(a),
        }
        for a in assessed
    ]
    frame = pd.DataFrame(rows, columns=list(STATUS_COLUMNS), dtype=object)
    frame = frame.where(frame.notna(), None).map(lambda v: None if v == "" else v)
    note = (
        "Each target against the straight line from the start of its period to its due date: "
        "On track at or ahead of it, At risk a little behind, Behind further behind or past due, Met when reached."
    )
    return DashboardTable(
        T_STATUS, frame, percent_columns=(DB_NOW, DB_GOAL), status_column=DB_STATUS, note=note
    )


def headline(assessed: list[Assessed], as_of: date) -> str:
    """ "31 July 2015: 2 of 10 targets met, 3 on track, 2 at risk, 3 behind (Year 1 coverage, ...)."""
    counts = Counter(a.status for a in assessed)
    parts = [f"{counts[w]} {w.lower()}" for w in reversed(STATUS_ORDER) if counts[w]]
    behind = [a.goal.measure for a in assessed if a.status == L.BEHIND]
    tail = f". Behind: {', '.join(behind)}." if behind else "."
    return f"{as_of.day} {as_of:%B %Y}: of {len(assessed)} targets, " + ", ".join(parts) + tail


def summary(tables: list[DashboardTable]) -> list[Summary]:
    """What needs doing now: each action list's count, pointing at the list."""
    labels = {
        "Overdue": "Repeat visits and follow-ups overdue",
        "Follow-ups due": "",
        "Never visited": "Open schools never visited in the plan",
        "Rating fell": "Schools whose rating fell",
        "Declined": "Schools that declined or did not respond",
    }
    out = []
    for table in tables:
        label = next(
            (text or table.title for start, text in labels.items() if table.title.startswith(start)), ""
        )
        if label:
            out.append(Summary(label, table.total, table.title))
    return out
