"""The Files port (actions/ports.py) on the real disk.

A path named in Settings (a template, the Output Folder) is read from the workbook's folder,
the base this is made with. Errors from the disk are raised as OSError: the action that asked
knows what to tell the person.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from smep_xl import resources
from smep_xl.adapters.files.outbox import Outbox
from smep_xl.ooxml.atomic import place_new, write_file


class DiskFiles:
    def __init__(self, base: str | Path | None):
        """base: the workbook's folder ('' or None: the current folder)."""
        self.base = Path(base) if base else Path.cwd()

    def beside(self, named: str) -> Path:
        """A path named in Settings: as it is when absolute, else in the workbook's folder."""
        path = Path(named.strip() or ".")
        return path if path.is_absolute() else self.base / path

    def template(self, named: str) -> Path:
        """The template named in Settings, from the workbook's folder. The usual name
        (templates/feedback_letter.docx) falls back to the copy shipped with smep-xl, as the demo
        needs; a template of the hub's own that is missing is reported, never silently replaced."""
        path = self.beside(named)
        if path.is_file() or Path(named.strip()).parent != Path("templates"):
            return path
        ours = resources.template(Path(named.strip()).name)
        return ours if ours.is_file() else path

    def is_file(self, path: Path) -> bool:
        return path.is_file()

    def names_in(self, folder: Path) -> set[str]:
        """The names of what is in a folder (none when it is not there yet)."""
        try:
            return set(os.listdir(folder))
        except OSError:
            return set()

    def make_folder(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)

    def check_writable(self, folder: Path) -> None:
        """Prove a file can be made in the folder, before the first real one is."""
        with tempfile.TemporaryFile(dir=folder):
            pass

    def shown(self, folder: Path) -> str:
        """How to name a folder in the workbook: relative to the workbook's folder when inside it."""
        try:
            shown = str(folder.resolve().relative_to(self.base.resolve()))
        except ValueError:
            return str(folder.resolve())
        return "" if shown == "." else shown

    def write_text(self, path: Path, text: str, replace: bool = True) -> None:
        """Written whole or not at all; replace=False never writes over a file (FileExistsError)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        write_file(str(path), lambda out: out.write(data), replace=replace)

    def read_text(self, path: Path) -> str:
        return path.read_text(encoding="utf-8")

    def same_file(self, one: Path, other: Path) -> bool:
        """Whether two paths name one file (through links, and however each is spelt)."""
        try:
            return os.path.samefile(one, other)
        except OSError:
            return os.path.realpath(one) == os.path.realpath(other)

    def move(self, source: Path, target: Path, replace: bool) -> None:
        """Rename within one folder tree; replace=False never writes over a file (FileExistsError)."""
        if replace:
            os.replace(source, target)
        else:
            place_new(str(source), str(target))

    def remove_tree(self, folder: Path) -> None:
        if folder.exists():
            shutil.rmtree(folder)

    def flush(self) -> None:
        """Everything written so far onto the disk (before a log that names it is saved)."""
        if hasattr(os, "sync"):
            os.sync()

    def outbox(self, folder: Path, owner: str, noun: str = "letter") -> Outbox:
        return Outbox(self, folder, owner, noun)

    def show(self, folder: Path) -> None:
        """Open the folder in File Explorer (Finder, the desktop's file manager)."""
        from smep_xl.adapters.files.opener import open_folder

        open_folder(folder)
