"""Sheets that read and print: every sheet `smep new` makes, and the output sheets Python writes
(in its own workbooks and in one made elsewhere), reopened with openpyxl; and the printed pages,
as LibreOffice prints them, read back from the PDF."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from smep_xl import layout as L
from tests.helpers.cli import smep_ok

SHEETS = list(L.SHEET_ORDER)


@pytest.fixture(scope="module")
def hub(tmp_path_factory) -> Path:
    """A small demo, validated (Findings), refreshed (Dashboard) and with letters (Letter Log)."""
    folder = tmp_path_factory.mktemp("print")
    path = folder / "hub.xlsx"
    smep_ok("new", path, "--demo", "--schools", 60, "--visits", 47)
    smep_ok("validate", path)
    smep_ok("refresh", path)
    smep_ok("letters", path, "--out", folder / "letters")
    return path


@pytest.fixture(scope="module")
def book(hub) -> openpyxl.Workbook:
    return openpyxl.load_workbook(hub)


def column(ws, header: str) -> str:
    return next(c.column_letter for c in ws[1] if c.value == header)


@pytest.mark.parametrize("sheet", SHEETS)
def test_every_sheet_prints_landscape_a4_with_headers_and_a_footer(book, sheet):
    ws = book[sheet]
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    assert (
        ws.oddFooter.left.text == "&A" and "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text
    )
    assert ws.print_title_rows == ("$1:$2" if sheet == L.DASHBOARD else "$1:$1")


@pytest.mark.parametrize("sheet", [L.FINDINGS, L.LETTER_LOG, L.CRITERIA, L.LISTS, L.SETTINGS])
def test_narrow_sheets_print_one_page_wide_with_their_header_frozen(book, sheet):
    ws = book[sheet]
    assert ws.page_setup.fitToWidth == 1 and ws.freeze_panes == "A2"


def test_output_columns_fit_what_python_writes_in_them(book):
    """Widths measured on the values written (a character per unit, plus a margin)."""
    for sheet, headers in {
        L.FINDINGS: (L.FND_CELL, L.FND_CODE, L.FND_SHEET),
        L.LETTER_LOG: (L.LOG_SCHOOL, L.LOG_TEMPLATE, L.LOG_URN, L.LOG_VISIT),
    }.items():
        ws = book[sheet]
        for header in headers:
            letter = column(ws, header)
            longest = max(len(str(c.value)) for c in ws[letter] if c.value is not None)
            assert ws.column_dimensions[letter].width >= longest, (sheet, header)


def test_findings_wrap_their_long_text_in_rows_tall_enough_and_centre_short_codes(book):
    ws = book[L.FINDINGS]
    message, row = column(ws, L.FND_MESSAGE), column(ws, L.FND_ROW)
    assert ws.max_row > 2
    width = ws.column_dimensions[message].width
    for r in range(2, ws.max_row + 1):
        text = ws[f"{message}{r}"].value
        assert ws[f"{message}{r}"].alignment.wrap_text
        if text and len(text) > 1.2 * width:  # surely two lines or more
            assert (ws.row_dimensions[r].height or 15) >= 30, (r, text)
    assert ws[f"{row}2"].alignment.horizontal == "center"
    assert all(c.alignment.vertical == "top" for c in ws[2])  # a row's cells line up at its top


def test_letter_log_shows_the_time_a_letter_was_made(book):
    ws = book[L.LETTER_LOG]
    at = ws[f"{column(ws, L.LOG_AT)}2"]
    assert isinstance(at.value, datetime) and "hh:mm" in at.number_format
    assert ws[f"{column(ws, L.LOG_SCHOOL)}2"].alignment.wrap_text
    assert all(c.alignment.vertical == "top" for c in ws[2])


def test_the_dashboard_placeholder_has_the_dashboards_print_setup(tmp_path):
    path = tmp_path / "blank.xlsx"
    smep_ok("new", path)
    ws = openpyxl.load_workbook(path)[L.DASHBOARD]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$1:$2" and ws.sheet_properties.tabColor is not None


def test_wide_sheets_repeat_their_key_columns_on_each_page_across(book):
    for sheet, keys in {L.SCHOOLS: "$A:$B", L.VISITS: "$A:$B", L.OBJECTIVES: "$A:$C"}.items():
        ws = book[sheet]
        assert ws.print_title_cols == keys
        if ws.page_setup.fitToWidth > 1:
            assert ws.page_setup.pageOrder == "overThenDown"


def test_output_sheets_added_to_a_workbook_made_elsewhere_are_sized_and_print(hub, tmp_path):
    path = tmp_path / "other.xlsx"
    wb = openpyxl.load_workbook(hub)
    for sheet in (L.FINDINGS, L.LETTER_LOG):
        del wb[sheet]
    wb.save(path)
    smep_ok("validate", path)
    ws = openpyxl.load_workbook(path)[L.FINDINGS]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$1:$1" and ws.freeze_panes == "A2" and ws.oddFooter.left.text == "&A"
    cell = column(ws, L.FND_CELL)
    assert ws.column_dimensions[cell].width >= max(len(str(c.value)) for c in ws[cell])
    assert ws[f"{column(ws, L.FND_MESSAGE)}2"].alignment.wrap_text
    assert all(c.alignment.vertical == "top" for c in ws[2])


# ---- the printed pages


def _pages(pdf: Path) -> list[str]:
    count = int(
        next(
            line.split()[-1]
            for line in subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(i), "-l", str(i), pdf, "-"], capture_output=True, text=True
        ).stdout
        for i in range(1, count + 1)
    ]


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="needs LibreOffice")
def test_printed_pages_are_landscape_and_findings_print_one_page_wide(hub, tmp_path):
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore"]
        + ["--convert-to", "pdf", "--outdir", str(tmp_path), str(hub)],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp_path / "hub.pdf"
    size = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    assert "841.89 x 595.3" in size  # A4 landscape
    pages = _pages(pdf)
    sheet_of = [next((s for s in SHEETS if f"{s} " in p.strip().splitlines()[-1]), "") for p in pages]
    findings = [p for p, s in zip(pages, sheet_of, strict=True) if s == L.FINDINGS]
    assert findings and all("Severity" in p and "Suggestion" in p for p in findings)  # one page wide
    schools = [p for p, s in zip(pages, sheet_of, strict=True) if s == L.SCHOOLS]
    assert 0 < len(schools) <= 12  # 60 schools: a short list, not a page per few rows
    assert all("URN" in p and "School" in p for p in schools)  # key columns on every page across
    with zipfile.ZipFile(hub) as z:
        assert z.read("xl/workbook.xml").count(b"_xlnm.Print_Titles") == len(SHEETS)


def test_settings_values_sit_left_under_their_header_whatever_their_kind(book):
    ws = book[L.SETTINGS]
    values = [row[1] for row in ws.iter_rows(min_row=2)]
    kinds = {type(c.value).__name__ for c in values if c.value is not None}
    assert {"str", "datetime", "int", "float"} <= kinds
    assert all(c.alignment.horizontal == "left" for c in values if c.value is not None)
