"""`smep validate` (placeholder until the Validate grid action lands)."""

import click

from smep_xl.cli.common import fail


@click.command("validate")
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of a table.")
def validate(workbook: str, as_json: bool) -> None:
    """Check every input sheet; write the Findings sheet and highlight the cells.

    Example:

        smep validate hub.xlsx
    """
    fail("validate is not built yet.")


COMMANDS = [validate]
