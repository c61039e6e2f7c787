"""Letter file names: safe on Windows and Linux whatever a school is called, and never shared."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smep_xl.domain.letters.files import MAX_BYTES, NameBook, fill_pattern, placeholders, safe_stem

RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{n}" for n in range(1, 10)),
    *(f"LPT{n}" for n in range(1, 10)),
}


def assert_safe(name: str) -> None:
    assert name and name == name.strip(" .")
    assert not any(ch in name for ch in '<>:"/\\|?*') and all(ord(ch) >= 32 for ch in name)
    assert len(name.encode("utf-8")) <= MAX_BYTES
    assert name.split(".")[0].strip().upper() not in RESERVED
    assert name not in (".", "..")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("100001 St Mary's C of E Primary 2015-03-03", "100001 St Mary's C of E Primary 2015-03-03"),
        ("../../x", "_.._x"),
        ("C:\\Windows\\x", "C__Windows_x"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("Com1", "_Com1"),
        ("School. ", "School"),
        ("Tab\tand\nnewline", "Tab and newline"),
        ("Right\u202eto-left", "Rightto-left"),
        ("🎵 Music 🎻 Academy 👩‍👩‍👧", "🎵 Music 🎻 Academy 👩‍👩‍👧"),
        ("", "letter"),
        ("...", "letter"),
    ],
)
def test_safe_stem(typed: str, expected: str) -> None:
    assert safe_stem(typed) == expected
    assert_safe(safe_stem(typed))


def test_long_names_are_cut_on_a_character_boundary() -> None:
    name = safe_stem("é" * 300)
    assert len(name.encode("utf-8")) <= MAX_BYTES
    assert set(name) == {"é"}


@given(st.text())
def test_any_text_gives_a_safe_name(typed: str) -> None:
    assert_safe(safe_stem(typed))


def test_the_same_name_twice_gets_a_number() -> None:
    book = NameBook()
    assert book.claim("100001 Abbey", ".docx", "V1") == "100001 Abbey.docx"
    assert book.claim("100001 abbey", ".docx", "V2") == "100001 abbey (2).docx"  # Windows ignores case
    assert book.claim("100001 Abbey", ".docx", "V3") == "100001 Abbey (3).docx"


def test_a_file_on_disk_is_replaced_only_by_the_letter_that_made_it() -> None:
    book = NameBook(taken={"A.docx", "B.docx"}, owners={"A.docx": "V1", "B.docx": "V9"})
    assert book.claim("A", ".docx", "V1") == "A.docx"  # the same visit's letter, made again
    assert book.claim("B", ".docx", "V2") == "B (2).docx"  # somebody else's file stays


def test_a_long_name_with_a_number_stays_under_the_limit() -> None:
    book = NameBook()
    stem = safe_stem("x" * 400)
    first, second = book.claim(stem, ".docx", "1"), book.claim(stem, ".docx", "2")
    assert first != second and second.endswith(" (2).docx")
    assert len(second.encode()) <= MAX_BYTES + len(".docx")


def test_patterns() -> None:
    assert placeholders("{URN} {School} { Visit Date }") == ["URN", "School", "Visit Date"]
    assert fill_pattern("{URN}-{School}", lambda n: n.lower()) == "urn-school"
