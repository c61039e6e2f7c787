"""A workbook file as a package of parts: read any part, replace some, save atomically.

Only the parts an action changes are rewritten; every other part is copied across with its
compressed bytes untouched, so VBA projects, ribbons, charts, images and anything this code
does not understand survive exactly as they were.
"""

from __future__ import annotations

import os
import posixpath
import re
import struct
import zipfile
from dataclasses import dataclass

from smep_xl.errors import SmepError
from smep_xl.ooxml.atomic import replace_file

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_TABLE = NS_REL + "/table"
REL_DRAWING = NS_REL + "/drawing"
REL_CHART = NS_REL + "/chart"
REL_CALC_CHAIN = NS_REL + "/calcChain"

_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')


def attrs(tag: bytes) -> dict[str, str]:
    """The attributes of one start tag, unescaped enough for names and paths."""
    return {k.decode(): _unescape(v.decode()) for k, v in _ATTR.findall(tag)}


def _unescape(s: str) -> str:
    return (
        s.replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
    )


def rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


@dataclass(frozen=True)
class Rel:
    id: str
    type: str
    target: str  # resolved part name (no leading slash) for internal targets
    external: bool = False


class Package:
    """The zip parts of one .xlsx/.xlsm, with pending replacements held until save()."""

    def __init__(self, path: str):
        self.path = path
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise SmepError(
                f"{os.path.basename(path)} is not an Excel workbook (.xlsx/.xlsm) or is damaged "
                f"({exc}). Open it in Excel and save it as an Excel Workbook."
            ) from None
        self._names = set(self._zip.namelist())
        self._changed: dict[str, bytes] = {}
        self._removed: set[str] = set()
        self._stat = os.stat(path)

    # -- reading
    def has(self, name: str) -> bool:
        return (name in self._names or name in self._changed) and name not in self._removed

    def read(self, name: str) -> bytes:
        if name in self._changed:
            return self._changed[name]
        try:
            return self._zip.read(name)
        except (KeyError, zipfile.BadZipFile, OSError, EOFError, zlib_error()) as exc:
            raise SmepError(
                f"{os.path.basename(self.path)} is damaged: part {name} cannot be read ({exc}). "
                "Open it in Excel, let Excel repair it, and save it again."
            ) from None

    def names(self) -> list[str]:
        return sorted((self._names | set(self._changed)) - self._removed)

    def rels(self, part: str) -> list[Rel]:
        path = rels_path(part) if part else "_rels/.rels"
        if not self.has(path):
            return []
        base = posixpath.dirname(part)
        out = []
        for tag in re.findall(rb"<Relationship\b[^>]*>", self.read(path)):
            a = attrs(tag)
            external = a.get("TargetMode") == "External"
            target = a.get("Target", "")
            if not external:
                target = (
                    target.lstrip("/")
                    if target.startswith("/")
                    else posixpath.normpath(posixpath.join(base, target))
                )
            out.append(Rel(a.get("Id", ""), a.get("Type", ""), target, external))
        return out

    # -- writing (held until save)
    def write(self, name: str, data: bytes) -> None:
        self._changed[name] = data
        self._removed.discard(name)

    def remove(self, name: str) -> None:
        self._changed.pop(name, None)
        self._removed.add(name)

    @property
    def dirty(self) -> bool:
        return bool(self._changed or self._removed)

    def close(self) -> None:
        self._zip.close()

    def save(self) -> None:
        """Write a new file beside the old one, then swap it in with one atomic rename."""
        if not self.dirty:
            return
        self._check_unchanged_on_disk()
        replace_file(self.path, self._write_to)
        self._zip.close()
        self.__init__(self.path)

    def _check_unchanged_on_disk(self) -> None:
        now = os.stat(self.path)
        if (now.st_mtime_ns, now.st_size) != (self._stat.st_mtime_ns, self._stat.st_size):
            raise SmepError(
                f"{os.path.basename(self.path)} was changed by someone else while this ran; "
                "nothing was saved. Run it again."
            )

    def _write_to(self, raw) -> None:
        with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as out:
            written = set()
            for info in self._zip.infolist():
                name = info.filename
                if name in self._removed or name in written:
                    continue
                if name in self._changed:
                    _write_part(out, name, self._changed[name], info)
                else:
                    _copy_raw(self._zip, out, info)
                written.add(name)
            for name in sorted(set(self._changed) - written):
                _write_part(out, name, self._changed[name], None)


def zlib_error():
    import zlib

    return zlib.error


def _write_part(out: zipfile.ZipFile, name: str, data: bytes, old: zipfile.ZipInfo | None) -> None:
    info = zipfile.ZipInfo(name, date_time=old.date_time if old else (1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = old.external_attr if old else 0o600 << 16
    level = 6 if len(data) < 4_000_000 else 1  # big sheets: speed over a few % of size
    out.writestr(info, data, compresslevel=level)


def _copy_raw(src: zipfile.ZipFile, out: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Copy one entry's compressed bytes as they are (no inflate/deflate round trip)."""
    src.fp.seek(info.header_offset)
    header = src.fp.read(30)
    if header[:4] != b"PK\x03\x04":
        raise SmepError(
            f"{os.path.basename(src.filename)} is damaged (part {info.filename}). "
            "Open it in Excel, let Excel repair it, and save it again."
        )
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    src.fp.seek(info.header_offset + 30 + name_len + extra_len)
    payload = src.fp.read(info.compress_size)
    copy = zipfile.ZipInfo(info.filename, info.date_time)
    copy.compress_type = info.compress_type
    copy.external_attr = info.external_attr
    copy.create_system = info.create_system
    copy.CRC, copy.compress_size, copy.file_size = info.CRC, info.compress_size, info.file_size
    copy.flag_bits = info.flag_bits & ~0x08  # sizes are known: no data descriptor
    copy.header_offset = out.fp.tell()
    zip64 = copy.file_size > zipfile.ZIP64_LIMIT or copy.compress_size > zipfile.ZIP64_LIMIT
    out.fp.write(copy.FileHeader(zip64))
    out.fp.write(payload)
    out.filelist.append(copy)
    out.NameToInfo[copy.filename] = copy
    out.start_dir = out.fp.tell()
