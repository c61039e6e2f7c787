"""What E-mail letters is asked to do, as one value: built by the command line from its flags
and by the ribbon button, with the ports it is to use."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from smep_xl.actions.ports import Files, LetterWriter, Post, Progress


@dataclass(frozen=True)
class EmailOptions:
    files: Files  # the letters, the templates, the drafts folder
    post: Post  # makes the messages and drafts, and sends through SMTP
    writer: LetterWriter | None = (
        None  # turns a letter into PDF when no PDF is beside it (Email Attachment = PDF)
    )
    out_dir: Path | None = (
        None  # drafts folder (default: the Email Drafts Folder setting, beside the workbook)
    )
    urns: tuple[str, ...] = ()  # these schools' latest letters, even if e-mailed before
    every: bool = False  # every school's latest letter, even if e-mailed before
    dry_run: bool = False  # check and list; make and send nothing
    today: date | None = None  # the day the e-mail's fields are dated (default: today)
    now: Callable[[], datetime] = datetime.now  # the clock the log's times come from
    pause: Callable[[float], None] = time.sleep  # how the rate limit waits
    timeout: float = 60.0  # seconds to wait for the SMTP server's answer
    persist: Callable[[], None] | None = None  # after the Email Log is saved: keep it on disk (live Excel)
    progress: Progress | None = None  # told (done, total) as e-mails are made or sent
