"""The README is the manual: it stays in step with the reference pages and the contract."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from smep_xl import layout as L
from smep_xl.domain.validate.checks import CHECKS

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_carries_the_current_docs_pages():
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "build_readme.py"), "--check"])
    assert out.returncode == 0, "README.md is out of date: run python tools/build_readme.py"


def test_quick_start_is_the_two_commands():
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert re.findall(r"^make \w+", quick, flags=re.M) == ["make demo", "make test"]


def test_every_sheet_setting_and_check_code_is_documented():
    for name in L.SHEET_ORDER + L.SETTING_NAMES:
        assert name in README, name
    for code in CHECKS:
        assert f"`{code}`" in README, code
