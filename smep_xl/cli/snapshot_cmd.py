"""`smep snapshot`: the Close term button on a workbook file."""

from __future__ import annotations

import click

from smep_xl.cli.common import date_option, print_json, visits_early


@click.command("snapshot")
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    help="The date the snapshot is of, e.g. 2014-12-19 (default: the As Of Date setting, or today). "
    "A past date counts only the visits up to it.",
)
@click.option("--label", default="", help='Its name, e.g. "Autumn 2014" (default: the term of the date).')
@click.option("--replace", is_flag=True, help="Take a label already on History again, dropping its old rows.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of the summary.")
def snapshot(workbook: str, as_of: str | None, label: str, replace: bool, as_json: bool) -> None:
    """Record the plan's figures on a date: append them to the History sheet.

    One row per Dashboard measure (figure, target, status) and one per school (RAG, score,
    visits, coverage), as Refresh works them out for that date. History keeps every earlier
    snapshot; a label already there is left alone unless --replace.

    Example:

        smep snapshot hub.xlsx --as-of 2014-12-19 --label "Autumn 2014"
    """
    visits_early(workbook)
    day = date_option(as_of, "--as-of")
    from smep_xl.actions.snapshot import SnapshotOptions
    from smep_xl.actions.snapshot import snapshot as run_snapshot
    from smep_xl.adapters.xlsx.workbook import open_workbook

    book = open_workbook(workbook)
    try:
        result = run_snapshot(book, SnapshotOptions(as_of=day, label=label, replace=replace))
    finally:
        book.close()
    if as_json:
        print_json(result.to_json())
        return
    click.echo(result.message())
    for finding in result.findings:
        click.echo(f"  {finding.address}: {finding.message}")


COMMANDS = [snapshot]
