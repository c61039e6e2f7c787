"""A worksheet part split in two: its rows as bytes, and everything else as an lxml tree.

Structural edits (a hyperlink list, conditional formats, protection, page setup, table
parts) go through the tree, so any prefix a writer chose (x:worksheet as .NET writers do)
and any namespace it declared stay as the file has them. The rows, which can run to
100,000 and are only ever patched cell by cell, stay bytes and are never parsed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from smep_xl.ooxml import xml
from smep_xl.ooxml.order import WORKSHEET as WORKSHEET_ORDER  # CT_Worksheet's sequence

# CT_SheetPr's sequence.
SHEET_PR_ORDER = ("tabColor", "outlinePr", "pageSetUpPr")

_SHEET_DATA_OPEN = re.compile(rb"<((?:[\w.-]+:)?)sheetData\b[^>]*?(/?)>")
_ROWS_MARK = "\ue000smep-rows\ue000"


@dataclass(frozen=True)
class Span:
    """Where <sheetData> sits in a worksheet's bytes, and the prefix its elements carry."""

    start: int  # of the open tag
    body_start: int  # just after the open tag
    body_end: int  # at the close tag (== body_start for <sheetData/>)
    end: int  # just after the close tag
    prefix: bytes  # b"" or b"x:"


def sheet_data_span(data: bytes) -> Span:
    """Found with two searches, never scanning the rows themselves."""
    m = _SHEET_DATA_OPEN.search(data)
    if m is None:
        raise xml.XmlError("worksheet has no sheetData")
    prefix = m.group(1)
    if m.group(2):
        return Span(m.start(), m.end(), m.end(), m.end(), prefix)
    close = b"</" + prefix + b"sheetData>"
    end = data.rindex(close)
    return Span(m.start(), m.end(), end, end + len(close), prefix)


class Worksheet:
    """One worksheet: .root is the part without its rows (edit it freely), .rows the rows."""

    def __init__(self, data: bytes):
        span = sheet_data_span(data)
        self.prefix = span.prefix
        self.rows = data[span.body_start : span.body_end]
        self.root = xml.parse(data[: span.start] + b"<" + span.prefix + b"sheetData/>" + data[span.end :])

    def find(self, tag: str) -> etree._Element | None:
        return self.root.find(xml.q(xml.MAIN, tag))

    def remove(self, tag: str) -> None:
        for el in self.root.findall(xml.q(xml.MAIN, tag)):
            self.root.remove(el)

    def element(self, tag: str, attrib: dict[str, str] | None = None) -> etree._Element:
        """A new element of this sheet's namespace (not yet placed)."""
        return self.root.makeelement(xml.q(xml.MAIN, tag), attrib or {})

    def place(self, element: etree._Element) -> etree._Element:
        """Put element where CT_Worksheet's sequence says it goes (after others of its kind)."""
        xml.insert_in_order(self.root, element, WORKSHEET_ORDER)
        return element

    def replace(self, element: etree._Element) -> etree._Element:
        """Put element in place of the sheet's element of the same name, or where it goes."""
        old = self.find(xml.local(element))
        if old is None:
            return self.place(element)
        old.addnext(element)
        self.root.remove(old)
        return element

    def to_bytes(self) -> bytes:
        holder = self.find("sheetData")
        assert holder is not None
        holder.text = _ROWS_MARK
        out = xml.serialise(self.root)
        holder.text = None
        head, tail = out.split(_ROWS_MARK.encode(), 1)
        return head + self.rows + tail
