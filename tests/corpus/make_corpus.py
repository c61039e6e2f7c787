"""The bad-input corpus: every file made by code from a small demo workbook, none hand-edited.

Run `python -m tests.corpus.make_corpus DIR` to write it out and look at the files; the test
(tests/e2e/test_corpus.py) builds it afresh in a temporary folder.
"""

from __future__ import annotations

import shutil
import sys
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import openpyxl

from smep_xl import layout as L

MASTER = Path(__file__).resolve().parents[2] / "workbooks" / "SMEP_Master.xlsm"
WORKBOOK_COMMANDS = ("validate", "refresh", "letters", "letters-dry", "import-schools", "setup-excel")


@dataclass
class Case:
    name: str
    path: Path
    commands: tuple[str, ...] = WORKBOOK_COMMANDS
    options: dict = field(default_factory=dict)  # e.g. {"template": path, "gias": path, "out": path}
    expect: dict = field(default_factory=dict)  # command -> the exit codes allowed (default: 0, 1, 2)


def base_workbook(folder: Path, schools: int = 30) -> Path:
    from smep_xl.adapters.new_workbook.write import write_new_workbook
    from smep_xl.demo import build_demo_frames

    path = folder / "base.xlsx"
    if not path.exists():
        write_new_workbook(str(path), build_demo_frames(schools=schools))
    return path


def _edit(base: Path, dest: Path, change) -> Path:
    wb = openpyxl.load_workbook(base)
    change(wb)
    wb.save(dest)
    return dest


def _header_index(ws, name: str) -> int:
    return [c.value for c in ws[1]].index(name) + 1


def _set_column(ws, name: str, values: list) -> None:
    col = _header_index(ws, name)
    for i, value in enumerate(values):
        ws.cell(2 + i, col).value = value


# ---- broken files
def _empty(base, d):
    p = d / "empty.xlsx"
    p.write_bytes(b"")
    return p


def _truncated(base, d):
    p = d / "truncated.xlsx"
    data = base.read_bytes()
    p.write_bytes(data[: len(data) // 2])
    return p


def _text_renamed(base, d):
    p = d / "text.xlsx"
    p.write_text("URN,School\n100001,Not a workbook\n")
    return p


def _old_xls(base, d):
    p = d / "old.xls"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000)
    return p


def _password(base, d):
    """A really encrypted workbook (Office's Agile encryption, password 'secret')."""
    from msoffcrypto.format.ooxml import OOXMLFile

    p = d / "password.xlsx"
    with open(base, "rb") as src, open(p, "wb") as out:
        OOXMLFile(src).encrypt("secret", out)
    return p


def _no_contract_sheets(base, d):
    p = d / "plain.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Name", "Age"])
    wb.active.append(["Ann", 9])
    wb.save(p)
    return p


def _zip_not_workbook(base, d):
    p = d / "zip.xlsx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "hi")
    return p


