"""Every part smep writes or changes is valid: validate, refresh, letters and import-schools, run
in turn on the demo, on a workbook made by openpyxl and on one written with an x: prefix, each
checked by openxml-audit (the Open XML SDK's rules), by package rules, and by the published
ECMA-376 XSDs where SMEP_ECMA376_XSD names them (tests/helpers/schemas.py).

Parts smep copies untouched are not checked: they are the user's, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import schemas
from tests.helpers.cli import smep_ok
from tests.helpers.parts import parts
from tests.helpers.writers import with_prefix

WORKBOOKS = ("demo", "openpyxl", "x-prefix")
STAGES = ("validate", "refresh", "letters", "import-schools")


def _make(kind: str, folder: Path) -> Path:
    path = folder / "hub.xlsx"
    if kind == "openpyxl":
        from tests.helpers.contract_book import make_contract_workbook

        make_contract_workbook(path)
        return path
    smep_ok("new", folder / "demo.xlsx", "--demo", "--schools", 40)
    if kind == "x-prefix":
        return with_prefix(folder / "demo.xlsx", path)
    return Path(shutil.move(folder / "demo.xlsx", path))


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[tuple[str, str], tuple[dict, Path]]:
    """(workbook, stage) -> (the parts before the stage, a copy of the file after it)."""
    from tests.fixtures.gias.make_gias import write_files

    out = {}
    for kind in WORKBOOKS:
        folder = tmp_path_factory.mktemp(kind)
        path = _make(kind, folder)
        gias, _links = write_files(folder / "gias")
        args = {
            "validate": ("validate", path),
            "refresh": ("refresh", path),
            "letters": ("letters", path, "--out", folder / "letters", "--date", "2015-07-31"),
            "import-schools": ("import-schools", path, gias, "--la", "855", "--la", "856"),
        }
        for stage in STAGES:
            before = parts(path)
            smep_ok(*args[stage])
            after = Path(shutil.copy(path, folder / f"after-{stage}.xlsx"))
            out[(kind, stage)] = (before, after)
    return out


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("kind", WORKBOOKS)
def test_written_parts_pass_openxml_audit_and_package_rules(runs, kind, stage):
    before, after = runs[(kind, stage)]
    problems = schemas.new_problems(before, after, checks=("openxml-audit", "package"))
    assert problems == {}, problems


@pytest.mark.skipif(not schemas.xsd_available(), reason="SMEP_ECMA376_XSD does not name the ECMA-376 XSDs")
@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("kind", WORKBOOKS)
def test_written_parts_pass_the_published_xsds(runs, kind, stage):
    before, after = runs[(kind, stage)]
    problems = schemas.new_problems(before, after, checks=("xsd",))
    assert problems == {}, problems


def test_the_checks_catch_what_they_are_for(tmp_path):
    """A sheet with its hyperlinks after its page margins, and a relationship to nowhere."""
    import re
    import zipfile

    path = tmp_path / "hub.xlsx"
    smep_ok("new", path, "--demo", "--schools", 5)
    before = parts(path)
    broken = dict(before)
    sheet = "xl/worksheets/sheet8.xml"  # Findings
    margins = re.search(rb"<pageMargins [^>]*/>", broken[sheet]).group(0)
    link = b'<hyperlinks><hyperlink ref="C2" location="Visits!F2" display="x"/></hyperlinks>'
    broken[sheet] = broken[sheet].replace(margins, margins + link)
    rels = "xl/worksheets/_rels/sheet8.xml.rels"
    broken[rels] = broken[rels].replace(
        b"</Relationships>", b'<Relationship Id="rIdX" Type="t" Target="nowhere.xml"/></Relationships>'
    )
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(bad, "w") as z:
        for name, data in broken.items():
            z.writestr(name, data)
    found = schemas.new_problems(before, bad, checks=("openxml-audit", "package"))
    assert any("hyperlinks" in p for p in found["openxml-audit"])
    assert any("nowhere.xml" in p for p in found["package"])
