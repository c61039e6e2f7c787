"""What this workbook lacks of the current contract, worked out from the contract's own
definitions: the sheets, columns, pick lists and settings a new workbook gets (layout.py, the
settings' defaults, the new-workbook builder's Lists), never from a list of what changed.

Only what is missing is planned: a sheet by name, a column by header, a setting by its name
in the Setting column, a pick list by its header on Lists. Nothing present is ever changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from smep_xl import layout as L
from smep_xl.adapters.new_workbook import rules
from smep_xl.adapters.xlsx.structure import TableInfo, tables
from smep_xl.ooxml.cells import Plain, plain


@dataclass(frozen=True)
class SheetTarget:
    name: str
    inputs: tuple[str, ...]  # input columns a workbook must have, in the contract's order
    computed: tuple[str, ...]
    rows: pd.DataFrame | None = None  # a new sheet's first rows (default criteria, lists, settings)


@dataclass(frozen=True)
class Addition:
    """One thing upgrade adds; line() is how it is reported."""

    kind: str  # sheet, input column, computed column, setting, pick list, version
    sheet: str = ""
    name: str = ""
    detail: str = ""

    def line(self) -> str:
        where = f"{self.sheet}: " if self.sheet else ""
        what = f"{self.kind} '{self.name}'" if self.name else self.kind
        return f"{where}{what}" + (f" ({self.detail})" if self.detail else "")


@dataclass
class Plan:
    additions: list[Addition] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # what upgrade cannot add, and why

    def add(self, kind: str, sheet: str = "", name: str = "", detail: str = "") -> None:
        self.additions.append(Addition(kind, sheet, name, detail))


def targets() -> dict[str, SheetTarget]:
    """Every sheet of the contract as a new workbook has it (Visits' criterion columns are the
    workbook's own, named on its Criteria sheet: never added here)."""
    from smep_xl.demo import blank_frames

    frames = blank_frames()
    visits = L.visits_spec(())
    specs = {
        **{name: (spec.inputs, spec.computed) for name, spec in L.FIXED_SPECS.items()},
        L.VISITS: (visits.inputs, visits.computed),
        L.LISTS: (tuple(rules.LISTS_LAYOUT), ()),
    }
    return {name: SheetTarget(name, *specs.get(name, ((), ())), frames.get(name)) for name in L.SHEET_ORDER}


def default_settings() -> list[tuple[str, object]]:
    from smep_xl.demo import blank_frames

    frame = blank_frames()[L.SETTINGS]
    return [(str(name), plain(value)) for name, value in zip(frame[L.SET_NAME], frame[L.SET_VALUE])]


def default_list(column: str) -> list[Plain]:
    from smep_xl.demo import blank_frames

    frame = blank_frames()[L.LISTS]
    return [v for v in map(plain, frame[column]) if v is not None] if column in frame.columns else []


def table_of(book, sheet: str) -> TableInfo | None:
    """The sheet's Excel table named like it (or its only table), from the table part alone."""
    part = book.sheet_part(sheet)
    if part is None:
        return None
    found = tables(book.pkg, part)
    wanted = [t for t in found if t.name.lower() == L.table_name(sheet).lower()]
    chosen = wanted or found
    return chosen[0] if chosen else None


def plan_columns(plan: Plan, target: SheetTarget, info: TableInfo) -> None:
    have = set(info.columns)
    for column in target.inputs:
        if column in have:
            continue
        if target.name == L.LISTS:
            plan.add("pick list", target.name, column, "a new Lists column with its values")
        else:
            plan.add("input column", target.name, column, "at the end of the input columns")
    for column in target.computed:
        if column not in have:
            plan.add("computed column", target.name, column, "at the end of the table")
