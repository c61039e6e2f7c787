"""A package being built: parts taken raw from a source zip until one is replaced.

The builders (a new workbook from openpyxl's frame, the master .xlsm, the print pack) start
from an existing package, edit a few parts with lxml (through ooxml.package's helpers, which
need only has, parse and write_xml) and write the result with one ZipWriter: untouched parts
go across still compressed, exactly as they were; replaced ones are compressed once.
"""

from __future__ import annotations

import dataclasses
import io
from typing import Any, Protocol

from lxml import etree

from smep_xl.ooxml import xml
from smep_xl.ooxml.zip import FIXED_TIME, Part, ZipSource, compress

DateTime = tuple[int, int, int, int, int, int]


class PartStore(Protocol):
    """A package's parts as the relationship and content-type helpers use them: a Package
    (a file being changed) or Parts (a package being built)."""

    def has(self, name: str) -> bool: ...

    def read(self, name: str) -> bytes: ...

    def parse(self, name: str) -> Any: ...

    def write(self, name: str, data: bytes) -> None: ...

    def write_xml(self, name: str, root: Any) -> None: ...


class Parts:
    """The parts of one package in memory: a source's parts, replaced, removed or added."""

    def __init__(self, source: ZipSource | None = None):
        self._source = source
        self._order = dict.fromkeys(source.names() if source is not None else [])  # an ordered set
        self._changed: dict[str, bytes] = {}
        self._removed: set[str] = set()

    @classmethod
    def from_bytes(cls, data: bytes) -> Parts:
        """The parts of a zip held in memory (ZipFormatError if it is not one)."""
        return cls(ZipSource(io.BytesIO(data)))

    @classmethod
    def open(cls, path: str) -> Parts:
        """The parts of a zip file; close() lets the file go."""
        return cls(ZipSource.open(path))

    def close(self) -> None:
        if self._source is not None:
            self._source.close()

    def __enter__(self) -> Parts:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- reading
    def names(self) -> list[str]:
        """Every part: the source's in their stored order, then added ones in the order added."""
        return [n for n in self._order if n not in self._removed]

    def has(self, name: str) -> bool:
        return name in self._changed or (
            name not in self._removed and self._source is not None and self._source.has(name)
        )

    def read(self, name: str) -> bytes:
        if name in self._changed:
            return self._changed[name]
        if name in self._removed or self._source is None:
            raise KeyError(name)
        return self._source.read(name)

    def parse(self, name: str) -> Any:
        """A part as an lxml element (xml.XmlError if it is not well-formed)."""
        return xml.parse(self.read(name))

    def changed(self, name: str) -> bool:
        return name in self._changed

    # -- writing
    def write(self, name: str, data: bytes) -> None:
        self._order.setdefault(name)
        self._removed.discard(name)
        self._changed[name] = data

    def write_xml(self, name: str, root: Any) -> None:
        """An edited part written as it was (see serialise_like); a new one with a declaration."""
        self.write(name, serialise_like(root, self.read(name)) if self.has(name) else xml.serialise(root))

    def remove(self, name: str) -> None:
        self._changed.pop(name, None)
        self._removed.add(name)

    def part(self, name: str, level: int = 6, date_time: DateTime | None = None) -> Part:
        """A part ready for ZipWriter.add: replaced ones compressed at level, the others raw.

        date_time stamps every part alike (a build that must give the same bytes every time);
        None keeps a raw part's own stamp."""
        if name in self._changed or self._source is None:
            return compress(name, self.read(name), level, date_time or FIXED_TIME)
        raw = self._source.raw(name)
        if date_time is None:
            return raw
        return dataclasses.replace(raw, date_time=date_time, external_attr=0)


def serialise_like(root: Any, original: bytes) -> bytes:
    """An edited part written as its writer wrote it: with an XML declaration only if it had one
    (openpyxl writes most parts without), so an edit changes nothing but what it edits."""
    if original.lstrip().startswith(b"<?xml"):
        return xml.serialise(root)
    return etree.tostring(root, encoding="UTF-8")
