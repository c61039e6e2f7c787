"""Many letters at once, using the computer's cores.

A long run (a national list, thousands of letters) is shared out in chunks between worker
processes, each holding the template compiled once. A short run stays in this process:
rendering here, compressing and writing files on a couple of threads (both let go of the
interpreter lock, and creating a file is slow on many disks). Either way at most a window
of letters waits in memory, and every letter's outcome comes back in order.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Protocol

from smep_xl.errors import SmepError
from smep_xl.ooxml.atomic import disk_full

WRITERS, WINDOW = 2, 64  # threads writing files; letters rendered but not yet written
PROCESS_FROM, CHUNK, MAX_PROCESSES = 1_000, 250, 8  # below PROCESS_FROM, starting processes costs more
MIN_CHUNK = 25
START_METHOD: str | None = None  # the platform's own: fork on Linux, spawn on Windows and macOS
Progress = Callable[[int, int], None]
Letters = Sequence[tuple[Mapping, Path]]
Compile = Callable[[str], "_Template"]


class _Template(Protocol):
    path: Path

    def render_parts(self, context: Mapping) -> list[bytes]: ...

    def store(self, parts: list[bytes], path: Path) -> None: ...


def write_batch(
    template: _Template, letters: Letters, compile_template: Compile, progress: Progress | None = None
) -> list[str | None]:
    """Write every letter; returns, in order, None for each written and the reason for each not.

    compile_template(path) makes the template again in a worker process that starts without it."""
    workers = min(os.cpu_count() or 1, MAX_PROCESSES, len(letters) // (PROCESS_FROM // 2))
    if workers > 1 and len(letters) >= PROCESS_FROM:
        try:
            return _in_processes(template, letters, progress, workers, compile_template)
        except (BrokenProcessPool, OSError):
            pass  # no worker processes here (a locked-down PC): do it all in this one
    return _in_threads(template, letters, progress)


def _in_threads(template: _Template, letters: Letters, progress: Progress | None) -> list[str | None]:
    outcome: list[str | None] = [None] * len(letters)
    waiting: deque[tuple[int, Future]] = deque()
    tally = _Tally(len(letters), progress)

    def settle(limit: int) -> None:
        while len(waiting) > limit:
            index, future = waiting.popleft()
            try:
                future.result()
            except OSError as exc:
                outcome[index] = _not_written(letters[index][1], exc)
            tally.add(1)

    with ThreadPoolExecutor(max_workers=WRITERS, thread_name_prefix="letter-writer") as pool:
        for index, (context, path) in enumerate(letters):
            try:
                parts = template.render_parts(context)
            except SmepError as exc:
                outcome[index] = exc.message
                tally.add(1)
                continue
            waiting.append((index, pool.submit(template.store, parts, path)))
            settle(WINDOW)
        settle(0)
    return outcome


def _in_processes(
    template: _Template, letters: Letters, progress: Progress | None, workers: int, compile_template: Compile
) -> list[str | None]:
    """Chunks small enough that both workers finish together; a forked worker already holds
    every letter's data, so it is sent only the chunk's bounds (pickling 1,000 letters' data
    costs a tenth of a second), and the parent's objects are frozen for the collector so the
    workers do not copy the parent's memory page by page as they run."""
    outcome: list[str | None] = []
    tally = _Tally(len(letters), progress)
    context = multiprocessing.get_context(START_METHOD)
    forked = context.get_start_method() == "fork"
    size = min(CHUNK, max(MIN_CHUNK, -(-len(letters) // (workers * 8))))
    bounds = [(i, min(i + size, len(letters))) for i in range(0, len(letters), size)]
    chunks = [(a, b, None if forked else list(letters[a:b])) for a, b in bounds]
    _LOADED["letters"] = letters if forked else None
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_load,
            initargs=(str(template.path), compile_template),
        ) as pool:
            for result in pool.map(_write_chunk, chunks):
                outcome += result
                tally.add(len(result))
    finally:
        gc.unfreeze()
        _LOADED.pop("letters", None)
    return outcome


class _Tally:
    def __init__(self, total: int, progress: Progress | None):
        self.total, self.done, self.progress = total, 0, progress

    def add(self, n: int) -> None:
        before, self.done = self.done, self.done + n
        if self.progress and (self.done // 25 > before // 25 or self.done == self.total):
            self.progress(self.done, self.total)


def _not_written(path: Path, exc: OSError) -> str:
    if disk_full(exc):
        return f"{Path(path).name} could not be written: the disk is full"
    return f"{Path(path).name} could not be written ({exc.strerror or exc})"


# ---- in a worker process
_LOADED: dict[str, object] = {}


def _load(path: str, compile_template: Compile) -> None:
    """Compile the template once per worker (a forked worker already has it)."""
    if path not in _LOADED:
        _LOADED[path] = compile_template(path)
    _LOADED["current"] = _LOADED[path]


def _write_chunk(chunk: tuple[int, int, list[tuple[Mapping, Path]] | None]) -> list[str | None]:
    start, end, sent = chunk
    letters = sent if sent is not None else _LOADED["letters"][start:end]
    template = _LOADED["current"]
    outcome: list[str | None] = []
    for context, path in letters:
        try:
            template.write(context, path)
            outcome.append(None)
        except SmepError as exc:
            outcome.append(exc.message)
        except OSError as exc:
            outcome.append(_not_written(path, exc))
    return outcome


def preload(template: _Template) -> None:
    """Let forked workers start with this compiled template instead of compiling their own."""
    _LOADED[str(template.path)] = template
