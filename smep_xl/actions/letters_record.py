"""Generate letters, the writing back: a Letter Log row per letter written (the log is history:
old rows are kept), the Visits Letter and Schools Last Letter columns; then save."""

from __future__ import annotations

import os
from datetime import date, datetime

import pandas as pd

from smep_xl import layout as L
from smep_xl.actions.letters_plan import LetterTables, column
from smep_xl.domain.letters.plan import FEEDBACK, LetterJob
from smep_xl.workbook import Workbook

WRITTEN = "Written"


def record(
    book: Workbook,
    tables: LetterTables,
    written: list[LetterJob],
    template: str,
    shown_folder: str,
    day: date,
    stamp: datetime | None = None,
) -> None:
    """template: the template's file name; shown_folder: the letters folder as the log shows it;
    stamp: the rows' Generated At (default: now)."""
    book.write_output(L.LETTER_LOG, log_rows(tables, written, template, shown_folder, stamp))
    feedback = [job for job in written if job.kind == FEEDBACK]
    if feedback:
        book.write_columns(
            L.VISITS,
            pd.DataFrame(
                {L.VIS_LETTER: [j.file_name for j in feedback]}, index=[j.visit_row for j in feedback]
            ),
        )
        last = {j.school_row: day for j in feedback}
        book.write_columns(
            L.SCHOOLS, pd.DataFrame({L.SCH_LAST_LETTER: list(last.values())}, index=list(last))
        )
    book.save()


def log_rows(
    tables: LetterTables,
    written: list[LetterJob],
    template: str,
    shown_folder: str,
    stamp: datetime | None = None,
) -> pd.DataFrame:
    """The whole Letter Log: every old row, then one per letter written now."""
    now = stamp or datetime.now().replace(microsecond=0)
    schools, visits, log = tables.schools.frame, tables.visits.frame, tables.log
    urns = dict(zip(schools.index, column(schools, L.SCH_URN), strict=True))
    ids = dict(zip(visits.index, column(visits, L.VIS_ID), strict=True))
    rows = [
        {
            L.LOG_AT: now,
            L.LOG_URN: _plain(urns[job.school_row]),
            L.LOG_SCHOOL: job.school,
            L.LOG_VISIT: ids[job.visit_row] if job.kind == FEEDBACK else None,
            L.LOG_FILE: os.path.join(shown_folder, job.file_name),
            L.LOG_TEMPLATE: template,
            L.LOG_STATUS: WRITTEN,
        }
        for job in written
    ]
    columns = list(dict.fromkeys([*L.LETTER_LOG_SPEC.columns, *log.columns]))
    old = log.reindex(columns=columns).reset_index(drop=True)
    return pd.concat([old, pd.DataFrame(rows, columns=columns)], ignore_index=True)


def _plain(value: object) -> object:
    """A URN read as 100001.0 is written back as 100001."""
    return int(value) if isinstance(value, float) and value.is_integer() else value
