"""`smep demo` tells one story on its As Of date: the Dashboard counts the letters it wrote."""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
import pytest

from smep_xl import layout as L
from smep_xl.cli import main


def run(args: list[str], monkeypatch) -> int:
    monkeypatch.setattr(sys, "argv", ["smep", *args])
    with pytest.raises(SystemExit) as stop:
        main()
    return stop.value.code


def kpi(book, label: str):
    for row in book[L.DASHBOARD].iter_rows(values_only=True):
        if label in row:
            return row[row.index(label) + 1]
    raise AssertionError(f"no {label!r} on the Dashboard")


def test_the_dashboard_counts_the_letters_the_demo_wrote(tmp_path: Path, monkeypatch, capsys) -> None:
    assert run(["demo", "--out", str(tmp_path)], monkeypatch) == 0
    book = openpyxl.load_workbook(tmp_path / "SMEP_Demo.xlsx")
    logged = [r for r in book[L.LETTER_LOG].iter_rows(min_row=2, values_only=True) if any(r)]
    written = {r[3] for r in logged if r[3]}  # distinct visits with a letter
    assert len(written) == 31 == len(list((tmp_path / "letters").glob("1*.docx")))
    assert kpi(book, "Letters sent") == len(written)
    assert "31 written" in capsys.readouterr().out
