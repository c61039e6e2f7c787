"""`smep upgrade` brings a workbook of every earlier contract up to this one, by addition only.

Proved on committed workbooks made by each release (tests/fixtures/contract_vN.xlsx), and on
a later contract that grows every kind of thing (tests/helpers/future_contract.py), so what
the next release adds is upgraded with no list of changes kept for it."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from smep_xl import layout as L
from smep_xl.ooxml.custom_props import PART as CUSTOM_PART
from tests.helpers import schemas
from tests.helpers.cells import cells_by_header, moved_or_changed
from tests.helpers.cli import run_smep, smep_ok
from tests.helpers.future_contract import (
    NEW_LIST,
    NEW_LIST_VALUES,
    NEW_SCHOOL_COMPUTED,
    NEW_SCHOOL_INPUT,
    NEW_SETTING,
    NEW_SETTING_DEFAULT,
    NEW_SHEET,
    NEW_VISIT_INPUT,
    future_contract,
)
from tests.helpers.parts import parts

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MASTER = Path(__file__).resolve().parents[2] / "workbooks" / "SMEP_Master.xlsm"
VERSIONS = sorted(int(p.stem.rsplit("_v", 1)[1]) for p in FIXTURES.glob("contract_v*.xlsx"))
# What upgrade may rewrite: the workbook's own bookkeeping, and a sheet (with its table) that gains something.
BOOKKEEPING = {
    "[Content_Types].xml",
    "_rels/.rels",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/styles.xml",
}


def _copy(source: Path, folder: Path, name: str = "hub.xlsx") -> Path:
    return Path(shutil.copy(source, folder / name))


def _recorded(path: Path) -> str | None:
    with zipfile.ZipFile(path) as z:
        if CUSTOM_PART not in z.namelist():
            return None
        text = z.read(CUSTOM_PART).decode()
    return text.split("<vt:i4>")[1].split("<")[0] if L.CONTRACT_PROPERTY in text else None


def _assert_upgraded(before_path: Path, path: Path) -> None:
    """Every cell as it was (value and style, found by its column's header), every part that is
    not a sheet that gained something byte for byte, the current contract's shape, validate and
    refresh run, and a second upgrade changes nothing."""
    before_parts, before_cells = parts(before_path), cells_by_header(before_path)
    after_parts = parts(path)
    assert not moved_or_changed(before_cells, cells_by_header(path))
    changed = {n for n in before_parts if after_parts.get(n) != before_parts[n]}
    foreign = changed - BOOKKEEPING - {CUSTOM_PART}
    assert all(n.startswith(("xl/worksheets/", "xl/tables/")) for n in foreign), foreign
    assert _recorded(path) == str(L.CONTRACT_VERSION)
    _assert_contract_shape(path)
    assert schemas.new_problems(before_parts, path, checks=("openxml-audit", "package")) == {}
    again = path.read_bytes()
    code, out, err = run_smep("upgrade", path)
    assert (code, path.read_bytes()) == (0, again), err
    assert "up to date" in out
    for command in ("validate", "refresh"):
        smep_ok(command, path)


def _assert_contract_shape(path: Path) -> None:
    """Read independently (openpyxl): every sheet, table column and setting the contract names."""
    book = load_workbook(path)
    for sheet in L.SHEET_ORDER:
        assert sheet in book.sheetnames, sheet
    for sheet, spec in L.FIXED_SPECS.items():
        if spec.columns:
            table = book[sheet].tables[L.table_name(sheet)]
            assert set(spec.columns) <= {c.name for c in table.tableColumns}, sheet
    visits = {c.name for c in book[L.VISITS].tables[L.table_name(L.VISITS)].tableColumns}
    assert set(L.VISIT_LEAD_COLUMNS + L.VISIT_TAIL_COLUMNS + L.visits_spec(()).computed) <= visits
    settings = {row[0].value for row in book[L.SETTINGS].iter_rows(min_row=2)}
    assert set(L.SETTING_NAMES) <= settings


@pytest.mark.parametrize("version", VERSIONS)
def test_every_earlier_release_is_brought_to_the_current_contract(version, tmp_path):
    fixture = FIXTURES / f"contract_v{version}.xlsx"
    path = _copy(fixture, tmp_path)
    smep_ok("upgrade", path)
    _assert_upgraded(fixture, path)


@pytest.mark.parametrize("version", VERSIONS)
def test_every_earlier_release_is_brought_to_a_later_contract(version, tmp_path, monkeypatch):
    fixture = FIXTURES / f"contract_v{version}.xlsx"
    path = _copy(fixture, tmp_path)
    with future_contract(monkeypatch):
        code, _, err = run_smep("validate", path)
        assert code == 2 and "smep upgrade" in err and len(err.strip().splitlines()) == 1
        out = smep_ok("upgrade", path)
        for name in (
            NEW_SCHOOL_INPUT,
            NEW_SCHOOL_COMPUTED,
            NEW_VISIT_INPUT,
            NEW_LIST,
            NEW_SETTING,
            NEW_SHEET,
        ):
            assert name in out, (name, out)
        _assert_upgraded(fixture, path)
        _assert_additions_in_place(path)


def _assert_additions_in_place(path: Path) -> None:
    book = load_workbook(path)
    schools = [c.name for c in book[L.SCHOOLS].tables[L.table_name(L.SCHOOLS)].tableColumns]
    inputs = schools.index(NEW_SCHOOL_INPUT)
    assert schools[:inputs] == list(L.SCHOOLS_SPEC.inputs[:-1]) and schools[inputs + 1] == L.SCH_VISITS
    assert schools[-1] == NEW_SCHOOL_COMPUTED
    lists = book[L.LISTS]
    header = [c.value for c in lists[1]]
    column = header.index(NEW_LIST) + 1
    values = [lists.cell(r, column).value for r in range(2, 2 + len(NEW_LIST_VALUES))]
    assert values == NEW_LIST_VALUES
    assert "List_Partner_Type" in book.defined_names
    letter = lists.cell(1, column).column_letter
    assert f"Lists!${letter}$2" in book.defined_names["List_Partner_Type"].attr_text
    feeds = [
        dv
        for dv in book[L.SCHOOLS].data_validations.dataValidation
        if f"Lists!${letter}$2" in (dv.formula1 or "")
    ]
    assert feeds and book[L.SCHOOLS].cell(1, inputs + 1).column_letter in str(feeds[0].sqref)
    settings = {row[0].value: row[1].value for row in book[L.SETTINGS].iter_rows(min_row=2)}
    assert settings[NEW_SETTING] == NEW_SETTING_DEFAULT
    assert book[NEW_SHEET].tables[NEW_SHEET].ref.startswith("A1:D")


def test_the_macro_workbook_keeps_its_vba_and_ribbon_byte_for_byte(tmp_path, monkeypatch):
    path = _copy(MASTER, tmp_path, "SMEP_Master.xlsm")
    before, later = parts(path), L.CONTRACT_VERSION + 1
    with future_contract(monkeypatch):
        smep_ok("upgrade", path)
    after = parts(path)
    for name in ("xl/vbaProject.bin", "customUI/customUI14.xml"):
        assert after[name] == before[name]
    assert _recorded(path) == str(later)


def test_dry_run_says_what_it_would_add_and_changes_nothing(tmp_path, monkeypatch):
    path = _copy(FIXTURES / "contract_v1.xlsx", tmp_path)
    before = path.read_bytes()
    with future_contract(monkeypatch):
        dry = smep_ok("upgrade", path, "--dry-run")
        assert path.read_bytes() == before and "Nothing was changed" in dry
        done = smep_ok("upgrade", path)
    assert [line for line in dry.splitlines() if "+" in line] == [
        line for line in done.splitlines() if "+" in line
    ]


def test_a_new_workbook_records_the_current_contract_and_needs_no_upgrade(tmp_path):
    path = tmp_path / "new.xlsx"
    smep_ok("new", path)
    assert _recorded(path) == str(L.CONTRACT_VERSION)
    before = path.read_bytes()
    assert "up to date" in smep_ok("upgrade", path)
    assert path.read_bytes() == before


def test_the_fixture_of_this_release_is_committed():
    assert L.CONTRACT_VERSION in VERSIONS and 1 in VERSIONS, "commit tests/fixtures/contract_vN.xlsx"


def _with_version(source: Path, target: Path, version: int) -> Path:
    from smep_xl.ooxml.custom_props import set_property
    from smep_xl.ooxml.parts import Parts

    with Parts.open(str(source)) as store:
        set_property(store, L.CONTRACT_PROPERTY, version)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
            for name in store.names():
                z.writestr(name, store.read(name))
    return target


@pytest.mark.parametrize("command", ["validate", "refresh", "letters", "upgrade"])
def test_a_workbook_from_a_newer_contract_is_refused_with_one_line(command, tmp_path):
    path = _with_version(FIXTURES / f"contract_v{L.CONTRACT_VERSION}.xlsx", tmp_path / "hub.xlsx", 99)
    before = path.read_bytes()
    code, _, err = run_smep(command, path)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "newer smep-xl" in err and "pip install --upgrade smep-xl" in err
    assert path.read_bytes() == before


@pytest.mark.parametrize("command", ["validate", "refresh", "letters"])
def test_a_workbook_from_an_older_contract_is_asked_to_upgrade(command, tmp_path):
    path = _with_version(FIXTURES / f"contract_v{L.CONTRACT_VERSION}.xlsx", tmp_path / "hub.xlsx", 1)
    before = path.read_bytes()
    code, _, err = run_smep(command, path)
    assert code == 2 and len(err.strip().splitlines()) == 1 and 'smep upgrade "hub.xlsx"' in err
    assert path.read_bytes() == before


def test_upgrade_on_what_is_not_an_smep_workbook_changes_nothing(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "budget.xlsx"
    book = Workbook()
    book.active.title = "Budget"
    book.active["A1"] = "Item"
    book.save(path)
    before = path.read_bytes()
    code, _, err = run_smep("upgrade", path)
    assert code == 2 and "not an SMEP workbook" in err and len(err.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_upgrade_on_a_locked_workbook_changes_nothing(tmp_path):
    path = _copy(FIXTURES / "contract_v1.xlsx", tmp_path)
    (tmp_path / "~$hub.xlsx").write_bytes(b"lock")
    before = path.read_bytes()
    code, _, err = run_smep("upgrade", path)
    assert code == 2 and "open in Excel" in err and len(err.strip().splitlines()) == 1
    assert path.read_bytes() == before
