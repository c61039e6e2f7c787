"""By When, as validate reads it: every form in the seed's grid gives a due date (or is a
recurring word), a month without a year takes the plan year it falls in, and nothing raises."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smep_xl.domain.by_when import BLANK, DATE, RECURRING, UNCLEAR, UNREADABLE, parse_by_when

PLAN_START = date(2014, 9, 1)

SEED_FORMS = [  # as typed in the Leicester-Shire SMEP 2014-16 grid, with the due date each gives
    ("Apr 2014", date(2014, 4, 30)),
    ("Mar 2014 Apr 2014 May 2014", date(2014, 5, 31)),
    ("May-June", date(2015, 6, 30)),
    ("Sep 2014 Aug 2014", date(2014, 9, 30)),
    ("Mar/Apr", date(2015, 4, 30)),
    ("May 2014", date(2014, 5, 31)),
    ("Feb 2014", date(2014, 2, 28)),
    ("Mar 2014 Jun 2014", date(2014, 6, 30)),
    ("July 2014", date(2014, 7, 31)),
    ("Sep 2014 Apr 2014", date(2014, 9, 30)),
    ("May/June 2014", date(2014, 6, 30)),
    ("Mar 2015 Apr-Oct", date(2015, 10, 31)),
    ("1 st group of school visited and follow ups 2 nd and 3 rd Oct 2014 Mar 2015", date(2015, 3, 31)),
    ("Oct 2014 Mar 2015", date(2015, 3, 31)),
    ("Apr/May 2014", date(2014, 5, 31)),
    ("Mar 2015", date(2015, 3, 31)),
    ("July 2014 Sep2014 Oct 2014", date(2014, 10, 31)),
    ("Sep2014", date(2014, 9, 30)),
    ("Dec 2014", date(2014, 12, 31)),
    ("March 2015", date(2015, 3, 31)),
    ("Oct 2014 and Feb 2015", date(2015, 2, 28)),
]


@pytest.mark.parametrize(("text", "due"), SEED_FORMS)
def test_every_seed_form_reads_as_a_due_date(text, due):
    read = parse_by_when(text, PLAN_START)
    assert (read.kind, read.due) == (DATE, due)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Mar", date(2015, 3, 31)),
        ("Oct", date(2014, 10, 31)),
        ("Sep/Oct", date(2014, 10, 31)),
        ("Jul-Aug", date(2015, 8, 31)),
    ],
)
def test_a_month_without_a_year_takes_the_plan_year_it_falls_in(text, due):
    assert parse_by_when(text, PLAN_START).due == due


@pytest.mark.parametrize("text", ["Ongoing", "Termly", "Continuous", "ongoing review", "Annually"])
def test_recurring_words_have_no_fixed_date(text):
    assert parse_by_when(text, PLAN_START).kind == RECURRING


@pytest.mark.parametrize("value", [None, float("nan"), "", "   "])
def test_blank(value):
    assert parse_by_when(value, PLAN_START).kind == BLANK


@pytest.mark.parametrize("value", ["soon", "when ready", "31/02/2015", "2015-13-01", "TBC"])
def test_unreadable(value):
    assert parse_by_when(value, PLAN_START).kind == UNREADABLE


def test_a_plan_at_the_end_of_the_calendar_reads_rather_than_raises():
    assert parse_by_when("Mar", date(9999, 12, 1)).kind == UNREADABLE  # March 10000 is no date
    assert parse_by_when("Oct 2014", date(9999, 12, 1)).kind == UNCLEAR  # far from such a plan


def test_real_dates_are_their_own_due_date():
    assert parse_by_when(datetime(2015, 3, 15, 9, 0), PLAN_START).due == date(2015, 3, 15)
    assert parse_by_when(date(2015, 3, 15), PLAN_START).due == date(2015, 3, 15)


WORDS = st.sampled_from(
    [
        "Mar",
        "Sep/Oct",
        "Autumn",
        "Summer term",
        "3rd Oct",
        "31 Feb",
        "2014/15",
        "Oct 2014",
        "Ongoing",
        "and",
        "31/02/2015",
        "2015-13-01",
        "1/1/99",
        "2099",
        " ",
    ]
)


@given(
    st.one_of(
        st.text(),
        st.lists(WORDS, max_size=5).map(" ".join),
        st.integers(),
        st.floats(),
        st.booleans(),
        st.dates(),
        st.none(),
    ),
    st.dates(),
)
def test_never_raises(value, start):
    read = parse_by_when(value, start)
    assert read.kind in (DATE, RECURRING, BLANK, UNREADABLE, UNCLEAR)
    assert (read.due is not None) == (read.kind == DATE)


# ---- the decisions of docs/rules.md, "Due Date: reading By When", worked by hand
DECIDED = [
    ("Sep 2014 Aug 2014", date(2014, 9, 30)),  # the latest in time, not the last written
    ("Sep 2014 Apr 2014", date(2014, 9, 30)),
    ("Apr/May 2014", date(2014, 5, 31)),  # a bare month takes the year written after it
    ("Mar 2015 Apr-Oct", date(2015, 10, 31)),  # ... else follows the period before it
    ("Nov 2014 Feb", date(2015, 2, 28)),
    ("Sep 2014 Aug", date(2015, 8, 31)),
    ("2015", date(2015, 12, 31)),
    ("Autumn term 2014", date(2014, 12, 31)),
    ("Spring 2015", date(2015, 3, 31)),
    ("Summer term", date(2015, 7, 31)),
    ("autumn", date(2014, 12, 31)),
    ("Spring term 2014/15", date(2015, 3, 31)),
    ("2015/16", date(2016, 8, 31)),
    ("2015/2016", date(2016, 8, 31)),
    ("2015-16", date(2016, 8, 31)),
    ("Ongoing to Jul 2016", date(2016, 7, 31)),
    ("from Sep 2014 to Jul 2015", date(2015, 7, 31)),
    ("Sept. 2015", date(2015, 9, 30)),
]


@pytest.mark.parametrize(("text", "due"), DECIDED)
def test_the_decided_readings(text, due):
    read = parse_by_when(text, PLAN_START)
    assert (read.kind, read.due) == (DATE, due)


def test_a_bare_month_is_in_the_plans_first_year_whatever_its_length():
    for years in (1, 2, 3, 5):
        assert parse_by_when("Jul", PLAN_START, years).due == date(2015, 7, 31)
        assert parse_by_when("Nov", PLAN_START, years).due == date(2014, 11, 30)


@pytest.mark.parametrize(
    "text", ["Ongoing", "Termly", "Annually", "Half-termly", "Annually in March", "Termly from Jan 2015"]
)
def test_recurring_has_no_due_date_and_bare_months_beside_it_say_when_it_recurs(text):
    assert parse_by_when(text, PLAN_START).kind == RECURRING


@pytest.mark.parametrize(
    ("text", "problem", "suggestion"),
    [
        ("Marhc 2015", "'Marhc' is not a month or term", "Did you mean 'March 2015'?"),
        ("Apirl/May 2015", "'Apirl' is not a month or term", "Did you mean 'April/May 2015'?"),
        ("Mar 2105", "the year 2105 is far from the plan", "Did you mean 2015?"),
        ("Winter 2014", "winter is not a school term", ""),
        ("2015/17", "'2015/17' is not an academic year", "Write the academic year as 2015/16."),
        ("From Sep 2014", "it says when the work starts but not when it is due", ""),
    ],
)
def test_what_is_not_fully_understood_is_unclear_with_a_suggestion(text, problem, suggestion):
    read = parse_by_when(text, PLAN_START)
    assert (read.kind, read.due, read.problem) == (UNCLEAR, None, problem)
    assert read.suggestion.startswith(suggestion)


@given(
    st.lists(
        st.tuples(st.sampled_from(["Jan", "Mar", "Jun", "Sep", "Nov"]), st.integers(2013, 2017)),
        min_size=1,
        max_size=4,
    )
)
def test_the_due_date_is_the_latest_of_the_periods_named_each_on_its_own(periods):
    texts = [f"{month} {year}" for month, year in periods]
    alone = [parse_by_when(t, PLAN_START).due for t in texts]
    assert parse_by_when(" ".join(texts), PLAN_START).due == max(alone)
