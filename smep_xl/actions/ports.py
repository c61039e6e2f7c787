"""The ports an action is handed by whoever runs it (the command line, a ribbon button, a test).

Files is every file and folder an action touches besides the workbook (adapters/files: the real
disk, and a fake for tests); LetterWriter makes Word letters (adapters/docx). Errors from the
disk come back as OSError, so the action says what they mean to the person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Protocol

Progress = Callable[[int, int], None]  # (done, total)


class Files(Protocol):
    def beside(self, named: str) -> Path:
        """A path named in Settings, read from the workbook's folder unless absolute."""

    def template(self, named: str) -> Path:
        """Where the template named in Settings is (it may not exist)."""

    def is_file(self, path: Path) -> bool: ...

    def names_in(self, folder: Path) -> set[str]:
        """What is in the folder now (nothing when it is not there)."""

    def make_folder(self, folder: Path) -> None:
        """Make the folder (and its parents) if missing; OSError if it cannot be."""

    def check_writable(self, folder: Path) -> None:
        """OSError unless a file can be written in the folder."""

    def shown(self, folder: Path) -> str:
        """The folder as the workbook records it: relative to the workbook's folder when inside."""

    def write_text(self, path: Path, text: str) -> None: ...

    def show(self, folder: Path) -> None:
        """Open the folder for the person (File Explorer)."""


class LetterTemplate(Protocol):
    name: str

    def check(self, supplied: Iterable[str], sample: Mapping | None = None) -> None:
        """Raise SmepError naming every field the data lacks and every template error."""

    def write_all(
        self, letters: list[tuple[Mapping, Path]], progress: Progress | None = None
    ) -> list[str | None]:
        """Write every (data, file) letter; for each, None when written, else why not."""


class LetterWriter(Protocol):
    def open_template(self, path: Path) -> LetterTemplate: ...

    def combine(self, letters: list[Path], target: Path) -> None:
        """One document of all the letters, each on a new page."""

    def pdf_problem(self) -> str | None:
        """Why PDFs cannot be made here (LibreOffice missing), or None."""

    def to_pdf(self, files: list[Path], folder: Path) -> list[Path]: ...
