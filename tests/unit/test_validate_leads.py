"""Reading Leads cells as role codes: separators, plurals, codes holding '&', near misses."""

from __future__ import annotations

import pytest

from smep_xl import layout as L
from smep_xl.domain.validate.leads import RoleCodes
from tests.validate_fixture import ROLE_CODES, check, clean_tables, only, put

CODES = RoleCodes(list(ROLE_CODES))


@pytest.mark.parametrize(
    "value",
    [
        "SDM/SLE",
        "HoS/DHoS",
        "C&MM DHoS/SDM/SLE",
        "MLs/AMLs",
        "SLEs",
        "AMLs, SDM,SDL MLs",
        "HoS and Exec",
        "HoS & Gov",
        "HoS/SLE. DHoS.",
        "iii. DHoS/SLE",
        "T&L",
        "BM;HoS+SLE",
    ],
)
def test_known_codes(value):
    assert CODES.read(value).unknown == () and CODES.read(value).case == ()


def test_code_holding_an_ampersand_is_one_code():
    assert CODES.read("C&MM").unknown == ()
    assert CODES.read("HoS&BM").unknown == ()  # '&' between two codes splits them
    assert CODES.read("C&MX").unknown == (("C", None), ("MX", None))


def test_case_only_difference():
    assert CODES.read("DHos").case == (("DHos", "DHoS"),)
    assert CODES.read("HoS/DHOS").case == (("DHOS", "DHoS"),)
    assert CODES.read("dhoss").case == (("dhoss", "DHoS"),)  # a plural, in another case


def test_unknown_code_with_nearest_known():
    assert CODES.read("HoS/SDMM").unknown == (("SDMM", "SDM"),)


def test_words_run_together_are_one_phrase():
    assert CODES.read("DHoS/SLE/ 6 school based staff").unknown == (("6 school based staff", None),)
    assert CODES.read("Champion Heads/partners Exec").unknown == (
        ("Champion Heads", None),
        ("partners", None),
    )


def test_leads_finding_names_unknown_and_suggests():
    f = only(check(put(clean_tables(), L.OBJECTIVES, 3, L.OBJ_LEADS, "HoS/SDMM")), "objective.leads.unknown")
    assert f.message == "Leads 'HoS/SDMM': 'SDMM' is not a Role Code on Lists."
    assert f.suggestion.startswith("Did you mean 'SDM'?")
    assert f.severity == "warning" and f.cell == "F3"


def test_leads_case_finding():
    f = only(check(put(clean_tables(), L.OBJECTIVES, 3, L.OBJ_LEADS, "DHos/SLE")), "objective.leads.case")
    assert "'DHos' is written 'DHoS'" in f.message and f.suggestion == "Write 'DHoS'."


def test_no_role_codes_on_lists_means_no_leads_check():
    t = clean_tables()
    t[L.LISTS][L.LIST_ROLE_CODE] = None
    found = check(put(t, L.OBJECTIVES, 3, L.OBJ_LEADS, "Anyone"))
    assert "objective.leads.unknown" not in [f.code for f in found]
    assert only(found, "lists.empty").column == L.LIST_ROLE_CODE
