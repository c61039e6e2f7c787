"""smep email killed (SIGKILL) while its worker processes are writing drafts: the workers end
with it, nothing reaches the Email Log or the drafts folder, and the next run makes each draft
once and logs it once."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from smep_xl import layout as L
from tests.email_fixture import DAY, email_log, letter_log, make_hub, parse
from tests.helpers.cli import run_smep

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or multiprocessing.get_start_method() != "fork" or (os.cpu_count() or 1) < 2,
    reason="SIGKILL, /proc, and workers forked with this test's slower compose",
)

# Every run shared out between worker processes, one draft a chunk, each taking a while.
SLOW_WORKERS = """
import time
from smep_xl.adapters.mail import drafts, mime
drafts.PROCESS_FROM, drafts.CHUNK = 1, 1
compose = mime.compose
def slow(envelope, data):
    time.sleep(0.1)
    return compose(envelope, data)
mime.compose = slow
from smep_xl.cli import main
main()
"""


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status  # a zombie has ended


def drafts(book: Path) -> list[Path]:
    return list((book.parent / "email drafts").glob("*.eml"))


def staged_drafts(book: Path) -> list[Path]:
    return list((book.parent / "email drafts").glob(".smep-*/*.eml"))


def test_a_kill_while_workers_write_drafts_leaves_nothing_half_done(tmp_path):
    book = make_hub(tmp_path, schools=200)
    total = len(letter_log(book))
    assert total > 12
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_WORKERS, "email", str(book), "--date", DAY],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while len(staged_drafts(book)) < 4 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        workers = children(child.pid)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, "the run ended before it was killed"
    assert len(workers) >= 2
    deadline = time.monotonic() + 20
    while any(running(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(running(w) for w in workers), "a worker outlived the killed run"
    assert 4 <= len(staged_drafts(book)) < total and drafts(book) == [] and email_log(book) == []

    code, out, err = run_smep("email", book, "--date", DAY)
    assert code == 0, err
    assert "was undone" in out
    made = drafts(book)
    assert len(made) == total and staged_drafts(book) == []
    assert sorted(str(parse(p.read_bytes())["Message-ID"]) for p in made) == sorted(
        str(r[L.EML_MESSAGE_ID]) for r in email_log(book)
    )
    assert len({r[L.EML_MESSAGE_ID] for r in email_log(book)}) == total
    assert run_smep("email", book, "--date", DAY)[0] == 0 and len(drafts(book)) == total
