"""Validate grid: domain time at national size, against plain baselines in the same run.

Frames: a 10,000-row Objectives grid (the seed's grid repeated, each Ref its own) plus the demo
hub grown to 22,000 schools and 100,000 visits. Domain = validate_workbook on those frames
(target: under 1 s). Baselines: a plain pandas pass that looks at every cell once (isna and
astype(str) of every column), and (unless --quick) the file adapter reading the six input
tables of the same hub from an .xlsx on disk. Run: python -m benchmarks.bench_validate
"""

from __future__ import annotations

import time
from datetime import date

import pandas as pd

from benchmarks.common import NATIONAL, best_of, national_wanted, ratio_line
from smep_xl import layout as L
from smep_xl.domain.validate import INPUT_SHEETS, validate_workbook

OBJECTIVE_ROWS = 10_000
TODAY = date(2016, 8, 31)


def big_objectives(grid: pd.DataFrame, rows: int = OBJECTIVE_ROWS) -> pd.DataFrame:
    """The grid repeated to `rows` rows; each copy's Refs get a suffix so they stay unique."""
    copies = []
    for n in range(rows // len(grid) + 1):
        part = grid.copy()
        part[L.OBJ_REF] = [f"{ref}-{n}" if isinstance(ref, str) and ref else ref for ref in part[L.OBJ_REF]]
        copies.append(part)
    return pd.concat(copies, ignore_index=True).iloc[:rows].astype(object)


def national_frames() -> dict[str, pd.DataFrame]:
    """The input sheets as read_table returns them: object columns, indexed by worksheet row."""
    from smep_xl.demo import build_demo_frames

    raw = build_demo_frames(NATIONAL["schools"], NATIONAL["visits"] / NATIONAL["schools"])
    raw[L.OBJECTIVES] = big_objectives(raw[L.OBJECTIVES])
    out = {}
    for sheet, frame in raw.items():
        frame = frame.astype(object).reset_index(drop=True)
        frame.index = range(2, 2 + len(frame))
        out[sheet] = frame.where(frame.notna(), None)
    return out


def plain_pass(frames: dict[str, pd.DataFrame]) -> None:
    """Look at every cell once, the plain pandas way."""
    for frame in frames.values():
        for column in frame.columns:
            frame[column].isna().sum()
            frame[column].astype(str)


def read_tables(path: str) -> None:
    from smep_xl.adapters.xlsx.workbook import open_workbook

    book = open_workbook(path, read_only=True)
    try:
        for sheet in INPUT_SHEETS:
            book.read_table(sheet)
    finally:
        book.close()


def main() -> None:
    start = time.perf_counter()
    frames = national_frames()
    sizes = ", ".join(f"{len(frames[s]):,} {s}" for s in (L.OBJECTIVES, L.SCHOOLS, L.VISITS))
    print(f"frames: {sizes} (built in {time.perf_counter() - start:.1f} s)")
    findings: list = []

    def domain() -> None:
        findings[:] = validate_workbook(frames, today=TODAY)

    ours = best_of(domain)
    print(f"{len(findings):,} findings; validate_workbook {ours:.3f} s (target < 1 s)")
    print(
        ratio_line(
            "domain validate vs plain look at every cell", ours, best_of(lambda: plain_pass(frames)), "plain"
        )
    )
    if national_wanted():
        from benchmarks.common import workbook

        path = str(workbook(NATIONAL["schools"], NATIONAL["visits"]))
        print(
            ratio_line(
                "domain validate vs reading the hub's .xlsx",
                ours,
                best_of(lambda: read_tables(path), 1),
                "read",
            )
        )


if __name__ == "__main__":
    main()
