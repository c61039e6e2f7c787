"""`smep validate`: the Validate grid button on a workbook file."""

from __future__ import annotations

from pathlib import Path

import click

from smep_xl.cli.common import EXIT_FINDINGS, EXIT_OK, fail, print_json, visits_early
from smep_xl.domain.findings import ERROR, INFO, WARNING, Finding
from smep_xl.errors import SmepError

SHOWN_PER_SHEET = 200  # on a terminal; piped output lists every finding
_COLOURS = {ERROR: "bold red", WARNING: "yellow", INFO: "cyan"}


@click.command("validate")
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Print one JSON document ({"findings": [...], "counts": {...}}) instead of the table.',
)
def validate(workbook: str, as_json: bool) -> None:
    """Check every input sheet; rewrite the Findings sheet, which highlights the cells.

    Prints the findings grouped by sheet and a one-line summary. Exits 0 when nothing is at
    error level, 1 when something is, 2 when the workbook cannot be checked at all. Only
    Findings and the Objectives Findings column are written; your cells are left as they are.

    Example:

        smep validate hub.xlsx
    """
    visits_early(workbook)
    from smep_xl.actions.validate import ValidateOptions
    from smep_xl.actions.validate import validate as run_validate
    from smep_xl.adapters.files.disk import DiskFiles
    from smep_xl.adapters.xlsx.workbook import open_workbook

    try:
        book = open_workbook(workbook)
        try:
            result = run_validate(book, ValidateOptions(files=DiskFiles(Path(workbook).absolute().parent)))
        finally:
            getattr(book, "close", lambda: None)()
    except SmepError as stop:
        fail(stop.message)
        return
    if as_json:
        print_json(result.to_json())
    else:
        show_findings(result.by_sheet())
        click.echo(summary(result.counts, result.workbook))
    raise click.exceptions.Exit(EXIT_FINDINGS if result.exit_code else EXIT_OK)


def summary(counts: dict[str, int], label: str) -> str:
    """The closing line, e.g. 3 errors, 5 warnings, 0 info in hub.xlsx."""

    def many(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 or word == INFO else 's'}"

    return f"{many(counts[ERROR], ERROR)}, {many(counts[WARNING], WARNING)}, {many(counts[INFO], INFO)} in {label}"


def plain_line(f: Finding) -> str:
    """One finding on one line, for pipes and logs: `Visits!F12  error  visit.score.range  ...`."""
    return f"{f.address}  {f.severity}  {f.code}  {f.message}"


def show_findings(groups: dict[str, list[Finding]]) -> None:
    """A table per sheet on a terminal (in colour); plain lines, every finding, when piped."""
    from rich.console import Console

    console = Console()
    if not console.is_terminal:
        for findings in groups.values():
            for f in findings:
                click.echo(plain_line(f))
        return
    for sheet, findings in groups.items():
        console.print(_table(sheet, findings[:SHOWN_PER_SHEET]))
        if len(findings) > SHOWN_PER_SHEET:
            console.print(
                f"... and {len(findings) - SHOWN_PER_SHEET:,} more on {sheet}: "
                "the Findings sheet lists them all.",
                style="dim",
            )


def _table(sheet: str, findings: list[Finding]):
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=sheet, title_justify="left", title_style="bold", expand=False)
    table.add_column("Cell", no_wrap=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Code", style="dim", no_wrap=True)
    table.add_column("Message")
    for f in findings:
        message = escape(f.message) + (f"\n[dim]{escape(f.suggestion)}[/dim]" if f.suggestion else "")
        table.add_row(
            f.cell or "(sheet)", f"[{_COLOURS.get(f.severity, '')}]{f.severity}[/]", f.code, message
        )
    return table


COMMANDS = [validate]
