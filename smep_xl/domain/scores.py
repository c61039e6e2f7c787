"""Which score cells a visit's Score may use: the rule Validate and Refresh share."""

from __future__ import annotations

import numpy as np

LOW, HIGH = 1, 4  # scores are whole numbers from 1 to 4 (4 best)


def rejected_scores(value: np.ndarray, not_number: np.ndarray) -> dict[str, np.ndarray]:
    """The cells of one score column that cannot be used, by finding code. `value` holds each
    cell as a number (NaN when blank or not a number), `not_number` marks text typed that is not
    one. A visit with any of these gets no Score or RAG."""
    with np.errstate(invalid="ignore"):
        outside = (value < LOW) | (value > HIGH)
        part = (value >= LOW) & (value <= HIGH) & (value % 1 != 0)
    return {
        "visit.score.not_number": np.asarray(not_number, dtype=bool),
        "visit.score.range": outside,
        "visit.score.not_whole": part,
    }
