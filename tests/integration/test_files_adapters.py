"""The Files port: the real disk (adapters/files/disk.py) and the fake the unit tests use
(adapters/files/fake.py) answer the same questions the same way; then what only the disk does."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from smep_xl import resources
from smep_xl.adapters.files.bug_log import LOG_NAME, append_bug, log_path
from smep_xl.adapters.files.disk import DiskFiles
from smep_xl.adapters.files.fake import FakeFiles
from smep_xl.adapters.files.inputs import links_beside, read_input
from smep_xl.errors import SmepError


@pytest.fixture(params=["disk", "fake"])
def files(request, tmp_path: Path):
    base = tmp_path / "hub"
    base.mkdir()
    return DiskFiles(base) if request.param == "disk" else FakeFiles(base)


def test_both_sides_keep_the_same_contract(files, tmp_path: Path):
    base = tmp_path / "hub"
    assert files.beside("letters") == base / "letters"
    assert files.beside(" ") == base / "."
    assert files.beside(str(tmp_path / "elsewhere")) == tmp_path / "elsewhere"
    folder = files.beside("letters/2015")
    assert files.names_in(folder) == set()  # not there yet: nothing in it, no error
    files.make_folder(folder)
    files.check_writable(folder)
    files.write_text(folder / "a.json", "{}")
    assert files.is_file(folder / "a.json") and not files.is_file(folder / "b.json")
    assert files.names_in(folder) == {"a.json"}
    assert files.shown(folder) == os.path.join("letters", "2015")
    assert files.shown(base) == ""
    assert files.shown(tmp_path / "elsewhere") == str(tmp_path / "elsewhere")


def test_write_text_makes_the_folder_it_needs(tmp_path: Path):
    DiskFiles(tmp_path).write_text(tmp_path / "new" / "fields.json", '{"a": "é"}')
    assert (tmp_path / "new" / "fields.json").read_text(encoding="utf-8") == '{"a": "é"}'


def test_a_folder_that_cannot_be_made_is_an_os_error(tmp_path: Path):
    (tmp_path / "letters").write_text("a file where the folder should be")
    with pytest.raises(OSError):
        DiskFiles(tmp_path).make_folder(tmp_path / "letters")


def test_the_usual_template_falls_back_to_the_projects_copy(tmp_path: Path):
    files = DiskFiles(tmp_path)
    assert files.template("templates/feedback_letter.docx") == resources.template("feedback_letter.docx")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "feedback_letter.docx").write_bytes(b"x")
    assert files.template("templates/feedback_letter.docx") == tmp_path / "templates" / "feedback_letter.docx"


def test_a_template_of_the_hubs_own_is_never_swapped_for_ours(tmp_path: Path):
    files = DiskFiles(tmp_path)
    assert files.template("ours/feedback_letter.docx") == tmp_path / "ours" / "feedback_letter.docx"
    assert files.template("templates/our_own.docx") == tmp_path / "templates" / "our_own.docx"


def test_no_folder_means_the_current_one(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert DiskFiles("").beside("letters") == tmp_path / "letters"
    assert DiskFiles(None).base == tmp_path


def test_the_bug_log_goes_beside_the_workbook_else_to_the_temporary_folder(tmp_path: Path):
    try:
        raise ZeroDivisionError("1 / 0")
    except ZeroDivisionError as bug:
        caught = bug
    assert append_bug(str(tmp_path), caught) == str(tmp_path / LOG_NAME)
    assert "Traceback (most recent call last)" in (tmp_path / LOG_NAME).read_text(encoding="utf-8")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")
    assert append_bug(str(blocked), caught) == log_path(None)


def test_input_files_are_read_whole_or_one_stop(tmp_path: Path):
    (tmp_path / "edubasealldata20250901.csv").write_bytes(b"URN\r\n1\r\n")
    assert read_input(tmp_path / "edubasealldata20250901.csv", "GIAS file") == b"URN\r\n1\r\n"
    with pytest.raises(SmepError, match="The GIAS file .*nope.csv does not exist: check the path."):
        read_input(tmp_path / "nope.csv", "GIAS file")
    with pytest.raises(SmepError, match="is a folder; give the GIAS file itself"):
        read_input(tmp_path, "GIAS file")
    assert links_beside(tmp_path / "edubasealldata20250901.csv") is None
    (tmp_path / "links_edubasealldata20250901.csv").write_bytes(b"")
    assert (
        links_beside(tmp_path / "edubasealldata20250901.csv") == tmp_path / "links_edubasealldata20250901.csv"
    )
