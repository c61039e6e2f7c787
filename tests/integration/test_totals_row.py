"""A table with a totals row: not a data row (not a school, no findings), its formulas kept by
refresh, and rows added by an import go above it, its SUBTOTAL range and the table growing."""

from __future__ import annotations

import json

import openpyxl
import pandas as pd
import pytest

from smep_xl import layout as L
from smep_xl.adapters.xlsx.workbook import open_workbook
from tests.helpers.cli import run_smep, smep_ok
from tests.helpers.parts import parts, sheet_part
from tests.helpers.writers import with_totals_row


@pytest.fixture
def totals_book(contract_book):
    row, formula = with_totals_row(contract_book, L.SCHOOLS, L.SCH_NAME, L.SCH_VISITS)
    return contract_book, row, formula


def _row_xml(path, sheet: str, row: int) -> bytes:
    import re

    found = re.search(rb'<row r="%d".*?</row>' % row, parts(path)[sheet_part(path, sheet)], re.S)
    return found.group() if found else b""


def test_the_totals_row_is_not_read_as_a_school(totals_book):
    path, row, _ = totals_book
    frame = open_workbook(str(path)).read_table(L.SCHOOLS).frame
    assert list(frame.index) == [2, 3, 4] and row == 5
    code, out, _ = run_smep("validate", path, "--json")
    assert code in (0, 1)
    findings = json.loads(out)["findings"]
    assert not [f for f in findings if f["sheet"] == L.SCHOOLS and str(f["row"]) == str(row)]


def test_refresh_keeps_the_totals_row_formulas(totals_book):
    path, row, formula = totals_book
    before = _row_xml(path, L.SCHOOLS, row)
    smep_ok("refresh", path)
    assert _row_xml(path, L.SCHOOLS, row) == before
    ws = openpyxl.load_workbook(path)[L.SCHOOLS]
    header = [c.value for c in ws[1]]
    visits = header.index(L.SCH_VISITS) + 1
    assert ws.cell(row, visits).value == "=" + formula
    assert [ws.cell(r, visits).value for r in (2, 3, 4)] == [1, 0, 0]  # computed, above it


def test_imported_schools_go_above_the_totals_row(totals_book):
    path, row, formula = totals_book
    book = open_workbook(str(path))
    new = pd.DataFrame(
        [
            {L.SCH_URN: 123456, L.SCH_NAME: "New Academy", L.SCH_STATUS: "Open"},
            {L.SCH_URN: 123457, L.SCH_NAME: "Newer Academy", L.SCH_STATUS: "Open"},
        ]
    )
    book.write_inputs(L.SCHOOLS, pd.DataFrame(), new)
    book.save()
    wb = openpyxl.load_workbook(path)
    ws = wb[L.SCHOOLS]
    header = [c.value for c in ws[1]]
    name, visits = header.index(L.SCH_NAME) + 1, header.index(L.SCH_VISITS) + 1
    assert [ws.cell(r, name).value for r in (5, 6, 7)] == ["New Academy", "Newer Academy", "Total"]
    assert ws.cell(7, visits).value == "=" + formula.replace(f"{row - 1})", f"{row + 1})")
    table = ws.tables["Schools"]
    assert table.ref.endswith("7") and table.totalsRowCount == 1 and table.autoFilter.ref.endswith("6")
    assert list(open_workbook(str(path)).read_table(L.SCHOOLS).frame.index) == [2, 3, 4, 5, 6]
