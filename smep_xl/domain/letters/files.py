"""Letter file names: from the Letter File Name pattern, safe on Windows and Linux, unique.

A school's name is typed by a person and can be anything (`../../x`, `CON`, 300 characters,
emoji). What comes out is always one plain file name: no folder separators, no reserved
device names, no trailing dots or spaces, no control characters, at most MAX_BYTES long,
and never the name of another letter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Set
from functools import partial
from typing import TYPE_CHECKING

from smep_xl import layout as L
from smep_xl.domain.findings import WARNING, Finding
from smep_xl.domain.letters.fields import field_name
from smep_xl.domain.settings import DEFAULTS, Settings

if TYPE_CHECKING:
    from smep_xl.domain.letters.plan import LetterJob, LetterPlan

MAX_BYTES = 150  # a Linux name is at most 255 bytes; leaves room for " (12).docx" and a long folder
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')  # Windows' forbidden characters, and controls
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    "CLOCK$",
    "CONIN$",
    "CONOUT$",
    *(f"{d}{n}" for d in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]),
}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
AUDIT_FILE_NAME = "{URN} {School} audit form"


def placeholders(pattern: str) -> list[str]:
    """The names in braces: "{URN} {School}" -> ["URN", "School"]."""
    return [name.strip() for name in _PLACEHOLDER.findall(pattern)]


def fill_pattern(pattern: str, value: Callable[[str], str]) -> str:
    """The pattern with each {Name} replaced by value(Name)."""
    return _PLACEHOLDER.sub(lambda m: value(m.group(1).strip()), pattern)


def safe_stem(name: str, fallback: str = "letter") -> str:
    """One file name (without extension) that Windows and Linux both accept as it is."""
    name = re.sub(r"\s", " ", unicodedata.normalize("NFC", str(name)))  # a line break is a space
    if not (name.isascii() and name.isprintable()):
        name = "".join(
            ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf", "Cs") or ch in "\u200d\ufe0f"
        )  # keep the joiners that make up emoji
    name = _FORBIDDEN.sub("_", name)
    name = " ".join(name.split())
    name = _shorten(name.strip(" ."), MAX_BYTES).strip(" .")
    if not name:
        return fallback
    if name.split(".")[0].strip().upper() in _RESERVED:
        name = "_" + name
    return name


def _shorten(name: str, limit: int) -> str:
    data = name.encode("utf-8")
    if len(data) <= limit:
        return name
    return data[:limit].decode("utf-8", "ignore")


class NameBook:
    """Hands out unique names in one folder, as Windows compares them (ignoring case).

    `taken` holds names already in the folder; `owners` says which letter made each of them
    (from the Letter Log), so a letter made again replaces its own file and nobody else's.
    """

    def __init__(self, taken: Set[str] = frozenset(), owners: dict[str, str] | None = None):
        self._disk = {n.lower() for n in taken}
        self._owners = {k.lower(): v for k, v in (owners or {}).items()}
        self._given: set[str] = set()

    def reserve(self, file_name: str) -> None:
        self._given.add(file_name.lower())

    def claim(self, stem: str, extension: str, owner: str) -> str:
        """A free file name for `owner`: stem.ext, else "stem (2).ext", "stem (3).ext" ..."""
        n = 1
        while True:
            suffix = "" if n == 1 else f" ({n})"
            name = _shorten(stem, MAX_BYTES - len(suffix.encode())).rstrip(" .") + suffix + extension
            key = name.lower()
            if key not in self._given and (key not in self._disk or self._owners.get(key) == owner):
                self._given.add(key)
                return name
            n += 1


def name_letters(
    plan: LetterPlan, settings: Settings, names: NameBook, *, audit: bool = False, settings_cell: str = ""
) -> None:
    """Give every letter a safe, unique file name from the Letter File Name pattern."""
    pattern = AUDIT_FILE_NAME if audit else settings.text(L.S_LETTER_FILE_NAME)
    if not audit and not _pattern_ok(pattern, plan):
        plan.findings.append(
            Finding(
                WARNING,
                L.SETTINGS,
                settings_cell,
                None,
                L.SET_VALUE,
                "letter.file_name.unknown",
                f"The {L.S_LETTER_FILE_NAME} '{pattern}' names something that is not a column of Schools or "
                f"Visits, so the usual pattern was used.",
                f"Use column names in braces, e.g. {DEFAULTS[L.S_LETTER_FILE_NAME]}.",
            )
        )
        pattern = str(DEFAULTS[L.S_LETTER_FILE_NAME])
    for job in plan.jobs:
        stem = safe_stem(fill_pattern(pattern, partial(_value, job)))
        job.file_name = names.claim(stem, ".docx", job.owner)


def _pattern_ok(pattern: str, plan: LetterPlan) -> bool:
    if not plan.jobs:
        return True
    return all(field_name(p) in plan.jobs[0].context for p in placeholders(pattern))


def _value(job: LetterJob, name: str) -> str:
    """A pattern's {Name}: the field of that column; dates as 2015-03-03 so files sort by date."""
    key = field_name(name)
    day = job.dates.get(key)
    if day:
        return day.isoformat()
    value = job.context.get(key, "")
    return value if isinstance(value, str) else str(value)
