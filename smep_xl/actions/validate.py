"""Validate grid (the ribbon's first button): every problem in the input sheets as a finding.

Reads the input tables, asks the domain for findings, rewrites the Findings sheet whole (each
Cell a link to the cell; the workbook's conditional formats highlight those cells from it) and
the Objectives Findings column, then saves. Input cells are never written, so the user's values
and formats stay as they were; the same workbook always gives the same Findings.

Whether the templates named in Settings exist is asked of the Files port; without one (options
files=None) they are not checked. pandas and the rules are imported when the action runs, so
the ribbon table and the command line's help that import this module start fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from smep_xl import layout as L
from smep_xl.actions.ports import Files
from smep_xl.domain.findings import ERROR, Finding, count_findings

if TYPE_CHECKING:
    import pandas as pd

    from smep_xl.workbook import Workbook


@dataclass(frozen=True)
class ValidateOptions:
    files: Files | None = None  # where the templates named in Settings are looked for
    today: date | None = None  # what "in the future" is measured against (default: today)


@dataclass
class ValidateResult:
    workbook: str
    findings: list[Finding]

    @property
    def counts(self) -> dict[str, int]:
        return count_findings(self.findings)

    @property
    def exit_code(self) -> int:
        """0 when nothing is at error level, else 1 (as `smep validate` exits)."""
        return 1 if self.counts[ERROR] else 0

    def by_sheet(self) -> dict[str, list[Finding]]:
        """Findings grouped by sheet, sheets in workbook order."""
        order = {s: i for i, s in enumerate(L.SHEET_ORDER)}
        groups: dict[str, list[Finding]] = {}
        for f in sorted(self.findings, key=lambda f: order.get(f.sheet, len(order))):
            groups.setdefault(f.sheet, []).append(f)
        return groups

    def to_json(self) -> dict:
        return {
            "workbook": self.workbook,
            "findings": [f.as_dict() for f in self.findings],
            "counts": self.counts,
        }


def validate(book: Workbook, options: ValidateOptions = ValidateOptions()) -> ValidateResult:
    """Check every input sheet; rewrite Findings and the Objectives Findings column; save."""
    from smep_xl.domain.validate import INPUT_SHEETS, validate_workbook

    present = set(book.sheet_names())
    tables = book.read_tables(sheet for sheet in INPUT_SHEETS if sheet in present)
    findings = validate_workbook(
        tables, today=options.today or date.today(), file_exists=template_finder(options.files)
    )
    frame, links = findings_frame(findings)
    book.write_output(L.FINDINGS, frame, links)
    objectives = tables.get(L.OBJECTIVES)
    if objectives is not None:
        book.write_columns(L.OBJECTIVES, objectives_column(findings, objectives.frame.index))
    book.save()
    return ValidateResult(book.label, findings)


def findings_frame(findings: list[Finding]) -> tuple[pd.DataFrame, dict[int, str]]:
    """The Findings table (Cell holds Sheet!A1) and the link of each row that has a cell."""
    import pandas as pd

    rows = [
        [f.severity, f.sheet, f.address if f.cell else "", f.row, f.column, f.code, f.message, f.suggestion]
        for f in findings
    ]
    frame = pd.DataFrame(rows, columns=list(L.FINDINGS_SPEC.columns), dtype=object)
    links = {i: f.address for i, f in enumerate(findings) if f.cell}
    return frame, links


def objectives_column(findings: list[Finding], rows: pd.Index) -> pd.DataFrame:
    """Every data row is written (None clears a clean row), so no stale text survives a fix."""
    import pandas as pd

    from smep_xl.domain.validate import row_summaries

    notes = row_summaries(findings, L.OBJECTIVES)
    return pd.DataFrame({L.OBJ_FINDINGS: [notes.get(int(r)) for r in rows]}, index=rows, dtype=object)


def template_finder(files: Files | None) -> Callable[[str], bool] | None:
    """Whether a template named in Settings is found where Generate letters looks for it."""
    if files is None:
        return None
    return lambda named: files.is_file(files.template(named))
