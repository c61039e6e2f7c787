"""`smep import-schools` on real workbook files: the table grows in place, nothing else moves."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from smep_xl import layout as L
from smep_xl.adapters.xlsx.workbook import open_workbook
from smep_xl.cli import import_cmd
from smep_xl.domain.gias.rules import HUB_OWNED
from tests.fixtures.gias import make_gias as fx

YELLOW = "FFFFFF00"
SCHOOL_COLUMNS = list(L.SCHOOLS_SPEC.columns)


def _letter(column: str) -> str:
    return get_column_letter(SCHOOL_COLUMNS.index(column) + 1)


def _table(ws, name: str, columns: list[str], rows: list[list]) -> None:
    ws.append(columns)
    for row in rows:
        ws.append(row)
    ref = f"A1:{get_column_letter(len(columns))}{max(len(rows) + 1, 2)}"
    table = Table(displayName=name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)


def make_hub_workbook(path: Path, new: bool = False) -> Path:
    """The fixture hub's Schools, Visits, Lists and Settings, with validation and user formats.

    new: a new hub's workbook instead, whose Schools table is a header and one empty row.
    """
    wb = openpyxl.Workbook()
    wb.active.title = L.DASHBOARD
    schools = fx.workbook_schools().iloc[0:0] if new else fx.workbook_schools()
    ws = wb.create_sheet(L.SCHOOLS)
    _table(ws, "Schools", SCHOOL_COLUMNS, schools.to_numpy(dtype=object).tolist())
    last = max(len(schools) + 1, 2)
    for column, formula in ((L.SCH_PHASE, "=Lists!$A$2:$A$20"), (L.SCH_STATUS, '"Open,Closed"')):
        dv = DataValidation(type="list", formula1=formula, allow_blank=True)
        dv.add(f"{_letter(column)}2:{_letter(column)}{last}")
        ws.add_data_validation(dv)
    for row in range(2, last + 1):
        ws[f"{_letter(L.SCH_AREA)}{row}"].fill = PatternFill("solid", fgColor=YELLOW)
        ws[f"{_letter(L.SCH_EMAIL)}{row}"].font = Font(italic=True)
    visits = wb.create_sheet(L.VISITS)
    spec = L.visits_spec(["Leadership"])
    _table(
        visits,
        "Visits",
        list(spec.columns),
        [
            ["V1", 120005, None, "Audit", "SLE 1", 3] + [None] * 9,
            ["V2", 120004, None, "Audit", "SLE 2", 2] + [None] * 9,
        ],
    )
    lists = list(L.LISTS_SPEC.inputs)
    _table(
        wb.create_sheet(L.LISTS),
        "Lists",
        lists,
        [[p if c == L.LIST_PHASE else None for c in lists] for p in fx.LIST_PHASES],
    )
    _table(
        wb.create_sheet(L.SETTINGS),
        "Settings",
        [L.SET_NAME, L.SET_VALUE],
        [[L.S_HUB_NAME, "Test Hub"], [L.S_LA_CODES, "855, 856"]],
    )
    wb.save(path)
    return path


def _run(*args) -> object:
    return CliRunner().invoke(import_cmd.import_schools, [str(a) for a in args])


def _values(path: Path, sheet: str) -> list[tuple]:
    ws = openpyxl.load_workbook(path)[sheet]
    return [tuple(c.value for c in row) for row in ws.iter_rows()]


def _validation_ranges(ws) -> set[str]:
    return {str(r) for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges}


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    return make_hub_workbook(tmp_path / "hub.xlsx")


@pytest.fixture
def download(tmp_path: Path) -> tuple[Path, Path]:
    return fx.write_files(tmp_path / "download")


def test_import_grows_the_table_and_keeps_the_hubs_cells(hub, download):
    before = openpyxl.load_workbook(hub)[L.SCHOOLS]
    old_rows = [[c.value for c in row] for row in before.iter_rows(min_row=2)]
    visits_before = _values(hub, L.VISITS)

    result = _run(hub, download[0])
    assert result.exit_code == 0, result.output
    assert "added 8, updated 4, closed 2, unchanged 6" in result.output

    ws = openpyxl.load_workbook(hub)[L.SCHOOLS]
    assert ws.tables["Schools"].ref == f"A1:{get_column_letter(len(SCHOOL_COLUMNS))}22"
    assert _validation_ranges(ws) == {
        f"{_letter(L.SCH_PHASE)}2:{_letter(L.SCH_PHASE)}22",
        f"{_letter(L.SCH_STATUS)}2:{_letter(L.SCH_STATUS)}22",
    }
    hub_columns = [SCHOOL_COLUMNS.index(c) for c in HUB_OWNED + L.SCHOOLS_SPEC.computed]
    for row, old in zip(ws.iter_rows(min_row=2, max_row=14), old_rows, strict=True):
        assert [row[i].value for i in hub_columns] == [old[i] for i in hub_columns]
        assert row[SCHOOL_COLUMNS.index(L.SCH_AREA)].fill.fgColor.rgb == YELLOW
        assert row[SCHOOL_COLUMNS.index(L.SCH_EMAIL)].font.i
    by_urn = {row[0].value: row for row in ws.iter_rows(min_row=2)}
    assert by_urn[120002][SCHOOL_COLUMNS.index(L.SCH_HEAD_LAST)].value == "Khan"
    assert by_urn[148001][SCHOOL_COLUMNS.index(L.SCH_NAME)].value == "Millbrook Academy"
    assert by_urn[148012][SCHOOL_COLUMNS.index(L.SCH_NAME)].value == "Thurmaston Café Corner Primary School"
    assert all(by_urn[148001][i].value is None for i in hub_columns)
    assert by_urn[120005][SCHOOL_COLUMNS.index(L.SCH_STATUS)].value == L.CLOSED
    assert _values(hub, L.VISITS) == visits_before  # the closed school keeps its visits


def test_a_new_workbooks_empty_row_is_filled_first(tmp_path, download):
    hub = make_hub_workbook(tmp_path / "new.xlsx", new=True)
    result = _run(hub, download[0])
    assert result.exit_code == 0 and "added 16," in result.output
    ws = openpyxl.load_workbook(hub)[L.SCHOOLS]
    assert ws.tables["Schools"].ref == f"A1:{get_column_letter(len(SCHOOL_COLUMNS))}17"
    assert [ws[f"A{r}"].value for r in (2, 3, 17)] == [120001, 120002, 148012]
    assert ws[f"{_letter(L.SCH_NAME)}2"].value == "Oakfield Primary School"
    assert _validation_ranges(ws) == {
        f"{_letter(L.SCH_PHASE)}2:{_letter(L.SCH_PHASE)}17",
        f"{_letter(L.SCH_STATUS)}2:{_letter(L.SCH_STATUS)}17",
    }


def test_second_import_leaves_the_file_byte_identical(hub, download):
    assert _run(hub, download[0]).exit_code == 0
    saved = hub.read_bytes()
    result = _run(hub, download[0])
    assert result.exit_code == 0 and "added 0, updated 0, closed 0, unchanged 20" in result.output
    assert hub.read_bytes() == saved


def test_dry_run_leaves_the_file_byte_identical(hub, download):
    original = hub.read_bytes()
    result = _run(hub, download[0], "--dry-run")
    assert result.exit_code == 0 and "added 8" in result.output
    assert hub.read_bytes() == original


def test_bad_csv_exits_2_with_one_line_and_leaves_the_file_alone(hub, download, tmp_path):
    original = hub.read_bytes()
    bad = tmp_path / "edubasealldata20250503.csv"
    bad.write_bytes(download[0].read_bytes()[:-25])
    result = _run(hub, bad)
    assert result.exit_code == 2 and result.output.count("\n") == 1 and "cut short" in result.output
    assert hub.read_bytes() == original


def test_json_on_a_real_file(hub, download):
    import json

    document = json.loads(_run(hub, download[0], "--json").output)
    assert document["written"] is True and document["counts"]["closed"] == 2
    assert open_workbook(str(hub)).read_table(L.SCHOOLS).frame.shape[0] == 21


# ---- the demo workbook


def _gias_from(frame) -> list[dict]:
    """GIAS rows that say what the workbook already says (LA 855), so only planted changes show."""
    rows = []
    for _, r in frame.iterrows():
        if not str(r[L.SCH_URN] or "").strip():
            continue
        phase = str(r[L.SCH_PHASE] or "")
        special = phase.lower() == "special"
        head = tuple(str(r[c] or "") for c in (L.SCH_HEAD_TITLE, L.SCH_HEAD_FIRST, L.SCH_HEAD_LAST))
        rows.append(
            fx.school(
                int(r[L.SCH_URN]),
                str(r[L.SCH_NAME] or ""),
                la="855",
                la_name=str(r[L.SCH_LA] or ""),
                type_="Community special school" if special else str(r[L.SCH_TYPE] or "Community school"),
                phase="Not applicable" if special else phase,
                status="Closed" if r[L.SCH_STATUS] == L.CLOSED else "Open",
                street=str(r[L.SCH_ADDRESS] or ""),
                town=str(r[L.SCH_TOWN] or ""),
                postcode=str(r[L.SCH_POSTCODE] or ""),
                head=head,
            )
        )
    return rows


def test_import_into_the_demo_workbook(demo_copy, tmp_path):
    frame = open_workbook(str(demo_copy)).read_table(L.SCHOOLS).frame
    visits = open_workbook(str(demo_copy)).read_table(L.VISITS).frame
    rows = _gias_from(frame)
    gias = tmp_path / "edubasealldata20250901.csv"
    gias.write_bytes(fx.csv_bytes(rows))
    assert _run(demo_copy, gias, "--la", "855").exit_code == 0  # settle any Status/Phase wording first
    baseline = demo_copy.read_bytes()
    assert _run(demo_copy, gias, "--la", "855").exit_code == 0
    assert demo_copy.read_bytes() == baseline  # idempotent on the demo too

    visited = {int(u) for u in visits[L.VIS_URN] if str(u or "").strip()}
    closing = next(r for r in rows if int(r["URN"]) in visited and r["EstablishmentStatus (name)"] == "Open")
    changing = next(r for r in rows if r is not closing and r["EstablishmentStatus (name)"] == "Open")
    closing.update({"EstablishmentStatus (name)": "Closed", "CloseDate": "31-08-2025"})
    changing["HeadLastName"] = "Newhead"
    rows += [
        fx.school(190001, "New Demo Primary School", town="Leicester"),
        fx.school(190002, "Elsewhere Primary School", la="892"),
    ]
    gias.write_bytes(fx.csv_bytes(rows))
    wb = openpyxl.load_workbook(demo_copy)
    ws = wb[L.SCHOOLS]
    ref_before = ws.tables[L.table_name(L.SCHOOLS)].ref
    hub_before = open_workbook(str(demo_copy)).read_table(L.SCHOOLS).frame[list(HUB_OWNED)]
    ranges_before = _validation_ranges(ws)

    result = _run(demo_copy, gias, "--la", "855")
    assert result.exit_code == 0, result.output
    assert "added 1, updated 1, closed 1" in result.output

    after = open_workbook(str(demo_copy)).read_table(L.SCHOOLS).frame
    assert len(after) == len(frame) + 1
    assert after[list(HUB_OWNED)].iloc[: len(frame)].equals(hub_before)
    by_urn = after.set_index(after[L.SCH_URN].map(lambda u: int(u) if str(u or "").strip() else 0))
    assert by_urn.at[int(closing["URN"]), L.SCH_STATUS] == L.CLOSED
    assert by_urn.at[int(changing["URN"]), L.SCH_HEAD_LAST] == "Newhead"
    assert by_urn.at[190001, L.SCH_NAME] == "New Demo Primary School"
    assert open_workbook(str(demo_copy)).read_table(L.VISITS).frame.equals(visits)
    ws = openpyxl.load_workbook(demo_copy)[L.SCHOOLS]
    new_last = int(ref_before.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) + 1
    assert ws.tables[L.table_name(L.SCHOOLS)].ref.endswith(str(new_last))
    old_last = new_last - 1
    grown = {
        r.replace(str(old_last), str(new_last)) if r.endswith(str(old_last)) else r for r in ranges_before
    }
    assert _validation_ranges(ws) == grown


def test_a_cut_down_gias_file_gives_a_short_report_and_the_full_list_in_json(demo_copy, tmp_path):
    """The demo's ~400 schools are not in a 20-row extract: counted, a few listed, all in --json."""
    gias = tmp_path / "edubasealldata20250901.csv"
    gias.write_bytes(fx.csv_bytes(fx.schools()))
    before = demo_copy.read_bytes()
    document = json.loads(_run(demo_copy, gias, "--la", "855", "--dry-run", "--json").output)
    missing = sum(c["code"] == "import.not_found" for c in document["changes"])
    assert missing == document["counts"]["not_found"] > 300
    result = _run(demo_copy, gias, "--la", "855", "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert f"not in the file {missing}" in lines[1]
    listed = [line for line in lines if line.startswith("  not found ")]
    assert len(listed) == import_cmd.SHOWN_PER_KIND
    assert (
        f"... and {missing - import_cmd.SHOWN_PER_KIND} more not found (--json lists them all)"
        in result.output
    )
    assert len(lines) < 40 and lines[-1] == "Dry run: nothing was written."
    assert demo_copy.read_bytes() == before
