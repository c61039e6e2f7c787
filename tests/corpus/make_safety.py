"""Corpus cases about safety (nothing lost, nothing damaged): outputs aimed at files smep did not
create, locks of every kind, a letters run that stopped part-way, links, long names, and
inputs far out of bounds. Cases that need more than the workbook file lay out their own
folder: `setup` is called with an empty work folder and returns the path to run on."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl

from smep_xl import layout as L
from smep_xl.ooxml.owner_files import owner_bytes

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
WRITES = ("validate", "refresh", "letters", "import-schools")


def _case(name, path, commands, expect=None, **options):
    from tests.corpus.make_corpus import Case

    return Case(name, Path(path), tuple(commands), dict(options), dict(expect or {}))


def _all(codes: set[int], commands=WRITES) -> dict:
    return {command: codes for command in commands}


# ---- outputs aimed at files smep did not create
def output_cases(base: Path, folder: Path) -> list:
    d = folder / "outputs"
    d.mkdir(exist_ok=True)
    book = Path(shutil.copy(base, d / "outputs.xlsx"))
    argv = {
        "export-onto-workbook": ["letters", "{workbook}", "--export-data", "{workbook}"],
        "export-onto-workbook-overwrite": [
            "letters",
            "{workbook}",
            "--export-data",
            "{workbook}",
            "--overwrite",
        ],
        "export-onto-template": [
            "letters",
            "{workbook}",
            "--export-data",
            "{work}/templates/feedback_letter.docx",
        ],
        "export-onto-a-file": ["letters", "{workbook}", "--export-data", "{work}/mine.json"],
        "export-overwrite": [
            "letters",
            "{workbook}",
            "--all",
            "--export-data",
            "{work}/mine.json",
            "--overwrite",
        ],
        "render-onto-template": [
            "render",
            "{work}/templates/feedback_letter.docx",
            "{work}/mine.json",
            "-o",
            "{work}/templates/feedback_letter.docx",
            "--overwrite",
        ],
        "render-onto-data": [
            "render",
            "{work}/templates/feedback_letter.docx",
            "{work}/mine.json",
            "-o",
            "{work}/mine.json",
            "--overwrite",
        ],
        "render-onto-a-file": [
            "render",
            "{work}/templates/feedback_letter.docx",
            "{work}/mine.json",
            "-o",
            "{work}/letter.docx",
        ],
        "render-overwrite": [
            "render",
            "{work}/templates/feedback_letter.docx",
            "{work}/mine.json",
            "-o",
            "{work}/letter.docx",
            "--overwrite",
        ],
    }
    expect = {name: {2} for name in argv}
    expect.update({"export-overwrite": {0}, "render-overwrite": {0}})
    return [_case("outputs-never-overwrite", book, tuple(argv), expect, argv=argv, setup=_outputs_setup)]


def _outputs_setup(case, work: Path) -> Path:
    """The workbook, its own templates folder, a merge data file and a letter of the user's."""
    book = Path(shutil.copy(case.path, work / case.path.name))
    shutil.copytree(TEMPLATES, work / "templates")
    from smep_xl.domain.letters.fields import example_letter

    data = {"letters": [], "fields": [], "example": example_letter()}
    (work / "mine.json").write_text(json.dumps(data, default=str), encoding="utf-8")
    (work / "letter.docx").write_bytes(b"the user's own letter")
    return book


# ---- locks
def lock_cases(base: Path, folder: Path) -> list:
    d = folder / "locks"
    d.mkdir(exist_ok=True)
    cases = []
    for name, expect in (
        ("lock-another-computer", {2}),
        ("lock-another-computer-old", {2}),
        ("lock-of-an-ended-run", {0, 1}),
        ("lock-excel-named", {2}),
        ("lock-libreoffice", {2}),
    ):
        book = Path(shutil.copy(base, d / f"{name}.xlsx"))
        cases.append(_case(name, book, WRITES, _all(expect), setup=_lock_setup))
    return cases


def _lock_setup(case, work: Path) -> Path:
    book = Path(shutil.copy(case.path, work / case.path.name))
    owner = work / ("~$" + book.name)
    if case.name == "lock-another-computer":
        owner.write_bytes(owner_bytes("jo (smep on HUB-PC-7)", b"smep:0badf00d:4242:"))
    elif case.name == "lock-another-computer-old":
        owner.write_bytes(owner_bytes("jo (smep on HUB-PC-7)", b"smep:0badf00d:4242:"))
        old = time.time() - 3600
        os.utime(owner, (old, old))
    elif case.name == "lock-of-an-ended-run":
        from smep_xl.ooxml.owner_files import smep_mark

        ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
        owner.write_bytes(owner_bytes("jo (smep on this PC)", smep_mark(int(ended.stdout))))
    elif case.name == "lock-excel-named":
        owner.write_bytes(owner_bytes("Siân O'Connor"))
    else:
        lock = work / f".~lock.{book.name}#"
        lock.write_text(
            ",jo,HUB-PC,23.11.2025 10:00,file:///home/jo/.config/libreoffice/4;", encoding="utf-8"
        )
    return book


