"""The workbook's lock while smep changes it: an owner file (~$NAME) in Excel's own format.

Excel writes ~$hub.xlsx beside a workbook it has open, naming its user; smep writes the same
file, in the same layout (owner_files.py), naming "USER (smep on HOST)", for as long as a
command that changes the workbook runs. So a second smep run waits for the first, office users
are shown who has it, and smep tells a workbook open in Excel (a ~$ file that is not its own)
or in LibreOffice (.~lock.NAME#) from one that another smep run is changing.

The file is made with an exclusive create, so of two runs only one gets it. A lock of smep's
whose process has gone, on this computer, is cleared and taken; one from another computer is
never cleared by smep, only reported (as left behind once STALE_MINUTES old), with what to do.
"""

from __future__ import annotations

import atexit
import contextlib
import getpass
import os
import time

from smep_xl.errors import SmepError
from smep_xl.ooxml.owner_files import (
    SIZE,
    Holder,
    host,
    libreoffice_file,
    libreoffice_owner,
    link_owner_file,
    owner_bytes,
    owner_file,
    read_holder,
    smep_mark,
)

WAIT_SECONDS = 5.0  # how long a second run waits for the first before it is refused
STALE_MINUTES = 10  # a lock from another computer older than this is reported as left behind
_HELD: dict[str, list] = {}  # owner file -> [times taken in this process, its bytes]


