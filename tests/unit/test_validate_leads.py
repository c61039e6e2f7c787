"""Reading Leads cells as role codes: separators, plurals, codes holding '&', near misses."""

from __future__ import annotations

import pytest

from smep_xl import layout as L
from smep_xl.demo.lists import ROLES
from smep_xl.domain.validate.leads import Leads, RoleCodes
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


def test_words_around_known_codes_are_prose_not_unknown_codes():
    # the seed's own grid: a hub officer reads these as people described, not as codes mistyped
    glossary = RoleCodes([code for code, _ in ROLES])
    for value in (
        "DHoS/SLE/ 6 school based staff",
        "Champion Heads/partners Exec",
        "All LSMS team, exec of hub groups-Review, Reflect and Revise.",
    ):
        assert glossary.read(value) == Leads(), value


def test_a_cell_with_no_code_at_all_is_named_whole():
    assert CODES.read("Admin role").unknown == (("Admin role", None),)
    f = only(
        check(put(clean_tables(), L.OBJECTIVES, 3, L.OBJ_LEADS, "Admin role")), "objective.leads.unknown"
    )
    assert f.message == "Leads 'Admin role' names no Role Code from Lists."


def test_a_code_like_word_inside_a_phrase_is_still_checked():
    assert CODES.read("HoS and the SDMM team").unknown == (("SDMM", "SDM"),)
    assert CODES.read("DHOS team").case == (("DHOS", "DHoS"),)


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
