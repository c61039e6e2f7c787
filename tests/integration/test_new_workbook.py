"""`smep new` workbooks written to disk and reopened with openpyxl (and python-calamine)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from lxml import etree

from smep_xl import layout as L
from smep_xl.adapters.new_workbook import rules
from smep_xl.adapters.new_workbook.write import findings_highlight_formulas, write_new_workbook
from smep_xl.demo import blank_frames, build_demo_frames
from smep_xl.domain.settings import settings_from_frame
from smep_xl.ooxml.refs import column_letter
from tests.helpers.audit import problems

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "workbooks" / "SMEP_Demo.xlsx"
CRITERIA = [c[0] for c in L.DEFAULT_CRITERIA]
SPECS = {
    **L.FIXED_SPECS,
    L.VISITS: L.visits_spec(CRITERIA),
    L.LISTS: L.SheetSpec(L.LISTS, rules.LISTS_LAYOUT),
}
DATA_SHEETS = [s for s in L.SHEET_ORDER if s != L.DASHBOARD]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return build_demo_frames()


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory, frames) -> Path:
    path = tmp_path_factory.mktemp("new") / "hub.xlsx"
    write_new_workbook(str(path), frames)
    return path


@pytest.fixture(scope="module")
def book(demo_path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(demo_path)


def header(ws) -> list:
    return [c.value for c in ws[1]]


def body(ws, sheet: str) -> pd.DataFrame:
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    return pd.DataFrame(rows, columns=header(ws)).reindex(columns=list(SPECS[sheet].inputs))


def letter(sheet: str, column: str) -> str:
    return column_letter(SPECS[sheet].columns.index(column) + 1)


def cell_values(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


# ---- sheets, tables, views


def test_every_contract_sheet_in_order(book):
    assert book.sheetnames == list(L.SHEET_ORDER)


@pytest.mark.parametrize("sheet", DATA_SHEETS)
def test_each_data_sheet_is_one_excel_table_named_for_it_with_the_exact_headers(book, sheet):
    ws = book[sheet]
    assert list(ws.tables) == [L.table_name(sheet)]
    table = ws.tables[L.table_name(sheet)]
    assert header(ws) == list(SPECS[sheet].columns)
    assert [c.name for c in table.tableColumns] == list(SPECS[sheet].columns)
    assert table.ref.startswith("A1:") and table.autoFilter.ref == table.ref
    assert table.ref.endswith(f"{column_letter(len(SPECS[sheet].columns))}{max(2, ws.max_row)}")


@pytest.mark.parametrize("sheet", DATA_SHEETS)
def test_header_row_is_frozen(book, sheet):
    pane = book[sheet].sheet_view.pane
    assert pane is not None and pane.state == "frozen" and pane.ySplit == 1
    assert book[sheet].freeze_panes == {L.OBJECTIVES: "D2", L.SCHOOLS: "C2", L.VISITS: "C2"}.get(sheet, "A2")


def test_computed_headers_have_a_style_of_their_own(book):
    for sheet, inp, out in (
        (L.SCHOOLS, L.SCH_URN, L.SCH_RAG),
        (L.VISITS, L.VIS_ID, L.VIS_SCORE),
        (L.OBJECTIVES, L.OBJ_NO, L.OBJ_BRAG),
    ):
        ws = book[sheet]
        a, b = ws[f"{letter(sheet, inp)}1"], ws[f"{letter(sheet, out)}1"]
        assert a.fill.fgColor.rgb != b.fill.fgColor.rgb
        assert a.font.b and b.font.b and b.font.i and not a.font.i
    findings = book[L.FINDINGS]["A1"]
    assert findings.font.i  # every Findings column is Python's


def test_columns_are_sized_and_long_text_wraps(book):
    ws = book[L.VISITS]
    strengths = letter(L.VISITS, L.VIS_STRENGTHS)
    assert ws.column_dimensions[strengths].width >= 40
    assert ws[f"{strengths}2"].alignment.wrap_text
    assert 6 <= ws.column_dimensions[letter(L.VISITS, L.VIS_ID)].width <= 15


def test_dates_are_real_dates_shown_day_first(book):
    ws = book[L.VISITS]
    first = ws[f"{letter(L.VISITS, L.VIS_DATE)}2"]
    assert isinstance(first.value, datetime) and first.number_format == "dd/mm/yyyy"
    settings = {r[0].value: r[1] for r in book[L.SETTINGS].iter_rows(min_row=2)}
    assert settings[L.S_PLAN_START].value == datetime(2014, 9, 1)
    assert settings[L.S_PLAN_START].number_format == "dd/mm/yyyy"
    assert settings[L.S_Y1_TARGET].number_format == "0%"


def test_dashboard_has_a_title_for_refresh_to_fill_under(book):
    ws = book[L.DASHBOARD]
    assert "Leicester-Shire Music Education Hub" in ws["A1"].value
    assert not ws.tables


# ---- validation and formats


def validations(ws) -> list:
    return list(ws.data_validations.dataValidation)


def covering(ws, cell: str):
    return [dv for dv in validations(ws) if cell in dv.sqref]


@pytest.mark.parametrize(("sheet", "column"), sorted(rules.LIST_FED))
def test_pick_list_columns_have_drop_downs_fed_from_lists(book, sheet, column):
    col = letter(sheet, column)
    found = covering(book[sheet], f"{col}2")
    assert len(found) == 1 and found[0].type == "list"
    source = column_letter(rules.LISTS_LAYOUT.index(rules.LIST_FED[(sheet, column)]) + 1)
    assert f"{L.LISTS}!${source}$2" in found[0].formula1
    assert f"{col}5000" in found[0].sqref  # reaches rows staff add


def test_scores_dates_progress_and_urns_are_validated(book):
    visits = book[L.VISITS]
    for criterion in CRITERIA:
        (dv,) = covering(visits, f"{letter(L.VISITS, criterion)}2")
        assert (dv.type, dv.operator, dv.formula1, dv.formula2) == ("whole", "between", "1", "4")
    for column in (L.VIS_DATE, L.VIS_FOLLOW_UP):
        (dv,) = covering(visits, f"{letter(L.VISITS, column)}300")
        assert dv.type == "date"
    (progress,) = covering(book[L.OBJECTIVES], f"{letter(L.OBJECTIVES, L.OBJ_PROGRESS)}2")
    assert (progress.type, progress.formula1, progress.formula2) == ("decimal", "0", "100")
    (urn,) = covering(book[L.SCHOOLS], "A2")
    assert urn.type == "whole" and urn.formula1 == "100000"
    assert not covering(visits, f"{letter(L.VISITS, L.VIS_SCORE)}2")  # computed: Python's to fill


def test_defined_names_give_each_pick_list(book):
    assert rules.LISTS_LAYOUT[: len(L.LISTS_SPEC.inputs)] == L.LISTS_SPEC.inputs
    for column in rules.LISTS_LAYOUT:
        name = book.defined_names[rules.list_name(column)]
        assert name.attr_text == rules.list_formula(column)


def rule_formulas(ws) -> dict[str, list[str]]:
    return {
        str(cf.sqref): [f for r in cf.rules for f in (r.formula or [])] for cf in ws.conditional_formatting
    }


@pytest.mark.parametrize(
    ("sheet", "column"),
    [(L.SCHOOLS, L.SCH_RAG), (L.SCHOOLS, L.SCH_PREV_RAG), (L.VISITS, L.VIS_RAG), (L.OBJECTIVES, L.OBJ_BRAG)],
)
def test_rag_columns_are_coloured_by_their_word(book, sheet, column):
    col = letter(sheet, column)
    formulas = rule_formulas(book[sheet])[f"{col}2:{col}5000"]
    assert formulas == ['"Red"', '"Amber"', '"Green"', '"Blue"']


@pytest.mark.parametrize("sheet", rules.INPUT_SHEETS)
def test_input_sheets_highlight_cells_the_findings_name(book, sheet):
    spec = SPECS[sheet]
    area = f"A1:{column_letter(len(spec.inputs))}{max(5000, book[sheet].max_row)}"
    assert rule_formulas(book[sheet])[area] == list(findings_highlight_formulas(sheet))


def test_findings_highlight_formulas_read_findings_through_workbook_names():
    error, any_level = findings_highlight_formulas(L.VISITS)
    me = '"Visits!"&ADDRESS(ROW(),COLUMN(),4)'
    assert error == f'COUNTIFS(SMEP_FindingSeverities,"error",SMEP_FindingCells,{me})>0'
    assert any_level == f"COUNTIF(SMEP_FindingCells,{me})>0"
    assert "\"'Letter Log'!\"" in findings_highlight_formulas(L.LETTER_LOG)[1]


@pytest.mark.parametrize("sheet", rules.INPUT_SHEETS)
def test_no_conditional_format_refers_to_another_sheet(book, sheet):
    # Excel 2007 refuses a conditional format with a reference to another sheet ("Findings!..."):
    # the rules must reach Findings through workbook names only.
    for formulas in rule_formulas(book[sheet]).values():
        for formula in formulas:
            assert "!$" not in formula and f"{L.FINDINGS}!" not in formula, formula


def test_the_names_the_highlights_read_are_the_findings_cell_and_severity_columns(book):
    findings = book[L.FINDINGS]
    by_header = {cell.value: cell.column_letter for cell in findings[1]}  # read back from the sheet
    for name, header in (("SMEP_FindingCells", L.FND_CELL), ("SMEP_FindingSeverities", L.FND_SEVERITY)):
        defined = book.defined_names[name]
        assert defined.localSheetId is None  # workbook-level, so every sheet's rules can use it
        col = by_header[header]
        assert defined.attr_text == f"{L.FINDINGS}!${col}:${col}"
    assert rules.findings_defined_names() == {
        n: book.defined_names[n].attr_text for n in ("SMEP_FindingCells", "SMEP_FindingSeverities")
    }


# ---- contents read back


def test_settings_read_back(book):
    ws = book[L.SETTINGS]
    frame = pd.DataFrame([r for r in ws.iter_rows(min_row=2, values_only=True)], columns=header(ws))
    settings = settings_from_frame(frame.set_axis(range(2, 2 + len(frame))))
    assert list(frame[L.SET_NAME]) == list(L.SETTING_NAMES)
    assert settings.plan_start == date(2014, 9, 1) and settings.as_of() == date(2015, 7, 31)
    assert settings.fraction(L.S_Y1_TARGET) == 0.6
    assert settings.text(L.S_LETTER_TEMPLATE) == "templates/feedback_letter.docx"


def test_grid_schools_and_visits_read_back(book):
    grid = body(book[L.OBJECTIVES], L.OBJECTIVES)
    assert grid[L.OBJ_NO].dropna().tolist() == [1, 2, 3, 4, 5, 6, 7, 8]
    assert grid[L.OBJ_REF].is_unique
    by_when = dict(zip(grid[L.OBJ_REF], grid[L.OBJ_BY_WHEN], strict=True))
    assert by_when["1.ii"] == "Mar 2014 Apr 2014 May 2014" and by_when["2.ii"] == "Mar/Apr"
    assert by_when["8.i"] == "Oct 2014 and Feb 2015"
    schools = body(book[L.SCHOOLS], L.SCHOOLS)
    assert len(schools) == 400 and schools[L.SCH_URN].is_unique
    assert schools[L.SCH_URN].map(lambda u: isinstance(u, int) and len(str(u)) == 6).all()
    assert schools.loc[schools[L.SCH_STATUS] == L.OPEN, L.SCH_SLE].notna().all()
    visits = body(book[L.VISITS], L.VISITS)
    assert set(visits[L.VIS_URN]) <= set(schools[L.SCH_URN])


def test_every_text_survives_write_and_reopen(book, frames):
    for sheet in (L.OBJECTIVES, L.SCHOOLS, L.VISITS, L.LISTS):
        got = body(book[sheet], sheet)
        want = frames[sheet]
        for column in want.columns:
            expected = [v for v in want[column] if isinstance(v, str)]
            actual = [v for v in got[column] if isinstance(v, str)]
            assert actual == expected, (sheet, column)
    text = "".join(str(v) for v in body(book[L.VISITS], L.VISITS)[L.VIS_AREAS])
    assert "<" in text and "&" in text


def test_python_calamine_reads_the_same_values(demo_path, frames):
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(demo_path)).get_sheet_by_name(L.VISITS).to_python()
    assert rows[0] == list(SPECS[L.VISITS].columns)
    ids = [r[0] for r in rows[1:]]
    assert ids == list(frames[L.VISITS][L.VIS_ID])
    assert rows[1][2] == frames[L.VISITS][L.VIS_DATE].iloc[0]


# ---- blank workbook, .xlsm, determinism, the committed copy


def test_blank_workbook_has_empty_tables_and_default_rows(tmp_path):
    path = tmp_path / "new.xlsx"
    write_new_workbook(str(path), blank_frames())
    wb = openpyxl.load_workbook(path)
    for sheet in (L.OBJECTIVES, L.SCHOOLS, L.VISITS, L.FINDINGS, L.LETTER_LOG):
        ws = wb[sheet]
        assert ws.max_row == 1
        assert ws.tables[L.table_name(sheet)].ref.endswith("2")
    assert [r[0] for r in wb[L.SETTINGS].iter_rows(min_row=2, values_only=True)] == list(L.SETTING_NAMES)
    as_of = [r for r in wb[L.SETTINGS].iter_rows(min_row=2, values_only=True) if r[0] == L.S_AS_OF]
    assert as_of == [(L.S_AS_OF, None)]
    assert wb[L.CRITERIA].max_row == 1 + len(L.DEFAULT_CRITERIA)


def test_an_xlsm_path_gets_a_macro_enabled_workbook(tmp_path):
    path = tmp_path / "hub.xlsm"
    write_new_workbook(str(path), blank_frames())
    types = zipfile.ZipFile(path).read("[Content_Types].xml").decode()
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types
    assert openpyxl.load_workbook(path, keep_vba=True).sheetnames == list(L.SHEET_ORDER)


def test_two_builds_are_identical_files(tmp_path, demo_path):
    again = tmp_path / "again.xlsx"
    write_new_workbook(str(again), build_demo_frames())
    assert again.read_bytes() == demo_path.read_bytes()
    core = zipfile.ZipFile(again).read("docProps/core.xml").decode()
    assert "2014-09-01T00:00:00Z" in core


def test_committed_demo_workbook_matches_what_the_command_builds(demo_path):
    assert COMMITTED.exists(), "build it with: smep new workbooks/SMEP_Demo.xlsx --demo"
    built, committed = cell_values(demo_path), cell_values(COMMITTED)
    assert list(committed) == list(built)
    for sheet in built:
        assert committed[sheet] == built[sheet], f"{sheet} differs: rebuild with smep new ... --demo --force"
    tables = {ws.title: dict(ws.tables.items()) for ws in openpyxl.load_workbook(COMMITTED)}
    assert tables[L.VISITS] == {L.table_name(L.VISITS): f"A1:V{len(built[L.VISITS])}"}


@pytest.mark.parametrize("name", ["blank.xlsx", "blank.xlsm"])
def test_blank_workbooks_are_valid_open_xml(tmp_path, name):
    path = tmp_path / name
    write_new_workbook(str(path), blank_frames())
    assert problems(path) == []


def test_the_demo_workbook_is_valid_open_xml(demo_path):
    assert problems(demo_path) == []


def test_fonts_are_in_the_schemas_order(demo_path):
    order = ["b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz",
             "color", "name", "family", "charset", "scheme"]  # fmt: skip
    styles = etree.fromstring(zipfile.ZipFile(demo_path).read("xl/styles.xml"))
    fonts = list(styles.iter(f"{{{MAIN}}}font"))
    assert len(fonts) > 4  # cell styles' and the formats' (dxf) fonts
    for font in fonts:
        names = [etree.QName(child).localname for child in font]
        assert names == sorted(names, key=order.index)


def test_a_1904_workbook_keeps_its_dates(tmp_path, frames):
    path = tmp_path / "mac.xlsx"
    small = {name: frame.head(20) for name, frame in frames.items()}
    write_new_workbook(str(path), small, date1904=True)
    book = etree.fromstring(zipfile.ZipFile(path).read("xl/workbook.xml"))
    assert book.find(f"{{{MAIN}}}workbookPr").get("date1904") in ("1", "true")
    wb = openpyxl.load_workbook(path)
    got = [c.value for c in wb[L.VISITS][letter(L.VISITS, L.VIS_DATE)][1:]]
    assert [v.date() for v in got] == list(small[L.VISITS][L.VIS_DATE])
    (rule,) = covering(wb[L.VISITS], f"{letter(L.VISITS, L.VIS_DATE)}2")
    # 1 Jan 2000 is day 36526 in the 1900 system and 1462 days fewer in the 1904 one.
    assert (rule.formula1, rule.formula2) == (str(36526 - 1462), str(73415 - 1462))


def test_text_is_stored_as_excel_reads_it_back(tmp_path):
    from python_calamine import CalamineWorkbook

    path = tmp_path / "names.xlsx"
    frames = build_demo_frames(schools=3)
    typed = ["St _x0041_ School", "Bell\x07 & <Book> Academy", "x_x005F_y"]
    frames[L.SCHOOLS].loc[: len(typed) - 1, L.SCH_NAME] = typed
    write_new_workbook(str(path), frames)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(L.SCHOOLS).to_python()
    assert [r[1] for r in rows[1:4]] == typed
    assert problems(path) == []


class Unwritable:
    def __str__(self) -> str:
        raise RuntimeError("no text")


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "hub.xlsx"
    path.write_bytes(b"the old workbook")
    bad = build_demo_frames(schools=5)
    bad[L.SCHOOLS].loc[0, L.SCH_NOTES] = Unwritable()
    with pytest.raises(RuntimeError):
        write_new_workbook(str(path), bad)
    assert path.read_bytes() == b"the old workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["hub.xlsx"]


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_colours_the_cells_findings_name_through_the_workbook_names(tmp_path):
    from smep_xl.actions.validate import validate
    from smep_xl.adapters.xlsx.workbook import open_workbook

    frames = build_demo_frames(schools=20)
    frames[L.SCHOOLS].loc[0, L.SCH_URN] = 12345  # five digits: an error finding on Schools!A2
    path = tmp_path / "hub.xlsx"
    write_new_workbook(str(path), frames)
    validate(open_workbook(str(path)))
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "html",
         "--outdir", str(tmp_path), str(path)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    page = (tmp_path / "hub.html").read_text(encoding="utf-8", errors="replace")
    schools = re.split(r'<a name="table\d+">', page, flags=re.I)[1 + L.SHEET_ORDER.index(L.SCHOOLS)]
    first_row = re.findall(r"<td[^>]*>", re.findall(r"<tr.*?</tr>", schools, re.S | re.I)[1], re.I)
    assert 'sdval="12345"' in first_row[0] and 'bgcolor="#FFC7CE"' in first_row[0]  # the error's red
    assert "bgcolor" not in first_row[1]  # the school's name: no finding, no colour
