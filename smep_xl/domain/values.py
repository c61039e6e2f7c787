"""Reading cell values the way staff type them: dates, numbers, percentages, yes/no."""

from __future__ import annotations

import calendar
import re
from collections.abc import Hashable
from datetime import date, datetime
from typing import SupportsInt, cast

import pandas as pd

EXCEL_ERRORS = (
    "#NULL!",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#N/A",
    "#GETTING_DATA",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#BLOCKED!",
    "#CONNECT!",
    "#BUSY!",
    "#UNKNOWN!",
)
_TEXT_DATE_FORMATS = (
    "%d/%m/%Y",
    "%d/%m/%y",
    "%Y-%m-%d",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
)


_DATE_SHAPE = re.compile(
    r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$|^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+)?$"
)
_LONG = 60
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def row_number(label: Hashable) -> int:
    """A frame's index label as a worksheet row number (the tables are indexed by sheet row)."""
    return int(cast(SupportsInt, label))


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    if value is pd.NaT:
        return True
    return isinstance(value, str) and not value.strip()


def is_excel_error(value: object) -> bool:
    return isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS


def text(value: object) -> str:
    """A cell as the text a person reads (blank -> "")."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y") if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def as_date(value: object) -> date | None:
    """A real date cell, or a date typed as text in a British or ISO form; else None."""
    if is_blank(value) or isinstance(value, bool):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        s = value.strip()
        for fmt in _TEXT_DATE_FORMATS:
            try:
                return datetime.strptime(s, fmt).date()
            except ValueError:
                continue
    return None


def as_number(value: object) -> float | None:
    """A number cell, or a number typed as text ("3", " 2.5 "); else None."""
    if is_blank(value) or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        s = value.strip().replace(",", "").lstrip("£")
        try:
            return float(s)
        except ValueError:
            return None
    return None


def as_percent(value: object) -> float | None:
    """Progress as 0-100: accepts 50, "50%", and 0.5 (an Excel percentage cell)."""
    if isinstance(value, str) and value.strip().endswith("%"):
        n = as_number(value.strip()[:-1])
        return n
    n = as_number(value)
    if n is None:
        return None
    return n * 100 if 0 < n <= 1 and not float(n).is_integer() else n


def as_yes(value: object) -> bool:
    return text(value).lower() in ("yes", "y", "true", "1")


def split_lines(value: object) -> list[str]:
    """A cell of several points (one per line, or bullets) as a list of lines."""
    lines = []
    for line in _LINE_ENDS.split(text(value)):
        line = _BULLET.sub("", line).strip()
        if line:
            lines.append(line)
    return lines


_LINE_ENDS = re.compile(r"[\r\n]+")
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s*")


def percent_column(values: list[object]) -> list[float | None]:
    """A whole Progress % column as 0-100. A column typed as Excel percentages holds fractions
    (0.5 for 50%), where a lone 1 means 100%, not 1%: so when every number in it lies in 0-1
    and one is a fraction, the whole column is read as fractions."""
    numbers = [as_number(v) for v in values]
    typed = [v for v in values if isinstance(v, str) and v.strip().endswith("%")]
    plain = [n for n, v in zip(numbers, values, strict=True) if n is not None and v not in typed]
    fractions = bool(plain) and all(0 <= n <= 1 for n in plain) and any(0 < n < 1 for n in plain)
    if not fractions:
        return [as_percent(v) for v in values]
    return [
        as_percent(v) if v in typed else (None if n is None else n * 100)
        for n, v in zip(numbers, values, strict=True)
    ]


def date_shaped(value: str) -> bool:
    """Text laid out like a date (31/02/2015, 2015-13-01), whether or not it is one."""
    return bool(_DATE_SHAPE.match(value.strip()))


def why_not_a_date(value: str) -> str:
    """Why date-shaped text is no date: "there is no month 13", "February 2015 has 28 days"."""
    m = _DATE_SHAPE.match(value.strip())
    if not m:
        return "it is not a date"
    if m.group(1):
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        y = y + 2000 if y < 100 else y
    else:
        y, mo, d = int(m.group(4)), int(m.group(5)), int(m.group(6))
    if not 1 <= mo <= 12:
        return f"there is no month {mo}"
    if not 1 <= y <= 9999:
        return f"there is no year {y}"
    days = calendar.monthrange(y, mo)[1]
    if not 1 <= d <= days:
        return f"{calendar.month_name[mo]} {y} has {days} days"
    return "it is not a date"


def quoted(value: object) -> str:
    """A cell value as a message quotes it: numbers and dates bare (7, 05/01/2016), text in
    quotes ('Mar/Apr'), long text cut short."""
    if isinstance(value, bool):
        return f"'{value}'"
    if isinstance(value, (int, float, date)):
        return text(value) or "blank"
    s = text(value)
    if not s:
        return "blank"
    s = " ".join(s.split())
    return f"'{s[:_LONG]}...'" if len(s) > _LONG else f"'{s}'"
