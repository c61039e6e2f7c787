"""A small hub for the letters tests: six schools, seven visits, each there for one case.

Frames are shaped as the workbook adapters return them; `write_workbook` puts the same hub
in a real .xlsx (Excel tables, openpyxl) for the end-to-end tests.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pandas as pd

from smep_xl import layout as L
from smep_xl.adapters.memory.workbook import MemoryWorkbook

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2015, 6, 1)
CRITERIA = [c[0] for c in L.DEFAULT_CRITERIA]  # Leadership and Curriculum are Key
TRICKY = 'Singing & <assemblies> "every day", the pupils\' favourite'
INJECTED = "{{ hub_name }} and {% if true %}x{% endif %}"
FORMULA = '=HYPERLINK("http://example.com","click")'


def settings_frame(**overrides) -> pd.DataFrame:
    values = {
        L.S_HUB_NAME: "Leicester-Shire Music Hub",
        L.S_PLAN_START: datetime(2014, 9, 1),
        L.S_PLAN_YEARS: 2,
        L.S_GREEN: 3.0,
        L.S_RED: 2.0,
        L.S_HUB_ADDRESS: "Embrace Arts, Lancaster Road\nLeicester LE1 7HA",
        L.S_HUB_PHONE: "0116 305 0000",
        L.S_HUB_EMAIL: "hub@example.org.uk",
        L.S_SIGNATORY: "Alex Morgan",
        L.S_SIGNATORY_ROLE: "Head of Music Hub",
        L.S_LETTER_TEMPLATE: "templates/feedback_letter.docx",
        L.S_AUDIT_TEMPLATE: "templates/audit_form.docx",
        L.S_LETTER_FILE_NAME: "{URN} {School} {Visit Date}",
        L.S_OUTPUT_FOLDER: "letters",
    }
    values.update(overrides)
    return pd.DataFrame({L.SET_NAME: list(values), L.SET_VALUE: list(values.values())})


def criteria_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {L.CRI_NAME: n, L.CRI_DESCRIPTION: d, L.CRI_WEIGHT: w, L.CRI_KEY: k}
            for n, d, w, k in L.DEFAULT_CRITERIA
        ]
    )


def school(urn, name, title="Mrs", first="Siân", last="O'Connor", **more) -> dict:
    row = {c: None for c in L.SCHOOLS_SPEC.columns}
    row.update(
        {
            L.SCH_URN: urn,
            L.SCH_NAME: name,
            L.SCH_STATUS: "Open",
            L.SCH_PHASE: "Primary",
            L.SCH_AREA: "Charnwood",
            L.SCH_ADDRESS: "Church Lane",
            L.SCH_TOWN: "Loughborough",
            L.SCH_POSTCODE: "LE11 2AB",
            L.SCH_HEAD_TITLE: title,
            L.SCH_HEAD_FIRST: first,
            L.SCH_HEAD_LAST: last,
            L.SCH_SLE: "Jo Patel",
            L.SCH_COHORT: 1,
        }
    )
    row.update(more)
    return row


def visit(vid, urn, day, scores, send="Yes", **more) -> dict:
    if isinstance(scores, int):
        scores = [scores] * len(CRITERIA)
    row = {c: None for c in L.visits_spec(CRITERIA).columns}
    row.update(
        {
            L.VIS_ID: vid,
            L.VIS_URN: urn,
            L.VIS_DATE: day,
            L.VIS_TYPE: "Review",
            L.VIS_SLE: "Jo Patel",
            L.VIS_SEND: send,
            L.VIS_STRENGTHS: "Strong leadership of music",
            L.VIS_AREAS: "Progression in KS2",
            L.VIS_ACTIONS: "- Join the hub network\n- Audit instruments",
            L.VIS_SUPPORT: "CPD place on the singing course",
        }
    )
    row.update(dict(zip(CRITERIA, scores, strict=True)))
    row.update(more)
    return row


def schools_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [
            school(
                100001,
                "St Mary's C of E Primary & Nursery",
                **{L.SCH_MDP: "Yes", L.SCH_AWARD: "Music Mark", L.SCH_ADDRESS: "Church Lane\nQuorn"},
            ),
            school(
                100002, "Brook <Junior> School", title="Mr", first="Tom", last="Hughes", **{L.SCH_MDP: "No"}
            ),
            school(100003, "Castle High", title=None, first=None, last=None),  # no head: letter skipped
            school(100004, "Dale Academy"),  # too few scores: letter skipped
            school(100005, "Elm Special", title="Dr", first="Ann", last="Lee"),  # never visited: audit form
            school(100006, "Fern Primary", title="Ms", first="Kate", last="Ng"),  # Amber then Green
        ]
    )


def visits_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [
            visit(
                "V1",
                100001,
                datetime(2015, 3, 3),
                [4, 3, 3, 4, 3, 3, 4, 3],
                **{L.VIS_STRENGTHS: f"{TRICKY}\n{INJECTED}\n{FORMULA}"},
            ),
            visit(
                "V2",
                100002,
                datetime(2014, 11, 10),
                [1, 2, 2, 3, 2, 2, 2, 2],
                **{L.VIS_TYPE: "Initial audit"},
            ),
            visit("V3", 100003, datetime(2015, 1, 12), 3),
            visit("V4", 100004, datetime(2015, 2, 2), [3, 3, None, None, None, None, None, None]),
            visit("V5", 100006, datetime(2014, 10, 1), 2, send="No"),
            visit("V6", 100006, datetime(2015, 5, 20), 3, **{L.VIS_AREAS: None}),
        ]
    )


def log_frame(rows: list[dict] | None = None) -> pd.DataFrame:
    return pd.DataFrame(rows or [], columns=list(L.LETTER_LOG_SPEC.columns))


def frames(**settings) -> dict[str, pd.DataFrame]:
    tables = {
        L.SETTINGS: settings_frame(**settings),
        L.CRITERIA: criteria_frame(),
        L.SCHOOLS: schools_frame(),
        L.VISITS: visits_frame(),
        L.LETTER_LOG: log_frame(),
    }
    return {name: frame.astype(object) for name, frame in tables.items()}


def memory_book(**settings) -> MemoryWorkbook:
    return MemoryWorkbook(frames(**settings), label="hub.xlsx")


def write_workbook(path: Path, tables: dict[str, pd.DataFrame] | None = None) -> Path:
    """The hub as a real workbook: each sheet an Excel table, as the contract says."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table

    tables = tables or frames()
    book = Workbook()
    book.active.title = L.DASHBOARD
    for sheet in L.SHEET_ORDER[1:]:
        ws = book.create_sheet(sheet)
        frame = tables.get(sheet)
        if frame is None:
            spec = L.FIXED_SPECS.get(sheet)
            frame = pd.DataFrame(columns=list(spec.columns) if spec else ["Notes"])
        ws.append(list(frame.columns))
        for record in frame.itertuples(index=False):
            ws.append([None if pd.isna(v) else v for v in record])
        last = max(len(frame) + 1, 2)
        ws.add_table(
            Table(displayName=L.table_name(sheet), ref=f"A1:{get_column_letter(len(frame.columns))}{last}")
        )
    book.save(path)
    return path
