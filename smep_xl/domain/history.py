"""Reading the History sheet back, as far as it can be read (docs/history.md).

History is Python's, but staff can still edit it: delete rows, type over a figure, rename a
header. Nothing here raises on what a person typed. A row without a readable label, as-of date
or kind is left out; a number cell holding text is read as blank; each with a finding that
names the cell. What is left is every snapshot in date order, its measures and its schools.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.findings import WARNING, Finding
from smep_xl.domain.values import as_date, as_number, is_blank, text
from smep_xl.ooxml.refs import column_letter

NUMBERS = (L.HIS_FIGURE, L.HIS_COUNTED, L.HIS_BASE, L.HIS_TARGET, L.HIS_VISITS)
NEEDED = (L.HIS_SNAPSHOT, L.HIS_AS_OF, L.HIS_KIND, L.HIS_NAME)


@dataclass(frozen=True)
class Snapshot:
    label: str
    as_of: date


@dataclass
class History:
    rows: pd.DataFrame  # the readable rows, every History column, numbers as float or None
    snapshots: list[Snapshot] = field(default_factory=list)  # by as-of date, oldest first
    findings: list[Finding] = field(default_factory=list)
    raw: pd.DataFrame | None = None  # every row as read, kept for writing back unchanged

    def labels(self) -> set[str]:
        return {s.label.casefold() for s in self.snapshots}

    def of(self, label: str, kind: str) -> pd.DataFrame:
        rows = self.rows
        return rows[(rows[L.HIS_SNAPSHOT] == label) & (rows[L.HIS_KIND] == kind)]


def empty_history() -> History:
    empty = pd.DataFrame(columns=list(L.HISTORY_SPEC.columns), dtype=object)
    return History(empty, raw=empty)


def kept_rows(history: History, dropped: str = "") -> pd.DataFrame:
    """Every row as read (a row edited by hand goes back as it is), less those labelled dropped;
    History's columns first, then any a person added."""
    raw = history.raw if history.raw is not None else history.rows
    columns = list(dict.fromkeys([*L.HISTORY_SPEC.columns, *raw.columns]))
    out = raw.reindex(columns=columns).reset_index(drop=True)
    if dropped:
        labels = [text(v).casefold() for v in out[L.HIS_SNAPSHOT].tolist()]
        out = out[[label != dropped.casefold() for label in labels]]
    return out


def read_history(frame: pd.DataFrame, first_column: int = 1) -> History:
    """frame: the History table as read (index = worksheet rows)."""
    findings: list[Finding] = []
    columns = list(frame.columns)
    raw = frame.copy()
    frame = frame.copy()
    for name in L.HISTORY_SPEC.columns:
        if name not in frame.columns:
            findings.append(_missing(name))
            frame[name] = None

    def cell(row: int, name: str) -> str:
        where = columns.index(name) if name in columns else len(columns)
        return f"{column_letter(first_column + where)}{row}"

    keep, records = [], frame[list(L.HISTORY_SPEC.columns)].astype(object).to_dict("index")
    for row, record in records.items():
        if all(is_blank(v) for v in record.values()):
            continue
        why = _unreadable(record)
        if why:
            findings.append(_finding(row, cell(row, why[0]), why[0], "history.row.unreadable", why[1]))
            continue
        for name in NUMBERS:
            value = record[name]
            number = None if is_blank(value) else as_number(value)
            if number is None and not is_blank(value):
                findings.append(_not_number(row, cell(row, name), name, value))
            record[name] = number
        record[L.HIS_AS_OF] = as_date(record[L.HIS_AS_OF])
        record[L.HIS_SNAPSHOT] = text(record[L.HIS_SNAPSHOT])
        record[L.HIS_KIND] = text(record[L.HIS_KIND]).capitalize()
        keep.append(row)
    rows = pd.DataFrame.from_dict({r: records[r] for r in keep}, orient="index", dtype=object)
    rows = rows.reindex(columns=list(L.HISTORY_SPEC.columns)).astype(object)
    rows = rows.where(rows.notna(), None)
    return History(rows, _snapshots(rows), findings, raw)


def _unreadable(record: dict) -> tuple[str, str] | None:
    """(column, why) for a row that cannot be placed in any snapshot."""
    if is_blank(record[L.HIS_SNAPSHOT]):
        return L.HIS_SNAPSHOT, "it has no Snapshot label"
    if as_date(record[L.HIS_AS_OF]) is None:
        return L.HIS_AS_OF, "its As Of is not a date"
    if text(record[L.HIS_KIND]).capitalize() not in (L.KIND_MEASURE, L.KIND_SCHOOL):
        return L.HIS_KIND, "its Kind is neither Measure nor School"
    return None


def _snapshots(rows: pd.DataFrame) -> list[Snapshot]:
    """Each label once, at the as-of date of its first row; oldest first (ties: sheet order)."""
    seen: dict[str, Snapshot] = {}
    for label, day in zip(rows[L.HIS_SNAPSHOT].tolist(), rows[L.HIS_AS_OF].tolist(), strict=True):
        seen.setdefault(label, Snapshot(label, day))
    return sorted(seen.values(), key=lambda s: s.as_of)


def _missing(name: str) -> Finding:
    return Finding(
        WARNING,
        L.HISTORY,
        "",
        None,
        name,
        "history.column.missing",
        f"The History sheet has no '{name}' column; it is read as blank.",
        f"Put the header '{name}' back in the History table's header row.",
    )


def _finding(row: int, cell: str, name: str, code: str, why: str) -> Finding:
    return Finding(
        WARNING,
        L.HISTORY,
        cell,
        row,
        name,
        code,
        f"History row {row} is left out: {why}.",
        "History is written by snapshots: put the cell back as it was, or delete the row.",
    )


def _not_number(row: int, cell: str, name: str, value: object) -> Finding:
    return Finding(
        WARNING,
        L.HISTORY,
        cell,
        row,
        name,
        "history.number",
        f"{name} in History row {row} should be a number but reads '{text(value)}'; it is read as blank.",
        "Put the number back as the snapshot wrote it, or clear the cell.",
    )
