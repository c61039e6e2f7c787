"""What the Dashboard shows, as data: its answer, key figures, lists, tables and charts.

The domain fills one Dashboard; domain/dashboard_layout.py places it on the sheet, and each
workbook adapter draws that placement in its own way (SpreadsheetML parts on disk, blocks of
cells in a live Excel), so both show the same sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


def plain_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Python int / float / str cells, so writers and JSON see plain values."""
    columns = {}
    for name in frame.columns:
        values = frame[name].tolist()  # numpy scalars become int / float / bool
        if pd.api.types.is_bool_dtype(frame[name]):
            values = [int(v) for v in values]
        columns[name] = pd.Series(values, index=frame.index, dtype=object)
    return pd.DataFrame(columns, index=frame.index)


@dataclass(frozen=True)
class Chart:
    """A native chart over one of the dashboard's tables, titled with the question it answers."""

    kind: str  # "bar", "column", "pie", "line"
    title: str
    table: str  # title of a DashboardTable
    categories: str  # column of that table holding the labels
    values: tuple[str, ...]  # columns holding the series
    anchor: str = ""  # top-left cell; the layout places it when blank
    stacked: bool = False  # columns stacked (a series named Red/Amber/Green takes its colour)


@dataclass
class DashboardTable:
    title: str
    frame: pd.DataFrame
    rag_column: str = ""  # a column whose cells are coloured by their RAG word
    percent_columns: tuple[str, ...] = ()
    status_column: str = ""  # a column whose cells are coloured by their status word (On track...)
    link_column: str = ""  # a column whose cells link to the cell links names, row by row
    links: tuple[str, ...] = ()  # "Schools!B12", one per row of the frame
    note: str = ""  # one line under the title: what the list holds and how it is cut
    cap: int = 0  # the most rows a list shows (0: no cap)
    total: int = 0  # a list's rows before the cap
    more_rag_columns: tuple[str, ...] = ()  # further columns coloured by their RAG word
    total_row: bool = False  # the last row adds up the ones above it

    @property
    def rag_columns(self) -> tuple[str, ...]:
        return ((self.rag_column,) if self.rag_column else ()) + self.more_rag_columns


@dataclass(frozen=True)
class Summary:
    """One line of "What needs doing now": a count, and the list on the sheet that holds them."""

    label: str
    count: int
    table: str  # title of the DashboardTable it points at ("" for none)


@dataclass
class Dashboard:
    title: str
    subtitle: str = ""
    kpis: list[tuple[str, object, str]] = field(default_factory=list)  # label, value, note
    tables: list[DashboardTable] = field(default_factory=list)  # in the order the sheet shows them
    charts: list[Chart] = field(default_factory=list)
    headline: str = ""  # the answer to "are we on track?", in one sentence
    status: DashboardTable | None = None  # every target: figure, target, gap, time, pace, status
    summary: list[Summary] = field(default_factory=list)