def _damaged_part(base, d):
    p = d / "damaged-part.xlsx"
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(p, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.endswith("sheet3.xml"):
                data = data[: len(data) // 2]
            zout.writestr(info, data)
    return p


# ---- shape problems
def _renamed_header(wb):
    ws = wb[L.SCHOOLS]
    col = _header_index(ws, L.SCH_PHASE)
    ws.cell(1, col).value = "Phase of Education"
    ws.tables[L.table_name(L.SCHOOLS)].tableColumns[col - 1].name = "Phase of Education"


def _reordered_headers(wb):
    ws = wb[L.SCHOOLS]
    a, b = _header_index(ws, L.SCH_TOWN), _header_index(ws, L.SCH_POSTCODE)
    table = ws.tables[L.table_name(L.SCHOOLS)]
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        row[a - 1].value, row[b - 1].value = row[b - 1].value, row[a - 1].value
    table.tableColumns[a - 1].name, table.tableColumns[b - 1].name = L.SCH_POSTCODE, L.SCH_TOWN


def _duplicated_header(wb):
    ws = wb[L.CRITERIA]
    del ws.tables[L.table_name(L.CRITERIA)]
    ws.cell(1, 3).value = L.CRI_NAME


def _extra_user_columns(wb):
    ws = wb[L.SCHOOLS]
    last = ws.max_column + 1
    ws.cell(1, last + 1).value = "My own notes"
    for r in range(2, ws.max_row + 1):
        ws.cell(r, last + 1).value = f"mine {r}"
    wb.create_sheet("My sheet").append(["keep", "me"])


def _merged_cells(wb):
    ws = wb[L.OBJECTIVES]
    ws.merge_cells("A2:B4")
    wb[L.VISITS].merge_cells("F2:H2")


def _formulas(wb):
    ws = wb[L.SCHOOLS]
    ws.cell(2, _header_index(ws, L.SCH_NAME)).value = '=UPPER("formula school")'
    ws.cell(3, _header_index(ws, L.SCH_COHORT)).value = "=1+1"
    v = wb[L.VISITS]
    v.cell(2, 6).value = "=2+1"


def _excel_errors(wb):
    ws = wb[L.VISITS]
    ws.cell(2, 6).value = "#REF!"
    ws.cell(3, 7).value = "=1/0"
    ws.cell(3, 7).data_type = "f"
    wb[L.SCHOOLS].cell(2, 1).value = "#N/A"


def _numbers_as_text(wb):
    ws = wb[L.SCHOOLS]
    ws.cell(2, 1).value = str(ws.cell(2, 1).value)
    v = wb[L.VISITS]
    for r in range(2, 6):
        v.cell(r, 6).value = str(v.cell(r, 6).value)
    v.cell(2, 2).value = str(v.cell(2, 2).value)


def _dates_as_text(wb):
    v = wb[L.VISITS]
    col = _header_index(v, L.VIS_DATE)
    for r, text in zip(
        range(2, 8), ("31/02/2015", "2015-13-01", "03/31/2015", "31.03.2015", "3rd March", "tomorrow")
    ):
        v.cell(r, col).value = text
    wb[L.SETTINGS].cell(3, 2).value = "01/09/2014"


def _date_edges(wb):
    v = wb[L.VISITS]
    col = _header_index(v, L.VIS_DATE)
    v.cell(2, col).value = datetime(1900, 2, 28)
    v.cell(3, col).value = date(1899, 12, 31)
    v.cell(4, col).value = 60
    v.cell(5, col).value = -5
    v.cell(6, col).value = datetime(2015, 3, 3, 23, 59, 59)
    v.cell(7, col).value = date(9999, 12, 31)


def _date1904(wb):
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904


def _long_text(wb):
    v = wb[L.VISITS]
    v.cell(2, _header_index(v, L.VIS_STRENGTHS)).value = "Very long. " * 2900
    wb[L.OBJECTIVES].cell(2, _header_index(wb[L.OBJECTIVES], L.OBJ_TARGET)).value = "x" * 32000


def _non_latin(wb):
    ws = wb[L.SCHOOLS]
    names = ["北京小学", "مدرسة النور", "Школа № 5", "Ysgol Gymraeg Aberystwyth – Ŵ", "Zoë's & <Friends>"]
    _set_column(ws, L.SCH_NAME, names)
    _set_column(ws, L.SCH_HEAD_LAST, ["王", "محمد", "Иванов", "Ŵyn", "O'Brien"])


def _emoji(wb):
    _set_column(wb[L.SCHOOLS], L.SCH_NAME, ["Happy School 🎵🎻", "🏫"])
    v = wb[L.VISITS]
    v.cell(2, _header_index(v, L.VIS_STRENGTHS)).value = "Great singing 🎤\nLovely 🎹"


def _formula_like_text(wb):
    ws = wb[L.SCHOOLS]
    _set_column(
        ws, L.SCH_NAME, ['=HYPERLINK("http://x","click")', "+44 School", "-Minus School", "@at School"]
    )
    v = wb[L.VISITS]
    v.cell(2, _header_index(v, L.VIS_STRENGTHS)).value = "=1+1"
    v.cell(3, _header_index(v, L.VIS_ACTIONS)).value = "@SUM(A1:A2)"
    for r in (2, 3):
        v.cell(r, _header_index(v, L.VIS_SEND)).value = "Yes"


def _template_like_text(wb):
    ws = wb[L.SCHOOLS]
    _set_column(ws, L.SCH_NAME, ["{{ hub_name }} School", "{% for x in y %}School", "{{ ''.__class__ }}"])
    v = wb[L.VISITS]
    v.cell(2, _header_index(v, L.VIS_STRENGTHS)).value = "{{ 7*7 }} and {% if true %}x{% endif %}"
    v.cell(2, _header_index(v, L.VIS_SEND)).value = "Yes"


def _path_names(wb):
    _set_column(
        wb[L.SCHOOLS],
        L.SCH_NAME,
        ["../../etc/passwd", "C:\\x", "CON", "nul.txt", 'a/b\\c:d*e?f"g<h>i|j', " . ", "x" * 300],
    )
    v = wb[L.VISITS]
    for r in range(2, 9):
        v.cell(r, _header_index(v, L.VIS_SEND)).value = "Yes"


def _plain_ranges(wb):
    for sheet in (L.SCHOOLS, L.VISITS):
        ws = wb[sheet]
        del ws.tables[L.table_name(sheet)]


def _empty_tables(wb):
    for sheet in (L.SCHOOLS, L.VISITS, L.OBJECTIVES):
        ws = wb[sheet]
        for row in ws.iter_rows(min_row=2):
            for c in row:
                c.value = None


def _bad_settings(wb):
    ws = wb[L.SETTINGS]
    values = {
        L.S_PLAN_START: "soon",
        L.S_GREEN: "high",
        L.S_RED: 9,
        L.S_PLAN_YEARS: -1,
        L.S_Y1_TARGET: "lots",
        L.S_AMBER_DAYS: "a month",
        L.S_AS_OF: "yesterday",
        L.S_LETTER_FILE_NAME: "{Nope} {../../x}",
        L.S_OUTPUT_FOLDER: "../../../../tmp/escape",
    }
    for row in ws.iter_rows(min_row=2):
        if row[0].value in values:
            row[1].value = values[row[0].value]


def _bad_criteria(wb):
    ws = wb[L.CRITERIA]
    ws.cell(2, 3).value = 0
    ws.cell(3, 3).value = -2
    ws.cell(4, 3).value = "heavy"
    ws.cell(5, 1).value = ws.cell(6, 1).value


def _no_criteria(wb):
    ws = wb[L.CRITERIA]
    for row in ws.iter_rows(min_row=2):
        for c in row:
            c.value = None


def _bad_visits(wb):
    v = wb[L.VISITS]
    v.cell(3, 1).value = v.cell(2, 1).value
    v.cell(4, 2).value = 999999
    for col, value in zip(range(6, 10), (7, 0, 2.5, -1)):
        v.cell(5, col).value = value
    v.cell(6, _header_index(v, L.VIS_SEND)).value = "Maybe"


def _blank_rows(wb):
    ws = wb[L.SCHOOLS]
    for r in (3, 5):
        for c in ws[r]:
            c.value = None


def _control_chars(wb):
    _set_column(wb[L.SCHOOLS], L.SCH_NAME, ["Bell_x0007_School", "Tab\tSchool", "Line\nbreak School"])


def _odd_values(wb):
    v = wb[L.VISITS]
    v.cell(2, 6).value = 1e308
    v.cell(3, 6).value = True
    wb[L.SCHOOLS].cell(2, 2).value = False
    wb[L.OBJECTIVES].cell(2, _header_index(wb[L.OBJECTIVES], L.OBJ_PROGRESS)).value = "150%"


def _no_output_sheets(wb):
    for sheet in (L.FINDINGS, L.LETTER_LOG, L.DASHBOARD):
        del wb[sheet]


def _big_visits(base, d):
    return _sized(d / "big-visits.xlsx", schools=2000, visits=50_000)


def _big_objectives(base, d):
    import pandas as pd

    from smep_xl.adapters.new_workbook.write import write_new_workbook
    from smep_xl.demo import build_demo_frames

    frames = build_demo_frames(schools=30)
    grid = frames[L.OBJECTIVES]
    frames[L.OBJECTIVES] = pd.concat([grid] * (10_000 // len(grid) + 1), ignore_index=True).iloc[:10_000]
    path = d / "big-objectives.xlsx"
    write_new_workbook(str(path), frames)
    return path


def _sized(path: Path, schools: int, visits: int) -> Path:
    from smep_xl.adapters.new_workbook.write import write_new_workbook
    from smep_xl.demo import build_demo_frames

    frames = build_demo_frames(schools=schools, visits_per_school=visits / schools)
    frames[L.VISITS][L.VIS_SEND] = L.NO  # a corpus run is not a mail-out of 50,000 letters
    write_new_workbook(str(path), frames)
    return path


def _libreoffice_saved(base, d):
    import subprocess

    out = d / "lo"
    out.mkdir(exist_ok=True)
    soffice = shutil.which("soffice")
    if not soffice:
        return None
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{d}/lo-profile",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(base),
        ],
        capture_output=True,
        timeout=180,
    )
    made = out / base.name
    return made.rename(d / "libreoffice-saved.xlsx") if made.exists() else None


EDITS = {
    "renamed-header": _renamed_header,
    "reordered-headers": _reordered_headers,
    "duplicated-header": _duplicated_header,
    "extra-user-columns": _extra_user_columns,
    "merged-cells": _merged_cells,
    "formulas": _formulas,
    "excel-errors": _excel_errors,
    "numbers-as-text": _numbers_as_text,
    "dates-as-text": _dates_as_text,
    "date-edges": _date_edges,
    "date-1904": _date1904,
    "long-text": _long_text,
    "non-latin": _non_latin,
    "emoji": _emoji,
    "formula-like-text": _formula_like_text,
    "template-like-text": _template_like_text,
    "path-school-names": _path_names,
    "plain-ranges": _plain_ranges,
    "empty-tables": _empty_tables,
    "bad-settings": _bad_settings,
    "bad-criteria": _bad_criteria,
    "no-criteria": _no_criteria,
    "bad-visits": _bad_visits,
    "blank-rows": _blank_rows,
    "control-chars": _control_chars,
    "odd-values": _odd_values,
    "no-output-sheets": _no_output_sheets,
}
FILES = {
    "empty-file": _empty,
    "truncated-zip": _truncated,
    "text-renamed": _text_renamed,
    "old-xls": _old_xls,
    "password-protected": _password,
    "no-contract-sheets": _no_contract_sheets,
    "zip-not-workbook": _zip_not_workbook,
    "damaged-part": _damaged_part,
    "big-visits": _big_visits,
    "big-objectives": _big_objectives,
    "libreoffice-saved": _libreoffice_saved,
}


# files every command must refuse with one line (not a workbook, or not an SMEP workbook)
NOT_WORKBOOKS = {
    "empty-file",
    "truncated-zip",
    "text-renamed",
    "old-xls",
    "password-protected",
    "no-contract-sheets",
    "zip-not-workbook",
}


def build_corpus(folder: Path) -> list[Case]:
    folder.mkdir(parents=True, exist_ok=True)
    base = base_workbook(folder)
    cases = [
        Case("good-demo", Path(shutil.copy(base, folder / "good.xlsx"))),
        Case("master-xlsm", Path(shutil.copy(MASTER, folder / "SMEP_Master.xlsm"))),
    ]
    for name, make in FILES.items():
        path = make(base, folder)
        if path is not None:
            expect = {command: {2} for command in WORKBOOK_COMMANDS} if name in NOT_WORKBOOKS else {}
            cases.append(Case(name, path, expect=expect))
    for name, change in EDITS.items():
        cases.append(Case(name, _edit(base, folder / f"{name}.xlsx", change)))
    cases += _more_cases(base, folder)
    return cases


def _more_cases(base: Path, folder: Path) -> list[Case]:
    from tests.corpus.make_foreign import not_smep_cases, smep_by_other_writers
    from tests.corpus.make_inputs import environment_cases
    from tests.corpus.make_safety import safety_cases

    return (
        environment_cases(base, folder)
        + not_smep_cases(folder)
        + smep_by_other_writers(base, folder)
        + safety_cases(base, folder)
    )


if __name__ == "__main__":
    for case in build_corpus(Path(sys.argv[1])):
        print(f"{case.name:<24} {case.path}  {', '.join(case.commands)}")
