"""`smep import-schools` output and exit codes, on the in-memory workbook."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from smep_xl import layout as L
from smep_xl.adapters.memory.workbook import MemoryWorkbook
from smep_xl.cli import import_cmd
from tests.fixtures.gias import make_gias as fx


@pytest.fixture
def book(monkeypatch) -> MemoryWorkbook:
    book = MemoryWorkbook(fx.workbook_tables(), label="hub.xlsx")
    monkeypatch.setattr(import_cmd, "_open", lambda path: book)
    return book


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return fx.write_files(tmp_path / "download")


def _run(*args: str):
    return CliRunner().invoke(import_cmd.import_schools, [str(a) for a in args])


def test_summary_and_each_change(book, files):
    gias, _ = files
    result = _run("hub.xlsx", gias)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "edubasealldata20250502.csv -> hub.xlsx (LA 855, 856)"
    assert lines[1] == "  added 8, updated 4, closed 2, unchanged 6, not in the file 1"
    assert "not added: 2 open establishments that are not state schools" in lines[2]
    assert any(
        line.startswith("  updated    Schools!K3 ") and "Head Last Name 'Smith' -> 'Khan'" in line
        for line in lines
    )
    assert any(line.startswith("  closed     Schools!C5 ") for line in lines)
    assert any(line.startswith("  added      Schools!A15 ") for line in lines)
    assert any(line.startswith("  re-opened  Schools!A15 ") and "URN 120004" in line for line in lines)
    assert lines[-1] == "Saved hub.xlsx."
    assert book.saves == 1


def test_links_file_beside_the_extract_is_used(book, files):
    gias, links = files
    assert "re-opened" in _run("hub.xlsx", gias).output
    links.unlink()
    output = _run("hub.xlsx", gias, "--dry-run").output
    assert "re-opened" not in output and "no links file" in output


def test_links_option(book, files, tmp_path):
    gias, links = files
    elsewhere = tmp_path / "other.csv"
    elsewhere.write_bytes(links.read_bytes())
    links.unlink()
    assert "re-opened" in _run("hub.xlsx", gias, "--links", elsewhere, "--dry-run").output


def test_la_option_overrides_settings(book, files):
    result = _run("hub.xlsx", files[0], "--la", "892", "--dry-run")
    assert "(LA 892)" in result.output and "added 5," in result.output


def test_json_prints_only_json(book, files):
    result = _run("hub.xlsx", files[0], "--json", "--dry-run")
    assert result.exit_code == 0
    document = json.loads(result.output)
    assert document["counts"]["added"] == 8 and document["dry_run"] is True and document["written"] is False
    assert document["changes"][0]["code"] == "import.updated"


def test_dry_run_writes_nothing(book, files):
    result = _run("hub.xlsx", files[0], "--dry-run")
    assert result.exit_code == 0 and result.output.splitlines()[-1] == "Dry run: nothing was written."
    assert book.saves == 0


def test_second_run_says_nothing_to_change(book, files):
    _run("hub.xlsx", files[0])
    result = _run("hub.xlsx", files[0])
    assert "added 0, updated 0, closed 0, unchanged 20" in result.output
    assert result.output.splitlines()[-1] == "Nothing to change; the workbook was not touched."
    assert book.saves == 1


@pytest.mark.parametrize(
    "content,words",
    [
        (b"School,Town\r\nA,B\r\n", "is not GIAS establishment data"),
        (fx.csv_bytes(fx.schools())[:-40], "cut short"),
        (b"", "is empty"),
    ],
)
def test_bad_csv_exits_2_with_one_line(book, tmp_path, content, words):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    result = _run("hub.xlsx", bad)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and result.output.startswith("smep: ") and words in result.output
    assert book.saves == 0


def test_missing_csv_exits_2(book, tmp_path):
    result = _run("hub.xlsx", tmp_path / "nope.csv")
    assert result.exit_code == 2 and "does not exist" in result.output and result.output.count("\n") == 1


def test_missing_la_codes_exit_2(monkeypatch, files):
    book = MemoryWorkbook(fx.workbook_tables(la_codes=""), label="hub.xlsx")
    monkeypatch.setattr(import_cmd, "_open", lambda path: book)
    result = _run("hub.xlsx", files[0])
    assert result.exit_code == 2 and f"'{L.S_LA_CODES}'" in result.output


def test_help_has_an_example_and_help_on_every_option():
    result = _run("--help")
    assert result.exit_code == 0 and "Example:" in result.output
    for param in import_cmd.import_schools.params:
        if param.param_type_name == "option":
            assert param.help, param.name
    for option in ("--la", "--links", "--dry-run", "--json"):
        assert option in result.output
