"""Snapshots and the board report at national size (22,000 schools, 100,000 visits), whole process.

Each is timed as staff run it: a new `smep` process (start-up, imports, read, compute, write,
save). The workbook is `smep new X --demo --schools 22000 --visits 100000`, made once and kept.
Measured: the first snapshot (History made, 22,000 school rows added), a second one (22,000
more after them) and the report with its charts over two snapshots; against a plain baseline in
the same run, a process that only loads and saves the same file with openpyxl. Targets (issue
19): a snapshot under 5 s, the report under 10 s. Run: python -m benchmarks history
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile

from benchmarks.bench_refresh import _process_seconds
from benchmarks.common import CACHE, NATIONAL, ratio_line

SNAPSHOT_TARGET, REPORT_TARGET = 5.0, 10.0


def national_workbook() -> str:
    """Made by this checkout's `smep new`, so its History and contract are this code's."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"history-{NATIONAL['schools']}-{NATIONAL['visits']}.xlsx"
    if not path.exists():
        size = ["--schools", str(NATIONAL["schools"]), "--visits", str(NATIONAL["visits"])]
        _process_seconds([sys.executable, "-m", "smep_xl", "new", str(path), "--demo", *size])
    return str(path)


def smep(*args: str) -> float:
    return _process_seconds([sys.executable, "-m", "smep_xl", *args])


def verdict(seconds: float, target: float) -> str:
    return f"{'within' if seconds < target else 'MISSES'} the {target:g} s target"


def main() -> None:
    master = national_workbook()
    script = "import sys, openpyxl; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])"
    with tempfile.TemporaryDirectory() as folder:
        work, plain = os.path.join(folder, "hub.xlsx"), os.path.join(folder, "plain.xlsx")
        baseline = _process_seconds([sys.executable, "-c", script, master, plain])
        shutil.copy(master, work)
        first = smep("snapshot", work, "--as-of", "2014-12-19")
        second = smep("snapshot", work, "--as-of", "2015-03-27")
        report = smep("report", work, "--as-of", "2015-03-27", "--out", os.path.join(folder, "board.docx"))
    label = "openpyxl load+save"
    print(f"national size: {NATIONAL['schools']:,} schools, {NATIONAL['visits']:,} visits (whole process)")
    print(ratio_line("smep snapshot (History made)", first, baseline, label), verdict(first, SNAPSHOT_TARGET))
    print(
        ratio_line("smep snapshot (22,000 rows more)", second, baseline, label),
        verdict(second, SNAPSHOT_TARGET),
    )
    print(
        ratio_line("smep report (two snapshots, charts)", report, baseline, label),
        verdict(report, REPORT_TARGET),
    )


if __name__ == "__main__":
    main()
