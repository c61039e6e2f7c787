"""The settings registry: one place for each setting's name, type, default, bounds and meaning."""

from __future__ import annotations

import ast
import os
from datetime import date, datetime
from pathlib import Path

import pytest

from smep_xl import layout as L
from smep_xl.actions.refresh import compute
from smep_xl.demo.lists import settings_frame as new_workbook_settings
from smep_xl.domain import settings as domain_settings
from smep_xl.domain.setting_specs import DEMO_VALUES, SPECS, settings_markdown
from smep_xl.domain.settings import settings_from_frame
from tests.refresh_fixture import hub_frames, settings_frame

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "settings.md"


def test_the_registry_holds_every_setting_once_in_the_sheets_order():
    assert [spec.name for spec in SPECS] == list(L.SETTING_NAMES)
    assert all(spec.meaning and spec.code for spec in SPECS)
    assert all(spec.high is not None for spec in SPECS if spec.kind != "codes")  # every setting bounded


def test_defaults_new_workbook_rows_and_docs_come_from_the_registry():
    assert {spec.name: spec.default for spec in SPECS} == domain_settings.DEFAULTS
    for demo, values in ((False, {s.name: s.default for s in SPECS}), (True, DEMO_VALUES)):
        rows = new_workbook_settings(demo)
        got = dict(zip(rows[L.SET_NAME], rows[L.SET_VALUE], strict=True))
        assert got == {name: (None if value == "" else value) for name, value in values.items()}
    if os.environ.get("SMEP_UPDATE_GOLDEN"):
        DOCS.write_text(settings_markdown(), encoding="utf-8")
    assert DOCS.read_text(encoding="utf-8") == settings_markdown(), "docs/settings.md is stale"
    assert DEMO_VALUES[L.S_Y1_DEADLINE] == date(2015, 3, 31)  # the seed's grid: 60% "by Mar 2015"


def _strings(path: Path) -> list[tuple[int, str]]:
    """Every string constant in a module except docstrings, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_a_setting_is_spelled_only_in_layout():
    """Anywhere in the code a setting is used by its name, the name comes from layout.py; in the
    domain and the demo, no message spells one either (they interpolate the layout name)."""
    names = set(L.SETTING_NAMES)
    package = ROOT / "smep_xl"
    spelled = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "layout.py":
            continue
        strict = path.is_relative_to(package / "domain") or path.is_relative_to(package / "demo")
        for line, value in _strings(path):
            if value.strip() in names or (strict and any(name in value for name in names)):
                spelled.append(f"{path.relative_to(ROOT)}:{line}: {value!r}")
    assert spelled == []


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        (L.S_PLAN_YEARS, 8000, "settings.plan_years.invalid"),
        (L.S_PLAN_START, datetime(9999, 1, 1), "settings.plan_start.invalid"),
        (L.S_PLAN_START, "9999-01-01", "settings.plan_start.invalid"),
        (L.S_AS_OF, datetime(9999, 12, 31), "settings.as_of.invalid"),
        (L.S_RED, 1e308, "settings.threshold.invalid"),
        (L.S_AMBER_DAYS, float("inf"), "settings.amber_days.invalid"),
    ],
)
def test_refresh_uses_the_default_for_a_setting_out_of_bounds_and_says_so(name, value, code):
    frames = hub_frames(**{name: value})
    done = compute(frames, as_of=date(2016, 1, 31))
    assert [f.code for f in done.result.findings if f.sheet == L.SETTINGS] == [code]
    clean = compute(hub_frames(), as_of=date(2016, 1, 31))
    assert done.result.coverage.plan == clean.result.coverage.plan  # the defaults: 2014-16
    assert done.schools.equals(clean.schools) and done.visits.equals(clean.visits)


def test_a_setting_left_blank_takes_its_default_without_a_finding():
    settings = settings_from_frame(settings_frame(**{L.S_PLAN_YEARS: None, L.S_GREEN: ""}))
    assert (settings.plan_years, settings.number(L.S_GREEN), settings.problems) == (2, 3.0, ())
