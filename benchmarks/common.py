"""Helpers the benchmarks share: sized workbooks on disk, timing, peak memory of a child run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from smep_xl.layout import CONTRACT_VERSION

# Workbooks are kept between runs, one folder per workbook contract: a newer release's commands
# refuse (or would have to upgrade) a workbook an older one made.
CACHE = Path(tempfile.gettempdir()) / f"smep-bench-v{CONTRACT_VERSION}"
NATIONAL = {"schools": 22_000, "visits": 100_000}


def national_wanted() -> bool:
    """The national-size runs take a minute or two: on unless --quick is given."""
    return "--quick" not in sys.argv


def workbook(schools: int | None = None, visits: int | None = None) -> Path:
    """A demo workbook of the given size, built once and kept for later runs."""
    from smep_xl.adapters.new_workbook.write import write_new_workbook
    from smep_xl.demo import build_demo_frames

    CACHE.mkdir(exist_ok=True)
    name = f"demo-{schools or 'hub'}-{visits or 'std'}.xlsx"
    path = CACHE / name
    if not path.exists():
        kwargs = {"schools": schools} if schools else {}
        if visits and schools:
            kwargs["visits_per_school"] = visits / schools
        write_new_workbook(str(path), build_demo_frames(**kwargs))
    return path


def timed(fn, *args, repeat: int = 1):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def child(module: str, *args: str) -> dict:
    """Run `python -m module args` in a fresh process; it prints one JSON line (with peak MB)."""
    out = subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ratio_line(label: str, ours: float, baseline: float, baseline_label: str) -> str:
    return f"{label:<44} {ours:8.3f} s   {baseline_label} {baseline:8.3f} s   ratio {baseline / ours:6.1f}x"


def best_of(fn, repeat: int = 3) -> float:
    """The fastest of a few runs: the least disturbed by whatever else the machine is doing."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)
