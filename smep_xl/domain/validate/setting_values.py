"""The Value of each setting: the problems the settings registry finds (domain/settings.py),
numbers and dates typed as text, template files that cannot be found, file-name fields."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from smep_xl import layout as L
from smep_xl.domain import setting_specs as S
from smep_xl.domain.findings import Finding
from smep_xl.domain.settings import Settings
from smep_xl.domain.validate.emit import at_cells, at_header, show
from smep_xl.domain.validate.grid import Grid
from smep_xl.domain.values import as_date, as_number, is_blank, text

_FIELD = re.compile(r"\{([^{}:!]*)")


def check_values(
    grid: Grid, settings: Settings, file_exists: Callable[[str], bool] | None, fields: set[str]
) -> list[Finding]:
    out: list[Finding] = []
    for problem in settings.problems:
        if problem.name in settings.rows:
            out += _at(grid, settings, problem.name, problem.code, problem.message, problem.suggestion)
        else:
            out.append(at_header(problem.code, grid, L.SET_VALUE, problem.message, problem.suggestion))
    failed = {p.name for p in settings.problems}
    for spec in S.SPECS:
        if spec.name not in failed:
            out += _as_text(grid, settings, spec)
    return out + _templates(grid, settings, file_exists) + _file_name(grid, settings, fields)


def _typed(settings: Settings, name: str) -> object | None:
    """The value typed for a setting present on the sheet; None when absent or blank."""
    value = settings.values.get(name)
    return None if name not in settings.rows or is_blank(value) else value


def _at(grid: Grid, settings: Settings, name: str, code: str, message: str, tip: str) -> list[Finding]:
    return at_cells(code, grid, L.SET_VALUE, [settings.rows[name]], [message], tip)


def _as_text(grid: Grid, settings: Settings, spec: S.SettingSpec) -> list[Finding]:
    """A date or number that is read, but typed as text (Excel will not treat it as one)."""
    value = _typed(settings, spec.name)
    if not isinstance(value, str):
        return []
    if spec.kind == S.DATE and as_date(value) and not isinstance(value, date):
        return _at(
            grid,
            settings,
            spec.name,
            "cell.date_as_text",
            f"{spec.name} {show(value)} is a date typed as text.",
            "Retype it as a date in a cell formatted as a date.",
        )
    if spec.kind in (S.WHOLE, S.NUMBER, S.FRACTION) and as_number(value.strip().rstrip("%")) is not None:
        return _at(
            grid,
            settings,
            spec.name,
            "cell.number_as_text",
            f"{spec.name} {show(value)} is a number stored as text.",
            "Retype it, or use Excel's 'Convert to Number'.",
        )
    return []


def _templates(grid: Grid, settings: Settings, file_exists: Callable[[str], bool] | None) -> list[Finding]:
    out: list[Finding] = []
    for name in (L.S_LETTER_TEMPLATE, L.S_AUDIT_TEMPLATE):
        value = _typed(settings, name)
        if value is None or file_exists is None or _exists(file_exists, settings.text(name)):
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
    name = L.S_LETTER_FILE_NAME
    value = _typed(settings, name)
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
        name,
        "settings.file_name.unknown_field",
        f"{name} {show(value)} names {names}, which is not a Visits or Schools column.",
        "Use column names in braces, e.g. " + text(S.DEFAULTS[name]) + ".",
    )
