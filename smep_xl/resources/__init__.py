"""smep-xl's own files, found through importlib.resources wherever smep-xl is installed.

The letter templates, the Excel side (VBA module, ribbon and its schema) and the master
workbook are kept in the source tree's templates/, macros/ and workbooks/ folders; setup.py
ships each as a package under this one (smep_xl.resources.templates, ...), so a wheel carries
them and an editable install reads them in place. Nothing here looks at the source tree.
"""

from __future__ import annotations

import atexit
import contextlib
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from smep_xl.errors import SmepError

TEMPLATES, MACROS, WORKBOOKS = "templates", "macros", "workbooks"
MASTER_WORKBOOK = "SMEP_Master.xlsm"
RIBBON = "customUI14.xml"
RIBBON_SCHEMA = "customUI14.xsd"

_extracted = contextlib.ExitStack()  # files copied out of a zipped install live until exit
atexit.register(_extracted.close)


def folder(kind: str) -> Traversable:
    """One of the folders smep-xl ships (TEMPLATES, MACROS, WORKBOOKS)."""
    try:
        return resources.files(f"{__name__}.{kind}")
    except ModuleNotFoundError:
        raise SmepError(
            f"smep-xl's own {kind} are not installed with it. Install smep-xl with pip "
            "(pip install smep-xl, or pip install -e on the source folder), then run again."
        ) from None


def folder_path(kind: str) -> Path:
    """One of the shipped folders as a folder on disk."""
    found = folder(kind)
    return found if isinstance(found, Path) else _extracted.enter_context(resources.as_file(found))


def names(kind: str, suffix: str) -> list[str]:
    """The names of the shipped files of one kind that end in suffix, sorted."""
    return sorted(item.name for item in folder(kind).iterdir() if item.name.endswith(suffix))


def path(kind: str, name: str) -> Path:
    """A shipped file as a path on disk (it may not exist: check before use)."""
    item = folder(kind) / name
    if isinstance(item, Path):
        return item
    if not item.is_file():
        return Path(str(item))
    return _extracted.enter_context(resources.as_file(item))


def template(name: str) -> Path:
    return path(TEMPLATES, name)


def master_workbook() -> Path:
    return path(WORKBOOKS, MASTER_WORKBOOK)
