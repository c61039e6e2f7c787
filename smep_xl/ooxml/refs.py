"""Cell references: column letters and numbers, A1 addresses and ranges."""

from __future__ import annotations

import re
from functools import lru_cache

_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@lru_cache(maxsize=4096)
def column_index(letters: str) -> int:
    """A -> 1, AA -> 27."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def split_ref(ref: str) -> tuple[int, int, int, int]:
    """ "B2:D10" -> (first_col, first_row, last_col, last_row); "B2" -> (2, 2, 2, 2)."""
    parts = _REF.findall(ref.upper())
    if not parts:
        raise ValueError(ref)
    (c1, r1), (c2, r2) = parts[0], parts[-1]
    return column_index(c1), int(r1), column_index(c2), int(r2)


def range_ref(first_col: int, first_row: int, last_col: int, last_row: int) -> str:
    """(1, 1, 3, 10) -> "A1:C10"."""
    return f"{column_letter(first_col)}{first_row}:{column_letter(last_col)}{last_row}"
