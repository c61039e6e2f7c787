"""Merge a GIAS extract into the Schools table by URN, as a plan of cell changes and new rows.

Rules: a school already in Schools gets its GIAS-owned cells brought up to date (wherever its
LA is), except that a blank in GIAS never empties a cell; the hub's columns are never
written. Open state schools in the hub's LAs that Schools does not have yet are added. A
school GIAS has closed is marked Closed and otherwise left as it was, with its visits.
Nothing here writes: the plan is applied by the import action.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import cast

import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.findings import Finding
from smep_xl.domain.gias import extract as G
from smep_xl.domain.gias import notes as N
from smep_xl.domain.gias.rules import GIAS_OWNED, available, is_state_school, school_values, status_of
from smep_xl.domain.values import as_number, is_blank, row_number, text
from smep_xl.errors import SmepError
from smep_xl.ooxml.refs import column_letter

WRITTEN = (L.SCH_URN, *GIAS_OWNED)  # URN only into an empty row that a new school fills
COUNT_KEYS = ("added", "updated", "closed", "unchanged", "not_found", "not_added", "successors")


@dataclass
class MergePlan:
    changes: dict[int, dict[str, object]]  # worksheet row -> {Schools column: new value, never None}
    new_rows: pd.DataFrame  # Schools input columns; index = the rows they are expected to take
    findings: list[Finding]
    counts: dict[str, int]
    la_codes: tuple[str, ...] = ()
    old: dict[int, dict[str, object]] = field(default_factory=dict)  # the values being replaced

    @property
    def has_changes(self) -> bool:
        return bool(self.changes) or len(self.new_rows) > 0

    @property
    def updates(self) -> pd.DataFrame:
        """Changed cells by row and column; a cell that is not changing is None here."""
        columns = [c for c in WRITTEN if any(c in cells for cells in self.changes.values())]
        rows = sorted(self.changes)
        data = [[self.changes[r].get(c) for c in columns] for r in rows]
        return pd.DataFrame(data, index=rows, columns=columns, dtype=object)

    def column_updates(self) -> list[pd.DataFrame]:
        """One single-column frame per changed column, holding only the rows that change."""
        frames = []
        for column in WRITTEN:
            rows = sorted(r for r, cells in self.changes.items() if column in cells)
            if rows:
                values = [self.changes[r][column] for r in rows]
                frames.append(pd.DataFrame({column: values}, index=rows, dtype=object))
        return frames


def merge_schools(
    schools: pd.DataFrame,
    extract: G.GiasExtract,
    la_codes: Iterable[str] | str,
    *,
    phases: Sequence[str] = (),
    first_column: int = 1,
) -> MergePlan:
    """Plan the merge of `extract` into the Schools frame (index = worksheet rows)."""
    codes = _checked_codes(la_codes, extract)
    if L.SCH_URN not in schools.columns:
        raise SmepError(
            f"The {L.SCHOOLS} sheet has no '{L.SCH_URN}' column, so schools cannot be "
            "matched to GIAS. Put the header back in row 1."
        )
    merge = _Merge(schools, extract, phases, first_column)
    merge.update_existing()
    merge.add_new(codes)
    merge.report_successions()
    return MergePlan(
        merge.changes, merge.new_frame(), merge.notes() + merge.findings, merge.counts, codes, merge.old
    )


def _checked_codes(la_codes: Iterable[str] | str, extract: G.GiasExtract) -> tuple[str, ...]:
    codes = G.parse_la_codes(la_codes if isinstance(la_codes, str) else list(la_codes))
    if not codes:
        raise SmepError(
            f"No local authority chosen: give --la CODE (e.g. --la 855) or put the codes "
            f"in the {L.SETTINGS} row '{L.S_LA_CODES}'."
        )
    known = {_code(v) for v in extract.frame[G.LA_CODE]}
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise SmepError(
            f"LA code {', '.join(unknown)} matches no establishment in {extract.name}: "
            "check the code (GIAS 'LA (code)', e.g. 855) or download the full file."
        )
    return codes


def _code(value: object) -> str:
    s = str(value).strip()
    return str(int(s)) if s.isdigit() else s


def _urn(value: object) -> int | None:
    n = as_number(value)
    return int(n) if n is not None and math.isfinite(n) and n == int(n) and n > 0 else None


class _Merge:
    """The working state of one merge; each step adds changes, rows, findings and counts."""

    def __init__(self, schools: pd.DataFrame, extract: G.GiasExtract, phases: Sequence[str], first: int):
        self.schools, self.extract, self.phases = schools, extract, tuple(phases)
        present = set(extract.frame.columns)
        self.columns = tuple(c for c in available(present) if c in schools.columns)
        self.letters = {c: column_letter(first + i) for i, c in enumerate(schools.columns)}
        self.changes: dict[int, dict[str, object]] = {}
        self.old: dict[int, dict[str, object]] = {}
        self.findings: list[Finding] = []
        self.counts = dict.fromkeys(COUNT_KEYS, 0)
        self.rows_of: dict[int, list[int]] = {}
        self.closed_now: dict[int, int] = {}  # URN -> row, marked Closed in this run
        self.added: dict[int, int] = {}  # URN -> expected row of the new school
        self.new_records: list[dict[str, object]] = []
        self.records: dict[int, dict[str, object]] = {}

    def cell(self, row: int, column: str) -> str:
        return f"{self.letters.get(column, 'A')}{row}"

    def record(self, urn: int) -> dict[str, object]:
        return self.records[urn]

    def _load(self, urns: Iterable[int]) -> None:
        """Fetch the GIAS rows needed in one pass (row-by-row lookups are slow on 50,000 rows)."""
        wanted = sorted(set(urns) - set(self.records))
        if wanted:
            found = self.extract.frame.loc[wanted].to_dict("index")
            self.records.update(cast(dict[int, dict[str, object]], found))  # indexed by URN, named columns

    def update_existing(self) -> None:
        urns = {row: _urn(value) for row, value in self.schools[L.SCH_URN].items() if not is_blank(value)}
        self._load(u for u in urns.values() if u in self.extract.lines)
        for row, urn in urns.items():
            value = self.schools.at[row, L.SCH_URN]
            if urn is None or urn not in self.extract.lines:
                self.counts["not_found"] += 1
                self.findings.append(N.not_found(self, row_number(row), value))
                continue
            self.rows_of.setdefault(urn, []).append(row_number(row))
            if len(self.rows_of[urn]) == 2:
                self.findings.append(N.duplicate(self, urn, self.rows_of[urn]))
            self._update_row(row_number(row), urn)

    def _update_row(self, row: int, urn: int) -> None:
        record = self.record(urn)
        current = self.schools.loc[row]
        wanted = school_values(record, self.columns, self.phases)
        if wanted.get(L.SCH_STATUS) == L.CLOSED:  # GIAS blanks a closed school's head: keep the history
            wanted = {L.SCH_STATUS: L.CLOSED}
        # A blank in GIAS never empties a cell: it is a gap in GIAS, not news.
        diff = {c: v for c, v in wanted.items() if v is not None and text(current.get(c)) != text(v)}
        if not diff:
            self.counts["unchanged"] += 1
            return
        self.changes[row] = diff
        self.old[row] = {c: current.get(c) for c in diff}
        if diff.get(L.SCH_STATUS) == L.CLOSED:
            self.counts["closed"] += 1
            self.closed_now[urn] = row
            self.findings.append(N.closed(self, row, urn, record))
        else:
            self.counts["updated"] += 1
            self.findings.append(N.updated(self, row, urn, record, self.old[row], diff))

    def add_new(self, codes: tuple[str, ...]) -> None:
        frame = self.extract.frame
        in_area = [int(u) for u, v in zip(frame.index, frame[G.LA_CODE]) if _code(v) in codes]
        self._load(in_area)
        empty = self._empty_rows_at_end()
        next_row = (int(self.schools.index.max()) + 1) if len(self.schools) else 2
        for urn in sorted(in_area):
            record = self.record(urn)
            if urn in self.rows_of or status_of(record) != L.OPEN:
                continue
            if not is_state_school(record):
                self.counts["not_added"] += 1
                continue
            values = {
                L.SCH_URN: urn,
                **school_values(record, self.columns, self.phases),
                L.SCH_STATUS: L.OPEN,
            }
            if empty:  # fill the table's empty last rows before growing it
                row = empty.pop(0)
                self.changes[row] = {c: v for c, v in values.items() if v is not None}
                self.old[row] = {}
            else:
                row, next_row = next_row, next_row + 1
                self.new_records.append(values)
            self.added[urn] = row
            self.counts["added"] += 1
            self.findings.append(N.added(self, row, urn, record))

    def _empty_rows_at_end(self) -> list[int]:
        """Rows at the bottom of the table with nothing in any input column (a new table's blank row)."""
        inputs = [c for c in L.SCHOOLS_SPEC.inputs if c in self.schools.columns]
        empty: list[int] = []
        for row in reversed(self.schools.index):
            if not all(is_blank(v) for v in self.schools.loc[row, inputs]):
                break
            empty.insert(0, int(row))
        return empty

    def report_successions(self) -> None:
        for old, new in sorted(self.extract.successions()):
            if old in self.closed_now or new in self.added:
                self.counts["successors"] += 1
                self.findings.append(N.successor(self, old, new))

    def new_frame(self) -> pd.DataFrame:
        columns = list(L.SCHOOLS_SPEC.inputs)
        rows = [[record.get(c) for c in columns] for record in self.new_records]
        index = [self.added[cast(int, record[L.SCH_URN])] for record in self.new_records]  # as added
        return pd.DataFrame(rows, index=index, columns=columns, dtype=object)

    def notes(self) -> list[Finding]:
        return N.left_alone(self, self.columns)
