"""What Generate letters is asked to do, as one value: built by the command line from its flags
and by the ribbon button, with the ports it is to use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from smep_xl.actions.ports import Files, LetterWriter, Progress


@dataclass(frozen=True)
class LettersOptions:
    files: Files  # the letters folder, the templates, the merge data file
    writer: LetterWriter | None = None  # makes the Word letters (needed unless export_data)
    out_dir: Path | None = None  # default: the Output Folder setting, beside the workbook
    urns: tuple[str, ...] = ()  # these schools' latest visits, even if written before
    all_visited: bool = False  # every visited school's latest visit, even if written before
    audit: bool = False  # pre-visit audit forms (Audit Form Template) instead of letters
    dry_run: bool = False  # check and list; write nothing
    pdf: bool = False  # also a PDF of every letter and the print pack
    combined: bool = False  # also one print pack of all the letters
    export_data: Path | None = None  # write the merge data as JSON there, and no letters
    overwrite: bool = False  # export_data may replace a file that is there (never the workbook or template)
    workbook: Path | None = None  # the workbook file itself, which no output may ever replace
    today: date | None = None  # the date on the letters (default: today)
    progress: Progress | None = None  # told (done, total) as letters are written
