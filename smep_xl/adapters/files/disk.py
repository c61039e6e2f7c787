"""The Files port (actions/ports.py) on the real disk.

A path named in Settings (a template, the Output Folder) is read from the workbook's folder,
the base this is made with. Errors from the disk are raised as OSError: the action that asked
knows what to tell the person.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from smep_xl import resources


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

    def write_text(self, path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def show(self, folder: Path) -> None:
        """Open the folder in File Explorer (Finder, the desktop's file manager)."""
        from smep_xl.adapters.files.opener import open_folder

        open_folder(folder)
