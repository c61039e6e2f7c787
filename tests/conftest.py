"""Shared fixtures: real workbook files made fresh for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO_WORKBOOK = ROOT / "workbooks" / "SMEP_Demo.xlsx"


@pytest.fixture
def contract_book(tmp_path: Path) -> Path:
    """A small contract workbook (openpyxl-made) on disk."""
    from tests.helpers.contract_book import make_contract_workbook

    path = tmp_path / "hub.xlsx"
    make_contract_workbook(path)
    return path


@pytest.fixture
def rich_book(tmp_path: Path) -> Path:
    """A contract workbook holding VBA, a ribbon, a chart, validation, x14 formats, comments, names."""
    from tests.helpers.rich_book import make_rich_workbook

    return make_rich_workbook(tmp_path / "hub.xlsm")


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    """A private copy of the committed demo workbook."""
    if not DEMO_WORKBOOK.exists():
        pytest.fail(f"{DEMO_WORKBOOK} is missing: build it with smep new workbooks/SMEP_Demo.xlsx --demo")
    return Path(shutil.copy(DEMO_WORKBOOK, tmp_path / "SMEP_Demo.xlsx"))


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")
