"""A workbook package as a dict of parts, written the same way every time.

The master .xlsm is committed and a test rebuilds it, so its zip must not depend on when or
where it was built: fixed timestamps and attributes, [Content_Types].xml and the package
relationships first, every other part in name order.
"""

from __future__ import annotations

import contextlib
import os
import re
import zipfile

from smep_xl.errors import SmepError

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_STAMP = "2014-09-01T00:00:00Z"  # docProps created/modified: the build carries no clock time
CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"
_FIRST = (CONTENT_TYPES, PACKAGE_RELS)


def read_parts(path: str) -> dict[str, bytes]:
    """Every part of a package by name."""
    try:
        with zipfile.ZipFile(path) as z:
            return {info.filename: z.read(info) for info in z.infolist() if not info.is_dir()}
    except (OSError, zipfile.BadZipFile, EOFError) as exc:
        raise SmepError(f"{os.path.basename(path)} is not an Excel workbook or is damaged ({exc}).") from None


def ordered(names: list[str]) -> list[str]:
    first = [n for n in _FIRST if n in names]
    return first + sorted(n for n in names if n not in _FIRST)


def write_parts(path: str, parts: dict[str, bytes]) -> None:
    """Write the package to a temporary file beside `path`, then swap it in atomically."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    temp = os.path.join(folder, f".{os.path.basename(path)}.building-{os.getpid()}")
    try:
        with open(temp, "wb") as raw:
            with zipfile.ZipFile(raw, "w") as out:
                for name in ordered(list(parts)):
                    out.writestr(_info(name), parts[name], compresslevel=6)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temp, path)
    except PermissionError:
        _remove(temp)
        raise SmepError(f"{os.path.basename(path)} could not be written: it is open in Excel or read-only. "
                        "Close it and run again.") from None
    except OSError as exc:
        _remove(temp)
        raise SmepError(f"{path} could not be written ({exc.strerror or exc}).") from None
    except BaseException:
        _remove(temp)
        raise


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0
    info.external_attr = 0
    return info


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)


def fixed_core_properties(xml: bytes) -> bytes:
    """docProps/core.xml with its created/modified times set to one fixed stamp."""
    for tag in (b"dcterms:created", b"dcterms:modified"):
        xml = re.sub(rb"(<" + tag + rb"\b[^>]*>)[^<]*(</" + tag + rb">)",
                     lambda m: m.group(1) + FIXED_STAMP.encode() + m.group(2), xml)
    return xml
