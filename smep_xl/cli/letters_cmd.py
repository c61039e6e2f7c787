"""`smep letters` and `smep render` (placeholders until the Generate letters action lands)."""

import click

from smep_xl.cli.common import fail


@click.command("letters")
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option("--out", help="Folder for the letters (default: the Output Folder setting).")
def letters(workbook: str, out: str | None) -> None:
    """Write one Word feedback letter per visit due one.

    Example:

        smep letters hub.xlsx --out letters
    """
    fail("letters is not built yet.")


@click.command("render")
@click.argument("template", type=click.Path(dir_okay=False))
@click.argument("data", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, help="The .docx file to write.")
def render(template: str, data: str, output: str) -> None:
    """Render any letter template with one JSON object (for template authors).

    Example:

        smep render templates/feedback_letter.docx fields.json -o check.docx
    """
    fail("render is not built yet.")


COMMANDS = [letters, render]
