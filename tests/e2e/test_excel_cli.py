"""`smep build-workbook` and `smep setup-excel` on the command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from smep_xl import layout as L
from smep_xl.adapters.xlsm.setup import read_settings
from smep_xl.cli import cli
from tests.helpers.preserve import _sheet_parts

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def smep(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The real console entry point, as staff run it (one line and exit 2 on a stop)."""
    code = "import sys; sys.argv[0] = 'smep'; from smep_xl.cli import main; main()"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "SMEP_Master.xlsm"
    result = run("build-workbook", str(path))
    assert result.exit_code == 0, result.output
    return path


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_build_workbook_writes_the_master(built):
    names = parts(built)
    assert {"xl/vbaProject.bin", "customUI/customUI14.xml"} <= set(names)


def test_build_workbook_demo_holds_the_demo_schools(tmp_path):
    from python_calamine import CalamineWorkbook

    path = tmp_path / "demo.xlsm"
    assert run("build-workbook", str(path), "--demo").exit_code == 0
    book = CalamineWorkbook.from_path(str(path))
    assert len(book.get_sheet_by_name(L.SCHOOLS).to_python()) > 100


def test_build_workbook_refuses_a_name_without_xlsm(tmp_path):
    result = run("build-workbook", str(tmp_path / "master.xlsx"))
    assert result.exit_code == 2 and ".xlsm" in result.output


def test_setup_excel_writes_the_interpreter_and_keeps_every_other_part(built, tmp_path):
    copy = Path(shutil.copy(built, tmp_path / "SMEP_Master.xlsm"))
    before = parts(copy)
    result = run("setup-excel", str(copy), "--interpreter", sys.executable, "--pythonpath", str(ROOT))
    assert result.exit_code == 0, result.output
    settings = dict(read_settings(str(copy)))
    key = L.XLC_INTERPRETER_MAC if sys.platform == "darwin" else L.XLC_INTERPRETER_WIN
    assert settings[key] == sys.executable and settings[L.XLC_PYTHONPATH] == str(ROOT)
    assert settings[L.XLC_USE_UDF_SERVER] is False and settings[L.XLC_SHOW_CONSOLE] is False
    after = parts(copy)
    changed = [n for n in before if before[n] != after[n]]
    assert changed == [_sheet_parts(before)[L.XLWINGS_CONF]] and set(after) == set(before)


def test_setup_excel_twice_updates_in_place(built, tmp_path):
    copy = Path(shutil.copy(built, tmp_path / "SMEP_Master.xlsm"))
    assert run("setup-excel", str(copy), "--interpreter", sys.executable, "--show-console").exit_code == 0
    assert run("setup-excel", str(copy), "--interpreter", sys.executable).exit_code == 0
    settings = read_settings(str(copy))
    assert [k for k, _ in settings].count(L.XLC_INTERPRETER_WIN) == 1
    assert dict(settings)[L.XLC_SHOW_CONSOLE] is False


def test_setup_excel_refuses_a_python_without_smep(built, tmp_path):
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\necho 'ModuleNotFoundError: No module named smep_xl' >&2\nexit 1\n")
    fake.chmod(0o755)
    copy = Path(shutil.copy(built, tmp_path / "SMEP_Master.xlsm"))
    before = copy.read_bytes()
    result = run("setup-excel", str(copy), "--interpreter", str(fake))
    assert result.exit_code == 2
    assert "cannot run the SMEP buttons" in result.output and "pip install smep-xl" in result.output
    assert copy.read_bytes() == before


def test_setup_excel_on_a_workbook_without_macros_is_one_line(tmp_path):
    assert run("new", str(tmp_path / "hub.xlsx")).exit_code == 0
    done = smep("setup-excel", str(tmp_path / "hub.xlsx"), "--interpreter", sys.executable)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "has no macros" in done.stderr and "build-workbook" in done.stderr


def test_commands_have_help_and_an_example():
    for name in ("build-workbook", "setup-excel"):
        result = run(name, "--help")
        assert result.exit_code == 0 and "Example:" in result.output
        command = cli.commands[name]
        assert all(option.help for option in command.params if option.param_type_name == "option")
