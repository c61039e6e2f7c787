"""A finding: one problem in the input, with the cell it is in and plain-English words."""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


@dataclass(frozen=True)
class Finding:
    severity: str
    sheet: str
    cell: str  # e.g. "F12" ("" for a whole sheet or table)
    row: int | None
    column: str  # column header ("" when not about one column)
    code: str  # stable, e.g. "visit.score.range"
    message: str
    suggestion: str = ""

    @classmethod
    def on_sheet(cls, severity: str, sheet: str, code: str, message: str, suggestion: str = "") -> Finding:
        """A finding about a sheet as a whole (e.g. the Letter Log after a run): no cell, row or column."""
        return cls(severity, sheet, "", None, "", code, message, suggestion)

    @property
    def address(self) -> str:
        """Sheet-qualified cell, e.g. Visits!F12, quoted as Excel wants when needed."""
        if not self.cell:
            return self.sheet
        sheet = f"'{self.sheet}'" if not self.sheet.replace("_", "").isalnum() else self.sheet
        return f"{sheet}!{self.cell}"

    def as_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["address"] = self.address
        return d


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then by sheet order of appearance, row and column."""
    return sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.sheet, f.row or 0, f.cell))


def count_findings(findings: list[Finding]) -> dict[str, int]:
    counts = {ERROR: 0, WARNING: 0, INFO: 0}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return counts


class FindingsOutcome:
    """What a run that made findings ends with: its error count and exit code (0 all went out,
    1 some were left out or failed). Mixed into the actions' result dataclasses."""

    findings: list[Finding]

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == ERROR)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0

    def findings_json(self) -> list[dict[str, object]]:
        return [f.as_dict() for f in sort_findings(self.findings)]
