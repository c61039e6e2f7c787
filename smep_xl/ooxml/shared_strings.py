"""A workbook's shared strings part (xl/sharedStrings.xml), written in pieces.

Each text is escaped as a cell's text is (cells.excel_text): a school named "_x0041_" reads
back as typed, and a control character is kept as Excel's _xHHHH_ instead of lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from smep_xl.ooxml import xml
from smep_xl.ooxml.cells import SharedStrings, excel_text

PART = "xl/sharedStrings.xml"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
CHUNK = 2000  # strings per piece: a national workbook has hundreds of thousands
# Text excel_text would change: XML's specials, an _x that may start an escape, characters XML
# cannot carry. Most texts have none and are written as they are (excel_text of such a text is
# the text itself), which saves half the time of a national workbook's strings.
_NEEDS_ESCAPE = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]|_x")


def shared_strings_xml(strings: SharedStrings) -> Iterator[bytes]:
    """The part, as chunks of UTF-8 for ZipWriter.write_stream."""
    yield (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{xml.MAIN}" '
        f'count="{strings.count}" uniqueCount="{len(strings.index)}">'
    ).encode()
    chunk: list[str] = []
    needs_escape = _NEEDS_ESCAPE.search
    for text in strings.index:
        chunk.append(
            f'<si><t xml:space="preserve">{excel_text(text) if needs_escape(text) else text}</t></si>'
        )
        if len(chunk) >= CHUNK:
            yield "".join(chunk).encode("utf-8")
            chunk = []
    yield ("".join(chunk) + "</sst>").encode("utf-8")
