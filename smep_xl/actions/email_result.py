"""What E-mail letters did (or, in a dry run, would do): for the CLI, the ribbon and --json."""

from __future__ import annotations

from dataclasses import dataclass, field

from smep_xl.domain.findings import Finding, FindingsOutcome, count_findings


@dataclass
class EmailResult(FindingsOutcome):
    workbook: str
    delivery: str  # Drafts or Send
    folder: str  # the drafts folder (where a send run keeps its journal)
    dry_run: bool = False
    findings: list[Finding] = field(default_factory=list)
    planned: list[dict] = field(default_factory=list)  # urn, school, to, cc, attachment
    done: list[dict] = field(default_factory=list)  # the Email Log rows of this run (drafts, or sent)
    refused: list[dict] = field(default_factory=list)  # rows of messages the server refused
    recovered: list[str] = field(default_factory=list)  # what was done about an earlier unfinished run

    def to_json(self) -> dict:
        return {
            "workbook": self.workbook,
            "delivery": self.delivery,
            "folder": self.folder,
            "dry_run": self.dry_run,
            "planned": self.planned,
            "emailed": self.done,
            "refused": self.refused,
            "recovered": self.recovered,
            "counts": {
                "planned": len(self.planned),
                "emailed": len(self.done),
                "refused": len(self.refused),
                **count_findings(self.findings),
            },
            "findings": self.findings_json(),
        }
