"""The one zip writer (and raw reader) behind every .xlsx, .xlsm and .docx the project writes.

An Office file is a zip of XML parts. Two things matter here that the standard library's
zipfile cannot do through its public interface: copying a part's compressed bytes from one
file to another untouched (so a VBA project, an image or anything we do not understand goes
across exactly as it was, without an inflate/deflate round trip), and writing a part that was
compressed once in advance (a letter's styles, the same for every letter). So the format
(PKWARE's APPNOTE: local headers, data, central directory, zip64 records when offsets pass
4 GiB) is written here, in one place, and read back with zipfile in the tests.
"""

from __future__ import annotations

import os
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import BinaryIO

STORED, DEFLATED = 0, 8
DateTime = tuple[int, int, int, int, int, int]  # year, month, day, hour, minute, second
FIXED_TIME: DateTime = (
    1980,
    1,
    1,
    0,
    0,
    0,
)  # the zip epoch: a rebuild of the same parts gives the same bytes
_UTF8 = 0x800
_LIMIT = 0xFFFFFFFF
_LOCAL = struct.Struct("<4sHHHHHLLLHH")
_CENTRAL = struct.Struct("<4sHHHHHHLLLHHHHHLL")
_END = struct.Struct("<4sHHHHLLH")
_END64 = struct.Struct("<4sQHHLLQQQQ")
_LOCATOR64 = struct.Struct("<4sLQL")


class ZipFormatError(ValueError):
    """A zip that cannot be read as one (the caller says so in its own words)."""


@dataclass(frozen=True)
class Part:
    """One part, compressed and ready to write: its name, checksum, sizes and bytes."""

    name: str
    crc: int
    size: int  # uncompressed
    data: bytes  # compressed (or stored) bytes
    method: int = DEFLATED
    date_time: DateTime = FIXED_TIME
    external_attr: int = 0


def compress(name: str, data: bytes, level: int = 6, date_time: DateTime = FIXED_TIME) -> Part:
    """A part from its bytes; level 0 stores them as they are."""
    if level <= 0:
        return Part(name, zlib.crc32(data), len(data), data, STORED, date_time)
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    return Part(
        name, zlib.crc32(data), len(data), packer.compress(data) + packer.flush(), DEFLATED, date_time
    )


PIECE = 4 << 20  # bytes deflated as one piece when a big part is spread over several cores


def compress_many(parts: list[tuple[str, bytes, int, DateTime]]) -> list[Part]:
    """Parts compressed side by side: each big part cut into pieces deflated on their own
    threads (zlib lets go of Python's lock while it works), then joined into one stream, as
    pigz does. Every piece but the last ends on a byte boundary with a sync flush and no final
    bit, and refers back only within itself, so the joined stream is one valid deflate stream."""
    jobs = [(n, d, lv, t) for n, d, lv, t in parts if lv > 0 and len(d) > PIECE]
    if not jobs:
        return [compress(n, d, lv, t) for n, d, lv, t in parts]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        pieces = {
            name: [pool.submit(_deflate_piece, data, at, level) for at in range(0, len(data), PIECE)]
            for name, data, level, _ in jobs
        }
        crcs = {name: pool.submit(zlib.crc32, data) for name, data, _, _ in jobs}
        out = []
        for name, data, level, when in parts:
            if name not in pieces:
                out.append(compress(name, data, level, when))
                continue
            packed = b"".join(piece.result() for piece in pieces[name])
            out.append(Part(name, crcs[name].result(), len(data), packed, DEFLATED, when))
    return out


def _deflate_piece(data: bytes, at: int, level: int) -> bytes:
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    last = at + PIECE >= len(data)
    packed = packer.compress(memoryview(data)[at : at + PIECE])
    return packed + packer.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)


