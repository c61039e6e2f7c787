"""zip_bytes (a letter's zip, packed in one pass) gives exactly the bytes ZipWriter writes,
and zipfile, an independent reader, reads every part back."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given
from hypothesis import strategies as st

from smep_xl.ooxml.zip import Part, ZipWriter, compress, zip_bytes

names = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\"), min_size=1, max_size=20
)
stamps = st.tuples(
    st.integers(1980, 2107), st.integers(1, 12), st.integers(1, 28), st.integers(0, 23), st.integers(0, 59),
    st.integers(0, 59),
)  # fmt: skip
parts = st.builds(
    lambda name, body, level, stamp, attr: Part(**{**compress(name, body, level, stamp).__dict__, "external_attr": attr}),
    names, st.binary(max_size=3000), st.integers(0, 9), stamps, st.sampled_from([0, 0o600 << 16]),
)  # fmt: skip


@given(st.lists(parts, max_size=8, unique_by=lambda p: p.name))
def test_zip_bytes_is_what_zipwriter_writes(chosen):
    buffer = io.BytesIO()
    writer = ZipWriter(buffer)
    for part in chosen:
        writer.add(part)
    writer.close()
    data = zip_bytes(iter(chosen))
    assert data == buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        assert [(i.filename, i.date_time[:5]) for i in z.infolist()] == [
            (p.name, p.date_time[:5]) for p in chosen
        ]
