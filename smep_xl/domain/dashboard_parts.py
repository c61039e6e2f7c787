"""Everything the Dashboard adds to coverage and ratings: the measures and their status, the
action lists, impact and the trends, worked out from the rows Refresh admits."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.arrays import dates_of
from smep_xl.domain.coverage import Coverage
from smep_xl.domain.dashboard import Parts
from smep_xl.domain.dashboard_lists import ListInputs, action_lists
from smep_xl.domain.dashboard_trends import monthly
from smep_xl.domain.impact import engagement, improving, movement
from smep_xl.domain.inputs import Inputs
from smep_xl.domain.measures import SchoolFlags, assess_all, engaged, measure_goals, school_flags
from smep_xl.domain.rag import SchoolRatings, column, keys_of
from smep_xl.domain.status import Assessed


def dashboard_parts(
    inputs: Inputs, log: pd.DataFrame, ratings: SchoolRatings, cov: Coverage, as_of: date, link: str
) -> Parts:
    settings, schools = inputs.settings, inputs.frame(L.SCHOOLS)
    statuses, flags = measure_statuses(inputs, log, ratings, cov, as_of)
    lists = action_lists(ListInputs(schools, ratings, flags.visited, as_of, link), settings)
    is_engaged = engaged(schools, flags.visited)
    impact = [improving(schools, ratings), engagement(schools, ratings, is_engaged)]
    return Parts(
        statuses,
        lists,
        impact,
        [monthly(cov, log, ratings), movement(ratings)],
        [_reviews_due(schools, ratings, as_of)],
    )


def measure_statuses(
    inputs: Inputs, log: pd.DataFrame, ratings: SchoolRatings, cov: Coverage, as_of: date
) -> tuple[list[Assessed], SchoolFlags]:
    """Each Dashboard measure against its target (what a snapshot records), and the per-school
    flags they were counted from."""
    settings, schools = inputs.settings, inputs.frame(L.SCHOOLS)
    flags = school_flags(schools, log, ratings, settings, inputs.schools.cohort)
    awards = _list(inputs.frame(L.LISTS), L.LIST_AWARD)
    goals = measure_goals(schools, ratings, cov, flags, settings, as_of, awards)
    return assess_all(goals, settings, as_of), flags


def _list(lists: pd.DataFrame, name: str) -> list[str]:
    values = keys_of(column(lists, name))
    return list(dict.fromkeys(v for v in values if v))


def _reviews_due(schools: pd.DataFrame, ratings: SchoolRatings, as_of: date) -> tuple[str, object, str]:
    """Published Music Development Plans whose review date has passed."""
    published = np.char.lower(keys_of(column(schools, L.SCH_MDP)).astype(str)) == "yes"
    late = dates_of(column(schools, L.SCH_MDP_REVIEW)) < np.datetime64(as_of, "D")  # NaT is never late
    n = int((published & late & np.asarray(ratings.open, dtype=bool)).sum())
    return ("MDPs past their review date", n, "published Music Development Plans due a review")
