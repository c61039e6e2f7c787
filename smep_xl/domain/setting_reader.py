"""Reading each setting's Value by its spec (domain/setting_specs.py): a Value that cannot be
used is a Problem that says what is used instead (the default)."""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from datetime import date, timedelta

from smep_xl import layout as L
from smep_xl.domain import setting_specs as S
from smep_xl.domain.values import (
    EMAIL,
    as_date,
    as_number,
    as_percent,
    date_shaped,
    is_blank,
    quoted,
    text,
    why_not_a_date,
)

DEFAULTS = S.DEFAULTS
_CODES = r"\d{3}"


@dataclass(frozen=True)
class Problem:
    """A setting's Value that cannot be used, and what is used instead."""

    name: str
    code: str
    message: str
    suggestion: str


def plan_year_end(start: date, years: int) -> date:
    """The last day of plan year `years`: the day before that anniversary of Plan Start."""
    year = start.year + years
    day = min(start.day, calendar.monthrange(year, start.month)[1])
    return date(year, start.month, day) - timedelta(days=1)


def read_all(raw: dict[str, object], present: set[str]) -> tuple[dict[str, object], tuple[Problem, ...]]:
    """Each setting's Value to use (the default when the typed one cannot be), and the Problems."""
    values: dict[str, object] = {}
    problems: list[Problem] = []
    for spec in S.SPECS:
        value, problem = _read(spec, raw.get(spec.name), spec.name in present)
        values[spec.name] = value
        if problem:
            problems.append(problem)
    problems += _thresholds(values) + _deadline(values)
    return values, tuple(problems)


def _instead(spec: S.SettingSpec) -> str:
    if spec.default is None or spec.default == "":
        return f"it is left blank ({spec.blank})" if spec.blank else "it is left blank"
    return f"{S.shown(spec.default, spec.kind)} (the default) is used"


def _problem(spec: S.SettingSpec, raw: object, why: str, code: str = "") -> Problem:
    return Problem(
        spec.name,
        code or spec.code,
        f"{spec.name} {quoted(raw)} {why}, so {_instead(spec)}.",
        f"Type {spec.rule}, or leave it blank for the default.",
    )


def _read(spec: S.SettingSpec, raw: object, present: bool) -> tuple[object, Problem | None]:
    if is_blank(raw):
        if spec.required and present:
            return spec.default, _problem(spec, raw, "is blank")
        return spec.default, None
    reader = _READERS.get(spec.kind, _text)
    value, why = reader(spec, raw)
    if why:
        if spec.kind == S.CODES:  # kept as typed: import-schools names the code it cannot use
            tip = "Type the GIAS 'LA (code)' numbers; import-schools stops until they are right."
            return text(raw), Problem(spec.name, spec.code, f"{spec.name} {quoted(raw)} {why}.", tip)
        return spec.default, _problem(spec, raw, why)
    return value, None


def _date(spec: S.SettingSpec, raw: object) -> tuple[object, str]:
    day = as_date(raw)
    if day is None:
        if isinstance(raw, str) and date_shaped(raw):
            return None, f"is not a real date ({why_not_a_date(raw)})"
        return None, "is not a date"
    if not spec.low <= day <= spec.high:  # type: ignore[operator]  # a date spec's bounds are dates
        return None, f"is not {spec.rule}"
    return day, ""


def _number(spec: S.SettingSpec, raw: object) -> tuple[object, str]:
    n = as_percent(raw) if spec.kind == S.FRACTION else as_number(raw)
    if n is None or not math.isfinite(n):
        return None, "is not a number"
    if spec.kind == S.FRACTION:
        n = n / 100 if n > 1 else n
    if spec.kind == S.WHOLE and not float(n).is_integer():
        return None, f"is not {spec.rule}"
    if not spec.low <= n <= spec.high:  # type: ignore[operator]  # a number spec's bounds are numbers
        return None, f"is not {spec.rule}"
    return (int(n) if spec.kind == S.WHOLE else float(n)), ""


def _choice(spec: S.SettingSpec, raw: object) -> tuple[object, str]:
    """One of the spec's words, typed in any case; it is given back as the spec spells it."""
    typed = text(raw).casefold()
    found = [word for word in spec.choices if word.casefold() == typed]
    return (found[0], "") if found else (None, f"is not {spec.rule}")


def _text(spec: S.SettingSpec, raw: object) -> tuple[object, str]:
    value = text(raw)
    if spec.kind == S.CODES:
        bad = [t for t in re.split(r"[\s,;]+", value) if t and not re.fullmatch(_CODES, t)]
        return value, (f"holds {', '.join(map(repr, bad))}, not {spec.rule}" if bad else "")
    if len(value) > spec.high:  # type: ignore[operator]  # a text spec's high is its length
        return None, f"is {len(value)} characters long, more than {spec.high}"
    if spec.kind == S.EMAIL and not EMAIL.fullmatch(value):
        return None, "is not an email address"
    return value, ""


_READERS = {S.DATE: _date, S.WHOLE: _number, S.NUMBER: _number, S.FRACTION: _number, S.CHOICE: _choice}


def _thresholds(values: dict[str, object]) -> list[Problem]:
    red, green = values[L.S_RED], values[L.S_GREEN]
    if red < green:  # type: ignore[operator]  # both read as numbers by _number
        return []
    values[L.S_RED], values[L.S_GREEN] = DEFAULTS[L.S_RED], DEFAULTS[L.S_GREEN]
    r, g = S.BY_NAME[L.S_RED], S.BY_NAME[L.S_GREEN]
    return [
        Problem(
            L.S_RED,
            "settings.thresholds.order",
            f"{L.S_RED} {S.shown(red)} is not below {L.S_GREEN} {S.shown(green)}, so the defaults "
            f"({S.shown(r.default)} and {S.shown(g.default)}) are used.",
            f"Make {L.S_RED} smaller than {L.S_GREEN} (e.g. {S.shown(r.default)} and {S.shown(g.default)}).",
        )
    ]


def _deadline(values: dict[str, object]) -> list[Problem]:
    deadline = values[L.S_Y1_DEADLINE]
    if deadline is None:
        return []
    start = values[L.S_PLAN_START]
    end = plan_year_end(start, values[L.S_PLAN_YEARS])  # type: ignore[arg-type]  # read as date, whole
    if start <= deadline <= end:  # type: ignore[operator]  # all three read as dates
        return []
    values[L.S_Y1_DEADLINE] = None
    spec = S.BY_NAME[L.S_Y1_DEADLINE]
    return [
        Problem(
            spec.name,
            spec.code,
            f"{spec.name} {S.shown(deadline)} is outside the plan ({S.shown(start)} to {S.shown(end)}), "
            f"so {_instead(spec)}.",
            f"Type a date from {L.S_PLAN_START} to the end of the plan, or leave it blank.",
        )
    ]
