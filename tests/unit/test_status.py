"""The one rule that says whether a target is on track (domain/status.py), on the worked
examples of docs/dashboard.md: every figure below is worked by hand, not by the code."""

from __future__ import annotations

from datetime import date

import pytest

from smep_xl import layout as L
from smep_xl.domain.status import Goal, assess, gap_text, pace_text, time_text

START, Y1_END, PLAN_END = date(2014, 9, 1), date(2015, 8, 31), date(2016, 8, 31)
AS_OF = date(2015, 7, 31)  # 333 days into the plan; 397 days left of it, 31 left of year 1
MARGIN = 0.1


def goal(achieved: int, base: int = 395, target: float = 1.0, deadline: date = PLAN_END, **kw) -> Goal:
    return Goal("m", achieved, base, target, kw.pop("start", START), deadline, **kw)


def test_plan_coverage_ahead_of_the_line_is_on_track():
    # needed 395; the line asks for 395 x 333/730 = 180.2 by now; 231 is ahead of it
    a = assess(goal(231), AS_OF, MARGIN)
    assert (a.status, a.goal.needed, round(a.expected, 1), a.gap, a.days_left) == (
        L.ON_TRACK,
        395,
        180.2,
        164,
        397,
    )
    assert a.pace == 2.9  # 164 schools over 397/7 = 56.7 weeks: 2.89, shown rounded up
    assert (gap_text(a), time_text(a, AS_OF), pace_text(a)) == (
        "164 schools short",
        "397 days",
        "2.9 schools a week to reach 100%",
    )


def test_a_little_behind_the_line_is_at_risk_further_behind_is_behind():
    # 50% by 31 Aug 2015: needed ceil(197.5) = 198; the line asks for 198 x 333/364 = 181.1;
    # the margin is a tenth of the target, 19.8 schools: At risk from 161.3 up
    sdp = [assess(goal(n, target=0.5, deadline=Y1_END), AS_OF, MARGIN).status for n in (182, 172, 162, 161)]
    assert sdp == [L.ON_TRACK, L.AT_RISK, L.AT_RISK, L.BEHIND]
    # 100% by the end of the plan, 118 of 395: 62 behind the line of 180.2, more than 39.5
    assert assess(goal(118), AS_OF, MARGIN).status == L.BEHIND


def test_a_passed_deadline_not_met_is_behind_and_has_no_pace():
    # year 1: 60% of 395 by 31 Mar 2015 is 237 schools; 180 were visited
    a = assess(goal(180, target=0.6, deadline=date(2015, 3, 31)), AS_OF, MARGIN)
    assert (a.status, a.gap, a.pace) == (L.BEHIND, 57, None)
    assert (time_text(a, AS_OF), pace_text(a)) == ("ended 31 Mar 2015", "the deadline has passed")


def test_met_whenever_reached_even_after_the_deadline():
    assert assess(goal(74, base=222, target=0.3, deadline=Y1_END), AS_OF, MARGIN).status == L.MET  # 67 needed
    late = assess(goal(237, target=0.6, deadline=date(2015, 3, 31)), AS_OF, MARGIN)
    assert (late.status, gap_text(late), pace_text(late)) == (L.MET, "none", "")


def test_before_its_period_starts_a_target_is_on_track_and_its_pace_counts_from_the_start():
    # year 2: 40% of 395 = 158 schools from 1 Sep 2015 to 31 Aug 2016 (366 days, 52.3 weeks)
    a = assess(goal(0, target=0.4, start=date(2015, 9, 1)), AS_OF, MARGIN)
    assert (a.status, time_text(a, AS_OF), a.pace) == (L.ON_TRACK, "starts 1 Sep 2015", 3.1)


def test_goals_with_due_dates_are_behind_when_one_is_overdue_at_risk_when_one_is_due_soon():
    kw = {"unit": "visits", "base": 25, "deadline": date(2015, 9, 10)}
    overdue = assess(goal(13, overdue=9, first_due=date(2015, 3, 4), **kw), AS_OF, MARGIN)
    assert (overdue.status, gap_text(overdue), time_text(overdue, AS_OF)) == (
        L.BEHIND,
        "12 owed, 9 overdue",
        "first due 4 Mar 2015",
    )
    soon = assess(goal(13, overdue=0, due_soon=2, first_due=date(2015, 8, 10), **kw), AS_OF, MARGIN)
    assert (soon.status, time_text(soon, AS_OF)) == (L.AT_RISK, "next due 10 Aug 2015")
    calm = assess(goal(13, overdue=0, due_soon=0, first_due=date(2015, 9, 10), **kw), AS_OF, MARGIN)
    assert calm.status == L.ON_TRACK  # however far behind a straight line it would be
    assert assess(goal(0, overdue=0, **{**kw, "base": 0}), AS_OF, MARGIN).status == L.MET  # no Red school


@pytest.mark.parametrize(("left", "weeks", "shown"), [(1, 52, 0.1), (30, 3, 10.0), (1, 1, 1.0), (7, 2, 3.5)])
def test_the_pace_is_rounded_up_so_a_target_never_asks_for_0_a_week(left, weeks, shown):
    a = assess(
        goal(395 - left, deadline=date(2015, 7, 31) + (date(2015, 8, 7) - date(2015, 7, 31)) * weeks),
        AS_OF,
        0,
    )
    assert a.pace == shown


def test_words_take_the_singular():
    a = assess(goal(394), AS_OF, MARGIN)
    assert gap_text(a) == "1 school short"
    assert time_text(assess(goal(0, deadline=date(2015, 8, 1)), AS_OF, MARGIN), AS_OF) == "1 day"
