"""Refresh: domain time and end-to-end, demo size and national size, against plain baselines.

Domain = everything refresh computes once the tables are read (actions.refresh.compute),
against a plain pandas groupby over the same visits (count, last date and mean score per
school). End-to-end = open the file, refresh, save, through the file adapter, against
openpyxl loading and saving the same file. Both are measured in the same run, so the ratios
hold on any machine. Run: python -m benchmarks.bench_refresh
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date

import pandas as pd

from benchmarks.common import best_of
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
    print("targets: national domain < 1 s, national end-to-end < 10 s")


if __name__ == "__main__":
    main()
