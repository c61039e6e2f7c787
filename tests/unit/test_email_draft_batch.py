"""Many drafts at once (adapters/mail/drafts): in this process and in worker processes alike,
every draft is written whole and parses back to its e-mail, outcomes come back in order, a
letter that cannot be read leaves only its own e-mail out, a folder that cannot be written
stops the run, and a PC where worker processes cannot start still gets every draft."""

from __future__ import annotations

import email
import os
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime
from email import policy
from pathlib import Path

import pytest

from smep_xl.adapters.mail import drafts
from smep_xl.domain.email.addresses import Mailbox
from smep_xl.domain.email.outgoing import Envelope

COUNT = 12


@pytest.fixture(params=["here", "processes"])
def way(request, monkeypatch):
    """Both ways: in this process, and shared out between worker processes (chunks of 3)."""
    if request.param == "processes":
        if (os.cpu_count() or 1) < 2:
            pytest.skip("one core: drafts are always made in this process")
        monkeypatch.setattr(drafts, "PROCESS_FROM", 1)
        monkeypatch.setattr(drafts, "CHUNK", 3)
    else:
        monkeypatch.setattr(drafts, "PROCESS_FROM", 10**9)
    return request.param


def envelopes(folder: Path, count: int = COUNT) -> list[Envelope]:
    out = []
    for n in range(count):
        letter = folder / f"letter {n}.docx"
        letter.write_bytes(os.urandom(2000 + 37 * n))
        out.append(
            Envelope(
                Mailbox("Example Music Hub", "hub@example.org"),
                (Mailbox(f"School {n}", f"office{n}@school.example.org"),),
                (),
                f"Our letter to school {n}",
                f"Dear Head of school {n},\n\nOur letter is attached.\n",
                f"<p>Dear Head of school {n},</p>\n",
                letter,
                f"<smep-{n}@example.org>",
                datetime(2015, 7, 31, 9, 30, tzinfo=UTC),
                draft=True,
            )
        )
    return out


def check_draft(path: Path, envelope: Envelope) -> None:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["Subject"] == envelope.subject and message["X-Unsent"] == "1"
    assert message.get_body(("plain",)).get_content().replace("\r\n", "\n") == envelope.text
    (part,) = message.iter_attachments()
    assert part.get_filename() == envelope.attachment.name
    assert part.get_content() == envelope.attachment.read_bytes()


def test_every_draft_is_written_and_reported_in_order(way, tmp_path):
    out = tmp_path / "staging"
    out.mkdir()
    mail = envelopes(tmp_path)
    told: list[tuple[int, int]] = []
    outcome = drafts.write_drafts(
        ((e, out / f"{n}.eml") for n, e in enumerate(mail)), len(mail), lambda *a: told.append(a)
    )
    assert outcome == [None] * COUNT
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.eml" for n in range(COUNT))
    for n, envelope in enumerate(mail):
        check_draft(out / f"{n}.eml", envelope)
    assert told[-1] == (COUNT, COUNT)


def test_a_letter_that_cannot_be_read_leaves_out_only_its_own_draft(way, tmp_path):
    out = tmp_path / "staging"
    out.mkdir()
    mail = envelopes(tmp_path)
    gone = {4, 7}
    for n in gone:
        mail[n].attachment.unlink()
    outcome = drafts.write_drafts([(e, out / f"{n}.eml") for n, e in enumerate(mail)], len(mail))
    assert [n for n, o in enumerate(outcome) if o is not None] == sorted(gone)
    assert all(isinstance(outcome[n], FileNotFoundError) for n in gone)
    assert outcome[4].filename == str(mail[4].attachment)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.eml" for n in range(COUNT) if n not in gone)


def test_a_folder_that_cannot_be_written_stops_the_run(way, tmp_path):
    mail = envelopes(tmp_path)
    missing = tmp_path / "no such folder"
    with pytest.raises(FileNotFoundError):
        drafts.write_drafts([(e, missing / f"{n}.eml") for n, e in enumerate(mail)], len(mail))


class NoProcesses:
    """A PC where worker processes cannot start."""

    def __init__(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", "/dev/shm")


class BreaksAfterOneChunk:
    """A pool whose worker dies after its first chunk (which it wrote)."""

    def __init__(self, *args, **kwargs):
        self.chunks = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def submit(self, fn, chunk):
        self.chunks += 1
        if self.chunks > 1:
            raise BrokenProcessPool("a worker died")
        done: Future = Future()
        done.set_result(fn(chunk))
        return done


@pytest.mark.parametrize("pool", [NoProcesses, BreaksAfterOneChunk])
def test_where_worker_processes_fail_every_draft_is_made_here(pool, tmp_path, monkeypatch):
    monkeypatch.setattr(drafts, "PROCESS_FROM", 1)
    monkeypatch.setattr(drafts, "CHUNK", 5)
    monkeypatch.setattr(drafts, "ProcessPoolExecutor", pool)
    monkeypatch.setattr(drafts.os, "cpu_count", lambda: 2)
    out = tmp_path / "staging"
    out.mkdir()
    mail = envelopes(tmp_path)
    made = ((e, out / f"{n}.eml") for n, e in enumerate(mail))  # each can be taken only once
    assert drafts.write_drafts(made, len(mail)) == [None] * COUNT
    assert len(list(out.iterdir())) == COUNT
    for n, envelope in enumerate(mail):
        check_draft(out / f"{n}.eml", envelope)