# ---- a letters run that stopped part-way
def staged_cases(base: Path, folder: Path) -> list:
    """A run stopped after its Letter Log was saved (two letters still staged) and one stopped
    before (its staged letters never logged); letters must finish the one and undo the other."""
    from tests.helpers.cli import run_smep

    d = folder / "staged"
    (d / "logged").mkdir(parents=True, exist_ok=True)
    logged = _with_letters_due(base, d / "logged" / "staged-logged.xlsx")
    out = d / "logged" / "letters"
    code, _, err = run_smep("letters", logged, "--out", out, "--date", "2015-07-31")
    assert code == 0, err
    rows = openpyxl.load_workbook(logged, read_only=True)[L.LETTER_LOG]
    header, *data = [list(r) for r in rows.iter_rows(values_only=True)]
    stamp = data[0][header.index(L.LOG_AT)].isoformat()
    entries = [row[header.index(L.LOG_FILE)] for row in data]
    unlogged = _with_letters_due(base, d / "staged-unlogged.xlsx")
    staged = (str(out), stamp, entries)
    return [
        _case(
            "staged-letters-logged",
            logged,
            ("letters",),
            {"letters": {0}},
            setup=_staged_setup,
            staged=staged,
        ),
        _case(
            "staged-letters-unlogged",
            unlogged,
            ("letters",),
            {"letters": {0}},
            setup=_staged_setup,
            staged=staged,
        ),
    ]


def _with_letters_due(base: Path, dest: Path) -> Path:
    wb = openpyxl.load_workbook(base)
    ws = wb[L.VISITS]
    send = [c.value for c in ws[1]].index(L.VIS_SEND) + 1
    for r in range(2, min(ws.max_row, 8) + 1):
        ws.cell(r, send).value = L.YES
    wb.save(dest)
    return dest


def _staged_setup(case, work: Path) -> Path:
    """The workbook, and in its letters folder the letters with two of them (logged or not)
    still in a staging folder beside their journal, as a killed run leaves them."""
    from smep_xl.adapters.files.outbox import JOURNAL, Outbox

    out, stamp, entries = case.options["staged"]
    logged = case.name == "staged-letters-logged"
    book = Path(shutil.copy(case.path, work / case.path.name))
    letters = work / "letters"
    staging = letters / f"{Outbox(None, letters, book.name).prefix}20150731-120000-4242"
    staging.mkdir(parents=True)
    names = [re.split(r"[\\/]", e)[-1] for e in entries]
    for name in names:
        target = staging if name in names[:2] else letters
        if logged or name in names[:2]:
            shutil.copy(Path(out) / name, target / name)
    journal = {"stamp": stamp, "files": [[n, f"letters{os.sep}{n}", False] for n in names[:2]]}
    (staging / JOURNAL).write_text(json.dumps(journal), encoding="utf-8")
    return book


# ---- links and names
def link_cases(base: Path, folder: Path) -> list:
    return [
        _case("symlinked-workbook", base, WRITES, setup=_symlink_setup),
        _case("hard-linked-workbook", base, WRITES, _all({2}), setup=_hardlink_setup),
        _case("long-workbook-name", base, WRITES, setup=_long_name_setup),
    ]


def _symlink_setup(case, work: Path) -> Path:
    (work / "shared").mkdir()
    real = Path(shutil.copy(case.path, work / "shared" / "hub.xlsx"))
    link = work / "my hub.xlsx"
    link.symlink_to(real)
    return link


def _hardlink_setup(case, work: Path) -> Path:
    book = Path(shutil.copy(case.path, work / "hub.xlsx"))
    os.link(book, work / "hub (other name).xlsx")
    return book


def _long_name_setup(case, work: Path) -> Path:
    name = "Leicester-Shire Music Education Hub - school music education plan 2014-16 ".ljust(250, "x")
    return Path(shutil.copy(case.path, work / (name + ".xlsx")))


