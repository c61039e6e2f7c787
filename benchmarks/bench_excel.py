"""The ribbon's cost in calls into Excel, and the master workbook build.

Calls: Validate grid + Refresh through the live adapter on xlwings' own Book API (its remote
engine, with tests/excel_remote.py playing Excel), at hub size and ten times that, against
the baseline of writing the same cells one at a time (one call per cell, as a loop would).
Build: `smep build-workbook` against `smep new` of the same empty workbook.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from benchmarks.common import ratio_line, timed, workbook


def ribbon_calls(path: Path) -> tuple[int, int, int, float]:
    """(engine calls, value reads + writes, cells written, seconds) for Validate grid then Refresh."""
    from _pytest.monkeypatch import MonkeyPatch

    from smep_xl import excel
    from tests.excel_remote import RemoteExcel, enable

    patch = MonkeyPatch()
    enable(patch)
    remote = RemoteExcel.from_file(str(path), name=str(path))
    book = remote.book()
    start = time.perf_counter()
    with remote.counting(patch):
        excel.validate(book)
        excel.refresh(book)
    seconds = time.perf_counter() - start
    patch.undo()
    remote.apply(book)
    cells = sum(len(row) for a in remote.actions if a["func"] == "setValues" for row in a["values"])
    return remote.calls, remote.value_reads + len(remote.actions), cells, seconds


def build_times() -> tuple[float, float]:
    from smep_xl.adapters.new_workbook.write import write_new_workbook
    from smep_xl.adapters.xlsm.build import build_master
    from smep_xl.demo import blank_frames

    with tempfile.TemporaryDirectory() as tmp:
        new = os.path.join(tmp, "new.xlsx")
        made, _ = timed(write_new_workbook, new, blank_frames(), repeat=3)
        built, _ = timed(build_master, os.path.join(tmp, "SMEP_Master.xlsm"), new, repeat=3)
    return built, made


def main() -> None:
    for schools in (None, 4000):
        calls, data, cells, seconds = ribbon_calls(workbook(schools))
        label = f"{schools or 'hub (400)'} schools"
        print(
            f"Validate+Refresh, {label:<16} {data:4d} reads+writes ({calls} engine calls in all) for "
            f"{cells:7d} cells ({seconds:.2f} s in Python); a cell-by-cell loop: {cells} writes, "
            f"ratio {cells / data:7.1f}x"
        )
    built, made = build_times()
    print(ratio_line("build-workbook (empty master .xlsm)", built, made, "smep new (.xlsx)"))


if __name__ == "__main__":
    main()
