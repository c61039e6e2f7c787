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
