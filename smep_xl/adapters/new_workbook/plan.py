"""How each sheet of a new workbook looks and prints: its columns, their widths (long text wraps,
short numbers sit centred under their headers), frozen panes, and how many pages wide it prints
(frame.py registers the cell styles and applies the print setup)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from smep_xl import layout as L
from smep_xl.adapters.xlsx.print_setup import OUTPUT_WIDTHS, OUTPUT_WRAPS
from smep_xl.domain.setting_specs import FRACTION, SPECS
from smep_xl.ooxml.refs import column_letter

INPUT_HEADER_FILL, COMPUTED_HEADER_FILL = "1F4E78", "375623"  # dark blue; dark green
MIN_EXTENT = 5000  # validation and formats reach at least this row, for rows staff add

# Long text: these columns wrap, at this width.
WRAP_WIDTHS = {
    L.OBJECTIVES: {
        L.OBJ_TEXT: 22,
        L.OBJ_ACTION: 32,
        L.OBJ_RESOURCES: 26,
        L.OBJ_LEADS: 14,
        L.OBJ_TARGET: 40,
        L.OBJ_BY_WHEN: 14,
        L.OBJ_MONITOR: 12,
        L.OBJ_BUDGET: 16,
        L.OBJ_NEXT_YEAR: 28,
        L.OBJ_NOTES: 32,
        L.OBJ_MEASURE: 20,
        L.OBJ_MEASURED: 17,
        L.OBJ_FINDINGS: 32,
    },
    L.SCHOOLS: {
        L.SCH_NAME: 32,
        L.SCH_PHASE: 12,
        L.SCH_TYPE: 24,
        L.SCH_AREA: 22,
        L.SCH_ADDRESS: 24,
        L.SCH_MUSIC_LEAD: 18,
        L.SCH_SLE: 16,
        L.SCH_MDP_LINK: 28,
        L.SCH_NOTES: 36,
    },
    L.VISITS: {L.VIS_TYPE: 14, L.VIS_STRENGTHS: 40, L.VIS_AREAS: 40, L.VIS_ACTIONS: 40, L.VIS_SUPPORT: 36},
    L.CRITERIA: {L.CRI_DESCRIPTION: 60},
    L.LISTS: {L.LIST_ROLE: 44, L.LIST_MEASURE: 32},
    L.SETTINGS: {L.SET_VALUE: 50},
}
# Columns whose content is known before it is written: fixed widths (the output sheets, which
# start empty, take theirs from OUTPUT_WIDTHS, as a sheet the file adapter adds does).
FIXED_WIDTHS = {
    **OUTPUT_WIDTHS,
    L.OBJECTIVES: {L.OBJ_DUE: 12, L.OBJ_DAYS_LEFT: 8},
    L.SCHOOLS: {L.SCH_LAST_VISIT: 12, L.SCH_NEXT_DUE: 12, L.SCH_LAST_LETTER: 12, L.SCH_MDP_REVIEW: 12},
    L.VISITS: {L.VIS_DATE: 12, L.VIS_FOLLOW_UP: 12},
}
# Short numbers and flags: centred under their headers (and Visits' score columns too).
CENTRED = {
    L.OBJECTIVES: (L.OBJ_NO, L.OBJ_REF, L.OBJ_PROGRESS, L.OBJ_BRAG, L.OBJ_DAYS_LEFT, L.OBJ_MEASURED_PROGRESS),
    L.SCHOOLS: (
        L.SCH_URN, L.SCH_STATUS, L.SCH_COHORT, L.SCH_AWARD_APPLIED, L.SCH_MUSIC_IN_SDP, L.SCH_FIRST_ACCESS,
        L.SCH_MDP, L.SCH_VISITS, L.SCH_RAG, L.SCH_PREV_RAG, L.SCH_TARGETED,
    ),
    L.VISITS: (L.VIS_URN, L.VIS_SEND, L.VIS_SCORE, L.VIS_RAG),
    L.CRITERIA: (L.CRI_WEIGHT, L.CRI_KEY),
    L.LISTS: (L.LIST_COUNTS_AS_VISIT, L.LIST_SCORED),
    L.FINDINGS: (L.FND_SEVERITY, L.FND_CELL, L.FND_ROW),
    L.LETTER_LOG: (L.LOG_URN, L.LOG_VISIT, L.LOG_STATUS),
}  # fmt: skip
FREEZE = {L.OBJECTIVES: "D2", L.SCHOOLS: "C2", L.VISITS: "C2"}  # wide sheets keep their key columns
PERCENT_SETTINGS = frozenset(spec.name for spec in SPECS if spec.kind == FRACTION)
DATETIME_COLUMNS = {(L.LETTER_LOG, L.LOG_AT)}
PAGE_PX = 1045  # A4 landscape inside the margins, at 96 pixels an inch
READABLE = 0.6  # the smallest print scale a sheet is shrunk to; wider sheets print more pages across


@dataclass
class SheetPlan:
    name: str
    columns: list[str]
    computed: frozenset[str]
    frame: pd.DataFrame  # one column per header, in order
    criteria: tuple[str, ...] = ()  # Visits' score columns

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
        return column in WRAP_WIDTHS.get(self.name, {}) or column in OUTPUT_WRAPS.get(self.name, ())

    def centred(self, column: str) -> bool:
        return column in CENTRED.get(self.name, ()) or column in self.criteria

    def width(self, column: str) -> float:
        fixed = WRAP_WIDTHS.get(self.name, {}).get(column) or FIXED_WIDTHS.get(self.name, {}).get(column)
        if fixed:
            return float(fixed)
        longest = max(len(w) for w in column.split()) + 3  # headers wrap at spaces
        if column in self.frame.columns:
            for value in self.frame[column].head(300):
                if value is not None and value == value:
                    longest = max(longest, max(len(line) for line in str(value).split("\n")) + 2)
        return float(min(max(longest, 8), 40))

    def header_widths(self) -> list[float]:
        return [self.width(c) for c in self.columns]

    @property
    def title_columns(self) -> str:
        """The key columns repeated at the left of every page of a sheet printed several pages
        across (those the frozen pane keeps in view): "A:B", or "" for none."""
        frozen = FREEZE.get(self.name)
        return f"A:{column_letter(int(ord(frozen[0]) - ord('A')))}" if frozen else ""

    def pages_wide(self) -> int:
        """1 when the sheet reads at READABLE scale on one page (or has no key columns to
        repeat); else the fewest pages across (each repeating the key columns) that keep it
        at least that large."""
        if self.name not in FREEZE:  # no key columns to repeat: one page wide, however small
            return 1
        px = [_px(self.width(c)) for c in self.columns]
        keys = sum(px[: ord(FREEZE[self.name][0]) - ord("A")]) if self.name in FREEZE else 0
        for pages in range(1, 10):
            per_page = keys + (sum(px) - keys) / pages if pages > 1 else sum(px)
            if PAGE_PX / per_page >= READABLE:
                return pages
        return 10


def _px(width: float) -> int:
    return int(math.floor(width * 7 + 5))


def plan_for(name: str, spec: L.SheetSpec, frame: pd.DataFrame | None) -> SheetPlan:
    """The contract's columns in order, then any extra columns the frame brings."""
    columns = list(spec.columns)
    if frame is None:
        frame = pd.DataFrame(columns=columns, dtype=object)
    columns += [str(c) for c in frame.columns if str(c) not in columns]
    shaped = frame.reindex(columns=columns).astype(object)
    criteria = ()
    if name == L.VISITS:
        criteria = tuple(c for c in spec.inputs if c not in L.VISIT_LEAD_COLUMNS + L.VISIT_TAIL_COLUMNS)
    return SheetPlan(name, columns, frozenset(spec.computed), shaped, criteria)
