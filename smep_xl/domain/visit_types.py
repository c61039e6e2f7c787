"""Which visit types count as a visit and which carry scores: the Lists columns beside Visit Type.

Counts as Visit = No (a network meeting, say): the row is not a visit of the school, so it
counts towards no visit figure (Visits, Last Visit, coverage, Next Visit Due, repeat visits).
Scored = No: the row is not expected to carry scores and gets no Score or RAG.
A blank cell, a missing column, or a type not on the list counts as Yes: every row of the
Visits sheet counts and is scored, as in a workbook made before these columns existed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.values import is_blank, text

YES_WORDS = ("yes", "y", "true", "1")
NO_WORDS = ("no", "n", "false", "0")


def yes_no(value: object, default: bool = True) -> bool | None:
    """Yes -> True, No -> False, blank -> default; None when it is neither (a finding)."""
    if is_blank(value):
        return default
    said = text(value).casefold()
    return True if said in YES_WORDS else False if said in NO_WORDS else None


def _key(value: object) -> str:
    return text(value).casefold()


@dataclass(frozen=True)
class VisitTypes:
    counts: dict[str, bool] = field(default_factory=dict)  # casefolded type -> counts as a visit
    scored: dict[str, bool] = field(default_factory=dict)  # casefolded type -> carries scores

    def counts_as_visit(self, visit_type: object) -> bool:
        return self.counts.get(_key(visit_type), True)

    def is_scored(self, visit_type: object) -> bool:
        return self.scored.get(_key(visit_type), True)

    def masks(self, types: pd.Series) -> tuple[np.ndarray, np.ndarray]:
        """(counts as a visit, scored) for each row of a Visit Type column."""
        codes, uniques = pd.factorize(types.to_numpy(dtype=object), use_na_sentinel=True)
        counts = np.array([self.counts_as_visit(u) for u in uniques] + [True], dtype=bool)
        scored = np.array([self.is_scored(u) for u in uniques] + [True], dtype=bool)
        return counts[codes], scored[codes]


def visit_types_from_frame(lists: pd.DataFrame | None) -> VisitTypes:
    """The flags beside each Visit Type on Lists (a value that is not Yes or No counts as Yes)."""
    if lists is None or L.LIST_VISIT_TYPE not in lists.columns:
        return VisitTypes()
    counts: dict[str, bool] = {}
    scored: dict[str, bool] = {}
    blank = pd.Series([None] * len(lists), index=lists.index, dtype=object)
    flags = zip(
        lists[L.LIST_VISIT_TYPE],
        lists.get(L.LIST_COUNTS_AS_VISIT, blank),
        lists.get(L.LIST_SCORED, blank),
        strict=True,
    )
    for name, count, score in flags:
        key = _key(name)
        if key and key not in counts:
            counts[key] = yes_no(count) is not False
            scored[key] = yes_no(score) is not False
    return VisitTypes(counts, scored)
