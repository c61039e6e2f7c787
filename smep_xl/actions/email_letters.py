"""E-mail letters (the ribbon's E-mail letters button): each logged letter not yet e-mailed, to
its school, with the letter attached; logged on the Email Log.

Reads every table first (email_plan.read_tables), finishes what an earlier run left part-way
(email_commit.recover: drafts rolled forward or back, accepted messages logged and never sent
again), plans once (email_plan.plan_work: which letters, their addresses and attachments, each
problem a finding at its cell), checks the templates before anything is made, then either
writes .eml drafts as one transaction with the Email Log (Email Delivery = Drafts, the default)
or sends through the SMTP server (Send; email_send). A dry run makes and sends nothing.

This module stays light, because the ribbon table and the command line's help import it:
pandas and the rules load with email_plan when the action runs.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from smep_xl.actions.email_options import EmailOptions
from smep_xl.actions.email_result import EmailResult
from smep_xl.errors import SmepError

if TYPE_CHECKING:
    from smep_xl.actions.email_plan import EmailWork
    from smep_xl.actions.ports import EmailTemplate
    from smep_xl.domain.email.messages import MailJob
    from smep_xl.domain.email.outgoing import Envelope
    from smep_xl.workbook import Workbook

__all__ = ["EmailOptions", "EmailResult", "email_letters"]


def email_letters(book: Workbook, options: EmailOptions) -> EmailResult:
    """E-mail the letters due (or those asked for) as drafts or through SMTP, and log them."""
    from smep_xl.actions import email_commit as commit
    from smep_xl.actions import email_plan as plan
    from smep_xl.actions.email_send import send_all
    from smep_xl.domain.email.outgoing import DRAFTS

    tables = plan.read_tables(book)
    recovered = []
    if not options.dry_run:
        recovered = commit.recover(book, tables, plan.drafts_folder(tables, options), options)
        if recovered:
            tables = plan.read_tables(book)
    work = plan.plan_work(tables, options)
    result = plan.new_result(book.label, work, options.dry_run)
    result.recovered = recovered
    if not work.jobs:
        return result
    template = options.post.open_template(work.template, work.html)
    template.check(set().union(*(job.context for job in work.jobs)), work.jobs[0].context)
    _ready(work, options)
    if options.dry_run:
        return result
    make = _maker(work, template, options)
    try:
        if work.delivery == DRAFTS:
            commit.draft_all(book, tables, work, make, options, result)
        else:
            send_all(book, tables, work, make, options, result)
    finally:
        if work.to_convert:
            _tidy(options, _pdf_folder(work))
    return result


def _ready(work: EmailWork, options: EmailOptions) -> None:
    """What must be right before the first e-mail: who it is from, and a way to make PDFs."""
    if work.sender is None:
        raise SmepError(
            "The e-mails need an address to come from: fill in the Email From setting (or Hub Email) with one "
            "address; nothing was e-mailed."
        )
    if work.to_convert:
        problem = options.writer.pdf_problem() if options.writer is not None else "no PDF maker was given"
        if problem:
            raise SmepError(
                f"Email Attachment is PDF and {len(work.to_convert)} letter(s) have no PDF beside them, which "
                f"cannot be made here: {problem}"
            )


def _maker(
    work: EmailWork, template: EmailTemplate, options: EmailOptions
) -> Callable[[MailJob, datetime], tuple[Envelope, str]]:
    """Each job's e-mail, and its attachment as the Email Log shows it. PDFs missing beside their
    letters are made (LibreOffice) the first time they are needed, all at once, in a private folder."""
    from smep_xl.actions.email_log import shown_in_run
    from smep_xl.domain.email.outgoing import DRAFTS, Envelope, message_id

    made: dict[str, Path | None] = {}
    shown = shown_in_run(options.files)

    def make(job: MailJob, at: datetime) -> tuple[Envelope, str]:
        key = job.letter.key
        if key in work.attachments:
            attachment, logged = work.attachments[key], shown(work.attachments[key])
        else:
            if not made:
                made.update(_pdfs(work, options))
            docx = work.to_convert[key]
            attachment = made.get(key) or _missing(docx)
            logged = shown(docx.with_suffix(".pdf")) + " (made from the letter)"
        words = template.render(job.context)
        sender = work.sender
        assert sender is not None
        envelope = Envelope(
            sender,
            tuple(job.to),
            tuple(job.cc),
            words.subject,
            words.text,
            words.html,
            attachment,
            message_id(key, sender),
            at,
            draft=work.delivery == DRAFTS,
        )
        return envelope, logged

    return make


def _pdf_folder(work: EmailWork) -> Path:
    return work.folder / f".smep-email-pdf-{os.getpid()}"


def _pdfs(work: EmailWork, options: EmailOptions) -> dict[str, Path | None]:
    """A PDF of each letter that has none beside it, made in a private folder removed after the run."""
    keys, docs = list(work.to_convert), list(work.to_convert.values())
    folder = _pdf_folder(work)
    options.files.make_folder(folder)
    assert options.writer is not None
    return dict(zip(keys, options.writer.to_pdf(docs, folder), strict=True))


def _tidy(options: EmailOptions, folder: Path) -> None:
    with contextlib.suppress(OSError):
        options.files.remove_tree(folder)


def _missing(docx: Path) -> Path:
    raise FileNotFoundError(errno.ENOENT, "LibreOffice made no PDF of it", str(docx))
