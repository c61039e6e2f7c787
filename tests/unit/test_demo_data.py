"""The demo hub's data: the seed's objectives grid, schools, visits, lists and settings."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from smep_xl import layout as L
from smep_xl.demo import blank_frames, build_demo_frames
from smep_xl.demo.lists import ROLES
from smep_xl.domain.by_when import DATE, parse_by_when
from smep_xl.domain.settings import criteria_from_frame, settings_from_frame
from smep_xl.domain.values import is_blank

CRITERIA = [c[0] for c in L.DEFAULT_CRITERIA]
KEYS = [c[0] for c in L.DEFAULT_CRITERIA if c[3] == L.YES]
POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$")


@pytest.fixture(scope="module")
def demo() -> dict[str, pd.DataFrame]:
    return build_demo_frames()


def values(frame: pd.DataFrame, column: str) -> list:
    return [v for v in frame[column] if not is_blank(v)]


def contract_rag(row: pd.Series) -> str:
    """The contract's default Visit RAG, written out independently of the generator."""
    marks = [row[c] for c in CRITERIA if not is_blank(row[c])]
    mean = sum(marks) / len(marks)
    if mean < 2.0 or any(row[k] == 1 for k in KEYS):
        return L.RED
    return L.GREEN if mean >= 3.0 and 1 not in marks else L.AMBER


# ---- shape


def test_every_input_sheet_has_exactly_the_contracts_input_columns(demo):
    specs = {**L.FIXED_SPECS, L.VISITS: L.visits_spec(CRITERIA)}
    specs[L.LISTS] = L.SheetSpec(L.LISTS, L.LISTS_SPEC.inputs + (L.LIST_SCHOOL_STATUS,))
    assert list(demo) == [L.OBJECTIVES, L.SCHOOLS, L.VISITS, L.CRITERIA, L.LISTS, L.SETTINGS]
    for sheet, frame in demo.items():
        assert list(frame.columns) == list(specs[sheet].inputs), sheet
        assert all(frame[c].dtype == object for c in frame.columns), sheet


def test_the_same_seed_gives_the_same_frames_and_another_seed_other_schools():
    first, second = build_demo_frames(), build_demo_frames()
    for sheet in first:
        pd.testing.assert_frame_equal(first[sheet], second[sheet])
    other = build_demo_frames(seed=7)
    assert set(other[L.SCHOOLS][L.SCH_URN]) != set(first[L.SCHOOLS][L.SCH_URN])


def test_size_options_set_the_number_of_schools_and_visits():
    frames = build_demo_frames(schools=60, visits_per_school=3.0)
    assert len(frames[L.SCHOOLS]) == 60
    assert len(frames[L.VISITS]) == 180
    assert frames[L.VISITS][L.VIS_ID].is_unique


# ---- objectives grid (the seed, transcribed)


def test_grid_has_the_eight_objectives_with_number_and_text_on_first_rows_only(demo):
    grid = demo[L.OBJECTIVES]
    assert values(grid, L.OBJ_NO) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert len(values(grid, L.OBJ_TEXT)) == 8
    numbers = grid[L.OBJ_NO].ffill()
    refs = grid[L.OBJ_REF]
    assert refs.is_unique and refs.str.match(r"^\d\.[ivx]+$").all()
    assert all(int(ref.split(".")[0]) == n for ref, n in zip(refs, numbers, strict=True))
    assert grid.loc[grid[L.OBJ_NO] == 5, L.OBJ_TEXT].item() == "Manage school, roll out"


@pytest.mark.parametrize(
    ("ref", "by_when"),
    [
        ("1.i", "Apr 2014"),
        ("1.ii", "Mar 2014 Apr 2014 May 2014"),
        ("1.v", "May-June"),
        ("2.i", "Sep 2014 Aug 2014"),
        ("2.ii", "Mar/Apr"),
        ("3.vii", "Sep 2014 Apr 2014"),
        ("4.ii", "May/June 2014"),
        ("5.i", "Mar 2015 Apr-Oct"),
        ("5.ii", "1st group of school visited and follow ups 2nd and 3rd Oct 2014 Mar 2015"),
        ("6.i", "July 2014 Sep2014 Oct 2014"),
        ("8.i", "Oct 2014 and Feb 2015"),
    ],
)
def test_by_when_is_kept_exactly_as_the_seed_writes_it(demo, ref, by_when):
    grid = demo[L.OBJECTIVES].set_index(L.OBJ_REF)
    assert grid.loc[ref, L.OBJ_BY_WHEN] == by_when


