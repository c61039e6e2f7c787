"""E-mail letters: drafts for 2,000 letters whole-process, and smep's own time per message sent
to a local SMTP server, each against a plain baseline run in the same process.

Drafts: `python -m smep_xl email BOOK` in a fresh process on a fresh copy of a hub whose
letters were written and logged (`smep new --demo --schools N`, `smep letters --all`; the
3,400-school demo has 2,086 letters): start-up, reading the workbook, planning, the templates'
check, one .eml per letter with its letter attached (on both cores), the Email Log and the
workbook's save. Its processor time (user and system, its worker processes' included) is shown
too: on a machine shared with other work the wall time moves, the processor time much less.
Baseline: the standard library's email package alone, one EmailMessage per letter with the same
text and attachment, written to a file, in this one process.

Sending: the action in-process against an aiosmtpd server on 127.0.0.1 (no TLS, no login; the
rate limit's pauses skipped), against smtplib sending the same number of messages of the same
size over one connection. The difference per message is smep's overhead; the rest is the server.

    python -m benchmarks.bench_email [--schools N]
"""

from __future__ import annotations

import resource
import shutil
import smtplib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from email import policy
from email.message import EmailMessage
from pathlib import Path

from benchmarks.bench_letters import _env
from benchmarks.common import CACHE
from smep_xl import layout as L

LETTERS = 2_000
TARGET = 5.0  # seconds for drafts of 2,000 letters, whole process


def _option(name: str, default: str) -> str:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def smep(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "smep_xl", *args], cwd=cwd, env=_env(), capture_output=True, text=True
    )


def hub(schools: int) -> Path:
    """A demo hub with every visited school's letter written and logged, made once and kept."""
    folder = CACHE / f"email-{schools}"
    book = folder / "hub.xlsx"
    if not book.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for args in (
            ("new", book.name, "--demo", "--schools", str(schools)),
            ("letters", book.name, "--all"),
        ):
            done = smep(*args, cwd=folder)
            if done.returncode not in (0, 1):
                raise SystemExit(done.stderr)
    return book


def fresh(book: Path, under: Path) -> Path:
    run = Path(tempfile.mkdtemp(dir=under))
    shutil.copytree(book.parent, run, dirs_exist_ok=True)
    return run / book.name


def drafts_whole_process(book: Path, under: Path) -> tuple[float, float, int]:
    """(wall seconds, processor seconds, drafts made) of one `smep email` in a fresh process."""
    copy = fresh(book, under)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = smep("email", copy.name, "--date", "2015-07-31", cwd=copy.parent)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, len(list((copy.parent / "email drafts").glob("*.eml")))


def plain_drafts(letters: list[Path], out: Path) -> float:
    """The email package alone: one message per letter, its text and the letter, to a file."""
    out.mkdir()
    text = "Dear Head Teacher,\n\n" + "Thank you for welcoming us to the school. " * 12 + "\n"
    start = time.perf_counter()
    for n, letter in enumerate(letters):
        message = EmailMessage(policy=policy.SMTP)  # CRLF line ends, as a file to send
        message["From"], message["To"] = "hub@example.org", f"school{n}@example.org"
        message["Subject"] = f"Music visit: our letter {n}"
        message["X-Unsent"] = "1"
        message.set_content(text)
        message.add_attachment(
            letter.read_bytes(), maintype="application", subtype="octet-stream", filename=letter.name
        )
        (out / f"{n}.eml").write_bytes(message.as_bytes())
    return time.perf_counter() - start


class _Server:
    """An aiosmtpd server on 127.0.0.1 that counts what it accepts."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.count = 0
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port, ready_timeout=10)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.count += 1
        return "250 OK"

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def send_in_process(book: Path, port: int) -> tuple[float, int]:
    from smep_xl.actions.email_letters import EmailOptions, email_letters
    from smep_xl.adapters.files.disk import DiskFiles
    from smep_xl.adapters.mail.post import MailPost
    from smep_xl.adapters.xlsx.workbook import open_workbook

    with open_workbook(str(book)) as workbook:
        settings = workbook.read_table(L.SETTINGS).frame.copy()
        wanted = {L.S_EMAIL_DELIVERY: "Send", L.S_SMTP_HOST: "127.0.0.1", L.S_SMTP_PORT: port}
        wanted |= {L.S_SMTP_SECURITY: "None", L.S_SMTP_USER: None}
        for name, value in wanted.items():
            settings.loc[settings[L.SET_NAME] == name, L.SET_VALUE] = value
        workbook.write_output(L.SETTINGS, settings)
        workbook.save()
    start = time.perf_counter()
    with open_workbook(str(book)) as workbook:
        options = EmailOptions(files=DiskFiles(book.parent), post=MailPost(), pause=lambda _: None)
        result = email_letters(workbook, options)
    return time.perf_counter() - start, len(result.done)


def plain_send(messages: list[bytes], port: int) -> float:
    start = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as client:
        for n, data in enumerate(messages):
            client.sendmail("hub@example.org", [f"school{n}@example.org"], data)
    return time.perf_counter() - start


def main() -> None:
    book = hub(int(_option("--schools", "3400")))
    with tempfile.TemporaryDirectory(prefix="smep-bench-email-") as folder:
        under = Path(folder)
        drafts_whole_process(book, under)  # warm-up: bytecode cached, files in the OS cache
        runs = [drafts_whole_process(book, under) for _ in range(5)]
        wall, cpu, made = min(r[0] for r in runs), statistics.median(r[1] for r in runs), runs[0][2]
        letters = sorted((book.parent / "letters").glob("*.docx"))[:made]
        plain = plain_drafts(letters, under / "plain")
        print(
            f"smep email (drafts), whole process, {made:,} letters, best of {len(runs)}: {wall:5.2f} s "
            f"({1000 * wall / max(made, 1):.2f} ms a draft); runs: {', '.join(f'{r[0]:.2f}' for r in runs)} s; "
            f"processor time (median) {cpu:5.2f} s"
        )
        print(
            f"email package alone, same count, one process: {plain:5.2f} s; ratio (ours / plain) {wall / plain:4.2f}"
        )
        # At least 2,000 letters: the time itself is the verdict (fewer would scale it up).
        worst = wall * max(1.0, LETTERS / max(made, 1))
        scale = (
            f" (scaled to {LETTERS:,}: {worst:4.2f} s)"
            if made < LETTERS
            else f" ({made:,} letters: {wall:4.2f} s)"
        )
        verdict = "met" if worst < TARGET else "NOT met"
        print(f"target: drafts of {LETTERS:,} letters under {TARGET:g} s{scale}: {verdict}")
        drafts = sorted((under / "plain").glob("*.eml"))
        with _Server() as server:
            ours, sent = send_in_process(fresh(book, under), server.port)
            theirs = plain_send([p.read_bytes() for p in drafts[:sent]], server.port)
        print(
            f"smep email (send), in-process, {sent:,} messages to a local aiosmtpd: {ours:5.2f} s "
            f"({1000 * ours / max(sent, 1):.2f} ms a message)"
        )
        print(
            f"smtplib alone, same count and size: {theirs:5.2f} s ({1000 * theirs / max(sent, 1):.2f} ms a message); "
            f"smep's overhead {1000 * (ours - theirs) / max(sent, 1):.2f} ms a message"
        )


if __name__ == "__main__":
    main()
