"""`smep refresh` on real workbook files: the demo copy and the hand-made hub."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from smep_xl import layout as L
from smep_xl.cli import cli
from tests.conftest import soffice
from tests.refresh_fixture import hub_frames
from tests.refresh_package import chart_parts, convert, write_hub_workbook

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str):
    return CliRunner().invoke(cli, ["refresh", *args], catch_exceptions=False)


def column(ws, name: str) -> list:
    header = [c.value for c in ws[1]]
    j = header.index(name)
    return [row[j] for row in ws.iter_rows(min_row=2, values_only=True) if any(v is not None for v in row)]


@pytest.fixture
def hub(tmp_path) -> Path:
    return write_hub_workbook(hub_frames(), tmp_path / "hub.xlsx")


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_refresh_the_demo_fills_computed_columns_and_draws_charts(demo_copy, tmp_path):
    result = run(str(demo_copy), "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["coverage"]["open_schools"] > 0 and doc["schools"]
    wb = openpyxl.load_workbook(demo_copy)
    assert any(v in (L.RED, L.AMBER, L.GREEN) for v in column(wb[L.SCHOOLS], L.SCH_RAG))
    assert all(isinstance(v, datetime) for v in column(wb[L.SCHOOLS], L.SCH_NEXT_DUE) if v is not None)
    assert any(isinstance(v, (int, float)) for v in column(wb[L.VISITS], L.VIS_SCORE))
    assert any(v in (L.BLUE, L.RED, L.AMBER, L.GREEN) for v in column(wb[L.OBJECTIVES], L.OBJ_BRAG))
    # coverage over time, by Area, RAG movement, RAG, targets: each titled with its question
    assert len(wb[L.DASHBOARD]._charts) == 5 and len(chart_parts(demo_copy)) == 5
    with zipfile.ZipFile(demo_copy) as z:
        titles = [
            re.search(rb"<a:t>([^<]*)</a:t>", z.read("xl/charts/" + p.rsplit("/", 1)[-1])).group(1).decode()
            for p in chart_parts(demo_copy)
        ]
    assert all("?" in t for t in titles), titles
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed, so the PDF check cannot run; CI installs it")
    assert convert(demo_copy, "pdf", tmp_path).stat().st_size > 10_000


def test_refresh_prints_the_kpi_block_and_writes_the_file(hub):
    result = run(str(hub), "--as-of", "31/01/2016")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Test Hub: school music education plan dashboard (as of 31/01/2016)"
    assert any(
        line.split() == ["Year", "1", "coverage", "71%", "target", "60%", "by", "31", "Aug", "2015"]
        for line in lines
    )
    assert "5 finding(s): rows left out of the figures" in result.stdout
    wb = openpyxl.load_workbook(hub)
    assert column(wb[L.SCHOOLS], L.SCH_RAG) == [L.AMBER, L.RED, None, L.GREEN, L.GREEN, None, L.GREEN, L.RED]
    assert column(wb[L.SCHOOLS], L.SCH_NEXT_DUE)[2] == datetime(2016, 8, 31)
    assert column(wb[L.OBJECTIVES], L.OBJ_BRAG)[:3] == [L.RED, L.BLUE, L.AMBER]
    assert wb[L.DASHBOARD]["A1"].value.startswith("Test Hub")


def test_refresh_twice_leaves_the_file_byte_identical(hub):
    assert run(str(hub), "--as-of", "2016-01-31").exit_code == 0
    first = parts(hub)
    assert run(str(hub), "--as-of", "2016-01-31").exit_code == 0
    assert parts(hub) == first


def test_json_prints_only_json(hub):
    result = run(str(hub), "--as-of", "2016-01-31", "--json")
    doc = json.loads(result.stdout)
    assert doc["as_of"] == "2016-01-31" and doc["school_rag"][L.RED] == 2 and len(doc["schools"]) == 8
    assert result.stderr == ""


def test_a_bad_as_of_date_stops_with_one_line(hub):
    before = parts(hub)
    result = run(str(hub), "--as-of", "next tuesday")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "--as-of 'next tuesday' is not a date" in result.stderr
    assert parts(hub) == before


def test_a_missing_workbook_stops_with_one_line_and_no_traceback(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "from smep_xl.cli import main; main()",
            "refresh",
            str(tmp_path / "nope.xlsx"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert (
        proc.stderr.startswith("smep: ") and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    )


def test_as_of_setting_is_used_when_no_option_is_given(tmp_path):
    frames = hub_frames(**{L.S_AS_OF: datetime(2015, 3, 1)})
    path = write_hub_workbook(frames, tmp_path / "hub.xlsx")
    doc = json.loads(run(str(path), "--json").stdout)
    assert doc["as_of"] == date(2015, 3, 1).isoformat() and doc["coverage"]["visited_plan"] == 5
