"""`smep new` on the command line: what it writes, and the one-line refusals."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from smep_xl import layout as L
from smep_xl.cli.new_cmd import new


def run(*args: str):
    return CliRunner().invoke(new, list(args))


def test_new_demo_writes_the_demo_workbook(tmp_path):
    path = tmp_path / "hub.xlsx"
    result = run(str(path), "--demo")
    assert result.exit_code == 0, result.output
    assert "400 schools" in result.output
    wb = openpyxl.load_workbook(path, read_only=True)
    assert wb.sheetnames == list(L.SHEET_ORDER)
    assert wb[L.SCHOOLS].max_row == 401


def test_new_without_demo_writes_empty_tables(tmp_path):
    path = tmp_path / "hub.xlsm"
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(path)[L.VISITS].max_row == 1


def test_size_options_shape_the_demo(tmp_path):
    path = tmp_path / "big.xlsx"
    result = run(str(path), "--demo", "--schools", "50", "--visits", "120")
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(path, read_only=True)
    assert (wb[L.SCHOOLS].max_row, wb[L.VISITS].max_row) == (51, 121)


def test_refuses_to_overwrite_without_force_and_leaves_the_file(tmp_path):
    path = tmp_path / "hub.xlsx"
    path.write_bytes(b"staff work")
    result = run(str(path), "--demo")
    assert result.exit_code == 2
    assert "already exists" in result.output and "--force" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert path.read_bytes() == b"staff work"
    assert run(str(path), "--force").exit_code == 0
    assert openpyxl.load_workbook(path).sheetnames == list(L.SHEET_ORDER)


@pytest.mark.parametrize(
    ("name", "words"),
    [("missing/hub.xlsx", "does not exist"), ("hub.csv", ".xlsx"), ("hub.xls", ".xlsx")],
)
def test_bad_targets_stop_with_one_line(tmp_path, name, words):
    result = run(str(tmp_path / name))
    assert result.exit_code == 2
    assert words in result.output and len(result.output.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_refuses_a_workbook_open_in_excel(tmp_path):
    path = tmp_path / "hub.xlsx"
    path.write_bytes(b"open")
    (tmp_path / "~$hub.xlsx").write_bytes(b"lock")
    result = run(str(path), "--force")
    assert result.exit_code == 2 and "open in Excel" in result.output
    assert path.read_bytes() == b"open"


def test_size_options_need_demo(tmp_path):
    result = run(str(tmp_path / "hub.xlsx"), "--schools", "10")
    assert result.exit_code == 2 and "--demo" in result.output


def test_help_has_an_example_and_help_on_every_option():
    result = run("--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and "smep new hub.xlsx --demo" in result.output
    for option in new.params:
        if isinstance(option, __import__("click").Option):
            assert option.help, option.name


def test_the_help_shows_the_demos_real_size():
    from smep_xl.cli.new_cmd import DEMO_SCHOOLS_SHOWN
    from smep_xl.demo import DEMO_SCHOOLS

    assert DEMO_SCHOOLS_SHOWN == DEMO_SCHOOLS
