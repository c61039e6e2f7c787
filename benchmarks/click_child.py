"""One ribbon click in a fresh process, for bench_click: `python -m benchmarks.click_child MODE VERB PATH [JSON]`.

MODE file: `smep VERB PATH`, as the command line runs it. MODE live: what RunPython runs,
`import smep_xl.excel; smep_xl.excel.VERB(book)`, on a stand-in for Excel's open book (made
from JSON, after xlwings is imported as RunPython imports it). Prints one JSON line: the
seconds spent making the stand-in (not the click's: the parent takes them off).
"""

from __future__ import annotations

import contextlib
import json
import sys
import time


def main(mode: str, verb: str, path: str, data: str = "") -> None:
    setup = 0.0
    if mode == "file":
        from smep_xl.cli import main as smep

        sys.argv = ["smep", verb, path]
        with contextlib.suppress(SystemExit):  # the command exits with its code, as staff see it
            smep()
    else:
        import xlwings  # noqa: F401 - RunPython imports it before it runs our line

        start = time.perf_counter()
        from _pytest.monkeypatch import MonkeyPatch

        from tests.excel_remote import RemoteExcel, enable

        enable(MonkeyPatch())
        with open(data, encoding="utf-8") as fh:
            book = RemoteExcel(json.load(fh)).book()
        setup = time.perf_counter() - start
        import smep_xl.excel

        getattr(smep_xl.excel, verb)(book)
    print(json.dumps({"setup": setup}))


if __name__ == "__main__":
    main(*sys.argv[1:])
