"""A small contract-shaped workbook written with openpyxl, for adapter tests."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook
from openpyxl.worksheet.table import Table, TableStyleInfo

from smep_xl import layout as L

CRITERIA = ("Leadership", "Curriculum", "Singing")


def _add_table(ws, name: str, columns: tuple[str, ...], rows: list[list]) -> None:
    ws.append(list(columns))
    for row in rows:
        ws.append(row)
    last = max(len(rows) + 1, 2)
    from openpyxl.utils import get_column_letter

    table = Table(displayName=name, ref=f"A1:{get_column_letter(len(columns))}{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)


def make_contract_workbook(path, schools: int = 3) -> None:
    wb = Workbook()
    wb.active.title = L.DASHBOARD
    ws = wb.create_sheet(L.OBJECTIVES)
    obj = [
        [
            1,
            "Develop communication",
            "1.i",
            "Consult",
            "Time",
            "HoS/DHoS",
            "All consulted",
            "Apr 2014",
            "Gov",
            "Within roles",
            "Repeat",
            "On track",
            50,
            None,
            None,
            None,
            None,
            None,
        ]
    ]
    _add_table(ws, "Objectives", L.OBJECTIVES_SPEC.columns, obj)
    ws = wb.create_sheet(L.SCHOOLS)
    rows = []
    for i in range(schools):
        base = [
            100000 + i,
            f"School {i} & <Co>",
            "Open",
            "Primary",
            "Academy",
            "Leicester",
            "City North",
            "1 Road",
            "Leicester",
            "LE1 1AA",
            "Mrs",
            "Zoë",
            "Smith",
            "Ann",
            "a@b.org",
            "Jo Bloggs",
            1,
            None,
            "Yes",
            "No",
            "note",
        ]
        rows.append(base + [None] * len(L.SCHOOLS_SPEC.computed))
    _add_table(ws, "Schools", L.SCHOOLS_SPEC.columns, rows)
    ws = wb.create_sheet(L.VISITS)
    spec = L.visits_spec(CRITERIA)
    visits = [
        [
            "V1",
            100000,
            date(2014, 10, 1),
            "Initial audit",
            "Jo Bloggs",
            3,
            4,
            2,
            "Good",
            "More",
            "Plan",
            "",
            date(2015, 1, 1),
            "Yes",
            None,
            None,
            None,
        ]
    ]
    _add_table(ws, "Visits", spec.columns, visits)
    ws = wb.create_sheet(L.CRITERIA)
    _add_table(
        ws,
        "Criteria",
        L.CRITERIA_SPEC.columns,
        [[c, "", 1, "Yes" if i < 2 else "No"] for i, c in enumerate(CRITERIA)],
    )
    ws = wb.create_sheet(L.LISTS)
    _add_table(
        ws,
        "Lists",
        L.LISTS_SPEC.columns,
        [
            [
                "Primary",
                "City North",
                "Initial audit",
                "On track",
                "Gold",
                "Yes",
                "Jo Bloggs",
                "HoS",
                "Head of Service",
            ]
        ],
    )
    ws = wb.create_sheet(L.SETTINGS)
    _add_table(
        ws, "Settings", L.SETTINGS_SPEC.columns, [[L.S_PLAN_START, date(2014, 9, 1)], [L.S_HUB_NAME, "Hub"]]
    )
    ws = wb.create_sheet(L.FINDINGS)
    _add_table(ws, "Findings", L.FINDINGS_SPEC.columns, [])
    ws = wb.create_sheet(L.LETTER_LOG)
    _add_table(ws, "LetterLog", L.LETTER_LOG_SPEC.columns, [])
    wb.save(path)
