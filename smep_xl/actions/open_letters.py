"""Open letters folder (the ribbon's fourth button): the Output Folder setting, beside the
workbook, made if missing and opened for the person."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from smep_xl import layout as L
from smep_xl.actions.ports import Files
from smep_xl.errors import SmepError

if TYPE_CHECKING:
    from smep_xl.workbook import Workbook


@dataclass(frozen=True)
class OpenLettersOptions:
    files: Files


def open_letters(book: Workbook, options: OpenLettersOptions) -> str:
    """Returns what to tell the person: nothing, the folder opening is the answer."""
    from smep_xl.domain.settings import settings_from_frame

    settings = settings_from_frame(book.read_table(L.SETTINGS).frame)
    folder = options.files.beside(settings.text(L.S_OUTPUT_FOLDER) or "letters")
    try:
        options.files.make_folder(folder)
    except OSError as exc:
        raise SmepError(
            f"The letters folder {folder} cannot be made ({exc.strerror or exc}). Check the "
            f"'{L.S_OUTPUT_FOLDER}' setting on the {L.SETTINGS} sheet."
        ) from None
    options.files.show(folder)
    return ""
