"""Board report: a Word report for the hub's board from an editable template.

Every figure comes from the Dashboard Refresh builds for the same as-of date; History adds RAG
over time, movement and what changed since the previous snapshot. The workbook is only read.
The template is checked before anything is written (an unknown field stops the report).
The report never writes over a file: a name given with --out must be free, and the default
name beside the workbook takes the next free number.

pandas and the rules load inside the function: the ribbon table imports this module.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smep_xl.domain.findings import Finding
from smep_xl.errors import SmepError

if TYPE_CHECKING:
    from smep_xl.workbook import Workbook

DEFAULT_NAME = "Board report {day}.docx"


@dataclass(frozen=True)
class ReportOptions:
    folder: Path  # where the report goes by default: the workbook's folder
    writer: Any  # adapters/report/word.WordReport (check, write)
    template: Path | None = None  # default: board_report.docx in the folder, else the one shipped
    out: Path | None = None  # a name of one's own: must not exist yet
    as_of: date | None = None
    pdf: Any = None  # a function turning the .docx into a PDF beside it (None: no PDF)
    today: date | None = None


@dataclass
class ReportResult:
    workbook: str
    path: str
    as_of: date
    template: str
    pdf: str = ""
    findings: list[Finding] = field(default_factory=list)

    def message(self) -> str:
        pdf = f" and {self.pdf}" if self.pdf else ""
        return f"Wrote the board report {self.path}{pdf} (as of {self.as_of:%d/%m/%Y}) from {self.template}."

    def to_json(self) -> dict:
        return {
            "workbook": self.workbook,
            "message": self.message(),
            "path": self.path,
            "pdf": self.pdf,
            "as_of": self.as_of.isoformat(),
            "findings": [f.as_dict() for f in self.findings],
        }


def report(book: Workbook, options: ReportOptions) -> ReportResult:
    from smep_xl.actions.refresh import _read, compute
    from smep_xl.domain.report_data import chart_specs, report_context

    if options.out is not None:  # said at once, not after the tables are read and counted
        _check_free(options.out)
    done = compute(_read(book), as_of=options.as_of, today=options.today, label=book.label)
    history = done.extra["history"]
    given = dict(done.extra) | {"dashboard": done.dashboard}
    context, charts = report_context(given, history), chart_specs(given, history)
    template = options.template or _template(options.folder)
    options.writer.check(template, context, charts)  # stops before anything is written
    path = options.out or _free(options.folder / DEFAULT_NAME.format(day=done.as_of.isoformat()))
    _check_free(path)  # again: a file may have appeared meanwhile
    options.writer.write(template, context, charts, path)
    pdf = options.pdf(path) if options.pdf else None
    return ReportResult(book.label, str(path), done.as_of, template.name, str(pdf or ""), history.findings)


def _check_free(path: Path) -> None:
    if os.path.lexists(path):
        raise SmepError(f"{path} already exists; the report never writes over a file. Choose another --out.")


def _template(folder: Path) -> Path:
    from smep_xl.resources import template

    own = folder / "board_report.docx"
    return own if own.is_file() else template("board_report.docx")


def _free(path: Path) -> Path:
    """The name itself when free, else "name (2).docx", "name (3).docx"..."""
    n, candidate = 2, path
    while os.path.lexists(candidate):
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
        n += 1
    return candidate
