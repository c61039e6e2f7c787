"""Start-up: `smep --version` and `smep --help` as whole processes, against a bare Python start.

Each command is run as a fresh process several times and the median taken (the machine is
shared, so single runs wander). The baseline is `python -c pass` in the same run; the second
reference is a process that only imports pandas and openpyxl, what every command paid before
they were imported only where needed. Target: under 0.25 s for --version and --help.

    python -m benchmarks startup [--runs=N]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

TARGET = 0.25
RUNS = 11


def median_seconds(argv: list[str], runs: int) -> float:
    """Median wall time of `argv` as a fresh process (one unmeasured run first warms the disk cache)."""
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    subprocess.run(argv, capture_output=True, env=env, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, env=env, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def runs_wanted() -> int:
    given = [a.split("=", 1)[1] for a in sys.argv if a.startswith("--runs=")]
    return int(given[-1]) if given else RUNS


def main() -> None:
    runs = runs_wanted()
    python = [sys.executable]
    bare = median_seconds([*python, "-c", "pass"], runs)
    heavy = median_seconds([*python, "-c", "import pandas, openpyxl"], runs)
    print(f"median of {runs} fresh processes each")
    print(f"{'python -c pass (baseline)':<44} {bare:8.3f} s")
    label = 'python -c "import pandas, openpyxl"'
    print(f"{label:<44} {heavy:8.3f} s")
    for args in (["--version"], ["--help"]):
        ours = median_seconds([*python, "-m", "smep_xl", *args], runs)
        verdict = "ok" if ours < TARGET else "OVER"
        print(
            f"{'smep ' + ' '.join(args):<44} {ours:8.3f} s   {ours / bare:5.1f}x a bare start, "
            f"{heavy / ours:5.1f}x faster than loading pandas+openpyxl   (target < {TARGET} s: {verdict})"
        )


if __name__ == "__main__":
    main()
