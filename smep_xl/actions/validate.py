"""Validate grid (the ribbon's first button): every problem in the input sheets as a finding.

Reads the input tables, asks the domain for findings, rewrites the Findings sheet whole (each
Cell a link to the cell; the workbook's conditional formats highlight those cells from it) and
the Objectives Findings column, then saves. Input cells are never written, so the user's values
and formats stay as they were; the same workbook always gives the same Findings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from smep_xl import layout as L
from smep_xl.actions.templates import resolve_template
from smep_xl.domain.findings import ERROR, Finding, count_findings
from smep_xl.domain.validate import INPUT_SHEETS, row_summaries, validate_workbook
from smep_xl.workbook import Workbook


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


def validate(
    book: Workbook, *, today: date | None = None, file_exists: Callable[[str], bool] | None = None
) -> ValidateResult:
    """Check every input sheet; rewrite Findings and the Objectives Findings column; save.

    file_exists says whether a template path from Settings exists; by default a relative path
    is looked for beside the workbook, in the current folder and among the project's templates.
    """
    present = set(book.sheet_names())
    tables = {sheet: book.read_table(sheet) for sheet in INPUT_SHEETS if sheet in present}
    findings = validate_workbook(
        tables,
        today=today or date.today(),
        file_exists=file_exists or template_finder(getattr(book, "folder", None)),
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
    rows = [
        [f.severity, f.sheet, f.address if f.cell else "", f.row, f.column, f.code, f.message, f.suggestion]
        for f in findings
    ]
    frame = pd.DataFrame(rows, columns=list(L.FINDINGS_SPEC.columns), dtype=object)
    links = {i: f.address for i, f in enumerate(findings) if f.cell}
    return frame, links


def objectives_column(findings: list[Finding], rows: pd.Index) -> pd.DataFrame:
    """Every data row is written (None clears a clean row), so no stale text survives a fix."""
    notes = row_summaries(findings, L.OBJECTIVES)
    return pd.DataFrame({L.OBJ_FINDINGS: [notes.get(int(r)) for r in rows]}, index=rows, dtype=object)


def template_finder(folder: str | None) -> Callable[[str], bool]:
    """Whether a template named in Settings is found where Generate letters looks for it."""
    base = Path(folder) if folder else Path.cwd()
    return lambda named: resolve_template(named, base).is_file()
