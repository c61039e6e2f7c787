"""Checks before a workbook file is opened: each broken environment gets one clear line."""

from __future__ import annotations

import os
import zipfile

from smep_xl.errors import SmepError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_openable(path: str, for_writing: bool) -> None:
    name = os.path.basename(path)
    if not os.path.exists(path):
        raise SmepError(
            f"{path}: no such file. Check the name and folder (or make one with: smep new {name})."
        )
    if os.path.isdir(path):
        raise SmepError(f"{path} is a folder, not a workbook. Give the path of the .xlsx or .xlsm file.")
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except PermissionError:
        raise SmepError(
            f"{name} cannot be read (permission denied). Check you have access to the file."
        ) from None
    except OSError as exc:
        raise SmepError(f"{name} cannot be read ({exc.strerror}).") from None
    if not head:
        raise SmepError(
            f"{name} is empty (0 bytes), not a workbook. Restore it from a backup or run smep new."
        )
    if head == _OLE_MAGIC:
        raise SmepError(_ole_message(path, name))
    if not zipfile.is_zipfile(path):
        raise SmepError(
            f"{name} is not an Excel workbook (.xlsx/.xlsm) or is damaged. Open it in Excel and save "
            "it as an Excel Workbook, or restore it from a backup."
        )
    if for_writing:
        check_replaceable(path, name)


def check_replaceable(path: str, name: str) -> None:
    """A save writes a new file and renames it over the old one: the file must be writable, and
    have one name only (a second, hard-linked name would keep the old content)."""
    if not os.access(path, os.W_OK):
        raise SmepError(f"{name} is read-only. Make it writable (or save a copy) and run again.")
    if os.stat(path).st_nlink > 1:
        raise SmepError(
            f"{name} has {os.stat(path).st_nlink} names on this disk (hard links). smep saves by writing "
            "a new file and putting it in place, which would leave the other names with the old "
            "workbook. Keep one name (copy the file, delete the others; a shortcut or symbolic link is "
            "fine) and run again; nothing was changed."
        )


def _ole_message(path: str, name: str) -> str:
    with open(path, "rb") as fh:
        data = fh.read(1 << 20)
    if "EncryptionInfo".encode("utf-16-le") in data or b"EncryptedPackage" in data:
        return (
            f"{name} is protected with a password. Open it in Excel, remove the password (File > Info > "
            "Protect Workbook), save, and run again."
        )
    return (
        f"{name} is an old Excel 97-2003 (.xls) file. Open it in Excel and save it as an Excel Workbook "
        "(.xlsx) or Macro-Enabled Workbook (.xlsm), then run again."
    )
