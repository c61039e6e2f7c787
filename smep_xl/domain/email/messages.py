"""Each due letter's e-mail, before it is made: who it goes to (To, Cc), its letter's data for
the template (the same fields as the letter), and the findings that stop or qualify it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.email.addresses import CellAddresses, Mailbox, read_cell
from smep_xl.domain.email.due import LoggedLetter
from smep_xl.domain.email.findings import Cell, error, warning
from smep_xl.domain.findings import Finding
from smep_xl.domain.letters.context import Fields
from smep_xl.domain.letters.plan import LetterInputs, plan_these
from smep_xl.domain.values import text


@dataclass
class MailJob:
    letter: LoggedLetter
    school_row: int
    to: list[Mailbox]
    cc: list[Mailbox]
    context: Fields  # the letter's fields, as its template had them


@dataclass
class MailPlan:
    jobs: list[MailJob] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


@dataclass(frozen=True)
class MailInputs:
    letters: LetterInputs  # Schools, Visits, Criteria, Settings and the Letter Log, as letters read them
    lists: pd.DataFrame | None
    log_cell: Cell  # a Letter Log cell's address
    lists_cell: Cell


def plan_mail(inputs: MailInputs, due: list[LoggedLetter], today: date) -> MailPlan:
    """The e-mail of each due letter that can be addressed; a finding for each that cannot."""
    plan = MailPlan()
    schools, visits = inputs.letters.schools, inputs.letters.visits
    school_rows = _first_rows(schools, L.SCH_URN)
    visit_rows = _first_rows(visits, L.VIS_ID)
    wanted: list[LoggedLetter] = []
    for letter in due:
        if letter.urn not in school_rows:
            plan.findings.append(
                _unknown(inputs, letter, L.LOG_URN, f"URN {letter.urn} is not on the Schools sheet")
            )
        elif letter.visit_id and letter.visit_id not in visit_rows:
            plan.findings.append(
                _unknown(
                    inputs, letter, L.LOG_VISIT, f"Visit ID {letter.visit_id} is not on the Visits sheet"
                )
            )
        else:
            wanted.append(letter)
    feedback = [visit_rows[x.visit_id] for x in wanted if x.visit_id]
    audits = [x.urn for x in wanted if not x.visit_id]
    letters = plan_these(inputs.letters, today=today, visit_rows=feedback, audit_urns=audits)
    plan.findings += letters.findings
    contexts = {(job.visit_id or f"audit:{job.urn}"): job.context for job in letters.jobs}
    copies = sle_addresses(inputs.lists, inputs.lists_cell, plan.findings)
    for letter in wanted:
        context = contexts.get(letter.owner)
        if context is None:
            continue  # its finding says why (the visit can no longer make a letter)
        row = school_rows[letter.urn]
        to = _school_to(inputs, row, letter, plan.findings)
        if to:
            cc = copies.get(text(context.get("sle")).casefold(), [])
            plan.jobs.append(MailJob(letter, row, to, [m for m in cc if m not in to], context))
    return plan


def _first_rows(frame: pd.DataFrame, column: str) -> dict[str, int]:
    rows: dict[str, int] = {}
    if column in frame.columns:
        for row, value in zip(frame.index, frame[column].tolist(), strict=True):
            rows.setdefault(text(value), int(row))
    rows.pop("", None)
    return rows


def _unknown(inputs: MailInputs, letter: LoggedLetter, column: str, why: str) -> Finding:
    return error(
        L.LETTER_LOG,
        inputs.log_cell,
        letter.row,
        column,
        "email.letter.unknown",
        f"The letter {letter.file_name} cannot be e-mailed: {why}.",
        "Correct the Schools or Visits sheet, or write the letter again (smep letters --urn).",
    )


def _school_to(inputs: MailInputs, row: int, letter: LoggedLetter, findings: list[Finding]) -> list[Mailbox]:
    """The school's Email, else an address in its Music Lead cell; [] with a finding when none."""
    schools, cell = inputs.letters.schools, inputs.letters.school_cell
    name = letter.school or (text(schools.at[row, L.SCH_NAME]) if L.SCH_NAME in schools.columns else "")
    for column, names_allowed in ((L.SCH_EMAIL, False), (L.SCH_MUSIC_LEAD, True)):
        value = text(schools.at[row, column]) if column in schools.columns else ""
        found = read_cell(value, name, names_allowed)
        if found.bad:
            findings.append(_malformed(cell, row, column, name, letter, found))
            return []
        if found.good:
            if len(found.good) > 1:
                findings.append(_several(cell, row, column, name, found))
            return found.good
    findings.append(
        error(
            L.SCHOOLS,
            cell,
            row,
            L.SCH_EMAIL,
            "email.address.missing",
            f"{name} (URN {letter.urn}) has no e-mail address, so its letter {letter.file_name} was not e-mailed.",
            "Type the school's address in its Email cell (or the Music Lead's, as Name <address>).",
        )
    )
    return []


