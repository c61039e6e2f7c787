"""The one zip writer: what it writes, zipfile (a strict, independent reader) reads back."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smep_xl.ooxml.zip import STORED, ZipSource, ZipWriter, compress, zip_bytes

names = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\"), min_size=1, max_size=20
)


@given(st.dictionaries(names, st.binary(max_size=2000), min_size=1, max_size=8), st.integers(0, 9))
def test_every_part_reads_back_exactly(parts, level):
    data = zip_bytes(compress(name, body, level) for name, body in parts.items())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        assert {i.filename: z.read(i) for i in z.infolist()} == parts


def test_raw_copy_keeps_the_compressed_bytes_and_the_stamp(tmp_path):
    source = tmp_path / "in.zip"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("a.xml", (2020, 5, 6, 7, 8, 10)), b"<a>" * 1000, zipfile.ZIP_DEFLATED)
        z.writestr("b.bin", b"\x00\x01" * 50, zipfile.ZIP_STORED)
    with open(source, "rb") as fh:
        src = ZipSource(fh)
        raw = src.raw("a.xml")
        with zipfile.ZipFile(source) as z, open(source, "rb") as again:
            again.seek(z.getinfo("a.xml").header_offset + 30 + len("a.xml"))
            assert raw.data == again.read(z.getinfo("a.xml").compress_size)
        out = io.BytesIO()
        writer = ZipWriter(out)
        writer.add(raw)
        writer.add(src.raw("b.bin"))
        writer.close()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as z:
        assert z.read("a.xml") == b"<a>" * 1000
        assert z.getinfo("a.xml").date_time == (2020, 5, 6, 7, 8, 10)
        assert z.getinfo("b.bin").compress_type == STORED
        assert z.testzip() is None


def test_a_streamed_part_is_never_held_whole_and_reads_back(tmp_path):
    path = tmp_path / "s.zip"
    chunks = [f"<row r='{i}'/>".encode() for i in range(20_000)]
    with open(path, "wb") as fh:
        writer = ZipWriter(fh)
        writer.write("first.xml", b"<x/>")
        writer.write_stream("sheet.xml", iter(chunks))
        writer.write("last.xml", b"<y/>")
        writer.close()
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        assert z.read("sheet.xml") == b"".join(chunks)
        assert [i.filename for i in z.infolist()] == ["first.xml", "sheet.xml", "last.xml"]


def test_non_ascii_names_are_flagged_utf8():
    data = zip_bytes([compress("word/Ünïcode.xml", b"<a/>")])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.namelist() == ["word/Ünïcode.xml"]


def test_a_part_over_4_gb_is_refused():
    from smep_xl.ooxml.zip import Part

    writer = ZipWriter(io.BytesIO())
    with pytest.raises(ValueError, match="over 4 GB"):
        writer.add(Part("big", 0, 2**32, b""))


@pytest.mark.parametrize("size", [0, 1, 4 << 20, (4 << 20) + 1, (9 << 20) + 12345])
def test_big_parts_deflated_in_pieces_read_back_exactly(size, monkeypatch):
    import random
    import zlib

    from smep_xl.ooxml import zip as ooxml_zip

    monkeypatch.setattr(ooxml_zip, "PIECE", 1 << 20)  # many pieces, some partial
    rng = random.Random(size)
    words = [b'<c r="A1"><v>%d</v></c>' % rng.randrange(10**6) for _ in range(200)]
    body = b"".join(rng.choice(words) for _ in range(size // 20 + 1))[:size]
    small = b"<small/>" * 10
    parts = ooxml_zip.compress_many(
        [("xl/big.xml", body, 1, ooxml_zip.FIXED_TIME), ("small.xml", small, 6, (2020, 1, 2, 3, 4, 6))]
    )
    assert [p.name for p in parts] == ["xl/big.xml", "small.xml"]
    assert zlib.decompress(parts[0].data, -15) == body  # one deflate stream, ended properly
    data = zip_bytes(parts)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None  # checksums agree
        assert z.read("xl/big.xml") == body and z.read("small.xml") == small
        assert z.getinfo("small.xml").date_time == (2020, 1, 2, 3, 4, 6)