def test_leads_budget_monitor_and_next_year_are_as_written(demo):
    grid = demo[L.OBJECTIVES].set_index(L.OBJ_REF)
    assert grid.loc["1.ii", L.OBJ_LEADS] == "C&MM DHoS/SDM/SLE"
    assert grid.loc["3.vi", L.OBJ_LEADS] == "DHos"
    assert grid.loc["1.i", L.OBJ_BUDGET] == "Within roles"
    assert grid.loc["3.ii", L.OBJ_BUDGET] == "In kind"
    assert grid.loc["3.i", L.OBJ_BUDGET] == "ACE budget."
    assert grid.loc["7.i", L.OBJ_BUDGET] == "Supply cover for 6 school based staff = £7000"
    assert grid.loc["1.ii", L.OBJ_MONITOR] == "BM HoS/Exec HoS/Exec"
    assert (
        grid.loc["5.i", L.OBJ_NEXT_YEAR]
        == "40% schools visited+ repeat 10% requiring targeted support in yr1."
    )
    assert "Year 1 =60%" in grid.loc["5.i", L.OBJ_TARGET]


def test_every_by_when_reads_as_a_date_and_every_row_has_lead_and_action(demo):
    grid = demo[L.OBJECTIVES]
    for ref, text in zip(grid[L.OBJ_REF], grid[L.OBJ_BY_WHEN], strict=True):
        assert parse_by_when(text, date(2014, 9, 1)).kind == DATE, ref
    assert not grid[L.OBJ_LEADS].map(is_blank).any()
    assert not grid[L.OBJ_ACTION].map(is_blank).any()


def test_status_and_progress_describe_a_plan_part_way_through(demo):
    grid = demo[L.OBJECTIVES]
    statuses = set(grid[L.OBJ_STATUS])
    assert statuses <= set(values(demo[L.LISTS], L.LIST_STATUS))
    assert {"Complete", "On track", "At risk", "Not started"} <= statuses
    assert all(0 <= p <= 100 for p in grid[L.OBJ_PROGRESS])
    assert (grid.loc[grid[L.OBJ_STATUS] == "Complete", L.OBJ_PROGRESS] == 100).all()


# ---- schools


def test_about_400_schools_with_unique_six_digit_urns(demo):
    schools = demo[L.SCHOOLS]
    assert len(schools) == 400
    urns = schools[L.SCH_URN]
    assert urns.is_unique
    assert all(isinstance(u, int) and 100000 <= u <= 999999 for u in urns)


def test_phases_come_in_realistic_proportions(demo):
    share = demo[L.SCHOOLS][L.SCH_PHASE].value_counts(normalize=True)
    assert 0.75 <= share["Primary"] <= 0.82
    assert 0.12 <= share["Secondary"] <= 0.17
    assert 0.03 <= share["Special"] <= 0.05


def test_every_open_school_has_an_sle_from_lists_and_listed_phase_area(demo):
    schools, lists = demo[L.SCHOOLS], demo[L.LISTS]
    open_schools = schools[schools[L.SCH_STATUS] == L.OPEN]
    assert 0 < len(schools) - len(open_schools) < 20
    assert set(open_schools[L.SCH_SLE]) <= set(values(lists, L.LIST_SLE))
    assert set(schools[L.SCH_PHASE]) <= set(values(lists, L.LIST_PHASE))
    assert set(schools[L.SCH_AREA]) <= set(values(lists, L.LIST_AREA))
    assert set(schools[L.SCH_LA]) == {"Leicester", "Leicestershire"}


