"""Which letters to write and the data for each: pure, from the Schools, Visits, Criteria,
Settings and Letter Log tables.

By default every visit with Send Letter = Yes that the Letter Log does not show as written;
`urns` or `all_visited` ask for the latest visit of chosen (or all visited) schools again.
Audit forms go to schools before their first visit. A row that cannot make a good letter
(no head teacher's name, too few scores) is left out with a finding; the rest go ahead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from smep_xl import layout as L
from smep_xl.domain import rag
from smep_xl.domain.findings import ERROR, Finding
from smep_xl.domain.letters import context as ctx
from smep_xl.domain.letters.history import VisitHistory, records, visit_history
from smep_xl.domain.settings import Criterion, Settings
from smep_xl.domain.values import as_date, text

FEEDBACK, AUDIT = "letter", "audit form"
Schools = dict[str, tuple[int, dict[str, object]]]  # URN -> (Schools worksheet row, its record)


def _no_cell(row: int, column: str) -> str:
    return ""


@dataclass(frozen=True)
class LetterInputs:
    schools: pd.DataFrame
    visits: pd.DataFrame
    criteria: list[Criterion]
    settings: Settings
    log: pd.DataFrame  # the Letter Log as it is (may be empty)
    school_cell: Callable[[int, str], str] = _no_cell
    visit_cell: Callable[[int, str], str] = _no_cell


@dataclass
class LetterJob:
    kind: str  # FEEDBACK or AUDIT
    urn: str
    school: str
    visit_id: str  # "" for an audit form
    visit_row: int | None  # Visits worksheet row
    school_row: int
    context: ctx.Fields
    dates: dict[str, date | None] = field(default_factory=dict)  # date fields, for file names
    file_name: str = ""  # set by name_letters

    @property
    def owner(self) -> str:
        """What the Letter Log knows this letter by."""
        return self.visit_id if self.kind == FEEDBACK else f"audit:{self.urn}"


@dataclass
class LetterPlan:
    jobs: list[LetterJob] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def plan_letters(
    inputs: LetterInputs,
    *,
    today: date,
    urns: tuple[str, ...] = (),
    all_visited: bool = False,
    audit: bool = False,
) -> LetterPlan:
    history = visit_history(inputs.visits, inputs.criteria, inputs.settings, today)
    schools = _schools_by_urn(inputs.schools)
    plan = LetterPlan()
    wanted = [text(u) for u in urns]
    for urn in wanted:
        if urn not in schools:
            plan.findings.append(
                Finding(
                    ERROR,
                    L.SCHOOLS,
                    "",
                    None,
                    L.SCH_URN,
                    "letter.urn.unknown",
                    f"No school on the Schools sheet has the URN '{urn}'.",
                    "Check the URN you typed.",
                )
            )
    builder = _Builder(inputs, history, schools, today, plan)
    if audit:
        for urn in _audit_choice(inputs, history, schools, wanted, all_visited):
            builder.audit(urn)
    else:
        for row in _visit_choice(inputs, history, wanted, all_visited, plan, schools):
            builder.feedback(row)
    return plan


def plan_these(
    inputs: LetterInputs, *, today: date, visit_rows: list[int], audit_urns: list[str]
) -> LetterPlan:
    """The letters of these Visits rows and the audit forms of these schools (URNs on the Schools
    sheet), with the same data and checks as plan_letters: for e-mailing letters already written."""
    history = visit_history(inputs.visits, inputs.criteria, inputs.settings, today)
    schools = _schools_by_urn(inputs.schools)
    plan = LetterPlan()
    builder = _Builder(inputs, history, schools, today, plan)
    for row in visit_rows:
        builder.feedback(row)
    for urn in audit_urns:
        builder.audit(urn)
    return plan


def logged(log: pd.DataFrame | None) -> tuple[set[str], set[str]]:
    """Visit IDs with a letter written, and URNs with an audit form written."""
    if log is None or not len(log):
        return set(), set()
    visits, audits = set(), set()
    for urn, vid, status in zip(
        _column(log, L.LOG_URN), _column(log, L.LOG_VISIT), _column(log, L.LOG_STATUS), strict=True
    ):
        if text(status).lower() not in L.LETTER_MADE:
            continue
        if text(vid):
            visits.add(text(vid))
        else:
            audits.add(text(urn))
    return visits, audits


def _schools_by_urn(schools: pd.DataFrame) -> Schools:
    out: Schools = {}
    for row, record in records(schools).items():
        out.setdefault(text(record.get(L.SCH_URN)), (int(row), record))
    out.pop("", None)
    return out


def _visit_choice(
    inputs: LetterInputs,
    history: VisitHistory,
    wanted: list[str],
    all_visited: bool,
    plan: LetterPlan,
    schools: Schools,
) -> list[int]:
    if wanted or all_visited:
        urns = wanted or [u for u in schools if u in history.latest]
        for urn in wanted:
            if urn in schools and urn not in history.latest:
                plan.findings.append(
                    Finding(
                        ERROR,
                        L.SCHOOLS,
                        "",
                        schools[urn][0],
                        L.SCH_URN,
                        "letter.urn.no_visit",
                        f"{_name(schools[urn][1])} (URN {urn}) has no dated visit on "
                        "the Visits sheet, so there is no visit to write about.",
                        "Add the visit with its Visit Date first.",
                    )
                )
        return [history.latest[u] for u in urns if u in history.latest]
    done, _ = logged(inputs.log)
    return [
        int(row)
        for row, send, vid in zip(
            inputs.visits.index,
            _column(inputs.visits, L.VIS_SEND),
            _column(inputs.visits, L.VIS_ID),
            strict=True,
        )
        if ctx.wants_letter({L.VIS_SEND: send}) and text(vid) not in done
    ]


def _audit_choice(
    inputs: LetterInputs, history: VisitHistory, schools: Schools, wanted: list[str], all_visited: bool
) -> list[str]:
    if wanted:
        return [u for u in wanted if u in schools]
    is_open = [
        u for u, (_, rec) in schools.items() if text(rec.get(L.SCH_STATUS)).lower() != L.CLOSED.lower()
    ]
    if all_visited:
        return is_open
    _, done = logged(inputs.log)
    return [u for u in is_open if u not in history.latest and u not in done]


def _column(frame: pd.DataFrame, name: str) -> list[object]:
    return frame[name].tolist() if name in frame.columns else [None] * len(frame)


def _name(record: ctx.Record) -> str:
    return text(record.get(L.SCH_NAME)) or "This school"


class _Builder:
    """Checks one school or visit and adds its letter (or a finding) to the plan."""

    def __init__(
        self, inputs: LetterInputs, history: VisitHistory, schools: Schools, today: date, plan: LetterPlan
    ):
        self.inputs, self.history, self.schools, self.plan, self.today = inputs, history, schools, plan, today
        settings = inputs.settings
        self.hub = ctx.hub_fields(settings, today)
        self.thresholds = (rag.threshold(settings, L.S_RED), rag.threshold(settings, L.S_GREEN))
        self.visit_records = records(inputs.visits)
        self.known_school = set(inputs.schools.columns) & set(L.SCHOOLS_SPEC.columns)
        self.known_visit = set(L.visits_spec([c.name for c in inputs.criteria]).columns)
        self.seen_ids: set[str] = set()

    def feedback(self, row: int) -> None:
        visit = self.visit_records[row]
        urn, vid = text(visit.get(L.VIS_URN)), text(visit.get(L.VIS_ID))
        problem = self._visit_problem(row, visit, urn, vid)
        if problem:
            self.plan.findings.append(problem)
            return
        school_row, school = self.schools[urn]
        if not (text(school.get(L.SCH_HEAD_FIRST)) or text(school.get(L.SCH_HEAD_LAST))):
            self.plan.findings.append(
                self._school_error(
                    school_row,
                    L.SCH_HEAD_LAST,
                    "letter.head.missing",
                    f"{_name(school)} (URN {urn}) has no head teacher's name, so its letter cannot be addressed.",
                    "Fill in Head Title, Head First Name and Head Last Name on the Schools sheet.",
                )
            )
            return
        self.seen_ids.add(vid)
        rating = self.history.ratings[row]
        self.plan.jobs.append(
            LetterJob(
                FEEDBACK,
                urn,
                ctx.cell(school.get(L.SCH_NAME)),
                vid,
                row,
                school_row,
                self._context(school, urn, visit, rating),
                self._dates(visit, rating),
            )
        )

    def audit(self, urn: str) -> None:
        school_row, school = self.schools[urn]
        row = self.history.latest.get(urn)
        visit = self.visit_records[row] if row is not None else None
        rating = self.history.ratings.get(row) if row is not None else None
        self.plan.jobs.append(
            LetterJob(
                AUDIT,
                urn,
                ctx.cell(school.get(L.SCH_NAME)),
                "",
                row,
                school_row,
                self._context(school, urn, visit, rating),
                self._dates(visit, rating),
            )
        )

    def _dates(self, visit: ctx.Record | None, rating: ctx.Rating | None) -> dict[str, date | None]:
        visit = visit or {}
        return {
            "visit_date": as_date(visit.get(L.VIS_DATE)),
            "follow_up_date": as_date(visit.get(L.VIS_FOLLOW_UP)),
            "next_visit_due": rating.next_due if rating else None,
            "today": self.today,
        }

    def _visit_problem(self, row: int, visit: ctx.Record, urn: str, vid: str) -> Finding | None:
        cell = self.inputs.visit_cell
        first = self.inputs.criteria[0].name if self.inputs.criteria else L.VIS_RAG

        def error(column: str, code: str, message: str, suggestion: str) -> Finding:
            return Finding(ERROR, L.VISITS, cell(row, column), row, column, code, message, suggestion)

        if not vid:
            return error(
                L.VIS_ID,
                "letter.visit_id.missing",
                "This visit has no Visit ID, so its letter cannot be logged.",
                "Give every visit a Visit ID (e.g. V0123).",
            )
        if vid in self.seen_ids:
            return error(
                L.VIS_ID,
                "letter.visit_id.duplicate",
                f"The Visit ID '{vid}' is used by another "
                "visit above, so this letter would be logged as that one.",
                "Give each visit its own ID.",
            )
        if urn not in self.schools:
            return error(
                L.VIS_URN,
                "letter.school.unknown",
                f"No school on the Schools sheet has the URN '{urn}'.",
                "Correct the URN, or add the school to the Schools sheet.",
            )
        if as_date(visit.get(L.VIS_DATE)) is None:
            return error(
                L.VIS_DATE,
                "letter.visit_date.missing",
                f"Visit '{vid}' has no Visit Date that can be read ('{text(visit.get(L.VIS_DATE))}').",
                "Type the date, e.g. 03/03/2015.",
            )
        if row not in self.history.ratings:
            kind = text(visit.get(L.VIS_TYPE))
            why = self.history.left_out.get(row) or (
                f"A {kind or 'visit of this type'} does not count as a visit ({L.LISTS}: {L.LIST_COUNTS_AS_VISIT})."
            )
            return error(
                L.VIS_DATE,
                "letter.visit.not_counted",
                f"Visit '{vid}' is not counted as a visit, so it gets no letter: {why}",
                "Correct the visit (run Validate grid to see each problem), or set Send Letter to No.",
            )
        if not self.history.ratings[row].rag:
            if row in self.history.rejected:
                message = f"Visit '{vid}' has a score Validate rejects, so it has no RAG to write about."
            else:
                message = f"Visit '{vid}' has fewer than half of its criteria scored, so it has no RAG to write about."
            return error(
                first, "letter.scores.missing", message, "Score the criteria (whole numbers 1-4) first."
            )
        return None

    def _school_error(self, row: int, column: str, code: str, message: str, suggestion: str) -> Finding:
        return Finding(
            ERROR, L.SCHOOLS, self.inputs.school_cell(row, column), row, column, code, message, suggestion
        )

    def _context(
        self, school: ctx.Record, urn: str, visit: ctx.Record | None, rating: ctx.Rating | None
    ) -> ctx.Fields:
        out: ctx.Fields = {**self.hub}
        out.update(
            ctx.school_fields(school, self.history.counts.get(urn, 0), self.history.last_dates.get(urn))
        )
        out.update(
            ctx.visit_fields(
                visit, rating, self.inputs.criteria, self.thresholds, ctx.cell(school.get(L.SCH_SLE))
            )
        )
        out.update(ctx.extra_fields(school, self.known_school, out))
        if visit:
            out.update(ctx.extra_fields(visit, self.known_visit, out))
        return out
