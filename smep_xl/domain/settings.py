"""Settings and criteria, typed, from their sheets; defaults where a row is blank."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.values import as_date, as_number, as_percent, as_yes, is_blank, text

DEFAULTS: dict[str, object] = {
    L.S_HUB_NAME: "Music Education Hub",
    L.S_PLAN_START: date(2014, 9, 1),
    L.S_PLAN_YEARS: 2,
    L.S_Y1_TARGET: 0.6,
    L.S_PLAN_TARGET: 1.0,
    L.S_GREEN: 3.0,
    L.S_RED: 2.0,
    L.S_AMBER_DAYS: 30,
    L.S_AS_OF: None,
    L.S_LETTER_TEMPLATE: "templates/feedback_letter.docx",
    L.S_AUDIT_TEMPLATE: "templates/audit_form.docx",
    L.S_LETTER_FILE_NAME: "{URN} {School} {Visit Date}",
    L.S_OUTPUT_FOLDER: "letters",
    L.S_SIGNATORY: "",
    L.S_SIGNATORY_ROLE: "",
    L.S_HUB_ADDRESS: "",
    L.S_HUB_PHONE: "",
    L.S_HUB_EMAIL: "",
    L.S_LA_CODES: "",
}


@dataclass(frozen=True)
class Settings:
    values: dict[str, object]  # raw cell values by setting name (missing rows -> default)
    rows: dict[str, int]  # worksheet row of each setting present, for findings

    def raw(self, name: str) -> object:
        value = self.values.get(name)
        return DEFAULTS.get(name) if is_blank(value) else value

    def text(self, name: str) -> str:
        return text(self.raw(name))

    def date(self, name: str) -> date | None:
        return as_date(self.raw(name))

    def number(self, name: str) -> float | None:
        return as_number(self.raw(name))

    def fraction(self, name: str) -> float | None:
        """A target typed as 60%, 0.6 or 60 -> 0.6."""
        pct = as_percent(self.raw(name))
        if pct is None:
            return None
        return pct / 100 if pct > 1 else pct

    @property
    def plan_start(self) -> date:
        return self.date(L.S_PLAN_START) or DEFAULTS[L.S_PLAN_START]

    @property
    def plan_years(self) -> int:
        n = self.number(L.S_PLAN_YEARS)
        return int(n) if n and n >= 1 else 2

    def as_of(self, today: date | None = None) -> date:
        return self.date(L.S_AS_OF) or today or date.today()


def settings_from_frame(frame: pd.DataFrame) -> Settings:
    values: dict[str, object] = {}
    rows: dict[str, int] = {}
    if L.SET_NAME in frame.columns and L.SET_VALUE in frame.columns:
        for row, name, value in zip(frame.index, frame[L.SET_NAME], frame[L.SET_VALUE]):
            key = text(name)
            if key and key not in values:
                values[key] = value
                rows[key] = int(row)
    return Settings(values, rows)


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
                weight if weight and weight > 0 else 1.0,
                as_yes(r.get(L.CRI_KEY)),
                text(r.get(L.CRI_DESCRIPTION)),
            )
        )
    return out
