"""Field names, dates the British way, and the README's field list kept in step with the code."""

from __future__ import annotations

from datetime import date

import pytest

from smep_xl import layout as L
from smep_xl.domain.letters.fields import FIELD_NAMES, british_date, field_name, fields_markdown
from tests.letters_fixture import ROOT


@pytest.mark.parametrize(
    ("column", "name"),
    [
        ("Head First Name", "head_first_name"),
        ("Areas for Development", "areas_for_development"),
        ("Ensembles & Performance", "ensembles_performance"),
        ("MDP Published", "mdp_published"),
        ("Follow-up Date", "follow_up_date"),
        ("Visit ID", "visit_id"),
        ("Progress %", "progress"),
        ("2015/16 Target", "f_2015_16_target"),
        ("If", "if_"),
        ("Loop", "loop_"),
        ("Zoë's", "zoe_s"),
    ],
)
def test_field_name(column: str, name: str) -> None:
    assert field_name(column) == name


@pytest.mark.parametrize(
    ("day", "shown"),
    [
        (date(2015, 3, 3), "3 March 2015"),
        (date(2014, 12, 25), "25 December 2014"),
        (None, ""),
    ],
)
def test_british_date(day, shown: str) -> None:
    assert british_date(day) == shown


def test_every_contract_column_a_letter_can_use_is_a_field() -> None:
    wanted = [c for c in L.SCHOOLS_SPEC.inputs] + [
        L.VIS_ID,
        L.VIS_DATE,
        L.VIS_TYPE,
        L.VIS_SLE,
        L.VIS_STRENGTHS,
        L.VIS_AREAS,
        L.VIS_ACTIONS,
        L.VIS_SUPPORT,
        L.VIS_FOLLOW_UP,
    ]
    assert {field_name(c) for c in wanted} <= set(FIELD_NAMES)
    assert len(set(FIELD_NAMES)) == len(FIELD_NAMES)


def test_docs_list_every_field_as_the_code_does() -> None:
    docs = (ROOT / "docs" / "letters.md").read_text(encoding="utf-8")
    assert fields_markdown() in docs, "regenerate the table in docs/letters.md from fields_markdown()"
