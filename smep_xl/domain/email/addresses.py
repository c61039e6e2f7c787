"""Addresses from the workbook's cells, checked before any message is made.

A school's e-mail goes to its Schools Email; when that is blank, to an address written in its
Music Lead cell ("Jo Bloggs <jo@school.org>" or "Jo Bloggs jo@school.org"). Several addresses
in one cell (separated by ; , spaces or new lines) all receive the e-mail, with a warning, so
staff see that more than one person gets it. A piece that is not an address stops that
school's e-mail (an error at the cell): a typo must not send a letter to a stranger, nor lose
it silently. Addresses are plain ASCII (local@domain.tld), as school and hub mail systems use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.utils import getaddresses

_ADDRESS = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
_SEPARATORS = re.compile(r"[;,\s]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u0085]+")


@dataclass(frozen=True)
class Mailbox:
    name: str  # who it is, as the header shows it ("" when not known)
    address: str


@dataclass
class CellAddresses:
    """What one cell holds: its good addresses, and the pieces that are not addresses."""

    good: list[Mailbox] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)


def is_address(text: str) -> bool:
    return len(text) <= 254 and bool(_ADDRESS.fullmatch(text))


def one_line(text: str) -> str:
    """Text safe for one header line: line breaks and other control characters become spaces."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def read_cell(cell: str, name: str = "", names_allowed: bool = False) -> CellAddresses:
    """The addresses in a cell. names_allowed: words without an @ are a person's name (a Music
    Lead cell), not a bad address."""
    out = CellAddresses()
    cell = cell.strip()
    if not cell:
        return out
    if "<" in cell:
        pieces = getaddresses([re.sub(r"[;\r\n]+", ",", cell)])
        for shown, address in pieces:
            _take(out, address.strip(), one_line(shown) or name, names_allowed=False)
        if not pieces:
            out.bad.append(cell)
        return out
    words = [w for w in _SEPARATORS.split(cell) if w]
    spoken = " ".join(w for w in words if "@" not in w)
    for word in words:
        if "@" in word or not names_allowed:
            _take(out, word, (spoken if names_allowed else "") or name, names_allowed)
    return out


def _take(out: CellAddresses, word: str, name: str, names_allowed: bool) -> None:
    word = word.strip().strip("<>()[]\"'").removeprefix("mailto:")
    if is_address(word):
        if word.lower() not in {m.address.lower() for m in out.good}:
            out.good.append(Mailbox(one_line(name), word))
    elif word:
        out.bad.append(word)
