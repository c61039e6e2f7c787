"""A Python value as a SpreadsheetML cell: the one conversion every sheet writer uses.

Values become numbers, booleans, dates (as day numbers in the workbook's own date system) or
text; never formulas, so text a user typed as "=HYPERLINK(...)" stays text wherever it is
copied to. Text is escaped the way Excel reads it back: XML's own escapes, and Excel's
_xHHHH_ escapes (a literal "_x0041_" is stored as "_x005F_x0041_", so Excel does not show
"A"; a control character XML cannot carry is stored as _xHHHH_ rather than lost).
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from functools import lru_cache

_EPOCH_1900, _EPOCH_1904 = datetime(1899, 12, 30), datetime(1904, 1, 1)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EXCEL_ESCAPE = re.compile("_(x[0-9A-Fa-f]{4}_)")
_ANY_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})

Plain = None | bool | int | float | str | date | datetime
MAX_TEXT = 32_767  # the most characters (UTF-16 units) Excel lets a cell hold


def bounded(text: str) -> str:
    """Text cut to what a cell can hold (a longer text, which only another program can write,
    would make Excel repair the file)."""
    if len(text) <= MAX_TEXT // 2:
        return text
    units = text.encode("utf-16-le", "surrogatepass")
    if len(units) <= 2 * MAX_TEXT:
        return text
    return units[: 2 * MAX_TEXT].decode("utf-16-le", "ignore")


def plain(value: object) -> Plain:
    """A value as a cell can hold it: numpy and pandas scalars as Python, blanks as None.

    NaN, NaT, pandas' NA and infinities are blank; an empty string is blank too; text is cut to
    MAX_TEXT characters."""
    if type(value) is str:  # exact types first: numpy's float64 is a float, but not a plain one
        return bounded(value) if value else None
    if type(value) is int or type(value) is bool:
        return value
    if type(value) is float:
        return value if math.isfinite(value) else None
    if value is None:
        return None
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp (or NaT)
        try:
            value = value.to_pydatetime()
        except ValueError:
            return None
    elif hasattr(value, "item") and not isinstance(value, (str, bytes, date)):
        value = value.item()  # a numpy scalar
    try:
        if value != value:  # NaN, NaT
            return None
    except TypeError:  # pandas.NA refuses to compare
        return None
    if isinstance(value, float) and math.isinf(value):
        return None
    if isinstance(value, str):
        return bounded(value) if value else None
    if isinstance(value, (bool, int, float, date)):
        return value
    return bounded(str(value))


def plain_all(values: list[object]) -> list[Plain]:
    """plain() of each value; whole numbers, finite floats (v - v is 0.0 for those alone), dates
    and short text, most cells, are taken as they are."""
    short = MAX_TEXT // 2
    return [
        v
        if type(v) is int
        or (type(v) is str and 0 < len(v) <= short)
        or v is None
        or (type(v) is float and v - v == 0.0)
        or type(v) is date
        else plain(v)
        for v in values
    ]


def xml_text(text: str) -> str:
    """Text for an XML element or attribute: escaped, with characters XML cannot carry dropped."""
    if _NOT_XML.search(text):
        text = _NOT_XML.sub("", text)
    return text.translate(_ATTR_ESCAPES)


def excel_escape(text: str) -> str:
    """Excel's _xHHHH_ escapes only (for a value an XML library escapes itself, such as a
    table column's name): a literal _x0041_ kept literal, control characters kept as _xHHHH_,
    characters XML cannot carry dropped."""
    if "_x" in text:
        text = _EXCEL_ESCAPE.sub(r"_x005F_\1", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    if _NOT_XML.search(text):
        text = _NOT_XML.sub("", text)
    return text


def excel_unescape(text: str) -> str:
    """Text as Excel shows it: _xHHHH_ read as the character it stands for (the reverse of
    excel_escape; a reader such as calamine does this for cells, not for table column names)."""
    if "_x" not in text:
        return text
    return _ANY_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def excel_text(text: str) -> str:
    """Text for a cell (<t>): Excel's _xHHHH_ escapes, then XML's."""
    return excel_escape(text).translate(_XML_ESCAPES)


def serial(value: date | datetime, date1904: bool = False) -> int | float:
    """Excel's day number for a date or date and time, in the workbook's date system."""
    moment = value if isinstance(value, datetime) else datetime.combine(value, time())
    if moment.tzinfo is not None:
        moment = moment.replace(tzinfo=None)
    delta = moment - (_EPOCH_1904 if date1904 else _EPOCH_1900)
    days = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
    return int(days) if float(days).is_integer() else round(days, 8)


def number(value: int | float) -> str:
    """A number as SpreadsheetML writes it (Python's shortest round-trip form)."""
    return repr(value)


class SharedStrings:
    """A workbook's string table: each distinct text once; a cell holds its index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.count = 0

    def add(self, text: str) -> int:
        self.count += 1
        at = self.index.get(text)
        if at is None:
            at = self.index[text] = len(self.index)
        return at


def value_xml(value: Plain, date1904: bool = False) -> tuple[str, str]:
    """(type attribute, children) of a cell holding a plain value; ("", "") for a blank."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "", ""
    if isinstance(value, bool):
        return ' t="b"', f"<v>{int(value)}</v>"
    if isinstance(value, (int, float)):
        return "", f"<v>{number(value)}</v>"
    if isinstance(value, date):
        return "", f"<v>{number(serial(value, date1904))}</v>"
    return ' t="inlineStr"', f'<is><t xml:space="preserve">{excel_text(str(value))}</t></is>'


@lru_cache(maxsize=16384)
def _cell_tail(value: Plain, kind: type, style: int | None, date1904: bool) -> bytes:
    # kind is part of the key: True == 1 and 1.0 == 1 hash alike, but are different cells.
    t, inner = value_xml(value, date1904)
    s = f' s="{style}"' if style else ""
    return (f"{s}{t}>{inner}</c>" if inner else f"{s}/>").encode()


def cell_bytes(ref: str | bytes, value: Plain, style: int | None = None, date1904: bool = False) -> bytes:
    """One <c> element as UTF-8 bytes, for patching sheets in place. value must already be
    plain(); a blank is an empty cell that keeps its style. Computed values repeat, so each
    distinct value and style is converted once."""
    head = b'<c r="' + (ref if isinstance(ref, bytes) else ref.encode()) + b'"'
    return head + cell_tail(value, style, date1904)


def cell_tail(value: Plain, style: int | None = None, date1904: bool = False) -> bytes:
    """A <c> element after its reference (' s="3" t="b"><v>1</v></c>'), for writers that make
    each row as a template of its number."""
    kind: type = type(value)
    try:
        return _cell_tail(value, kind, style, date1904)
    except TypeError:  # unhashable: convert without the cache
        return _cell_tail.__wrapped__(value, kind, style, date1904)


def cell_xml(
    ref: str,
    value: object,
    style: int | None = None,
    *,
    date1904: bool = False,
    strings: SharedStrings | None = None,
) -> str:
    """One <c> element ("" for a blank cell with no style). Text goes inline unless a
    SharedStrings table is given. A date takes whatever style the caller chose for it."""
    value = plain(value)
    s = f' s="{style}"' if style else ""
    if value is None:
        return f'<c r="{ref}"{s}/>' if s else ""
    if isinstance(value, str) and strings is not None:
        return f'<c r="{ref}"{s} t="s"><v>{strings.add(value)}</v></c>'
    t, inner = value_xml(value, date1904)
    return f'<c r="{ref}"{s}{t}>{inner}</c>'
