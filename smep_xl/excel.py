"""What the SMEP ribbon buttons run (macros/SMEP.bas: RunPython "...smep_xl.excel.<verb>()").

The only caller of xw.Book.caller(). Each button is a row of the ribbon table (smep_xl/ribbon.py):
its function here takes the book as a parameter (Excel passes none; tests pass one), wraps it in
the live adapter and runs the button's action with the button's options, the same action
function the command line runs. While it writes, screen updating is off and the status bar says
what is happening. Then one alert: the outcome, or what stopped it. A SmepError (a broken
environment) shows its own message; anything else is a bug: a short alert, and the traceback
appended to smep-error.log next to the workbook.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable

from smep_xl import layout as L
from smep_xl import ribbon
from smep_xl.adapters.files.bug_log import LOG_NAME, append_bug
from smep_xl.adapters.live.workbook import LiveWorkbook
from smep_xl.collector import collector_paused
from smep_xl.errors import SmepError

__all__ = [
    "LOG_NAME",
    "calendar",
    "email",
    "board_report",
    "close_term",
    "help",
    "letters",
    "open_letters",
    "refresh",
    "summary",
    "validate",
]

TITLE = "SMEP"
SAVE_HINT = "Save the workbook (Ctrl+S) to keep the changes."
MAX_LISTED = 5


def validate(book=None) -> str | None:
    """Validate grid: every problem in the input sheets onto Findings."""
    return _press("validate", book)


def refresh(book=None) -> str | None:
    """Refresh: RAG, coverage, computed columns and the Dashboard."""
    return _press("refresh", book)


def letters(book=None) -> str | None:
    """Generate letters: the Word letters that are due, logged on Letter Log."""
    return _press("letters", book)


def email(book=None) -> str | None:
    """E-mail letters: each logged letter not yet e-mailed, as a draft or sent; logged on Email Log."""
    return _press("email", book)


def calendar(book=None) -> str | None:
    """Calendar: each SLE's visits (and the hub's) as .ics files in the Calendar Folder."""
    return _press("calendar", book)


def open_letters(book=None) -> str | None:
    """Open letters folder: the Output Folder setting, beside the workbook; made if missing."""
    return _press("open_letters", book)


def close_term(book=None) -> str | None:
    """Close term: this term's figures appended to the History sheet."""
    return _press("close_term", book)


def board_report(book=None) -> str | None:
    """Board report: the Word report for the board, beside the workbook."""
    return _press("board_report", book)


def help(book=None) -> str | None:  # noqa: A001 - the button is called Help
    """Help: whether this Python is set up to run the buttons (the VBA half explains them)."""
    return _press("help", book)


def summary(label: str, result) -> str:
    """What an action did, in a few plain lines for the alert (its figures, then its findings)."""
    data = result.to_json() if hasattr(result, "to_json") else {}
    lines = [f"{label} finished."] + ([data["message"]] if data.get("message") else [])
    for kpi in data.get("kpis") or []:
        value = kpi.get("value")
        shown = f"{value:.0%}" if isinstance(value, float) else f"{value}"
        lines.append(f"{kpi.get('label')}: {shown}")
    if isinstance(data.get("written"), list):
        lines.append(
            f"Letters written: {len(data['written'])}, in {data.get('folder', 'the letters folder')}"
        )
    if isinstance(data.get("emailed"), list):
        how = "drafts written to" if data.get("delivery") == "Drafts" else "sent; their journal is in"
        lines.append(f"E-mails: {len(data['emailed'])} {how} {data.get('folder', '')}")
    if isinstance(data.get("calendars"), list):
        lines.append(f"Calendars: {len(data['calendars'])} written to {data.get('folder', '')}")
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


def _press(verb: str, book) -> str | None:
    """Run one button of the ribbon table on the book; a result becomes a summary, text is shown as it is."""
    button = ribbon.button(verb)

    def body(live: LiveWorkbook) -> str:
        outcome = button.press(live)
        return outcome if isinstance(outcome, str) else summary(button.caption, outcome)

    return _run(button.caption, book, body)


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
        with _busy(app), collector_paused():
            message = body(live)
    except SmepError as stop:
        _alert(app, stop.message, title, "critical")
        return None
    except Exception as bug:  # noqa: BLE001 - a bug: the person at the keyboard gets a short alert
        log = append_bug(live.folder, bug)
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
