"""`smep validate` on real workbook files: output, exit codes, the Findings sheet, and proof
that the user's own cells (values and formats) come out byte for byte as they went in."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from openpyxl.cell.cell import MergedCell

from smep_xl import layout as L
from smep_xl.cli import cli

INPUT_SHEETS = (L.OBJECTIVES, L.SCHOOLS, L.VISITS, L.CRITERIA, L.LISTS, L.SETTINGS)


def run(*args: str):
    return CliRunner().invoke(cli, ["validate", *args], catch_exceptions=False)


def broken_book(path: Path) -> Path:
    """The small contract workbook with an Excel error, a formula, merged cells, a score of 7,
    an impossible date and an open school without an SLE."""
    wb = openpyxl.load_workbook(path)
    ws = wb[L.VISITS]
    headers = [c.value for c in ws[1]]
    ws.cell(2, headers.index("Singing") + 1, 7)
    ws.cell(2, headers.index(L.VIS_FOLLOW_UP) + 1, "31/02/2015")
    ws = wb[L.SCHOOLS]
    headers = [c.value for c in ws[1]]
    ws.cell(3, headers.index(L.SCH_SLE) + 1).value = None
    ws.cell(4, headers.index(L.SCH_TOWN) + 1, "#N/A")
    ws = wb[L.OBJECTIVES]
    ws["D2"] = '="Consult"&" widely"'
    ws.merge_cells("M2:N2")
    wb.save(path)
    return path


def test_demo_workbook_has_no_errors(demo_copy):
    result = run(str(demo_copy))
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert re.fullmatch(r"0 errors, \d+ warnings?, \d+ info in SMEP_Demo\.xlsx", last), last


def test_json_is_the_only_thing_on_stdout(demo_copy):
    result = run(str(demo_copy), "--json")
    doc = json.loads(result.stdout)
    assert set(doc) >= {"findings", "counts"} and doc["counts"]["error"] == 0
    for f in doc["findings"]:
        assert {"severity", "sheet", "cell", "row", "column", "code", "message", "suggestion"} <= set(f)


def test_errors_exit_1_with_one_plain_line_each(contract_book):
    result = run(str(broken_book(contract_book)))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        "Visits!H2  error  visit.score.range  Score 7 is outside 1-4 for Singing, "
        "so this visit gets no Score or RAG." in lines
    )
    assert (
        "Schools!P3  error  school.sle.missing  School 1 & <Co> (URN 100001) is open but has no named SLE."
        in lines
    )
    expected = {
        "Visits!M2": "cell.date_impossible",
        "Schools!I4": "cell.excel_error",
        "Objectives!D2": "cell.formula",
        "Objectives!M2": "cell.merged",
    }
    for address, code in expected.items():
        assert any(line.startswith(f"{address}  ") and f"  {code}  " in line for line in lines), (
            address,
            lines,
        )
    assert re.fullmatch(r"\d+ errors, \d+ warnings?, \d+ info in hub\.xlsx", lines[-1])


def test_a_terminal_gets_a_coloured_table_per_sheet(contract_book):
    result = CliRunner().invoke(
        cli, ["validate", str(broken_book(contract_book))], env={"FORCE_COLOR": "1", "COLUMNS": "200"}
    )
    assert result.exit_code == 1
    assert "\x1b[" in result.stdout and "Score 7 is outside 1-4 for Singing," in result.stdout
    assert "Visits!H2  error" not in result.stdout  # a table, not the piped lines
    assert "in hub.xlsx" in result.stdout.splitlines()[-1]


def test_findings_sheet_links_each_cell_and_objectives_get_a_note(contract_book):
    path = broken_book(contract_book)
    run(str(path))
    wb = openpyxl.load_workbook(path)
    ws = wb[L.FINDINGS]
    header = [c.value for c in ws[1]]
    assert header == list(L.FINDINGS_SPEC.columns)
    rows = {r[2].value: r for r in ws.iter_rows(min_row=2)}
    score = rows["Visits!H2"]
    assert [c.value for c in score][:6] == ["error", L.VISITS, "Visits!H2", 2, "Singing", "visit.score.range"]
    assert score[2].hyperlink is not None and score[2].hyperlink.location == "Visits!H2"
    objectives = wb[L.OBJECTIVES]
    note = objectives.cell(2, [c.value for c in objectives[1]].index(L.OBJ_FINDINGS) + 1).value
    assert "formula" in note and "merged" in note


def test_cannot_run_exits_2_with_one_line(tmp_path):
    result = run(str(tmp_path / "missing.xlsx"))
    assert result.exit_code == 2
    assert result.stdout == "" and len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("smep: ")


def test_help_has_an_example():
    result = CliRunner().invoke(cli, ["validate", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output and "--json" in result.output


def _cells(path: Path, sheet: str, columns: set[str]) -> dict[str, bytes]:
    """The raw XML of every cell in the given columns of a sheet, by address."""
    with zipfile.ZipFile(path) as z:
        wb = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        rid = re.search(rf'<sheet [^>]*name="{re.escape(sheet)}"[^>]*r:id="([^"]+)"', wb).group(1)
        target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid}"', rels)
        part = "xl/" + (target.group(1) or target.group(2)).removeprefix("/xl/").removeprefix("xl/")
        xml = z.read(part)
    out = {}
    for m in re.finditer(rb'<c r="([A-Z]+)(\d+)"[^>]*?(?:/>|>.*?</c>)', xml, re.S):
        if m.group(1).decode() in columns:
            out[(m.group(1) + m.group(2)).decode()] = m.group(0)
    return out


def _input_letters(path: Path) -> dict[str, set[str]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    letters = {}
    for sheet in INPUT_SHEETS:
        headers = [c.value for c in next(wb[sheet].iter_rows(max_row=1))]
        computed = (
            set(L.FIXED_SPECS[sheet].computed) if sheet in L.FIXED_SPECS else set(L.visits_spec(()).computed)
        )
        letters[sheet] = {
            openpyxl.utils.get_column_letter(i + 1) for i, h in enumerate(headers) if h and h not in computed
        }
    wb.close()
    return letters


def _formats(path: Path, letters: dict[str, set[str]]) -> dict:
    wb = openpyxl.load_workbook(path)
    seen = {}
    for sheet, cols in letters.items():
        for row in wb[sheet].iter_rows():
            for c in row:
                if openpyxl.utils.get_column_letter(c.column) not in cols:
                    continue
                if isinstance(c, MergedCell):
                    seen[(sheet, c.coordinate)] = "merged"
                else:
                    seen[(sheet, c.coordinate)] = (
                        c.value,
                        c.number_format,
                        c.fill.fgColor.rgb,
                        c.fill.fill_type,
                        c.font.b,
                        c.font.color.rgb if c.font.color else None,
                        c.alignment.wrap_text,
                        c.border.left.style,
                        c.protection.locked,
                    )
    return seen


def test_user_cells_are_byte_identical_after_validate(demo_copy, contract_book):
    for path in (demo_copy, broken_book(contract_book)):
        letters = _input_letters(path)
        before = {s: _cells(path, s, cols) for s, cols in letters.items()}
        formats = _formats(path, letters)
        run(str(path))
        assert {s: _cells(path, s, cols) for s, cols in letters.items()} == before
        assert _formats(path, letters) == formats


def test_running_twice_gives_the_same_workbook(contract_book):
    path = broken_book(contract_book)
    run(str(path))
    with zipfile.ZipFile(path) as z:
        first = {n: z.read(n) for n in z.namelist()}
    run(str(path))
    with zipfile.ZipFile(path) as z:
        second = {n: z.read(n) for n in z.namelist()}
    assert second == first
