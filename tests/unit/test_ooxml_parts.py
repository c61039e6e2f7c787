"""A package built in memory (ooxml.parts), schema order (ooxml.order), the shared strings part
and the atomic file write for callers that word their own errors: read back with zipfile,
lxml and calamine, independent of the code under test."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from smep_xl.ooxml import order, package, xml
from smep_xl.ooxml.atomic import write_file
from smep_xl.ooxml.cells import SharedStrings, excel_text
from smep_xl.ooxml.parts import Parts, serialise_like
from smep_xl.ooxml.shared_strings import shared_strings_xml
from smep_xl.ooxml.zip import FIXED_TIME, ZipWriter

TYPES = (
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/></Types>'
)
RELS = (
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://x/header" Target="header1.xml"/></Relationships>'
)


def source() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("[Content_Types].xml", (2020, 1, 2, 3, 4, 6)), TYPES)
        z.writestr("word/_rels/document.xml.rels", RELS)
        z.writestr("word/header1.xml", b"<hdr/>" * 200)
    return buffer.getvalue()


def written(parts: Parts, date_time=None) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    writer = ZipWriter(buffer)
    for name in parts.names():
        writer.add(parts.part(name, date_time=date_time))
    writer.close()
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def test_untouched_parts_go_across_raw_and_edits_through_the_package_helpers():
    original = source()
    with Parts.from_bytes(original) as parts:
        rid = package.add_relationship(parts, "word/document.xml", "http://x/footer", "footer1.xml")
        package.set_content_type(parts, "word/footer1.xml", "application/x-footer")
        parts.write("word/footer1.xml", b"<ftr/>")
        assert [r.target for r in package.relationships(parts, "word/document.xml")] == [
            "word/header1.xml",
            "word/footer1.xml",
        ]
        out = written(parts)
    with zipfile.ZipFile(io.BytesIO(original)) as before:
        raw = before.getinfo("word/header1.xml")
        after = out.getinfo("word/header1.xml")
        assert (after.CRC, after.compress_size, after.date_time) == (
            raw.CRC,
            raw.compress_size,
            raw.date_time,
        )
    assert out.namelist()[-1] == "word/footer1.xml"  # added parts follow the source's
    rels = etree.fromstring(out.read("word/_rels/document.xml.rels"))
    assert [(el.get("Id"), el.get("Target")) for el in rels] == [
        ("rId1", "header1.xml"),
        (rid, "footer1.xml"),
    ]
    types = etree.fromstring(out.read("[Content_Types].xml"))
    assert types[-1].get("PartName") == "/word/footer1.xml"
    assert not out.read("[Content_Types].xml").startswith(b"<?xml")  # written as its writer wrote it


def test_a_fixed_stamp_makes_two_builds_the_same_bytes():
    def build() -> bytes:
        with Parts.from_bytes(source()) as parts:
            parts.write("new.xml", b"<new/>")
            buffer = io.BytesIO()
            writer = ZipWriter(buffer)
            for name in parts.names():
                writer.add(parts.part(name, date_time=FIXED_TIME))
            writer.close()
            return buffer.getvalue()

    first = build()
    assert first == build()
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {FIXED_TIME}


def test_removed_parts_are_gone():
    with Parts.from_bytes(source()) as parts:
        parts.remove("word/header1.xml")
        assert not parts.has("word/header1.xml")
        with pytest.raises(KeyError):
            parts.read("word/header1.xml")
        assert "word/header1.xml" not in written(parts).namelist()


def test_serialise_like_keeps_the_declaration_only_where_there_was_one():
    root = xml.parse(b"<a><b/></a>")
    assert serialise_like(root, b"<a><b/></a>") == b"<a><b/></a>"
    assert serialise_like(root, b'<?xml version="1.0"?>\n<a/>').startswith(b"<?xml")


def test_children_go_into_the_schemas_order_and_others_keep_their_places():
    font = xml.parse(
        b'<font xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<name val="Calibri"/><x:ext xmlns:x="urn:x"/><color theme="1"/><b/><sz val="11"/></font>'
    )
    assert order.order_children(font, order.FONT)
    assert [xml.local(c) for c in font] == ["b", "sz", "color", "name", "ext"]
    assert not order.order_children(font, order.FONT)  # already in order: nothing moves


def test_shared_strings_read_back_as_typed():
    from python_calamine import CalamineWorkbook

    strings = SharedStrings()
    texts = ["Room _x0041_", "Bell\x07", "A & <B>", "naïve ✓"]
    sheet = "".join(f'<c r="{col}1" t="s"><v>{strings.add(t)}</v></c>' for col, t in zip("ABCD", texts))
    sst = b"".join(shared_strings_xml(strings))
    assert etree.fromstring(sst).get("uniqueCount") == "4"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", _XLSX_TYPES)
        z.writestr("_rels/.rels", _XLSX_RELS)
        z.writestr("xl/workbook.xml", _BOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{xml.MAIN}"><sheetData><row r="1">{sheet}'
                   "</row></sheetData></worksheet>")  # fmt: skip
        z.writestr("xl/sharedStrings.xml", sst)
    rows = CalamineWorkbook.from_filelike(io.BytesIO(buffer.getvalue())).get_sheet_by_name("S").to_python()
    assert rows[0] == texts


def test_write_file_leaves_no_temporary_and_lets_the_caller_word_the_error(tmp_path):
    target = tmp_path / "letter.docx"
    write_file(str(target), lambda out: out.write(b"one"), sync=False)
    write_file(str(target), lambda out: out.write(b"two"))
    assert target.read_bytes() == b"two" and os.listdir(tmp_path) == ["letter.docx"]
    with pytest.raises(FileNotFoundError):
        write_file(str(tmp_path / "missing" / "x.docx"), lambda out: out.write(b"x"))

    def fails(out):
        out.write(b"half")
        raise RuntimeError("stopped")

    with pytest.raises(RuntimeError):
        write_file(str(target), fails)
    assert target.read_bytes() == b"two" and os.listdir(tmp_path) == ["letter.docx"]


_XLSX_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
_XLSX_RELS = (
    f'<Relationships xmlns="{xml.PKG_REL}"><Relationship Id="rId1" '
    f'Type="{xml.R}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_BOOK = (
    f'<workbook xmlns="{xml.MAIN}" xmlns:r="{xml.R}"><sheets>'
    '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_BOOK_RELS = (
    f'<Relationships xmlns="{xml.PKG_REL}">'
    f'<Relationship Id="rId1" Type="{xml.R}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{xml.R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)


@given(st.lists(st.text(max_size=15) | st.sampled_from(["_x0041_", "a&b", "<", "\x07", "\ud800", "plain"])))
def test_every_shared_string_is_written_as_excel_text_writes_it(texts):
    strings = SharedStrings()
    for text in texts:
        strings.add(text)
    body = b"".join(shared_strings_xml(strings)).decode("utf-8", "surrogatepass")
    items = "".join(f'<si><t xml:space="preserve">{excel_text(t)}</t></si>' for t in strings.index)
    assert body.endswith(items + "</sst>")
