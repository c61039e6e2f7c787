"""Import schools: merge a GIAS establishment extract into the Schools sheet by URN.

Reads the extract (every check of the file first, so a bad file leaves the workbook as it was),
then the tables, plans the merge once, and writes it. pandas and the GIAS rules are imported
when the action runs, so the command line's help, which imports this module, starts fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from smep_xl import layout as L
from smep_xl.domain.findings import Finding

if TYPE_CHECKING:
    import pandas as pd

    from smep_xl.domain.gias.extract import GiasExtract
    from smep_xl.domain.gias.merge import MergePlan
    from smep_xl.workbook import Table, Workbook


@dataclass(frozen=True)
class ImportOptions:
    gias: bytes  # the establishment extract, as downloaded
    source: str = "the GIAS file"  # its name, for messages
    links: bytes | None = None  # the links file, to report academy conversions
    links_source: str = "the GIAS links file"
    la_codes: tuple[str, ...] = ()  # default: the LA Codes setting
    dry_run: bool = False


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


@dataclass(frozen=True)
class _Tables:
    schools: Table
    settings: pd.DataFrame | None  # read only when no LA codes were given
    lists: pd.DataFrame | None  # None when the workbook has no Lists sheet


def import_schools(book: Workbook, options: ImportOptions) -> ImportResult:
    """Read the extract, plan the merge, and (unless a dry run) write it and save.

    A run that changes nothing does not save, so the file stays byte-identical.
    """
    extract = _extract(options)
    plan = _plan(_read(book, options), extract, options.la_codes)
    written = plan.has_changes and not options.dry_run
    if written:
        _write(book, plan)
    return ImportResult(
        book.label,
        options.source,
        plan.la_codes,
        plan.counts,
        plan.findings,
        options.dry_run,
        written,
        len(extract.links),
    )


def _extract(options: ImportOptions) -> GiasExtract:
    from smep_xl.domain.gias.extract import read_gias, read_links

    extract = read_gias(options.gias, options.source)
    if options.links is not None:
        extract = replace(extract, links=read_links(options.links, options.links_source))
    return extract


def _read(book: Workbook, options: ImportOptions) -> _Tables:
    schools = book.read_table(L.SCHOOLS)
    settings = None if options.la_codes else book.read_table(L.SETTINGS).frame
    lists = book.read_table(L.LISTS).frame if L.LISTS in book.sheet_names() else None
    return _Tables(schools, settings, lists)


def _plan(tables: _Tables, extract: GiasExtract, la_codes: tuple[str, ...]) -> MergePlan:
    from smep_xl.domain.gias.merge import merge_schools
    from smep_xl.domain.settings import settings_from_frame
    from smep_xl.domain.values import text

    if tables.settings is not None:
        la_codes = (settings_from_frame(tables.settings).text(L.S_LA_CODES),)
    lists = tables.lists
    # the Phase pick list, so imported phases use the hub's words
    phases = (
        []
        if lists is None or L.LIST_PHASE not in lists
        else [text(v) for v in lists[L.LIST_PHASE] if text(v)]
    )
    schools = tables.schools
    return merge_schools(schools.frame, extract, la_codes, phases=phases, first_column=schools.first_column)


def _write(book: Workbook, plan: MergePlan) -> None:
    """One block per changed column (only the rows that change), then the new rows; then save."""
    import pandas as pd

    no_rows = plan.new_rows.iloc[0:0]
    for frame in plan.column_updates():
        book.write_inputs(L.SCHOOLS, frame, no_rows)
    if len(plan.new_rows):
        book.write_inputs(L.SCHOOLS, pd.DataFrame(index=pd.Index([], dtype=int)), plan.new_rows)
    book.save()
