"""The GIAS establishment extract: read the DfE's CSV into the few fields the hub uses.

Get Information About Schools publishes every establishment in England as
`edubasealldataYYYYMMDD.csv` (about 140 columns) and the links between establishments
(predecessor / successor, e.g. an academy conversion) as `links_edubasealldataYYYYMMDD.csv`.
Columns are found by their header, never by position, so a file with columns added,
removed or reordered still reads. Anything that makes the file doubtful raises SmepError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from smep_xl.domain.gias.csv_text import decode, read_rows
from smep_xl.errors import SmepError

# GIAS column headers (the DfE's names, as in the CSV's first row).
URN = "URN"
LA_CODE = "LA (code)"
LA_NAME = "LA (name)"
NAME = "EstablishmentName"
TYPE = "TypeOfEstablishment (name)"
TYPE_GROUP = "EstablishmentTypeGroup (name)"
STATUS = "EstablishmentStatus (name)"
OPENED_REASON = "ReasonEstablishmentOpened (name)"
OPEN_DATE = "OpenDate"
CLOSED_REASON = "ReasonEstablishmentClosed (name)"
CLOSE_DATE = "CloseDate"
PHASE = "PhaseOfEducation (name)"
PUPILS = "NumberOfPupils"
TRUST = "Trusts (name)"
STREET = "Street"
LOCALITY = "Locality"
ADDRESS3 = "Address3"
TOWN = "Town"
POSTCODE = "Postcode"
HEAD_TITLE = "HeadTitle (name)"
HEAD_FIRST = "HeadFirstName"
HEAD_LAST = "HeadLastName"
DISTRICT = "DistrictAdministrative (name)"

REQUIRED = (URN, NAME, LA_CODE, STATUS)
OPTIONAL = (
    LA_NAME,
    TYPE,
    TYPE_GROUP,
    OPENED_REASON,
    OPEN_DATE,
    CLOSED_REASON,
    CLOSE_DATE,
    PHASE,
    PUPILS,
    TRUST,
    STREET,
    LOCALITY,
    ADDRESS3,
    TOWN,
    POSTCODE,
    HEAD_TITLE,
    HEAD_FIRST,
    HEAD_LAST,
    DISTRICT,
)
DATES = (OPEN_DATE, CLOSE_DATE)

# The links file.
LINK_URN = "LinkURN"
LINK_NAME = "LinkName"
LINK_TYPE = "LinkType"
LINK_DATE = "LinkEstablishedDate"

_DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y")  # GIAS writes dd-mm-yyyy; Excel re-saves as dd/mm/yyyy


@dataclass(frozen=True)
class GiasLink:
    """One row of the links file: `urn` names `link_urn` as its successor, predecessor, ..."""

    urn: int
    link_urn: int
    link_type: str  # "Successor", "Predecessor - merged", "Sixth Form Centre Link", ...
    link_name: str = ""
    established: date | None = None

    @property
    def succession(self) -> tuple[int, int] | None:
        """(old URN, new URN) when the link is a succession, whichever side it is written from."""
        kind = self.link_type.strip().lower()
        if kind.startswith("successor"):
            return self.urn, self.link_urn
        if kind.startswith("predecessor"):
            return self.link_urn, self.urn
        return None


@dataclass(frozen=True)
class GiasExtract:
    """Establishments by URN: `frame` holds the columns found (text, blank = ""; dates as date)."""

    frame: pd.DataFrame  # index = URN (int); columns = GIAS headers present among REQUIRED + OPTIONAL
    lines: dict[int, int]  # URN -> line in the file, for messages
    name: str = "the GIAS file"
    links: tuple[GiasLink, ...] = ()

    def has(self, column: str) -> bool:
        return column in self.frame.columns

    def successions(self) -> set[tuple[int, int]]:
        """Every (old URN, new URN) pair the links name."""
        return {pair for pair in (link.succession for link in self.links) if pair}


def read_gias(raw: bytes, name: str = "the GIAS file") -> GiasExtract:
    """Read a GIAS establishment CSV (bytes as downloaded) or raise SmepError saying what is wrong."""
    header, rows = read_rows(decode(raw, name), name)
    where = _find_columns(header, REQUIRED + OPTIONAL)
    missing = [c for c in REQUIRED if c not in where]
    if missing:
        raise SmepError(_not_gias(name, header, missing))
    records: dict[int, list[object]] = {}
    lines: dict[int, int] = {}
    wanted = list(where.items())
    for line, values in rows:
        urn = _urn(values[where[URN]], line, name)
        if urn in lines:
            raise SmepError(
                f"URN {urn} appears twice in {name} (lines {lines[urn]} and {line}); "
                "a GIAS file lists each establishment once. Download it again."
            )
        lines[urn] = line
        records[urn] = [_cell(column, values[i], line, name) for column, i in wanted]
    if not records:
        raise SmepError(
            f"{name} has column headers but no establishments: it looks cut short. Download it again."
        )
    frame = pd.DataFrame.from_dict(records, orient="index", columns=[c for c, _ in wanted], dtype=object)
    frame.index.name = URN
    return GiasExtract(frame, lines, name)


def read_links(raw: bytes, name: str = "the GIAS links file") -> tuple[GiasLink, ...]:
    """Read `links_edubasealldataYYYYMMDD.csv` (URN, LinkURN, LinkName, LinkType, LinkEstablishedDate)."""
    header, rows = read_rows(decode(raw, name), name)
    where = _find_columns(header, (URN, LINK_URN, LINK_NAME, LINK_TYPE, LINK_DATE))
    missing = [c for c in (URN, LINK_URN, LINK_TYPE) if c not in where]
    if missing:
        raise SmepError(
            f"{name} is not a GIAS links file: it has no {_quoted(missing)} column. "
            "Pass the links_edubasealldata....csv file from the GIAS download."
        )
    links = []
    for line, values in rows:

        def get(column: str, values: list[str] = values) -> str:
            return values[where[column]].strip() if column in where else ""

        links.append(
            GiasLink(
                _urn(get(URN), line, name),
                _urn(get(LINK_URN), line, name),
                get(LINK_TYPE),
                get(LINK_NAME),
                _date(get(LINK_DATE), LINK_DATE, line, name),
            )
        )
    return tuple(links)


def parse_la_codes(value: object) -> tuple[str, ...]:
    """'855, 856' or '855 856' (or a list of such) -> ('855', '856'); SmepError if one is not a code."""
    parts = value if isinstance(value, (list, tuple)) else [value]
    codes: list[str] = []
    for token in (t for part in parts for t in re.split(r"[\s,;]+", str(part or "").strip()) if t):
        if not token.isdigit():
            raise SmepError(
                f"'{token}' is not a local authority code: use the number GIAS shows in "
                "'LA (code)', e.g. 855 for Leicestershire."
            )
        code = str(int(token))
        if code not in codes:
            codes.append(code)
    return tuple(codes)


def _find_columns(header: list[str], wanted: tuple[str, ...]) -> dict[str, int]:
    """Header name -> position, matching exactly, then ignoring case and spaces."""
    exact = {h: i for i, h in reversed(list(enumerate(header)))}
    loose = {_squash(h): i for i, h in reversed(list(enumerate(header)))}
    found = {}
    for column in wanted:
        i = exact.get(column, loose.get(_squash(column)))
        if i is not None:
            found[column] = i
    return found


def _squash(header: str) -> str:
    return re.sub(r"\s+", "", header).lower()


def _not_gias(name: str, header: list[str], missing: list[str]) -> str:
    if _squash(LINK_URN) in {_squash(h) for h in header}:
        return (
            f"{name} is the GIAS links file, not the establishment data: pass the "
            "edubasealldata....csv file, and this one with --links."
        )
    return (
        f"{name} is not GIAS establishment data: it has no {_quoted(missing)} column. "
        "Download 'Establishment fields' (edubasealldata....csv) from Get Information About Schools."
    )


def _quoted(columns: list[str]) -> str:
    return " or ".join(f"'{c}'" for c in columns)


def _urn(value: str, line: int, name: str) -> int:
    text = value.strip()
    if not text.isdigit():
        shown = f"'{text}'" if text else "blank"
        raise SmepError(
            f"Line {line} of {name} has URN {shown}, which is not a URN (a number). Download the file again."
        )
    return int(text)


def _cell(column: str, value: str, line: int, name: str) -> object:
    text = value.strip()
    return _date(text, column, line, name) if column in DATES else text


def _date(text: str, column: str, line: int, name: str) -> date | None:
    if not text:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise SmepError(
        f"Line {line} of {name} has {column} '{text}', which is not a date in the GIAS "
        "form dd-mm-yyyy. Download the file again rather than editing it."
    )
