"""Many letters at once: render on this thread, compress and write files on a few others.

Rendering is Python (it holds the interpreter lock); compressing and writing a file release
it, and creating a file is slow on many disks, so the two overlap. At most WINDOW letters
wait to be written, so memory stays flat however many letters there are.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Protocol

from smep_xl.errors import SmepError

WRITERS, WINDOW = 2, 64


class _Template(Protocol):
    def render_parts(self, context: Mapping) -> list[bytes]: ...

    def store(self, parts: list[bytes], path: Path) -> None: ...


def write_batch(template: _Template, letters: Sequence[tuple[Mapping, Path]],
                progress: Callable[[int, int], None] | None = None) -> list[str | None]:
    """Write every letter; returns, in order, None for each written and the reason for each not."""
    outcome: list[str | None] = [None] * len(letters)
    waiting: deque[tuple[int, Future]] = deque()
    done = 0

    def settle(limit: int) -> None:
        nonlocal done
        while len(waiting) > limit:
            index, future = waiting.popleft()
            try:
                future.result()
            except OSError as exc:
                outcome[index] = f"{Path(letters[index][1]).name} could not be written ({exc.strerror or exc})"
            done += 1
            if progress and (done % 25 == 0 or done == len(letters)):
                progress(done, len(letters))

    with ThreadPoolExecutor(max_workers=WRITERS, thread_name_prefix="letter-writer") as pool:
        for index, (context, path) in enumerate(letters):
            try:
                parts = template.render_parts(context)
            except SmepError as exc:
                outcome[index] = exc.message
                done += 1
                continue
            waiting.append((index, pool.submit(template.store, parts, path)))
            settle(WINDOW)
        settle(0)
    return outcome
