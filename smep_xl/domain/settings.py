"""Settings and criteria, typed, from their sheets: each Value read and bounded by its spec.

A setting left blank takes its default; a Value that cannot be used (not a date, out of
range, too long) is a Problem, and the default is used instead: one bad cell never stops
a Refresh. Validate reports each Problem at its cell; Refresh reports them too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import cast

import pandas as pd

from smep_xl import layout as L
from smep_xl.domain import setting_specs as S
from smep_xl.domain.setting_reader import Problem, plan_year_end, read_all
from smep_xl.domain.values import (
    as_number,
    as_yes,
    is_blank,
    text,
)
from smep_xl.domain.visit_types import VisitTypes, visit_types_from_frame

DEFAULTS = S.DEFAULTS
__all__ = ["DEFAULTS", "Problem", "Settings", "plan_year_end"]
_Date = date  # the class, for annotations inside Settings, whose method date() shadows the name


@dataclass(frozen=True)
class Settings:
    values: dict[str, object]  # raw cell values by setting name (missing rows -> default)
    rows: dict[str, int]  # worksheet row of each setting present, for findings
    visit_types: VisitTypes = field(default_factory=VisitTypes)  # from the Lists sheet

    def raw(self, name: str) -> object:
        """The Value as typed, or the default when it is blank."""
        value = self.values.get(name)
        return DEFAULTS.get(name) if is_blank(value) else value

    @cached_property
    def _read(self) -> tuple[dict[str, object], tuple[Problem, ...]]:
        return read_all(self.values, set(self.rows))

    def value(self, name: str) -> object:
        """The Value to use: read and bounded, else the default."""
        return self._read[0].get(name, DEFAULTS.get(name))

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self._read[1]

    def text(self, name: str) -> str:
        return text(self.value(name))

    def date(self, name: str) -> date | None:
        found = self.value(name)
        return found if isinstance(found, date) else None

    def number(self, name: str) -> float | None:
        found = self.value(name)
        return float(found) if isinstance(found, (int, float)) and not isinstance(found, bool) else None

    def fraction(self, name: str) -> float | None:
        """A target typed as 60%, 0.6 or 60 -> 0.6."""
        return self.number(name)

    @property
    def plan_start(self) -> _Date:
        return cast(_Date, self.value(L.S_PLAN_START))  # read_all bounds it to a date

    @property
    def plan_years(self) -> int:
        return int(cast(float, self.value(L.S_PLAN_YEARS)))  # read_all bounds it to a number

    @property
    def plan_end(self) -> _Date:
        return plan_year_end(self.plan_start, self.plan_years)

    @property
    def year1_deadline(self) -> _Date:
        """When the Year 1 Coverage Target is due: the setting, else the end of plan year 1."""
        return self.date(L.S_Y1_DEADLINE) or plan_year_end(self.plan_start, 1)

    def as_of(self, today: _Date | None = None) -> _Date:
        return self.date(L.S_AS_OF) or today or date.today()


def settings_from_frame(frame: pd.DataFrame, lists: pd.DataFrame | None = None) -> Settings:
    """The Settings sheet's rows (the first of each name counts) and the Lists' Visit Type flags."""
    values: dict[str, object] = {}
    rows: dict[str, int] = {}
    if L.SET_NAME in frame.columns and L.SET_VALUE in frame.columns:
        for row, name, value in zip(frame.index, frame[L.SET_NAME], frame[L.SET_VALUE], strict=True):
            key = text(name)
            if key and key not in values:
                values[key] = value
                rows[key] = int(row)
    return Settings(values, rows, visit_types_from_frame(lists))


@dataclass(frozen=True)
class Criterion:
    name: str
    weight: float
    key: bool
    description: str = ""


def criteria_from_frame(frame: pd.DataFrame) -> list[Criterion]:
    """Criteria as listed; a weight that is not a positive number counts as 1 (validate says so)."""
    out = []
    for _, r in frame.iterrows():
        name = text(r.get(L.CRI_NAME))
        if not name:
            continue
        weight = as_number(r.get(L.CRI_WEIGHT))
        out.append(
            Criterion(
                name,
                weight if weight and weight > 0 and math.isfinite(weight) else 1.0,
                as_yes(r.get(L.CRI_KEY)),
                text(r.get(L.CRI_DESCRIPTION)),
            )
        )
    return out
