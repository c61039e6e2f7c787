"""E-mail letters, the reading and the one compute: every table the action uses, read once;
which logged letters are due (domain/email/due), and each one's e-mail (domain/email/messages):
its addresses, its letter's fields, and its attachment found on disk."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from smep_xl import layout as L
from smep_xl.actions.email_options import EmailOptions
from smep_xl.actions.email_result import EmailResult
from smep_xl.domain.email import due as D
from smep_xl.domain.email.addresses import Mailbox
from smep_xl.domain.email.findings import error, warning
from smep_xl.domain.email.messages import MailInputs, MailJob, plan_mail, unlogged
from smep_xl.domain.email.outgoing import DRAFTS, PDF, sender_from
from smep_xl.domain.findings import Finding
from smep_xl.domain.letters.plan import LetterInputs
from smep_xl.domain.settings import Settings, criteria_from_frame, settings_from_frame
from smep_xl.domain.values import text
from smep_xl.workbook import Table, Workbook

EMAIL_SETTINGS = frozenset(
    L.SETTING_NAMES[L.SETTING_NAMES.index(L.S_EMAIL_DELIVERY) : L.SETTING_NAMES.index(L.S_SMTP_USER) + 1]
)


@dataclass(frozen=True)
class EmailTables:
    settings: Table
    criteria: Table
    schools: Table
    visits: Table
    lists: Table | None
    letter_log: Table | None
    email_log: pd.DataFrame  # its rows (none when the sheet is missing)


@dataclass
class EmailWork:
    settings: Settings
    delivery: str  # Drafts or Send
    folder: Path  # the drafts folder; a send run's journal is kept there too
    template: Path
    html: Path | None
    sender: Mailbox | None
    day: date
    jobs: list[MailJob] = field(default_factory=list)
    attachments: dict[str, Path] = field(default_factory=dict)  # letter key -> the file to attach
    to_convert: dict[str, Path] = field(default_factory=dict)  # letter key -> the .docx to make a PDF of
    findings: list[Finding] = field(default_factory=list)


def read_tables(book: Workbook) -> EmailTables:
    names = book.sheet_names()
    tables = {name: book.read_table(name) for name in (L.SETTINGS, L.CRITERIA, L.SCHOOLS, L.VISITS)}
    optional = {name: book.read_table(name) if name in names else None for name in (L.LISTS, L.LETTER_LOG)}
    email_log = _rows(book.read_table(L.EMAIL_LOG).frame) if L.EMAIL_LOG in names else None
    if email_log is None:
        email_log = pd.DataFrame(columns=list(L.EMAIL_LOG_SPEC.columns))
    return EmailTables(
        tables[L.SETTINGS],
        tables[L.CRITERIA],
        tables[L.SCHOOLS],
        tables[L.VISITS],
        optional[L.LISTS],
        optional[L.LETTER_LOG],
        email_log,
    )


def _rows(frame: pd.DataFrame) -> pd.DataFrame:
    """A wholly blank row, as an empty Excel table has, is no history."""
    return frame[[any(text(v) for v in row) for row in frame.itertuples(index=False)]]


def letter_rows(tables: EmailTables) -> pd.DataFrame:
    return (
        _rows(tables.letter_log.frame)
        if tables.letter_log is not None
        else pd.DataFrame(columns=list(L.LETTER_LOG_SPEC.columns))
    )


def settings_of(tables: EmailTables) -> Settings:
    return settings_from_frame(
        tables.settings.frame, tables.lists.frame if tables.lists is not None else None
    )


def drafts_folder(tables: EmailTables, options: EmailOptions) -> Path:
    """Where drafts go (and a send run's journal): --out, else the Email Drafts Folder setting."""
    if options.out_dir is not None:
        return Path(options.out_dir)
    return options.files.beside(settings_of(tables).text(L.S_EMAIL_DRAFTS))


def plan_work(tables: EmailTables, options: EmailOptions) -> EmailWork:
    files, settings = options.files, settings_of(tables)
    html = settings.text(L.S_EMAIL_HTML_TEMPLATE)
    work = EmailWork(
        settings,
        settings.text(L.S_EMAIL_DELIVERY) or DRAFTS,
        drafts_folder(tables, options),
        files.template(settings.text(L.S_EMAIL_TEMPLATE)),
        files.template(html) if html else None,
        sender_from(settings),
        options.today or date.today(),
    )
    work.findings += _setting_findings(tables, settings)
    letters = D.logged_letters(letter_rows(tables))
    chosen, unknown = D.due_letters(letters, D.emailed(tables.email_log), options.urns, options.every)
    inputs = _inputs(tables, settings)
    work.findings += [_no_letter(tables, urn) for urn in unknown]
    if not (options.urns or options.every):
        work.findings += unlogged(inputs.letters, letters)
    mail = plan_mail(inputs, chosen, work.day)
    work.findings += mail.findings
    for job in mail.jobs:
        if _attachment(work, job, files, tables):
            work.jobs.append(job)
    return work


def _inputs(tables: EmailTables, settings: Settings) -> MailInputs:
    log = letter_rows(tables)
    letters = LetterInputs(
        tables.schools.frame,
        tables.visits.frame,
        criteria_from_frame(tables.criteria.frame),
        settings,
        log,
        _cells(tables.schools),
        _cells(tables.visits),
    )
    return MailInputs(
        letters,
        tables.lists.frame if tables.lists is not None else None,
        _cells(tables.letter_log),
        _cells(tables.lists),
    )


def _cells(table: Table | None):
    if table is None:
        return lambda row, column: ""
    columns = set(table.frame.columns)
    return lambda row, column: table.cell(row, column) if column in columns else ""


def _attachment(work: EmailWork, job: MailJob, files, tables: EmailTables) -> bool:
    """Find the letter on disk (its PDF when Email Attachment is PDF); a finding when it is not there."""
    letter = files.beside(job.letter.file.replace("\\", "/"))
    if work.settings.text(L.S_EMAIL_ATTACHMENT) == PDF:
        pdf = letter.with_suffix(".pdf")
        if files.is_file(pdf):
            work.attachments[job.letter.key] = pdf
            return True
        if files.is_file(letter):
            work.to_convert[job.letter.key] = letter
            return True
    elif files.is_file(letter):
        work.attachments[job.letter.key] = letter
        return True
    work.findings.append(
        error(
            L.LETTER_LOG,
            _cells(tables.letter_log),
            job.letter.row,
            L.LOG_FILE,
            "email.attachment.missing",
            f"The letter {letter} is not on disk, so the e-mail to {job.letter.school} (URN {job.letter.urn}) was not made.",
            "Put the letter back, or write it again with smep letters --urn " + job.letter.urn + ".",
        )
    )
    return False


def _no_letter(tables: EmailTables, urn: str) -> Finding:
    schools = tables.schools
    rows = [
        int(r)
        for r, u in zip(schools.frame.index, schools.frame.get(L.SCH_URN, []), strict=False)
        if text(u) == urn
    ]
    return error(
        L.SCHOOLS,
        _cells(schools),
        rows[0] if rows else None,
        L.SCH_URN,
        "email.urn.no_letter",
        f"URN {urn} has no letter in the Letter Log, so there is nothing to e-mail.",
        "Write its letter first (smep letters --urn " + urn + "), then e-mail it.",
    )


def _setting_findings(tables: EmailTables, settings: Settings) -> list[Finding]:
    """The e-mail settings that cannot be used (their defaults are used), at their cells."""
    cell = _cells(tables.settings)
    return [
        warning(L.SETTINGS, cell, settings.rows.get(p.name), L.SET_VALUE, p.code, p.message, p.suggestion)
        for p in settings.problems
        if p.name in EMAIL_SETTINGS
    ]


def new_result(label: str, work: EmailWork, dry_run: bool) -> EmailResult:
    result = EmailResult(
        label, work.delivery, str(work.folder), dry_run=dry_run, findings=list(work.findings)
    )
    for job in work.jobs:
        attach = work.attachments.get(job.letter.key) or work.to_convert[job.letter.key].with_suffix(".pdf")
        result.planned.append(
            {
                "urn": job.letter.urn,
                "school": job.letter.school,
                "visit_id": job.letter.visit_id,
                "to": "; ".join(m.address for m in job.to),
                "cc": "; ".join(m.address for m in job.cc),
                "attachment": str(attach),
            }
        )
    return result
