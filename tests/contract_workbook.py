"""The Workbook protocol's contract: one reusable check that every adapter must pass.

    check_protocol(make_book)

`make_book(tables)` gets {sheet name: DataFrame} (columns in sheet order, first data row = row
2) and returns `(book, reopen)`: `book` is a fresh Workbook over those tables, and `reopen()`
returns a Workbook showing what has been saved so far (the same object for the in-memory
fake, the file opened again for the file adapter, a new book over the changes Excel applied
for the live adapter). Checks always carry on with the reopened book.

`write_workbook(path, tables)` writes such tables as a real .xlsx (one Excel table per sheet,
named as layout.table_name says), for adapters that start from a file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import pytest

from smep_xl import layout as L
from smep_xl.errors import SmepError
from smep_xl.workbook import Dashboard, DashboardTable, Workbook

MakeBook = Callable[[dict[str, pd.DataFrame]], tuple[Workbook, Callable[[], Workbook]]]
TRICKY_TEXT = ("=1+1", "007", "1/2", "Tom & Jerry <Ltd>", "  padded  ")  # must stay text, exactly


def fixture_tables() -> dict[str, pd.DataFrame]:
    schools = pd.DataFrame(
        [[None] * len(L.SCHOOLS_SPEC.columns) for _ in range(3)], columns=L.SCHOOLS_SPEC.columns, dtype=object
    )
    schools[L.SCH_URN] = [120001, 120002, 120003]
    schools[L.SCH_NAME] = ["Abbey Primary", "Brook & Vale <Academy>", "Castle School"]
    schools[L.SCH_STATUS] = [L.OPEN, L.OPEN, L.CLOSED]
    schools[L.SCH_COHORT] = [1, 2, 1]
    settings = pd.DataFrame(
        {L.SET_NAME: [L.S_HUB_NAME, L.S_PLAN_START], L.SET_VALUE: ["Hub", date(2014, 9, 1)]}, dtype=object
    )
    return {
        L.DASHBOARD: pd.DataFrame(),
        L.SCHOOLS: schools,
        L.SETTINGS: settings,
        L.FINDINGS: pd.DataFrame(columns=L.FINDINGS_SPEC.columns, dtype=object),
    }


def check_protocol(make_book: MakeBook) -> None:
    for check in (
        check_read,
        check_columns_held_until_save,
        check_output_rewritten_whole,
        check_inputs,
        check_dashboard_leaves_tables,
    ):
        check(make_book)


def check_read(make_book: MakeBook) -> None:
    book, _ = make_book(fixture_tables())
    assert L.SCHOOLS in book.sheet_names() and L.SETTINGS in book.sheet_names()
    table = book.read_table(L.SCHOOLS)
    assert list(table.frame.columns) == list(L.SCHOOLS_SPEC.columns)
    assert list(table.frame.index) == [2, 3, 4]
    assert (
        table.frame.loc[3, L.SCH_URN] == 120002 and table.frame.loc[3, L.SCH_NAME] == "Brook & Vale <Academy>"
    )
    assert table.frame.loc[4, L.SCH_NOTES] is None
    assert table.cell(3, L.SCH_NAME) == "B3"
    assert book.read_table(L.SETTINGS).frame.loc[3, L.SET_VALUE] == date(2014, 9, 1)
    with pytest.raises(SmepError):
        book.read_table("No Such Sheet")


def check_columns_held_until_save(make_book: MakeBook) -> None:
    book, reopen = make_book(fixture_tables())
    book.read_table(L.SCHOOLS)
    computed = pd.DataFrame(
        {
            L.SCH_RAG: [L.RED, L.GREEN],
            L.SCH_LAST_VISIT: [date(2015, 3, 2), None],
            L.SCH_TREND: [TRICKY_TEXT[0], TRICKY_TEXT[1]],
        },
        index=[2, 4],
    )
    book.write_columns(L.SCHOOLS, computed)
    assert book.read_table(L.SCHOOLS).frame.loc[2, L.SCH_RAG] is None, "a write showed before save()"
    book.save()
    frame = reopen().read_table(L.SCHOOLS).frame
    assert frame.loc[2, L.SCH_RAG] == L.RED and frame.loc[4, L.SCH_RAG] == L.GREEN
    assert frame.loc[3, L.SCH_RAG] is None, "a row the frame did not name was written"
    assert frame.loc[2, L.SCH_LAST_VISIT] == date(2015, 3, 2) and frame.loc[4, L.SCH_LAST_VISIT] is None
    assert [frame.loc[2, L.SCH_TREND], frame.loc[4, L.SCH_TREND]] == list(TRICKY_TEXT[:2])
    assert list(frame[L.SCH_URN]) == [120001, 120002, 120003], "an input column changed"


def check_output_rewritten_whole(make_book: MakeBook) -> None:
    book, reopen = make_book(fixture_tables())
    rows = [
        [
            ("error" if i == 0 else "warning"),
            L.SCHOOLS,
            f"B{i + 2}",
            i + 2,
            L.SCH_NAME,
            "school.name",
            TRICKY_TEXT[i],
            "",
        ]
        for i in range(3)
    ]
    book.write_output(L.FINDINGS, pd.DataFrame(rows, columns=L.FINDINGS_SPEC.columns), {0: "Schools!B2"})
    book.save()
    book = reopen()
    frame = book.read_table(L.FINDINGS).frame
    assert len(frame) == 3 and list(frame.index) == [2, 3, 4]
    assert list(frame[L.FND_CELL]) == ["B2", "B3", "B4"], "a linked cell must still show its address"
    assert list(frame[L.FND_MESSAGE]) == list(TRICKY_TEXT[:3]) and list(frame[L.FND_ROW]) == [2, 3, 4]
    book.write_output(L.FINDINGS, pd.DataFrame([rows[2]], columns=L.FINDINGS_SPEC.columns))
    book.save()
    book = reopen()
    frame = book.read_table(L.FINDINGS).frame
    assert len(frame) == 1 and frame.iloc[0][L.FND_MESSAGE] == TRICKY_TEXT[2], "old output rows survived"
    book.write_output(L.FINDINGS, pd.DataFrame(columns=L.FINDINGS_SPEC.columns))
    book.save()
    assert reopen().read_table(L.FINDINGS).frame.dropna(how="all").empty


def check_inputs(make_book: MakeBook) -> None:
    book, reopen = make_book(fixture_tables())
    book.read_table(L.SCHOOLS)
    updates = pd.DataFrame({L.SCH_NOTES: [TRICKY_TEXT[3]]}, index=[3])
    added = pd.DataFrame({L.SCH_URN: [130001, 130002], L.SCH_NAME: ["Dale Infants", TRICKY_TEXT[4]]})
    book.write_inputs(L.SCHOOLS, updates, added)
    book.save()
    frame = reopen().read_table(L.SCHOOLS).frame
    assert list(frame.index) == [2, 3, 4, 5, 6], "new rows must join the table"
    assert frame.loc[3, L.SCH_NOTES] == TRICKY_TEXT[3] and frame.loc[2, L.SCH_NOTES] is None
    assert list(frame.loc[5:6, L.SCH_URN]) == [130001, 130002] and frame.loc[6, L.SCH_NAME] == TRICKY_TEXT[4]
    assert frame.loc[5, L.SCH_STATUS] is None


def check_dashboard_leaves_tables(make_book: MakeBook) -> None:
    book, reopen = make_book(fixture_tables())
    before = book.read_table(L.SCHOOLS).frame
    counts = pd.DataFrame({L.SCH_RAG: [L.RED, L.GREEN], L.DB_SCHOOLS: [1, 2]})
    book.write_dashboard(
        Dashboard(
            "Hub dashboard",
            "as of 31/07/2015",
            [("Open schools", 2, ""), ("Cover", 0.5, "")],
            [DashboardTable("School RAG", counts, rag_column=L.SCH_RAG)],
        )
    )
    book.save()
    book = reopen()
    assert L.DASHBOARD in book.sheet_names()
    pd.testing.assert_frame_equal(book.read_table(L.SCHOOLS).frame, before)


def write_workbook(path, tables: dict[str, pd.DataFrame]) -> None:
    """The tables as an .xlsx: headers in row 1, one Excel table per non-empty sheet."""
    from openpyxl import Workbook as OpenpyxlBook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table

    wb = OpenpyxlBook()
    wb.remove(wb.active)
    for name, frame in tables.items():
        ws = wb.create_sheet(name)
        if not len(frame.columns):
            continue
        ws.append([str(c) for c in frame.columns])
        for record in frame.astype(object).itertuples(index=False, name=None):
            ws.append([None if pd.isna(v) else v for v in record])
        ref = f"A1:{get_column_letter(len(frame.columns))}{max(len(frame) + 1, 2)}"
        ws.add_table(Table(displayName=L.table_name(name), ref=ref))
    wb.save(path)