class WorkbookLock:
    """The exclusive right to change one workbook file: take(), check() before saving, release()."""

    def __init__(self, path: str, wait: float | None = None):
        self.path = path
        self.label = os.path.basename(path)
        self.file = owner_file(path)
        self.wait = WAIT_SECONDS if wait is None else wait
        self.data = owner_bytes(f"{_user()} (smep on {host()})", smep_mark(os.getpid()))
        self.held = False

    def take(self) -> WorkbookLock:
        problem = open_in_office(self.path)
        if problem:
            raise SmepError(problem)
        if self.file in _HELD:  # this process has it already (one command run inside another)
            _HELD[self.file][0] += 1
        else:
            self._wait_and_create()
            _HELD[self.file] = [1, self.data]
        self.held = True
        return self

    def _wait_and_create(self) -> None:
        deadline = time.monotonic() + self.wait
        while not self._create():
            holder = read_holder(self.file)
            if holder is None:
                continue
            if holder.gone():
                _clear(self.file, holder)
            elif not holder.smep or not holder.here and _minutes(holder) >= STALE_MINUTES:
                raise SmepError(refusal(self.label, self.file, holder))
            if time.monotonic() >= deadline:
                raise SmepError(refusal(self.label, self.file, holder))
            if not holder.gone():
                time.sleep(0.1)

    def _create(self) -> bool:
        try:
            fd = os.open(self.file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            return False
        except OSError as exc:
            raise SmepError(
                f"{self.label} cannot be changed: its lock file {os.path.basename(self.file)} cannot be made "
                f"beside it ({exc.strerror or exc}). Check you may write to the folder "
                f"{os.path.dirname(self.file)}; nothing was changed."
            ) from None
        try:
            os.write(fd, self.data)
        finally:
            os.close(fd)
        return True

    def check(self) -> None:
        """Before a save: the lock is still this run's (nobody deleted it and took the workbook)."""
        try:
            with open(self.file, "rb") as fh:
                ours = fh.read(SIZE + 1) == self.data
        except OSError:
            ours = False
        if not ours:
            raise SmepError(
                f"{self.label}: its lock file {os.path.basename(self.file)} was removed or replaced while "
                "this ran, so another program may be changing it; nothing was saved. Run it again."
            )

    def __enter__(self) -> WorkbookLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        entry = _HELD.get(self.file)
        if entry is None:
            return
        entry[0] -= 1
        if entry[0] <= 0:
            _HELD.pop(self.file, None)
            _remove_if(self.file, self.data)


def lock_workbook(path: str, wait: float | None = None) -> WorkbookLock:
    """Take the workbook's lock, waiting up to `wait` seconds for another smep run to finish."""
    return WorkbookLock(path, wait).take()


def open_in_office(path: str) -> str | None:
    """The line to stop with when LibreOffice has the workbook open (its .~lock file beside the
    workbook, or beside the link to it), or Excel has it open through a link (a ~$ file there)."""
    label = os.path.basename(path)
    for place in dict.fromkeys((os.path.abspath(path), os.path.realpath(path))):
        lock = libreoffice_file(place)
        if os.path.isfile(lock):
            user, where = libreoffice_owner(lock)
            who = (f" by {user}" + (f" on {where}" if where else "")) if user else ""
            return (
                f"{label} is open in LibreOffice{who} (lock file {os.path.basename(lock)} is beside it). "
                "Close it in LibreOffice, then run again; nothing was changed. If nobody has it open, "
                "delete the .~lock file."
            )
    beside_link = link_owner_file(path)
    if beside_link != owner_file(path):
        holder = read_holder(beside_link)
        if holder is not None and not holder.smep:
            return refusal(label, beside_link, holder)
    return None


def refusal(label: str, file: str, holder: Holder) -> str:
    """The one line that says who has the workbook and what to do."""
    lock = os.path.basename(file)
    at = time.strftime("%H:%M on %d/%m/%Y", time.localtime(holder.since))
    if not holder.smep:
        who = f" by {holder.user}" if holder.user else ""
        return (
            f"{label} is open in Excel{who} (lock file {lock} is beside it). Close it in Excel on every PC, "
            "then run again; nothing was changed. If nobody has it open, delete the ~$ file."
        )
    if holder.gone():
        return (
            f"{label} has a lock left by a smep run that stopped (process {holder.pid}, at {at}) that could "
            f"not be cleared. Delete {lock} beside the workbook and run again; nothing was changed."
        )
    if holder.here:
        return (
            f"{label} is being changed by another smep run on this computer (process {holder.pid}, "
            f"since {at}). Wait for it to finish, then run again; nothing was changed."
        )
    if _minutes(holder) >= STALE_MINUTES:
        return (
            f"{label} has a lock left by smep on {holder.host} at {at} ({int(_minutes(holder))} minutes "
            f"ago): that run stopped without clearing it. If smep is not running on {holder.host}, "
            f"delete {lock} beside the workbook and run again; nothing was changed."
        )
    return (
        f"{label} is being changed by smep on {holder.host} (since {at}). Wait for it to finish, "
        "then run again; nothing was changed."
    )


def _minutes(holder: Holder) -> float:
    return max(0.0, time.time() - holder.since) / 60


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment (a service account)
        return "someone"


def _clear(file: str, holder: Holder) -> None:
    """Take a stale lock away without ever deleting a live one: it is renamed aside first, and
    put back if what was renamed is not the stale lock that was read (another run took the
    name meanwhile). Should a third run take the name in that instant, the live lock's owner
    finds its lock gone at check() and saves nothing."""
    aside = os.path.join(os.path.dirname(file), f"~$smep-stale-{os.getpid()}")
    try:
        os.replace(file, aside)
    except OSError:
        return
    moved = read_holder(aside)
    if moved is not None and (moved.smep, moved.here, moved.pid) != (holder.smep, holder.here, holder.pid):
        with contextlib.suppress(OSError):
            os.link(aside, file)
    with contextlib.suppress(OSError):
        os.remove(aside)


def _remove_if(file: str, data: bytes) -> None:
    """Remove the owner file only while it is still the one this process wrote."""
    try:
        with open(file, "rb") as fh:
            if fh.read(SIZE + 1) != data:
                return
        os.remove(file)
    except OSError:
        pass


@atexit.register
def _release_all() -> None:
    """A command that ends without releasing (an exception, a test) leaves no lock behind."""
    for file, (_count, data) in list(_HELD.items()):
        _HELD.pop(file, None)
        _remove_if(file, data)
