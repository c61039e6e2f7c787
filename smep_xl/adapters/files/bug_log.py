"""smep-error.log: where the traceback of something unexpected goes, for whoever looks after SMEP."""

from __future__ import annotations

import os
import tempfile
import traceback
from datetime import datetime

LOG_NAME = "smep-error.log"


def log_path(folder: str | None) -> str:
    """smep-error.log in the folder; in the temporary folder when there is none."""
    return os.path.join(folder or tempfile.gettempdir(), LOG_NAME)


def append_bug(folder: str | None, bug: BaseException) -> str:
    """Append the traceback to the log (the temporary folder's if the folder's cannot be written);
    returns where it went."""
    entry = f"--- {datetime.now().isoformat(timespec='seconds')}\n" + "".join(traceback.format_exception(bug))
    for path in dict.fromkeys((log_path(folder), log_path(None))):
        try:
            with open(path, "a", encoding="utf-8") as log:
                log.write(entry)
            return path
        except OSError:
            continue
    return "(no log could be written)"
