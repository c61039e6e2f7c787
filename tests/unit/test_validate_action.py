"""The validate action on the in-memory workbook: what it writes, what it leaves alone."""

from __future__ import annotations

import json

import pandas as pd

from smep_xl import layout as L
from smep_xl import resources
from smep_xl.actions.validate import ValidateOptions, ValidateResult, template_finder, validate
from smep_xl.adapters.files.disk import DiskFiles
from smep_xl.adapters.files.fake import FakeFiles
from smep_xl.adapters.memory.workbook import MemoryWorkbook
from smep_xl.domain.findings import Finding
from tests.validate_fixture import TODAY, clean_tables, put

TEMPLATES = [
    "templates/feedback_letter.docx",
    "templates/audit_form.docx",
]  # as the fixture's Settings name them
OPTIONS = ValidateOptions(files=FakeFiles(existing=TEMPLATES), today=TODAY)


def book(tables=None) -> MemoryWorkbook:
    return MemoryWorkbook(tables if tables is not None else clean_tables())


def broken_tables():
    t = put(clean_tables(), L.VISITS, 3, "Singing", 7)
    put(t, L.OBJECTIVES, 4, L.OBJ_BY_WHEN, "soon")
    return put(t, L.OBJECTIVES, 4, L.OBJ_TARGET, "Offer feedback to schools")


def test_clean_book_writes_an_empty_findings_table_and_exits_0():
    b = book()
    result = validate(b, OPTIONS)
    assert result.findings == [] and result.exit_code == 0
    assert list(b.tables[L.FINDINGS].columns) == list(L.FINDINGS_SPEC.columns)
    assert len(b.tables[L.FINDINGS]) == 0 and b.saves == 1


def test_findings_sheet_rows_and_links():
    b = book(broken_tables())
    result = validate(b, OPTIONS)
    table = b.tables[L.FINDINGS]
    assert list(table.columns) == list(L.FINDINGS_SPEC.columns)
    rows = table.to_dict("records")
    assert [r[L.FND_CELL] for r in rows] == ["Objectives!H4", "Visits!I3", "Objectives!G4"]
    assert rows[1] == {
        L.FND_SEVERITY: "error",
        L.FND_SHEET: L.VISITS,
        L.FND_CELL: "Visits!I3",
        L.FND_ROW: 3,
        L.FND_COLUMN: "Singing",
        L.FND_CODE: "visit.score.range",
        L.FND_MESSAGE: "Score 7 is outside 1-4 for Singing, so this visit gets no Score or RAG.",
        L.FND_SUGGESTION: "Type 1, 2, 3 or 4 (4 best).",
    }
    assert b.links[L.FINDINGS] == {0: "Objectives!H4", 1: "Visits!I3", 2: "Objectives!G4"}
    assert result.exit_code == 1 and result.counts == {"error": 2, "warning": 1, "info": 0}


def test_objectives_findings_column_is_filled_and_stale_text_cleared():
    t = broken_tables()
    t[L.OBJECTIVES][L.OBJ_FINDINGS] = "stale text from last time"
    b = book(t)
    validate(b, OPTIONS)
    column = list(b.tables[L.OBJECTIVES][L.OBJ_FINDINGS])
    assert column[0] is None and column[1] is None and column[3] is None
    assert column[2] == (
        "Error: By When 'soon' is not a date we can read, so this row gets no Target RAG. | "
        "Warning: SMART Target 'Offer feedback to schools' has no number, date or outcome in it, so it "
        "cannot be measured."
    )


def test_input_cells_are_not_touched():
    t = broken_tables()
    b = book(t)
    before = {s: b.tables[s].copy() for s in (L.SCHOOLS, L.VISITS, L.CRITERIA, L.LISTS, L.SETTINGS)}
    inputs = list(L.OBJECTIVES_SPEC.inputs)
    objectives = b.tables[L.OBJECTIVES][inputs].copy()
    validate(b, OPTIONS)
    for sheet, frame in before.items():
        pd.testing.assert_frame_equal(b.tables[sheet], frame)
    pd.testing.assert_frame_equal(b.tables[L.OBJECTIVES][inputs], objectives)


def test_running_twice_gives_the_same_workbook():
    b = book(broken_tables())
    first = validate(b, OPTIONS)
    tables = {s: f.copy() for s, f in b.tables.items()}
    second = validate(b, OPTIONS)
    assert first.findings == second.findings
    for sheet, frame in tables.items():
        pd.testing.assert_frame_equal(b.tables[sheet], frame)


def test_a_missing_input_sheet_is_a_finding_not_a_stop():
    t = clean_tables()
    del t[L.LISTS]
    result = validate(book(t), OPTIONS)
    assert [f.code for f in result.findings] == ["sheet.missing"] and result.exit_code == 1


def test_json_document():
    result = validate(book(broken_tables()), OPTIONS)
    doc = json.loads(json.dumps(result.to_json()))
    assert set(doc) == {"workbook", "findings", "counts"}
    assert doc["counts"] == {"error": 2, "warning": 1, "info": 0}
    first = doc["findings"][0]
    assert {"severity", "sheet", "cell", "row", "column", "code", "message", "suggestion", "address"} <= set(
        first
    )
    assert (first["cell"], first["address"]) == ("H4", "Objectives!H4")


def test_by_sheet_keeps_workbook_order():
    found = [
        Finding("error", L.SETTINGS, "B3", 3, "Value", "x", "m"),
        Finding("info", L.OBJECTIVES, "A2", 2, "", "y", "m"),
        Finding("warning", L.VISITS, "", None, "", "z", "m"),
    ]
    assert list(ValidateResult("b.xlsx", found).by_sheet()) == [L.OBJECTIVES, L.VISITS, L.SETTINGS]


def test_a_missing_template_is_asked_of_the_files_port_and_found_missing():
    result = validate(book(), ValidateOptions(files=FakeFiles(existing=TEMPLATES[:1]), today=TODAY))
    [missing] = result.findings
    assert missing.code == "settings.template.missing" and "audit_form.docx" in missing.message
    assert missing.sheet == L.SETTINGS and missing.cell.startswith("B")


def test_without_a_files_port_templates_are_not_checked():
    assert validate(book(), ValidateOptions(today=TODAY)).findings == []


def test_template_finder_looks_where_letters_looks(tmp_path, monkeypatch):
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "mine.docx").write_bytes(b"x")
    (tmp_path / "here.docx").write_bytes(b"x")
    monkeypatch.chdir(tmp_path)
    exists = template_finder(DiskFiles(str(tmp_path / "book")))
    assert exists("mine.docx") and exists(str(tmp_path / "here.docx"))
    assert not exists("here.docx"), "only beside the workbook, as Generate letters looks"
    assert not exists("nowhere.docx") and not exists("templates/mine-is-missing.docx")
    shipped = resources.names(resources.TEMPLATES, ".docx")
    assert shipped
    for name in shipped:
        assert exists(f"templates/{name}")
