"""Python's cycle collector paused for the length of one action.

An action holds millions of small objects at once (a national workbook's cells, read as Python
values, then as frames). Each full pass of the cycle collector walks all of them, and it runs
again and again while they are being made: about a tenth of a national refresh. What an action
makes is freed by reference counting when it ends; the collector runs once then, for any cycles.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(collect_after: bool = True) -> Iterator[None]:
    """collect_after=False for a process that ends with the action (the command line): its
    memory goes back to the system whole, and a last pass would only walk what is left."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            if collect_after:
                gc.collect()