class ZipSource:
    """An existing zip: its parts by name, read whole or taken raw (still compressed)."""

    def __init__(self, stream: BinaryIO):
        self._stream = stream
        try:
            self._zip = zipfile.ZipFile(stream)
            self._infos = {info.filename: info for info in self._zip.infolist() if not info.is_dir()}
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
            raise ZipFormatError(str(exc)) from None

    @classmethod
    def open(cls, path: str) -> ZipSource:
        return cls(open(path, "rb"))  # noqa: SIM115 - closed by close()

    def names(self) -> list[str]:
        """Part names in the order they are stored."""
        return list(self._infos)

    def has(self, name: str) -> bool:
        return name in self._infos

    def read(self, name: str) -> bytes:
        try:
            return self._zip.read(self._infos[name])
        except KeyError:
            raise
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error) as exc:
            raise ZipFormatError(f"part {name} cannot be read ({exc})") from None

    def size(self, name: str) -> int:
        """A part's size uncompressed, as the zip's directory records it."""
        return self._infos[name].file_size

    def date_time(self, name: str) -> tuple[int, int, int, int, int, int]:
        return self._infos[name].date_time

    def raw(self, name: str) -> Part:
        """The part as stored: compressed bytes and checksum, never inflated."""
        info = self._infos[name]
        if info.flag_bits & 0x1:
            raise ZipFormatError(f"part {name} is encrypted")
        self._stream.seek(info.header_offset)
        head = self._stream.read(_LOCAL.size)
        if len(head) < _LOCAL.size or head[:4] != b"PK\x03\x04":
            raise ZipFormatError(f"part {name} has no local header")
        fields = _LOCAL.unpack(head)
        self._stream.seek(info.header_offset + _LOCAL.size + fields[9] + fields[10])
        data = self._stream.read(info.compress_size)
        if len(data) != info.compress_size:
            raise ZipFormatError(f"part {name} is cut short")
        return Part(
            name, info.CRC, info.file_size, data, info.compress_type, info.date_time, info.external_attr
        )

    def close(self) -> None:
        self._zip.close()
        self._stream.close()


@dataclass
class _Written:
    name: bytes
    flags: int
    method: int
    dos: tuple[int, int]
    crc: int
    csize: int
    size: int
    offset: int
    external_attr: int


class ZipWriter:
    """Writes parts in the order given; close() writes the central directory."""

    def __init__(self, stream: BinaryIO):
        self._out = stream
        self._written: list[_Written] = []
        self._start = stream.tell() if stream.seekable() else 0
        self._pos = 0

    def add(self, part: Part) -> None:
        """A part already compressed (or copied raw from a ZipSource)."""
        if part.size >= _LIMIT or len(part.data) >= _LIMIT:
            raise ValueError(f"part {part.name} is over 4 GB, more than an Office file can hold")
        record = self._header(part.name, part.method, part.date_time, part.crc, len(part.data), part.size)
        record.external_attr = part.external_attr
        self._write(part.data)

    def write(self, name: str, data: bytes, level: int = 6, date_time: DateTime = FIXED_TIME) -> None:
        self.add(compress(name, data, level, date_time))

    def write_stream(
        self, name: str, chunks: Iterable[bytes], level: int = 1, date_time: DateTime = FIXED_TIME
    ) -> None:
        """A part made piece by piece (a big sheet), compressed as it comes; never held whole."""
        if not self._out.seekable():
            self.write(name, b"".join(chunks), level, date_time)
            return
        record = self._header(name, DEFLATED, date_time, 0, 0, 0)
        packer = zlib.compressobj(level, zlib.DEFLATED, -15)
        crc = size = csize = 0
        for chunk in chunks:
            crc, size = zlib.crc32(chunk, crc), size + len(chunk)
            packed = packer.compress(chunk)
            csize += len(packed)
            self._write(packed)
        packed = packer.flush()
        csize += len(packed)
        self._write(packed)
        if size >= _LIMIT or csize >= _LIMIT:
            raise ValueError(f"part {name} is over 4 GB, more than an Office file can hold")
        record.crc, record.csize, record.size = crc, csize, size
        here = self._out.tell()
        self._out.seek(self._start + record.offset + 14)
        self._out.write(struct.pack("<LLL", crc, csize, size))
        self._out.seek(here)

    def close(self) -> None:
        directory = b"".join(self._central(r) for r in self._written)
        offset, count = self._pos, len(self._written)
        if offset >= _LIMIT or len(directory) >= _LIMIT or count >= 0xFFFF:
            end64 = _END64.pack(b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, len(directory), offset)
            locator = _LOCATOR64.pack(b"PK\x06\x07", 0, offset + len(directory), 1)
            directory += end64 + locator
            end = _END.pack(b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, _LIMIT, _LIMIT, 0)
        else:
            end = _END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), offset, 0)
        self._write(directory + end)

    # -- internals
    def _write(self, data: bytes) -> None:
        self._out.write(data)
        self._pos += len(data)

    def _header(
        self, name: str, method: int, date_time: DateTime, crc: int, csize: int, size: int
    ) -> _Written:
        encoded = name.encode("utf-8")
        flags = 0 if encoded.isascii() else _UTF8
        record = _Written(encoded, flags, method, _dos(date_time), crc, csize, size, self._pos, 0)
        self._written.append(record)
        self._write(
            _LOCAL.pack(b"PK\x03\x04", 20, flags, method, *record.dos, crc, csize, size, len(encoded), 0)
        )
        self._write(encoded)
        return record

    @staticmethod
    def _central(r: _Written) -> bytes:
        extra = b""
        offset = r.offset
        if offset >= _LIMIT:
            extra = struct.pack("<HHQ", 1, 8, offset)
            offset = _LIMIT
        version = 45 if extra else 20
        head = _CENTRAL.pack(
            b"PK\x01\x02", version, version, r.flags, r.method, *r.dos, r.crc, r.csize, r.size,
            len(r.name), len(extra), 0, 0, 0, r.external_attr, offset,
        )  # fmt: skip
        return head + r.name + extra


