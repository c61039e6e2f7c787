"""The `smep` command line: the ribbon's verbs on a workbook file, no Excel needed."""

from __future__ import annotations

import click

from smep_xl import __version__
from smep_xl.cli import build_cmd, demo_cmd, import_cmd, letters_cmd, new_cmd, refresh_cmd, validate_cmd
from smep_xl.cli.common import run_guarded


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="smep")
def cli() -> None:
    """smep: the school music education plan workbook, from the command line.

    Each command works on a master workbook file (.xlsx or .xlsm) and does what the
    matching button on the SMEP ribbon tab does in Excel.

    Example:

        smep new hub.xlsx --demo && smep refresh hub.xlsx
    """


for module in (new_cmd, demo_cmd, validate_cmd, refresh_cmd, letters_cmd, import_cmd, build_cmd):
    for command in module.COMMANDS:
        cli.add_command(command)


def main() -> None:
    run_guarded(cli)
