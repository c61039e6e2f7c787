"""Objectives checks: each rule's good case and bad cases, on the small clean book."""

from __future__ import annotations

from datetime import datetime

import pytest

from smep_xl import layout as L
from tests.validate_fixture import add_row, check, clean_tables, codes, only, put

OBJ = L.OBJECTIVES


def with_cell(column: str, value, row: int = 3):
    return check(put(clean_tables(), OBJ, row, column, value))


def test_blank_objective_no_is_inherited_from_above():
    assert check(put(clean_tables(), OBJ, 3, L.OBJ_NO, None)) == []


def test_first_rows_without_an_objective_no_are_errors():
    t = put(clean_tables(), OBJ, 2, L.OBJ_NO, None)
    found = check(put(t, OBJ, 3, L.OBJ_NO, None))
    hits = [f for f in found if f.code == "objective.number.missing"]
    assert [f.cell for f in hits] == ["A2", "A3", "A4"]  # row 5 starts objective 2
    assert all(f.severity == "error" for f in hits)


def test_empty_table_rows_are_not_checked():
    t = clean_tables()
    add_row(t, OBJ, dict.fromkeys(L.OBJECTIVES_SPEC.columns))
    assert check(t) == []


def test_action_or_target_is_enough():
    assert with_cell(L.OBJ_ACTION, None) == []
    assert with_cell(L.OBJ_TARGET, None) == []
    t = put(clean_tables(), OBJ, 3, L.OBJ_ACTION, None)
    f = only(check(put(t, OBJ, 3, L.OBJ_TARGET, "  ")), "objective.action.missing")
    assert (f.cell, f.severity) == ("D3", "error")


@pytest.mark.parametrize(
    ("column", "code"),
    [(L.OBJ_LEADS, "objective.leads.missing"), (L.OBJ_BY_WHEN, "objective.by_when.missing")],
)
def test_required_fields(column, code):
    f = only(with_cell(column, None), code)
    assert f.row == 3 and f.column == column and f.severity == "error"


@pytest.mark.parametrize(
    "value",
    [
        "Mar 2014",
        "Mar/Apr",
        "Apr/May 2014",
        "May-June",
        "May/June 2014",
        "Sep2014",
        "Oct 2014 and Feb 2015",
        "Mar 2014 Apr 2014 May 2014",
        "July 2014",
        "1st group of school visited and follow ups 2nd and 3rd Oct 2014 Mar 2015",
        "Ongoing",
        "Termly",
        "Continuous",
        datetime(2015, 3, 31),
        "15/03/2015",
    ],
)
def test_readable_by_when(value):
    assert with_cell(L.OBJ_BY_WHEN, value) == []


def test_unreadable_by_when_is_quoted():
    f = only(with_cell(L.OBJ_BY_WHEN, "when ready"), "objective.by_when.unreadable")
    assert f.cell == "H3" and "'when ready'" in f.message and "Mar 2015" in f.suggestion


@pytest.mark.parametrize(
    ("value", "why"), [("31/02/2015", "February 2015 has 28 days"), ("2015-13-01", "there is no month 13")]
)
def test_impossible_date_in_by_when(value, why):
    found = with_cell(L.OBJ_BY_WHEN, value)
    f = only(found, "cell.date_impossible")
    assert why in f.message and f.severity == "error"
    assert "objective.by_when.unreadable" not in codes(found)  # one finding per cell says it


def test_duplicate_ref_names_the_other_row():
    found = with_cell(L.OBJ_REF, "1i")
    hits = [f for f in found if f.code == "objective.ref.duplicate"]
    assert [(f.cell, f.message) for f in hits] == [
        ("C2", "Ref '1i' is also on row 3."),
        ("C3", "Ref '1i' is also on row 2."),
    ]


def test_blank_refs_are_not_duplicates():
    t = put(clean_tables(), OBJ, 2, L.OBJ_REF, None)
    assert check(put(t, OBJ, 3, L.OBJ_REF, None)) == []


