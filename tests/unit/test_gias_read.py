"""Reading the GIAS CSV: encodings, columns by name, and every kind of bad file."""

from __future__ import annotations

import codecs
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smep_xl.domain.gias import extract as G
from smep_xl.domain.gias.extract import parse_la_codes, read_gias, read_links
from smep_xl.errors import SmepError
from tests.fixtures.gias import make_gias as fx


def _one_line(error: pytest.ExceptionInfo) -> str:
    message = str(error.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("encoding,bom", [("cp1252", False), ("utf-8", True), ("utf-8", False)])
def test_reads_windows_1252_and_utf8_with_or_without_bom(encoding, bom):
    extract = read_gias(fx.csv_bytes(fx.schools(), encoding=encoding, bom=bom))
    assert len(extract.frame) == len(fx.schools())
    assert extract.frame.at[120003, G.NAME] == "St Mary’s Catholic Primary School"  # curly apostrophe
    assert extract.frame.at[120003, G.HEAD_FIRST] == "Siân"
    assert extract.frame.at[120007, G.HEAD_LAST] == "Brontë-Price"
    assert extract.frame.at[148201, G.HEAD_FIRST] == "José"


def test_reads_excel_unicode_text_utf16_with_tabs():
    text = (
        fx.csv_bytes(fx.schools(), encoding="utf-8")
        .decode("utf-8")
        .replace('","', '"\t"')
        .replace(',"', '\t"')
    )
    raw = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    frame = read_gias(raw).frame
    assert frame.at[120003, G.NAME] == "St Mary’s Catholic Primary School" and len(frame) == len(fx.schools())


def test_reads_semicolons_from_an_excel_resave():
    rows = fx.schools()
    rows[0]["EstablishmentName"] = "Oakfield, Birstall"
    text = fx.csv_bytes(rows, encoding="utf-8").decode("utf-8").replace('","', '";"').replace(',"', ';"')
    assert read_gias(text.encode("utf-8")).frame.at[120001, G.NAME] == "Oakfield, Birstall"


def test_cp1252_curly_quote_bytes_come_out_as_curly_quotes():
    raw = fx.csv_bytes([fx.school(100001, "St Peter’s School")])
    assert b"\x92" in raw  # the Windows-1252 byte for a right single quote
    assert read_gias(raw).frame.at[100001, G.NAME] == "St Peter’s School"


def test_values_dates_and_blanks():
    frame = read_gias(fx.csv_bytes(fx.schools())).frame
    assert frame.at[120004, G.CLOSE_DATE] == date(2024, 8, 31)
    assert frame.at[120001, G.CLOSE_DATE] is None
    assert frame.at[120001, G.LA_CODE] == "855"
    assert frame.at[120001, G.LOCALITY] == "Birstall"
    assert frame.at[120002, G.LOCALITY] == ""
    assert frame.index.dtype.kind == "i"


def test_columns_are_found_by_name_not_position():
    header = list(reversed(fx.HEADER))
    normal = read_gias(fx.csv_bytes(fx.schools())).frame
    reversed_ = read_gias(fx.csv_bytes(fx.schools(), header=header)).frame
    assert reversed_.sort_index(axis=1).equals(normal.sort_index(axis=1))


@settings(max_examples=15, deadline=None)
@given(st.permutations(fx.HEADER))
def test_any_column_order_reads_the_same(header):
    rows = fx.schools()[:6]
    expected = read_gias(fx.csv_bytes(rows)).frame.sort_index(axis=1)
    assert read_gias(fx.csv_bytes(rows, header=list(header))).frame.sort_index(axis=1).equals(expected)


def test_a_file_with_only_the_used_columns_reads():
    header = ["URN", "EstablishmentName", "LA (code)", "EstablishmentStatus (name)", "Town"]
    extract = read_gias(fx.csv_bytes(fx.schools(), header=header))
    assert extract.has(G.TOWN) and not extract.has(G.HEAD_LAST)
    assert extract.frame.at[120010, G.TOWN] == "Hinckley"


def test_header_case_and_spacing_do_not_matter():
    header = ["urn", "Establishmentname", "LA(code)", "EstablishmentStatus (Name)"]
    rows = [{"urn": "1", "Establishmentname": "A", "LA(code)": "855", "EstablishmentStatus (Name)": "Open"}]
    assert read_gias(fx.csv_bytes(rows, header=header)).frame.at[1, G.NAME] == "A"


def test_a_header_without_rows_is_cut_short():
    with pytest.raises(SmepError, match="no establishments: it looks cut short"):
        read_gias(fx.csv_bytes([]))


def test_blank_lines_are_skipped():
    raw = fx.csv_bytes(fx.schools()[:2]) + b"\r\n\r\n"
    assert len(read_gias(raw).frame) == 2


def test_links_file_reads_successions_from_either_side():
    links = read_links(fx.links_bytes())
    assert len(links) == 4
    assert links[0].established == date(2024, 8, 31)
    pairs = {link.succession for link in links}
    assert (120004, 148001) in pairs and (148103, 148101) in pairs
    assert None in pairs  # the sixth form centre link is not a succession


# ---- bad files: one clear line each, naming the problem


def test_not_gias_without_urn_column():
    raw = b"School,Town\r\nOakfield,Leicester\r\n"
    with pytest.raises(SmepError) as error:
        read_gias(raw, "schools.csv")
    message = _one_line(error)
    assert "schools.csv is not GIAS establishment data" in message and "'URN'" in message


def test_not_gias_without_establishment_name():
    header = [h for h in fx.HEADER if h != "EstablishmentName"]
    with pytest.raises(SmepError, match="no 'EstablishmentName' column"):
        read_gias(fx.csv_bytes(fx.schools(), header=header))


def test_the_links_file_given_as_the_establishment_file_says_so():
    with pytest.raises(SmepError, match="links file, not the establishment data"):
        read_gias(fx.links_bytes())


def test_a_links_file_without_link_columns():
    with pytest.raises(SmepError, match="not a GIAS links file"):
        read_links(fx.csv_bytes(fx.schools()))


@pytest.mark.parametrize(
    "raw,words",
    [
        (b"", "is empty"),
        (b"  \r\n", "is empty"),
        (b"PK\x03\x04rest-of-a-zip", "zip archive"),
        (b"\xd0\xcf\x11\xe0\x00\x00\x00binary", "not a text CSV"),
    ],
)
def test_empty_zip_and_binary_files(raw, words):
    with pytest.raises(SmepError, match=words):
        read_gias(raw, "x.csv")


def test_truncated_inside_a_quoted_value():
    raw = fx.csv_bytes(fx.schools())
    cut = raw[: raw.index(b"Fosse Way") + 4]  # stops inside a quoted name
    with pytest.raises(SmepError) as error:
        read_gias(cut, "edubase.csv")
    assert "cut short" in _one_line(error)


def test_truncated_between_values_on_the_last_row():
    raw = fx.csv_bytes(fx.schools())
    cut = raw[: raw.rindex(b'"Nottingham Nursery School"') + len(b'"Nottingham Nursery School"')]
    with pytest.raises(SmepError) as error:
        read_gias(cut, "edubase.csv")
    message = _one_line(error)
    assert "ends part-way through line 33" in message and "cut short" in message


def test_a_row_with_extra_values_names_its_line():
    lines = fx.csv_bytes(fx.schools()).split(b"\r\n")
    lines[3] = lines[3] + b',"extra"'
    with pytest.raises(SmepError, match="140 values on line 4 but 139 column headers"):
        read_gias(b"\r\n".join(lines))


def test_a_short_row_in_the_middle_names_its_line():
    lines = fx.csv_bytes(fx.schools()).split(b"\r\n")
    lines[2] = lines[2][: lines[2].rindex(b",")]
    with pytest.raises(SmepError, match="138 values on line 3"):
        read_gias(b"\r\n".join(lines))


def test_duplicate_urns():
    rows = fx.schools()
    rows.append(fx.school(120002, "Brookside Again"))
    with pytest.raises(SmepError) as error:
        read_gias(fx.csv_bytes(rows), "edubase.csv")
    assert "URN 120002 appears twice in edubase.csv (lines 3 and 34)" in _one_line(error)


@pytest.mark.parametrize("bad", ["2024-08-31", "31-13-2024", "31/08/24", "soon"])
def test_malformed_dates(bad):
    rows = fx.schools()
    rows[3]["CloseDate"] = bad
    with pytest.raises(SmepError) as error:
        read_gias(fx.csv_bytes(rows), "edubase.csv")
    assert f"Line 5 of edubase.csv has CloseDate '{bad}'" in _one_line(error)
    assert "dd-mm-yyyy" in str(error.value)


def test_dates_excel_resaved_as_dd_mm_yyyy_with_slashes_are_read():
    rows = fx.schools()
    rows[3]["CloseDate"] = "31/08/2024"
    assert read_gias(fx.csv_bytes(rows)).frame.at[120004, G.CLOSE_DATE] == date(2024, 8, 31)


@pytest.mark.parametrize("bad,shown", [("12x", "'12x'"), ("", "blank")])
def test_urn_that_is_not_a_number(bad, shown):
    rows = fx.schools()[:3]
    rows[1]["URN"] = bad
    with pytest.raises(SmepError, match=f"Line 3 of the GIAS file has URN {shown}"):
        read_gias(fx.csv_bytes(rows))


def test_undecodable_bytes():
    raw = fx.csv_bytes(fx.schools()[:2]).replace(b"Oakfield", b"Oak\x81field")  # 0x81: no character in either
    with pytest.raises(SmepError) as error:
        read_gias(raw, "edubase.csv")
    message = _one_line(error)
    assert "0x81" in message and "neither UTF-8 nor Windows-1252" in message


def test_bad_quoting():
    raw = b'URN,EstablishmentName,LA (code),EstablishmentStatus (name)\r\n1,"Oak"field,855,Open\r\n'
    with pytest.raises(SmepError, match="stops being a readable CSV at line 2"):
        read_gias(raw)


# ---- LA codes


@pytest.mark.parametrize(
    "value,codes",
    [
        ("855, 856", ("855", "856")),
        ("855 856;857", ("855", "856", "857")),
        (["855", "0856"], ("855", "856")),
        ("", ()),
        (None, ()),
        (855, ("855",)),
        ("855,855", ("855",)),
    ],
)
def test_la_codes(value, codes):
    assert parse_la_codes(value) == codes


def test_la_code_that_is_not_a_number():
    with pytest.raises(SmepError, match="'Leics' is not a local authority code"):
        parse_la_codes("855, Leics")
