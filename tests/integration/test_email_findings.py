"""Bad input to smep email is a finding at its cell, never a traceback and never a lost letter:
a missing or malformed address (several in one cell go to each, with a warning), a letter gone
from the disk, a letter the Letter Log has no row of. A school's name with a line break and
markup cannot add a header to the e-mail, and is escaped in its HTML body."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from smep_xl import layout as L
from tests.email_fixture import DAY, copy_hub, email_log, letter_file, letter_log, make_hub, parse
from tests.helpers.cli import run_smep

NO_ADDRESS, NOT_ADDRESS, SEVERAL, SMUGGLED, NAMED = range(5)
INJECTED_NAME = "Hill <b>Top</b> & Co\r\nBcc: spy@evil.example"
CELLS = {
    NOT_ADDRESS: "office@school",  # no top-level domain
    SEVERAL: "head@several.example.org; music@several.example.org",
    SMUGGLED: "music@smuggled.example.org\nBcc: spy@evil.example",
}


def _edit(urns: list[str]):
    def edit(frames):
        visits = frames[L.VISITS]
        urns.extend(dict.fromkeys(visits.loc[visits[L.VIS_SEND] == L.YES, L.VIS_URN].astype(str)))
        schools = frames[L.SCHOOLS]
        rows = {u: schools.index[schools[L.SCH_URN].astype(str) == u][0] for u in urns[:5]}
        schools.loc[rows[urns[NO_ADDRESS]], [L.SCH_EMAIL, L.SCH_MUSIC_LEAD]] = [None, "Mrs J Patel"]
        for role, value in CELLS.items():
            schools.loc[rows[urns[role]], L.SCH_EMAIL] = value
        schools.loc[rows[urns[NAMED]], L.SCH_NAME] = INJECTED_NAME

    return edit


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> tuple[Path, list[str]]:
    urns: list[str] = []
    return make_hub(tmp_path_factory.mktemp("hub"), edit=_edit(urns)), urns


@pytest.fixture
def hub(made, tmp_path) -> tuple[Path, list[str]]:
    source, urns = made
    assert len(urns) >= 5, "the demo has fewer letters than these tests need"
    assert {str(r[L.LOG_URN]) for r in letter_log(source)} >= set(urns[:5])
    return copy_hub(source, tmp_path / "work"), urns


def cell_value(book: Path, sheet: str, address: str) -> object:
    """The value at an A1 address, read by an independent reader."""
    column, row = re.fullmatch(r"([A-Z]+)(\d+)", address).groups()
    index = 0
    for ch in column:
        index = index * 26 + ord(ch) - 64
    workbook = CalamineWorkbook.from_path(str(book))
    try:
        rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    finally:
        workbook.close()
    return rows[int(row) - 1][index - 1]


def run_json(book: Path, *more: str) -> tuple[int, dict]:
    code, out, err = run_smep("email", book, "--date", DAY, "--json", *more)
    assert code in (0, 1), err
    return code, json.loads(out)


def findings_of(result: dict, code: str) -> list[dict]:
    return [f for f in result["findings"] if f["code"] == code]


def drafts_by_urn(book: Path) -> dict[str, Path]:
    folder = book.parent / "email drafts"
    return {p.name.split()[0]: p for p in folder.glob("*.eml")}


def test_each_bad_address_is_a_finding_at_its_cell_and_the_rest_are_emailed(hub):
    book, urns = hub
    code, result = run_json(book)
    assert code == 1
    [missing] = findings_of(result, "email.address.missing")
    assert (missing["sheet"], missing["column"], missing["severity"]) == (L.SCHOOLS, L.SCH_EMAIL, "error")
    assert urns[NO_ADDRESS] in missing["message"]
    assert cell_value(book, L.SCHOOLS, missing["cell"]) in ("", None)
    invalid = findings_of(result, "email.address.invalid")
    assert len(invalid) == 2 and all(f["sheet"] == L.SCHOOLS and f["severity"] == "error" for f in invalid)
    assert {cell_value(book, L.SCHOOLS, f["cell"]) for f in invalid} == {CELLS[NOT_ADDRESS], CELLS[SMUGGLED]}
    [several] = findings_of(result, "email.address.several")
    assert several["severity"] == "warning"
    assert cell_value(book, L.SCHOOLS, several["cell"]) == CELLS[SEVERAL]
    emailed = {str(r[L.EML_URN]) for r in email_log(book)}
    assert emailed == {str(r[L.LOG_URN]) for r in letter_log(book)} - {
        urns[NO_ADDRESS],
        urns[NOT_ADDRESS],
        urns[SMUGGLED],
    }
    message = parse(drafts_by_urn(book)[urns[SEVERAL]].read_bytes())
    assert [a.addr_spec for a in message["To"].addresses] == CELLS[SEVERAL].split("; ")
    assert not any("spy@" in f"{r[L.EML_TO]} {r[L.EML_CC]}" for r in email_log(book))


def test_a_mended_cell_is_emailed_on_the_next_run_and_no_other_again(hub):
    book, urns = hub
    run_json(book)
    first = len(email_log(book))
    from smep_xl.adapters.xlsx.workbook import open_workbook

    with open_workbook(str(book)) as workbook:
        schools = workbook.read_table(L.SCHOOLS).frame.copy()
        schools.loc[schools[L.SCH_URN].astype(str) == urns[NOT_ADDRESS], L.SCH_EMAIL] = (
            "office@school.example.org"
        )
        workbook.write_output(L.SCHOOLS, schools)
        workbook.save()
    code, result = run_json(book)
    assert [str(r[L.EML_URN]) for r in email_log(book)][first:] == [urns[NOT_ADDRESS]]
    assert all(urns[NOT_ADDRESS] not in f["message"] for f in findings_of(result, "email.address.invalid"))


def test_a_school_name_with_a_line_break_adds_no_header_and_is_escaped_in_html(hub):
    book, urns = hub
    run_json(book)
    raw = drafts_by_urn(book)[urns[NAMED]].read_bytes()
    message = parse(raw)
    head = raw.split(b"\r\n\r\n", 1)[0]  # the top-level headers (a body line may say anything)
    assert message["Bcc"] is None and not re.search(rb"^Bcc:", head, re.IGNORECASE | re.MULTILINE)
    headers = {name.lower() for name in message}
    assert headers <= {
        "from",
        "to",
        "cc",
        "subject",
        "date",
        "message-id",
        "x-unsent",
        "mime-version",
        "content-type",
    }
    addresses = [
        a.addr_spec for field in ("To", "Cc", "From") if message[field] for a in message[field].addresses
    ]
    assert "spy@evil.example" not in addresses
    assert (
        "\n" not in message["Subject"] and "Hill <b>Top</b> & Co Bcc: spy@evil.example" in message["Subject"]
    )
    html = message.get_body(("html",)).get_content()
    assert "Hill &lt;b&gt;Top&lt;/b&gt; &amp; Co" in html and "<b>Top</b>" not in html


def test_a_letter_gone_from_the_disk_is_a_finding_at_its_log_row(hub):
    book, urns = hub
    logged = {str(r[L.LOG_URN]): r for r in letter_log(book)}
    gone = letter_file(book, logged[urns[SEVERAL]])
    gone.unlink()
    code, result = run_json(book)
    assert code == 1
    [finding] = findings_of(result, "email.attachment.missing")
    assert (finding["sheet"], finding["column"]) == (L.LETTER_LOG, L.LOG_FILE)
    assert Path(str(cell_value(book, L.LETTER_LOG, finding["cell"])).replace("\\", "/")).name == gone.name
    assert urns[SEVERAL] not in {str(r[L.EML_URN]) for r in email_log(book)}
    assert urns[SEVERAL] not in drafts_by_urn(book)


def test_a_letter_without_a_log_row_is_a_finding_at_its_visit(hub):
    book, urns = hub
    from smep_xl.adapters.xlsx.workbook import open_workbook

    with open_workbook(str(book)) as workbook:
        log = workbook.read_table(L.LETTER_LOG).frame
        kept = log[log[L.LOG_URN].astype(str) != urns[SEVERAL]].reset_index(drop=True)
        assert len(kept) == len(log) - 1
        workbook.write_output(L.LETTER_LOG, kept)
        workbook.save()
    _, result = run_json(book)
    [finding] = findings_of(result, "email.letter.unlogged")
    assert (finding["sheet"], finding["column"], finding["severity"]) == (L.VISITS, L.VIS_LETTER, "warning")
    visit = cell_value(book, L.VISITS, re.sub(r"[A-Z]+", "A", finding["cell"]))
    assert str(visit) in finding["message"] and cell_value(book, L.VISITS, finding["cell"])
    assert urns[SEVERAL] not in {str(r[L.EML_URN]) for r in email_log(book)}
