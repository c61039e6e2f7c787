"""Criteria, Lists and Settings checks."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from smep_xl import layout as L
from tests.validate_fixture import add_row, check, clean_tables, codes, only, put


def with_setting(name: str, value, **kw):
    t = clean_tables()
    frame = t[L.SETTINGS]
    frame.loc[frame[L.SET_NAME] == name, L.SET_VALUE] = value
    return check(t, **kw)


def setting_row(name: str) -> int:
    return list(clean_tables()[L.SETTINGS][L.SET_NAME]).index(name) + 2


def test_weights():
    t = put(clean_tables(), L.CRITERIA, 3, L.CRI_WEIGHT, 2.5)
    assert check(t) == []
    f = only(check(put(clean_tables(), L.CRITERIA, 3, L.CRI_WEIGHT, -1)), "criteria.weight.invalid")
    assert (f.cell, f.severity) == ("C3", "error") and "-1" in f.message
    assert only(check(put(clean_tables(), L.CRITERIA, 3, L.CRI_WEIGHT, "heavy")), "criteria.weight.invalid")
    assert only(check(put(clean_tables(), L.CRITERIA, 3, L.CRI_WEIGHT, None)), "criteria.weight.missing")
    assert codes(check(put(clean_tables(), L.CRITERIA, 3, L.CRI_WEIGHT, "2"))) == ["cell.number_as_text"]


def test_key_yes_or_no():
    assert check(put(clean_tables(), L.CRITERIA, 3, L.CRI_KEY, "no")) == []
    assert (
        only(check(put(clean_tables(), L.CRITERIA, 3, L.CRI_KEY, "Key")), "criteria.key.format").cell == "D3"
    )


def test_criterion_names():
    t = clean_tables()
    add_row(t, L.CRITERIA, {L.CRI_NAME: None, L.CRI_WEIGHT: 1})
    assert only(check(t), "criteria.name.missing").cell == "A10"
    t = clean_tables()
    add_row(t, L.CRITERIA, {L.CRI_NAME: "TEACHING", L.CRI_WEIGHT: 1})
    assert [f.cell for f in check(t) if f.code == "criteria.name.duplicate"] == ["A4", "A10"]


def test_no_criteria_at_all():
    t = clean_tables()
    t[L.CRITERIA] = t[L.CRITERIA].iloc[0:0]
    f = only(check(t), "criteria.empty")
    assert (f.sheet, f.cell, f.severity) == (L.CRITERIA, "A1", "error")
    assert "visit.criterion.missing_column" not in codes(check(t))


def test_lists_repeats_and_empty_lists():
    t = put(clean_tables(), L.LISTS, 3, L.LIST_AREA, "City")
    f = only(check(t), "lists.duplicate")
    assert f.message == "'City' is already in the Area list (row 2)." and f.cell == "B3"
    t = clean_tables()
    t[L.LISTS][L.LIST_SLE] = None
    f = only(check(t), "lists.empty")
    assert (f.severity, f.column) == ("info", L.LIST_SLE)


def test_plan_start():
    later = with_setting(L.S_PLAN_START, datetime(2016, 9, 1), today=datetime(2017, 1, 1).date())
    assert codes(later) == ["visit.date.outside_plan"] * 3  # the plan window moves with Plan Start
    f = only(with_setting(L.S_PLAN_START, None), "settings.plan_start.invalid")
    assert f.cell == f"B{setting_row(L.S_PLAN_START)}" and "blank" in f.message
    assert codes(with_setting(L.S_PLAN_START, "01/09/2014")) == ["cell.date_as_text"]
    impossible = only(with_setting(L.S_PLAN_START, "31/09/2014"), "settings.plan_start.invalid")
    assert (
        "not a real date (September 2014 has 30 days), so 01/09/2014 (the default) is used"
        in impossible.message
    )
    assert codes(with_setting(L.S_PLAN_START, "September")) == ["settings.plan_start.invalid"]


def test_as_of_may_be_blank_but_not_wrong():
    assert with_setting(L.S_AS_OF, datetime(2015, 7, 31)) == []
    assert codes(with_setting(L.S_AS_OF, "soon")) == ["settings.as_of.invalid"]


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        (L.S_PLAN_YEARS, 0, "settings.plan_years.invalid"),
        (L.S_PLAN_YEARS, 1.5, "settings.plan_years.invalid"),
        (L.S_AMBER_DAYS, -1, "settings.amber_days.invalid"),
        (L.S_AMBER_DAYS, "a month", "settings.amber_days.invalid"),
        (L.S_GREEN, 5, "settings.threshold.invalid"),
        (L.S_RED, "low", "settings.threshold.invalid"),
        (L.S_Y1_TARGET, 150, "settings.target.invalid"),
        (L.S_PLAN_TARGET, "all", "settings.target.invalid"),
        (L.S_HUB_EMAIL, "hub", "settings.email.format"),
        (L.S_PLAN_YEARS, "2", "cell.number_as_text"),
    ],
)
def test_bad_setting_values(name, value, code):
    f = only(with_setting(name, value), code)
    assert f.cell == f"B{setting_row(name)}"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        (L.S_Y1_TARGET, "60%"),
        (L.S_Y1_TARGET, 60),
        (L.S_PLAN_TARGET, 1.0),
        (L.S_AMBER_DAYS, 0),
        (L.S_GREEN, 3.5),
    ],
)
def test_good_setting_values(name, value):
    assert [c for c in codes(with_setting(name, value)) if c != "cell.number_as_text"] == []


def test_thresholds_in_order():
    f = only(with_setting(L.S_RED, 3.0), "settings.thresholds.order")
    assert f.message == "Red Threshold 3 is not below Green Threshold 3, so the defaults (2 and 3) are used."
    assert f.cell == f"B{setting_row(L.S_RED)}"


def test_template_paths_use_the_callers_filesystem():
    seen = []

    def exists(path: str) -> bool:
        seen.append(path)
        return path.endswith("audit_form.docx")

    f = only(check(file_exists=exists), "settings.template.missing")
    assert f.message == "Letter Template 'templates/feedback_letter.docx' cannot be found."
    assert seen == ["templates/feedback_letter.docx", "templates/audit_form.docx"]
    assert check(file_exists=None) == []


def test_letter_file_name_fields():
    assert with_setting(L.S_LETTER_FILE_NAME, "{urn} {school} {visit_date} {Visit Type}") == []
    f = only(with_setting(L.S_LETTER_FILE_NAME, "{URN} {Head}"), "settings.file_name.unknown_field")
    assert "{Head}" in f.message


def test_missing_and_repeated_setting_rows():
    t = clean_tables()
    frame = t[L.SETTINGS]
    t[L.SETTINGS] = frame[frame[L.SET_NAME] != L.S_HUB_PHONE]
    f = only(check(t), "settings.missing")
    assert (f.severity, f.cell) == ("info", "A1") and "'Hub Phone'" in f.message
    t = clean_tables()
    t[L.SETTINGS] = pd.concat(
        [t[L.SETTINGS], pd.DataFrame([[L.S_GREEN, 3.5]], columns=[L.SET_NAME, L.SET_VALUE])]
    )
    f = only(check(t), "settings.duplicate")
    assert f.row == len(t[L.SETTINGS]) + 1 and f.cell.startswith("A")


def test_counts_as_visit_and_scored_are_yes_or_no():
    t = put(clean_tables(), L.LISTS, 3, L.LIST_COUNTS_AS_VISIT, "sometimes")
    f = only(check(t), "lists.yes_no.format")
    assert (f.cell, f.severity) == ("D3", "warning") and "counts as Yes" in f.message
    assert check(put(clean_tables(), L.LISTS, 3, L.LIST_SCORED, None)) == []  # blank means Yes


@pytest.mark.parametrize(
    ("name", "value", "code", "used"),
    [
        (L.S_PLAN_YEARS, 8000, "settings.plan_years.invalid", "2 (the default) is used"),
        (
            L.S_PLAN_START,
            datetime(9999, 1, 1),
            "settings.plan_start.invalid",
            "01/09/2014 (the default) is used",
        ),
        (L.S_AS_OF, datetime(1999, 12, 31), "settings.as_of.invalid", "it is left blank (today)"),
        (L.S_AMBER_DAYS, 400, "settings.amber_days.invalid", "30 (the default) is used"),
        (
            L.S_Y1_DEADLINE,
            datetime(2017, 3, 31),
            "settings.year1_deadline.invalid",
            "the last day of plan year 1",
        ),
        (L.S_HUB_NAME, "x" * 101, "settings.text.too_long", "Music Education Hub (the default) is used"),
        (L.S_LA_CODES, "Leicestershire", "settings.la_codes.invalid", "not local authority codes"),
    ],
)
def test_every_setting_is_bounded_and_the_finding_says_what_is_used(name, value, code, used):
    f = only(with_setting(name, value), code)
    assert f.cell == f"B{setting_row(name)}" and used in f.message
