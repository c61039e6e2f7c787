"""Reading the History sheet back, as far as it can be read (docs/history.md).

History is Python's, but staff can still edit it: delete rows, type over a figure, rename a
header. Nothing here raises on what a person typed. A row without a readable label, as-of date
or kind is left out; a number cell holding text is read as blank; each with a finding that
names the cell. What is left is every snapshot in date order, its measures and its schools.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.findings import WARNING, Finding
from smep_xl.domain.values import as_date, as_number, is_blank, text
from smep_xl.ooxml.refs import column_letter

NUMBERS = (L.HIS_FIGURE, L.HIS_COUNTED, L.HIS_BASE, L.HIS_TARGET, L.HIS_VISITS)


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
    """frame: the History table as read (index = worksheet rows). Column by column, so a History
    of many snapshots of a national-size hub reads in well under a second."""
    findings: list[tuple[int, int, Finding]] = []  # (row, column order, finding): sheet order
    columns = list(frame.columns)
    raw = frame.copy()
    frame = frame.copy()
    for name in L.HISTORY_SPEC.columns:
        if name not in frame.columns:
            frame[name] = None

    def cell(row: int, name: str) -> str:
        where = columns.index(name) if name in columns else len(columns)
        return f"{column_letter(first_column + where)}{row}"

    frame = frame[list(L.HISTORY_SPEC.columns)].astype(object)
    rows = frame.index.tolist()
    cols = {name: frame[name].tolist() for name in frame.columns}
    why = _unreadable_rows(cols)  # an all-blank row has no label: only those need the full check
    left_out = [
        i for i, w in enumerate(why) if w is not None and not all(is_blank(c[i]) for c in cols.values())
    ]
    keep = [i for i, w in enumerate(why) if w is None]
    for i in left_out:
        reason_of = why[i]
        assert reason_of is not None  # left_out holds only rows with a reason
        name, reason = reason_of
        finding = _finding(rows[i], cell(rows[i], name), name, "history.row.unreadable", reason)
        findings.append((rows[i], 0, finding))
    out = dict(cols) if len(keep) == len(rows) else {name: [cols[name][i] for i in keep] for name in cols}
    for order, name in enumerate(NUMBERS, 1):
        out[name] = _numbers(out[name], [rows[i] for i in keep], name, cell, order, findings)
    out[L.HIS_AS_OF] = _each(out[L.HIS_AS_OF], as_date)
    out[L.HIS_SNAPSHOT] = _each(out[L.HIS_SNAPSHOT], text)
    out[L.HIS_KIND] = _each(out[L.HIS_KIND], lambda v: text(v).capitalize())
    read = pd.DataFrame(
        out, index=[rows[i] for i in keep], columns=list(L.HISTORY_SPEC.columns), dtype=object
    )
    read = read.where(read.notna(), None)
    findings.sort(key=lambda f: (f[0], f[1]))
    ordered = [_missing(n) for n in L.HISTORY_SPEC.columns if n not in columns] + [f for _, _, f in findings]
    return History(read, _snapshots(read), ordered, raw)


def _numbers(
    values: list[object],
    rows: list[int],
    name: str,
    cell: Callable[[int, str], str],
    order: int,
    findings: list[tuple[int, int, Finding]],
) -> list[float | None]:
    """Numbers as float, blanks as None; text that is not a number is None, with a finding."""
    out: list[float | None] = [
        float(v) if (type(v) is float and v == v) or type(v) is int else None for v in values
    ]
    for i, value in enumerate(values):
        if out[i] is not None or value is None:
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value == value:
            out[i] = float(value)  # a numpy number
            continue
        number = None if is_blank(value) else as_number(value)
        if number is None and not is_blank(value):
            findings.append((rows[i], order, _not_number(rows[i], cell(rows[i], name), name, value)))
        out[i] = number
    return out


def _unreadable_rows(cols: dict[str, list[object]]) -> list[tuple[str, str] | None]:
    """(column, why) for each row that cannot be placed in any snapshot, else None."""
    no_label = _each(cols[L.HIS_SNAPSHOT], is_blank)
    no_date = _each(cols[L.HIS_AS_OF], lambda v: as_date(v) is None)
    no_kind = _each(cols[L.HIS_KIND], lambda v: text(v).capitalize() not in (L.KIND_MEASURE, L.KIND_SCHOOL))
    return [
        (L.HIS_SNAPSHOT, "it has no Snapshot label")
        if label
        else (L.HIS_AS_OF, "its As Of is not a date")
        if day
        else (L.HIS_KIND, "its Kind is neither Measure nor School")
        if kind
        else None
        for label, day, kind in zip(no_label, no_date, no_kind, strict=True)
    ]


def _each(values: list[object], convert: Callable[[object], object]) -> list[object]:
    """convert() of each value, worked out once per distinct value and type (a History column
    repeats a few labels, dates and kinds down tens of thousands of rows)."""
    keys = list(zip(map(type, values), values))
    try:
        found = dict.fromkeys(keys)
    except TypeError:  # an unhashable value: each converted in turn
        return [convert(v) for v in values]
    for key in found:
        found[key] = convert(key[1])
    return list(map(found.__getitem__, keys))


def _snapshots(rows: pd.DataFrame) -> list[Snapshot]:
    """Each label once, at the as-of date of its first row; oldest first (ties: sheet order)."""
    seen: dict[str, Snapshot] = {}
    for label, day in zip(rows[L.HIS_SNAPSHOT].tolist(), rows[L.HIS_AS_OF].tolist(), strict=True):
        if label not in seen:
            seen[label] = Snapshot(label, day)
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
