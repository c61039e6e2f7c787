"""smep email with Email Delivery = Drafts (the default): one .eml per logged letter, each a
ready-to-send draft that parses back with the email package, with the letter attached byte for
byte; the Email Log has a row for each, and a re-run makes none again."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from smep_xl import layout as L
from tests.email_fixture import DAY, attachment, copy_hub, email_log, letter_file, letter_log, make_hub, parse
from tests.helpers.cli import run_smep


@pytest.fixture(scope="module")
def hub(tmp_path_factory) -> Path:
    return make_hub(tmp_path_factory.mktemp("hub"))


@pytest.fixture
def book(hub, tmp_path) -> Path:
    return copy_hub(hub, tmp_path / "work")


def drafts(book: Path) -> list[Path]:
    folder = book.parent / "email drafts"
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.exists() else []


def test_each_logged_letter_becomes_one_draft_with_its_letter_attached(book):
    letters = letter_log(book)
    assert len(letters) >= 3
    code, out, err = run_smep("email", book, "--date", DAY)
    assert code == 0, err
    made = drafts(book)
    assert len(made) == len(letters)
    by_urn = {str(r[L.LOG_URN]): r for r in letters}
    for path in made:
        message = parse(path.read_bytes())
        assert message["X-Unsent"] == "1"
        urn = path.name.split()[0]
        name, data = attachment(message)
        assert data == letter_file(book, by_urn[urn]).read_bytes()
        assert name == letter_file(book, by_urn[urn]).name
        assert message["To"].addresses and message["From"].addresses[0].addr_spec.endswith(".example.org")
        text = message.get_body(("plain",)).get_content()
        assert by_urn[urn][L.LOG_SCHOOL] in text
    log = email_log(book)
    assert sorted(str(r[L.EML_URN]) for r in log) == sorted(by_urn)
    assert {r[L.EML_STATUS] for r in log} == {L.EML_DRAFT}
    assert {Path(str(r[L.EML_ANSWER])).name for r in log} == {p.name for p in made}


def test_a_rerun_makes_no_draft_again_and_all_makes_each_once_more(book):
    assert run_smep("email", book)[0] == 0
    first = drafts(book)
    code, out, _ = run_smep("email", book)
    assert code == 0 and "No letters are due" in out
    assert drafts(book) == first and len(email_log(book)) == len(first)
    assert run_smep("email", book, "--all")[0] == 0
    assert len(drafts(book)) == 2 * len(first)  # the second drafts take new names, never overwrite
    ids = [r[L.EML_MESSAGE_ID] for r in email_log(book)]
    assert len(set(ids)) == len(first)  # one letter, one Message-ID, however often it is e-mailed


def test_dry_run_lists_and_changes_nothing(book):
    before = book.read_bytes()
    code, out, _ = run_smep("email", book, "--dry-run")
    assert code == 0 and "Would e-mail" in out
    assert book.read_bytes() == before and drafts(book) == []


def test_a_letter_written_again_is_due_again(book):
    assert run_smep("email", book)[0] == 0
    urn = str(letter_log(book)[0][L.LOG_URN])
    time.sleep(1.1)  # a new Generated At
    assert run_smep("letters", book, "--urn", urn, "--date", DAY)[0] == 0
    code, out, _ = run_smep("email", book, "--json")
    assert code == 0
    assert [str(r[L.EML_URN]) for r in email_log(book)].count(urn) == 2


def test_the_urn_option_and_a_school_with_no_letter(book):
    urn = str(letter_log(book)[0][L.LOG_URN])
    code, out, _ = run_smep("email", book, "--urn", urn, "--urn", "100000")
    assert code == 1
    assert [str(r[L.EML_URN]) for r in email_log(book)] == [urn]
    assert "email.urn.no_letter" not in out and "URN 100000 has no letter" in out
