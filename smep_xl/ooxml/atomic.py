"""Replace a file atomically: write a temporary file beside it, then rename it into place.

A failure at any point (a full disk, the file open in Excel, a killed process) leaves the
old file exactly as it was; the next run clears a temporary file a killed process left.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import BinaryIO

from smep_xl.errors import SmepError

TEMP_MARK = ".smep-saving-"


def temp_path(path: str) -> str:
    folder, base = os.path.split(os.path.abspath(path))
    return os.path.join(folder, f".{base}{TEMP_MARK}{os.getpid()}")


def replace_file(path: str, write: Callable[[BinaryIO], None]) -> None:
    """Call write(stream) for the new content of path, then swap it in with one rename."""
    temp = temp_path(path)
    base = os.path.basename(path)
    try:
        with open(temp, "wb") as raw:
            write(raw)
            raw.flush()
            os.fsync(raw.fileno())
        os.chmod(temp, _file_mode(path))
        os.replace(temp, path)
    except PermissionError:
        _remove(temp)
        raise SmepError(
            f"{base} could not be saved: it is open in Excel or read-only. Close it in Excel "
            "(on every PC) and run again; nothing was changed."
        ) from None
    except OSError as exc:
        _remove(temp)
        raise SmepError(f"{base} could not be saved ({exc.strerror or exc}); nothing was changed.") from None
    except BaseException:
        _remove(temp)
        raise


def write_file(path: str, write: Callable[[BinaryIO], None], *, sync: bool = True) -> None:
    """replace_file for callers that name the failure in their own words: any OSError (a missing
    folder, a file open in Word) comes back to them, with no temporary file left behind.

    sync=False skips the flush to disk: for a letter, which is cheap to write again, thousands
    of flushes would cost more than the letters themselves; the rename still means a reader
    never sees half a file."""
    temp = temp_path(path)
    try:
        with open(temp, "wb") as raw:
            write(raw)
            if sync:
                raw.flush()
                os.fsync(raw.fileno())
        os.replace(temp, path)
    except BaseException:
        _remove(temp)
        raise


def remove_stale_temps(path: str) -> None:
    """A save killed part-way leaves its temp file; the next run clears it away."""
    folder, base = os.path.split(os.path.abspath(path))
    prefix = f".{base}{TEMP_MARK}"
    try:
        entries = os.listdir(folder)
    except OSError:
        return
    for entry in entries:
        if entry.startswith(prefix):
            pid = entry[len(prefix) :]
            if not (pid.isdigit() and _pid_alive(int(pid))):
                _remove(os.path.join(folder, entry))


def _file_mode(path: str) -> int:
    """The mode the file had, or a new file's usual mode."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)
