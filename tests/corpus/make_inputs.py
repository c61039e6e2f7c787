"""Corpus cases about the surroundings: locks, read-only places, templates, GIAS files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import openpyxl
from docx import Document

from smep_xl import layout as L


def _case(name, path, commands, **options):
    from tests.corpus.make_corpus import Case

    return Case(name, Path(path), tuple(commands), dict(options))


def _with_template(base: Path, folder: Path, name: str, template: Path) -> Path:
    wb = openpyxl.load_workbook(base)
    for row in wb[L.SETTINGS].iter_rows(min_row=2):
        if row[0].value == L.S_LETTER_TEMPLATE:
            row[1].value = str(template)
    for row in wb[L.VISITS].iter_rows(min_row=2, max_row=4):
        row[[c.value for c in wb[L.VISITS][1]].index(L.VIS_SEND)].value = L.YES
    path = folder / f"{name}.xlsx"
    wb.save(path)
    return path


def _docx(path: Path, *paragraphs: str) -> Path:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(path)
    return path


def template_cases(base: Path, folder: Path) -> list:
    tdir = folder / "templates"
    tdir.mkdir(exist_ok=True)
    not_docx = tdir / "not-a-docx.docx"
    not_docx.write_text("I am text")
    syntax = _docx(tdir / "syntax_tpl.docx", "Dear {{ head_first_name }", "{% if rag %}unclosed")
    unknown = _docx(tdir / "unknown_tpl.docx", "Dear {{ no_such_field }}")
    cases = []
    for name, template in (
        ("template-not-docx", not_docx),
        ("template-syntax-error", syntax),
        ("template-unknown-field", unknown),
        ("template-missing", tdir / "gone.docx"),
    ):
        cases.append(
            _case(
                name,
                _with_template(base, folder, name, template),
                ("letters", "render"),
                template=str(template),
            )
        )
    return cases


def gias_cases(base: Path, folder: Path) -> list:
    from tests.fixtures.gias.make_gias import csv_bytes, schools

    gdir = folder / "gias"
    gdir.mkdir(exist_ok=True)
    rows = schools()
    good = csv_bytes(rows)
    files = {
        "gias-utf16": good.decode("cp1252").encode("utf-16"),
        "gias-no-urn": good.replace(b"URN,", b"Ref,", 1),
        "gias-truncated": good[: len(good) // 2 + 7],
        "gias-duplicate-urns": csv_bytes(rows + rows[:2]),
        "gias-bad-dates": good.replace(b"-20", b"/2O", 3),
        "gias-empty": b"",
        "gias-not-csv": b"\x89PNG\r\n\x1a\n\0\0\0",
    }
    out = []
    for name, data in files.items():
        path = gdir / f"{name}.csv"
        path.write_bytes(data)
        out.append(
            _case(name, shutil.copy(base, folder / f"{name}.xlsx"), ("import-schools",), gias=str(path))
        )
    return out


def environment_cases(base: Path, folder: Path) -> list:
    locked = Path(shutil.copy(base, folder / "locked.xlsx"))
    (folder / "~$locked.xlsx").write_bytes(b"someone")
    read_only = Path(shutil.copy(base, folder / "read-only.xlsx"))
    os.chmod(read_only, 0o444)
    ro_out = folder / "read-only-out"
    ro_out.mkdir(exist_ok=True)
    os.chmod(ro_out, 0o555)
    cases = [
        _case("lock-file", locked, ("validate", "refresh", "letters", "import-schools")),
        _case("read-only-file", read_only, ("validate", "refresh", "letters")),
        _case(
            "read-only-output", shutil.copy(base, folder / "ro-output.xlsx"), ("letters",), out=str(ro_out)
        ),
        _case("missing-file", folder / "nowhere.xlsx", ("validate", "refresh", "letters", "import-schools")),
        _case("folder-not-file", folder / "templates", ("validate", "refresh")),
    ]
    return cases + template_cases(base, folder) + gias_cases(base, folder)
