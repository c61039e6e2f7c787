"""Refresh: domain time and end-to-end, demo size and national size, against plain baselines.

Domain = everything refresh computes once the tables are read (actions.refresh.compute),
against a plain pandas groupby over the same visits (count, last date and mean score per
school). End-to-end = open the file, refresh, save, through the file adapter, against
openpyxl loading and saving the same file. Whole process = `smep refresh` as staff run it
(a new Python process: start-up, imports, read, compute, write, save) on the demo hub grown
25 times (`smep new X --demo --schools 10000`), against a process that only loads and saves
the same file with openpyxl; the median of several runs of each. All are measured in the
same run, so the ratios hold on any machine. Run: python -m benchmarks.bench_refresh
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date

import pandas as pd

from benchmarks.common import CACHE, best_of, national_wanted
from smep_xl import layout as L
from smep_xl.actions.refresh import RefreshOptions, compute, refresh
from smep_xl.adapters.memory.workbook import MemoryWorkbook

SIZES = (("demo", 400, None), ("national", 22_000, 100_000 / 22_000))
AS_OF = date(2015, 7, 31)


def frames_of(schools: int, visits_per_school: float | None) -> dict[str, pd.DataFrame]:
    """The demo hub's input frames at this size, as read_table returns them."""
    from smep_xl.demo import build_demo_frames

    raw = build_demo_frames(schools, visits_per_school)
    raw[L.LETTER_LOG] = pd.DataFrame(columns=list(L.LETTER_LOG_SPEC.columns))
    book = MemoryWorkbook(raw)
    return {name: book.read_table(name).frame for name in raw}


def baseline(frames: dict[str, pd.DataFrame]) -> None:
    """What a plain script would do: per-school count, last visit and mean score."""
    visits = frames[L.VISITS]
    criteria = list(frames[L.CRITERIA][L.CRI_NAME])
    plain = pd.DataFrame(
        {
            "urn": visits[L.VIS_URN].astype(str),
            "date": pd.to_datetime(visits[L.VIS_DATE]),
            "score": visits[criteria].apply(pd.to_numeric, errors="coerce").mean(axis=1),
        }
    )
    plain.groupby("urn").agg(visits=("date", "size"), last=("date", "max"), score=("score", "mean"))


def end_to_end(frames_raw: dict, folder: str) -> tuple[float, float] | None:
    """Seconds for refresh through the file adapter, and for openpyxl load + save."""
    try:
        import openpyxl

        from smep_xl.adapters.new_workbook.write import write_new_workbook
        from smep_xl.adapters.xlsx.workbook import open_workbook
    except ImportError:
        return None
    master = os.path.join(folder, "master.xlsx")
    write_new_workbook(master, frames_raw)
    work = os.path.join(folder, "work.xlsx")

    def ours() -> None:
        shutil.copy(master, work)
        book = open_workbook(work)
        try:
            refresh(book, RefreshOptions(as_of=AS_OF))
        finally:
            book.close()

    def plain() -> None:
        openpyxl.load_workbook(master).save(os.path.join(folder, "plain.xlsx"))

    return best_of(ours, 2), best_of(plain, 1)


GROWN_SCHOOLS = 10_000  # the demo hub (400 schools) grown 25 times


def _process_seconds(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, env={**os.environ, "PYTHONPATH": os.getcwd()})
    return time.perf_counter() - start


def grown_workbook(schools: int = GROWN_SCHOOLS, visits: int | None = None) -> str:
    """The demo workbook at this size, made once with `smep new` and kept for later runs."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"grown-{schools}-{visits or 'std'}.xlsx"
    if not path.exists():
        extra = ["--visits", str(visits)] if visits else []
        _process_seconds(
            [sys.executable, "-m", "smep_xl", "new", str(path), "--demo", "--schools", str(schools), *extra]
        )
    return str(path)


def whole_process(master: str, folder: str, runs: int = 5, baseline_runs: int = 3) -> tuple[float, float]:
    """Median seconds of `smep refresh` processes, and of openpyxl load+save processes."""
    work, plain = os.path.join(folder, "grown.xlsx"), os.path.join(folder, "plain.xlsx")
    ours = []
    for _ in range(runs):
        shutil.copy(master, work)
        ours.append(_process_seconds([sys.executable, "-m", "smep_xl", "refresh", work]))
    script = "import sys, openpyxl; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])"
    base = [_process_seconds([sys.executable, "-c", script, master, plain]) for _ in range(baseline_runs)]
    return statistics.median(ours), statistics.median(base)


def main() -> None:
    from smep_xl.demo import build_demo_frames

    print(f"refresh benchmark (as of {AS_OF}; best of runs; ratio = ours / baseline, lower is better)")
    print(
        f"{'size':<9}{'schools':>8}{'visits':>8}  {'domain s':>9}{'pandas s':>9}{'ratio':>7}"
        f"  {'e2e s':>7}{'openpyxl s':>11}{'ratio':>7}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for name, schools, per_school in SIZES:
            frames = frames_of(schools, per_school)
            ours = best_of(lambda f=frames: compute(f, as_of=AS_OF))
            plain = best_of(lambda f=frames: baseline(f))
            row = (
                f"{name:<9}{len(frames[L.SCHOOLS]):>8}{len(frames[L.VISITS]):>8}  "
                f"{ours:>9.3f}{plain:>9.3f}{ours / plain:>7.1f}"
            )
            e2e = end_to_end(build_demo_frames(schools, per_school), folder)
            if e2e:
                row += f"  {e2e[0]:>7.2f}{e2e[1]:>11.2f}{e2e[0] / e2e[1]:>7.2f}"
            print(row, flush=True)
        grown = grown_workbook()
        ours, base = whole_process(grown, folder)
        print(
            f"whole process, hub grown 25x ({GROWN_SCHOOLS:,} schools): smep refresh {ours:.2f} s, "
            f"openpyxl load+save {base:.2f} s (medians): {base / ours:.1f}x faster",
            flush=True,
        )
        if national_wanted():
            national = grown_workbook(22_000, 100_000)
            seconds = _process_seconds(
                [sys.executable, "-m", "smep_xl", "refresh", _copy_to(national, folder)]
            )
            print(
                f"whole process, national (22,000 schools, 100,000 visits): smep refresh {seconds:.2f} s",
                flush=True,
            )
    print(
        "targets: national domain < 1 s, national end-to-end < 10 s, grown hub whole process >= 5x openpyxl"
    )


def _copy_to(path: str, folder: str) -> str:
    target = os.path.join(folder, "national.xlsx")
    shutil.copy(path, target)
    return target


if __name__ == "__main__":
    main()
