"""`smep init` lays out a hub's folder; every command works in a Windows-like folder: spaces,
non-Latin letters, a OneDrive-style name and a path longer than Windows' old 260 characters."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from smep_xl import layout as L
from smep_xl import resources
from smep_xl.adapters.xlsm.setup import read_settings
from smep_xl.cli.init_cmd import BUTTON_HELP
from smep_xl.ribbon import BUTTONS
from tests.helpers.cli import run_smep, smep_ok

PIECES = (
    "OneDrive - Leicester-Shire Music Education Hub",
    "Documents",
    "Zoë Hartley's files",
    "Школа музыки ♪ 2014–16",
)


def long_folder(base: Path) -> Path:
    folder = base.joinpath(*PIECES)
    n = 1
    while len(str(folder)) <= 270:
        folder = folder / f"Sub-folder {n} with spaces – ñ"
        n += 1
    return folder


@pytest.fixture(scope="module")
def hub(tmp_path_factory) -> Path:
    folder = long_folder(tmp_path_factory.mktemp("paths"))
    assert len(str(folder)) > 260
    out = smep_ok("init", folder, "--demo")
    assert "made" in out and "left alone" not in out
    return folder


def test_init_lays_out_workbook_templates_letters_and_start_here(hub):
    workbook = hub / "SMEP_Master.xlsm"
    conf = dict(read_settings(str(workbook)))
    assert conf[L.XLC_INTERPRETER_WIN] == __import__("sys").executable
    for name in ("feedback_letter.docx", "audit_form.docx"):
        assert (hub / "templates" / name).read_bytes() == resources.template(name).read_bytes()
    assert (hub / "letters").is_dir()
    page = (hub / "Start here.txt").read_text(encoding="utf-8-sig")
    for needed in (
        "SMEP_Master.xlsm",
        "templates/feedback_letter.docx",
        "letters",
        "Unblock",
        "smep-error.log",
    ):
        assert needed in page
    for button in BUTTONS:
        assert f"- {button.caption}:" in page


def test_every_button_has_its_plain_words_on_the_start_here_page():
    assert set(BUTTON_HELP) == {b.verb for b in BUTTONS}


def test_init_again_leaves_every_file_staff_may_have_edited(hub):
    template = hub / "templates" / "feedback_letter.docx"
    page = hub / "Start here.txt"
    before = {p: p.read_bytes() for p in (template, page, hub / "SMEP_Master.xlsm")}
    page.write_text("our own notes", encoding="utf-8")
    before[page] = page.read_bytes()
    out = smep_ok("init", hub)
    assert (
        "made" not in out and out.count("left alone") == 7
    )  # the workbook, four templates, letters, this page
    assert {p: p.read_bytes() for p in before} == before


def test_every_command_runs_in_the_long_non_latin_folder(hub, tmp_path):
    workbook = hub / "SMEP_Master.xlsm"
    smep_ok("validate", workbook)
    smep_ok("refresh", workbook)
    smep_ok("letters", workbook, "--combined", "--date", "2015-07-31")
    letters = sorted((hub / "letters").glob("*.docx"))
    assert letters and all(len(str(p)) > 260 for p in letters)
    assert "Leicester-Shire" in "\n".join(p.text for p in Document(letters[0]).paragraphs)
    assert "up to date" in smep_ok("upgrade", workbook)
    smep_ok(
        "setup-excel",
        workbook,
        "--interpreter",
        "C:\\Users\\Zoë Hartley\\AppData\\Local\\smep\\Scripts\\python.exe",
    )
    assert dict(read_settings(str(workbook)))[L.XLC_INTERPRETER_WIN].startswith("C:\\Users\\Zoë Hartley")
    smep_ok("new", hub / "Second hub – Ærø.xlsx", "--demo", "--schools", 20)
    smep_ok("build-workbook", hub / "Second master – Ærø.xlsm")
    smep_ok("letters", hub / "Second hub – Ærø.xlsx", "--all", "--export-data", hub / "data – ü.json")
    code, _, err = run_smep("validate", hub / "Missing – Ærø.xlsx")
    assert code == 2 and "Missing – Ærø.xlsx" in err
