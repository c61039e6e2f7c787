"""`smep report`: the board report's numbers are the Dashboard's; pictures carry alt text; a bad
template stops before anything is written; the report never writes over a file."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from smep_xl import layout as L
from tests.helpers import schemas
from tests.helpers.cli import run_smep, smep_ok

DAY = "2015-07-31"  # in plan year 2: the report shows plan coverage
MEASURES = ["Target", "Now", "Counted", "Aim", "Due", "Status"]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def reported(tmp_path_factory) -> tuple[Path, Path]:
    """The demo with two snapshots, refreshed and reported on the same as-of date."""
    folder = tmp_path_factory.mktemp("report")
    book = Path(shutil.copy(ROOT / "workbooks" / "SMEP_Demo.xlsx", folder / "hub.xlsx"))
    smep_ok("snapshot", book, "--as-of", "2014-12-19")
    smep_ok("snapshot", book, "--as-of", "2015-03-27")
    smep_ok("refresh", book, "--as-of", DAY)
    out = smep_ok("report", book, "--as-of", DAY)
    assert "Board report 2015-07-31.docx" in out
    return book, folder / "Board report 2015-07-31.docx"


def dashboard_rows(book: Path, first_header: str, second_header: str) -> list[list]:
    """The rows under the Dashboard header row that starts with these two headers."""
    ws = openpyxl.load_workbook(book, data_only=True)[L.DASHBOARD]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    for i, row in enumerate(rows):
        cells = [c for c in row if c is not None]
        if cells[:2] == [first_header, second_header]:
            start = row.index(first_header)
            out = []
            for below in rows[i + 1 :]:
                if below[start] is None:
                    return out
                out.append(below[start : start + len(cells)])
            return out
    raise AssertionError(f"no Dashboard table headed {first_header}, {second_header}")


def report_table(path: Path, header: list[str]) -> list[list[str]]:
    for table in Document(str(path)).tables:
        rows = [[c.text for c in r.cells] for r in table.rows]
        if rows and rows[0] == header:
            return rows[1:]
    raise AssertionError(f"no report table headed {header}")


def test_every_target_in_the_report_is_the_dashboards(reported):
    book, report = reported
    board = dashboard_rows(book, "Target", "Status")  # Target, Status, Now, Aim, Counted, ...
    shown = report_table(report, ["Target", "Now", "Counted", "Aim", "Due", "Status"])
    assert len(shown) == len(board) >= 9
    for (name, status, now, aim, counted, *_), row in zip(board, shown, strict=True):
        assert row[0] == name and row[5] == status and row[2] == counted
        assert (row[1], row[3]) == (f"{now:.0%}", f"{aim:.0%}")


def test_school_rag_and_coverage_by_area_are_the_dashboards(reported):
    book, report = reported
    rag = dashboard_rows(book, L.SCH_RAG, L.DB_SCHOOLS)
    assert report_table(report, ["School RAG (open schools)", "Schools"]) == [[w, f"{n:,}"] for w, n in rag]
    area = dashboard_rows(book, L.SCH_AREA, L.DB_OPEN)  # Area, Open, Y1 (3 columns), Plan (3 columns)...
    shown = report_table(report, ["Area", "Open schools", "Visited", "Coverage", "Target"])
    assert shown == [[a, f"{n:,}", f"{v:,}", f"{c:.0%}", f"{t:.0%}"] for a, n, _, _, _, v, c, t, *_ in area]


def test_movement_and_changes_come_from_the_previous_snapshot(reported):
    _, report = reported
    text = "\n".join(p.text for p in Document(str(report)).paragraphs)
    assert "Since the snapshot Spring 2015 (27 Mar 2015)" in text
    moves = report_table(report, ["From", "To", "Schools"])
    assert moves and all(a != b for a, b, _ in moves)
    changes = report_table(report, ["Target", "Then", "Now", "Status then", "Status now"])
    assert [c[0] for c in changes] == [m[0] for m in report_table(report, MEASURES)]


def test_charts_are_pictures_with_alt_text_and_the_parts_are_valid(reported):
    _, report = reported
    with zipfile.ZipFile(report) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        body = z.read("word/document.xml").decode()
    assert len(media) == 3
    assert body.count('descr="') == 3 and 'descr=""' not in body
    assert "Stacked column chart of open schools rated Red, Amber and Green: Autumn 2014" in body
    assert schemas.audit(report) == {} and schemas.package_problems(report) == {}


def test_a_template_with_an_unknown_field_stops_before_writing(reported, tmp_path):
    book, _ = reported
    from docx import Document as New

    bad = New(str(ROOT / "templates" / "board_report.docx"))
    bad.add_paragraph("{{ board_membrs }}")
    bad.save(tmp_path / "mine.docx")
    before = sorted(p.name for p in book.parent.iterdir())
    code, _, err = run_smep("report", book, "--as-of", DAY, "--template", tmp_path / "mine.docx")
    assert code == 2 and "board_membrs" in err and "nothing was written" in err
    assert sorted(p.name for p in book.parent.iterdir()) == before


def test_it_never_writes_over_a_file(reported, tmp_path):
    book, report = reported
    before = report.read_bytes()
    code, _, err = run_smep("report", book, "--as-of", DAY, "--out", report)
    assert code == 2 and "never writes over" in err and report.read_bytes() == before
    out = smep_ok("report", book, "--as-of", DAY)
    assert "Board report 2015-07-31 (2).docx" in out and report.read_bytes() == before
