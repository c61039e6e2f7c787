"""smep email killed (SIGKILL) after the server accepted some messages and before the Email Log
was saved: the next run logs what was accepted without sending it again, and sends only the
rest. And the SMTP password is never printed, logged or written: every output of a run, the
workbook's parts and every file the run leaves are searched for it."""

from __future__ import annotations

import base64
import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from smep_xl import layout as L
from tests.email_fixture import PASSWORD, email_log, letter_log, make_hub, parse
from tests.helpers.cli import run_smep
from tests.helpers.smtp_server import HOST, Inbox, smtp_server

USER = "hub-sender"
pytestmark = [
    pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning"),
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL"),
]


def hub_for(folder: Path, port: int) -> Path:
    settings = {
        L.S_EMAIL_DELIVERY: "Send",
        L.S_SMTP_HOST: HOST,
        L.S_SMTP_PORT: port,
        L.S_SMTP_SECURITY: "STARTTLS",
        L.S_SMTP_USER: USER,
        L.S_EMAIL_RATE: 6000,
    }
    return make_hub(folder, settings=settings)


def smep_process(*args: object) -> subprocess.Popen:
    """smep in a process of its own (the console script's entry point), its output kept."""
    code = "from smep_xl.cli import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONWARNINGS": "default"},
    )


def ids(inbox: Inbox) -> list[str]:
    return [parse(m.data)["Message-ID"] for m in inbox.messages]


def test_a_kill_after_the_servers_acceptance_and_before_the_log_save_sends_only_the_rest(tmp_path, trusted):
    inbox = Inbox(hold_after=3)  # the fourth message waits for its answer; then the run is killed
    with smtp_server(inbox, certificate=trusted, user=USER, password=PASSWORD) as server:
        book = hub_for(tmp_path, server.port)
        total = len(letter_log(book))
        assert total > 3
        child = smep_process("email", book)
        try:
            assert inbox.held.wait(120), "the run never reached its fourth message"
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.communicate(timeout=30)
            inbox.hold_after = None
        assert child.returncode == -signal.SIGKILL
        accepted = ids(inbox)
        assert len(accepted) == 3 and email_log(book) == []  # accepted by the server, not yet logged
        code, out, err = run_smep("email", book)
        assert code == 0, err
        assert "had sent 3 e-mail(s); 3 of them were not yet in the Email Log and are now" in out
        sent = ids(inbox)
        assert sent[:3] == accepted and len(sent) == total and len(set(sent)) == total, "sent twice, or lost"
        log = email_log(book)
        assert sorted(r[L.EML_MESSAGE_ID] for r in log) == sorted(sent)
        assert {r[L.EML_STATUS] for r in log} == {L.EML_SENT}
        assert run_smep("email", book)[0] == 0 and len(ids(inbox)) == total


def forms(secret: str) -> list[bytes]:
    """The password as plain text (UTF-8 and UTF-16, as Excel's parts or Windows may keep it) and
    as base64 (as SMTP's AUTH sends it)."""
    raw = secret.encode()
    return [
        raw,
        secret.encode("utf-16-le"),
        base64.b64encode(raw),
        base64.b64encode(b"\0" + USER.encode() + b"\0" + raw),
    ]


def everything_written(folder: Path) -> dict[str, bytes]:
    """Every file under folder, and every part of each zip package (workbook, letters) unpacked."""
    out = {}
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            out[str(path)] = data
            if zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as package:
                    out.update({f"{path}!{n}": package.read(n) for n in package.namelist()})
    return out


def test_the_password_is_never_printed_logged_or_written(tmp_path, trusted):
    outputs: list[bytes] = []
    inbox = Inbox(refuse_after=2)
    with smtp_server(inbox, certificate=trusted, user=USER, password=PASSWORD) as server:
        book = hub_for(tmp_path / "hub", server.port)
        for args in (("--dry-run", "--json"), ("--json",), (), ("--all", "--json")):
            outputs += smep_process("email", book, *args).communicate(timeout=120)
            inbox.refuse_after = None if args == ("--json",) else inbox.refuse_after
        assert server.logins and all(ok for _, ok in server.logins)
        assert len(email_log(book)) == 2 * len(letter_log(book))
    with smtp_server(certificate=trusted, user=USER, password="another") as server:
        wrong = hub_for(tmp_path / "wrong", server.port)
        child = smep_process("email", wrong)
        outputs += child.communicate(timeout=120)
        assert child.returncode == 2 and server.logins and not any(ok for _, ok in server.logins)
    written = everything_written(tmp_path)
    assert any(name.endswith("!xl/workbook.xml") for name in written)
    for form in forms(PASSWORD):
        assert not [i for i, output in enumerate(outputs) if form in output]
        assert not [name for name, data in written.items() if form in data]
