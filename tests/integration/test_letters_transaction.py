"""Letters are one transaction with the Letter Log: killed (SIGKILL) at any point, refused a save
(the workbook changed by someone else) or short of disk, a re-run ends with every letter once
in the folder and once in the log, exactly as a run that was never interrupted."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from smep_xl import layout as L
from tests.helpers.cli import run_smep

ROOT = Path(__file__).resolve().parents[2]
DAY = "2015-07-31"
CHILD = r"""
import sys, time
from pathlib import Path

marker, args = Path(sys.argv[1]), sys.argv[2:]


def pause():
    marker.write_text("here")
    time.sleep(120)


{patch}
from smep_xl.cli import main

sys.argv = ["smep", *args]
main()
"""
PATCHES = {
    "mid-render": """
from smep_xl.adapters.docx import engine
real, done = engine.CompiledTemplate.store, []
def store(self, parts, path):
    real(self, parts, path)
    done.append(path)
    if len(done) == 3:
        pause()
engine.CompiledTemplate.store = store
""",
    "after-staging": """
from smep_xl.actions import letters_commit
letters_commit.record = lambda *a, **k: pause()
""",
    "after-log-save": """
from smep_xl.adapters.files import outbox
outbox.Outbox.commit = lambda self: pause()
""",
    "mid-move": """
from smep_xl.adapters.files import disk
real, done = disk.DiskFiles.move, []
def move(self, *a):
    real(self, *a)
    done.append(a)
    if len(done) == 2:
        pause()
disk.DiskFiles.move = move
""",
}


@pytest.fixture(scope="module")
def hub(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hub")
    path = folder / "hub.xlsx"
    assert run_smep("new", path, "--demo", "--schools", "150")[0] == 0
    return path


@pytest.fixture(scope="module")
def expected(hub, tmp_path_factory) -> list[str]:
    """The letters an uninterrupted run writes."""
    work = tmp_path_factory.mktemp("clean")
    book = Path(shutil.copy(hub, work / hub.name))
    code, _, err = run_smep("letters", book, "--date", DAY)
    assert code == 0, err
    names = on_disk(work / "letters")
    assert len(names) >= 8
    return names


def on_disk(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.exists() else []


def logged(book: Path) -> list[tuple[str, str]]:
    rows = CalamineWorkbook.from_path(str(book)).get_sheet_by_name(L.LETTER_LOG).to_python()
    header = rows[0]
    at, visit, file = header.index(L.LOG_AT), header.index(L.LOG_VISIT), header.index(L.LOG_FILE)
    return [(r[visit], str(r[file]).replace("\\", "/").rsplit("/", 1)[-1]) for r in rows[1:] if r[at]]


def assert_once_on_disk_and_once_in_the_log(book: Path, expected: list[str]) -> None:
    folder = book.parent / "letters"
    log = logged(book)
    assert on_disk(folder) == expected, "letters on disk differ from an uninterrupted run's"
    assert sorted(name for _, name in log) == expected, "the Letter Log differs from the letters on disk"
    assert len({visit for visit, _ in log}) == len(log), "a visit was logged twice"
    assert [p.name for p in folder.iterdir() if p.is_dir()] == [], "a staging folder was left behind"
    assert not (book.parent / f"~${book.name}").exists()


def kill_at(point: str, book: Path, tmp_path: Path) -> None:
    marker = tmp_path / f"{point}.reached"
    script = CHILD.replace("{patch}", PATCHES[point])
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(marker), "letters", str(book), "--date", DAY],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 90
    while not marker.exists() and time.time() < deadline and child.poll() is None:
        time.sleep(0.05)
    assert marker.exists(), f"the run never reached {point}"
    child.send_signal(signal.SIGKILL)
    child.wait()


@pytest.mark.parametrize("point", list(PATCHES))
def test_killed_at_any_point_a_rerun_ends_with_each_letter_once(point, hub, expected, tmp_path):
    book = Path(shutil.copy(hub, tmp_path / hub.name))
    kill_at(point, book, tmp_path)
    code, out, err = run_smep("letters", book, "--date", DAY)
    assert code == 0, err
    assert "An unfinished run of" in out
    assert ("was finished" in out) == (point in ("after-log-save", "mid-move")), out
    assert_once_on_disk_and_once_in_the_log(book, expected)
    code, out, _ = run_smep("letters", book, "--date", DAY)
    assert code == 0 and "No letters are due" in out and "unfinished" not in out


def test_killed_while_finishing_an_earlier_run_the_next_run_finishes_it(hub, expected, tmp_path):
    book = Path(shutil.copy(hub, tmp_path / hub.name))
    kill_at("after-log-save", book, tmp_path)
    kill_at("mid-move", book, tmp_path)  # the recovery itself is killed part-way through its moves
    code, out, err = run_smep("letters", book, "--date", DAY)
    assert code == 0 and "was finished" in out, err
    assert_once_on_disk_and_once_in_the_log(book, expected)


def test_a_workbook_changed_by_someone_else_keeps_no_letter_and_says_so(hub, expected, tmp_path, monkeypatch):
    from smep_xl.actions import letters_commit

    book = Path(shutil.copy(hub, tmp_path / hub.name))
    real = letters_commit.record

    def someone_saves_first(*args, **kwargs):
        with open(book, "ab") as fh:
            fh.write(b"\0")  # another program saved the workbook meanwhile
        return real(*args, **kwargs)

    monkeypatch.setattr(letters_commit, "record", someone_saves_first)
    before = book.read_bytes()
    code, _, err = run_smep("letters", book, "--date", DAY)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "changed by someone else" in err and "No letter of this run was kept: none is in the log." in err
    assert book.read_bytes() == before + b"\0" and on_disk(book.parent / "letters") == []  # theirs kept
    monkeypatch.undo()
    book.write_bytes(before)
    assert run_smep("letters", book, "--date", DAY)[0] == 0
    assert_once_on_disk_and_once_in_the_log(book, expected)


def test_a_full_disk_while_staging_logs_nothing_and_says_the_disk_is_full(
    hub, expected, tmp_path, monkeypatch
):
    from smep_xl.adapters.docx import engine

    def no_space(path, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    book = Path(shutil.copy(hub, tmp_path / hub.name))
    before = book.read_bytes()
    monkeypatch.setattr(engine, "write_staged", no_space)
    code, out, err = run_smep("letters", book, "--date", DAY)
    assert code == 1 and "the disk is full" in out and "Free some space" in out and "Word" not in out
    assert book.read_bytes() == before and list((book.parent / "letters").iterdir()) == []
    monkeypatch.undo()
    assert run_smep("letters", book, "--date", DAY)[0] == 0
    assert_once_on_disk_and_once_in_the_log(book, expected)


def test_a_full_disk_at_the_save_removes_the_staged_letters_and_says_so(hub, tmp_path, monkeypatch):
    from smep_xl.ooxml import atomic

    book = Path(shutil.copy(hub, tmp_path / hub.name))
    before = book.read_bytes()
    real_replace = os.replace

    def no_space(src, dst):
        if atomic.TEMP_MARK in str(src) and str(dst) == str(book):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", no_space)
    code, _, err = run_smep("letters", book, "--date", DAY)
    assert code == 2 and "the disk it is on is full" in err and "No letter of this run was kept" in err
    assert book.read_bytes() == before and on_disk(book.parent / "letters") == []
    assert [p for p in (book.parent / "letters").iterdir()] == []
