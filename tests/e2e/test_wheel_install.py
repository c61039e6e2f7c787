"""The wheel carries everything the commands read: built, installed into a fresh environment
outside the repository, and every command run from an empty folder.

The fresh environment has no network: a .pth line lends it the dev environment's installed
libraries (pandas, lxml, ...). A .pth line adds a folder without reading the .pth files in it,
so the dev environment's editable smep-xl stays out, and only the wheel provides smep_xl.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from docx import Document
from python_calamine import CalamineWorkbook

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = {
    "smep_xl/resources/templates/feedback_letter.docx",
    "smep_xl/resources/templates/audit_form.docx",
    "smep_xl/resources/macros/SMEP.bas",
    "smep_xl/resources/macros/customUI14.xml",
    "smep_xl/resources/macros/customUI14.xsd",
    "smep_xl/resources/workbooks/SMEP_Master.xlsm",
}

pytestmark = pytest.mark.slow


def run(args: list, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # the sdist first, then the wheel from the unpacked sdist: no stale build/ folder can leak in
    done = run([sys.executable, "-m", "build", "--no-isolation", "--outdir", out, ROOT], ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    (found,) = out.glob("smep_xl-*-py3-none-any.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment outside the repository with only the wheel's smep_xl."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    assert run([sys.executable, "-m", "venv", "--without-pip", venv], venv.parent).returncode == 0
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    site = run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], venv).stdout.strip()
    Path(site, "zz_dev_libraries.pth").write_text(sysconfig.get_path("purelib") + "\n")
    pip = [sys.executable, "-m", "pip", "--python", python, "install", "--quiet"]
    done = run([*pip, "--no-deps", "--no-index", "--ignore-installed", wheel], venv.parent)
    assert done.returncode == 0, done.stderr[-2000:]
    return bin_dir


def test_the_wheel_holds_the_templates_macros_and_master_workbook(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert names >= SHIPPED, SHIPPED - names
    assert not [n for n in names if n.startswith(("templates/", "macros/", "workbooks/", "tests/"))]


def test_smep_xl_and_its_files_come_from_the_wheel(installed):
    python = installed / ("python.exe" if os.name == "nt" else "python")
    code = "import json, smep_xl, smep_xl.resources as r; print(json.dumps([smep_xl.__file__, str(r.master_workbook())]))"
    done = run([python, "-c", code], installed)
    assert done.returncode == 0, done.stderr
    module, master = json.loads(done.stdout)
    venv = installed.parent.resolve()
    assert Path(module).resolve().is_relative_to(venv) and Path(master).resolve().is_relative_to(venv)
    assert not Path(module).resolve().is_relative_to(ROOT)


def test_every_command_runs_from_an_empty_folder(installed, tmp_path):
    """new, validate, refresh, letters, build-workbook, setup-excel and render, as a hub's PC runs them."""
    smep = installed / ("smep.exe" if os.name == "nt" else "smep")
    here = tmp_path / "Hub folder"
    here.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    def ok(*args: str, codes=(0,)) -> str:
        done = run([smep, *args], here, env)
        assert done.returncode in codes, (args, done.stdout[-1000:], done.stderr[-1000:])
        return done.stdout

    ok("new", "hub.xlsx", "--demo")
    assert "errors" in ok("validate", "hub.xlsx", codes=(0, 1))
    assert len(_rows(here / "hub.xlsx", "Findings")) > 1
    refreshed = json.loads(ok("refresh", "hub.xlsx", "--json"))
    assert refreshed["kpis"], refreshed
    schools = _rows(here / "hub.xlsx", "Schools")
    assert {"Red", "Amber", "Green"} <= {row[schools[0].index("RAG")] for row in schools[1:]}
    ok("letters", "hub.xlsx", "--combined")
    letters = sorted((here / "letters").glob("*.docx"))
    assert len(letters) > 10
    assert "Leicester-Shire" in "\n".join(p.text for p in Document(letters[0]).paragraphs)
    ok("build-workbook", "SMEP_Master.xlsm")
    with zipfile.ZipFile(here / "SMEP_Master.xlsm") as archive:
        assert {"xl/vbaProject.bin", "customUI/customUI14.xml"} <= set(archive.namelist())
    ok("setup-excel", "SMEP_Master.xlsm")
    conf = dict((row[0], row[1]) for row in _rows(here / "SMEP_Master.xlsm", "xlwings.conf"))
    assert Path(conf["Interpreter_Win"]).parent == installed
    ok("letters", "hub.xlsx", "--all", "--export-data", "data.json")
    data = json.loads((here / "data.json").read_text(encoding="utf-8"))
    (here / "one.json").write_text(json.dumps(data["letters"][0]), encoding="utf-8")
    template = here / "templates" / "feedback_letter.docx"
    assert not template.exists(), "the letters came from the template shipped in the wheel"
    shipped = run(
        [
            installed / "python",
            "-c",
            "import smep_xl.resources as r; print(r.template('feedback_letter.docx'))",
        ],
        here,
    )
    ok("render", shipped.stdout.strip(), "one.json", "-o", "one.docx")
    assert data["letters"][0]["school"] in "\n".join(p.text for p in Document(here / "one.docx").paragraphs)


def _rows(path: Path, sheet: str) -> list[list]:
    book = CalamineWorkbook.from_path(str(path))
    try:
        return book.get_sheet_by_name(sheet).to_python()
    finally:
        book.close()
