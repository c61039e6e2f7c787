"""The findings for a workbook seeded with one problem of each kind, against a golden table.

The golden file is readable CSV, so a change shows as a diff of findings. After a deliberate
change of wording, regenerate it (and docs/checks.md) with:
SMEP_UPDATE_GOLDEN=1 python -m pytest tests/unit/test_validate_golden.py
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from smep_xl.domain.validate import CHECKS, checks_markdown
from tests.validate_fixture import NOT_IN_GOLDEN, check, seeded_findings

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "validate_findings.csv"
DOCS = ROOT / "docs" / "checks.md"
COLUMNS = ("severity", "address", "code", "message", "suggestion")


def as_csv(findings) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for f in findings:
        writer.writerow([f.severity, f.address, f.code, f.message, f.suggestion])
    return out.getvalue()


def test_seeded_workbook_matches_the_golden_findings():
    got = as_csv(seeded_findings())
    if os.environ.get("SMEP_UPDATE_GOLDEN"):
        GOLDEN.write_text(got, encoding="utf-8")
    assert got == GOLDEN.read_text(encoding="utf-8")


def test_the_seeded_workbook_holds_one_problem_of_every_kind():
    seen = {f.code for f in seeded_findings()}
    assert seen | NOT_IN_GOLDEN == set(CHECKS)
    assert not seen & NOT_IN_GOLDEN


def test_the_clean_workbook_has_no_findings():
    assert check() == []


def test_every_finding_uses_a_documented_code():
    documented = DOCS.read_text(encoding="utf-8")
    for code in {f.code for f in seeded_findings()} | set(CHECKS):
        assert f"`{code}`" in documented, code


def test_docs_checks_md_is_generated_from_the_registry():
    if os.environ.get("SMEP_UPDATE_GOLDEN"):
        DOCS.write_text(checks_markdown(), encoding="utf-8")
    assert DOCS.read_text(encoding="utf-8") == checks_markdown(), (
        "docs/checks.md is stale: rerun this test with SMEP_UPDATE_GOLDEN=1"
    )


def test_each_finding_severity_is_the_registered_one():
    for f in seeded_findings():
        assert f.severity == CHECKS[f.code].severity, f
