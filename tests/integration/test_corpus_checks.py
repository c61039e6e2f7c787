"""The corpus's own checks catch what they are there to catch, in every writer's form: a user
cell changed (value or style), a foreign part changed, an existing style changed, letters on
disk that the Letter Log does not list."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from smep_xl import layout as L
from tests.corpus.run_case import _letters_match_the_log, _styles_kept
from tests.helpers import writers
from tests.helpers.preserve import _sheet_parts, assert_user_data_kept, computed_letters_of, snapshot


@pytest.fixture(params=["usual", "x-prefix", "no-cell-refs"])
def book(request, contract_book: Path, tmp_path: Path) -> Path:
    if request.param == "usual":
        return contract_book
    if request.param == "x-prefix":
        return writers.with_prefix(contract_book, tmp_path / "x.xlsx")
    parts = set(_sheet_parts(snapshot(contract_book)).values())
    return writers.without_cell_refs(contract_book, tmp_path / "r.xlsx", parts)


def _schools(parts: dict[str, bytes]) -> str:
    return _sheet_parts(parts)[L.SCHOOLS]


def test_an_unchanged_workbook_passes(book):
    before = snapshot(book)
    assert_user_data_kept(before, dict(before), computed_letters_of(book))


def test_a_changed_user_value_is_caught(book):
    before = snapshot(book)
    after = dict(before)
    part = _schools(before)
    after[part] = re.sub(rb"(<(?:x:)?v>)100001(</(?:x:)?v>)", rb"\g<1>100009\g<2>", before[part], count=1)
    assert after[part] != before[part]
    with pytest.raises(AssertionError, match="user cells changed"):
        assert_user_data_kept(before, after, computed_letters_of(book))


def test_a_changed_style_of_a_user_cell_is_caught(book):
    before = snapshot(book)
    after = dict(before)
    part = _schools(before)
    after[part] = re.sub(rb'(<(?:x:)?c\b[^>]*?) s="(\d+)"', rb'\1 s="99"', before[part], count=3)
    if after[part] == before[part]:  # no styled cell: give the first cell a style
        after[part] = re.sub(rb"<((?:x:)?c)\b", rb'<\1 s="1"', before[part], count=1)
    with pytest.raises(AssertionError, match="user cells changed"):
        assert_user_data_kept(before, after, computed_letters_of(book))


def test_a_changed_foreign_part_is_caught(book):
    before = snapshot(book)
    after = dict(before)
    after["docProps/core.xml"] = before["docProps/core.xml"].replace(
        b"</cp:coreProperties>", b"<dc:x/></cp:coreProperties>"
    )
    with pytest.raises(AssertionError, match="part docProps/core.xml changed"):
        assert_user_data_kept(before, after, computed_letters_of(book))


def test_a_changed_existing_style_is_caught(contract_book):
    before = snapshot(contract_book)
    after = dict(before)
    after["xl/styles.xml"] = re.sub(
        rb'<xf numFmtId="\d+"', b'<xf numFmtId="14"', before["xl/styles.xml"], count=2
    )
    assert _styles_kept(before, after)
    appended = before["xl/styles.xml"].replace(b"</cellXfs>", b'<xf numFmtId="0" fontId="0"/></cellXfs>')
    assert _styles_kept(before, {**before, "xl/styles.xml": appended}) == []


def test_letters_on_disk_must_be_the_letters_in_the_log(tmp_path: Path):
    from tests.helpers.cli import run_smep
    from tests.letters_fixture import write_workbook

    book = write_workbook(tmp_path / "hub.xlsx")
    assert run_smep("letters", book, "--out", tmp_path / "letters", "--date", "2015-06-01")[0] in (0, 1)
    assert _letters_match_the_log(book, tmp_path / "letters") == []
    letter = next((tmp_path / "letters").glob("*.docx"))
    shutil.copy(letter, letter.with_name("stray.docx"))
    assert "letters on disk" in _letters_match_the_log(book, tmp_path / "letters")[0]
    letter.with_name("stray.docx").unlink()
    letter.unlink()
    assert "letters on disk" in _letters_match_the_log(book, tmp_path / "letters")[0]
