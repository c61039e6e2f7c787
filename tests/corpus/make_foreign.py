"""Corpus cases made by other programs: workbooks that are not SMEP workbooks (every command
must stop with one line and leave them byte-identical), and SMEP workbooks as other writers
write them (totals rows, x: prefixes, cells without references, protected, hidden and
merged sheets, LibreOffice's own save), which every command must read and write as its own."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl

from smep_xl import layout as L
from tests.helpers import writers

ALL = ("validate", "refresh", "letters", "letters-dry", "import-schools", "setup-excel")
REFUSED = {command: {2} for command in ALL}


def _case(name, path, commands=ALL, expect=None, **options):
    from tests.corpus.make_corpus import Case

    return Case(name, Path(path), tuple(commands), dict(options), dict(expect or {}))


# ---- not SMEP workbooks, by several writers
def _openpyxl_lookalike(folder: Path) -> Path:
    """SMEP's sheet names with other headers: a budget with Settings and Schools sheets."""
    wb = openpyxl.Workbook()
    wb.active.title = L.SETTINGS
    wb.active.append(["Option", "Choice"])
    wb.active.append(["Currency", "GBP"])
    schools = wb.create_sheet(L.SCHOOLS)
    schools.append(["Name", "Pupils", "Budget"])
    schools.append(["Oak Primary", 210, 1500.5])
    wb.save(folder / "lookalike.xlsx")
    return folder / "lookalike.xlsx"


def _xlsxwriter_report(folder: Path, date1904: bool = False) -> Path:
    """A report as XlsxWriter makes one: a merged title, a table with a totals row, formulas,
    a protected sheet, a hidden sheet, shared strings, dates, RTL text and emoji."""
    import xlsxwriter

    path = folder / ("xlsxwriter-1904.xlsx" if date1904 else "xlsxwriter-report.xlsx")
    book = xlsxwriter.Workbook(str(path), {"date_1904": date1904})
    sheet = book.add_worksheet("Report")
    sheet.merge_range("A1:D1", "Termly music report 🎵", book.add_format({"bold": True}))
    rows = [["Oak Primary", 12, date(2015, 3, 3), "مدرسة"], ["Ash Academy", 7, date(2015, 4, 1), "Zoë"]]
    dated = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.add_table(
        "B3:E5",
        {
            "data": rows,
            "total_row": True,
            "columns": [
                {"header": "School", "total_string": "Total"},
                {"header": "Lessons", "total_function": "sum"},
                {"header": "Visited", "format": dated},
                {"header": "Note"},
            ],
        },
    )
    sheet.write_formula("G3", "=SUM(C4:C5)", None, 19)
    sheet.protect("secret")
    hidden = book.add_worksheet("Lists")
    hidden.write_column("A1", ["Yes", "No"])
    hidden.hide()
    book.close()
    return path


def _libreoffice_saved(source: Path, folder: Path, name: str) -> Path | None:
    """source as LibreOffice saves it (soffice --convert-to xlsx)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    out = folder / f"lo-{name}"
    out.mkdir(exist_ok=True)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder}/lo-profile",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        timeout=180,
    )
    made = out / (source.stem + ".xlsx")
    return made.rename(folder / f"{name}.xlsx") if made.exists() else None


def not_smep_cases(folder: Path) -> list:
    d = folder / "foreign"
    d.mkdir(exist_ok=True)
    report = _xlsxwriter_report(d)
    cases = [
        _case("foreign-openpyxl-lookalike", _openpyxl_lookalike(d), expect=REFUSED),
        _case("foreign-xlsxwriter", report, expect=REFUSED),
        _case("foreign-xlsxwriter-1904", _xlsxwriter_report(d, date1904=True), expect=REFUSED),
        _case("foreign-x-prefix", writers.with_prefix(report, d / "x-prefix-report.xlsx"), expect=REFUSED),
    ]
    saved = _libreoffice_saved(report, d, "libreoffice-report")
    if saved is not None:
        cases.append(_case("foreign-libreoffice", saved, expect=REFUSED))
    return cases


# ---- SMEP workbooks as other writers write them
def _sheet_parts(path: Path) -> dict[str, str]:
    from tests.helpers.preserve import _sheet_parts, snapshot

    return _sheet_parts(snapshot(path))


def _protected_hidden_merged(base: Path, dest: Path) -> Path:
    wb = openpyxl.load_workbook(base)
    wb[L.DASHBOARD].protection.sheet = True
    wb[L.DASHBOARD].sheet_properties.tabColor = "1F4E78"
    wb[L.LISTS].sheet_state = "hidden"
    wb[L.CRITERIA].protection.sheet = True
    notes = wb.create_sheet("Notes")
    notes.merge_cells("A1:D1")
    notes["A1"] = "Hub notes (merged header)"
    notes["A2"] = "Room _x0041_ Music School"
    ws = wb[L.SCHOOLS]
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index(L.SCH_NAME) + 1).value = "Room _x0041_ Music School"
    ws.cell(3, header.index(L.SCH_NAME) + 1).value = "مدرسة الموسيقى ‏(RTL)‏ 🎻"
    wb.save(dest)
    return dest


def smep_by_other_writers(base: Path, folder: Path) -> list:
    d = folder / "writers"
    d.mkdir(exist_ok=True)
    sheets = _sheet_parts(base)
    inputs = {sheets[s] for s in (L.SCHOOLS, L.VISITS, L.OBJECTIVES)}
    totals = Path(shutil.copy(base, d / "totals-row.xlsx"))
    writers.with_totals_row(totals, L.SCHOOLS, L.SCH_NAME, L.SCH_COHORT)
    cases = [
        _case("writer-x-prefix", writers.with_prefix(base, d / "x-prefix.xlsx")),
        _case("writer-no-cell-refs", writers.without_cell_refs(base, d / "no-refs.xlsx", inputs)),
        _case("writer-totals-row", totals),
        _case("writer-protected-hidden-merged", _protected_hidden_merged(base, d / "protected.xlsx")),
    ]
    return cases  # LibreOffice's own save of an SMEP workbook: make_corpus's "libreoffice-saved"
