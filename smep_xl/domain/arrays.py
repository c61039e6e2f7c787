"""Whole-column readings of cells for the rules: dates, numbers and URNs, each distinct value
converted once (numpy over factorised values), and month arithmetic on whole columns."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import pandas as pd

from smep_xl.domain.values import as_date, as_number, text

NAT = np.datetime64("NaT", "D")
BLANK = np.array(None, dtype=object)  # a blank cell, as np.where takes it (the same as None there)


def convert(
    series: pd.Series, convert: Callable[[object], object], dtype: npt.DTypeLike, missing: object
) -> np.ndarray:
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    lookup = np.array([convert(u) for u in uniques] + [missing], dtype=dtype)
    return lookup[codes]  # code -1 (blank) picks the trailing `missing`


def _day(value: object) -> np.datetime64:
    found = as_date(value)
    return np.datetime64(found, "D") if found else NAT


def dates_of(series: pd.Series) -> np.ndarray:
    return convert(series, _day, "datetime64[D]", NAT)


def numbers_of(series: pd.Series) -> np.ndarray:
    return convert(series, as_number, float, np.nan)


def _key(value: object) -> str:
    # the common cell types first (exact types: numpy's float64 is a float too): a national log has
    # 100,000 URNs
    if type(value) is str:
        return value.strip()
    if type(value) is int:
        return str(value)
    if type(value) is float and value.is_integer():
        return str(int(value))
    return text(value)


def keys_of(series: pd.Series) -> np.ndarray:
    """Cell values as the text a person reads (URN 100123.0 -> "100123")."""
    return convert(series, _key, object, "")


def column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column, or blanks when the sheet lacks it (Validate reports missing columns)."""
    if name in frame.columns:
        return frame[name]
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)


def add_months(days: np.ndarray, months: npt.ArrayLike) -> np.ndarray:
    """Same day n months on (31 Jan + 1 month -> 28/29 Feb); NaT stays NaT."""
    days = np.asarray(days, dtype="datetime64[D]")
    months = np.broadcast_to(np.asarray(months, dtype=np.int64), days.shape)
    out = np.full(days.shape, NAT)
    ok = ~np.isnat(days)
    start = days[ok].astype("datetime64[M]")
    day = (days[ok] - start.astype("datetime64[D]")).astype(np.int64)
    target = start + months[ok]
    length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(np.int64)
    out[ok] = target.astype("datetime64[D]") + np.minimum(day, length - 1)
    return out


def as_dates(days: np.ndarray) -> np.ndarray:
    """datetime64 -> datetime.date objects, NaT -> None (what write_columns takes)."""
    return np.asarray(days, dtype="datetime64[D]").astype(object)
