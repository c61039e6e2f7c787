"""Reading a Leads cell ("C&MM DHoS/SDM/SLE", "MLs/AMLs") as role codes from Lists.

The cell is a list of items split on /, comma, semicolon, & and +; a known code that itself
holds a separator (C&MM, T&L) is matched first, whole. A plural (MLs, SLEs) is the code.
An item of one word is a code: unknown, or written in another case, it is named. An item of
several words is a phrase ("6 school based staff", "exec of hub groups"): only the words in
it that look like codes (two capitals or more: DHOS, SDMM) are checked, the rest is prose.
A cell with prose but no code at all ("Admin role") is named whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from smep_xl.domain.validate.columns import nearest

_ITEMS = re.compile(r"[/,;&+\n]+")
_WORDS = re.compile(r"[\s\-–—]+")
_PUNCT = ".:;()[]{}'\"-–—*"
_ROMAN = re.compile(r"^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)$")


@dataclass(frozen=True)
class Leads:
    unknown: tuple[tuple[str, str | None], ...] = ()  # (phrase, nearest known code or None)
    case: tuple[tuple[str, str], ...] = ()  # (as typed, as Lists spells it)


def _code_like(word: str) -> bool:
    """DHOS, SDMM, HoS: two capitals or more, as role codes are written."""
    return sum(ch.isupper() for ch in word) >= 2


class RoleCodes:
    """The Role Code list, ready to read many Leads cells (each distinct cell read once)."""

    def __init__(self, codes: list[str]):
        self.codes = [c for c in dict.fromkeys(c.strip() for c in codes) if c]
        self.known = set(self.codes)
        self.folded = {c.lower(): c for c in self.codes}
        joined = sorted((c for c in self.codes if _ITEMS.search(c) or " " in c), key=len, reverse=True)
        self.joined = (
            re.compile("|".join(rf"(?<![A-Za-z0-9]){re.escape(c)}(?![A-Za-z0-9])" for c in joined), re.I)
            if joined
            else None
        )
        self._read: dict[str, Leads] = {}

    def read(self, value: str) -> Leads:
        if value not in self._read:
            self._read[value] = self._parse(value)
        return self._read[value]

    def _parse(self, value: str) -> Leads:
        unknown: list[tuple[str, str | None]] = []
        case: list[tuple[str, str]] = []
        found = False
        rest = value
        if self.joined is not None:
            for m in self.joined.finditer(value):
                found = True
                canonical = self.folded[m.group().lower()]
                if m.group() != canonical:
                    case.append((m.group(), canonical))
            rest = self.joined.sub("/", value)
        prose = False
        for item in _ITEMS.split(rest):
            words = [w.strip(_PUNCT) for w in _WORDS.split(item)]
            words = [w for w in words if w and w.lower() != "and" and not _ROMAN.match(w)]
            for word in words:
                status = self._classify(word)
                if status == word:
                    found = True
                elif status is not None and (len(words) == 1 or _code_like(word)):
                    found = True
                    case.append((word, status))
                elif len(words) == 1 or _code_like(word):
                    unknown.append((word, nearest(word, self.codes)[0]))
                else:
                    prose = True
        if prose and not found and not unknown:
            unknown.append((" ".join(value.split()), None))
        return Leads(tuple(unknown), tuple(case))

    def _classify(self, token: str) -> str | None:
        """The code as Lists spells it (token itself when exact); None if unknown."""
        if token in self.known or (token[-1:] in "sS" and token[:-1] in self.known):
            return token
        canonical = self.folded.get(token.lower())
        if canonical is None and token[-1:] in "sS":
            canonical = self.folded.get(token[:-1].lower())
        return canonical
