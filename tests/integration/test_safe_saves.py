"""Saves in awkward places: a name as long as the disk allows, a symbolic link, hard links, a
full disk, and a workbook that is not an SMEP workbook at all."""

from __future__ import annotations

import errno
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest

from smep_xl.errors import SmepError
from smep_xl.ooxml import atomic
from smep_xl.ooxml.atomic import TEMP_MARK, place_new, remove_stale_temps, temp_path, write_file
from tests.fixtures.gias.make_gias import csv_bytes, schools
from tests.helpers.cli import run_smep


def _finished_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.parametrize("size", [237, 250, 255])
def test_a_workbook_name_as_long_as_the_disk_allows_saves(contract_book, size):
    stem = "Leicester-Shire Music Education Hub school music education plan ".ljust(size - 5, "x")
    long = contract_book.with_name(stem + ".xlsx")
    assert len(long.name.encode()) == size
    os.rename(contract_book, long)
    assert len(os.path.basename(temp_path(str(long)))) < 60
    code, _, err = run_smep("validate", long)
    assert code in (0, 1), err
    assert "Findings" in openpyxl.load_workbook(long, read_only=True).sheetnames
    assert sorted(p.name for p in long.parent.iterdir()) == [long.name]  # no lock or temp left


def test_the_stale_temp_clean_up_still_finds_its_own_and_only_its_own(tmp_path):
    book = tmp_path / ("x" * 250 + ".xlsx")
    book.write_bytes(b"PK")
    other = tmp_path / "other.xlsx"
    dead = _finished_pid()
    mine = Path(temp_path(str(book))).with_name(f"{Path(temp_path(str(book))).name.rsplit('-', 1)[0]}-{dead}")
    theirs = Path(temp_path(str(other))).with_name(
        f"{Path(temp_path(str(other))).name.rsplit('-', 1)[0]}-{dead}"
    )
    old_style = tmp_path / f".other.xlsx{TEMP_MARK}{dead}"
    live = Path(temp_path(str(book))).with_name(f"{mine.name.rsplit('-', 1)[0]}-{os.getppid()}")
    for path in (mine, theirs, old_style, live):
        path.write_bytes(b"half")
    remove_stale_temps(str(book))
    assert not mine.exists() and theirs.exists() and live.exists()
    remove_stale_temps(str(other))
    assert not theirs.exists() and not old_style.exists()


def test_a_symbolic_link_stays_a_link_and_its_target_is_saved(contract_book, tmp_path):
    real_folder = tmp_path / "shared"
    real_folder.mkdir()
    real = real_folder / "hub.xlsx"
    os.rename(contract_book, real)
    link_folder = tmp_path / "mine"
    link_folder.mkdir()
    link = link_folder / "my hub.xlsx"
    link.symlink_to(real)
    code, _, err = run_smep("validate", link)
    assert code in (0, 1), err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "Findings" in openpyxl.load_workbook(real, read_only=True).sheetnames
    assert sorted(os.listdir(real_folder)) == ["hub.xlsx"] and sorted(os.listdir(link_folder)) == [
        "my hub.xlsx"
    ]


def test_letters_of_a_linked_workbook_go_beside_the_real_file(contract_book, tmp_path):
    from tests.letters_fixture import write_workbook

    (tmp_path / "shared").mkdir()
    real = write_workbook(tmp_path / "shared" / "hub.xlsx")
    link_folder = tmp_path / "mine"
    link_folder.mkdir()
    link = link_folder / "hub.xlsx"
    link.symlink_to(real)
    code, _, err = run_smep("letters", link, "--date", "2015-06-01")
    assert code in (0, 1), err
    assert list((real.parent / "letters").glob("*.docx")) and not (link_folder / "letters").exists()
    assert link.is_symlink()


def test_a_hard_linked_workbook_is_refused_and_left_alone(contract_book):
    other = contract_book.with_name("copy-by-link.xlsx")
    os.link(contract_book, other)
    before = contract_book.read_bytes()
    for command in ("validate", "refresh"):
        code, _, err = run_smep(command, contract_book)
        assert code == 2 and len(err.strip().splitlines()) == 1
        assert "has 2 names on this disk (hard links)" in err
    assert contract_book.read_bytes() == before and os.stat(other).st_ino == os.stat(contract_book).st_ino


