"""The files a command is given to read (a GIAS extract and its links file)."""

from __future__ import annotations

from pathlib import Path

from smep_xl.errors import SmepError


def read_input(path: str | Path, what: str) -> bytes:
    """The whole file, or one SmepError that says what is wrong with the path."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise SmepError(f"The {what} {path} does not exist: check the path.") from None
    except IsADirectoryError:
        raise SmepError(f"{path} is a folder; give the {what} itself (a .csv file).") from None
    except OSError as bad:
        raise SmepError(f"The {what} {path} cannot be read ({bad.strerror}).") from None


def links_beside(gias_csv: str | Path) -> Path | None:
    """GIAS's download puts links_edubasealldataDATE.csv next to edubasealldataDATE.csv."""
    path = Path(gias_csv)
    sibling = path.with_name("links_" + path.name)
    return sibling if path.name.lower().startswith("edubase") and sibling.is_file() else None
