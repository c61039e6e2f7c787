"""The Files port in memory, for unit tests: which files exist, which folders were made, what
was written and shown. Nothing touches the disk."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from smep_xl.adapters.files.outbox import Outbox


class FakeFiles:
    def __init__(self, base: str | Path = "/hub", existing: Iterable[str | Path] = (), refuse: Iterable = ()):
        """existing: files that are there (relative to base, or absolute); refuse: folders that
        cannot be made or written to."""
        self.base = Path(base)
        self.files = {self.beside(str(p)) for p in existing}
        self.refused = {self.beside(str(p)) for p in refuse}
        self.folders: set[Path] = set()
        self.texts: dict[Path, str] = {}
        self.opened: list[Path] = []
        self.moved: list[tuple[Path, Path]] = []
        self.flushes = 0

    def beside(self, named: str) -> Path:
        path = Path(named.strip() or ".")
        return path if path.is_absolute() else self.base / path

    def template(self, named: str) -> Path:
        return self.beside(named)

    def is_file(self, path: Path) -> bool:
        return path in self.files

    def names_in(self, folder: Path) -> set[str]:
        return {p.name for p in self.files | self.folders if p.parent == folder}

    def make_folder(self, folder: Path) -> None:
        if folder in self.refused:
            raise PermissionError(13, "Permission denied")
        self.folders.add(folder)

    def check_writable(self, folder: Path) -> None:
        if folder in self.refused or folder not in self.folders:
            raise PermissionError(13, "Permission denied")

    def shown(self, folder: Path) -> str:
        try:
            shown = str(folder.relative_to(self.base))
        except ValueError:
            return str(folder)
        return "" if shown == "." else shown

    def write_text(self, path: Path, text: str, replace: bool = True) -> None:
        if path.parent in self.refused:
            raise PermissionError(13, "Permission denied")
        if not replace and path in self.files:
            raise FileExistsError(17, "File exists")
        self.add(path)
        self.texts[path] = text

    def read_text(self, path: Path) -> str:
        if path not in self.texts:
            raise FileNotFoundError(2, "No such file or directory")
        return self.texts[path]

    def same_file(self, one: Path, other: Path) -> bool:
        return self.beside(str(one)) == self.beside(str(other))

    def move(self, source: Path, target: Path, replace: bool) -> None:
        if not replace and target in self.files:
            raise FileExistsError(17, "File exists")
        self.files.discard(source)
        self.add(target)
        if source in self.texts:
            self.texts[target] = self.texts.pop(source)
        self.moved.append((source, target))

    def remove_tree(self, folder: Path) -> None:
        self.files = {p for p in self.files if folder not in p.parents}
        self.texts = {p: t for p, t in self.texts.items() if folder not in p.parents}
        self.folders = {f for f in self.folders if f != folder and folder not in f.parents}

    def flush(self) -> None:
        self.flushes += 1

    def outbox(self, folder: Path, owner: str, noun: str = "letter") -> Outbox:
        return Outbox(self, folder, owner, noun)

    def show(self, folder: Path) -> None:
        self.opened.append(folder)

    def add(self, path: Path) -> None:
        """A file made by someone else (a fake letter writer)."""
        self.files.add(path)
