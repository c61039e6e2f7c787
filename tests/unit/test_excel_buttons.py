"""The ribbon's Python side (smep_xl/excel.py): same results as the command line, and the
two-tier handler (a deliberate stop shows its message; a bug writes smep-error.log)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from smep_xl import excel
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
    """What `smep <verb> WB` runs on the file."""
    if verb == "letters":
        from smep_xl.actions.letters import letters
        from smep_xl.adapters.docx.writer import DocxLetterWriter

        letters(open_workbook(str(path)), writer=DocxLetterWriter(), base_dir=path.parent)
    else:
        module = __import__(f"smep_xl.actions.{verb}", fromlist=[verb])
        getattr(module, verb)(open_workbook(str(path)))


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
    import smep_xl.actions.refresh as action

    def broken(book, **_):
        book.read_table(L.SCHOOLS)
        return 1 / 0

    monkeypatch.setattr(action, "refresh", broken)
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


def test_a_button_whose_action_is_missing_says_so_plainly(demo_file, tmp_path, monkeypatch):
    monkeypatch.setitem(
        excel.ACTIONS, "letters", ("smep_xl.actions.not_built", "letters", "Generate letters")
    )
    _, remote = twin(demo_file, tmp_path)
    message = excel.letters(remote.book())
    assert message.startswith("Generate letters is not available")


def test_open_letters_folder_makes_and_opens_the_output_folder(demo_file, tmp_path):
    _, remote = twin(demo_file, tmp_path)
    opened: list[str] = []
    excel.open_letters(remote.book(), opener=opened.append)
    assert opened == [str(tmp_path / "excel" / "letters")] and Path(opened[0]).is_dir()


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
