"""`smep new-plan`: the next plan's workbook, made from this one (which is only read)."""

from __future__ import annotations

import os

import click

from smep_xl.cli.common import date_option, fail
from smep_xl.cli.new_cmd import check_target


@click.command("new-plan")
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.argument("new_path", metavar="NEW")
@click.option("--start", required=True, metavar="DATE", help="The new plan's Plan Start, e.g. 2016-09-01.")
@click.option(
    "--years",
    type=click.IntRange(1, 10),
    default=2,
    show_default=True,
    help="The new plan's Plan Years.",
)
def new_plan(workbook: str, new_path: str, start: str, years: int) -> None:
    """Make the next plan's workbook NEW from WORKBOOK, which is left exactly as it is.

    Schools (with your own columns), Criteria, Lists and Settings are carried over, with the
    new Plan Start and Plan Years. Each objective's Next Year Target becomes its SMART Target
    (By When, Status and Progress % cleared). Visits, letters and History stay in WORKBOOK; each
    school's last RAG and last visit date go into Carried RAG and Carried Last Visit, so its
    Trend and repeat visits carry on. NEW is never an existing file.

    Example:

        smep new-plan hub.xlsx hub-2016.xlsx --start 2016-09-01 --years 2
    """
    day = date_option(start, "--start")
    if os.path.abspath(new_path) == os.path.abspath(workbook):
        fail(f"{new_path} is the workbook being rolled forward; give the new plan another name.")
    check_target(new_path, force=False)
    from smep_xl.actions.new_plan import NewPlanOptions
    from smep_xl.actions.new_plan import new_plan as run_new_plan
    from smep_xl.adapters.new_workbook.write import write_new_workbook
    from smep_xl.adapters.xlsx.workbook import open_workbook

    book = open_workbook(workbook, read_only=True)
    try:
        result = run_new_plan(book, NewPlanOptions(new_path, day, write_new_workbook, years))
    finally:
        book.close()
    click.echo(result.message())


COMMANDS = [new_plan]
