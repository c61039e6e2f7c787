"""The file adapter on real files: written, reopened, compared part by part."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from smep_xl import layout as L
from smep_xl.adapters.xlsx.workbook import open_workbook
from smep_xl.errors import SmepError
from tests.helpers.parts import canonical, cell_xml, changed_parts, parts, sheet_part, smep_highlight

FINDING = [
    "error",
    "Visits",
    "Visits!F2",
    2,
    "Singing",
    "visit.score.range",
    "Score 7 is outside 1-4 & <x>",
    "",
]


def write_some(path: Path) -> None:
    book = open_workbook(str(path))
    schools = book.read_table(L.SCHOOLS).frame
    computed = pd.DataFrame(
        {
            L.SCH_RAG: ["Red", "Green", "Amber"][: len(schools)],
            L.SCH_LAST_VISIT: [date(2015, 1, 2)] + [None] * (len(schools) - 1),
        },
        index=schools.index,
    )
    book.write_columns(L.SCHOOLS, computed)
    book.write_output(L.FINDINGS, pd.DataFrame([FINDING], columns=L.FINDINGS_SPEC.columns), {0: "Visits!F2"})
    book.save()


def test_reads_every_table_with_rows_and_types(contract_book):
    book = open_workbook(str(contract_book))
    visits = book.read_table(L.VISITS)
    assert list(visits.frame.index) == [2]
    row = visits.frame.loc[2]
    assert row[L.VIS_URN] == 100000 and row[L.VIS_DATE] == date(2014, 10, 1) and row["Singing"] == 2
    assert visits.cell(2, "Singing") == "H2"
    schools = book.read_table(L.SCHOOLS).frame
    assert schools.loc[3, L.SCH_NAME] == "School 1 & <Co>" and schools.loc[2, L.SCH_HEAD_FIRST] == "Zoë"


def test_write_keeps_every_other_part_byte_identical(rich_book):
    before = parts(rich_book)
    write_some(rich_book)
    after = parts(rich_book)
    schools, findings = sheet_part(rich_book, L.SCHOOLS), sheet_part(rich_book, L.FINDINGS)
    highlighted = {
        sheet_part(rich_book, s) for s in (L.OBJECTIVES, L.VISITS, L.CRITERIA, L.LISTS, L.SETTINGS)
    }
    findings_table = "xl/tables/table7.xml"
    allowed = {schools, findings, findings_table, "xl/styles.xml", "xl/workbook.xml"} | highlighted
    assert changed_parts(before, after) <= allowed
    # a workbook made elsewhere gains the findings highlight rules and their two names, nothing else
    for part in highlighted | {"xl/workbook.xml"}:
        assert canonical(after[part], smep_highlight) == canonical(before[part])
    for kept in (
        "xl/vbaProject.bin",
        "customUI/customUI14.xml",
        "_rels/.rels",
        "xl/charts/chart1.xml",
        "xl/comments/comment1.xml",
    ):
        assert before[kept] == after[kept]


def test_rewritten_sheet_keeps_validation_formats_extensions_and_user_cells(rich_book):
    part = sheet_part(rich_book, L.SCHOOLS)
    old = parts(rich_book)[part]
    write_some(rich_book)
    new = parts(rich_book)[part]
    for tag in ("dataValidations", "conditionalFormatting", "extLst", "legacyDrawing", "tableParts"):
        was, now = _elements(old, tag), _elements(new, tag, keep=lambda el: not smep_highlight(el))
        assert was and was == now, tag
    for ref in ("A2", "B2", "B3", "P4", "U2"):  # values, a filled cell, a formula with its cached value
        assert cell_xml(old, ref) == cell_xml(new, ref)


def _elements(xml: bytes, tag: str, keep=lambda el: True) -> list[bytes]:
    from lxml import etree

    root = etree.fromstring(xml)
    found = root.findall(f"{{{root.nsmap[None]}}}{tag}")
    return [etree.tostring(el, method="c14n2") for el in found if keep(el)]


def test_values_read_back_in_openpyxl_and_styles_kept(rich_book):
    write_some(rich_book)
    wb = openpyxl.load_workbook(rich_book)
    ws = wb[L.SCHOOLS]
    header = [c.value for c in ws[1]]
    rag, last = header.index(L.SCH_RAG) + 1, header.index(L.SCH_LAST_VISIT) + 1
    assert [ws.cell(r, rag).value for r in (2, 3, 4)] == ["Red", "Green", "Amber"]
    assert ws.cell(2, last).value.date() == date(2015, 1, 2)
    assert "dd" in ws.cell(2, last).number_format
    assert ws["B3"].fill.fgColor.rgb.endswith("FFFF00")
    assert ws["B2"].comment.text == "Check the name"
    findings = wb[L.FINDINGS]
    assert findings.tables["Findings"].ref == "A1:H2"
    assert findings["G2"].value == FINDING[6]
    assert findings["C2"].hyperlink.location == "Visits!F2"
    assert "SmepPhases" in wb.defined_names


def test_second_identical_write_changes_nothing(rich_book):
    write_some(rich_book)
    first = parts(rich_book)
    write_some(rich_book)
    assert changed_parts(first, parts(rich_book)) == set()


def test_output_table_shrinks_and_grows(contract_book):
    book = open_workbook(str(contract_book))
    many = pd.DataFrame([FINDING] * 5, columns=L.FINDINGS_SPEC.columns)
    book.write_output(L.FINDINGS, many)
    book.save()
    assert len(open_workbook(str(contract_book)).read_table(L.FINDINGS).frame) == 5
    book = open_workbook(str(contract_book))
    book.write_output(L.FINDINGS, many.iloc[:0])
    book.save()
    ws = openpyxl.load_workbook(contract_book)[L.FINDINGS]
    assert ws.tables["Findings"].ref == "A1:H2" and ws["A3"].value is None and ws["A2"].value is None


def test_missing_computed_column_is_added_to_the_table(tmp_path):
    from tests.helpers.contract_book import make_contract_workbook

    path = tmp_path / "old.xlsx"
    make_contract_workbook(path)
    wb = openpyxl.load_workbook(path)
    ws = wb[L.OBJECTIVES]
    ws.tables["Objectives"].ref = "A1:Q2"  # an older workbook without the Findings column
    ws.tables["Objectives"].tableColumns.pop()
    ws["R1"] = None
    wb.save(path)
    book = open_workbook(str(path))
    book.write_columns(L.OBJECTIVES, pd.DataFrame({L.OBJ_FINDINGS: ["ok"]}, index=[2]))
    book.save()
    table = open_workbook(str(path)).read_table(L.OBJECTIVES)
    assert table.frame.loc[2, L.OBJ_FINDINGS] == "ok"
    assert openpyxl.load_workbook(path)[L.OBJECTIVES].tables["Objectives"].ref == "A1:R2"


def test_write_inputs_grows_table_and_validation(rich_book):
    book = open_workbook(str(rich_book))
    schools = book.read_table(L.SCHOOLS).frame
    new = pd.DataFrame([{L.SCH_URN: 123456, L.SCH_NAME: "New Academy", L.SCH_STATUS: "Open"}])
    updates = pd.DataFrame({L.SCH_HEAD_LAST: ["Jones"]}, index=[schools.index[0]])
    book.write_inputs(L.SCHOOLS, updates, new)
    book.save()
    wb = openpyxl.load_workbook(rich_book)
    ws = wb[L.SCHOOLS]
    assert (
        ws.tables["Schools"].ref.endswith("5")
        and ws["A5"].value == 123456
        and ws["B5"].value == "New Academy"
    )
    assert ws["M2"].value == "Jones" and ws["L2"].value == "Zoë"
    assert open_workbook(str(rich_book)).read_table(L.SCHOOLS).frame.loc[5, L.SCH_NAME] == "New Academy"


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda p: None, "no such file"),
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: p.write_text("hello"), "not an Excel workbook"),
        (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "Excel 97-2003"),
        (
            lambda p: p.write_bytes(
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le")
            ),
            "password",
        ),
        (
            lambda p: p.write_bytes(zipfile.ZipFile.__doc__.encode()[:10] + b"PK\x03\x04junk"),
            "not an Excel workbook",
        ),
    ],
)
def test_broken_files_stop_with_one_clear_line(tmp_path, make, words):
    path = tmp_path / "hub.xlsx"
    make(path)
    with pytest.raises(SmepError) as stop:
        open_workbook(str(path)).read_table(L.SCHOOLS)
    assert words in str(stop.value) and "\n" not in str(stop.value)


def test_lock_file_stops_before_anything_changes(contract_book):
    before = contract_book.read_bytes()
    (contract_book.parent / ("~$" + contract_book.name)).write_bytes(b"owner")
    with pytest.raises(SmepError, match="open in Excel"):
        open_workbook(str(contract_book))
    assert contract_book.read_bytes() == before


def test_missing_sheet_and_renamed_header_are_clear(contract_book):
    wb = openpyxl.load_workbook(contract_book)
    wb[L.SCHOOLS]["D1"] = "Phase of education"
    wb[L.SCHOOLS].tables["Schools"].tableColumns[3].name = "Phase of education"
    del wb[L.CRITERIA]
    wb.save(contract_book)
    book = open_workbook(str(contract_book))
    with pytest.raises(SmepError, match="'Phase' is missing.*Phase of education"):
        book.read_table(L.SCHOOLS)
    with pytest.raises(SmepError, match="no sheet called 'Criteria'"):
        book.read_table(L.CRITERIA)


def test_failed_save_leaves_file_identical_and_no_temp(contract_book, monkeypatch):
    from smep_xl.ooxml import package as ooxml_package

    before = contract_book.read_bytes()
    book = open_workbook(str(contract_book))
    book.write_output(L.FINDINGS, pd.DataFrame([FINDING], columns=L.FINDINGS_SPEC.columns))

    def half_then_fail(self, raw):
        raw.write(b"PK half written")
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(ooxml_package.Package, "_write_to", half_then_fail)
    with pytest.raises(RuntimeError):
        book.save()
    assert contract_book.read_bytes() == before
    assert [p.name for p in contract_book.parent.iterdir() if "smep-saving" in p.name] == []


def test_file_changed_during_run_is_not_overwritten(contract_book):
    book = open_workbook(str(contract_book))
    book.write_output(L.FINDINGS, pd.DataFrame([FINDING], columns=L.FINDINGS_SPEC.columns))
    with open(contract_book, "ab") as fh:
        fh.write(b" ")  # someone else saved meanwhile
    changed = contract_book.read_bytes()
    with pytest.raises(SmepError, match="changed by someone else"):
        book.save()
    assert contract_book.read_bytes() == changed


def test_findings_highlight_rules_added_once_to_a_workbook_without_them(contract_book):
    write_some(contract_book)
    wb = openpyxl.load_workbook(contract_book)
    rules = [f for cf in wb[L.VISITS].conditional_formatting for r in cf.rules for f in r.formula]
    assert any(f.startswith("COUNTIFS(SMEP_FindingSeverities,") for f in rules)
    assert any(f.startswith("COUNTIF(SMEP_FindingCells,") for f in rules)
    assert not any("Findings!" in f for f in rules)  # no other sheet named in a rule (Excel 2007)
    names = {
        name: wb.defined_names[name].attr_text for name in ("SMEP_FindingCells", "SMEP_FindingSeverities")
    }
    assert names == {"SMEP_FindingCells": "Findings!$C:$C", "SMEP_FindingSeverities": "Findings!$A:$A"}
    first = parts(contract_book)
    write_some(contract_book)
    assert changed_parts(first, parts(contract_book)) == set()


def _with_older_highlights(path) -> None:
    """The workbook as the first release wrote it: rules reading Findings' columns directly."""
    import re
    import zipfile

    source = dict(parts(path))
    older = {}
    for name, data in source.items():
        if name.startswith("xl/worksheets/"):
            data = data.replace(b"SMEP_FindingCells", b"Findings!$C:$C")
            data = data.replace(b"SMEP_FindingSeverities", b"Findings!$A:$A")
        elif name == "xl/workbook.xml":
            data = re.sub(rb'<definedName name="SMEP_Finding\w+"[^>]*>[^<]*</definedName>', b"", data)
        older[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in older.items():
            out.writestr(name, data)


def test_demo_workbook_gets_no_second_set_of_highlight_rules(demo_copy):
    _with_older_highlights(demo_copy)
    before = parts(demo_copy)
    book = open_workbook(str(demo_copy))
    book.write_output(L.FINDINGS, pd.DataFrame([FINDING], columns=L.FINDINGS_SPEC.columns), {0: "Visits!F2"})
    book.save()
    visits = sheet_part(demo_copy, L.VISITS)
    after = parts(demo_copy)[visits]
    # rules of the older form (reading Findings!$C:$C) are rewritten in place, not added to
    assert after.count(b"SMEP_FindingCells") == before[visits].count(b"Findings!$C:$C") > 0
    assert b"Findings!" not in after
