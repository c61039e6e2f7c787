"""How many lines a wrapped text takes in a column, and how tall a row must be to show it.

An estimate in the column-width unit Excel uses (the width of a digit in the default font):
ordinary letters are a little narrower than a digit, so about 1.1 of them fit a unit. Words
wrap whole, as Excel wraps them; a word longer than the line is broken across lines.
"""

from __future__ import annotations

import math

LINE_POINTS = 15.0  # one line of 11-point text
MOST_LINES = 12  # a row grows to this many lines at most; longer text is read in the cell
TEXT_CHAR = 0.9  # column-width units one letter takes


def lines(text: object, width: float, char: float = TEXT_CHAR) -> int:
    """Lines `text` takes when wrapped in a column `width` units wide."""
    room = max(width / char, 1.0)
    count = 0
    for paragraph in str(text).split("\n"):
        used, count = 0, count + 1
        for word in paragraph.split():
            if used and used + 1 + len(word) > room:
                count, used = count + 1, 0
            if len(word) > room:  # a long address or link breaks inside the word
                extra = math.ceil(len(word) / room) - 1
                count, used = count + extra, len(word) - extra * room
            else:
                used += len(word) + (1 if used else 0)
    return max(count, 1)


def row_points(values: list, widths: list[float]) -> float | None:
    """Points a row needs for the wrapped text in it; None when one line will do."""
    most = 1
    for value, width in zip(values, widths, strict=True):
        if isinstance(value, str) and len(value) * TEXT_CHAR > width - 1:
            most = max(most, lines(value, width - 1))
    return min(most, MOST_LINES) * LINE_POINTS if most > 1 else None
