"""What Generate letters did (or, in a dry run, would do): for the CLI, the ribbon and --json."""

from __future__ import annotations

from dataclasses import dataclass, field

from smep_xl.domain.findings import Finding, FindingsOutcome, count_findings


@dataclass
class LettersResult(FindingsOutcome):
    workbook: str
    template: str
    folder: str
    kind: str  # "letter" or "audit form"
    dry_run: bool = False
    findings: list[Finding] = field(default_factory=list)
    planned: list[str] = field(default_factory=list)  # file names, in order
    letters: list[dict] = field(default_factory=list)  # written: urn, school, visit_id, file
    combined: str | None = None
    pdfs: list[str] = field(default_factory=list)
    exported: str | None = None
    recovered: list[str] = field(default_factory=list)  # what was done about an earlier unfinished run

    def to_json(self) -> dict:
        return {
            "workbook": self.workbook,
            "template": self.template,
            "folder": self.folder,
            "kind": self.kind,
            "dry_run": self.dry_run,
            "planned": self.planned,
            "written": self.letters,
            "combined": self.combined,
            "pdfs": self.pdfs,
            "exported": self.exported,
            "recovered": self.recovered,
            "counts": {
                "planned": len(self.planned),
                "written": len(self.letters),
                **count_findings(self.findings),
            },
            "findings": self.findings_json(),
        }