def _malformed(
    cell: Cell, row: int, column: str, name: str, letter: LoggedLetter, found: CellAddresses
) -> Finding:
    pieces = ", ".join(repr(b) for b in found.bad[:3])
    return error(
        L.SCHOOLS,
        cell,
        row,
        column,
        "email.address.invalid",
        f"The {column} of {name} (URN {letter.urn}) holds {pieces}, which is not an e-mail address, so its "
        f"letter {letter.file_name} was not e-mailed.",
        "Type each address as name@school.org; separate several with a semicolon.",
    )


def _several(cell: Cell, row: int, column: str, name: str, found: CellAddresses) -> Finding:
    return warning(
        L.SCHOOLS,
        cell,
        row,
        column,
        "email.address.several",
        f"The {column} of {name} holds {len(found.good)} addresses "
        f"({', '.join(m.address for m in found.good)}); the e-mail goes to each of them.",
        "If only one should get it, keep that one in the cell.",
    )


def sle_addresses(
    lists: pd.DataFrame | None, cell: Cell, findings: list[Finding]
) -> dict[str, list[Mailbox]]:
    """Each SLE's address from the Lists sheet (SLE Email beside SLE), by the SLE's name folded."""
    out: dict[str, list[Mailbox]] = {}
    if lists is None or L.LIST_SLE not in lists.columns or L.LIST_SLE_EMAIL not in lists.columns:
        return out
    for row, sle, value in zip(lists.index, lists[L.LIST_SLE], lists[L.LIST_SLE_EMAIL], strict=True):
        name, found = text(sle), read_cell(text(value), text(sle))
        if not name or not (found.good or found.bad):
            continue
        if found.bad:
            findings.append(
                warning(
                    L.LISTS,
                    cell,
                    int(row),
                    L.LIST_SLE_EMAIL,
                    "email.cc.invalid",
                    f"The SLE Email of {name} holds {found.bad[0]!r}, which is not an e-mail address, so "
                    f"{name} is not copied in.",
                    "Type the SLE's address as name@hub.org.",
                )
            )
            continue
        out.setdefault(name.casefold(), found.good)
    return out


def unlogged(inputs: LetterInputs, letters: list[LoggedLetter]) -> list[Finding]:
    """A visit whose Letter cell names a letter the Letter Log has no row of: it cannot be
    e-mailed (nothing says which file it is, or that it was ever written whole)."""
    visits = inputs.visits
    if L.VIS_LETTER not in visits.columns or L.VIS_ID not in visits.columns:
        return []
    logged = {x.visit_id for x in letters}
    out = []
    for row, vid, letter in zip(visits.index, visits[L.VIS_ID], visits[L.VIS_LETTER], strict=True):
        if text(letter) and text(vid) and text(vid) not in logged:
            out.append(
                warning(
                    L.VISITS,
                    inputs.visit_cell,
                    int(row),
                    L.VIS_LETTER,
                    "email.letter.unlogged",
                    f"Visit {text(vid)} names the letter {text(letter)}, but the Letter Log has no row of it, so "
                    "it is not e-mailed.",
                    f"Write it again with smep letters --urn {text(visits.at[row, L.VIS_URN]) if L.VIS_URN in visits.columns else 'URN'}: "
                    "it is then logged, and e-mailed on the next run.",
                )
            )
    return out
