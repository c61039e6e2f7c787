"""A hub for the e-mail and calendar tests: the demo's workbook (settings and cells as a test
wants them), its letters written and logged, and readers of what smep wrote back."""

from __future__ import annotations

import email
import shutil
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pandas as pd
from python_calamine import CalamineWorkbook

from smep_xl import layout as L
from smep_xl.adapters.new_workbook.write import write_new_workbook
from smep_xl.demo import build_demo_frames
from tests.helpers.cli import run_smep

DAY = "2015-07-31"
PASSWORD = "Tr0ub4dor&3-known-test-password"


def make_hub(folder: Path, schools: int = 40, settings: dict | None = None, edit=None) -> Path:
    """The demo hub in folder with its letters written; settings: Setting -> Value; edit(frames)
    changes the input tables before the workbook is written."""
    folder.mkdir(parents=True, exist_ok=True)
    frames = build_demo_frames(schools=schools)
    if settings:
        frame = frames[L.SETTINGS]
        for name, value in settings.items():
            frame.loc[frame[L.SET_NAME] == name, L.SET_VALUE] = value
    if edit is not None:
        edit(frames)
    path = folder / "hub.xlsx"
    write_new_workbook(str(path), frames)
    code, _, err = run_smep("letters", path, "--date", DAY)
    assert code in (0, 1), err
    return path


def copy_hub(source: Path, folder: Path) -> Path:
    shutil.copytree(source.parent, folder, dirs_exist_ok=True)
    return folder / source.name


def sheet(path: Path, name: str) -> list[dict]:
    """A table's rows as dicts (blank rows left out)."""
    book = CalamineWorkbook.from_path(str(path))
    try:
        rows = book.get_sheet_by_name(name).to_python()
    finally:
        book.close()
    header = [str(h) for h in rows[0]]
    plain = [[int(v) if isinstance(v, float) and v.is_integer() else v for v in r] for r in rows[1:]]
    return [dict(zip(header, r, strict=False)) for r in plain if any(v not in ("", None) for v in r)]


def letter_log(path: Path) -> list[dict]:
    return [r for r in sheet(path, L.LETTER_LOG) if str(r[L.LOG_STATUS]).lower() == "written"]


def email_log(path: Path) -> list[dict]:
    return (
        sheet(path, L.EMAIL_LOG) if L.EMAIL_LOG in CalamineWorkbook.from_path(str(path)).sheet_names else []
    )


def parse(data: bytes) -> EmailMessage:
    return email.message_from_bytes(data, policy=policy.default)  # type: ignore[return-value]


def attachment(message: EmailMessage) -> tuple[str, bytes]:
    parts = list(message.iter_attachments())
    assert len(parts) == 1
    return parts[0].get_filename(), parts[0].get_content()


def letter_file(hub: Path, logged: dict) -> Path:
    return hub.parent / str(logged[L.LOG_FILE]).replace("\\", "/")


def set_cells(
    frames: dict[str, pd.DataFrame], sheet_name: str, key: str, value: object, column: str, new: object
) -> None:
    frame = frames[sheet_name]
    frame.loc[frame[key].astype(str) == str(value), column] = new
