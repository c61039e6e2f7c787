"""One input table as the checks see it: a frame indexed by worksheet row, plus where it sits.

The workbook adapters hand over `smep_xl.workbook.Table`; anything with the same attributes
(or a bare DataFrame) works, so the domain needs nothing from outside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, SupportsInt, TypeVar, cast

import numpy as np
import pandas as pd

from smep_xl.domain.validate import frames
from smep_xl.ooxml.refs import column_index, column_letter

T = TypeVar("T")
_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


@dataclass
class Grid:
    sheet: str
    frame: pd.DataFrame
    header_row: int = 1
    first_column: int = 1
    formulas: frozenset[str] = frozenset()
    merged: tuple[str, ...] = ()
    duplicate_headers: tuple[tuple[str, str], ...] = ()  # (header, its letter) of each repeat; not read
    _cache: dict[tuple[str, str], object] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        names = pd.Index([str(c) for c in self.frame.columns])
        if names.duplicated().any() or list(names) != list(self.frame.columns):
            repeats = names.duplicated()
            self.duplicate_headers += tuple(
                (name, column_letter(self.first_column + i)) for i, name in enumerate(names) if repeats[i]
            )
            self.frame = self.frame.set_axis(names, axis=1).loc[:, ~repeats]
        self.letters = {col: column_letter(self.first_column + i) for i, col in enumerate(self.frame.columns)}
        self.columns = {column_index(letter): col for col, letter in self.letters.items()}

    def has(self, column: str) -> bool:
        return column in self.letters

    def cell(self, row: int, column: str) -> str:
        return f"{self.letters[column]}{row}"

    def header_cell(self, column: str | None = None) -> str:
        letter = self.letters.get(column) if column is not None else None
        return f"{letter or column_letter(self.first_column)}{self.header_row}"

    def column_at(self, cell: str) -> tuple[int, str] | None:
        """("F12") -> (12, header of column F), or None when F is not one of the table's columns."""
        m = _CELL.match(cell.strip().upper())
        if not m or int(m.group(2)) < self.header_row:
            return None
        col = self.columns.get(column_index(m.group(1)))
        return None if col is None else (int(m.group(2)), col)

    # Per-column readings, computed once and shared by every check.
    def blank(self, column: str) -> np.ndarray:
        return self._once("blank", column, lambda s: frames.blank_mask(s, self.kind(column)))

    def text(self, column: str) -> pd.Series:
        return self._cached("text", column, frames.text_series)

    def numbers(self, column: str) -> frames.Numbers:
        return self._cached("numbers", column, frames.numbers)

    def dates(self, column: str) -> frames.Dates:
        return self._cached("dates", column, frames.dates)

    def kind(self, column: str) -> str:
        """What the column holds, as pandas infers it ("string", "integer", "mixed", ...)."""
        return self._once("kind", column, frames.kind)

    def _cached(self, reading: str, column: str, read: Callable[[pd.Series, str, np.ndarray], T]) -> T:
        return self._once(reading, column, lambda s: read(s, self.kind(column), self.blank(column)))

    def _once(self, reading: str, column: str, read: Callable[[pd.Series], T]) -> T:
        key = (reading, column)
        if key not in self._cache:
            self._cache[key] = read(self.frame[column])
        return cast(T, self._cache[key])  # stored by this same reading

    def used_rows(self, columns: Iterable[str]) -> np.ndarray:
        """Rows with anything typed in the given columns (empty table rows are not checked)."""
        used = np.zeros(len(self.frame), dtype=bool)
        for col in columns:
            if used.all():  # nothing left to learn (and the other columns need not be read)
                break
            if self.has(col):
                used |= ~self.blank(col)
        return used

    def rows(self, mask: np.ndarray | pd.Series) -> pd.Index:
        """The worksheet rows where a mask (numpy or pandas, NaN as False) is true."""
        if isinstance(mask, pd.Series):
            mask = mask.fillna(False).to_numpy(dtype=bool)
        return self.frame.index[np.asarray(mask, dtype=bool)]


def as_grid(sheet: str, table: object) -> Grid | None:
    """A Table-like object or a DataFrame as the Grid of `sheet`; None when there is no table."""
    if isinstance(table, Grid) or table is None:
        return table
    plain = isinstance(table, pd.DataFrame)
    frame = table if plain else getattr(table, "frame", None)
    if not isinstance(frame, pd.DataFrame):
        return None
    try:
        frame = frame.set_axis(frame.index.astype("int64"), axis=0)
    except (TypeError, ValueError, OverflowError):
        frame = frame.set_axis(range(2, 2 + len(frame)), axis=0)

    def meta(name: str, default: object) -> Any:  # whatever the table holds, checked below
        return default if plain else getattr(table, name, default)

    return Grid(
        sheet=sheet,
        frame=frame.astype(object),
        header_row=_int(meta("header_row", 1), 1),
        first_column=_int(meta("first_column", 1), 1),
        formulas=frozenset(str(c) for c in (meta("formulas", None) or ())),
        merged=tuple(str(m) for m in (meta("merged", None) or ())),
    )


def _int(value: object, default: int) -> int:
    try:
        n = int(cast(SupportsInt, value))  # any value: int() refusing it is the check
    except (TypeError, ValueError):
        return default
    return n if n >= 1 else default
