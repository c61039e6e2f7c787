"""The LetterWriter the Generate letters action is given: the .docx engine, the print pack
and PDFs, behind the small interface the action asks for (actions/letters.py)."""

from __future__ import annotations

from pathlib import Path

from smep_xl.adapters.docx import pdf
from smep_xl.adapters.docx.engine import CompiledTemplate, compile_template
from smep_xl.adapters.docx.pack import build_pack


class DocxLetterWriter:
    def open_template(self, path: Path) -> CompiledTemplate:
        return compile_template(path)

    def combine(self, letters: list[Path], target: Path) -> None:
        build_pack(letters, target)

    def pdf_problem(self) -> str | None:
        return pdf.pdf_problem()

    def to_pdf(self, files: list[Path], folder: Path) -> list[Path | None]:
        return pdf.to_pdf(files, folder)
