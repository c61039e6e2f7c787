"""A hub's folder as `smep init` lays it out: the master workbook, editable copies of the
templates its settings name, the letters folder and a "Start here" page. A file that is
already there is never replaced: staff may have edited it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from smep_xl import layout as L
from smep_xl import resources
from smep_xl.errors import SmepError

MASTER_NAME = "SMEP_Master.xlsm"
START_HERE = "Start here.txt"
TEMPLATE_SETTINGS = (L.S_LETTER_TEMPLATE, L.S_AUDIT_TEMPLATE, L.S_EMAIL_TEMPLATE, L.S_EMAIL_HTML_TEMPLATE)


@dataclass
class Laid:
    made: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def lay_out(folder: Path, make_workbook: Callable[[Path], None], start_here: Callable[[dict], str]) -> Laid:
    """Everything a hub needs in folder; make_workbook writes the master workbook to a path."""
    laid = Laid()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        workbook = folder / MASTER_NAME
        _once(laid, folder, workbook, make_workbook)
        names = _settings_paths(workbook)
        for setting in TEMPLATE_SETTINGS:
            if not names[setting]:
                continue
            target = _inside(folder, names[setting])
            shipped = resources.template(target.name)
            if shipped.is_file():
                _once(laid, folder, target, partial(_copy, shipped))
        letters = _inside(folder, names[L.S_OUTPUT_FOLDER])
        _once(laid, folder, letters, lambda path: path.mkdir(parents=True))
        text = start_here({"workbook": MASTER_NAME, **names})
        _once(
            laid,
            folder,
            folder / START_HERE,
            lambda path: path.write_text(text, encoding="utf-8-sig", newline="\r\n"),
        )
    except OSError as exc:
        raise SmepError(f"cannot lay out {folder} ({exc.strerror or exc}); choose another folder.") from None
    return laid


def _once(laid: Laid, folder: Path, path: Path, make: Callable[[Path], object]) -> None:
    shown = str(path.relative_to(folder))
    if path.exists():
        laid.kept.append(shown)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    make(path)
    laid.made.append(shown)


def _copy(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)


def _inside(folder: Path, named: str) -> Path:
    path = Path(named.strip() or ".")
    return path if path.is_absolute() else folder / path


def _settings_paths(workbook: Path) -> dict[str, str]:
    """Where the workbook's settings put the templates and the letters."""
    from smep_xl.adapters.xlsx.workbook import open_workbook
    from smep_xl.domain.settings import settings_from_frame

    book = open_workbook(str(workbook), read_only=True)
    try:
        settings = settings_from_frame(book.read_table(L.SETTINGS).frame)
    finally:
        book.close()
    wanted = (*TEMPLATE_SETTINGS, L.S_OUTPUT_FOLDER)
    return {name: settings.text(name) for name in wanted}
