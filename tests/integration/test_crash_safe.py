"""A save killed part-way (SIGKILL) leaves the workbook as it was; the next run clears the debris."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from smep_xl.adapters.xlsx.workbook import open_workbook

CHILD = r"""
import sys, time, pandas as pd
from pathlib import Path
from smep_xl import layout as L
from smep_xl.adapters.xlsx.workbook import open_workbook
from smep_xl.ooxml.zip import ZipWriter

path, marker = sys.argv[1], Path(sys.argv[2])
real = ZipWriter.add

def slow_add(*args):
    real(*args)
    marker.write_text("half written")
    time.sleep(60)

ZipWriter.add = slow_add
book = open_workbook(path)
book.write_output(L.FINDINGS, pd.DataFrame([["error"] * 8], columns=L.FINDINGS_SPEC.columns))
book.save()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_mid_save_leaves_original_and_next_run_cleans_up(contract_book, tmp_path):
    before = contract_book.read_bytes()
    marker = tmp_path / "marker"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(contract_book), str(marker)],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    deadline = time.time() + 60
    while not marker.exists() and time.time() < deadline and child.poll() is None:
        time.sleep(0.05)
    assert marker.exists(), "the writer never got part-way"
    child.send_signal(signal.SIGKILL)
    child.wait()
    debris = [p for p in contract_book.parent.iterdir() if "smep-saving" in p.name]
    assert debris, "a half-written temporary file should be there until the next run"
    assert contract_book.read_bytes() == before
    open_workbook(str(contract_book))  # the next run
    assert [p for p in contract_book.parent.iterdir() if "smep-saving" in p.name] == []
    assert contract_book.read_bytes() == before


CLI_CHILD = r"""
import sys, time
from pathlib import Path
from smep_xl.ooxml.zip import ZipWriter

marker, args = Path(sys.argv[1]), sys.argv[2:]
real = ZipWriter.add


def slow_add(*a):
    real(*a)
    marker.write_text("half written")
    time.sleep(60)


ZipWriter.add = slow_add
from smep_xl.cli import main

sys.argv = ["smep", *args]
main()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
@pytest.mark.parametrize("command", ["refresh", "import-schools", "validate"])
def test_a_command_killed_mid_save_leaves_the_workbook_and_the_next_run_works(command, tmp_path):
    from tests.fixtures.gias.make_gias import csv_bytes, schools
    from tests.helpers.cli import run_smep

    book = tmp_path / "hub.xlsx"
    assert run_smep("new", book, "--demo", "--schools", "40")[0] == 0
    gias = tmp_path / "edubase.csv"
    gias.write_bytes(csv_bytes(schools()))
    args = [command, str(book)] + (
        [str(gias), "--la", "855", "--la", "856"] if command == "import-schools" else []
    )
    before = book.read_bytes()
    marker = tmp_path / "marker"
    child = subprocess.Popen(
        [sys.executable, "-c", CLI_CHILD, str(marker), *args],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    deadline = time.time() + 60
    while not marker.exists() and time.time() < deadline and child.poll() is None:
        time.sleep(0.05)
    assert marker.exists(), "the save never got part-way"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert book.read_bytes() == before
    assert (tmp_path / f"~${book.name}").exists()  # the killed run's lock, left behind
    code, _, err = run_smep(*args)  # the next run clears the lock and the half-written file
    assert code in (0, 1), err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edubase.csv", "hub.xlsx", "marker"]
