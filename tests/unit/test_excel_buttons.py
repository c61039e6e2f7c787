"""The ribbon's Python side (smep_xl/excel.py and the table in smep_xl/ribbon.py): the same
results as the command line, the two-tier handler (a deliberate stop shows its message; a bug
writes smep-error.log), and the Excel side (macros/) agreeing with the table."""

from __future__ import annotations

import dataclasses
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from smep_xl import excel, ribbon
from smep_xl import layout as L
from smep_xl.adapters.new_workbook.write import write_new_workbook
from smep_xl.adapters.xlsx.workbook import open_workbook
from smep_xl.demo import build_demo_frames
from tests.excel_remote import RemoteExcel, enable

ROOT = Path(__file__).resolve().parents[2]
WRITTEN = {
    "validate": (L.FINDINGS, L.OBJECTIVES),
    "refresh": (L.OBJECTIVES, L.SCHOOLS, L.VISITS, L.DASHBOARD),
    "letters": (L.SCHOOLS, L.VISITS, L.LETTER_LOG),
}


@pytest.fixture(autouse=True)
def remote_engine(monkeypatch):
    enable(monkeypatch)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "hub.xlsx"
    write_new_workbook(str(path), build_demo_frames(schools=40))
    return path


def twin(demo_file: Path, tmp_path: Path) -> tuple[Path, RemoteExcel]:
    """Two copies of one workbook: a file for the CLI's action, a live book for the button."""
    for side in ("file", "excel"):
        (tmp_path / side).mkdir()
        shutil.copy(demo_file, tmp_path / side / "hub.xlsx")
    live_path = tmp_path / "excel" / "hub.xlsx"
    return tmp_path / "file" / "hub.xlsx", RemoteExcel.from_file(str(live_path), name=str(live_path))


def file_grid(path: Path, sheet: str) -> list[list]:
    book = CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    book.close()
    return [
        [None if v == "" else (int(v) if isinstance(v, float) and v.is_integer() else v) for v in r]
        for r in rows
    ]


def same_shape(a: list[list], b: list[list]) -> tuple[list[list], list[list]]:
    width = max(len(r) for r in a + b)
    a, b = ([(r + [None] * width)[:width] for r in g] for g in (a, b))
    for g in (a, b):
        while g and all(v is None for v in g[-1]):
            g.pop()
    return a, b


def run_cli_action(verb: str, path: Path) -> None:
    """What `smep <verb> WB` runs on the file: the same action, with the options the command builds."""
    from smep_xl.actions.letters import LettersOptions, letters
    from smep_xl.actions.refresh import RefreshOptions, refresh
    from smep_xl.actions.validate import ValidateOptions, validate
    from smep_xl.adapters.docx.writer import DocxLetterWriter
    from smep_xl.adapters.files.disk import DiskFiles

    book, files = open_workbook(str(path)), DiskFiles(path.parent)
    if verb == "letters":
        letters(book, LettersOptions(files=files, writer=DocxLetterWriter()))
    elif verb == "validate":
        validate(book, ValidateOptions(files=files))
    else:
        refresh(book, RefreshOptions())


@pytest.mark.parametrize("verb", ["validate", "refresh", "letters"])
def test_each_button_gives_the_same_sheets_as_the_command_line(verb, demo_file, tmp_path):
    file_path, remote = twin(demo_file, tmp_path)
    run_cli_action(verb, file_path)
    book = remote.book()
    message = getattr(excel, verb)(book)
    remote.apply(book)
    assert message and remote.alerts[-1][3] == "info", remote.alerts
    for sheet in WRITTEN[verb]:
        expected, got = same_shape(file_grid(file_path, sheet), remote.grid(sheet))
        if sheet == L.LETTER_LOG:  # Generated At is the clock time of each run
            at = expected[0].index(L.LOG_AT)
            expected, got = ([r[:at] + r[at + 1 :] for r in g] for g in (expected, got))
        assert got == expected, f"{verb}: sheet {sheet} differs between Excel and the command line"
    if verb == "letters":
        made = sorted(p.name for p in (file_path.parent / "letters").iterdir())
        assert made and sorted(p.name for p in (tmp_path / "excel" / "letters").iterdir()) == made


def test_a_deliberate_stop_shows_its_message_and_writes_nothing(demo_file, tmp_path):
    _, remote = twin(demo_file, tmp_path)
    remote.data["sheets"] = [s for s in remote.data["sheets"] if s["name"] != L.SETTINGS]
    book = remote.book()
    assert excel.refresh(book) is None
    remote.apply(book)
    prompt, title, _, mode, _ = remote.alerts[-1]
    assert mode == "critical" and title == "SMEP: Refresh"
    assert "no sheet called 'Settings'" in prompt and "Traceback" not in prompt
    assert not [a for a in remote.actions if a["func"] == "setValues"]
    assert not (tmp_path / "excel" / excel.LOG_NAME).exists()


def test_a_bug_gets_a_short_alert_and_a_log_next_to_the_workbook(demo_file, tmp_path, monkeypatch):
    def broken(book, options):
        book.read_table(L.SCHOOLS)
        return 1 / 0

    table = [dataclasses.replace(b, action=broken) if b.verb == "refresh" else b for b in ribbon.BUTTONS]
    monkeypatch.setattr(ribbon, "BUTTONS", tuple(table))
    _, remote = twin(demo_file, tmp_path)
    book = remote.book()
    assert excel.refresh(book) is None
    remote.apply(book)
    prompt = remote.alerts[-1][0]
    log = tmp_path / "excel" / excel.LOG_NAME
    assert "something unexpected went wrong (ZeroDivisionError" in prompt and str(log) in prompt
    assert "Traceback (most recent call last)" in log.read_text() and "1 / 0" in log.read_text()
    switches = [a["args"][0] for a in remote.actions if a["func"] == "setScreenUpdating"]
    assert switches[-1] is True, "screen updating must come back on after a failure"


