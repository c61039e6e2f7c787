"""A workbook package as a dict of parts, written the same way every time.

The master .xlsm is committed and a test rebuilds it, so its zip must not depend on when or
where it was built: fixed timestamps and attributes, [Content_Types].xml and the package
relationships first, every other part in name order.
"""

from __future__ import annotations

import os
import re
import zipfile

from smep_xl.errors import SmepError
from smep_xl.ooxml.atomic import replace_file

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
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)

    def write(raw) -> None:
        with zipfile.ZipFile(raw, "w") as out:
            for name in ordered(list(parts)):
                out.writestr(_info(name), parts[name], compresslevel=6)

    replace_file(path, write)


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0
    info.external_attr = 0
    return info


def fixed_core_properties(xml: bytes) -> bytes:
    """docProps/core.xml with its created/modified times set to one fixed stamp."""
    for tag in (b"dcterms:created", b"dcterms:modified"):
        xml = re.sub(
            rb"(<" + tag + rb"\b[^>]*>)[^<]*(</" + tag + rb">)",
            lambda m: m.group(1) + FIXED_STAMP.encode() + m.group(2),
            xml,
        )
    return xml
