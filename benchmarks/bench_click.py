"""A ribbon click end to end: process start, imports, read, compute, write back.

Validate grid and Refresh on the hub-size demo (400 schools), each as a fresh process, median
of several runs: through the file adapter (`smep validate WB`, what a button costs when run
on the file) and through the live adapter as RunPython runs it
(`import smep_xl.excel; smep_xl.excel.refresh(book)`, on xlwings' own Book over a stand-in
for Excel; the time to make the stand-in is taken off). Baseline: `python -c pass` in the
same run. Target: under 1 s of Python time per click.

    python -m benchmarks click [--runs=N]
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import workbook

TARGET = 1.0
RUNS = 5


def runs_wanted() -> int:
    given = [a.split("=", 1)[1] for a in sys.argv if a.startswith("--runs=")]
    return int(given[-1]) if given else RUNS


def one(argv: list[str], before=None) -> float:
    """Seconds of one fresh process, less the stand-in's setup it reports."""
    if before:
        before()
    # as on a staff PC, where pip byte-compiled smep-xl when it installed it: the first
    # (unmeasured) run writes the .pyc files a shell with PYTHONDONTWRITEBYTECODE never would
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.getcwd()
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env=env, check=True)
    seconds = time.perf_counter() - start
    lines = done.stdout.strip().splitlines()
    setup = json.loads(lines[-1]).get("setup", 0.0) if lines and lines[-1].startswith("{") else 0.0
    return seconds - setup


def median(argv: list[str], runs: int, before=None) -> float:
    one(argv, before)  # unmeasured: warms the disk cache
    return statistics.median(one(argv, before) for _ in range(runs))


def main() -> None:
    from tests.excel_remote import RemoteExcel

    runs = runs_wanted()
    source = workbook()
    with tempfile.TemporaryDirectory(prefix="smep-click-") as tmp:
        path = Path(tmp) / "hub.xlsx"
        data = Path(tmp) / "book.json"
        data.write_text(
            json.dumps(RemoteExcel.from_file(str(source), name="hub.xlsx").data), encoding="utf-8"
        )
        fresh = lambda: shutil.copy(source, path)  # noqa: E731 - each click on the same workbook
        bare = median([sys.executable, "-c", "pass"], runs)
        print(f"median of {runs} fresh processes each, hub size (400 schools)")
        print(f"{'python -c pass (baseline)':<48} {bare:7.3f} s")
        child = [sys.executable, "-m", "benchmarks.click_child"]
        for verb in ("validate", "refresh"):
            for mode, extra in (("file", []), ("live", [str(data)])):
                seconds = median([*child, mode, verb, str(path), *extra], runs, fresh)
                verdict = "ok" if seconds < TARGET else "OVER"
                label = f"{verb}, {'file adapter' if mode == 'file' else 'RunPython, live adapter'}"
                print(
                    f"{label:<48} {seconds:7.3f} s   {seconds / bare:5.1f}x a bare start   (target < {TARGET} s: {verdict})"
                )


if __name__ == "__main__":
    main()
