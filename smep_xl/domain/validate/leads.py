"""Reading a Leads cell ("C&MM DHoS/SDM/SLE", "MLs/AMLs") as role codes from Lists.

Codes are split on /, comma, &, semicolon, + and spaces and the word "and"; a known code that
itself holds a separator (C&MM, T&L) is matched first, whole. A plural (MLs, SLEs) is the code.
Words run together that are not codes ("Champion Heads") are named as one phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from smep_xl.domain.validate.columns import nearest

_PLAIN = r"[^\s/,;&+]+"
_PUNCT = ".:;()[]{}'\"-–—*"
_ROMAN = re.compile(r"^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)$")


@dataclass(frozen=True)
class Leads:
    unknown: tuple[tuple[str, str | None], ...] = ()  # (phrase, nearest known code or None)
    case: tuple[tuple[str, str], ...] = ()  # (as typed, as Lists spells it)


class RoleCodes:
    """The Role Code list, ready to read many Leads cells (each distinct cell read once)."""

    def __init__(self, codes: list[str]):
        self.codes = [c for c in dict.fromkeys(c.strip() for c in codes) if c]
        self.known = set(self.codes)
        self.folded = {c.lower(): c for c in self.codes}
        joined = sorted((c for c in self.codes if re.search(r"[\s/,;&+]", c)), key=len, reverse=True)
        alternatives = [rf"(?<![A-Za-z0-9]){re.escape(c)}(?![A-Za-z0-9])" for c in joined] + [_PLAIN]
        self.pattern = re.compile("|".join(alternatives), re.IGNORECASE)
        self._read: dict[str, Leads] = {}

    def read(self, value: str) -> Leads:
        if value not in self._read:
            self._read[value] = self._parse(value)
        return self._read[value]

    def _parse(self, value: str) -> Leads:
        unknown: list[tuple[str, str | None]] = []
        case: list[tuple[str, str]] = []
        phrase: list[str] = []
        last_end = 0
        for m in self.pattern.finditer(value):
            token = m.group().strip(_PUNCT)
            joined = bool(phrase) and not value[last_end : m.start()].strip()
            last_end = m.end()
            if not joined:
                self._close(phrase, unknown)
            status = self._classify(token)
            if status is None:
                phrase.append(token)
            else:
                self._close(phrase, unknown)
                if status != token:
                    case.append((token, status))
        self._close(phrase, unknown)
        return Leads(tuple(unknown), tuple(case))

    def _classify(self, token: str) -> str | None:
        """The code as Lists spells it (token itself when exact); "" to ignore; None if unknown."""
        if not token or token.lower() == "and" or _ROMAN.match(token) or token in self.known:
            return token
        if token[-1:] in "sS" and token[:-1] in self.known:
            return token
        canonical = self.folded.get(token.lower())
        if canonical is None and token[-1:] in "sS":
            canonical = self.folded.get(token[:-1].lower())
        return canonical

    def _close(self, phrase: list[str], unknown: list[tuple[str, str | None]]) -> None:
        if phrase:
            text = " ".join(phrase)
            near = nearest(text, self.codes)[0] if len(phrase) == 1 else None
            unknown.append((text, near))
            phrase.clear()
