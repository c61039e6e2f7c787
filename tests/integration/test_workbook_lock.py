"""The workbook's lock (~$NAME in Excel's owner-file format): one smep run at a time, Excel's and
LibreOffice's locks honoured, a stale lock of smep's cleared, and the ~$ file readable as Excel's."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from smep_xl.adapters.xlsx.workbook import open_workbook
from smep_xl.errors import SmepError
from smep_xl.ooxml import lock as ooxml_lock
from smep_xl.ooxml.lock import lock_workbook
from smep_xl.ooxml.owner_files import owner_bytes, owner_file, read_holder
from tests.helpers.cli import run_smep

ROOT = Path(__file__).resolve().parents[2]
HOLD = r"""
import sys, time
from pathlib import Path
from smep_xl.ooxml.lock import lock_workbook
lock_workbook(sys.argv[1])
Path(sys.argv[2]).write_text("holding")
time.sleep(120)
"""


def libreoffice_reads(data: bytes) -> str:
    """The user name as LibreOffice reads an MS Office owner file (its documented reverse
    engineering: the UTF-16 length at byte 54 for Word, 55 for Excel, the name 2 bytes on)."""
    assert len(data) >= 162 and 0 < data[0] <= 52
    at = 54
    if data[at] == 0x20 and (data[at - 1] != 0 or data[at - 2] != 0):
        at = 55
    n = data[at]
    return data[at + 2 : at + 2 + 2 * n].decode("utf-16-le")


def hold_in_another_process(workbook: Path, tmp_path: Path) -> subprocess.Popen:
    marker = tmp_path / "holding"
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(workbook), str(marker)], env={**os.environ, "PYTHONPATH": str(ROOT)}
    )
    deadline = time.time() + 30
    while not marker.exists() and time.time() < deadline:
        time.sleep(0.05)
    assert marker.exists(), "the other process never took the lock"
    return child


def test_the_owner_file_is_in_excels_format_and_names_smep(contract_book):
    with lock_workbook(str(contract_book)):
        data = (contract_book.parent / ("~$" + contract_book.name)).read_bytes()
        assert len(data) == 165  # Excel's (and PowerPoint's) owner file size
        name = libreoffice_reads(data)
        assert "(smep on " in name and name.endswith(")")
        assert data[1 : 1 + data[0]].decode("cp1252") == name  # the ANSI copy says the same
    assert not (contract_book.parent / ("~$" + contract_book.name)).exists()


def test_a_name_outside_the_ansi_code_page_is_kept_in_the_unicode_copy():
    data = owner_bytes("Siân Ó Dálaigh 王")
    assert libreoffice_reads(data) == "Siân Ó Dálaigh 王"
    assert data[1 : 1 + data[0]] == "Siân Ó Dálaigh ?".encode("cp1252")


def test_a_second_run_waits_then_is_refused_and_a_killed_holder_is_cleared(
    contract_book, tmp_path, monkeypatch
):
    monkeypatch.setattr(ooxml_lock, "WAIT_SECONDS", 0.5)
    before = contract_book.read_bytes()
    child = hold_in_another_process(contract_book, tmp_path)
    try:
        started = time.monotonic()
        code, _, err = run_smep("refresh", contract_book)
        assert code == 2 and len(err.strip().splitlines()) == 1
        assert f"being changed by another smep run on this computer (process {child.pid}" in err
        assert time.monotonic() - started >= 0.5  # it waited first
        assert contract_book.read_bytes() == before
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert read_holder(owner_file(str(contract_book))).gone()  # left behind by the killed process
    code, _, err = run_smep("refresh", contract_book)
    assert code == 0, err
    assert not (contract_book.parent / ("~$" + contract_book.name)).exists()


def test_excels_own_owner_file_stops_at_once_and_names_the_user(contract_book):
    owner = contract_book.parent / ("~$" + contract_book.name)
    owner.write_bytes(owner_bytes("Jo Bloggs"))
    started = time.monotonic()
    with pytest.raises(SmepError, match=r"open in Excel by Jo Bloggs .*Close it in Excel on every PC"):
        open_workbook(str(contract_book))
    assert time.monotonic() - started < 1
    assert owner.read_bytes() == owner_bytes("Jo Bloggs")  # never cleared: it is Excel's


def test_a_libreoffice_lock_counts_as_open(contract_book):
    lock = contract_book.parent / f".~lock.{contract_book.name}#"
    lock.write_text(",jo,HUB-PC,23.11.2025 10:00,file:///home/jo/.config/libreoffice/4;", encoding="utf-8")
    before = contract_book.read_bytes()
    code, _, err = run_smep("validate", contract_book)
    assert code == 2 and "open in LibreOffice by jo on HUB-PC" in err and len(err.strip().splitlines()) == 1
    assert contract_book.read_bytes() == before and lock.exists()


def test_another_computers_lock_is_waited_for_then_reported_with_how_to_clear_it(contract_book, monkeypatch):
    monkeypatch.setattr(ooxml_lock, "WAIT_SECONDS", 0.3)
    owner = contract_book.parent / ("~$" + contract_book.name)
    owner.write_bytes(owner_bytes("jo (smep on HUB-PC-7)", b"smep:0badf00d:4242:"))
    with pytest.raises(SmepError, match=r"being changed by smep on HUB-PC-7 \(since"):
        open_workbook(str(contract_book))
    old = time.time() - 25 * 60
    os.utime(owner, (old, old))
    started = time.monotonic()
    with pytest.raises(
        SmepError, match=r"lock left by smep on HUB-PC-7 .*25 minutes ago.*delete ~\$hub.xlsx"
    ):
        open_workbook(str(contract_book))
    assert time.monotonic() - started < 0.3  # no point waiting for a run that stopped
    assert owner.exists()  # only a person can know the other computer is not still at it


def test_one_process_may_take_its_own_lock_again_and_a_stolen_lock_stops_the_save(contract_book):
    import pandas as pd

    from smep_xl import layout as L

    book = open_workbook(str(contract_book))
    inner = open_workbook(str(contract_book))  # the same process: a command inside another
    inner.close()
    owner = Path(owner_file(str(contract_book)))
    assert owner.exists()
    before = contract_book.read_bytes()
    owner.write_bytes(owner_bytes("someone else"))
    book.write_output(L.FINDINGS, pd.DataFrame([["error"] * 8], columns=L.FINDINGS_SPEC.columns))
    with pytest.raises(SmepError, match="was removed or replaced while this ran.*nothing was saved"):
        book.save()
    book.close()
    assert contract_book.read_bytes() == before
    assert owner.read_bytes() == owner_bytes("someone else")  # not ours: left alone


def test_read_only_runs_take_no_lock(contract_book):
    owner = contract_book.parent / ("~$" + contract_book.name)
    owner.write_bytes(owner_bytes("Jo Bloggs"))
    open_workbook(str(contract_book), read_only=True).close()  # a dry run may read it


@pytest.mark.slow
def test_letters_and_refresh_started_together_lose_nothing(tmp_path):
    """20 rounds of two real processes: each run ends with every letter logged, or one is
    refused with one line and changed nothing."""
    from python_calamine import CalamineWorkbook

    from smep_xl import layout as L

    base = tmp_path / "base.xlsx"
    assert run_smep("new", base, "--demo", "--schools", "40")[0] == 0
    smep = [str(Path(sys.executable).with_name("smep"))]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    outcomes = []
    for n in range(20):
        book, out = tmp_path / f"hub{n}.xlsx", tmp_path / f"letters{n}"
        shutil.copy(base, book)
        letters = subprocess.Popen(
            [*smep, "letters", str(book), "--all", "--out", str(out)],
            env=env,
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
        )
        refresh = subprocess.Popen(
            [*smep, "refresh", str(book)], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL
        )
        (_, lerr), (_, rerr) = letters.communicate(timeout=120), refresh.communicate(timeout=120)
        for proc, err in ((letters, lerr), (refresh, rerr)):
            assert proc.returncode in (0, 2) and (proc.returncode == 0 or len(err.splitlines()) == 1), err
        log = CalamineWorkbook.from_path(str(book)).get_sheet_by_name(L.LETTER_LOG).to_python()
        logged = [row for row in log[1:] if any(row)]
        on_disk = sorted(p.name for p in out.glob("*.docx")) if out.exists() else []
        if letters.returncode == 0:
            assert len(logged) == len(on_disk) > 0, f"round {n}: {len(logged)} logged, {len(on_disk)} on disk"
        else:
            assert not logged and not on_disk
        outcomes.append((letters.returncode, refresh.returncode))
        assert not (tmp_path / f"~$hub{n}.xlsx").exists()
    assert all(o == (0, 0) for o in outcomes), outcomes  # a few seconds' wait covers a hub's letters run
