"""smep email with Email Delivery = Send, against a real SMTP server on 127.0.0.1 (aiosmtpd,
started by each test): STARTTLS and SSL with a certificate made at test time, a login, a
server that refuses after N messages, a wrong password, a refused recipient. The Email Log is
checked against what the server received, and a re-run never sends a message twice."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from smep_xl import layout as L
from tests.email_fixture import DAY, PASSWORD, attachment, email_log, letter_file, letter_log, make_hub, parse
from tests.helpers.cli import run_smep
from tests.helpers.smtp_server import HOST, Inbox, smtp_server

USER = "hub-sender"
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")


def hub_for(folder: Path, port: int, security: str = "STARTTLS", user: str = USER, **more) -> Path:
    settings = {
        L.S_EMAIL_DELIVERY: "Send",
        L.S_SMTP_HOST: HOST,
        L.S_SMTP_PORT: port,
        L.S_SMTP_SECURITY: security,
        L.S_SMTP_USER: user or None,
        L.S_EMAIL_RATE: 6000,
        **more,
    }
    return make_hub(folder, settings=settings)


def test_starttls_login_each_letter_received_once_as_logged(tmp_path, trusted):
    with smtp_server(certificate=trusted, user=USER, password=PASSWORD) as server:
        book = hub_for(tmp_path, server.port)
        letters = {str(r[L.LOG_URN]): r for r in letter_log(book)}
        code, out, err = run_smep("email", book, "--date", DAY)
        assert code == 0, err
        assert server.logins == [(USER, True)]
        received = server.inbox.messages
        assert len(received) == len(letters) >= 3
        log = {r[L.EML_MESSAGE_ID]: r for r in email_log(book)}
        for item in received:
            message = parse(item.data)
            row = log[message["Message-ID"]]
            assert row[L.EML_STATUS] == L.EML_SENT and row[L.EML_ANSWER].startswith(
                "250 2.0.0 Ok: queued as Q"
            )
            assert message["Subject"] == row[L.EML_SUBJECT]
            assert [a.addr_spec for a in message["To"].addresses] == row[L.EML_TO].split("; ")
            assert sorted(item.recipients) == sorted(
                filter(None, [*row[L.EML_TO].split("; "), *row[L.EML_CC].split("; ")])
            )
            assert message["X-Unsent"] is None
            assert attachment(message)[1] == letter_file(book, letters[str(row[L.EML_URN])]).read_bytes()
        assert run_smep("email", book)[0] == 0
        assert len(server.inbox.messages) == len(letters), "a re-run sent a message again"


def test_ssl_from_the_first_byte(tmp_path, trusted):
    with smtp_server(certificate=trusted, implicit_tls=True, user=USER, password=PASSWORD) as server:
        book = hub_for(tmp_path, server.port, security="SSL")
        assert run_smep("email", book)[0] == 0
        assert len(server.inbox.messages) == len(letter_log(book))


def test_an_untrusted_certificate_stops_with_one_line(tmp_path, trusted, monkeypatch, certificate):
    monkeypatch.delenv("SSL_CERT_FILE")
    with smtp_server(certificate=certificate, user=USER, password=PASSWORD) as server:
        book = hub_for(tmp_path, server.port)
        code, _, err = run_smep("email", book)
        assert code == 2 and len(err.strip().splitlines()) == 1
        assert "No secure connection" in err and server.inbox.messages == []
        assert email_log(book) == []


def test_a_server_that_refuses_after_n_leaves_a_true_log_and_a_rerun_sends_the_rest(tmp_path, trusted):
    inbox = Inbox(refuse_after=2)
    with smtp_server(inbox, certificate=trusted, user=USER, password=PASSWORD) as server:
        book = hub_for(tmp_path, server.port)
        total = len(letter_log(book))
        code, _, err = run_smep("email", book)
        assert code == 2 and len(err.strip().splitlines()) == 1
        assert "421" in err and "after 2 e-mails were sent" in err
        first = email_log(book)
        assert len(first) == 2 and {r[L.EML_STATUS] for r in first} == {L.EML_SENT}
        got = {parse(m.data)["Message-ID"] for m in inbox.messages}
        assert got == {r[L.EML_MESSAGE_ID] for r in first}
        inbox.refuse_after = None  # the server takes messages again
        assert run_smep("email", book)[0] == 0
        ids = [parse(m.data)["Message-ID"] for m in inbox.messages]
        assert len(ids) == total and len(set(ids)) == total, "a message was sent twice, or one is missing"
        assert sorted(r[L.EML_MESSAGE_ID] for r in email_log(book)) == sorted(ids)


def test_a_wrong_password_stops_with_one_line_and_sends_nothing(tmp_path, trusted, monkeypatch):
    with smtp_server(certificate=trusted, user=USER, password="the-right-one") as server:
        book = hub_for(tmp_path, server.port)
        before = book.read_bytes()
        code, out, err = run_smep("email", book)
        assert code == 2 and len(err.strip().splitlines()) == 1
        assert "refused the user name or password" in err and USER in err
        assert server.logins and all(
            login == (USER, False) for login in server.logins
        )  # each mechanism tried
        assert server.inbox.messages == []
        assert book.read_bytes() == before


def test_no_password_anywhere_says_how_to_give_one(tmp_path, trusted, monkeypatch):
    monkeypatch.delenv("SMEP_SMTP_PASSWORD")
    keyring.set_keyring(MemoryKeyring())
    with smtp_server(certificate=trusted, user=USER, password=PASSWORD) as server:
        book = hub_for(tmp_path, server.port)
        code, _, err = run_smep("email", book)
        assert code == 2 and "SMEP_SMTP_PASSWORD" in err and "--save-password" in err
        assert server.inbox.messages == []
        keyring.set_password(f"smep-xl SMTP {HOST}", USER, PASSWORD)  # as --save-password keeps it
        assert run_smep("email", book)[0] == 0
        assert len(server.inbox.messages) == len(letter_log(book)) and server.logins[-1] == (USER, True)


def test_a_refused_server_stops_with_one_line(tmp_path, trusted):
    from tests.helpers.smtp_server import free_port

    book = hub_for(tmp_path, free_port())  # nothing listens there
    code, _, err = run_smep("email", book)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "cannot be reached" in err and "SMTP Host" in err


def test_a_refused_recipient_is_logged_refused_and_tried_again(tmp_path, trusted):
    inbox = Inbox()
    with smtp_server(inbox, certificate=trusted, user=USER, password=PASSWORD) as server:
        book = hub_for(tmp_path, server.port)
        plan = run_smep("email", book, "--dry-run", "--json")[1]
        import json

        first = json.loads(plan)["planned"][0]
        inbox.refuse_to = {first["to"].lower()}
        code, out, _ = run_smep("email", book)
        assert code == 1 and "email.refused" not in out and "refused the e-mail to" in out
        log = email_log(book)
        refused = [r for r in log if r[L.EML_STATUS] == L.EML_REFUSED]
        assert len(refused) == 1 and refused[0][L.EML_ANSWER].startswith("550")
        assert len(inbox.messages) == len(log) - 1
        inbox.refuse_to = set()
        assert run_smep("email", book)[0] == 0
        assert len(inbox.messages) == len(log)


def test_no_login_over_an_unencrypted_connection(tmp_path, trusted):
    book = hub_for(tmp_path, 2525, security="None")
    code, _, err = run_smep("email", book)
    assert code == 2 and "unencrypted" in err


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self):
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.kept.get((service, username))

    def set_password(self, service, username, password):
        self.kept[(service, username)] = password

    def delete_password(self, service, username):
        self.kept.pop((service, username), None)