def test_addresses_postcodes_and_emails_look_real(demo):
    schools = demo[L.SCHOOLS]
    assert all(POSTCODE.match(p) for p in schools[L.SCH_POSTCODE])
    assert all(re.fullmatch(r"[a-z]+@[a-z0-9-]+\.example\.org", e) for e in schools[L.SCH_EMAIL])
    assert schools[L.SCH_TOWN].isin(["Leicester", "Loughborough", "Hinckley", "Melton Mowbray"]).sum() > 100


def test_cohorts_awards_and_yes_no_columns(demo):
    schools = demo[L.SCHOOLS]
    assert 0.5 <= (schools[L.SCH_COHORT] == 1).mean() <= 0.7
    assert set(schools[L.SCH_COHORT]) == {1, 2}
    assert schools[L.SCH_AWARD].map(is_blank).mean() > 0.7
    assert set(values(schools, L.SCH_AWARD)) <= {"Bronze", "Silver", "Gold", "Platinum"}
    for column in (L.SCH_MUSIC_IN_SDP, L.SCH_MDP):
        assert set(schools[column]) == {L.YES, L.NO}


def test_school_names_and_people_carry_special_characters(demo):
    schools = demo[L.SCHOOLS]
    names = " ".join(schools[L.SCH_NAME])
    people = " ".join(values(schools, L.SCH_HEAD_FIRST) + values(schools, L.SCH_HEAD_LAST))
    assert "'" in names and "&" in names
    assert "St " in names and "Primary School" in names
    assert any(ch in people for ch in "ëéáü") and "'" in people


# ---- visits


def test_visits_are_of_open_known_schools_on_school_days_up_to_the_as_of_date(demo):
    visits, schools = demo[L.VISITS], demo[L.SCHOOLS]
    open_urns = set(schools.loc[schools[L.SCH_STATUS] == L.OPEN, L.SCH_URN])
    assert set(visits[L.VIS_URN]) <= open_urns
    assert all(date(2014, 9, 1) <= d <= date(2015, 7, 31) and d.weekday() < 5 for d in visits[L.VIS_DATE])
    assert visits[L.VIS_ID].is_unique and visits[L.VIS_ID].str.match(r"^V\d{4}$").all()
    assert list(visits[L.VIS_DATE]) == sorted(visits[L.VIS_DATE])


def test_scores_are_whole_numbers_1_to_4_with_a_few_blanks(demo):
    scores = demo[L.VISITS][CRITERIA]
    marks = [v for v in scores.to_numpy().ravel() if not is_blank(v)]
    assert all(isinstance(v, int) and 1 <= v <= 4 for v in marks)
    blanks = scores.map(is_blank).sum(axis=1)
    assert 0 < (blanks > 0).sum() < len(scores) * 0.2
    assert (blanks <= 1).all()  # never too few to rate


def test_rag_spread_and_targeted_support_with_repeat_visits(demo):
    visits = demo[L.VISITS].copy()
    visits["rag"] = visits.apply(contract_rag, axis=1)
    audits = visits[visits[L.VIS_TYPE] == "Initial audit"]
    assert 0.05 <= (audits["rag"] == L.RED).mean() <= 0.15
    assert {L.RED, L.AMBER, L.GREEN} <= set(visits["rag"])
    red_urns = set(audits.loc[audits["rag"] == L.RED, L.VIS_URN])
    repeats = visits[visits[L.VIS_TYPE] == "Targeted support"]
    assert set(repeats[L.VIS_URN]) <= red_urns and len(repeats) >= len(red_urns) // 2


def test_coverage_is_realistic_not_complete(demo):
    schools, visits = demo[L.SCHOOLS], demo[L.VISITS]
    open_schools = schools[schools[L.SCH_STATUS] == L.OPEN]
    coverage = visits[L.VIS_URN].nunique() / len(open_schools)
    assert 0.5 <= coverage <= 0.7
    cohort1 = set(open_schools.loc[open_schools[L.SCH_COHORT] == 1, L.SCH_URN])
    assert len(cohort1 & set(visits[L.VIS_URN])) / len(cohort1) > 0.85


