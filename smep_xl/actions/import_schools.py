"""Import schools: merge a GIAS establishment extract into the Schools sheet by URN."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.findings import Finding
from smep_xl.domain.gias.extract import GiasExtract, read_gias, read_links
from smep_xl.domain.gias.merge import MergePlan, merge_schools
from smep_xl.domain.settings import settings_from_frame
from smep_xl.domain.values import text
from smep_xl.workbook import Workbook


@dataclass
class ImportResult:
    workbook: str
    source: str
    la_codes: tuple[str, ...]
    counts: dict[str, int]
    findings: list[Finding] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False
    links: int = 0  # links read (0: no links file, so successions cannot be reported)

    def to_json(self) -> dict:
        return {
            "workbook": self.workbook,
            "source": self.source,
            "la_codes": list(self.la_codes),
            "dry_run": self.dry_run,
            "written": self.written,
            "links": self.links,
            "counts": dict(self.counts),
            "changes": [f.as_dict() for f in self.findings],
        }


def import_schools(
    book: Workbook,
    gias_bytes: bytes,
    *,
    la_codes: Iterable[str] = (),
    dry_run: bool = False,
    links_bytes: bytes | None = None,
    source: str = "the GIAS file",
    links_source: str = "the GIAS links file",
) -> ImportResult:
    """Read the extract, plan the merge, and (unless dry_run) write it and save.

    Every check runs before anything is written: a bad file leaves the workbook as it was.
    A run that changes nothing does not save, so the file stays byte-identical.
    """
    extract = read_gias(gias_bytes, source)
    if links_bytes is not None:
        extract = replace(extract, links=read_links(links_bytes, links_source))
    schools = book.read_table(L.SCHOOLS)
    plan = _plan(book, schools.frame, extract, tuple(la_codes), schools.first_column)
    written = False
    if plan.has_changes and not dry_run:
        _write(book, plan)
        written = True
    return ImportResult(
        book.label, source, plan.la_codes, plan.counts, plan.findings, dry_run, written, len(extract.links)
    )


def _plan(
    book: Workbook, schools: pd.DataFrame, extract: GiasExtract, la_codes: tuple[str, ...], first_column: int
) -> MergePlan:
    if not la_codes:
        settings = settings_from_frame(book.read_table(L.SETTINGS).frame)
        la_codes = (settings.text(L.S_LA_CODES),)
    return merge_schools(schools, extract, la_codes, phases=_phases(book), first_column=first_column)


def _phases(book: Workbook) -> list[str]:
    """The Phase pick list, so imported phases use the hub's words."""
    if L.LISTS not in book.sheet_names():
        return []
    lists = book.read_table(L.LISTS).frame
    if L.LIST_PHASE not in lists.columns:
        return []
    return [text(v) for v in lists[L.LIST_PHASE] if text(v)]


def _write(book: Workbook, plan: MergePlan) -> None:
    """One block per changed column (only the rows that change), then the new rows; then save."""
    no_rows = plan.new_rows.iloc[0:0]
    for frame in plan.column_updates():
        book.write_inputs(L.SCHOOLS, frame, no_rows)
    if len(plan.new_rows):
        book.write_inputs(L.SCHOOLS, pd.DataFrame(index=pd.Index([], dtype=int)), plan.new_rows)
    book.save()