@pytest.mark.parametrize(
    "value",
    [
        7000,
        0,
        "Within roles",
        "in kind.",
        "None",
        "Supply cover = £7000",
        "£7.5k",
        # the seed's own in-kind budgets: words, not a mistyped amount
        "ACE budget.",
        "Business Advisor costs.",
        "LSMS SMEP dev group time 10 days",
        "HT briefings; Training of SEF team",
    ],
)
def test_good_budgets(value):
    assert with_cell(L.OBJ_BUDGET, value) == []


@pytest.mark.parametrize("value", ["£7,0O0", "7.000.00", "£ 1,2.5.0"])
def test_an_amount_that_cannot_be_read_is_a_warning(value):
    f = only(with_cell(L.OBJ_BUDGET, value), "objective.budget.format")
    assert (
        f.severity == "warning"
        and f.message == f"Budget '{value}' looks like an amount but cannot be read as one."
    )


def test_budget_negative_and_text_number():
    assert (
        only(with_cell(L.OBJ_BUDGET, -5), "objective.budget.negative").message == "Budget -5 is below zero."
    )
    assert only(with_cell(L.OBJ_BUDGET, "7000"), "cell.number_as_text").cell == "J3"


def test_status_from_lists():
    assert with_cell(L.OBJ_STATUS, "Complete") == []
    f = only(with_cell(L.OBJ_STATUS, "complete"), "objective.status.unknown")
    assert "'Complete'" in f.suggestion
    f = only(with_cell(L.OBJ_STATUS, "Finished"), "objective.status.unknown")
    assert "'Finished'" in f.message


@pytest.mark.parametrize("value", [0, 50, 100, 0.5, 0.25])
def test_progress_numbers(value):
    assert with_cell(L.OBJ_PROGRESS, value) == []


def test_progress_as_percent_text_reads_but_warns():
    assert codes(with_cell(L.OBJ_PROGRESS, "50%")) == ["cell.number_as_text"]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (150, "objective.progress.range"),
        (-1, "objective.progress.range"),
        ("half", "objective.progress.not_number"),
        (True, "objective.progress.not_number"),
    ],
)
def test_progress_bad(value, code):
    f = only(with_cell(L.OBJ_PROGRESS, value), code)
    assert f.severity == "error" and f.cell == "M3"


@pytest.mark.parametrize(
    "value",
    [
        "100% schools communicated with",
        "All schools listed",
        "Report by March",
        "Two training sessions",
        "Termly reports",
        # outcomes, done or not: the seed's own targets
        "Feedback collated from schools",
        "Reviewed business practices\nUpgrade database to 'Paritor Live'",
        "LA performance teams stats integrated into database",
        "Included in schools SEF",
    ],
)
def test_measurable_targets(value):
    assert with_cell(L.OBJ_TARGET, value) == []


@pytest.mark.parametrize(
    "value",
    [
        "Reporting progress at Strategy and Exec meetings",
        "Offer expert informative advice, guidance and support as linked to outcomes in SE.",
    ],
)
def test_an_activity_with_no_measure_is_a_warning(value):
    f = only(with_cell(L.OBJ_TARGET, value), "objective.target.not_measurable")
    assert f.severity == "warning" and "cannot be measured" in f.message


def test_a_by_when_not_fully_understood_is_an_error_with_a_suggestion():
    f = only(with_cell(L.OBJ_BY_WHEN, "Marhc 2015"), "objective.by_when.unclear")
    assert (f.severity, f.cell) == ("error", "H3")
    assert f.message == (
        "By When 'Marhc 2015' is not fully understood: 'Marhc' is not a month or term, "
        "so this row gets no Target RAG."
    )
    assert f.suggestion == "Did you mean 'March 2015'?"
    for understood in ("March 2015", "Spring term 2015", "2015/16", "Termly from Jan 2015"):
        assert with_cell(L.OBJ_BY_WHEN, understood) == [], understood
