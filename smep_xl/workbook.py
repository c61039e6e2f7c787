"""The workbook protocol: what an action may ask of a workbook, whoever holds it.

Implemented by the file adapter (adapters/xlsx/workbook.py, a workbook on disk), the live-Excel
adapter (adapters/live/workbook.py, through xlwings) and the in-memory fake (adapters/memory/workbook.py).
Every read returns a whole table; every write is one block; nothing reaches the workbook
until save(), so a failed action leaves it as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

import pandas as pd

from smep_xl.domain.dashboard_model import Chart, Dashboard, DashboardTable
from smep_xl.ooxml.refs import column_letter

__all__ = [
    "Chart",
    "ColumnsWrite",
    "Dashboard",
    "DashboardTable",
    "DashboardWrite",
    "HeldWrites",
    "InputsWrite",
    "OutputWrite",
    "Table",
    "Workbook",
    "Write",
]


@dataclass
class Table:
    """One Excel table as read: every column by its header, indexed by worksheet row number."""

    sheet: str
    frame: pd.DataFrame  # object columns; values are str, int, float, bool, datetime or None
    header_row: int = 1
    first_column: int = 1  # 1 = column A
    formulas: frozenset[str] = frozenset()  # cells ("F12") that hold a formula
    merged: tuple[str, ...] = ()  # merged ranges ("A2:C2") that touch the table

    def letter(self, column: str) -> str:
        """Column letter of a header, e.g. "F"."""
        return column_letter(self.first_column + list(self.frame.columns).index(column))

    def cell(self, row: int, column: str) -> str:
        return f"{self.letter(column)}{row}"

    @property
    def first_row(self) -> int:
        return self.header_row + 1


class Workbook(Protocol):
    """What actions need. Writes are held until save()."""

    label: str  # how to name the workbook to a person (its file name)

    def sheet_names(self) -> list[str]: ...

    def read_table(self, sheet: str) -> Table: ...

    def read_tables(self, sheets: Iterable[str]) -> dict[str, Table]:
        """Several tables by sheet name, in the order given (an adapter may read them side by side)."""

    def write_columns(self, sheet: str, frame: pd.DataFrame) -> None:
        """Set computed columns: frame index = worksheet rows, columns = computed headers."""

    def write_output(self, sheet: str, frame: pd.DataFrame, links: dict[int, str] | None = None) -> None:
        """Rewrite a Python-owned table whole (Findings, Letter Log).

        links maps a frame position (0-based row) to an in-workbook target ("Visits!F12") that
        the row's Cell column links to.
        """

    def write_dashboard(self, dashboard: Dashboard) -> None: ...

    def write_inputs(self, sheet: str, updates: pd.DataFrame, new_rows: pd.DataFrame) -> None:
        """Only for imports the user asked for: set input cells (updates, indexed by worksheet
        row) and append rows (new_rows) to the table, growing it in place."""

    def save(self) -> None: ...


@dataclass(frozen=True)
class ColumnsWrite:
    """Computed columns of a user table: frame index = worksheet rows, columns = headers."""

    sheet: str
    frame: pd.DataFrame


@dataclass(frozen=True)
class OutputWrite:
    """A Python-owned table rewritten whole; links: frame position -> "Visits!F12"."""

    sheet: str
    frame: pd.DataFrame
    links: Mapping[int, str]


@dataclass(frozen=True)
class DashboardWrite:
    dashboard: Dashboard


@dataclass(frozen=True)
class InputsWrite:
    """Input cells set and rows appended, only for imports the user asked for."""

    sheet: str
    updates: pd.DataFrame
    new_rows: pd.DataFrame


Write = ColumnsWrite | OutputWrite | DashboardWrite | InputsWrite


class HeldWrites:
    """The writes of the protocol, held in order until an adapter's save() applies them (and
    read_tables as one read_table after another, for adapters that cannot do better).

    Each is kept as a frozen Write holding copies of the frames, so an action that changes a
    frame after handing it over cannot change what is written."""

    def __init__(self) -> None:
        self.pending: list[Write] = []

    def read_table(self, sheet: str) -> Table:
        raise NotImplementedError

    def read_tables(self, sheets: Iterable[str]) -> dict[str, Table]:
        return {sheet: self.read_table(sheet) for sheet in sheets}

    def write_columns(self, sheet: str, frame: pd.DataFrame) -> None:
        self.pending.append(ColumnsWrite(sheet, frame.copy()))

    def write_output(self, sheet: str, frame: pd.DataFrame, links: dict[int, str] | None = None) -> None:
        self.pending.append(OutputWrite(sheet, frame.copy(), dict(links or {})))

    def write_dashboard(self, dashboard: Dashboard) -> None:
        self.pending.append(DashboardWrite(dashboard))

    def write_inputs(self, sheet: str, updates: pd.DataFrame, new_rows: pd.DataFrame) -> None:
        self.pending.append(InputsWrite(sheet, updates.copy(), new_rows.copy()))

    def take_pending(self) -> list[Write]:
        """The held writes, in order; none are held after."""
        taken, self.pending = self.pending, []
        return taken
