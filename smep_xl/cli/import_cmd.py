"""`smep import-schools` (placeholder until the GIAS import lands)."""

import click

from smep_xl.cli.common import fail


@click.command("import-schools")
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.argument("gias_csv", type=click.Path(dir_okay=False))
@click.option("--la", "la_codes", multiple=True, help="Local authority code to import (repeatable).")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
def import_schools(workbook: str, gias_csv: str, la_codes: tuple[str, ...], dry_run: bool) -> None:
    """Merge a GIAS establishment extract into the Schools sheet by URN.

    Example:

        smep import-schools hub.xlsx edubasealldata20260901.csv --la 855 --la 856
    """
    fail("import-schools is not built yet.")


COMMANDS = [import_schools]
