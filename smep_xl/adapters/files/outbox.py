"""Files that go out as one transaction with the log that records them (letters and the Letter
Log; e-mail drafts and the Email Log), so that after a failure at any point each file ends up
once in its folder and once in the log.

A run writes its files into a staging folder inside the output folder, beside a small journal
(the run's time stamp and each file's name and log entry). Then the log is saved; then the
files are moved into place and the staging folder removed. Any later run first recovers what
an unfinished run left: when the log has the run's rows it is rolled forward (the files still
staged are moved into place), when not it is rolled back (the staged files are removed; they
were never logged, so they are written again if still due).

The staging folder is named after the workbook, so two workbooks sharing an output folder
never touch each other's runs; the workbook's lock means only one run of a workbook at a time.
Disk work goes through a store, the Files port's primitives (disk.py, or fake.py in tests).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Protocol

JOURNAL = "journal.json"
Logged = Callable[[str, list[str]], bool]  # (time stamp, log entries) -> the log has that run's rows


class Store(Protocol):
    def names_in(self, folder: Path) -> set[str]: ...
    def make_folder(self, folder: Path) -> None: ...
    def write_text(self, path: Path, text: str) -> None: ...
    def read_text(self, path: Path) -> str: ...
    def move(self, source: Path, target: Path, replace: bool) -> None: ...
    def remove_tree(self, folder: Path) -> None: ...
    def is_file(self, path: Path) -> bool: ...
    def flush(self) -> None: ...


class Outbox:
    def __init__(self, store: Store, folder: Path, owner: str, noun: str = "letter"):
        """owner: the workbook's file name; noun: what the files are, for the messages."""
        self.store, self.folder, self.noun = store, Path(folder), noun
        self.prefix = f".smep-{hashlib.sha1(owner.lower().encode('utf-8')).hexdigest()[:8]}-"
        self.staging: Path | None = None
        self._stamp = ""
        self._files: list[list] = []

    # -- an earlier run's leftovers
    def recover(self, logged: Logged) -> list[str]:
        """Finish or undo every unfinished run of this workbook; one line per run on what was done."""
        done = []
        for name in sorted(self.store.names_in(self.folder)):
            if name.startswith(self.prefix):
                done.append(self._recover(self.folder / name, logged))
        return [line for line in done if line]

    def _recover(self, staging: Path, logged: Logged) -> str:
        try:
            journal = json.loads(self.store.read_text(staging / JOURNAL))
            stamp, files = journal["stamp"], journal["files"]
        except (OSError, ValueError, KeyError, TypeError):
            self._remove(staging)  # stopped before its journal was written: nothing was logged
            return ""
        when = _shown(stamp)
        if logged(stamp, [entry for _, entry, _ in files]):
            left = self._move_all(staging, files)
            if left:
                return (
                    f"An unfinished run of {when} is in the log, but {len(left)} of its {self.noun}s could not "
                    f"be put in {self.folder} ({left[0][1]}); they wait in {staging.name}, and the next run "
                    "tries again."
                )
            return f"An unfinished run of {when} was finished: its {self._count(files)} are in the log and now in {self.folder}."
        self._remove(staging)
        return (
            f"An unfinished run of {when} was undone: its {self._count(files)} never reached the log, so they "
            "were removed (any still due are written now)."
        )

    # -- this run
    def begin(self, stamp: str, files: list[tuple[str, str, bool]]) -> Path:
        """Start a run: its staging folder and journal. files: (file name, its log entry, whether it
        may replace a file of that name, the same letter's older copy). Returns the staging folder."""
        run = f"{self.prefix}{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}"
        self.staging = self.folder / run
        self._stamp, self._files = stamp, [list(f) for f in files]
        self.store.make_folder(self.staging)
        self._write_journal()
        return self.staging

    def staged(self, names: list[str]) -> None:
        """The files were written: keep only those in the journal, and flush them to the disk
        before the log that names them is saved."""
        keep = set(names)
        self._files = [f for f in self._files if f[0] in keep]
        self._write_journal()
        self.store.flush()

    def _write_journal(self) -> None:
        journal = {"stamp": self._stamp, "files": self._files}
        self.store.write_text(self.staging / JOURNAL, json.dumps(journal, ensure_ascii=False))

    def commit(self) -> list[tuple[str, str]]:
        """After the log is saved: every staged file into place; (name, why) of any that could not be."""
        left = self._move_all(self.staging, self._files)
        self.staging = None if not left else self.staging
        return left

    def abort(self) -> str:
        """Before the log is saved (it failed): remove the staged files; what is left, in words."""
        if self.staging is None:
            return ""
        staging, self.staging = self.staging, None
        try:
            self.store.remove_tree(staging)
        except OSError:
            return (
                f"The {self.noun}s written for this run wait in {staging}, not in the log; the next run removes "
                "them."
            )
        return f"No {self.noun} of this run was kept: none is in the log."

    # -- moving and removing
    def _move_all(self, staging: Path, files: list) -> list[tuple[str, str]]:
        left = []
        for name, _entry, replace in files:
            source = staging / name
            if not self.store.is_file(source):
                continue  # moved before the run stopped
            try:
                self.store.move(source, self.folder / name, replace)
            except FileExistsError:
                left.append((name, f"another file called {name} is there now"))
            except OSError as exc:
                left.append((name, f"{name}: {exc.strerror or exc}"))
        if not left:
            self._remove(staging)
        return left

    def _remove(self, staging: Path) -> None:
        with contextlib.suppress(OSError):  # if not now, the next run removes it
            self.store.remove_tree(staging)

    def _count(self, files: list) -> str:
        return f"{len(files)} {self.noun}{'' if len(files) == 1 else 's'}"


def _shown(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).strftime("%d/%m/%Y %H:%M:%S")
    except ValueError:
        return stamp
