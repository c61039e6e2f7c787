"""Replace a file atomically: write a temporary file beside it, then rename it into place.

A failure at any point (a full disk, the file open in Excel, a killed process) leaves the
old file exactly as it was; the next run clears a temporary file a killed process left.

The temporary file's name is short and fixed in length (a digest of the file's name and the
process id), so a file whose own name is as long as the disk allows (255 bytes) still saves.
A path that is a symbolic link is written through: the file it points to is replaced and the
link stays a link.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import sys
from collections.abc import Callable
from typing import BinaryIO

from smep_xl.errors import SmepError

TEMP_MARK = ".smep-saving-"
_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def disk_full(exc: OSError) -> bool:
    """Whether a write failed because the disk (or the person's quota on it) is full."""
    return exc.errno in _DISK_FULL


def real_path(path: str) -> str:
    """The file a path names, through any symbolic links (the file a save must replace)."""
    return os.path.realpath(path)


def _digest(base: str) -> str:
    return hashlib.sha1(base.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def temp_path(path: str) -> str:
    folder, base = os.path.split(real_path(path))
    return os.path.join(folder, f"{TEMP_MARK}{_digest(base)}-{os.getpid()}")


def replace_file(path: str, write: Callable[[BinaryIO], object]) -> None:
    """Call write(stream) for the new content of path, then swap it in with one rename."""
    target = real_path(path)
    temp = temp_path(target)
    base = os.path.basename(path)
    try:
        with open(temp, "wb") as raw:
            write(raw)
            raw.flush()
            os.fsync(raw.fileno())
        os.chmod(temp, _file_mode(target))
        os.replace(temp, target)
    except PermissionError:
        _remove(temp)
        raise SmepError(
            f"{base} could not be saved: it is open in Excel or read-only. Close it in Excel "
            "(on every PC) and run again; nothing was changed."
        ) from None
    except OSError as exc:
        _remove(temp)
        if disk_full(exc):
            raise SmepError(
                f"{base} could not be saved: the disk it is on is full. Free some space there and run "
                "again; nothing was changed."
            ) from None
        raise SmepError(f"{base} could not be saved ({exc.strerror or exc}); nothing was changed.") from None
    except BaseException:
        _remove(temp)
        raise


def write_file(
    path: str, write: Callable[[BinaryIO], object], *, sync: bool = True, replace: bool = True
) -> None:
    """replace_file for callers that name the failure in their own words: any OSError (a missing
    folder, a file open in Word, a full disk) comes back to them, with no temporary file left.

    sync=False skips the flush to disk: for a letter, which is cheap to write again, thousands
    of flushes would cost more than the letters themselves; the rename still means a reader
    never sees half a file. replace=False never writes over a file that is there: the file
    appears whole under its name or FileExistsError is raised."""
    target = real_path(path)
    temp = temp_path(target)
    try:
        with open(temp, "wb") as raw:
            write(raw)
            if sync:
                raw.flush()
                os.fsync(raw.fileno())
        if replace:
            os.replace(temp, target)
        else:
            place_new(temp, target)
    except BaseException:
        _remove(temp)
        raise


def write_staged(path: str, data: bytes) -> None:
    """A file written straight to its name inside a run's staging folder: a folder of its own
    that only a journal naming the files written whole ever lets out, so no temporary file and
    rename are needed (they cost a third of the time of writing a letter or a draft). Not
    flushed one by one either: the staging folder is flushed once, before a log names its
    files. A file that fails part-way is removed."""
    with open(path, "wb") as out:
        try:
            out.write(data)
        except BaseException:
            out.close()
            with contextlib.suppress(OSError):
                os.remove(path)
            raise


def place_new(source: str, target: str) -> None:
    """Move source to target unless target exists (FileExistsError): a hard link then an unlink,
    which cannot write over a file made a moment before; a rename where links are not allowed."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links (FAT, some network shares)
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), target) from None
        os.replace(source, target)
        return
    os.remove(source)


def remove_stale_temps(path: str) -> None:
    """A save killed part-way leaves its temp file; the next run clears it away (and the
    longer names older versions gave their temp files)."""
    folder, base = os.path.split(real_path(path))
    prefixes = (f"{TEMP_MARK}{_digest(base)}-", f".{base}{TEMP_MARK}")
    try:
        entries = os.listdir(folder)
    except OSError:
        return
    for entry in entries:
        for prefix in prefixes:
            if entry.startswith(prefix):
                pid = entry[len(prefix) :]
                if not (pid.isdigit() and pid_alive(int(pid))):
                    _remove(os.path.join(folder, entry))


def _file_mode(path: str) -> int:
    """The mode the file had, or a new file's usual mode."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def pid_alive(pid: int) -> bool:
    """Whether another process with this id is running on this computer."""
    if pid == os.getpid() or pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process is there
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


if sys.platform == "win32":  # ctypes.WinDLL exists only there (the type checker follows this test)

    def _windows_pid_alive(pid: int) -> bool:
        """os.kill on Windows ends the process, so ask the system about it instead."""
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # access denied: it is there, someone else's
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)
