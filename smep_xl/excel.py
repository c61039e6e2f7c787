"""What the SMEP ribbon buttons run (macros/SMEP.bas: RunPython "...smep_xl.excel.<verb>()").

The only caller of xw.Book.caller(). Each button takes the book as a parameter (Excel passes
none; tests pass one), wraps it in the live adapter and calls the same action function as
the command line. While it writes, screen updating is off and the status bar says what is
happening. Then one alert: the outcome, or what stopped it. A SmepError (a broken
environment) shows its own message; anything else is a bug: a short alert, and the
traceback appended to smep-error.log next to the workbook.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from datetime import datetime

from smep_xl import layout as L
from smep_xl.adapters.live.workbook import LiveWorkbook
from smep_xl.errors import SmepError

TITLE = "SMEP"
LOG_NAME = "smep-error.log"
# button verb -> (module, function, label on the ribbon); the CLI runs the same functions
ACTIONS = {
    "validate": ("smep_xl.actions.validate", "validate", "Validate grid"),
    "refresh": ("smep_xl.actions.refresh", "refresh", "Refresh"),
    "letters": ("smep_xl.actions.letters", "letters", "Generate letters"),
}


def validate(book=None) -> str | None:
    """Validate grid: every problem in the input sheets onto Findings."""
    return _action_button("validate", book)


def refresh(book=None) -> str | None:
    """Refresh: RAG, coverage, computed columns and the Dashboard."""
    return _action_button("refresh", book)


def letters(book=None) -> str | None:
    """Generate letters: the Word letters that are due, logged on Letter Log."""
    return _action_button("letters", book)


def open_letters(book=None, opener: Callable[[str], None] | None = None) -> str | None:
    """Open letters folder: the Output Folder setting, beside the workbook; made if missing."""

    def body(live: LiveWorkbook) -> str:
        from smep_xl.domain.settings import settings_from_frame

        setting = settings_from_frame(live.read_table(L.SETTINGS).frame).text(L.S_OUTPUT_FOLDER) or "letters"
        folder = setting if os.path.isabs(setting) or not live.folder else os.path.join(live.folder, setting)
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as exc:
            raise SmepError(
                f"The letters folder {folder} cannot be made ({exc.strerror or exc}). Check the "
                f"'{L.S_OUTPUT_FOLDER}' setting on the {L.SETTINGS} sheet."
            ) from None
        (opener or _open_folder)(folder)
        return ""

    return _run("Open letters folder", book, body)


def help(book=None) -> str | None:  # noqa: A001 - the button is called Help
    """Help: what the buttons do, and whether this Python is set up to run them."""
    return _run("Help", book, lambda live: help_text(live, sys.executable, log_path(live.folder)))


NOT_YET = (
    "{label} is not available in this version of smep-xl yet. Update smep-xl "
    "(pip install --upgrade smep-xl) and try again."
)
SAVE_HINT = "Save the workbook (Ctrl+S) to keep the changes."
MAX_LISTED = 5


def summary(label: str, result) -> str:
    """What an action did, in a few plain lines for the alert (its figures, then its findings)."""
    data = result.to_json() if hasattr(result, "to_json") else {}
    lines = [f"{label} finished."]
    for kpi in data.get("kpis") or []:
        value = kpi.get("value")
        shown = f"{value:.0%}" if isinstance(value, float) else f"{value}"
        lines.append(f"{kpi.get('label')}: {shown}")
    if isinstance(data.get("written"), list):
        lines.append(
            f"Letters written: {len(data['written'])}, in {data.get('folder', 'the letters folder')}"
        )
    lines += _findings_lines(data.get("findings") or [])
    return "\n".join(lines + ["", SAVE_HINT])


def _findings_lines(findings: list[dict]) -> list[str]:
    if not findings:
        return ["No problems found."]
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.get("severity", "")] = counts.get(f.get("severity", ""), 0) + 1
    head = ", ".join(f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in counts.items())
    lines = ["", f"{head} (all of them are listed on the {L.FINDINGS} sheet):"]
    lines += [
        f"- {f.get('address') or f.get('sheet', '')}: {f.get('message', '')}" for f in findings[:MAX_LISTED]
    ]
    if len(findings) > MAX_LISTED:
        lines.append(f"... and {len(findings) - MAX_LISTED} more.")
    return lines


def help_text(live: LiveWorkbook, python: str, log: str) -> str:
    """The Python half of Help: which Python ran, and whether it has what the buttons need."""
    from smep_xl import __version__

    missing = [
        name
        for name in ("smep_xl.actions.validate", "smep_xl.actions.refresh", "smep_xl.actions.letters")
        if importlib.util.find_spec(name) is None
    ]
    lines = [
        f"Python is set up: {python} ran smep-xl {__version__} for {live.label}.",
        f"Workbook folder: {live.folder or '(not saved on this PC)'}",
        f"If a button fails unexpectedly, the details go to: {log}",
    ]
    if missing:
        lines.append("Not available in this version yet: " + ", ".join(m.rsplit(".", 1)[1] for m in missing))
    return "\n".join(lines)


def _action_button(verb: str, book) -> str | None:
    module_name, function, label = ACTIONS[verb]

    def body(live: LiveWorkbook) -> str:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as missing:
            if missing.name != module_name:
                raise
            return NOT_YET.format(label=label)
        options = _letters_options(live) if verb == "letters" else {}
        return summary(label, getattr(module, function)(live, **options))

    return _run(label, book, body)


def _letters_options(live: LiveWorkbook) -> dict:
    """What `smep letters WB` passes: a Word writer, and the workbook's folder to work from."""
    from smep_xl.adapters.docx.writer import DocxLetterWriter

    if not live.folder:
        raise SmepError(
            "Save the workbook in a folder on this PC first: the letters and their template are "
            "found beside it."
        )
    return {
        "writer": DocxLetterWriter(),
        "base_dir": live.folder,
        "progress": lambda done, total: live.progress(f"SMEP: letter {done} of {total}..."),
    }


