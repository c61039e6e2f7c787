"""Workbooks as other writers write them (x: prefixes, cells without r, 1904 dates, xmlns:r on
each sheet, totals rows): every command gives what it gives on smep's own file, read back by
independent readers (python-calamine, openpyxl, lxml)."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from python_calamine import CalamineWorkbook

from smep_xl import layout as L
from tests.helpers.cli import smep_ok
from tests.helpers.parts import parts, sheet_part
from tests.helpers.writers import dated_1904, rewrite, with_prefix, without_cell_refs

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory) -> Path:
    """The demo workbook at 40 schools (quick to run every command on)."""
    path = tmp_path_factory.mktemp("demo") / "hub.xlsx"
    smep_ok("new", path, "--demo", "--schools", 40)
    return path


def copy(src: Path, folder: Path, name: str = "hub.xlsx") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(src, folder / name))


def calamine_rows(path: Path, sheet: str) -> list[list]:
    book = CalamineWorkbook.from_path(str(path))
    try:
        return book.get_sheet_by_name(sheet).to_python()
    finally:
        book.close()


def table_of(rows: list[list], key: str) -> dict:
    """A sheet's table (header in row 1) as {key value: {header: value}}."""
    header = [str(h) for h in rows[0]]
    return {
        r[header.index(key)]: dict(zip(header, r)) for r in rows[1:] if r[header.index(key)] not in ("", None)
    }


def dashboard_last_visits(rows: list[list]) -> dict:
    """URN -> Last Visit from the Dashboard table that lists both."""
    out = {}
    for i, row in enumerate(rows):
        if L.SCH_URN in row and L.SCH_LAST_VISIT in row:
            urn_at, last_at = row.index(L.SCH_URN), row.index(L.SCH_LAST_VISIT)
            for below in rows[i + 1 :]:
                if below[urn_at] in ("", None):
                    break
                out[below[urn_at]] = below[last_at]
    return out


def as_date(value) -> date:
    return value.date() if isinstance(value, datetime) else value


# ---- the 1904 date system
def test_refresh_of_a_1904_workbook_dates_the_dashboard_as_the_schools_sheet(demo_copy, tmp_path):
    path = dated_1904(demo_copy, tmp_path / "mac.xlsx")
    smep_ok("refresh", path)
    schools = table_of(calamine_rows(path, L.SCHOOLS), L.SCH_URN)
    listed = dashboard_last_visits(calamine_rows(path, L.DASHBOARD))
    assert listed, "the demo has schools owed a repeat visit"
    for urn, last in listed.items():
        assert as_date(last) == as_date(schools[urn][L.SCH_LAST_VISIT])
    wb = openpyxl.load_workbook(path)  # openpyxl honours date1904 too
    on_schools = {r[0]: r for r in wb[L.SCHOOLS].iter_rows(min_row=2, values_only=True)}
    header = [c.value for c in wb[L.SCHOOLS][1]]
    last_at = header.index(L.SCH_LAST_VISIT)
    for urn, last in dashboard_last_visits(
        [list(r) for r in wb[L.DASHBOARD].iter_rows(values_only=True)]
    ).items():
        assert as_date(last) == as_date(on_schools[urn][last_at])


# ---- x: prefixes (.NET writers)
def test_prefixed_workbook_gets_rows_every_reader_sees(small_demo, tmp_path):
    path = with_prefix(small_demo, tmp_path / "dotnet.xlsx")
    plain = copy(small_demo, tmp_path / "plain")
    for book in (path, plain):
        smep_ok("validate", book)
        smep_ok("refresh", book)
        smep_ok("letters", book, "--out", book.parent / "letters", "--date", "2015-07-31")
    wb = openpyxl.load_workbook(path)
    findings = list(wb[L.FINDINGS].iter_rows(min_row=2, values_only=True))
    log = list(wb[L.LETTER_LOG].iter_rows(min_row=2, values_only=True))
    assert findings and log  # LibreOffice and openpyxl saw both sheets empty before
    for sheet in (L.FINDINGS, L.SCHOOLS, L.VISITS, L.OBJECTIVES, L.DASHBOARD):
        assert calamine_rows(path, sheet) == calamine_rows(plain, sheet), sheet
    for name, data in parts(path).items():
        if name.endswith(".xml"):
            root = etree.fromstring(data)  # strict: well-formed, every prefix bound
            if root.tag.startswith(MAIN):
                assert all(
                    el.tag.startswith(MAIN) for el in root.iter(MAIN + "sheetData") for el in el.iter()
                )


