"""`smep refresh`: the Refresh button on a workbook file."""

from __future__ import annotations

import sys

import click

from smep_xl.cli.common import date_option, print_json, visits_early


@click.command("refresh")
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    help="Date to rate schools, targets and coverage at, e.g. 2015-07-31 or 31/07/2015 "
    "(default: the As Of Date setting, or today).",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print one JSON document (figures and per-school results) instead of the KPI block.",
)
def refresh(workbook: str, as_of: str | None, as_json: bool) -> None:
    """Rate every school and target, count visit coverage, rebuild the Dashboard.

    Rewrites only the computed columns of Objectives, Schools and Visits and the Dashboard
    sheet; running it twice gives the same workbook.

    Example:

        smep refresh hub.xlsx --as-of 2015-07-31
    """
    visits_early(workbook)
    day = date_option(as_of, "--as-of")
    from smep_xl.actions.refresh import RefreshOptions
    from smep_xl.actions.refresh import refresh as run_refresh
    from smep_xl.adapters.xlsx.workbook import open_workbook

    book = open_workbook(workbook)
    try:
        result = run_refresh(book, RefreshOptions(as_of=day))
    finally:
        book.close()
    if as_json:
        print_json(result.to_json())
    else:
        show_kpis(result)


def _figure(value: object) -> str:
    return f"{value:.0%}" if isinstance(value, float) else f"{value:,}"


def show_kpis(result) -> None:
    """The KPI block: a table on a terminal, plain lines when piped or redirected."""
    title = f"{result.dashboard.title} (as of {result.as_of:%d/%m/%Y})"
    rows = [(label, _figure(value), note) for label, value, note in result.dashboard.kpis]
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, title_justify="left")
        table.add_column("Measure", justify="left")
        table.add_column("Value", justify="right")
        table.add_column("Note", justify="left")
        for row in rows:
            table.add_row(*row)
        Console().print(table)
    else:
        click.echo(title)
        width = max(len(label) for label, _, _ in rows)
        for label, figure, note in rows:
            click.echo(f"  {label.ljust(width)}  {figure:>7}  {note}".rstrip())
    click.echo(f"Refreshed {result.workbook}: computed columns and the Dashboard rewritten.")
    if result.findings:
        click.echo(
            f"{len(result.findings)} finding(s): rows left out of the figures, or visits with too few "
            "criteria scored for a RAG; run `smep validate` to see where."
        )


COMMANDS = [refresh]
