"""Open a folder with the operating system's own file manager, chosen by platform.

Windows: os.startfile (File Explorer). macOS: `open` (Finder). Anything else: `xdg-open`
(the desktop's file manager). The platform and the two ways of starting are parameters,
so each choice is tested on any machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from smep_xl.errors import SmepError

Launch = Callable[[Sequence[str]], object]


def command_for(platform: str) -> str | None:
    """The program that opens a folder on this platform (None: Windows' own startfile)."""
    if platform.startswith("win"):
        return None
    return "open" if platform == "darwin" else "xdg-open"


def open_folder(
    folder: Path,
    platform: str = sys.platform,
    startfile: Callable[[str], object] | None = None,
    launch: Launch | None = None,
) -> None:
    """Show the folder to the person; one clear line when this computer cannot."""
    program = command_for(platform)
    try:
        if program is None:
            (startfile or os.startfile)(str(folder))  # type: ignore[attr-defined]  # Windows only
        else:
            (launch or _launch)([program, str(folder)])
    except (OSError, AttributeError) as exc:
        raise SmepError(
            f"The folder could not be opened here ({getattr(exc, 'strerror', None) or exc}); it is {folder}."
        ) from None


def _launch(argv: Sequence[str]) -> object:
    """Started, not waited for: the file manager stays open after the button is done."""
    return subprocess.Popen(list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
