"""A later contract, as the next release might grow it: a sheet, input and computed columns,
a setting and a pick list more. Patched into layout (and what reads it) for one test, so
`smep upgrade` is proved against additions nobody listed for it."""

from __future__ import annotations

import contextlib
import dataclasses

from smep_xl import layout as L

NEW_SHEET = "Partners"
NEW_SCHOOL_INPUT = "Partner Hub"
NEW_SCHOOL_COMPUTED = "Visits This Year"
NEW_VISIT_INPUT = "Visit Lead"
NEW_OBJECTIVE_COMPUTED = "Target RAG Note"
NEW_SETTING, NEW_SETTING_DEFAULT = "Reminder Days", 14
NEW_LIST, NEW_LIST_VALUES = "Partner Type", ["Orchestra", "Venue", "Charity"]
NEW_SHEET_SPEC = L.SheetSpec(NEW_SHEET, ("Partner", "Partner Type", "Contact"), ("Schools Reached",))


@contextlib.contextmanager
def future_contract(monkeypatch):
    """The contract with every kind of addition, as the other modules would see it."""
    from smep_xl.adapters.new_workbook import rules
    from smep_xl.demo import lists as demo_lists
    from smep_xl.domain import settings

    schools = dataclasses.replace(
        L.SCHOOLS_SPEC,
        inputs=L.SCHOOLS_SPEC.inputs + (NEW_SCHOOL_INPUT,),
        computed=L.SCHOOLS_SPEC.computed + (NEW_SCHOOL_COMPUTED,),
    )
    objectives = dataclasses.replace(
        L.OBJECTIVES_SPEC, computed=L.OBJECTIVES_SPEC.computed + (NEW_OBJECTIVE_COMPUTED,)
    )
    lists_spec = dataclasses.replace(L.LISTS_SPEC, inputs=L.LISTS_SPEC.inputs + (NEW_LIST,))
    fixed = {
        **L.FIXED_SPECS,
        L.SCHOOLS: schools,
        L.OBJECTIVES: objectives,
        L.LISTS: lists_spec,
        NEW_SHEET: NEW_SHEET_SPEC,
    }
    monkeypatch.setattr(L, "SCHOOLS_SPEC", schools)
    monkeypatch.setattr(L, "OBJECTIVES_SPEC", objectives)
    monkeypatch.setattr(L, "LISTS_SPEC", lists_spec)
    monkeypatch.setattr(L, "FIXED_SPECS", fixed)
    monkeypatch.setattr(L, "SHEET_ORDER", L.SHEET_ORDER + (NEW_SHEET,))
    monkeypatch.setattr(L, "VISIT_TAIL_COLUMNS", L.VISIT_TAIL_COLUMNS + (NEW_VISIT_INPUT,))
    monkeypatch.setattr(L, "SETTING_NAMES", L.SETTING_NAMES + (NEW_SETTING,))
    monkeypatch.setitem(settings.DEFAULTS, NEW_SETTING, NEW_SETTING_DEFAULT)
    layout = rules.LISTS_LAYOUT + (NEW_LIST,)
    monkeypatch.setattr(rules, "LISTS_LAYOUT", layout)
    monkeypatch.setitem(rules.LIST_FED, (L.SCHOOLS, NEW_SCHOOL_INPUT), NEW_LIST)
    monkeypatch.setattr(demo_lists, "LISTS_COLUMNS", layout)
    original = demo_lists.list_columns
    monkeypatch.setattr(
        demo_lists, "list_columns", lambda *a: {**original(*a), NEW_LIST: list(NEW_LIST_VALUES)}
    )
    monkeypatch.setattr(L, "CONTRACT_VERSION", L.CONTRACT_VERSION + 1)
    yield
