"""An Office file as a package of parts: read any part, replace some, save atomically.

Only the parts an action changes are rewritten; every other part is copied across with its
compressed bytes untouched, so VBA projects, ribbons, charts, images and anything this code
does not understand survive exactly as they were. Relationships and content types are read
and edited with a real XML parser.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from lxml import etree

from smep_xl.errors import SmepError
from smep_xl.ooxml import xml
from smep_xl.ooxml.atomic import replace_file
from smep_xl.ooxml.parts import PartStore
from smep_xl.ooxml.zip import FIXED_TIME, DateTime, Part, ZipFormatError, ZipSource, ZipWriter, compress_many

CONTENT_TYPES_PART = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"
REL_TABLE = xml.R + "/table"
REL_DRAWING = xml.R + "/drawing"
REL_CHART = xml.R + "/chart"
REL_WORKSHEET = xml.R + "/worksheet"
REL_CALC_CHAIN = xml.R + "/calcChain"
REL_STYLES = xml.R + "/styles"
REL_SHARED_STRINGS = xml.R + "/sharedStrings"


def rels_path(part: str) -> str:
    """Where a part's relationships live: xl/_rels/workbook.xml.rels for xl/workbook.xml."""
    if not part:
        return PACKAGE_RELS
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(source: str, target: str) -> str:
    """A relationship target as a part name (no leading slash)."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


@dataclass(frozen=True)
class Rel:
    id: str
    type: str
    target: str  # the part name for internal targets; as written for external ones
    external: bool = False


class Package:
    """The parts of one .xlsx/.xlsm/.docx, with replacements held until save()."""

    def __init__(self, path: str, what: str = "an Excel workbook (.xlsx/.xlsm)"):
        self.path = path
        self.what = what
        self.label = os.path.basename(path)
        self._open()

    def _open(self) -> None:
        """Read the file's directory afresh (on opening, and after a save)."""
        try:
            self._source = ZipSource.open(self.path)
        except (ZipFormatError, OSError) as exc:
            raise SmepError(
                f"{self.label} is not {self.what} or is damaged ({exc}). Open it and save it again, or restore "
                "it from a backup."
            ) from None
        self._names = self._source.names()
        self._changed: dict[str, bytes] = {}
        self._removed: set[str] = set()
        self._read: dict[str, bytes] = {}  # parts already inflated (a sheet is read, then patched)
        self._stat = os.stat(self.path)

    # -- reading
    def has(self, name: str) -> bool:
        return (name in self._changed or self._source.has(name)) and name not in self._removed

    @property
    def stamp(self) -> tuple[int, int]:
        """The file's modification time (ns) and size when it was opened (or last saved)."""
        return self._stat.st_mtime_ns, self._stat.st_size

    def size(self, name: str) -> int:
        """A part's size in bytes, uncompressed (0 for a part the package lacks)."""
        if name in self._changed:
            return len(self._changed[name])
        return self._source.size(name) if self.has(name) else 0

    def read(self, name: str) -> bytes:
        if name in self._changed:
            return self._changed[name]
        if name in self._removed or not self._source.has(name):
            raise KeyError(name)
        if name in self._read:
            return self._read[name]
        try:
            data = self._read[name] = self._source.read(name)
            return data
        except ZipFormatError as exc:
            raise SmepError(
                f"{self.label} is damaged: {exc}. Open it in Office, let it repair the file, and save it again."
            ) from None

    def names(self) -> list[str]:
        return sorted((set(self._names) | set(self._changed)) - self._removed)

    def parse(self, name: str) -> etree._Element:
        """A part as an lxml element tree (a part that is not XML stops with one line)."""
        try:
            return xml.parse(self.read(name))
        except xml.XmlError as exc:
            raise SmepError(
                f"{self.label} is damaged: part {name} is not well-formed XML ({exc}). Open it in Office, "
                "let it repair the file, and save it again."
            ) from None

    def rels(self, part: str) -> list[Rel]:
        """The relationships of a part ("" for the package's own)."""
        return relationships(self, part)

    # -- writing (held until save)
    def write(self, name: str, data: bytes) -> None:
        self._changed[name] = data
        self._removed.discard(name)

    def write_xml(self, name: str, root: etree._Element) -> None:
        self.write(name, xml.serialise(root))

    def remove(self, name: str) -> None:
        self._changed.pop(name, None)
        self._removed.add(name)

    @property
    def dirty(self) -> bool:
        return bool(self._changed or self._removed)

    def close(self) -> None:
        self._source.close()

    def save(self) -> None:
        """Write a new file beside the old one, then swap it in with one atomic rename."""
        if not self.dirty:
            return
        self._check_unchanged_on_disk()
        replace_file(self.path, self._write_to)
        self._source.close()
        self._open()

    def _check_unchanged_on_disk(self) -> None:
        now = os.stat(self.path)
        if (now.st_mtime_ns, now.st_size) != (self._stat.st_mtime_ns, self._stat.st_size):
            raise SmepError(
                f"{self.label} was changed by someone else while this ran; nothing was saved. Run it again."
            )

    def _write_to(self, raw: BinaryIO) -> None:
        order = [n for n in dict.fromkeys(self._names) if n not in self._removed]
        order += sorted(set(self._changed) - set(order))
        changed = [
            (n, self._changed[n], _level(self._changed[n]), self._date_time(n))
            for n in order
            if n in self._changed
        ]
        packed = {part.name: part for part in compress_many(changed)}
        writer = ZipWriter(raw)
        for name in order:
            writer.add(packed[name] if name in packed else self._raw(name))
        writer.close()

    def _date_time(self, name: str) -> DateTime:
        return self._source.date_time(name) if self._source.has(name) else FIXED_TIME

    def _raw(self, name: str) -> Part:
        try:
            return self._source.raw(name)
        except ZipFormatError as exc:
            raise SmepError(
                f"{self.label} is damaged ({exc}). Open it in Office, let it repair the file, and save it again."
            ) from None