def test_comments_read_like_a_hubs_with_special_characters(demo):
    visits = demo[L.VISITS]
    for column in (L.VIS_STRENGTHS, L.VIS_AREAS, L.VIS_ACTIONS, L.VIS_SUPPORT):
        assert not visits[column].map(is_blank).any(), column
    text = (
        "\n".join(visits[L.VIS_STRENGTHS]) + "\n".join(visits[L.VIS_AREAS]) + "\n".join(visits[L.VIS_SUPPORT])
    )
    for ch in ("&", "<", "'", '"', "\n", "ë"):
        assert ch in text, ch
    assert visits[L.VIS_STRENGTHS].str.count("\n").max() >= 2


def test_follow_up_after_the_visit_and_letters_for_recent_visits(demo):
    visits = demo[L.VISITS]
    for visit_day, follow_up in zip(visits[L.VIS_DATE], visits[L.VIS_FOLLOW_UP], strict=True):
        assert is_blank(follow_up) or follow_up > visit_day
    send = visits[visits[L.VIS_SEND] == L.YES]
    assert set(visits[L.VIS_SEND]) == {L.YES, L.NO}
    assert 10 <= len(send) <= 80
    assert min(send[L.VIS_DATE]) >= date(2015, 6, 1)
    assert set(visits[L.VIS_SLE]) <= set(values(demo[L.LISTS], L.LIST_SLE))


# ---- lists, criteria, settings


def test_lists_hold_the_pick_lists_and_every_glossary_role_code(demo):
    lists = demo[L.LISTS]
    codes = values(lists, L.LIST_ROLE_CODE)
    for code in (
        "AML",
        "BM",
        "C&MM",
        "COMMS",
        "CYPS",
        "DSEN",
        "DHoS",
        "Exec",
        "EYFS",
        "FTE",
        "Gov",
        "HoM",
        "HT",
        "HoS",
        "LHT",
        "LSMS",
        "ML",
        "NLE",
        "RAG",
        "SDL",
        "SDM",
        "SDP",
        "SE",
        "SEF",
        "SI",
        "SLE",
        "SLT",
        "SM",
        "SMEP",
        "T&L",
        "TS",
    ):
        assert code in codes
    assert len(codes) == len(values(lists, L.LIST_ROLE)) == len(ROLES)
    assert "MLs" not in codes and "AMLs" not in codes
    assert values(lists, L.LIST_SCHOOL_STATUS) == [L.OPEN, L.CLOSED]
    assert values(lists, L.LIST_AWARD) == ["Bronze", "Silver", "Gold", "Platinum"]
    assert values(lists, L.LIST_YES_NO) == [L.YES, L.NO]
    flags = (L.LIST_COUNTS_AS_VISIT, L.LIST_SCORED)
    types = dict(zip(values(lists, L.LIST_VISIT_TYPE), zip(*(values(lists, f) for f in flags)), strict=True))
    assert types["Network meeting"] == (L.NO, L.NO)  # neither a visit nor scored
    assert {v for k, v in types.items() if k != "Network meeting"} == {(L.YES, L.YES)}
    for column in lists.columns:  # blank below each list's end, no repeats
        filled = values(lists, column)
        assert column in flags or len(filled) == len(set(filled)), column
        assert lists[column].map(is_blank).tolist() == [False] * len(filled) + [True] * (
            len(lists) - len(filled)
        )


def test_settings_rows_read_back_through_the_domain(demo):
    frame = demo[L.SETTINGS]
    assert list(frame[L.SET_NAME]) == list(L.SETTING_NAMES)
    settings = settings_from_frame(frame.set_axis(range(2, 2 + len(frame))))
    assert settings.text(L.S_HUB_NAME) == "Leicester-Shire Music Education Hub"
    assert settings.plan_start == date(2014, 9, 1) and settings.plan_years == 2
    assert settings.as_of() == date(2015, 7, 31)
    assert settings.fraction(L.S_Y1_TARGET) == 0.6 and settings.fraction(L.S_PLAN_TARGET) == 1.0
    assert settings.number(L.S_GREEN) == 3.0 and settings.number(L.S_RED) == 2.0
    assert settings.text(L.S_LETTER_FILE_NAME) == "{URN} {School} {Visit Date}"
    assert settings.text(L.S_LA_CODES) == "856, 855"
    assert [c.name for c in criteria_from_frame(demo[L.CRITERIA])] == CRITERIA


