"""PDFs of the letters: LibreOffice, headless, one process for the whole batch.

Starting LibreOffice takes seconds and converting a letter a fraction of one, so every file
goes to one `soffice --convert-to pdf` call (split only if the command line would grow past
what Windows allows). A private profile folder lets it run beside a LibreOffice staff have open.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from smep_xl.errors import SmepError
from smep_xl.ooxml.atomic import place_new

_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
)
MAX_COMMAND = 30_000  # characters; Windows allows 32,767
NOT_INSTALLED = (
    "PDFs need LibreOffice, which is not installed here (no 'soffice' program was found). "
    "Install it from https://www.libreoffice.org, or run without --pdf."
)


def find_soffice() -> str | None:
    """The LibreOffice program: SMEP_SOFFICE, then the PATH, then the usual install folders."""
    chosen = os.environ.get("SMEP_SOFFICE")
    if chosen:
        return chosen if Path(chosen).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _PLACES if Path(p).is_file()), None)


def pdf_problem() -> str | None:
    return None if find_soffice() else NOT_INSTALLED


def to_pdf(files: list[Path], folder: Path, timeout_per_file: float = 5.0) -> list[Path | None]:
    """A PDF of each .docx in `folder`, in order (None where LibreOffice made none). Each is made
    in a private folder first and then given its letter's name, or the next free one ("NAME (2).pdf")
    when a file of that name is there: a PDF never replaces another file."""
    soffice = find_soffice()
    if soffice is None:
        raise SmepError(NOT_INSTALLED)
    profile = tempfile.mkdtemp(prefix="smep-libreoffice-")
    made_in = Path(tempfile.mkdtemp(prefix=".smep-pdf-", dir=folder))  # same disk: moved by a rename
    try:
        for batch in _batches([str(f) for f in files], len(soffice) + len(str(made_in)) + 200):
            _convert(soffice, profile, made_in, batch, timeout_per_file)
        return [_place(made_in / (Path(f).stem + ".pdf"), Path(folder)) for f in files]
    finally:
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(made_in, ignore_errors=True)


def _convert(soffice: str, profile: str, outdir: Path, batch: list[str], timeout_per_file: float) -> None:
    command = [
        soffice,
        f"-env:UserInstallation={Path(profile).as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        *batch,
    ]
    try:
        subprocess.run(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
            timeout=60 + timeout_per_file * len(batch),
        )
    except subprocess.TimeoutExpired:
        pass  # whatever was made is kept; the rest are reported as not made
    except OSError as exc:
        raise SmepError(f"LibreOffice ({soffice}) could not be started: {exc}. {NOT_INSTALLED}") from exc


def _place(made: Path, folder: Path) -> Path | None:
    """The PDF into the folder under its own name, or the next free one."""
    if not made.is_file():
        return None
    for n in range(1, 10_000):
        target = folder / (made.stem + ("" if n == 1 else f" ({n})") + ".pdf")
        try:
            place_new(str(made), str(target))
            return target
        except FileExistsError:
            continue
        except OSError:
            return None
    return None


def _batches(paths: list[str], overhead: int) -> list[list[str]]:
    batches: list[list[str]] = [[]]
    size = overhead
    for path in paths:
        if batches[-1] and size + len(path) + 3 > MAX_COMMAND:
            batches.append([])
            size = overhead
        batches[-1].append(path)
        size += len(path) + 3
    return [b for b in batches if b]
