"""Whole-column readings of cells, vectorised: blank, text, numbers and dates.

Checks run over 100,000-row sheets, so a column is read once, with numpy and pandas doing the
work in C, and Python looks only at the values they cannot settle (text in a number column, a
date typed as text). Masks are numpy arrays, aligned with the frame's rows. Readings agree
with `domain.values` (text, as_number, as_date), cell for cell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from smep_xl.domain.arrays import BLANK
from smep_xl.domain.values import as_date, as_number, date_shaped, text, why_not_a_date

__all__ = ["date_shaped", "why_not_a_date"]  # read here by the checks, defined in values

_NUMERIC_KINDS = ("integer", "floating", "mixed-integer-float", "decimal")
_DATE_KINDS = ("datetime", "datetime64", "date")
_TEXT_KINDS = ("string", "mixed", "mixed-integer", "unknown-array")


def kind(s: pd.Series) -> str:
    """What a column holds, as pandas infers it ("string", "integer", "mixed", "empty", ...)."""
    try:
        return infer_dtype(s, skipna=True)
    except (TypeError, ValueError):
        return "mixed"


def _cells(s: pd.Series) -> np.ndarray:
    return s.to_numpy(dtype=object)


def string_mask(s: pd.Series, k: str | None = None) -> np.ndarray:
    """Cells holding text (blank or not)."""
    if (k or kind(s)) not in _TEXT_KINDS:
        return np.zeros(len(s), dtype=bool)
    return np.fromiter((isinstance(v, str) for v in _cells(s)), dtype=bool, count=len(s))


def blank_mask(s: pd.Series, k: str | None = None) -> np.ndarray:
    """None, NaN, NaT or text of spaces only."""
    k = k or kind(s)
    cells = _cells(s)
    blank = pd.isna(cells)
    if k == "string":  # every value is text: str's own methods, mapped in C
        where = np.flatnonzero(~blank)
        texts = cells[where]
        spaces = np.fromiter(map(str.isspace, texts), dtype=bool, count=len(texts)) | (texts == "")
        blank[where[spaces]] = True
    elif k in _TEXT_KINDS:
        blank |= np.fromiter((isinstance(v, str) and not v.strip() for v in cells), dtype=bool, count=len(s))
    return blank


def text_series(s: pd.Series, k: str | None = None, blank: np.ndarray | None = None) -> pd.Series:
    """Each cell as the text a person reads ("" for blank), like values.text."""
    k = k or kind(s)
    if k in ("integer", "floating", "mixed-integer-float"):
        return _number_text(s, k, blank)
    cells = _cells(s)
    if k == "string":
        out = np.full(len(s), "", dtype=object)
        where = np.flatnonzero(~(pd.isna(cells) if blank is None else blank))
        out[where] = list(map(str.strip, cells[where]))
        return pd.Series(out, index=s.index, dtype=object)
    read = [""] * len(s) if k == "empty" else [text(v) for v in cells]
    return pd.Series(read, index=s.index, dtype=object)


def _number_text(s: pd.Series, k: str, blank: np.ndarray | None) -> pd.Series:
    """Numbers as values.text writes them (3.0 -> "3"); whole floats in C, the rest one by one."""
    cells = _cells(s)
    out = np.full(len(cells), "", dtype=object)
    typed = np.flatnonzero(~(pd.isna(cells) if blank is None else blank))
    if k == "integer":
        out[typed] = list(map(str, cells[typed]))
        return pd.Series(out, index=s.index, dtype=object)
    f = _floats(s)
    with np.errstate(invalid="ignore"):
        whole = np.isfinite(f) & (f % 1 == 0) & (np.abs(f) < 1e15)
    out[whole] = list(map(str, f[whole].astype(np.int64).tolist()))
    rest = np.setdiff1d(typed, np.flatnonzero(whole))
    out[rest] = [text(v) for v in cells[rest]]
    return pd.Series(out, index=s.index, dtype=object)


def _floats(s: pd.Series) -> np.ndarray:
    """A numeric column as floats (NaN for blanks), writable."""
    try:
        return _cells(s).astype(float)
    except (TypeError, ValueError, OverflowError):
        return pd.to_numeric(s, errors="coerce").to_numpy(dtype=float, na_value=np.nan, copy=True)


def by_unique(t: pd.Series, fn: Callable[[str], object], dtype: type = object) -> pd.Series:
    """fn of each cell of a text column, worked out once per distinct value (columns repeat
    themselves a lot: Yes / No, a few SLEs, the same phrase down a grid)."""
    codes, uniques = pd.factorize(t.to_numpy(dtype=object))
    results: np.ndarray = np.empty(len(uniques), dtype=dtype)
    results[:] = [fn(u) for u in uniques]
    return pd.Series(results[codes] if len(uniques) else [], index=t.index, dtype=dtype)


@dataclass(frozen=True)
class Numbers:
    value: np.ndarray  # float; NaN where blank or not a number
    blank: np.ndarray
    from_text: np.ndarray  # a number typed as text ("3")
    bad: np.ndarray  # something typed that is not a number


def numbers(s: pd.Series, k: str | None = None, blank: np.ndarray | None = None) -> Numbers:
    k = k or kind(s)
    blank = blank_mask(s, k) if blank is None else blank
    none = np.zeros(len(s), dtype=bool)
    if k in _NUMERIC_KINDS or blank.all():
        value = _floats(s)
        bad = ~blank & ~np.isfinite(value)
        value[bad | blank] = np.nan
        return Numbers(value, blank, none, bad)
    cells = _cells(s)
    value = np.full(len(s), np.nan)
    strs = none.copy()
    for i, v in enumerate(cells):  # a mixed column: rare, and read one cell at a time
        if blank[i] or isinstance(v, bool):
            continue
        if isinstance(v, str):
            strs[i] = True
        n = as_number(v) if isinstance(v, (str, int, float, np.number)) else None
        value[i] = n if n is not None and np.isfinite(n) else np.nan
    bad = ~blank & np.isnan(value)
    return Numbers(value, blank, strs & ~np.isnan(value), bad)


@dataclass(frozen=True)
class Dates:
    value: np.ndarray  # datetime64[us]; NaT where not a date
    blank: np.ndarray
    from_text: np.ndarray  # a real date typed as text ("15/03/2015")
    impossible: np.ndarray  # date-shaped text that is no date ("31/02/2015")
    bad: np.ndarray  # anything else typed that is not a date


def dates(s: pd.Series, k: str | None = None, blank: np.ndarray | None = None) -> Dates:
    k = k or kind(s)
    blank = blank_mask(s, k) if blank is None else blank
    none = np.zeros(len(s), dtype=bool)
    if k in _DATE_KINDS or blank.all():
        value = _to_datetime(_cells(s))
        return Dates(value, blank, none, none, ~blank & np.isnat(value))
    cells = _cells(s)
    typed = np.fromiter((isinstance(v, date) for v in cells), dtype=bool, count=len(s)) & ~blank
    value = _to_datetime(np.where(typed, cells, BLANK))
    strs = string_mask(s, k) & ~blank
    from_text, impossible = none.copy(), none.copy()
    read = {v: as_date(v) for v in set(cells[strs])}
    for i in np.flatnonzero(strs):
        day = read[cells[i]]
        if day is not None:
            value[i], from_text[i] = np.datetime64(day, "us"), True
        elif date_shaped(cells[i]):
            impossible[i] = True
    bad = ~blank & np.isnat(value) & ~impossible
    return Dates(value, blank, from_text, impossible, bad)


def _to_datetime(cells: np.ndarray) -> np.ndarray:
    try:
        out = pd.to_datetime(pd.Series(cells, dtype=object), errors="coerce")
        return out.to_numpy(dtype="datetime64[us]", copy=True)
    except (TypeError, ValueError, OverflowError):
        return np.array([_one_date(v) for v in cells], dtype="datetime64[us]")


def _one_date(value: object) -> np.datetime64:
    try:
        return np.datetime64(value, "us") if isinstance(value, date) else np.datetime64("NaT")
    except (TypeError, ValueError, OverflowError):
        return np.datetime64("NaT")