def _level(data: bytes) -> int:
    return 6 if len(data) < 4_000_000 else 1  # big sheets: speed over a few % of size


# ---- relationships and content types, read and edited as XML
def relationships(pkg: PartStore, part: str) -> list[Rel]:
    """The relationships of a part ("" for the package's own), targets as part names."""
    path = rels_path(part)
    if not pkg.has(path):
        return []
    out = []
    for el in pkg.parse(path).iter(xml.q(xml.PKG_REL, "Relationship")):
        external = el.get("TargetMode") == "External"
        target = el.get("Target", "")
        out.append(
            Rel(el.get("Id", ""), el.get("Type", ""), target if external else resolve(part, target), external)
        )
    return out


def add_relationship(pkg: PartStore, source: str, rel_type: str, target: str, rid: str | None = None) -> str:
    """Add a relationship from source ("" for the package) to target (relative to source's
    folder, as Office writes it); returns its Id, a new one unless rid is given."""
    path = rels_path(source)
    root = pkg.parse(path) if pkg.has(path) else xml.parse(f'<Relationships xmlns="{xml.PKG_REL}"/>'.encode())
    taken = {el.get("Id") for el in root}
    if rid is None:
        n = 1
        while f"rIdSmep{n}" in taken:
            n += 1
        rid = f"rIdSmep{n}"
    for el in list(root):
        if el.get("Id") == rid:
            root.remove(el)
    el = root.makeelement(xml.q(xml.PKG_REL, "Relationship"), {"Id": rid, "Type": rel_type, "Target": target})
    root.append(el)
    pkg.write_xml(path, root)
    return rid


def remove_relationships(pkg: PartStore, source: str, unwanted: Callable[[Rel], bool]) -> list[Rel]:
    """Drop a part's relationships for which unwanted(rel) is true; returns them."""
    path = rels_path(source)
    if not pkg.has(path):
        return []
    root = pkg.parse(path)
    gone = []
    for el in list(root):
        external = el.get("TargetMode") == "External"
        target = el.get("Target", "")
        rel = Rel(
            el.get("Id", ""), el.get("Type", ""), target if external else resolve(source, target), external
        )
        if unwanted(rel):
            root.remove(el)
            gone.append(rel)
    if gone:
        pkg.write_xml(path, root)
    return gone


def set_content_type(pkg: PartStore, part: str, content_type: str) -> None:
    """The content type of one part (an Override), added or changed."""
    root = pkg.parse(CONTENT_TYPES_PART)
    name = "/" + part.lstrip("/")
    for el in root.iter(xml.q(xml.CONTENT_TYPES, "Override")):
        if el.get("PartName", "").lower() == name.lower():
            if el.get("ContentType") == content_type:
                return
            el.set("ContentType", content_type)
            break
    else:
        root.append(
            root.makeelement(
                xml.q(xml.CONTENT_TYPES, "Override"), {"PartName": name, "ContentType": content_type}
            )
        )
    pkg.write_xml(CONTENT_TYPES_PART, root)


def remove_content_type(pkg: PartStore, part: str) -> None:
    root = pkg.parse(CONTENT_TYPES_PART)
    name = "/" + part.lstrip("/")
    found = [
        el
        for el in root.iter(xml.q(xml.CONTENT_TYPES, "Override"))
        if el.get("PartName", "").lower() == name.lower()
    ]
    for el in found:
        root.remove(el)
    if found:
        pkg.write_xml(CONTENT_TYPES_PART, root)


def free_part_name(pkg: PartStore, pattern: str) -> str:
    """The first unused name of the form pattern.format(n), n = 1, 2, ..."""
    n = 1
    while pkg.has(pattern.format(n)):
        n += 1
    return pattern.format(n)
