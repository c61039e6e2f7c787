"""`smep report`: the Board report button on a workbook file."""

from __future__ import annotations

from pathlib import Path

import click

from smep_xl.cli.common import date_option, fail, visits_early


@click.command("report")
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    help="The date to report at (default: the As Of Date setting, or today).",
)
@click.option("--out", "out", metavar="FILE", help="The report's file (.docx); it must not exist yet.")
@click.option("--pdf", is_flag=True, help="Also make a PDF beside it (needs LibreOffice).")
@click.option(
    "--template",
    metavar="FILE",
    help="A report template of your own (default: board_report.docx beside the workbook, else the one shipped).",
)
def report(workbook: str, as_of: str | None, out: str | None, pdf: bool, template: str | None) -> None:
    """Write the board report: a Word document from an editable template.

    The headline targets and their status, objectives by Target RAG with those at risk named,
    coverage by Area, Phase and SLE, school RAG and how it moved since the previous snapshot,
    the schools in Targeted Support and what changed, with charts. Every figure is the
    Dashboard's for the same as-of date. The workbook is only read.

    Example:

        smep report hub.xlsx --as-of 2015-07-31 --pdf
    """
    if out and not out.lower().endswith(".docx"):
        fail(f"--out {out}: the report is a Word document; give a name ending in .docx.")
    visits_early(workbook)
    day = date_option(as_of, "--as-of")
    from smep_xl.actions.report import ReportOptions
    from smep_xl.actions.report import report as run_report
    from smep_xl.adapters.report.word import WordReport
    from smep_xl.adapters.xlsx.workbook import open_workbook

    folder = Path(workbook).absolute().parent
    options = ReportOptions(
        folder,
        WordReport(),
        Path(template) if template else None,
        Path(out) if out else None,
        day,
        _pdf if pdf else None,
    )
    book = open_workbook(workbook, read_only=True)
    try:
        result = run_report(book, options)
    finally:
        book.close()
    click.echo(result.message())
    for finding in result.findings:
        click.echo(f"  {finding.address}: {finding.message}")


def _pdf(path: Path) -> Path | None:
    from smep_xl.adapters.docx.pdf import to_pdf

    return to_pdf([path], path.parent, timeout_per_file=60.0)[0]


COMMANDS = [report]
