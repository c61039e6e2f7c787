""".eml drafts, many at once, using the computer's cores.

Each draft is its letter read from disk, the message composed (mime.compose) and the file
written. A long run (a hub's whole year of letters) is shared out in chunks between worker
processes while this process goes on making the next e-mails from the templates; a short run
stays in this process, where starting processes would cost more than it saves. Either way
every draft's outcome comes back in order: None, or the OSError of a letter that could not be
read (that e-mail is left out; the others go on). A draft that cannot be written is the
folder's problem: the OSError is raised and the run stops.

Drafts are written into the run's own staging folder (adapters/files/outbox), where no other
file can have their names, so a draft written twice (the work done again in this process when
worker processes fail) simply replaces itself.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain
from pathlib import Path

from smep_xl.adapters.mail import mime
from smep_xl.domain.email.outgoing import Envelope
from smep_xl.ooxml.atomic import write_staged

PROCESS_FROM, CHUNK, MAX_PROCESSES = 400, 50, 4  # below PROCESS_FROM, one process is quicker
GC_EVERY = 50_000  # new objects between the cycle collector's runs while drafts are made
START_METHOD: str | None = None  # the platform's own: fork on Linux, spawn on Windows and macOS
Draft = tuple[Envelope, Path]
Progress = Callable[[int, int], None]
_Failure = tuple[str, int | None, str | None, str | None]  # ("read" or "write", errno, strerror, file)


def write_drafts(
    drafts: Iterable[Draft], total: int, progress: Progress | None = None
) -> list[OSError | None]:
    """Compose and write each draft; total: how many drafts will come (it chooses the way)."""
    workers = min(os.cpu_count() or 1, MAX_PROCESSES)
    try:
        with fewer_collections():
            if workers < 2 or total < PROCESS_FROM:
                return _here(drafts, total, progress)
            drafts, taken = iter(drafts), list[Draft]()
            try:
                return _in_processes(_noted(drafts, taken), total, progress, workers)
            except (BrokenProcessPool, OSError):  # no worker processes here (a locked-down PC)
                return _here(chain(list(taken), drafts), total, progress)
    except _NotWritten as stop:
        raise stop.error from None


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """The cycle collector less often while messages are made: it runs after every 700 new
    objects by default, and a message makes thousands, short-lived and freed without it (a
    sixth of a message's time)."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], GC_EVERY), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _noted(drafts: Iterable[Draft], taken: list[Draft]) -> Iterable[Draft]:
    for draft in drafts:
        taken.append(draft)
        yield draft


class _NotWritten(Exception):
    """A draft could not be written (not an OSError, so that it is not taken for the pool's)."""

    def __init__(self, error: OSError):
        super().__init__(str(error))
        self.error = error


def _here(drafts: Iterable[Draft], total: int, progress: Progress | None) -> list[OSError | None]:
    outcome: list[OSError | None] = []
    for envelope, path in drafts:
        outcome.append(_error(_one(envelope, path)))
        _tell(progress, len(outcome), total, 1)
    return outcome


def _in_processes(drafts: Iterable[Draft], total: int, progress: Progress | None, workers: int):
    """Chunks go to the workers as they are made; their outcomes come back in order. The
    collector leaves the objects made so far alone, so forked workers share their memory."""
    outcome: list[OSError | None] = []
    waiting: deque[Future] = deque()
    context = multiprocessing.get_context(START_METHOD)
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker) as pool:
            for chunk in _chunks(drafts):
                waiting.append(pool.submit(_write_chunk, chunk))
                while waiting and (waiting[0].done() or len(waiting) > 4 * workers):
                    _settle(waiting.popleft(), outcome, total, progress)
            while waiting:
                _settle(waiting.popleft(), outcome, total, progress)
    finally:
        gc.unfreeze()
    return outcome


def _settle(future: Future, outcome: list[OSError | None], total: int, progress: Progress | None) -> None:
    results = future.result()
    outcome += [_error(r) for r in results]
    _tell(progress, len(outcome), total, len(results))


def _chunks(drafts: Iterable[Draft]) -> Iterable[list[Draft]]:
    chunk: list[Draft] = []
    for draft in drafts:
        chunk.append(draft)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _tell(progress: Progress | None, done: int, total: int, step: int) -> None:
    if progress and (done // 25 > (done - step) // 25 or done == total):
        progress(done, total)


def _error(result: _Failure | None) -> OSError | None:
    """None for a draft written; the OSError of a letter that could not be read; a write's is raised."""
    if result is None:
        return None
    kind, errno, strerror, filename = result
    error = OSError(errno, strerror, filename) if errno is not None else OSError(strerror)
    if kind == "write":
        raise _NotWritten(error)
    return error


# ---- in a worker process (or this one)
def _start_worker() -> None:
    gc.set_threshold(GC_EVERY)  # as fewer_collections(), for the worker's life
    _end_with_parent()


def _end_with_parent() -> None:
    """A worker ends when this run does, even when it is killed (a worker would otherwise wait
    for work for ever): a watch on the parent's end, as multiprocessing gives every child."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_after, args=(parent,), daemon=True).start()


def _exit_after(parent) -> None:
    parent.join()
    os._exit(1)


def _write_chunk(chunk: list[Draft]) -> list[_Failure | None]:
    results: list[_Failure | None] = []
    for envelope, path in chunk:
        results.append(_one(envelope, path))
        if results[-1] is not None and results[-1][0] == "write":
            break  # the folder cannot take it: the run stops
    return results


def _one(envelope: Envelope, path: Path) -> _Failure | None:
    try:
        message = mime.compose(envelope, envelope.attachment.read_bytes())
    except OSError as exc:
        return ("read", exc.errno, exc.strerror or str(exc), exc.filename)
    try:
        write_staged(str(path), message)  # in the run's staging folder
    except OSError as exc:
        return ("write", exc.errno, exc.strerror or str(exc), exc.filename or str(path))
    return None
