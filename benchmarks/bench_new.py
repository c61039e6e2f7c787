"""Build a new master workbook (`smep new --demo`) at hub size and national size (22,000 schools,
100,000 visits): demo frames, then the workbook write, against openpyxl writing the same
rows with plain appends (write-only mode, no tables, validation or styles)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.common import NATIONAL, national_wanted, ratio_line


def plain_openpyxl(path: Path, frames: dict) -> float:
    """The baseline: every input table appended row by row, nothing else."""
    from openpyxl import Workbook

    start = time.perf_counter()
    wb = Workbook(write_only=True)
    for sheet, frame in frames.items():
        ws = wb.create_sheet(sheet)
        ws.append(list(frame.columns))
        for row in frame.itertuples(index=False):
            ws.append([None if v != v else v for v in row])
    wb.save(path)
    return time.perf_counter() - start


def run(label: str, schools: int | None, visits: int | None) -> None:
    import smep_xl.adapters.new_workbook.frame  # noqa: F401 - openpyxl, loaded before the clock starts
    from smep_xl.adapters.new_workbook.write import write_new_workbook
    from smep_xl.demo import build_demo_frames

    kwargs = {} if schools is None else {"schools": schools, "visits_per_school": visits / schools}
    start = time.perf_counter()
    frames = build_demo_frames(**kwargs)
    built = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        ours_path, plain_path = Path(folder, "ours.xlsx"), Path(folder, "plain.xlsx")
        start = time.perf_counter()
        write_new_workbook(str(ours_path), frames)
        ours = time.perf_counter() - start
        baseline = plain_openpyxl(plain_path, frames)
        size = ours_path.stat().st_size / 1e6
    print(f"{label}: demo frames {built:.2f} s; workbook {size:.1f} MB")
    print(ratio_line(f"{label}: write the workbook", ours, baseline, "openpyxl plain"))
    print(ratio_line(f"{label}: frames + write (smep new --demo)", built + ours, baseline, "openpyxl plain"))


def main() -> None:
    run("hub (400 schools)", None, None)
    if national_wanted():
        run("national", NATIONAL["schools"], NATIONAL["visits"])


if __name__ == "__main__":
    main()
