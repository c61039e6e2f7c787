"""The input tables of a new master workbook: blank, or filled with the demo hub.

The demo is the Leicester-Shire Music Education Hub's SMEP 2014-16 objectives grid, as
published, with invented but realistic schools and visits. It is pure data (stdlib and
pandas) and deterministic: the same seed always gives the same frames.
"""

from __future__ import annotations

import random

import pandas as pd

from smep_xl import layout as L
from smep_xl.demo.grid import objectives_frame
from smep_xl.demo.lists import SLES, criteria_frame, lists_frame, settings_frame
from smep_xl.demo.places import AREA_NAMES
from smep_xl.demo.plan_inputs import add_plan_inputs
from smep_xl.demo.schools import schools_frame
from smep_xl.demo.visits import Criterion, visits_frame

DEMO_SCHOOLS = 400
DEMO_SEED = 2014


def default_criteria() -> list[Criterion]:
    return [Criterion(name, key == L.YES) for name, _, _, key in L.DEFAULT_CRITERIA]


def build_demo_frames(
    schools: int = DEMO_SCHOOLS, visits_per_school: float | None = None, seed: int = DEMO_SEED
) -> dict[str, pd.DataFrame]:
    """Every input sheet of the demo workbook, keyed by sheet name, input columns in order.

    visits_per_school None gives the realistic pattern (about 0.7 a school by the As Of
    Date); a number sets the total to about schools x visits_per_school (national-size runs).
    """
    school_rng, visit_rng = random.Random(seed), random.Random(seed * 7919 + 1)
    school_frame = schools_frame(schools, school_rng)
    total = None if visits_per_school is None else round(schools * visits_per_school)
    visit_frame = visits_frame(school_frame, default_criteria(), visit_rng, total)
    records = school_frame.to_dict("records")
    add_plan_inputs(records, random.Random(seed * 104729 + 3), set(visit_frame[L.VIS_URN]))
    return {
        L.OBJECTIVES: objectives_frame(),
        L.SCHOOLS: pd.DataFrame(records, columns=list(L.SCHOOLS_SPEC.inputs), dtype=object),
        L.VISITS: visit_frame,
        L.CRITERIA: criteria_frame(),
        L.LISTS: lists_frame(AREA_NAMES, SLES),
        L.SETTINGS: settings_frame(demo=True),
    }


def blank_frames() -> dict[str, pd.DataFrame]:
    """A new hub's workbook: empty tables, the default criteria, pick lists and settings."""
    criteria = [c.name for c in default_criteria()]
    return {
        L.OBJECTIVES: _empty(L.OBJECTIVES_SPEC.inputs),
        L.SCHOOLS: _empty(L.SCHOOLS_SPEC.inputs),
        L.VISITS: _empty(L.visits_spec(criteria).inputs),
        L.CRITERIA: criteria_frame(),
        L.LISTS: lists_frame(),
        L.SETTINGS: settings_frame(demo=False),
    }


def _empty(columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
