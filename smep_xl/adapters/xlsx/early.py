"""A workbook's biggest sheet parsed while smep starts up.

A command that is going to read the Visits sheet calls parse_early() before anything else:
calamine parses the sheet on a second core (it holds no Python lock while it works) while
Python imports pandas and reads the smaller sheets. The file adapter takes the result only
when the file is still the one parsed (the same size and time of change before the parse,
when the adapter opened it and when it takes the result); otherwise, or when the early parse
failed, the sheet is read the usual way, which then says whatever is wrong.

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


def parse_in_background(path: str, sheet: str) -> Future:
    """calamine parses one sheet of the file on a thread of its own, with a workbook object of its
    own (calamine's cannot be shared between threads); what goes wrong is kept for the reader."""
    future: Future = Future()

    def parse() -> None:
        try:
            from python_calamine import CalamineWorkbook

            book = CalamineWorkbook.from_path(path)
            try:
                future.set_result(book.get_sheet_by_name(sheet).to_python(skip_empty_area=False))
            finally:
                book.close()
        except BaseException as exc:  # noqa: BLE001 - handed to the reader, which says what it means
            future.set_exception(exc)

    threading.Thread(target=parse, name=f"smep read {sheet}", daemon=True).start()
    return future


def parse_early(path: str, sheet: str) -> None:
    """Start parsing the sheet in the background (a missing or small file: nothing to do)."""
    stamp = stamp_of(path)
    key = (os.path.abspath(path), sheet)
    if stamp is None or stamp[1] < EARLY_FROM or key in _parses:
        return
    _parses[key] = (stamp, parse_in_background(path, sheet))


def started_early(path: str, sheet: str) -> bool:
    return (os.path.abspath(path), sheet) in _parses


def take_early(path: str, sheet: str, opened: Stamp) -> list[list] | None:
    """The early parse of this sheet of this file as it was opened (and is still), or None."""
    found = _parses.pop((os.path.abspath(path), sheet), None)
    if found is None or found[0] != opened:
        return None
    try:
        grid = found[1].result()
    except Exception:  # noqa: BLE001 - the usual read says what is wrong
        return None
    return grid if stamp_of(path) == opened else None