# ---- cells without r, rows without r, r not first
def test_cells_without_r_are_numbered_not_duplicated(small_demo, tmp_path):
    plain = copy(small_demo, tmp_path / "plain")
    sheets = {sheet_part(small_demo, s) for s in (L.SCHOOLS, L.VISITS, L.OBJECTIVES)}
    odd = without_cell_refs(small_demo, tmp_path / "odd.xlsx", sheets)
    for book in (plain, odd):
        smep_ok("refresh", book)
    for sheet in (L.SCHOOLS, L.VISITS, L.OBJECTIVES):
        assert calamine_rows(odd, sheet) == calamine_rows(plain, sheet), sheet
        root = etree.fromstring(parts(odd)[sheet_part(odd, sheet)])
        numbers = []
        for row in root.iter(MAIN + "row"):
            numbers.append(int(row.get("r")))
            columns = [_column(c.get("r")) for c in row.iter(MAIN + "c")]
            assert columns == sorted(set(columns)), f"{sheet} row {row.get('r')}: duplicate or out of order"
        assert numbers == sorted(set(numbers))
    ws = openpyxl.load_workbook(odd)[L.SCHOOLS]
    header = [c.value for c in ws[1]]
    lasts = [r[header.index(L.SCH_LAST_VISIT)] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert any(lasts) and all(v is None or isinstance(v, datetime) for v in lasts)  # a date, not 41948


def _column(ref: str) -> int:
    from smep_xl.ooxml.refs import split_ref

    return split_ref(ref)[0]


# ---- a workbook made by openpyxl (xmlns:r on each <sheet>) without its output sheets
def test_output_sheets_added_to_an_openpyxl_workbook_keep_it_well_formed(contract_book, tmp_path):
    wb = openpyxl.load_workbook(contract_book)
    for sheet in (L.FINDINGS, L.LETTER_LOG, L.DASHBOARD):
        del wb[sheet]
    wb.save(contract_book)
    assert b'<sheet xmlns:r="' in zipfile.ZipFile(contract_book).read("xl/workbook.xml")
    smep_ok("validate", contract_book)
    smep_ok("refresh", contract_book)
    etree.fromstring(parts(contract_book)["xl/workbook.xml"])  # strict: r: is bound
    wb = openpyxl.load_workbook(contract_book)
    assert {L.FINDINGS, L.DASHBOARD} <= set(wb.sheetnames)
    assert wb[L.FINDINGS].tables["Findings"].ref.startswith("A1:H")


# ---- sheet settings of output sheets
def test_output_sheets_keep_protection_tab_colour_zoom_and_print_setup(small_demo, tmp_path):
    path = copy(small_demo, tmp_path)
    smep_ok("validate", path)
    smep_ok("refresh", path)
    smep_ok("letters", path, "--out", tmp_path / "letters", "--date", "2015-07-31")
    wb = openpyxl.load_workbook(path)
    for sheet in (L.DASHBOARD, L.FINDINGS, L.LETTER_LOG):
        ws = wb[sheet]
        ws.protection.sheet = True
        ws.sheet_properties.tabColor = "FF00B050"
        ws.sheet_view.zoomScale = 85
        ws.page_setup.orientation = "portrait"
        ws.print_options.gridLines = True
        ws.oddHeader.center.text = "Hub copy"
        ws.page_margins.left = 0.25
    wb.save(path)
    smep_ok("validate", path)
    smep_ok("refresh", path)
    smep_ok("letters", path, "--out", tmp_path / "letters", "--all", "--date", "2015-07-31")
    wb = openpyxl.load_workbook(path)
    for sheet in (L.DASHBOARD, L.FINDINGS, L.LETTER_LOG):
        ws = wb[sheet]
        assert ws.protection.sheet, sheet
        assert ws.sheet_properties.tabColor.rgb == "FF00B050", sheet
        assert ws.sheet_view.zoomScale == 85, sheet
        assert ws.page_setup.orientation == "portrait" and ws.print_options.gridLines, sheet
        assert ws.oddHeader.center.text == "Hub copy" and ws.page_margins.left == 0.25, sheet
    assert wb[L.DASHBOARD].max_row > 20 and "xl/charts/smepChart1.xml" in parts(path)  # redrawn
    smep_ok("refresh", path)
    first = parts(path)
    smep_ok("refresh", path)  # twice: the same sheet, settings and all
    assert parts(path) == first


# ---- text that looks like Excel's own escapes
def test_a_name_typed_as_an_escape_is_written_as_typed(contract_book, tmp_path):
    typed = "Room _x0041_ Music School"  # as staff typed it; Excel stores it as _x005F_x0041_
    part = sheet_part(contract_book, L.SCHOOLS)
    stored = {b"School 0": b"Room _x005F_x0041_ Music School", b"School 1": b"Hall _x005F_x0042_ School"}

    def with_name(name: str, data: bytes) -> bytes:
        for school, escaped in stored.items():
            data = data.replace(school + b" &amp; &lt;Co&gt;", escaped) if name == part else data
        return data

    path = rewrite(contract_book, tmp_path / "typed.xlsx", with_name)
    assert table_of(calamine_rows(path, L.SCHOOLS), L.SCH_URN)[100000][L.SCH_NAME] == typed
    smep_ok("letters", path, "--out", tmp_path / "letters", "--date", "2015-07-31")
    smep_ok("refresh", path)
    log = table_of(calamine_rows(path, L.LETTER_LOG), L.LOG_VISIT)["V1"]
    assert log[L.LOG_SCHOOL] == typed and typed in log[L.LOG_FILE]
    assert (path.parent / log[L.LOG_FILE]).exists()  # the log names the file on disk
    dashboard = [v for row in calamine_rows(path, L.DASHBOARD) for v in row]
    assert "Hall _x0042_ School" in dashboard and "Hall B School" not in dashboard  # not yet visited


# ---- a real office suite reads what smep wrote (issue cases 6, 7 and 8)
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed here")
def test_libreoffice_reads_what_smep_wrote(small_demo, contract_book, tmp_path):
    from tests.refresh_package import convert

    dotnet = with_prefix(small_demo, tmp_path / "dotnet.xlsx")
    smep_ok("validate", dotnet)
    smep_ok("letters", dotnet, "--out", tmp_path / "letters", "--date", "2015-07-31")
    sheets = {sheet_part(small_demo, s) for s in (L.SCHOOLS, L.VISITS)}
    odd = without_cell_refs(small_demo, tmp_path / "odd.xlsx", sheets)
    smep_ok("refresh", odd)
    wb = openpyxl.load_workbook(contract_book)
    for sheet in (L.FINDINGS, L.LETTER_LOG, L.DASHBOARD):
        del wb[sheet]
    wb.save(contract_book)
    smep_ok("validate", contract_book)
    smep_ok("refresh", contract_book)
    seen = {
        p.stem: openpyxl.load_workbook(convert(p, "xlsx", tmp_path / "lo"))
        for p in (dotnet, odd, contract_book)
    }
    assert seen["dotnet"][L.FINDINGS].max_row > 1 and seen["dotnet"][L.LETTER_LOG].max_row > 1
    header = [c.value for c in seen["odd"][L.SCHOOLS][1]]
    lasts = [
        r[header.index(L.SCH_LAST_VISIT)]
        for r in seen["odd"][L.SCHOOLS].iter_rows(min_row=2, values_only=True)
    ]
    assert any(lasts) and all(v is None or isinstance(v, datetime) for v in lasts)
    assert {L.FINDINGS, L.DASHBOARD} <= set(seen["hub"].sheetnames)