@lru_cache(maxsize=1024)
def _encoded(name: str) -> tuple[bytes, int]:
    """A part name as stored, and the flag that says it is UTF-8 (a letter's names repeat)."""
    encoded = name.encode("utf-8")
    return encoded, 0 if encoded.isascii() else _UTF8


@lru_cache(maxsize=64)
def _dos(date_time: DateTime) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    year = min(max(year, 1980), 2107)
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


def zip_bytes(parts: Iterable[Part]) -> bytes:
    """A whole zip in memory (a letter, for a caller that wants its bytes): the bytes ZipWriter
    writes for the same parts, packed in one pass (a run writes thousands of letters)."""
    parts = list(parts)
    local: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for part in parts:
        name, flags = _encoded(part.name)
        csize = len(part.data)
        if offset >= _LIMIT or part.size >= _LIMIT or csize >= _LIMIT:
            return _zip_bytes_by_writer(parts)  # zip64 territory: ZipWriter knows it
        fields = (flags, part.method, *_dos(part.date_time), part.crc, csize, part.size, len(name))
        local += (_LOCAL.pack(b"PK\x03\x04", 20, *fields, 0), name, part.data)
        central.append(
            _CENTRAL.pack(b"PK\x01\x02", 20, 20, *fields, 0, 0, 0, 0, part.external_attr, offset) + name
        )
        offset += _LOCAL.size + len(name) + csize
    directory = b"".join(central)
    if offset >= _LIMIT or len(directory) >= _LIMIT or len(parts) >= 0xFFFF:
        return _zip_bytes_by_writer(parts)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(parts), len(parts), len(directory), offset, 0)
    return b"".join(local) + directory + end


def _zip_bytes_by_writer(parts: list[Part]) -> bytes:
    import io

    buffer = io.BytesIO()
    write_parts(buffer, parts)
    return buffer.getvalue()


def write_parts(stream: BinaryIO, parts: Iterator[Part] | Iterable[Part]) -> None:
    writer = ZipWriter(stream)
    for part in parts:
        writer.add(part)
    writer.close()
