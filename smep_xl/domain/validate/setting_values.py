"""The Value of each setting: dates, whole numbers, thresholds, targets, files, file names."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from smep_xl import layout as L
from smep_xl.domain.findings import Finding
from smep_xl.domain.settings import DEFAULTS, Settings
from smep_xl.domain.validate import frames
from smep_xl.domain.validate.emit import at_cells, show
from smep_xl.domain.validate.grid import Grid
from smep_xl.domain.validate.schools import EMAIL
from smep_xl.domain.values import as_date, as_number, is_blank, text

_FIELD = re.compile(r"\{([^{}:!]*)")
_TEXT_NUMBER = (
    "cell.number_as_text",
    "{} {} is a number stored as text.",
    "Retype it, or use Excel's 'Convert to Number'.",
)


def check_values(
    grid: Grid, settings: Settings, file_exists: Callable[[str], bool] | None, fields: set[str]
) -> list[Finding]:
    out: list[Finding] = []
    for name, code, required in (
        (L.S_PLAN_START, "settings.plan_start.invalid", True),
        (L.S_AS_OF, "settings.as_of.invalid", False),
    ):
        out += _date(grid, settings, name, code, required)
    for name, least, code in (
        (L.S_PLAN_YEARS, 1, "settings.plan_years.invalid"),
        (L.S_AMBER_DAYS, 0, "settings.amber_days.invalid"),
    ):
        out += _whole(grid, settings, name, least, code)
    out += _thresholds(grid, settings) + _targets(grid, settings)
    out += _templates(grid, settings, file_exists) + _file_name(grid, settings, fields)
    hub_email = _typed(settings, L.S_HUB_EMAIL)
    if hub_email is not None and not EMAIL.fullmatch(text(hub_email)):
        out += _at(
            grid,
            settings,
            L.S_HUB_EMAIL,
            "settings.email.format",
            f"Hub Email {show(hub_email)} is not an email address.",
            "Type one address, like hub@example.org.",
        )
    return out


def _typed(settings: Settings, name: str) -> object | None:
    """The value typed for a setting present on the sheet; None when absent or blank."""
    value = settings.values.get(name)
    return None if name not in settings.rows or is_blank(value) else value


def _at(grid: Grid, settings: Settings, name: str, code: str, message: str, tip: str) -> list[Finding]:
    return at_cells(code, grid, L.SET_VALUE, [settings.rows[name]], [message], tip)


def _date(grid: Grid, settings: Settings, name: str, code: str, required: bool) -> list[Finding]:
    value = _typed(settings, name)
    if value is None:
        if required and name in settings.rows:
            default = text(DEFAULTS[name])
            return _at(
                grid,
                settings,
                name,
                code,
                f"{name} is blank, so {default} is used.",
                "Type the first day of the plan, e.g. 01/09/2014.",
            )
        return []
    if isinstance(value, date):
        return []
    shown = show(value)
    if isinstance(value, str) and as_date(value):
        return _at(
            grid,
            settings,
            name,
            "cell.date_as_text",
            f"{name} {shown} is a date typed as text.",
            "Retype it as a date in a cell formatted as a date.",
        )
    if isinstance(value, str) and frames.date_shaped(value):
        return _at(
            grid,
            settings,
            name,
            "cell.date_impossible",
            f"{name} {shown} is not a real date: {frames.why_not_a_date(value)}.",
            "Correct the day or month.",
        )
    return _at(
        grid, settings, name, code, f"{name} {shown} is not a date.", "Type a date such as 01/09/2014."
    )


def _whole(grid: Grid, settings: Settings, name: str, least: int, code: str) -> list[Finding]:
    value = _typed(settings, name)
    if value is None:
        return []
    n = as_number(value)
    if n is None or n < least or n % 1:
        return _at(
            grid,
            settings,
            name,
            code,
            f"{name} {show(value)} is not a whole number of {least} or more.",
            f"Type a whole number, e.g. {text(DEFAULTS[name])}.",
        )
    return _text_number(grid, settings, name, value)


def _text_number(grid: Grid, settings: Settings, name: str, value: object) -> list[Finding]:
    if not isinstance(value, str):
        return []
    code, message, tip = _TEXT_NUMBER
    return _at(grid, settings, name, code, message.format(name, show(value)), tip)


def _thresholds(grid: Grid, settings: Settings) -> list[Finding]:
    out: list[Finding] = []
    good: dict[str, float] = {}
    for name in (L.S_RED, L.S_GREEN):
        value = _typed(settings, name)
        n = as_number(value) if value is not None else settings.number(name)
        if n is None or not 1 <= n <= 4:
            out += _at(
                grid,
                settings,
                name,
                "settings.threshold.invalid",
                f"{name} {show(value)} is not a score from 1 to 4.",
                "Type a score, e.g. 2.0 for Red, 3.0 for Green.",
            )
            continue
        good[name] = n
        out += _text_number(grid, settings, name, value)
    if len(good) == 2 and good[L.S_RED] >= good[L.S_GREEN]:
        where = L.S_RED if L.S_RED in settings.rows else L.S_GREEN
        if where in settings.rows:
            out += _at(
                grid,
                settings,
                where,
                "settings.thresholds.order",
                f"Red Threshold {text(good[L.S_RED])} is not below Green Threshold {text(good[L.S_GREEN])}.",
                "Make Red Threshold smaller than Green Threshold (e.g. 2.0 and 3.0).",
            )
    return out


def _targets(grid: Grid, settings: Settings) -> list[Finding]:
    out: list[Finding] = []
    for name in (L.S_Y1_TARGET, L.S_PLAN_TARGET):
        value = _typed(settings, name)
        if value is None:
            continue
        share = settings.fraction(name)
        if share is None or not 0 <= share <= 1:
            out += _at(
                grid,
                settings,
                name,
                "settings.target.invalid",
                f"{name} {show(value)} is not a percentage from 0 to 100.",
                "Type it as 60% (or 0.6).",
            )
        else:
            out += _text_number(grid, settings, name, value)
    return out


def _templates(grid: Grid, settings: Settings, file_exists: Callable[[str], bool] | None) -> list[Finding]:
    out: list[Finding] = []
    for name in (L.S_LETTER_TEMPLATE, L.S_AUDIT_TEMPLATE):
        value = _typed(settings, name)
        if value is None or file_exists is None or _exists(file_exists, text(value)):
            continue
        out += _at(
            grid,
            settings,
            name,
            "settings.template.missing",
            f"{name} {show(value)} cannot be found.",
            "Correct the path; a relative path starts at the workbook's folder.",
        )
    return out


def _exists(file_exists: Callable[[str], bool], path: str) -> bool:
    try:
        return bool(file_exists(path))
    except (OSError, ValueError):
        return False


def _plain(name: str) -> str:
    """A column as a letter field is named: "Visit Date" and "visit_date" are the same field."""
    return re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_")


def _file_name(grid: Grid, settings: Settings, fields: set[str]) -> list[Finding]:
    value = _typed(settings, L.S_LETTER_FILE_NAME)
    if value is None or not fields:
        return []
    known = {_plain(f) for f in fields} | {_plain(s) for s in L.SETTING_NAMES}
    unknown = [
        f for f in dict.fromkeys(m.strip() for m in _FIELD.findall(text(value))) if _plain(f) not in known
    ]
    if not unknown:
        return []
    names = ", ".join("{" + f + "}" for f in unknown)
    return _at(
        grid,
        settings,
        L.S_LETTER_FILE_NAME,
        "settings.file_name.unknown_field",
        f"Letter File Name {show(value)} names {names}, which is not a Visits or Schools column.",
        "Use column names in braces, e.g. {URN} {School} {Visit Date}.",
    )
