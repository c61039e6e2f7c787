"""The lock files office programs leave beside a document they have open, read and written.

Excel's owner file, ~$NAME, is 165 bytes: the user name's length, the name in the Windows
ANSI code page padded with spaces to byte 55, the length again as a 2-byte number, the name
in UTF-16, then spaces (LibreOffice reads and writes the same layout). smep writes one in that
layout while it changes a workbook, and marks it as its own in the trailing spaces: a digest
of the host name and the process id, "smep:1a2b3c4d:4242:". LibreOffice's own lock file,
.~lock.NAME#, is one line of text: user name, system user, host, time, URL.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
from dataclasses import dataclass

from smep_xl.ooxml.atomic import pid_alive, real_path

SIZE = 165
NAME_MAX = 40  # Excel allows 52 characters; the bytes after the 40th carry smep's mark
MARK_AT = 57 + 2 * NAME_MAX
_MARK = re.compile(rb"smep:([0-9a-f]{8}):(\d+):")


def owner_file(path: str) -> str:
    """~$NAME beside the workbook (beside the file itself when path is a link); a name too long
    for the disk with ~$ before it is cut short, with a digest to keep it its own."""
    folder, base = os.path.split(real_path(path))
    return os.path.join(folder, _owner_name_for(base))


def link_owner_file(path: str) -> str:
    """~$NAME beside the path as given (differs from owner_file when the path is a link)."""
    folder, base = os.path.split(os.path.abspath(path))
    return os.path.join(folder, _owner_name_for(base))


def _owner_name_for(base: str) -> str:
    raw = base.encode("utf-8", "surrogatepass")
    if len(raw) + 2 <= 255:
        return "~$" + base
    head = raw[:230].decode("utf-8", "ignore")
    return f"~${head}~{hashlib.sha1(raw).hexdigest()[:8]}"


def libreoffice_file(path: str) -> str:
    """.~lock.NAME# beside the workbook: LibreOffice's sign that it has the file open."""
    folder, base = os.path.split(os.path.abspath(path))
    return os.path.join(folder, f".~lock.{base}#")


def owner_bytes(user: str, mark: bytes = b"") -> bytes:
    """An owner file as Excel writes one, naming user (and smep's mark in the trailing spaces)."""
    name = "".join(ch if ord(ch) < 0x10000 else "?" for ch in user)[:NAME_MAX] or "smep"
    head = bytes([len(name)]) + name.encode("cp1252", "replace").ljust(54, b" ") + bytes([len(name), 0])
    data = bytearray((head + name.encode("utf-16-le") + b" \0" * SIZE)[:SIZE])
    data[MARK_AT : MARK_AT + len(mark)] = mark
    return bytes(data)


def owner_name(data: bytes) -> str:
    """The user an owner file names ("" when it is not in the format)."""
    n = data[0] if data else 0
    if not 0 < n <= 52 or len(data) < 57 + 2 * n:
        return ""
    if data[55] == n:
        return data[57 : 57 + 2 * n].decode("utf-16-le", "replace")
    return data[1 : 1 + n].decode("cp1252", "replace")


def libreoffice_owner(lock: str) -> tuple[str, str]:
    """Who a LibreOffice lock file names: (user, host), blank when unreadable."""
    try:
        with open(lock, encoding="utf-8", errors="replace") as fh:
            fields = fh.read(4096).split(";")[0].split(",")
    except OSError:
        return "", ""
    fields += [""] * 5
    return (fields[0] or fields[1]).strip(), fields[2].strip()


def host() -> str:
    return socket.gethostname() or "this computer"


def host_digest(name: str) -> str:
    return hashlib.sha1(name.lower().encode("utf-8")).hexdigest()[:8]


def smep_mark(pid: int) -> bytes:
    return f"smep:{host_digest(host())}:{pid}:".encode()


@dataclass(frozen=True)
class Holder:
    """Who holds a workbook's owner file, as read from it."""

    user: str
    smep: bool  # smep's own mark is in it
    here: bool  # made on this computer
    pid: int
    since: float  # when it was made (the file's time)

    @property
    def host(self) -> str:
        found = re.search(r"smep on (.+?)\)?$", self.user)
        return found.group(1) if found else "another computer"

    def gone(self) -> bool:
        """A lock of smep's on this computer whose process has ended (or whose process id is now
        another program's, started after the lock was made)."""
        if not (self.smep and self.here):
            return False
        return not pid_alive(self.pid) or _started_after(self.pid, self.since)


def read_holder(path: str) -> Holder | None:
    """The holder of an owner file (None when there is none)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(4096)
        since = os.stat(path).st_mtime
    except FileNotFoundError:
        return None
    except OSError:
        data, since = b"", 0.0
    mark = _MARK.search(data[MARK_AT:]) if len(data) == SIZE else None
    if mark is None:
        return Holder(owner_name(data), False, False, 0, since)
    here = mark.group(1).decode() == host_digest(host())
    return Holder(owner_name(data), True, here, int(mark.group(2)), since)


def _started_after(pid: int, since: float) -> bool:
    """Whether process pid started after `since` (known on Linux only; elsewhere, never)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            ticks = int(fh.read().rsplit(")", 1)[1].split()[19])  # field 22, starttime
        with open("/proc/stat", encoding="ascii") as fh:
            boot = next(float(line.split()[1]) for line in fh if line.startswith("btime"))
        return boot + ticks / os.sysconf("SC_CLK_TCK") > since + 1
    except (OSError, ValueError, IndexError, StopIteration):
        return False
