"""A small clean master workbook as frames, and one problem of each kind to seed into it.

Shared by the validate tests: the clean book gives no findings; `seeded_tables` puts one
problem of every kind into it (the golden table in tests/golden/validate_findings.csv).
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.setting_specs import DEFAULTS
from smep_xl.domain.validate.grid import Grid, as_grid

TODAY = date(2015, 7, 31)
CRITERIA = [name for name, *_ in L.DEFAULT_CRITERIA]
ROLE_CODES = {
    "AML": "Area Music Leader",
    "BM": "Business Manager",
    "C&MM": "Communications and Marketing Manager",
    "DHoS": "Deputy Head of Service",
    "Exec": "Executive Group",
    "Gov": "Governing Group",
    "HoS": "Head of Service",
    "ML": "Music Leader",
    "SDL": "Singing Development Leader",
    "SDM": "Strategy Development Manager",
    "SLE": "Specialist Leader in Education",
    "T&L": "Teaching and Learning",
}


def _ragged(columns: dict[str, list]) -> pd.DataFrame:
    n = max(len(v) for v in columns.values())
    return pd.DataFrame({k: list(v) + [None] * (n - len(v)) for k, v in columns.items()}, dtype=object)


def lists_frame() -> pd.DataFrame:
    return _ragged(
        {
            L.LIST_PHASE: ["Primary", "Secondary", "Special"],
            L.LIST_AREA: ["City", "North", "South"],
            L.LIST_VISIT_TYPE: ["Audit", "Follow-up", "Support"],
            L.LIST_COUNTS_AS_VISIT: ["Yes", "Yes", "Yes"],
            L.LIST_SCORED: ["Yes", "Yes", "No"],
            L.LIST_STATUS: ["Not Started", "In Progress", "Complete"],
            L.LIST_AWARD: ["Bronze", "Silver", "Gold", "Platinum"],
            L.LIST_YES_NO: ["Yes", "No"],
            L.LIST_SLE: ["Jane Smith", "Ravi Patel"],
            L.LIST_ROLE_CODE: list(ROLE_CODES),
            L.LIST_ROLE: list(ROLE_CODES.values()),
            L.LIST_MEASURE: list(L.MEASURES),
            L.LIST_ENGAGEMENT: list(L.ENGAGEMENT_WORDS),
            L.LIST_SCHOOL_STATUS: [L.OPEN, L.CLOSED],
        }
    )


def settings_frame() -> pd.DataFrame:
    values = {
        L.S_HUB_NAME: "Leicester-Shire Music Education Hub",
        L.S_PLAN_START: datetime(2014, 9, 1),
        L.S_PLAN_YEARS: 2,
        L.S_Y1_TARGET: 0.6,
        L.S_Y1_DEADLINE: None,
        L.S_PLAN_TARGET: 1,
        L.S_GREEN: 3.0,
        L.S_RED: 2.0,
        L.S_AMBER_DAYS: 30,
        L.S_AS_OF: None,
        L.S_LETTER_TEMPLATE: "templates/feedback_letter.docx",
        L.S_AUDIT_TEMPLATE: "templates/audit_form.docx",
        L.S_LETTER_FILE_NAME: "{URN} {School} {Visit Date}",
        L.S_OUTPUT_FOLDER: "letters",
        L.S_SIGNATORY: "A. Head",
        L.S_SIGNATORY_ROLE: "Head of Service",
        L.S_HUB_ADDRESS: "1 Music Way, Leicester",
        L.S_HUB_PHONE: "0116 000 0000",
        L.S_HUB_EMAIL: "hub@example.org",
        L.S_LA_CODES: "855, 856",
        L.S_Y2_TARGET: 0.4,
        L.S_REPEAT_TARGET: 1,
        L.S_SDP_Y1_TARGET: 0.5,
        L.S_SDP_PLAN_TARGET: 1,
        L.S_AWARD_TARGET: 0.3,
        L.S_FIRST_ACCESS_TARGET: 0.8,
        L.S_ENGAGED_TARGET: 1,
        L.S_MDP_TARGET: 1,
        L.S_AT_RISK_MARGIN: 0.1,
        L.S_DUE_SOON_WEEKS: 4,
        L.S_LIST_ROWS: 25,
    }
    added = L.SETTING_NAMES[
        L.SETTING_NAMES.index(L.S_EMAIL_DELIVERY) :
    ]  # e-mail and calendars: their defaults
    values.update({name: DEFAULTS[name] or None for name in added})
    return pd.DataFrame({L.SET_NAME: list(values), L.SET_VALUE: list(values.values())}, dtype=object)


def criteria_frame() -> pd.DataFrame:
    return pd.DataFrame(list(L.DEFAULT_CRITERIA), columns=list(L.CRITERIA_SPEC.inputs), dtype=object)


def _frame(spec_columns, rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(
        [{c: r.get(c) for c in spec_columns} for r in rows], columns=list(spec_columns), dtype=object
    )


def schools_frame() -> pd.DataFrame:
    base = {
        L.SCH_STATUS: "Open",
        L.SCH_PHASE: "Primary",
        L.SCH_TYPE: "Community school",
        L.SCH_LA: "Leicestershire",
        L.SCH_AREA: "North",
        L.SCH_TOWN: "Loughborough",
        L.SCH_POSTCODE: "LE11 3AB",
        L.SCH_EMAIL: "office@school.sch.uk",
        L.SCH_SLE: "Jane Smith",
        L.SCH_COHORT: 1,
    }
    rows = [
        {**base, L.SCH_URN: 120001, L.SCH_NAME: "Beaumont Lodge Primary"},
        {
            **base,
            L.SCH_URN: 120002,
            L.SCH_NAME: "Glebelands Primary",
            L.SCH_SLE: "Ravi Patel",
            L.SCH_AREA: "City",
            L.SCH_POSTCODE: "LE4 0AB",
        },
        {**base, L.SCH_URN: "120003", L.SCH_NAME: "Hastings High", L.SCH_PHASE: "Secondary", L.SCH_COHORT: 2},
        {**base, L.SCH_URN: 120004, L.SCH_NAME: "Old Grammar", L.SCH_STATUS: "Closed", L.SCH_SLE: None},
    ]
    return _frame(L.SCHOOLS_SPEC.columns, rows)


def visits_frame() -> pd.DataFrame:
    spec = L.visits_spec(CRITERIA)
    scores = dict.fromkeys(CRITERIA, 3)
    base = {
        L.VIS_TYPE: "Audit",
        L.VIS_SLE: "Jane Smith",
        **scores,
        L.VIS_STRENGTHS: "Daily singing",
        L.VIS_AREAS: "Assessment",
        L.VIS_ACTIONS: "Music lead to plan KS2 units",
        L.VIS_SEND: "Yes",
    }
    rows = [
        {
            **base,
            L.VIS_ID: "V001",
            L.VIS_URN: 120001,
            L.VIS_DATE: datetime(2014, 10, 15),
            L.VIS_FOLLOW_UP: datetime(2015, 1, 20),
        },
        {
            **base,
            L.VIS_ID: "V002",
            L.VIS_URN: 120002,
            L.VIS_DATE: datetime(2014, 11, 3),
            L.VIS_SLE: "Ravi Patel",
            "Singing": 4,
            "Leadership": 2,
            L.VIS_SEND: "No",
        },
        {**base, L.VIS_ID: "V003", L.VIS_URN: 120003, L.VIS_DATE: datetime(2015, 3, 12), "Teaching": None},
    ]
    return _frame(spec.columns, rows)


def objectives_frame() -> pd.DataFrame:
    rows = [
        {
            L.OBJ_NO: 1,
            L.OBJ_TEXT: "Develop communication and engagement with schools",
            L.OBJ_REF: "1i",
            L.OBJ_ACTION: "Consultation with key stakeholder groups",
            L.OBJ_LEADS: "HoS/DHoS",
            L.OBJ_TARGET: "All key representatives of schools consulted",
            L.OBJ_BY_WHEN: "Apr 2015",
            L.OBJ_MONITOR: "Gov",
            L.OBJ_BUDGET: "Within roles",
            L.OBJ_STATUS: "Complete",
            L.OBJ_PROGRESS: 100,
        },
        {
            L.OBJ_REF: "1ii",
            L.OBJ_ACTION: "On agenda for head teacher groups",
            L.OBJ_LEADS: "C&MM DHoS/SDM/SLE",
            L.OBJ_TARGET: "100% schools communicated with",
            L.OBJ_BY_WHEN: "Mar 2015 Apr 2015 May 2015",
            L.OBJ_STATUS: "In Progress",
            L.OBJ_PROGRESS: 0.5,
        },
        {
            L.OBJ_REF: "1iii",
            L.OBJ_ACTION: "Primary music coordinators",
            L.OBJ_LEADS: "MLs/AMLs",
            L.OBJ_TARGET: "50% of SDPs include music",
            L.OBJ_BY_WHEN: "May-June",
            L.OBJ_BUDGET: 7000,
            L.OBJ_STATUS: "Not Started",
            L.OBJ_PROGRESS: 0.25,
        },
        {
            L.OBJ_NO: 2,
            L.OBJ_TEXT: "Review progress against objectives",
            L.OBJ_REF: "2i",
            L.OBJ_ACTION: "Report cycle of continuous improvement",
            L.OBJ_LEADS: "Exec and Gov",
            L.OBJ_TARGET: "Revised objectives for Yr2",
            L.OBJ_BY_WHEN: "Ongoing",
            L.OBJ_BUDGET: "In kind",
        },
    ]
    return _frame(L.OBJECTIVES_SPEC.columns, rows)


def clean_tables() -> dict[str, pd.DataFrame]:
    """Input sheets of a workbook with nothing wrong, plus empty Findings (as the memory fake holds them)."""
    return {
        L.OBJECTIVES: objectives_frame(),
        L.SCHOOLS: schools_frame(),
        L.VISITS: visits_frame(),
        L.CRITERIA: criteria_frame(),
        L.LISTS: lists_frame(),
        L.SETTINGS: settings_frame(),
        L.FINDINGS: pd.DataFrame(columns=list(L.FINDINGS_SPEC.columns), dtype=object),
    }


def grids(tables: dict[str, pd.DataFrame]) -> dict[str, Grid]:
    """Frames indexed by worksheet row (header on row 1), as the workbook adapters read them."""
    out = {}
    for sheet, frame in tables.items():
        f = frame.copy().astype(object).reset_index(drop=True)
        f.index = range(2, 2 + len(f))
        out[sheet] = as_grid(sheet, f.where(f.notna(), None))
    return out


def check(
    tables: dict[str, pd.DataFrame] | None = None,
    *,
    today: date = TODAY,
    file_exists=None,
    extras: dict[str, dict] | None = None,
) -> list:
    """Validate frames (default: the clean book) as the action would."""
    from smep_xl.domain.validate import validate_workbook

    built = grids(tables if tables is not None else clean_tables())
    for sheet, extra in (extras or {}).items():
        built[sheet] = Grid(
            sheet,
            built[sheet].frame,
            formulas=frozenset(extra.get("formulas", ())),
            merged=tuple(extra.get("merged", ())),
        )
    return validate_workbook(built, today=today, file_exists=file_exists)


def put(tables: dict[str, pd.DataFrame], sheet: str, row: int, column: str, value) -> dict[str, pd.DataFrame]:
    """Set one cell by worksheet row (data starts on row 2)."""
    frame = tables[sheet]
    if column not in frame.columns:
        frame[column] = None
    frame.iat[row - 2, list(frame.columns).index(column)] = value
    return tables


def add_row(tables: dict[str, pd.DataFrame], sheet: str, values: dict) -> int:
    """Append a row: the clean book's first row of that sheet with `values` over it; returns its
    worksheet row."""
    frame = tables[sheet]
    row = {**clean_tables()[sheet].iloc[0].to_dict(), **values}
    tables[sheet] = pd.concat(
        [frame, pd.DataFrame([row], columns=frame.columns, dtype=object)], ignore_index=True
    ).astype(object)
    return len(tables[sheet]) + 1


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def only(findings, code: str):
    """The one finding with this code (fails if there are none or several)."""
    hits = [f for f in findings if f.code == code]
    assert len(hits) == 1, f"expected one {code}, got {hits or 'none'}; all: {codes(findings)}"
    return hits[0]


# One problem of each kind, each on a row of its own (codes a clean book cannot also hold,
# such as an empty Criteria sheet, have unit tests of their own: see NOT_IN_GOLDEN).
NOT_IN_GOLDEN = {
    "sheet.missing",
    "criteria.empty",
    "lists.empty",
    "settings.threshold.invalid",
    "validate.check_failed",
    "visit.date.after_as_of",  # needs a good As Of Date, which the seeded Settings replace
}
_OBJECTIVE_PROBLEMS = [
    {L.OBJ_ACTION: None, L.OBJ_TARGET: None},
    {L.OBJ_LEADS: None},
    {L.OBJ_LEADS: "HoS/Xyzzy"},
    {L.OBJ_LEADS: "DHos/SLE"},
    {L.OBJ_BY_WHEN: None},
    {L.OBJ_BY_WHEN: "soon"},
    {L.OBJ_BY_WHEN: "31/02/2015"},
    {L.OBJ_REF: "1ii"},
    {L.OBJ_BY_WHEN: "Marhc 2015"},
    {L.OBJ_BUDGET: "£7,0O0"},
    {L.OBJ_BUDGET: -50},
    {L.OBJ_BUDGET: "7000"},
    {L.OBJ_STATUS: "Done"},
    {L.OBJ_PROGRESS: "half"},
    {L.OBJ_PROGRESS: 150},
    {L.OBJ_TARGET: "Offer feedback to schools"},
    {L.OBJ_MEASURE: "Coverage"},
]
_SCHOOL_PROBLEMS = [
    {L.SCH_URN: None},
    {L.SCH_URN: "12345"},
    {L.SCH_URN: 120002},
    {L.SCH_NAME: None},
    {L.SCH_PHASE: None},
    {L.SCH_PHASE: "Nursery"},
    {L.SCH_AREA: "Nowhere"},
    {L.SCH_STATUS: None},
    {L.SCH_STATUS: "Shut"},
    {L.SCH_SLE: None},
    {L.SCH_SLE: "Bob"},
    {L.SCH_POSTCODE: "LE1"},
    {L.SCH_EMAIL: "office at school"},
    {L.SCH_TOWN: "#REF!"},
    {L.SCH_COHORT: "one"},
    {L.SCH_AWARD: "Diamond"},
    {L.SCH_MUSIC_IN_SDP: "Maybe"},
    {L.SCH_MDP: "Soon"},
    {L.SCH_AWARD_APPLIED: "Applied"},
    {L.SCH_FIRST_ACCESS: "Some"},
    {L.SCH_MDP_LINK: "on the website"},
    {L.SCH_MDP_REVIEW: "next summer"},
    {L.SCH_ENGAGEMENT: "Keen"},
]
_VISIT_PROBLEMS = [
    {L.VIS_ID: None},
    {L.VIS_ID: "V001"},
    {L.VIS_URN: None},
    {L.VIS_URN: 999999},
    {L.VIS_DATE: None},
    {L.VIS_DATE: "last week"},
    {L.VIS_DATE: "15/03/2015"},
    {L.VIS_DATE: "2015-13-01"},
    {L.VIS_DATE: datetime(2016, 1, 5)},
    {L.VIS_DATE: datetime(2010, 5, 1)},
    {L.VIS_TYPE: "Chat"},
    {L.VIS_SLE: "Bob"},
    {"Singing": "good"},
    {"Singing": 2.5},
    {"Singing": 7},
    {"Teaching": "3"},
    dict.fromkeys(CRITERIA[2:]),
    {L.VIS_FOLLOW_UP: "soon"},
    {L.VIS_FOLLOW_UP: datetime(2015, 1, 15)},
    {L.VIS_SEND: "Maybe"},
    {L.VIS_STRENGTHS: None},
    {L.VIS_TYPE: "Support"},
]


def seeded_tables() -> tuple[dict[str, pd.DataFrame], dict[str, dict]]:
    """The clean book with one problem of each kind; also the formulas and merged cells to add."""
    t = clean_tables()
    put(t, L.OBJECTIVES, 2, L.OBJ_NO, None)  # nothing above row 2 to inherit from
    put(t, L.OBJECTIVES, 3, L.OBJ_NO, 1)
    for n, problem in enumerate(_OBJECTIVE_PROBLEMS, start=1):
        add_row(t, L.OBJECTIVES, {L.OBJ_NO: None, L.OBJ_REF: f"2.{n}", **problem})
    for n, problem in enumerate(_SCHOOL_PROBLEMS, start=1):
        add_row(
            t,
            L.SCHOOLS,
            {L.SCH_URN: 130000 + n, L.SCH_NAME: f"Seeded School {n}", L.SCH_COHORT: 1, **problem},
        )
    for n, problem in enumerate(_VISIT_PROBLEMS, start=1):
        add_row(
            t,
            L.VISITS,
            {
                L.VIS_ID: f"S{n:03d}",
                L.VIS_URN: 120001,
                L.VIS_DATE: datetime(2015, 2, 1),
                L.VIS_FOLLOW_UP: None,
                **dict.fromkeys(CRITERIA, 3),
                **problem,
            },
        )
    _seed_headers(t)
    _seed_config(t)
    extras = {L.OBJECTIVES: {"formulas": {"D3"}, "merged": {"A4:B4"}}}
    return t, extras


def _seed_headers(t: dict[str, pd.DataFrame]) -> None:
    t[L.OBJECTIVES] = (
        t[L.OBJECTIVES].drop(columns=[L.OBJ_MONITOR]).rename(columns={L.OBJ_RESOURCES: "Resource"})
    )
    schools = t[L.SCHOOLS]
    t[L.SCHOOLS] = pd.concat([schools, schools[[L.SCH_NOTES]]], axis=1)  # a second "Notes" header
    visits = t[L.VISITS]
    visits.insert(list(visits.columns).index(L.VIS_STRENGTHS), "Composng", None)  # a criterion, misspelt
    visits.insert(list(visits.columns).index(L.VIS_STRENGTHS), "Observer", None)  # not a criterion


def _seed_config(t: dict[str, pd.DataFrame]) -> None:
    add_row(
        t,
        L.CRITERIA,
        {L.CRI_NAME: "Composing", L.CRI_DESCRIPTION: "Pupils compose", L.CRI_WEIGHT: None, L.CRI_KEY: "No"},
    )
    add_row(
        t, L.CRITERIA, {L.CRI_NAME: None, L.CRI_DESCRIPTION: "Half-typed", L.CRI_WEIGHT: 1, L.CRI_KEY: None}
    )
    add_row(
        t, L.CRITERIA, {L.CRI_NAME: "singing", L.CRI_DESCRIPTION: "Again", L.CRI_WEIGHT: 1, L.CRI_KEY: "No"}
    )
    put(t, L.CRITERIA, 3, L.CRI_WEIGHT, 0)
    put(t, L.CRITERIA, 4, L.CRI_KEY, "Maybe")
    put(t, L.LISTS, 4, L.LIST_PHASE, "Primary")
    put(t, L.LISTS, 3, L.LIST_SCORED, "maybe")
    settings = t[L.SETTINGS]
    values = dict(zip(settings[L.SET_NAME], settings[L.SET_VALUE], strict=True))
    values.pop(L.S_OUTPUT_FOLDER)
    values.update(
        {
            L.S_PLAN_START: "next year",
            L.S_PLAN_YEARS: "two",
            L.S_RED: 3.5,
            L.S_GREEN: 3.0,
            L.S_Y1_TARGET: 150,
            L.S_AMBER_DAYS: -3,
            L.S_AS_OF: "tomorrow",
            L.S_LETTER_FILE_NAME: "{URN} {Headteacher}",
            L.S_HUB_EMAIL: "hub at example",
            L.S_LA_CODES: "855, 85X",
            L.S_SIGNATORY: "A. Head " * 20,
            L.S_Y1_DEADLINE: datetime(2020, 1, 1),
            L.S_DUE_SOON_WEEKS: 0,
            L.S_LIST_ROWS: 2,
            L.S_EMAIL_DELIVERY: "Fax",
            L.S_EMAIL_ATTACHMENT: "Zip",
            L.S_EMAIL_RATE: 0,
            L.S_SMTP_PORT: 70000,
            L.S_SMTP_SECURITY: "TLS 1.0",
        }
    )
    rows = [*values.items(), (L.S_HUB_NAME, "Again")]
    t[L.SETTINGS] = pd.DataFrame(rows, columns=[L.SET_NAME, L.SET_VALUE], dtype=object)


def seeded_file_exists(path: str) -> bool:
    """Only the letter template exists (so the audit form template is reported missing)."""
    return "feedback" in path


def seeded_findings() -> list:
    tables, extras = seeded_tables()
    return check(tables, extras=extras, file_exists=seeded_file_exists)
