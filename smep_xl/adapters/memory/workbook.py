"""An in-memory workbook for tests: holds tables as frames and records what was written."""

from __future__ import annotations

import pandas as pd

from smep_xl.errors import SmepError
from smep_xl.workbook import (
    ColumnsWrite,
    Dashboard,
    DashboardWrite,
    HeldWrites,
    InputsWrite,
    OutputWrite,
    Table,
)


class MemoryWorkbook(HeldWrites):
    """Same protocol as the file adapter; writes land in `tables` at save()."""

    def __init__(self, tables: dict[str, pd.DataFrame], label: str = "memory.xlsx"):
        super().__init__()
        self.label = label
        self.tables = {name: _indexed(frame) for name, frame in tables.items()}
        self.dashboard: Dashboard | None = None
        self.links: dict[str, dict[int, str]] = {}
        self.saves = 0

    def __enter__(self) -> MemoryWorkbook:  # used as the file adapter is: `with open_workbook(...) as book`
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def sheet_names(self) -> list[str]:
        return list(self.tables)

    def read_table(self, sheet: str) -> Table:
        if sheet not in self.tables:
            raise SmepError(f"The workbook has no sheet called '{sheet}'.")
        return Table(sheet, self.tables[sheet].copy())

    def save(self) -> None:
        for write in self.take_pending():
            match write:
                case ColumnsWrite(sheet, frame):
                    self._apply_columns(sheet, frame)
                case OutputWrite(sheet, frame, links):
                    self.tables[sheet] = _indexed(frame)
                    self.links[sheet] = dict(links)
                case DashboardWrite(dashboard):
                    self.dashboard = dashboard
                case InputsWrite(sheet, updates, new_rows):
                    self._apply_inputs(sheet, updates, new_rows)
        self.saves += 1

    def _apply_columns(self, sheet: str, frame: pd.DataFrame) -> None:
        table = self.tables[sheet]
        for column in frame.columns:
            if column not in table.columns:
                table[column] = None
            table[column] = table[column].astype(object)
            table.loc[frame.index, column] = frame[column].astype(object)

    def _apply_inputs(self, sheet: str, updates: pd.DataFrame, new_rows: pd.DataFrame) -> None:
        self._apply_columns(sheet, updates)
        if len(new_rows):
            table = self.tables[sheet]
            start = (int(table.index.max()) + 1) if len(table) else 2
            added = new_rows.reindex(columns=table.columns).astype(object)
            added.index = pd.RangeIndex(start, start + len(added))
            joined = pd.concat([table, added]).astype(object)
            self.tables[sheet] = joined.where(joined.notna(), None)


def _indexed(frame: pd.DataFrame) -> pd.DataFrame:
    """Index rows as a sheet would: the header is row 1, data from row 2."""
    out = frame.copy().astype(object).reset_index(drop=True)
    out.index = pd.RangeIndex(2, 2 + len(out))
    return out.where(out.notna(), None)
