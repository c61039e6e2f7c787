"""`smep letters`: the Generate letters button on a workbook file."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from smep_xl.cli.common import EXIT_FINDINGS, date_option, print_json, visits_early


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
@click.option(
    "--overwrite",
    is_flag=True,
    help="Let --export-data replace a file that is already there (never the workbook or the template).",
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
    overwrite: bool,
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
    visits_early(workbook)  # a national workbook's Visits sheet parsed while smep starts up
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
            overwrite=overwrite,
            workbook=Path(workbook),
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
    for line in result.recovered:
        click.echo(line)
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


COMMANDS = [letters]
