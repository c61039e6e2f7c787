"""How each sheet of a new workbook looks: its columns, widths and frozen panes (frame.py
registers the cell styles)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.setting_specs import FRACTION, SPECS
from smep_xl.ooxml.refs import column_letter

INPUT_HEADER_FILL, COMPUTED_HEADER_FILL = "1F4E78", "375623"  # dark blue; dark green
MIN_EXTENT = 5000  # validation and formats reach at least this row, for rows staff add

# Long text: these columns wrap, at this width.
WRAP_WIDTHS = {
    L.OBJECTIVES: {
        L.OBJ_TEXT: 28,
        L.OBJ_ACTION: 40,
        L.OBJ_RESOURCES: 34,
        L.OBJ_LEADS: 16,
        L.OBJ_TARGET: 50,
        L.OBJ_BY_WHEN: 16,
        L.OBJ_MONITOR: 14,
        L.OBJ_BUDGET: 22,
        L.OBJ_NEXT_YEAR: 36,
        L.OBJ_NOTES: 36,
        L.OBJ_FINDINGS: 40,
    },
    L.SCHOOLS: {L.SCH_NOTES: 40},
    L.VISITS: {L.VIS_STRENGTHS: 48, L.VIS_AREAS: 48, L.VIS_ACTIONS: 48, L.VIS_SUPPORT: 44},
    L.CRITERIA: {L.CRI_DESCRIPTION: 60},
    L.LISTS: {L.LIST_ROLE: 48},
    L.SETTINGS: {L.SET_VALUE: 50},
    L.FINDINGS: {L.FND_MESSAGE: 60, L.FND_SUGGESTION: 50},
}
FREEZE = {L.OBJECTIVES: "D2", L.SCHOOLS: "C2", L.VISITS: "C2"}  # wide sheets keep their key columns
PERCENT_SETTINGS = frozenset(spec.name for spec in SPECS if spec.kind == FRACTION)
DATETIME_COLUMNS = {(L.LETTER_LOG, L.LOG_AT)}


@dataclass
class SheetPlan:
    name: str
    columns: list[str]
    computed: frozenset[str]
    frame: pd.DataFrame  # one column per header, in order

    @property
    def rows(self) -> int:
        return len(self.frame)

    @property
    def inputs(self) -> list[str]:
        return [c for c in self.columns if c not in self.computed]

    @property
    def extent(self) -> int:
        """Last row that validation and formats cover."""
        return max(MIN_EXTENT, self.rows + 1001)

    @property
    def freeze(self) -> str:
        return FREEZE.get(self.name, "A2")

    def table_ref(self) -> str:
        return f"A1:{column_letter(len(self.columns))}{max(2, self.rows + 1)}"

    def wraps(self, column: str) -> bool:
        return column in WRAP_WIDTHS.get(self.name, {})

    def width(self, column: str) -> float:
        fixed = WRAP_WIDTHS.get(self.name, {}).get(column)
        if fixed:
            return fixed
        longest = len(column) + 3
        if column in self.frame.columns:
            for value in self.frame[column].head(300):
                if value is not None and value == value:
                    longest = max(longest, max(len(line) for line in str(value).split("\n")) + 2)
        return float(min(max(longest, 8), 40))


def plan_for(name: str, spec: L.SheetSpec, frame: pd.DataFrame | None) -> SheetPlan:
    """The contract's columns in order, then any extra columns the frame brings."""
    columns = list(spec.columns)
    if frame is None:
        frame = pd.DataFrame(columns=columns, dtype=object)
    columns += [str(c) for c in frame.columns if str(c) not in columns]
    shaped = frame.reindex(columns=columns).astype(object)
    return SheetPlan(name, columns, frozenset(spec.computed), shaped)