def test_blank_frames_are_empty_tables_with_defaults():
    frames = blank_frames()
    for sheet in (L.OBJECTIVES, L.SCHOOLS, L.VISITS):
        assert frames[sheet].empty
    assert list(frames[L.VISITS].columns) == list(L.visits_spec(CRITERIA).inputs)
    assert len(frames[L.CRITERIA]) == len(L.DEFAULT_CRITERIA)
    settings = frames[L.SETTINGS].set_index(L.SET_NAME)[L.SET_VALUE]
    assert list(settings.index) == list(L.SETTING_NAMES)
    assert is_blank(settings[L.S_AS_OF])
    assert settings[L.S_PLAN_START] == date(2014, 9, 1)
    assert values(frames[L.LISTS], L.LIST_PHASE)[0] == "Nursery"
    assert values(frames[L.LISTS], L.LIST_AREA) == []


# ---- the demo's words fit each school (an infant school reads of Year 2 and KS1, never Year 6)

YEARS = re.compile(r"\bYears? (\d+)(?:\s*(?:&|and|-)\s*(\d+))?")
STAGES = re.compile(r"\b(KS\d|EYFS)\b")
ALL = (set(range(1, 14)), {"EYFS", "KS1", "KS2", "KS3", "KS4", "KS5"})
# The year groups and key stages each kind of school teaches (worked out from the phases).
TAUGHT = {
    "Nursery": (set(), {"EYFS"}),
    "Infant": ({1, 2}, {"EYFS", "KS1"}),
    "Junior": ({3, 4, 5, 6}, {"KS2"}),
    "Primary": (set(range(1, 7)), {"EYFS", "KS1", "KS2"}),
    "Middle deemed primary": (set(range(4, 9)), {"KS2", "KS3"}),
    "Middle deemed secondary": (set(range(5, 10)), {"KS2", "KS3"}),
    "Secondary": (set(range(7, 14)), {"KS3", "KS4", "KS5"}),
    "All-through": ALL,
    "Special": ALL,
    "PRU": (set(range(3, 12)), {"KS2", "KS3", "KS4"}),
    "16 plus": ({12, 13}, {"KS5"}),
}


def kind_of(school: dict) -> str:
    name = school[L.SCH_NAME]
    return "Infant" if "Infant" in name else "Junior" if "Junior" in name else school[L.SCH_PHASE]


def misfits(text: str, kind: str) -> list[str]:
    years, stages = TAUGHT[kind]
    named = {int(n) for m in YEARS.finditer(text) for n in m.groups() if n}
    return sorted({f"Year {n}" for n in named - years} | set(STAGES.findall(text)) - stages)


def test_the_visit_notes_fit_each_schools_phase(demo):
    schools = {s[L.SCH_URN]: s for s in demo[L.SCHOOLS].to_dict("records")}
    columns = (L.VIS_STRENGTHS, L.VIS_AREAS, L.VIS_ACTIONS, L.VIS_SUPPORT)
    kinds = set()
    for visit in demo[L.VISITS].to_dict("records"):
        kind = kind_of(schools[visit[L.VIS_URN]])
        kinds.add(kind)
        text = "\n".join(visit[c] or "" for c in columns)
        assert misfits(text, kind) == [], (visit[L.VIS_ID], kind, text)
    assert {"Infant", "Junior", "Primary", "Secondary"} <= kinds  # the test saw each kind
    for school in schools.values():
        assert misfits(school[L.SCH_NOTES] or "", kind_of(school)) == [], school[L.SCH_NAME]


def test_the_year_and_stage_words_are_found_where_they_are():
    assert misfits("Boys in Years 5 & 6 are reluctant to sing", "Infant") == ["Year 5", "Year 6"]
    assert misfits("Strong partnership (KS2/KS3 transition)", "Infant") == ["KS2", "KS3"]
    assert misfits("Whole-class percussion in Year 2 (KS1)", "Infant") == []


# ---- one story on the As Of date (31 July 2015)