# ---- inputs far out of bounds
def bounds_cases(base: Path, folder: Path) -> list:
    d = folder / "bounds"
    d.mkdir(exist_ok=True)
    names = (
        "deep-json",
        "huge-number-json",
        "big-json",
        "not-an-object-json",
        "infinite-number-json",
        "nul-json",
    )
    template = str(TEMPLATES / "feedback_letter.docx")
    argv = {name: ["render", template, "{work}/" + name, "-o", "{work}/" + name + ".docx"] for name in names}
    expect = {name: {2} for name in names} | {"infinite-number-json": {0}, "nul-json": {0}}
    return [
        _case("render-bounds", base, names, expect, argv=argv, setup=_json_setup),
        _case(
            "huge-cells",
            _huge_cells(base, d / "huge-cells.xlsx"),
            ("validate", "refresh", "letters", "letters-dry"),
        ),
        _case(
            "absurd-numbers",
            _absurd_numbers(base, d / "absurd-numbers.xlsx"),
            ("validate", "refresh", "letters"),
        ),
        _case(
            "absurd-settings",
            _absurd_settings(base, d / "absurd-settings.xlsx"),
            ("validate", "refresh", "letters"),
        ),
    ]


def _json_setup(case, work: Path) -> Path:
    """Data files for render: one letter's fields (the made-up example) with values far out of
    bounds, and files that are not a letter's data at all."""
    from smep_xl.domain.letters.fields import example_letter

    def export(**change) -> str:
        return json.dumps({"fields": [], "letters": [example_letter() | change]}, default=str)

    texts = {
        "deep-json": "[" * 100_000 + "]" * 100_000,
        "huge-number-json": export(school="PLACE").replace('"PLACE"', "9" * 5000),
        "big-json": export(school="x" * 21_000_000),
        "not-an-object-json": "[1, 2, 3]",
        "infinite-number-json": export(school="PLACE", visits="PLACE2")
        .replace('"PLACE"', "1e999")
        .replace('"PLACE2"', "-1e999"),
        "nul-json": export(school="Oak\u0000 School \u0007\ud800", strengths=["\u0000"]).replace(
            "\\\\", "\\"
        ),
    }
    for name, text in texts.items():
        (work / name).write_text(text, encoding="utf-8")
    return work / "none.xlsx"


def _huge_cells(base: Path, dest: Path) -> Path:
    """Cells longer than Excel allows (only another program can write them), in a school's name
    and a visit's Strengths: written as inline strings straight into the sheet XML."""
    wb = openpyxl.load_workbook(base)
    schools, visits = wb[L.SCHOOLS], wb[L.VISITS]
    schools.cell(2, [c.value for c in schools[1]].index(L.SCH_NAME) + 1).value = "HUGENAME"
    visits.cell(2, [c.value for c in visits[1]].index(L.VIS_STRENGTHS) + 1).value = "HUGESTRENGTHS"
    visits.cell(2, [c.value for c in visits[1]].index(L.VIS_SEND) + 1).value = L.YES
    wb.save(dest)
    with zipfile.ZipFile(dest) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    for name, data in parts.items():
        data = data.replace(b"<t>HUGENAME</t>", b"<t>" + ("Oak " * 30_000).encode() + b"</t>")
        parts[name] = data.replace(
            b"<t>HUGESTRENGTHS</t>", b"<t>" + ("Singing. " * 120_000).encode() + b"</t>"
        )
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return dest


def _absurd_numbers(base: Path, dest: Path) -> Path:
    wb = openpyxl.load_workbook(base)
    schools, visits = wb[L.SCHOOLS], wb[L.VISITS]
    schools.cell(2, 1).value = 10**20
    schools.cell(3, 1).value = -1e308
    visits.cell(2, 2).value = 1e300
    for col in range(6, 10):
        visits.cell(3, col).value = 1e308 if col % 2 else -1e308
    visits.cell(4, [c.value for c in visits[1]].index(L.VIS_DATE) + 1).value = 2_958_466  # past 9999-12-31
    wb.save(dest)
    return dest


def _absurd_settings(base: Path, dest: Path) -> Path:
    values = {
        L.S_PLAN_YEARS: 8000,
        L.S_PLAN_START: "9999-01-01",
        L.S_AMBER_DAYS: 10**12,
        L.S_GREEN: 1e308,
        L.S_Y1_TARGET: -1e308,
        L.S_AS_OF: "0001-01-01",
    }
    wb = openpyxl.load_workbook(base)
    for row in wb[L.SETTINGS].iter_rows(min_row=2):
        if row[0].value in values:
            row[1].value = values[row[0].value]
    wb.save(dest)
    return dest


def safety_cases(base: Path, folder: Path) -> list:
    return (
        output_cases(base, folder)
        + lock_cases(base, folder)
        + staged_cases(base, folder)
        + link_cases(base, folder)
        + bounds_cases(base, folder)
    )
