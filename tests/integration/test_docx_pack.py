"""The print pack, and writing many letters at once."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_SECTION
from lxml import etree
from openxml_audit import FileFormat

from smep_xl.adapters.docx.engine import compile_template
from smep_xl.adapters.docx.pack import build_pack
from smep_xl.domain.letters.fields import example_letter
from smep_xl.errors import SmepError
from tests.helpers.audit import problems
from tests.letters_fixture import ROOT
from tests.letters_templates import document_text, make, xml_parts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def letters(tmp_path: Path, count: int) -> list[Path]:
    compiled = compile_template(ROOT / "templates" / "feedback_letter.docx")
    paths = []
    for n in range(count):
        data = example_letter() | {"school": f"School {n} & Sons", "urn": str(100000 + n)}
        paths.append(tmp_path / f"{n}.docx")
        compiled.write(data, paths[-1])
    return paths


def test_one_section_per_letter_each_with_its_own_footer_and_page_one(tmp_path: Path) -> None:
    paths = letters(tmp_path, 5)
    build_pack(paths, tmp_path / "pack.docx")
    pack = docx.Document(tmp_path / "pack.docx")
    assert len(pack.sections) == 5
    assert all(s.start_type == WD_SECTION.NEW_PAGE for s in pack.sections)
    footers = [s.footer.paragraphs[0].text for s in pack.sections]
    assert [f.split(" (URN")[0] for f in footers] == [f"School {n} & Sons" for n in range(5)]
    starts = [s._sectPr.find(f"{W}pgNumType").get(f"{W}start") for s in pack.sections]
    assert starts == ["1"] * 5
    text = document_text(tmp_path / "pack.docx")
    assert [t for t in text if t.startswith("Dear ")] == ["Dear Mrs O'Connor,"] * 5
    for data in xml_parts(tmp_path / "pack.docx").values():
        etree.fromstring(data)  # every part well formed


def test_a_letter_that_ends_in_a_table_still_gets_its_own_page(tmp_path: Path) -> None:
    path, data = make("table", tmp_path)
    compiled = compile_template(path)
    paths = [tmp_path / "a.docx", tmp_path / "b.docx"]
    for p in paths:
        compiled.write(data, p)
    build_pack(paths, tmp_path / "pack.docx")
    assert len(docx.Document(tmp_path / "pack.docx").sections) == 2
    assert len(docx.Document(tmp_path / "pack.docx").tables) == 2


def test_the_pack_needs_letters(tmp_path: Path) -> None:
    with pytest.raises(SmepError):
        build_pack([], tmp_path / "pack.docx")
    (tmp_path / "bad.docx").write_text("not a letter")
    with pytest.raises(SmepError, match="print pack"):
        build_pack([tmp_path / "bad.docx"], tmp_path / "pack.docx")


def test_write_all_reports_each_letter_and_carries_on(tmp_path: Path) -> None:
    compiled = compile_template(ROOT / "templates" / "feedback_letter.docx")
    good = example_letter()
    bad = dict(good, criteria=3)  # not a list: the table loop cannot run over it
    jobs = [
        (good, tmp_path / "1.docx"),
        (bad, tmp_path / "2.docx"),
        (good, tmp_path / "no" / "3.docx"),
        (good, tmp_path / "4.docx"),
    ]
    seen = []
    outcome = compiled.write_all(jobs, progress=lambda done, total: seen.append((done, total)))
    assert outcome[0] is None and outcome[3] is None
    assert "failed on the body" in outcome[1] and "3.docx could not be written" in outcome[2]
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == ["1.docx", "4.docx"]
    assert seen[-1] == (4, 4)
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["1.docx", "4.docx"]  # no temporaries
    with zipfile.ZipFile(tmp_path / "4.docx") as z:
        assert z.testzip() is None


@pytest.mark.parametrize("start", ["fork", "spawn"])  # spawn: how Windows starts a worker
def test_write_all_in_worker_processes_gives_the_same_letters(tmp_path: Path, monkeypatch, start) -> None:
    from smep_xl.adapters.docx import batch as docx_batch

    monkeypatch.setattr(docx_batch, "START_METHOD", start)
    monkeypatch.setattr(docx_batch, "PROCESS_FROM", 4)
    monkeypatch.setattr(docx_batch, "CHUNK", 3)
    monkeypatch.setattr(docx_batch.os, "cpu_count", lambda: 2)
    compiled = compile_template(ROOT / "templates" / "feedback_letter.docx")
    data = [example_letter() | {"school": f"School {n}"} for n in range(8)]
    jobs = [(d, tmp_path / f"{n}.docx") for n, d in enumerate(data)]
    jobs[5] = (data[5], tmp_path / "missing" / "5.docx")
    outcome = compiled.write_all(jobs)
    assert [o is None for o in outcome] == [True] * 5 + [False] + [True] * 2
    for n in (0, 7):
        assert f"School {n} (URN 120001)" in "\n".join(document_text(tmp_path / f"{n}.docx"))


def test_the_pack_registers_each_letters_own_footer_and_is_valid_open_xml(tmp_path: Path) -> None:
    paths = letters(tmp_path, 4)
    build_pack(paths, tmp_path / "pack.docx")
    with zipfile.ZipFile(tmp_path / "pack.docx") as z:
        names = z.namelist()
        types = etree.fromstring(z.read("[Content_Types].xml"))
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
    footers = sorted(n for n in names if n.startswith("word/footer"))
    assert len(footers) == 4  # the first letter's, and one for each later school
    overrides = {el.get("PartName") for el in types}
    targets = {"word/" + el.get("Target") for el in rels}
    assert all("/" + f in overrides and f in targets for f in footers)
    # Word 2010's schema: the template's table looks use its firstRow/lastRow attributes.
    assert problems(tmp_path / "pack.docx", FileFormat.OFFICE_2010) == []
