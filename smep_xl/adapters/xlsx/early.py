"""A workbook's biggest sheet parsed while smep starts up.

A command that is going to read the Visits sheet calls parse_early() before anything else:
calamine parses the sheet on a second core (it holds no Python lock while it works) while
Python imports pandas and reads the smaller sheets. The file adapter takes the result only
when the file is still the one parsed (the same size and time of change before the parse,
after it, and when the adapter opened it); otherwise, or when the early parse failed, the
sheet is read the usual way, which then says whatever is wrong.

Only the standard library at module level: the command line imports this first thing.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future

EARLY_FROM = 4_000_000  # bytes of file: a smaller workbook is read faster than a thread starts

Stamp = tuple[int, int]  # (modification time in ns, size) of the file
_parses: dict[tuple[str, str], tuple[Stamp, Future]] = {}


def stamp_of(path: str) -> Stamp | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size


def parse_early(path: str, sheet: str) -> None:
    """Start parsing the sheet in the background (a missing or small file: nothing to do)."""
    stamp = stamp_of(path)
    key = (os.path.abspath(path), sheet)
    if stamp is None or stamp[1] < EARLY_FROM or key in _parses:
        return
    future: Future = Future()

    def parse() -> None:
        try:
            from python_calamine import CalamineWorkbook

            book = CalamineWorkbook.from_path(path)
            try:
                grid = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            finally:
                book.close()
            future.set_result(grid if stamp_of(path) == stamp else None)
        except BaseException:  # noqa: BLE001 - the usual read says what is wrong
            future.set_result(None)

    _parses[key] = (stamp, future)
    threading.Thread(target=parse, name=f"smep early {sheet}", daemon=True).start()


def started_early(path: str, sheet: str) -> bool:
    return (os.path.abspath(path), sheet) in _parses


def take_early(path: str, sheet: str, opened: Stamp) -> list[list] | None:
    """The early parse of this sheet of this file as it was opened, or None."""
    found = _parses.pop((os.path.abspath(path), sheet), None)
    if found is None or found[0] != opened:
        return None
    return found[1].result()
