"""The words of a GIAS import: one info finding per change, in plain English, values quoted."""

from __future__ import annotations

from typing import Any

from smep_xl import layout as L
from smep_xl.domain.findings import INFO, WARNING, Finding
from smep_xl.domain.gias import extract as G
from smep_xl.domain.gias.rules import HUB_OWNED, SOURCES
from smep_xl.domain.values import as_number, text

ADDED, UPDATED, CLOSED = "import.added", "import.updated", "import.closed"
SUCCESSOR, NOT_FOUND = "import.successor", "import.not_found"
DUPLICATE, LEFT_ALONE = "import.duplicate_urn", "import.column_left_alone"


def _shown(value: object) -> str:
    return f"'{text(value)}'" if text(value) else "(blank)"


def _school(name: object, urn: int) -> str:
    return f"{text(name) or 'School'} (URN {urn})"


def changes_text(old: dict[str, object], new: dict[str, object]) -> str:
    """ "Head Last Name 'Smith' -> 'Khan'; Town (blank) -> 'Loughborough'"."""
    return "; ".join(
        f"{column} {_shown(old.get(column))} -> {_shown(value)}" for column, value in new.items()
    )


def _finding(
    m: Any,
    code: str,
    row: int | None,
    column: str,
    message: str,
    suggestion: str = "",
    severity: str = INFO,
    at: str = "",
) -> Finding:
    """`at` is the column whose cell the finding points to, when `column` is "" (several)."""
    cell = m.cell(row, at or column) if row else ""
    return Finding(severity, L.SCHOOLS, cell, row, column, code, message, suggestion)


def updated(
    m: Any, row: int, urn: int, record: dict[str, object], old: dict[str, object], new: dict[str, object]
) -> Finding:
    column = next(iter(new)) if len(new) == 1 else ""
    message = f"{_school(record.get(G.NAME), urn)}: {changes_text(old, new)}."
    return _finding(m, UPDATED, row, column, message, at=next(iter(new)))


def closed(m: Any, row: int, urn: int, record: dict[str, object]) -> Finding:
    when = f" on {text(record.get(G.CLOSE_DATE))}" if record.get(G.CLOSE_DATE) else ""
    reason = text(record.get(G.CLOSED_REASON))
    why = f" ({reason})" if reason and reason.lower() != "not applicable" else ""
    message = (
        f"{_school(record.get(G.NAME), urn)} closed{when}{why}: {L.SCH_STATUS} set to "
        f"{L.CLOSED}; the row, its other cells and its visits are kept."
    )
    return _finding(m, CLOSED, row, L.SCH_STATUS, message)


def added(m: Any, row: int, urn: int, record: dict[str, object]) -> Finding:
    facts = [text(record.get(c)) for c in (G.TYPE, G.PHASE, G.LA_NAME) if text(record.get(c))]
    pupils = as_number(record.get(G.PUPILS))
    if pupils is not None:
        facts.append(f"{int(pupils):,} pupils")
    if text(record.get(G.TRUST)):
        facts.append(f"trust: {text(record.get(G.TRUST))}")
    detail = f": {', '.join(facts)}" if facts else ""
    district = text(record.get(G.DISTRICT))
    area = f"{L.SCH_AREA} (GIAS district: {district})" if district else L.SCH_AREA
    return _finding(
        m,
        ADDED,
        row,
        L.SCH_URN,
        f"Added {_school(record.get(G.NAME), urn)}{detail}.",
        f"Fill in its {area}, {L.SCH_SLE} and {L.SCH_MUSIC_LEAD}.",
    )


def successor(m: Any, old: int, new: int) -> Finding:
    frame = m.extract.frame
    old_name = frame.at[old, G.NAME] if old in frame.index else ""
    new_name = frame.at[new, G.NAME] if new in frame.index else ""
    old_row = m.closed_now.get(old) or (m.rows_of.get(old) or [None])[0]
    new_row = m.added.get(new) or (m.rows_of.get(new) or [None])[0]
    where_old = f"is at row {old_row}" if old_row else f"is not in {L.SCHOOLS}"
    where_new = (
        f"is at row {new_row}" if new_row else "was not added (not an open state school in the hub's LAs)"
    )
    message = (
        f"{_school(old_name, old)} re-opened as {_school(new_name, new)}, as GIAS links them: "
        f"old URN {old} {where_old}, new URN {new} {where_new}."
    )
    suggestion = ""
    if old_row and new_row:
        hub = ", ".join(HUB_OWNED[:4])
        suggestion = (
            f"If it is the same school, copy the hub's columns ({hub}, ...) from row {old_row} "
            f"to row {new_row}; visits stay under URN {old}."
        )
    return _finding(m, SUCCESSOR, new_row or old_row, L.SCH_URN, message, suggestion)


def not_found(m: Any, row: int, value: object) -> Finding:
    name = text(m.schools.at[row, L.SCH_NAME]) if L.SCH_NAME in m.schools.columns else ""
    urn = text(value) if text(value).isdigit() else _shown(value)
    who = f"{name} (URN {urn})" if name else f"URN {urn}"
    return _finding(
        m,
        NOT_FOUND,
        row,
        L.SCH_URN,
        f"{who} is not in {m.extract.name}; the row was left as it was.",
        "Check the URN on Get Information About Schools.",
    )


def duplicate(m: Any, urn: int, rows: list[int]) -> Finding:
    return _finding(
        m,
        DUPLICATE,
        rows[1],
        L.SCH_URN,
        f"URN {urn} is in {L.SCHOOLS} twice (rows {rows[0]} and {rows[1]}); both rows were "
        "brought up to date.",
        "Delete or correct one of the rows.",
        WARNING,
    )


def left_alone(m: Any, columns: tuple[str, ...]) -> list[Finding]:
    """A note for each GIAS-owned column this import cannot fill, so staff know why."""
    out = []
    for column, sources in SOURCES.items():
        if column in columns:
            continue
        if column not in m.schools.columns:
            why = f"{L.SCHOOLS} has no '{column}' column"
        else:
            why = f"{m.extract.name} has no {' / '.join(repr(s) for s in sources)} column"
        out.append(_finding(m, LEFT_ALONE, None, column, f"{why}, so {column} was left as it was."))
    return out
