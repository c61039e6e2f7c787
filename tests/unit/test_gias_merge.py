"""Merging a GIAS extract into Schools: what is added, updated, closed, and never touched."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from smep_xl import layout as L
from smep_xl.domain.gias import extract as G
from smep_xl.domain.gias.extract import read_gias, read_links
from smep_xl.domain.gias.merge import merge_schools
from smep_xl.domain.gias.rules import HUB_OWNED, phase_of
from smep_xl.errors import SmepError
from tests.fixtures.gias import make_gias as fx

ROWS = {urn: row for row, urn in enumerate(fx.workbook_schools()[L.SCH_URN], start=2)}


def _schools() -> pd.DataFrame:
    frame = fx.workbook_schools()
    frame.index = range(2, 2 + len(frame))
    return frame


def _extract(rows=None, links=True, header=None):
    extract = read_gias(fx.csv_bytes(rows or fx.schools(), header=header), "edubase.csv")
    return replace(extract, links=read_links(fx.links_bytes())) if links else extract


def _plan(schools=None, extract=None, codes=fx.HUB_LAS, phases=fx.LIST_PHASES):
    return merge_schools(
        _schools() if schools is None else schools, extract or _extract(), codes, phases=phases
    )


def _codes(plan, code):
    return [f for f in plan.findings if f.code == code]


def test_counts():
    plan = _plan()
    assert plan.counts == {
        "added": 8,
        "updated": 4,
        "closed": 2,
        "unchanged": 6,
        "not_found": 1,
        "not_added": 2,
        "successors": 1,
    }


def test_new_open_state_schools_in_the_hubs_las_are_added_with_gias_columns_and_blank_hub_columns():
    plan = _plan()
    added = plan.new_rows.set_index(L.SCH_URN)
    assert sorted(added.index) == [148001, 148002, 148003, 148004, 148009, 148010, 148011, 148012]
    academy = added.loc[148001]
    assert academy[L.SCH_NAME] == "Millbrook Academy"
    assert academy[L.SCH_STATUS] == L.OPEN
    assert academy[L.SCH_TYPE] == "Academy converter"
    assert academy[L.SCH_PHASE] == "Secondary"
    assert academy[L.SCH_LA] == "Leicestershire"
    assert (academy[L.SCH_ADDRESS], academy[L.SCH_TOWN], academy[L.SCH_POSTCODE]) == (
        "Mill Road",
        "Coalville",
        "LE67 3TT",
    )
    assert (academy[L.SCH_HEAD_TITLE], academy[L.SCH_HEAD_FIRST], academy[L.SCH_HEAD_LAST]) == (
        "Dr",
        "Peter",
        "Grant",
    )
    assert added[list(HUB_OWNED)].isna().all().all()
    assert list(plan.new_rows.columns) == list(L.SCHOOLS_SPEC.inputs)
    assert added.loc[148009, L.SCH_STATUS] == L.OPEN  # "Open, but proposed to close" is still open
    assert added.loc[148012, L.SCH_NAME] == "Thurmaston Café Corner Primary School"
    assert added.loc[148012, L.SCH_POSTCODE] is None  # a blank GIAS cell is an empty cell


def test_new_rows_take_the_rows_after_the_table_and_findings_point_there():
    plan = _plan()
    assert list(plan.new_rows.index) == list(range(15, 23))
    first = _codes(plan, "import.added")[0]
    assert (first.cell, first.row) == ("A15", 15)
    assert "Millbrook Academy (URN 148001)" in first.message and "1,020 pupils" in first.message
    assert "trust: Charnwood Learning Trust" in first.message
    assert (
        first.suggestion == "Fill in its Area (GIAS district: North West Leicestershire), SLE and Music Lead."
    )


def test_other_las_proposed_closed_independent_and_colleges_are_not_added():
    added = set(_plan().new_rows[L.SCH_URN])
    assert not added & {148101, 148102, 148201, 148202, 148203, 148204, 148205}  # other LAs
    assert 148005 not in added  # proposed to open
    assert 148006 not in added  # closed
    assert not added & {148007, 148008}  # independent school, FE college


def test_la_filter_follows_the_codes_given():
    added = set(_plan(codes=["892"]).new_rows[L.SCH_URN])
    assert added == {148201, 148202, 148203, 148204, 148205}


def test_existing_schools_are_updated_wherever_their_la_is():
    plan = _plan(codes=["856"])
    assert plan.changes[ROWS[120012]] == {L.SCH_NAME: "Oakham Church of England Primary School"}  # Rutland
    assert ROWS[120002] in plan.changes  # Leicestershire


def test_updated_names_the_fields_with_old_and_new_values():
    plan = _plan()
    row = ROWS[120002]
    assert plan.changes[row] == {L.SCH_HEAD_TITLE: "Mr", L.SCH_HEAD_FIRST: "Aamir", L.SCH_HEAD_LAST: "Khan"}
    finding = next(f for f in _codes(plan, "import.updated") if f.row == row)
    assert finding.message == (
        "Brookside Church of England Primary School (URN 120002): Head Title 'Mrs' -> 'Mr'; "
        "Head First Name 'Jane' -> 'Aamir'; Head Last Name 'Smith' -> 'Khan'."
    )
    assert finding.cell == f"K{row}" and finding.sheet == L.SCHOOLS and finding.severity == "info"
    address = next(f for f in _codes(plan, "import.updated") if f.row == ROWS[120009])
    assert address.column == L.SCH_ADDRESS and address.cell == f"H{ROWS[120009]}"
    assert "Address 'Old Fosse Road' -> 'New Fosse Road, Narborough'" in address.message


def test_a_blank_status_becomes_open():
    assert _plan().changes[ROWS[120010]] == {L.SCH_STATUS: L.OPEN}


def test_only_changed_cells_are_in_the_plan():
    plan = _plan()
    assert ROWS[120001] not in plan.changes and ROWS[120003] not in plan.changes
    updates = plan.updates
    assert set(updates.index) == set(plan.changes)
    assert updates.at[ROWS[120009], L.SCH_NAME] is None
    for frame in plan.column_updates():
        (column,) = frame.columns
        assert set(frame.index) == {r for r, cells in plan.changes.items() if column in cells}
        assert frame[column].notna().all()


def test_hub_columns_are_never_changed():
    plan = _plan()
    for cells in plan.changes.values():
        assert not set(cells) & set(HUB_OWNED)
    assert not set(plan.updates.columns) & set(HUB_OWNED + L.SCHOOLS_SPEC.computed)


def test_closed_schools_are_marked_closed_and_keep_everything_else():
    plan = _plan()
    assert plan.changes[ROWS[120004]] == {L.SCH_STATUS: L.CLOSED}
    assert plan.changes[ROWS[120005]] == {L.SCH_STATUS: L.CLOSED}  # GIAS's blank head does not erase it
    closed = {f.row: f for f in _codes(plan, "import.closed")}
    assert set(closed) == {ROWS[120004], ROWS[120005]}
    message = closed[ROWS[120004]].message
    assert "Millbrook Community College (URN 120004) closed on 31/08/2024 (Academy Converter)" in message
    assert "visits are kept" in message
    assert closed[ROWS[120004]].cell == f"C{ROWS[120004]}"


def test_a_school_closed_long_ago_is_unchanged():
    assert ROWS[120013] not in _plan().changes


def test_a_closed_school_that_gias_shows_open_again_is_reopened():
    schools = _schools()
    schools.loc[ROWS[120001], L.SCH_STATUS] = L.CLOSED
    assert _plan(schools).changes[ROWS[120001]] == {L.SCH_STATUS: L.OPEN}


def test_a_blank_in_gias_never_empties_a_cell():
    rows = fx.schools()
    rows[0]["HeadLastName"] = ""
    rows[0]["Postcode"] = ""
    assert ROWS[120001] not in _plan(extract=_extract(rows)).changes


def test_successor_is_reported_with_both_urns():
    plan = _plan()
    (finding,) = _codes(plan, "import.successor")
    assert "URN 120004" in finding.message and "URN 148001" in finding.message
    assert f"old URN 120004 is at row {ROWS[120004]}, new URN 148001 is at row 15" in finding.message
    assert f"from row {ROWS[120004]} to row 15" in finding.suggestion


def test_no_links_file_means_no_successor_findings():
    plan = _plan(extract=_extract(links=False))
    assert not _codes(plan, "import.successor") and plan.counts["successors"] == 0


def test_a_successor_outside_the_hub_is_named_but_not_added():
    schools = pd.concat([_schools(), pd.DataFrame({L.SCH_URN: [148103], L.SCH_STATUS: [L.OPEN]}, index=[15])])
    plan = _plan(schools)
    finding = next(f for f in _codes(plan, "import.successor") if "148103" in f.message)
    assert "new URN 148101 was not added" in finding.message


def test_not_found_and_duplicate_urns_in_schools():
    schools = _schools()
    schools.loc[16] = None
    schools.loc[16, L.SCH_URN] = 120002
    schools.loc[17] = None
    schools.loc[17, L.SCH_URN] = "12000x"
    plan = _plan(schools)
    missing = {f.row: f for f in _codes(plan, "import.not_found")}
    assert set(missing) == {ROWS[199999], 17}
    assert missing[ROWS[199999]].message == (
        "Typo Lane Primary School (URN 199999) is not in edubase.csv; the row was left as it was."
    )
    (twice,) = _codes(plan, "import.duplicate_urn")
    assert twice.severity == "warning" and "rows 3 and 16" in twice.message
    assert 16 in plan.changes and 120002 not in set(plan.new_rows[L.SCH_URN])


def test_columns_the_file_lacks_are_left_alone_and_said_so():
    header = [h for h in fx.HEADER if h not in (G.HEAD_TITLE, G.HEAD_FIRST, G.HEAD_LAST)]
    plan = _plan(extract=_extract(header=header))
    assert ROWS[120002] not in plan.changes
    notes = {f.column for f in _codes(plan, "import.column_left_alone")}
    assert notes == {L.SCH_HEAD_TITLE, L.SCH_HEAD_FIRST, L.SCH_HEAD_LAST}


def test_merge_is_idempotent():
    first = _plan()
    schools = _schools()
    for row, cells in first.changes.items():
        for column, value in cells.items():
            schools.at[row, column] = value
    schools = pd.concat([schools, first.new_rows.reindex(columns=schools.columns)])
    second = _plan(schools)
    assert (second.counts["added"], second.counts["updated"], second.counts["closed"]) == (0, 0, 0)
    assert not second.changes and second.new_rows.empty
    assert not _codes(second, "import.successor")


@pytest.mark.parametrize(
    "codes,words",
    [
        ((), "No local authority chosen"),
        ("", "No local authority chosen"),
        (["999"], "LA code 999 matches no establishment in edubase.csv"),
    ],
)
def test_la_codes_must_be_given_and_known(codes, words):
    with pytest.raises(SmepError, match=words):
        _plan(codes=codes)


def test_schools_without_a_urn_column():
    with pytest.raises(SmepError, match="no 'URN' column"):
        _plan(_schools().drop(columns=[L.SCH_URN]))


def test_an_empty_schools_table_gets_every_open_state_school():
    plan = _plan(_schools().iloc[0:0])
    assert plan.counts["added"] == 16 and list(plan.new_rows.index)[0] == 2


def test_new_schools_fill_the_tables_empty_last_rows_first():
    schools = _schools().iloc[0:0].reindex([2, 3])  # a new workbook: header and two blank rows
    schools.loc[3, L.SCH_VISITS] = 0  # a computed value does not make a row used
    plan = _plan(schools)
    assert plan.changes[2][L.SCH_URN] == 120001 and plan.changes[2][L.SCH_NAME] == "Oakfield Primary School"
    assert plan.changes[3][L.SCH_URN] == 120002 and plan.changes[3][L.SCH_STATUS] == L.OPEN
    assert not set(plan.changes[2]) & set(HUB_OWNED) and None not in plan.changes[2].values()
    assert list(plan.new_rows.index) == list(range(4, 18)) and plan.new_rows.iloc[0][L.SCH_URN] == 120003
    added = {f.row for f in _codes(plan, "import.added")}
    assert added == set(range(2, 18)) and plan.counts["added"] == 16
    urns = plan.column_updates()[0]
    assert list(urns.columns) == [L.SCH_URN] and list(urns.index) == [2, 3]


def test_empty_rows_in_the_middle_are_left_alone():
    schools = _schools()
    schools.loc[5, [c for c in L.SCHOOLS_SPEC.inputs]] = None
    plan = _plan(schools)
    assert 5 not in plan.changes and list(plan.new_rows.index)[0] == 15


@pytest.mark.parametrize(
    "type_,phase,lists,expected",
    [
        ("Community special school", "Not applicable", fx.LIST_PHASES, "Special"),
        ("Academy special converter", "Secondary", fx.LIST_PHASES, "Special"),
        ("Community special school", "Not applicable", ("Primary", "Not applicable"), "Not applicable"),
        ("Pupil referral unit", "Not applicable", fx.LIST_PHASES, "Not applicable"),
        ("Pupil referral unit", "Not applicable", ("Primary", "PRU"), "PRU"),
        ("Community school", "Middle deemed primary", ("Primary", "Secondary"), "Primary"),
        ("Community school", "Middle deemed secondary", ("Primary", "Middle", "Secondary"), "Middle"),
        ("Community school", "All-through", ("Primary", "Secondary"), "Secondary"),
        ("Community school", "primary", (), "Primary"),
        ("Community school", "Nursery", (), "Nursery"),
        ("Community school", "Something new", ("Primary",), "Something new"),
        ("Community school", "Secondary", ("primary", "secondary"), "secondary"),
    ],
)
def test_phase_uses_the_hubs_phase_words(type_, phase, lists, expected):
    assert phase_of({G.TYPE: type_, G.PHASE: phase}, lists) == expected


def test_special_school_phase_in_the_plan():
    schools = _schools().drop(index=ROWS[120006])
    added = _plan(schools).new_rows.set_index(L.SCH_URN)
    assert added.loc[120006, L.SCH_PHASE] == "Special"
    assert added.loc[148004, L.SCH_PHASE] == "Not applicable"  # PRU, with no PRU word in Lists
