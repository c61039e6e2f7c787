"""Reading a CSV download as text rows, strictly: any doubt about the file stops the import.

GIAS publishes comma-separated Windows-1252 text; a file re-saved from Excel may be UTF-8 (with
or without a byte-order mark), or UTF-16 with tabs. The file's name is only for the messages.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from smep_xl.errors import SmepError

if TYPE_CHECKING:
    from _csv import Reader

_HINT = "Download it again from Get Information About Schools and pass the .csv file as it came."


def decode(raw: bytes, name: str) -> str:
    """Bytes -> text: UTF-16 if it says so, else UTF-8 (BOM or not), else Windows-1252."""
    if not raw.strip():
        raise SmepError(f"The file {name} is empty. {_HINT}")
    if raw.startswith(b"PK\x03\x04"):
        raise SmepError(
            f"The file {name} is a zip archive, not a CSV: unzip the GIAS download first "
            "and pass the edubasealldata....csv file inside it."
        )
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(raw, "utf-16", name)
    if b"\x00" in raw[:4096]:
        raise SmepError(
            f"The file {name} is not a text CSV (it holds binary data, as an Excel workbook does). {_HINT}"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _strict(raw, "cp1252", name)


def _strict(raw: bytes, encoding: str, name: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as bad:
        raise SmepError(
            f"The file {name} is not readable text: byte {raw[bad.start]:#04x} at position "
            f"{bad.start} is neither UTF-8 nor Windows-1252. {_HINT}"
        ) from None


def read_rows(text: str, name: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header (names stripped) and an iterator of (line number, values) for each data row.

    Blank lines are skipped; a row with more or fewer values than the header stops the import
    (a short last row is what a download cut off part-way looks like).
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as bad:
        raise SmepError(f"The file {name} is not a readable CSV (line 1: {bad}). {_HINT}") from None
    if not header or not any(h.strip() for h in header):
        raise SmepError(f"The file {name} has no header row. {_HINT}")
    header = [h.strip().lstrip("\ufeff").strip() for h in header]
    return header, _data_rows(reader, len(header), name)


def _delimiter(text: str) -> str:
    """Commas, as GIAS writes; tabs or semicolons when Excel re-saved the file (Unicode text, or a
    locale that uses the comma for decimals)."""
    first = text[: text.find("\n")] if "\n" in text else text
    counts = {d: first.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _data_rows(reader: Reader, width: int, name: str) -> Iterator[tuple[int, list[str]]]:
    start = reader.line_num + 1
    try:
        for values in reader:
            if not values or (len(values) == 1 and not values[0].strip()):
                start = reader.line_num + 1
                continue
            if len(values) != width:
                raise _ragged(name, start, len(values), width, reader)
            yield start, values
            start = reader.line_num + 1
    except csv.Error as bad:
        raise SmepError(
            f"The file {name} stops being a readable CSV at line {start} ({bad}); "
            f"it may be cut short. {_HINT}"
        ) from None


def _ragged(name: str, line: int, found: int, width: int, reader: Reader) -> SmepError:
    last = next(reader, None) is None
    if found < width and last:
        return SmepError(
            f"The file {name} ends part-way through line {line} ({found} of {width} "
            f"values): it looks cut short. {_HINT}"
        )
    return SmepError(
        f"The file {name} has {found} values on line {line} but {width} column headers, "
        f"so its columns cannot be trusted. {_HINT}"
    )
