"""The `smep` command line: the ribbon's verbs on a workbook file, no Excel needed.

Every command module imports only click and the standard library when it loads; pandas,
openpyxl, lxml and the Word libraries load inside the command that needs them, so
`smep --version` and `smep --help` answer at once.
"""

from __future__ import annotations

import click

from smep_xl import __version__
from smep_xl.cli import (
    build_cmd,
    calendar_cmd,
    demo_cmd,
    email_cmd,
    import_cmd,
    init_cmd,
    letters_cmd,
    new_cmd,
    new_plan_cmd,
    refresh_cmd,
    render_cmd,
    report_cmd,
    snapshot_cmd,
    upgrade_cmd,
    validate_cmd,
)
from smep_xl.cli.common import run_guarded
from smep_xl.ribbon import for_command


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="smep")
def cli() -> None:
    """smep: the school music education plan workbook, from the command line.

    Each command works on a master workbook file (.xlsx or .xlsm) and does what the
    matching button on the SMEP ribbon tab does in Excel.

    Example:

        smep new hub.xlsx --demo && smep refresh hub.xlsx
    """


def button_note(command: click.Command) -> str | None:
    """The line each command's help ends with when a ribbon button does the same."""
    button = for_command(command.name or "")
    if button is None:
        return None
    return f"In Excel: the {button.caption} button on the SMEP tab does the same to the open workbook."


for module in (
    init_cmd,
    new_cmd,
    new_plan_cmd,
    demo_cmd,
    validate_cmd,
    refresh_cmd,
    snapshot_cmd,
    report_cmd,
    letters_cmd,
    email_cmd,
    calendar_cmd,
    render_cmd,
    import_cmd,
    build_cmd,
    upgrade_cmd,
):
    for command in module.COMMANDS:
        command.epilog = button_note(command)
        cli.add_command(command)


def main() -> None:
    run_guarded(cli)