def test_open_letters_folder_makes_and_opens_the_output_folder(demo_file, tmp_path, monkeypatch):
    from smep_xl.adapters.files.disk import DiskFiles

    _, remote = twin(demo_file, tmp_path)
    opened: list[Path] = []
    monkeypatch.setattr(DiskFiles, "show", lambda self, folder: opened.append(folder))
    book = remote.book()
    assert excel.open_letters(book) == ""
    remote.apply(book)
    assert opened == [tmp_path / "excel" / "letters"] and opened[0].is_dir()
    assert not remote.alerts, "the folder opening is the answer: no alert"


def test_generate_letters_needs_the_workbook_saved_on_this_pc(demo_file, tmp_path):
    remote = RemoteExcel.from_file(str(demo_file), name="hub.xlsx")  # no folder: as Excel on the web has it
    book = remote.book()
    assert excel.letters(book) is None
    remote.apply(book)
    prompt, _, _, mode, _ = remote.alerts[-1]
    assert mode == "critical" and prompt.startswith("Save the workbook in a folder on this PC first")


def test_help_says_which_python_runs_the_buttons(demo_file, tmp_path):
    import sys

    from smep_xl import __version__

    _, remote = twin(demo_file, tmp_path)
    message = excel.help(remote.book())
    assert sys.executable in message and __version__ in message and excel.LOG_NAME in message


def test_without_a_book_the_button_asks_excel_for_its_caller(demo_file, tmp_path, monkeypatch):
    import xlwings as xw

    _, remote = twin(demo_file, tmp_path)
    book = remote.book()
    monkeypatch.setattr(xw.Book, "caller", staticmethod(lambda: book))
    assert excel.validate().startswith("Validate grid finished.")


def test_excel_py_is_the_only_caller_of_book_caller():
    callers = [
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "smep_xl").rglob("*.py")
        if "Book.caller(" in p.read_text(encoding="utf-8")
    ]
    assert callers == ["smep_xl/excel.py"]


def test_summary_lists_a_few_findings_and_counts_the_rest():
    class Result:
        def to_json(self):
            return {
                "findings": [
                    {"severity": "error", "address": f"Visits!F{i}", "message": "Bad score"}
                    for i in range(2, 10)
                ]
            }

    text = excel.summary("Validate grid", Result())
    assert "8 errors" in text and "Visits!F2: Bad score" in text and "... and 3 more." in text
    assert text.endswith(excel.SAVE_HINT)


# ---- the ribbon table against the Excel side (macros/) and the command line
MACROS = ROOT / "macros"
RIBBON_NS = {"ui": "http://schemas.microsoft.com/office/2009/07/customui"}


def ribbon_xml_buttons() -> dict[str, str]:
    """label -> onAction of every button on the SMEP tab (macros/customUI14.xml)."""
    root = ET.parse(MACROS / "customUI14.xml").getroot()
    return {b.get("label"): b.get("onAction") for b in root.iterfind(".//ui:button", RIBBON_NS)}


def vba_callbacks() -> dict[str, list[str]]:
    """Sub name -> the smep_xl.excel functions its RunPython lines call (macros/SMEP.bas)."""
    text = (MACROS / "SMEP.bas").read_text(encoding="utf-8")
    subs = re.findall(r"Public Sub (\w+)\(control As IRibbonControl\)(.*?)End Sub", text, re.S)
    return {
        name: re.findall(r'RunPython "import smep_xl\.excel; smep_xl\.excel\.(\w+)\(\)"', body)
        for name, body in subs
    }


def test_every_button_on_the_tab_is_in_the_table_and_no_other():
    assert ribbon_xml_buttons() == {b.caption: b.callback for b in ribbon.BUTTONS}


def test_each_buttons_macro_runs_its_python_function():
    callbacks = vba_callbacks()
    assert set(callbacks) == {b.callback for b in ribbon.BUTTONS}
    for b in ribbon.BUTTONS:
        assert callbacks[b.callback] == [b.verb], f"{b.callback} must RunPython smep_xl.excel.{b.verb}()"
        assert callable(getattr(excel, b.verb)), f"smep_xl.excel.{b.verb} is what the macro calls"


def test_the_help_box_explains_every_other_button_by_its_caption():
    text = (MACROS / "SMEP.bas").read_text(encoding="utf-8")
    for b in ribbon.BUTTONS:
        if b.verb != "help":
            assert f'"{b.caption}: ' in text or f"{b.caption}: " in text, b.caption


def test_each_button_calls_an_action_with_the_options_it_builds(demo_file, tmp_path, monkeypatch):
    """The table's action is what runs: swapped for a recorder, the recorder gets the options."""
    _, remote = twin(demo_file, tmp_path)
    seen: list[tuple[str, object]] = []
    table = [
        dataclasses.replace(b, action=lambda book, options, verb=b.verb: seen.append((verb, options)) or "")
        for b in ribbon.BUTTONS
    ]
    monkeypatch.setattr(ribbon, "BUTTONS", tuple(table))
    for b in table:
        assert getattr(excel, b.verb)(remote.book()) == ""
    options = dict(seen)
    assert list(options) == [b.verb for b in table]
    assert options["letters"].writer is not None and options["letters"].progress is not None
    assert options["letters"].files.base == tmp_path / "excel"
    assert options["validate"].files.base == tmp_path / "excel"
    assert options["help"].log == str(tmp_path / "excel" / excel.LOG_NAME)
