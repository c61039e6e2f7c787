"""A small zip writer for .docx files whose parts are mostly the same every time.

A letter's static parts (styles, numbering, theme, fonts) are compressed once per run and
their compressed bytes reused for every letter; only the rendered parts are compressed per
letter. zipfile cannot take pre-compressed data, hence this writer (plain zip, no zip64:
a letter is far below 4 GB and 65,535 parts).
"""

from __future__ import annotations

import os
import struct
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

_STORED, _DEFLATED = 0, 8
_UTF8_FLAG = 0x800


@dataclass(frozen=True)
class ZipEntry:
    """One part, ready to be written: its name and compressed bytes."""

    name: bytes
    crc: int
    size: int
    data: bytes
    method: int


def entry(name: str, data: bytes, level: int = 6) -> ZipEntry:
    """Compress one part (level 0 stores it as it is)."""
    if level <= 0:
        return ZipEntry(name.encode("utf-8"), zlib.crc32(data), len(data), data, _STORED)
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    packed = packer.compress(data) + packer.flush()
    return ZipEntry(name.encode("utf-8"), zlib.crc32(data), len(data), packed, _DEFLATED)


def _dos_time(moment: float) -> tuple[int, int]:
    t = time.localtime(moment)
    year = max(t.tm_year, 1980)
    return (t.tm_hour << 11) | (t.tm_min << 5) | (t.tm_sec // 2), ((year - 1980) << 9) | (
        t.tm_mon << 5
    ) | t.tm_mday


_STAMP = _dos_time(time.time())


def zip_bytes(entries: list[ZipEntry]) -> bytes:
    """The whole zip file as bytes: local headers and data, then the central directory."""
    dos_time, dos_date = _STAMP
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for e in entries:
        flags = 0 if e.name.isascii() else _UTF8_FLAG
        head = struct.pack(
            "<4s5H3L2H",
            b"PK\x03\x04",
            20,
            flags,
            e.method,
            dos_time,
            dos_date,
            e.crc,
            len(e.data),
            e.size,
            len(e.name),
            0,
        )
        chunks += (head, e.name, e.data)
        central.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                flags,
                e.method,
                dos_time,
                dos_date,
                e.crc,
                len(e.data),
                e.size,
                len(e.name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + e.name
        )
        offset += len(head) + len(e.name) + len(e.data)
    directory = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), offset, 0)
    return b"".join(chunks) + directory + end


def write_zip(path: Path, entries: list[ZipEntry]) -> None:
    """Write the zip beside its final name, then move it into place: no half-written file."""
    partial = path.with_name(path.name + ".part")
    try:
        with open(partial, "wb") as out:
            out.write(zip_bytes(entries))
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
