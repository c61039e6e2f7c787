"""What the Dashboard shows, as data: its key figures, tables and charts.

The domain fills one Dashboard; each workbook adapter draws it in its own way (SpreadsheetML
parts on disk, one block per table in a live Excel).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Chart:
    """A native chart over one of the dashboard's tables."""

    kind: str  # "bar", "column", "pie"
    title: str
    table: str  # title of a DashboardTable
    categories: str  # column of that table holding the labels
    values: tuple[str, ...]  # columns holding the series
    anchor: str = ""  # top-left cell; the adapter places it when blank


@dataclass
class DashboardTable:
    title: str
    frame: pd.DataFrame
    rag_column: str = ""  # a column whose cells are coloured by their RAG word
    percent_columns: tuple[str, ...] = ()


@dataclass
class Dashboard:
    title: str
    subtitle: str = ""
    kpis: list[tuple[str, object, str]] = field(default_factory=list)  # label, value, note
    tables: list[DashboardTable] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