def test_a_full_disk_says_the_disk_is_full(contract_book, monkeypatch):
    real_replace = os.replace

    def no_space(src, dst):
        if TEMP_MARK in str(src):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", no_space)
    before = contract_book.read_bytes()
    code, _, err = run_smep("validate", contract_book)
    assert code == 2 and "the disk it is on is full" in err and "Excel" not in err
    assert contract_book.read_bytes() == before
    assert not [p for p in contract_book.parent.iterdir() if TEMP_MARK in p.name]


def test_place_new_never_writes_over_a_file(tmp_path):
    target = tmp_path / "fields.json"
    target.write_text("mine")
    with pytest.raises(FileExistsError):
        write_file(str(target), lambda out: out.write(b"new"), replace=False)
    assert target.read_text() == "mine" and sorted(os.listdir(tmp_path)) == ["fields.json"]
    source = tmp_path / "staged"
    source.write_text("letter")
    place_new(str(source), str(tmp_path / "letter.docx"))
    assert (tmp_path / "letter.docx").read_text() == "letter" and not source.exists()


def test_a_workbook_that_is_not_an_smep_workbook_is_refused_byte_identical(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Settings"  # an SMEP sheet name, but not its headers
    wb.active.append(["Name", "Age"])
    wb.create_sheet("Budget").append(["Line", "Amount"])
    path = tmp_path / "budget.xlsx"
    wb.save(path)
    before = path.read_bytes()
    gias = tmp_path / "gias" / "edubase.csv"
    gias.parent.mkdir()
    gias.write_bytes(csv_bytes(schools()))
    for command in ("validate", "refresh", "letters", "import-schools"):
        args = [command, path] + ([gias] if command == "import-schools" else [])
        code, out, err = run_smep(*args)
        assert code == 2, (command, out, err)
        assert len(err.strip().splitlines()) == 1 and "is not an SMEP workbook" in err, err
        assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["budget.xlsx", "gias"]
    with zipfile.ZipFile(path) as z:
        assert "xl/worksheets/sheet3.xml" not in z.namelist()


def test_write_failures_other_than_a_full_disk_keep_their_words(tmp_path):
    with pytest.raises(SmepError, match=r"could not be saved \(Read-only file system\)"):

        def read_only(out):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))

        atomic.replace_file(str(tmp_path / "x.xlsx"), read_only)


def test_text_longer_than_a_cell_holds_is_cut_where_smep_writes_it(tmp_path):
    """A school name of 40,000 characters (only another program can write one) reaches the
    Letter Log cut to Excel's 32,767, and the letter's file name to 150 bytes."""
    import pandas as pd

    from smep_xl import layout as L
    from tests.letters_fixture import frames, write_workbook

    tables = frames()
    tables[L.SCHOOLS] = tables[L.SCHOOLS].astype(object)
    tables[L.SCHOOLS].loc[tables[L.SCHOOLS].index[0], L.SCH_NAME] = "Oak " * 10_000
    book = write_workbook(tmp_path / "hub.xlsx", tables)
    code, _, err = run_smep("letters", book, "--date", "2015-06-01")
    assert code in (0, 1), err
    log = pd.read_excel(book, sheet_name=L.LETTER_LOG, engine="openpyxl")
    longest = log[L.LOG_SCHOOL].astype(str).str.len().max()
    assert longest == 32_767
    assert max(len(p.name.encode()) for p in (tmp_path / "letters").glob("*.docx")) <= 150 + len(".docx")


def test_build_workbook_never_writes_over_a_file_unless_forced(tmp_path):
    out = tmp_path / "SMEP_Master.xlsm"
    out.write_bytes(b"the hub's own master workbook")
    code, _, err = run_smep("build-workbook", out)
    assert code == 2 and "already exists; add --force" in err
    assert out.read_bytes() == b"the hub's own master workbook"
    source = tmp_path / "hub.xlsx"
    assert run_smep("new", source)[0] == 0
    same = tmp_path / "same.xlsm"
    os.symlink(source, same)
    code, _, err = run_smep("build-workbook", same, "--from", source, "--force")
    assert code == 2 and "is the --from workbook" in err
    assert run_smep("build-workbook", out, "--force")[0] == 0
    assert zipfile.is_zipfile(out)
