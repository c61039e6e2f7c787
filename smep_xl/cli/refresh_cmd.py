"""`smep refresh` (placeholder until the Refresh action lands)."""

import click

from smep_xl.cli.common import fail


@click.command("refresh")
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option("--as-of", "as_of", help="Date to rate targets at (default: the As Of Date setting, or today).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of the KPI block.")
def refresh(workbook: str, as_of: str | None, as_json: bool) -> None:
    """Rate every school and target, count visit coverage, rebuild the Dashboard.

    Example:

        smep refresh hub.xlsx --as-of 2015-07-31
    """
    fail("refresh is not built yet.")


COMMANDS = [refresh]
