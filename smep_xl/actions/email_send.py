"""E-mail letters through the SMTP server: one connection for the run, at most Email Rate Per
Minute messages a minute. Each message the server accepts is noted in the run's journal (on
disk) before the next one goes; the Email Log gets every row at the end, or as soon as the run
stops for any reason, so the log is true after any failure, and after a kill the next run logs
what the journal holds without sending it again."""

from __future__ import annotations

import time

from smep_xl import layout as L
from smep_xl.actions.email_commit import Make, outbox, unreadable
from smep_xl.actions.email_log import log_row, record
from smep_xl.actions.email_options import EmailOptions
from smep_xl.actions.email_plan import EmailTables, EmailWork
from smep_xl.actions.email_result import EmailResult
from smep_xl.actions.ports import MailSession
from smep_xl.domain.email.messages import MailJob
from smep_xl.domain.email.outgoing import MailRefused, MailStop, server_from
from smep_xl.domain.findings import ERROR, Finding
from smep_xl.errors import SmepError
from smep_xl.workbook import Workbook


def send_all(
    book: Workbook,
    tables: EmailTables,
    work: EmailWork,
    make: Make,
    options: EmailOptions,
    result: EmailResult,
) -> None:
    server = server_from(work.settings, options.timeout)
    if not server.host:
        raise SmepError(
            "Email Delivery is Send, but the SMTP Host setting is blank. Fill in SMTP Host (and SMTP Port, "
            "SMTP Security, SMTP User), or set Email Delivery to Drafts; nothing was sent."
        )
    box = outbox(options, work.folder, book.label, noun="e-mail")
    try:
        options.files.make_folder(work.folder)
        box.begin(options.now().replace(microsecond=0).isoformat(), [])
    except OSError as exc:
        raise SmepError(
            f"The journal of this run cannot be kept in {work.folder} ({exc.strerror or exc}); check that folder "
            "(the Email Drafts Folder setting) can be written to. Nothing was sent."
        ) from None
    rows: list[dict] = []
    stopped: MailStop | None = None
    try:
        session = options.post.connect(server)
    except (MailStop, SmepError) as stop:
        box.abort()
        raise SmepError(stop.message) from None
    try:
        _each(session, work, make, options, result, rows, box)
    except MailStop as stop:
        stopped = stop
    finally:
        session.close()
        _log(book, tables, rows, options, box)
    result.done += [r for r in rows if r[L.EML_STATUS] == L.EML_SENT]
    if stopped is not None:
        raise SmepError(stopped.message)


def _each(
    session: MailSession, work: EmailWork, make: Make, options: EmailOptions, result, rows, box
) -> None:
    rate = work.settings.value(L.S_EMAIL_RATE)
    gap, last = 60.0 / max(1, int(rate) if isinstance(rate, int | float) else 1), None
    for done, job in enumerate(work.jobs, 1):
        try:
            envelope, attachment = make(job, options.now())
            message = options.post.compose(envelope)
        except OSError as exc:
            result.findings.append(unreadable(job, exc))
            continue
        if last is not None and (wait := last + gap - time.monotonic()) > 0:
            options.pause(wait)
        last = time.monotonic()
        try:
            to, cc = [m.address for m in envelope.to], [m.address for m in envelope.cc]
            answer = session.send(message, envelope.sender.address, to, cc)
        except MailRefused as refused:
            row = log_row(job, envelope, L.EML_REFUSED, refused.answer, attachment, options.now())
            rows.append(row)
            result.refused.append(row)
            result.findings.append(_refused(job, refused.answer))
            continue
        row = log_row(job, envelope, L.EML_SENT, answer, attachment, options.now())
        box.note(row)  # on disk before the next message goes
        rows.append(row)
        if options.progress:
            options.progress(done, len(work.jobs))


def _log(book: Workbook, tables: EmailTables, rows: list[dict], options: EmailOptions, box) -> None:
    """Every row of this run into the Email Log; then the journal goes. If the log cannot be saved,
    the journal stays and the next run logs what it holds."""
    if not rows:
        box.commit()
        return
    try:
        record(book, tables, rows, options.persist)
    except (OSError, SmepError) as exc:
        why = exc.message if isinstance(exc, SmepError) else (exc.strerror or str(exc))
        sent = sum(1 for r in rows if r[L.EML_STATUS] == L.EML_SENT)
        raise SmepError(
            f"{sent} e-mail(s) were sent, but the Email Log could not be saved ({why}). They are kept in the "
            f"journal in {box.staging}: the next smep email logs them, and sends none of them again."
        ) from None
    box.commit()


def _refused(job: MailJob, answer: str) -> Finding:
    return Finding(
        ERROR,
        L.SCHOOLS,
        "",
        job.school_row,
        L.SCH_EMAIL,
        "email.refused",
        f"The SMTP server refused the e-mail to {job.letter.school} (URN {job.letter.urn}): {answer}. It is in the "
        "Email Log as Refused; the next run tries it again.",
        "Check the school's address (and the SLE's, on Lists); if the server's answer is about the message, "
        "ask whoever runs the server.",
    )
