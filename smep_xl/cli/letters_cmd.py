"""`smep letters` (the Generate letters button on a workbook file) and `smep render`."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from smep_xl.cli.common import EXIT_FINDINGS, date_option, fail, print_json


@click.command("letters")
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option(
    "--out",
    "out_dir",
    metavar="DIR",
    help="Folder for the letters (default: the Output Folder setting, beside the workbook).",
)
@click.option(
    "--urn",
    "urns",
    multiple=True,
    metavar="URN",
    help="Write the letter for this school's latest visit, even if one was written before "
    "(repeat for several schools).",
)
@click.option(
    "--all",
    "all_visited",
    is_flag=True,
    help="Write a letter for the latest visit of every visited school, even if written before.",
)
@click.option(
    "--audit-forms",
    "audit",
    is_flag=True,
    help="Write pre-visit audit forms (the Audit Form Template) instead of letters: for open "
    "schools not yet visited; with --all for every open school; with --urn for those.",
)
@click.option("--dry-run", is_flag=True, help="List what would be written and any problems; write nothing.")
@click.option(
    "--pdf", is_flag=True, help="Also save every letter (and the print pack) as PDF, with LibreOffice."
)
@click.option(
    "--combined",
    is_flag=True,
    help="Also write one print-ready document of all the letters, each starting on a new page.",
)
@click.option(
    "--export-data",
    metavar="FILE",
    help="Write the merge data (every field, and each letter's values) as JSON to FILE, for "
    "template authors; writes no letters.",
)
@click.option("--date", "day", metavar="DATE", help="Date printed on the letters (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of the summary.")
def letters(
    workbook: str,
    out_dir: str | None,
    urns: tuple[str, ...],
    all_visited: bool,
    audit: bool,
    dry_run: bool,
    pdf: bool,
    combined: bool,
    export_data: str | None,
    day: str | None,
    as_json: bool,
) -> None:
    """Write one Word letter for each visit due one, and log it in the Letter Log.

    By default: every visit with Send Letter = Yes that has no letter yet. The template
    (Letter Template setting) is checked first; if it asks for a field the workbook does
    not have, nothing is written. Exit 1 when a letter was left out (see the findings).

    Example:

        smep letters hub.xlsx --combined --pdf
    """
    today = date_option(day, "--date")
    from smep_xl.actions.letters import LettersOptions
    from smep_xl.actions.letters import letters as run_letters
    from smep_xl.adapters.docx.writer import DocxLetterWriter
    from smep_xl.adapters.files.disk import DiskFiles
    from smep_xl.adapters.xlsx.workbook import open_workbook

    book = open_workbook(workbook, read_only=dry_run or export_data is not None)
    with book, _progress(enabled=not as_json) as progress:
        options = LettersOptions(
            files=DiskFiles(Path(workbook).resolve().parent),
            writer=DocxLetterWriter(),
            out_dir=Path(out_dir) if out_dir is not None else None,
            urns=urns,
            all_visited=all_visited,
            audit=audit,
            dry_run=dry_run,
            pdf=pdf,
            combined=combined,
            export_data=Path(export_data) if export_data is not None else None,
            today=today,
            progress=progress,
        )
        result = run_letters(book, options)
    if as_json:
        print_json(result.to_json())
    else:
        _summary(result, asked=bool(urns or all_visited))
    if result.exit_code:
        raise click.exceptions.Exit(EXIT_FINDINGS)


@contextmanager
def _progress(enabled: bool):
    """A progress bar on a terminal (stderr); nothing when piped, so output stays clean."""
    if not (enabled and sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "Writing letters",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("letters", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def _summary(result, asked: bool) -> None:
    """asked: --urn or --all chose the letters (so none being due is not the story)."""
    noun = result.kind + ("s" if len(result.planned) != 1 else "")
    if result.exported:
        _exported(result, asked)
    elif not result.planned:
        if not result.errors:  # with errors, the findings below say why nothing was written
            click.echo(
                f"No {result.kind}s to write."
                if asked
                else f"No {result.kind}s are due. Use --all or --urn to write them again."
            )
    elif result.dry_run:
        click.echo(f"Would write {len(result.planned)} {noun} to {result.folder}:")
        for name in result.planned:
            click.echo(f"  {name}")
    else:
        click.echo(
            f"Wrote {len(result.letters)} {noun} to {result.folder} "
            f"(template {Path(result.template).name}); the Letter Log has a row for each."
        )
    if result.combined:
        click.echo(f"Print pack: {result.combined}")
    if result.pdfs:
        click.echo(f"PDFs: {len(result.pdfs)} in {result.folder}")
    if result.findings:
        click.echo(f"{len(result.findings)} problem(s):")
        for f in result.findings:
            tip = f" {f.suggestion}" if f.suggestion else ""
            click.echo(f"  {f.severity:<7} {f.address:<14} {f.message}{tip}")


def _exported(result, asked: bool) -> None:
    kind = result.kind
    if result.planned:
        noun = kind + ("s" if len(result.planned) != 1 else "")
        click.echo(f"Wrote the merge data of {len(result.planned)} {noun} to {result.exported}.")
        return
    why = f"None of the {kind}s asked for can be written" if asked else f"No {kind}s are due"
    hint = (
        "" if asked else " Add --all (or --urn URN) to export the data of each visited school's latest visit."
    )
    click.echo(
        f"{why}, so {result.exported} holds every field and a made-up example, but no {kind}'s own data.{hint}"
    )


@click.command("render")
@click.argument("template", type=click.Path(dir_okay=False))
@click.argument("data", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, metavar="OUT.docx", help="The .docx file to write.")
def render(template: str, data: str, output: str) -> None:
    """Render any letter template with one JSON object (for template authors).

    TEMPLATE is the path of a .docx template file, read from the current folder when
    relative, and used as given. DATA is a JSON object of fields, or a file written by
    `smep letters --export-data` (its first letter is used; when it has none, its made-up
    example, and render says so). Every field the template uses must be in the data; the
    check runs before anything is written.

    Example:

        smep render templates/feedback_letter.docx fields.json -o check.docx
    """
    path = Path(template)
    if not path.is_file():
        fail(
            f"The template {template} does not exist (looked for {path.absolute()}). "
            "Give the path of a .docx template file."
        )
    context, example = _load_data(Path(data))
    from smep_xl.adapters.docx.engine import compile_template

    compiled = compile_template(path)
    compiled.check(context.keys(), context)
    try:
        compiled.write(context, Path(output))
    except OSError as exc:
        fail(f"{output} cannot be written ({exc.strerror or exc}); is it open in Word?")
    if example:
        click.echo(
            f"Wrote {output} from the made-up example school in {data}: it holds no letter's data "
            "(no letters were due when it was exported; export with --all for real data)."
        )
    else:
        click.echo(f"Wrote {output}")


def _load_data(path: Path) -> tuple[dict, bool]:
    """The fields to render with, and whether they are an export's made-up example."""
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        fail(f"The data file {path} cannot be read ({exc.strerror or exc}).")
    except ValueError as exc:
        fail(f"The data file {path} is not valid JSON ({exc}).")
    example = False
    if isinstance(document, dict) and isinstance(document.get("letters"), list) and "fields" in document:
        example = not document["letters"]
        document = (document["letters"] or [document.get("example") or {}])[0]
    if not isinstance(document, dict):
        fail(f'The data file {path} must hold one JSON object ({{"school": ...}}), not a list or a value.')
    return document, example


COMMANDS = [letters, render]
