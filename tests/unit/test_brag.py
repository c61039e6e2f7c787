"""Target RAG (BRAG), Due Date and Days Left of each objective row (domain/brag.py)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from smep_xl import layout as L
from smep_xl.domain.brag import brag_counts, elapsed_percent, rate_target, rate_targets
from smep_xl.domain.settings import settings_from_frame
from tests.refresh_fixture import as_sheet, objectives_frame, settings_frame

START = date(2014, 9, 1)


def brag(by_when, status=None, progress=None, as_of=date(2015, 3, 1), window=30):
    return rate_target(by_when, status, progress, plan_start=START, as_of=as_of, window=window)


@pytest.mark.parametrize(
    "status, progress",
    [("Complete", None), ("completed", 0), (None, 100), (None, "100%"), (None, 120), ("Complete", 10)],
)
def test_blue_when_complete_or_progress_100_even_when_overdue(status, progress):
    assert brag("Oct 2014", status, progress).rag == L.BLUE


def test_red_when_the_due_date_has_passed_not_on_the_day_itself():
    assert brag("28/02/2015", progress=90) == (date(2015, 2, 28), L.RED, -1.0)
    assert brag("01/03/2015", progress=90) == (date(2015, 3, 1), L.AMBER, 0.0)  # due today: not past yet


def test_amber_when_due_within_the_window_and_behind_time():
    # due 31 Mar 2015; 181 of 211 days since Plan Start gone = 85.8%
    assert brag("Mar 2015", progress=50) == (date(2015, 3, 31), L.AMBER, 30.0)  # exactly on the window
    assert brag("Mar 2015", progress="86%").rag == L.GREEN  # ahead of time
    assert brag("Mar 2015", progress=50, window=29).rag == L.GREEN  # outside a shorter window
    assert brag("Apr 2015", progress=0).rag == L.GREEN  # 60 days off: not in the window yet


def test_progress_exactly_on_time_is_green_and_blank_progress_is_zero():
    due = date(2015, 3, 31)
    on_time = elapsed_percent(START, due, date(2015, 3, 1))
    assert round(on_time, 2) == 85.78
    assert brag("Mar 2015", progress=on_time).rag == L.GREEN
    assert brag("Mar 2015", progress=None).rag == L.AMBER


def test_due_date_is_the_end_of_the_last_period_named():
    assert brag("Mar/Apr 2015").due == date(2015, 4, 30)
    assert brag("Oct 2014 and Feb 2015").due == date(2015, 2, 28)


def test_by_when_without_a_year_takes_the_plan_year_it_falls_in():
    assert brag("Jul").due == date(2015, 7, 31)  # Jan-Aug: the calendar year after Plan Start
    assert brag("Nov").due == date(2014, 11, 30)  # Sep-Dec: the year Plan Start is in
    assert brag("Nov", as_of=date(2015, 1, 1)).rag == L.RED


def test_no_due_date_ongoing_is_green_blank_or_unreadable_is_not_rated():
    assert brag("Ongoing") == (None, L.GREEN, None)
    assert brag("when we can") == (None, None, None)
    assert brag(None) == (None, None, None)
    assert brag(None, "Complete").rag == L.BLUE


def test_as_of_before_plan_start_still_rates():
    early = date(2014, 6, 1)
    assert brag("Mar 2015", progress=0, as_of=early) == (date(2015, 3, 31), L.GREEN, 303.0)
    assert brag("Jun 2014", progress=0, as_of=early).rag == L.AMBER  # due before Plan Start: all time gone
    assert brag("Jun 2014", progress=100, as_of=early).rag == L.BLUE
    assert elapsed_percent(START, date(2015, 3, 31), early) == 0.0


def test_rate_targets_writes_every_row_from_settings():
    settings = settings_from_frame(settings_frame(**{L.S_AMBER_DAYS: 10}))
    out = rate_targets(as_sheet(objectives_frame()), settings, date(2016, 1, 31))
    assert list(out.columns) == [L.OBJ_DUE, L.OBJ_BRAG, L.OBJ_DAYS_LEFT]
    assert list(out.index) == list(range(2, 10)) and all(d == "object" for d in out.dtypes)
    assert out[L.OBJ_BRAG].tolist() == [L.RED, L.BLUE, L.GREEN, L.BLUE, L.RED, L.GREEN, None, L.GREEN]
    assert out.loc[4, L.OBJ_DAYS_LEFT] == 29.0  # 29 Feb 2016, 29 days on: outside a 10-day window
    assert out.loc[7, L.OBJ_DUE] is None and out.loc[7, L.OBJ_DAYS_LEFT] is None


def test_brag_counts_include_rows_with_a_target_but_no_rating():
    objectives = as_sheet(objectives_frame())
    out = rate_targets(objectives, settings_from_frame(settings_frame()), date(2016, 1, 31))
    counts = brag_counts(objectives, out)
    assert counts == {L.BLUE: 2, L.GREEN: 2, L.AMBER: 1, L.RED: 2, L.DB_NOT_RATED: 1}
    empty = pd.DataFrame({L.OBJ_TARGET: [None], L.OBJ_BY_WHEN: [None]}, dtype=object)
    assert (
        brag_counts(empty, rate_targets(empty, settings_from_frame(settings_frame()), START))[L.DB_NOT_RATED]
        == 0
    )


def test_worked_example_of_docs_rules():
    as_of = date(2016, 1, 31)
    assert round(elapsed_percent(START, date(2016, 2, 29), as_of), 1) == 94.7  # 517 of 546 days
    assert brag("Feb 2016", progress=10, as_of=as_of) == (date(2016, 2, 29), L.AMBER, 29.0)
    assert brag("Feb 2016", "Complete", 10, as_of=as_of).rag == L.BLUE
    assert brag("Mar/Apr 2015", progress=20, as_of=as_of).rag == L.RED
    assert brag("Jun 2016", progress=5, as_of=as_of) == (date(2016, 6, 30), L.GREEN, 151.0)


def test_a_column_of_excel_percentages_reads_1_as_100_percent():
    from smep_xl.domain.values import percent_column

    assert percent_column([0.5, 1, None, 0.25]) == [50.0, 100.0, None, 25.0]
    assert percent_column([50, 1, "100%"]) == [50.0, 1.0, 100.0]  # whole numbers: 1 is 1%
    assert percent_column([1, 0]) == [1.0, 0.0]  # no fraction anywhere: nothing to say they are percentages


# ---- issue items and decisions
def test_a_complete_target_has_no_days_left():
    # Oct 2014, complete, rated at 31 Jan 2016: 457 days past, but nothing is left to count
    assert brag("Oct 2014", "Complete", as_of=date(2016, 1, 31)) == (date(2014, 10, 31), L.BLUE, None)
    assert brag("Feb 2016", progress=100, as_of=date(2016, 1, 31)) == (date(2016, 2, 29), L.BLUE, None)
    assert brag("Mar/Apr 2015", progress=20, as_of=date(2016, 1, 31)).days_left == -276.0  # 30 Apr 2015


def test_a_by_when_not_fully_understood_is_not_rated_rather_than_guessed():
    assert brag("Marhc 2015", progress=20) == (None, None, None)  # not 31 Dec 2015, Green
    assert brag("Mar 2105", progress=20) == (None, None, None)
    assert brag("Marhc 2015", "Complete").rag == L.BLUE  # complete needs no date


def rated(progress: list) -> list:
    frame = pd.DataFrame(
        {L.OBJ_NO: 1, L.OBJ_TARGET: "t", L.OBJ_BY_WHEN: "Oct 2014", L.OBJ_PROGRESS: progress}, dtype=object
    )
    out = rate_targets(as_sheet(frame), settings_from_frame(settings_frame()), date(2015, 3, 1))
    return out[L.OBJ_BRAG].tolist()


def test_a_progress_validate_rejects_leaves_the_row_not_rated():
    assert rated([150, "half", -5, 100, 40]) == [None, None, None, L.BLUE, L.RED]  # 150% is not Blue
    assert rated([1.5]) == [L.RED]  # 1.5%: a number Validate accepts