def _caller():
    import xlwings as xw

    return xw.Book.caller()


def _run(label: str, book, body: Callable[[LiveWorkbook], str]) -> str | None:
    """The two-tier handler around one button; returns the text shown (None when it failed)."""
    book = book or _caller()
    app = book.app
    live = LiveWorkbook(book, progress=lambda text: _status(app, text))
    title = f"{TITLE}: {label}"
    try:
        with _busy(app):
            message = body(live)
    except SmepError as stop:
        _alert(app, stop.message, title, "critical")
        return None
    except Exception as bug:  # noqa: BLE001 - a bug: the person at the keyboard gets a short alert
        log = write_log(live.folder, bug)
        _alert(
            app,
            f"{label} stopped: something unexpected went wrong ({type(bug).__name__}: {bug}).\n\n"
            f"The details were written to {log}. Please send that file to whoever looks after SMEP.",
            title,
            "critical",
        )
        return None
    if message:
        _alert(app, message, title, "info")
    return message


def log_path(folder: str) -> str:
    """smep-error.log beside the workbook; the temp folder when the workbook has no local folder."""
    return os.path.join(folder or tempfile.gettempdir(), LOG_NAME)


def write_log(folder: str, bug: BaseException) -> str:
    """Append the traceback to the log; returns where it went."""
    entry = f"--- {datetime.now().isoformat(timespec='seconds')}\n" + "".join(traceback.format_exception(bug))
    for path in dict.fromkeys((log_path(folder), log_path(""))):
        try:
            with open(path, "a", encoding="utf-8") as log:
                log.write(entry)
            return path
        except OSError:
            continue
    return "(no log could be written)"


@contextlib.contextmanager
def _busy(app):
    """Screen updating off while Python writes; the status bar handed back to Excel after."""
    _set(app, "screen_updating", False)
    try:
        yield
    finally:
        _set(app, "screen_updating", True)
        _set(app, "status_bar", False)


def _status(app, text: str) -> None:
    _set(app, "status_bar", text)


def _set(app, name: str, value: object) -> None:
    """A best-effort UI nicety: engines that lack the setting are left as they are."""
    with contextlib.suppress(Exception):
        setattr(app, name, value)


def _alert(app, prompt: str, title: str, mode: str) -> None:
    try:
        app.alert(prompt, title=title, mode=mode)
    except Exception:  # noqa: BLE001 - no window to show it in: say it where RunPython shows output
        print(f"{title}: {prompt}", file=sys.stderr)


def _open_folder(folder: str) -> None:
    if sys.platform.startswith("win"):
        os.startfile(folder)  # noqa: S606 - opening the folder in Explorer is the point
    else:
        import subprocess

        subprocess.run(["open" if sys.platform == "darwin" else "xdg-open", folder], check=False)