@pytest.fixture(scope="module")
def refreshed(demo):
    from smep_xl.actions.refresh import compute

    return compute(demo, today=date(2026, 1, 1))


def test_every_visit_is_made_by_the_as_of_date_and_refresh_rates_at_it(demo, refreshed):
    assert refreshed.as_of == date(2015, 7, 31)
    assert max(demo[L.VISITS][L.VIS_DATE]) <= refreshed.as_of
    assert refreshed.result.findings == []  # nothing in the demo is left out of a figure


def test_each_objectives_status_agrees_with_its_target_rag(demo, refreshed):
    rag = dict(zip(demo[L.OBJECTIVES][L.OBJ_REF], refreshed.targets[L.OBJ_BRAG], strict=True))
    status = dict(zip(demo[L.OBJECTIVES][L.OBJ_REF], demo[L.OBJECTIVES][L.OBJ_STATUS], strict=True))
    for ref, said in status.items():
        if said == "Complete":
            assert rag[ref] == L.BLUE, ref
        elif said == "On track":
            assert rag[ref] in (L.GREEN, L.AMBER), ref  # not past due
        else:
            assert rag[ref] != L.BLUE, ref


def _note(demo, ref: str) -> str:
    grid = demo[L.OBJECTIVES]
    return grid.loc[grid[L.OBJ_REF] == ref, L.OBJ_NOTES].iloc[0]


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%"


def test_the_notes_quote_the_demos_own_figures(demo, refreshed):
    """Worked out here from the frames, independently of the refresh rules."""
    schools, visits = demo[L.SCHOOLS], demo[L.VISITS]
    open_ = schools[schools[L.SCH_STATUS] == L.OPEN]
    by_march = set(visits.loc[visits[L.VIS_DATE] <= date(2015, 3, 31), L.VIS_URN])
    by_july = set(visits[L.VIS_URN])
    n = len(open_)
    assert f"{_pct(len(by_march & set(open_[L.SCH_URN])), n)} by 31 March" in _note(demo, "5.i")
    assert f"{_pct(len(by_july & set(open_[L.SCH_URN])), n)} of open schools visited by 31 July" in _note(
        demo, "5.i"
    )
    cov = refreshed.result.coverage  # and refresh agrees, with the demo's Year 1 Coverage Deadline
    assert (cov.plan.year1_end, _pct(cov.visited_year1, cov.open_schools)) == (
        date(2015, 3, 31),
        _pct(len(by_march & set(open_[L.SCH_URN])), n),
    )
    visited = schools[schools[L.SCH_URN].isin(by_july)]
    sdp = _pct((visited[L.SCH_MUSIC_IN_SDP] == L.YES).sum(), len(visited))
    assert f"in the SDP of {sdp} of the schools visited" in _note(demo, "1.v")
    cohort1 = open_[open_[L.SCH_COHORT] == 1]
    assert f"{_pct(cohort1[L.SCH_AWARD].notna().sum(), len(cohort1))} of cohort 1 schools hold" in _note(
        demo, "6.ii"
    )


def test_the_seeds_own_grid_gives_only_findings_a_hub_officer_agrees_with(demo):
    """docs/checks.md lists these and says why each stays."""
    from smep_xl.adapters.memory.workbook import MemoryWorkbook
    from smep_xl.domain.validate import validate_workbook

    book = MemoryWorkbook(demo)
    tables = {sheet: book.read_table(sheet) for sheet in demo}
    found = validate_workbook(tables, today=date(2015, 8, 1), file_exists=lambda path: True)
    assert [(f.code, f.address) for f in found] == [
        ("objective.leads.case", "Objectives!F2"),  # 1.i HoS/DHOS
        ("objective.leads.unknown", "Objectives!F8"),  # 2.iii Admin role: no code from the glossary
        ("objective.target.not_measurable", "Objectives!G10"),  # 2.v Reporting progress at ... meetings
        ("objective.leads.case", "Objectives!F16"),  # 3.vi DHos
        ("objective.leads.case", "Objectives!F17"),  # 3.vii DHos/BM/SLE
        ("objective.target.not_measurable", "Objectives!G23"),  # 5.v Offer expert informative advice ...
    ]
