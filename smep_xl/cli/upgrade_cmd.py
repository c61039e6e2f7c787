"""`smep upgrade`: bring a workbook made by an earlier smep-xl up to this one's contract."""

from __future__ import annotations

import click

from smep_xl.cli.common import print_json


@click.command("upgrade")
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Say what would be added; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def upgrade(workbook: str, dry_run: bool, as_json: bool) -> None:
    """Bring a workbook made by an earlier smep-xl up to this version's contract.

    Adds what this version has and the workbook lacks: sheets, columns (input columns at the
    end of the input columns, computed ones at the end of the table), settings rows with
    their defaults, pick lists with their values, their drop-downs and formats. It never
    renames, moves or changes a cell you typed, and keeps every other part of the file as it
    is. Then it records the contract version in the workbook (its custom document property
    'SMEP Contract Version'). Running it again changes nothing. Close the workbook in Excel
    first.

    Example:

        smep upgrade hub.xlsx --dry-run
    """
    from smep_xl.actions.upgrade import UpgradeOptions
    from smep_xl.actions.upgrade import upgrade as run_upgrade
    from smep_xl.adapters.upgrade.apply import WorkbookUpgrade

    book = WorkbookUpgrade(workbook, read_only=dry_run)
    try:
        result = run_upgrade(book, UpgradeOptions(dry_run=dry_run))
    finally:
        book.close()
    if as_json:
        print_json(result.to_json())
        return
    if not result.added:
        click.echo(f"{result.label} is up to date (workbook contract v{result.now}); nothing was changed.")
    else:
        verb = "would add" if dry_run else "added"
        click.echo(f"{result.label}: {verb} {len(result.added)} thing(s) for contract v{result.now}:")
        for line in result.added:
            click.echo(f"  + {line}")
    for line in result.skipped:
        click.echo(f"  ! {line}")
    if dry_run and result.added:
        click.echo("Nothing was changed (--dry-run).")


COMMANDS = [upgrade]
