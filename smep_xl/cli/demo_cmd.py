"""`smep demo`: the whole job on the built-in demo hub, start to finish."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from smep_xl.cli.new_cmd import write_workbook
from smep_xl.errors import SmepError

DEMO_NAME = "SMEP_Demo.xlsx"


@click.command("demo")
@click.option(
    "--out",
    "out_dir",
    default="demo-output",
    show_default=True,
    metavar="DIR",
    help="Folder to write the demo workbook, its templates and its letters into.",
)
def demo(out_dir: str) -> None:
    """Build the demo workbook, then validate, refresh and write its letters.

    Everything lands in DIR: the workbook (validated and refreshed), a copy of the
    Word templates it uses, and the letters with one combined print pack. The demo is one
    story told on its As Of Date (31 July 2015): the day it is rated at, and the date on its
    letters and print pack.

    Example:

        smep demo --out demo-output
    """
    from smep_xl.actions.letters import LettersOptions, letters
    from smep_xl.actions.refresh import refresh
    from smep_xl.actions.validate import ValidateOptions, validate
    from smep_xl.adapters.docx.writer import DocxLetterWriter
    from smep_xl.adapters.files.disk import DiskFiles
    from smep_xl.adapters.xlsx.workbook import open_workbook

    folder = _fresh_folder(Path(out_dir))
    path = folder / DEMO_NAME
    write_workbook(str(path), demo=True)
    _copy_templates(folder)
    files = DiskFiles(folder)
    with open_workbook(str(path)) as book:
        checked = validate(book, ValidateOptions(files=files))
    with open_workbook(str(path)) as book:
        as_of = refresh(book).as_of
    # the letters are dated the day the demo is rated at (its As Of Date), not the day it runs
    options = LettersOptions(files=files, writer=DocxLetterWriter(), combined=True, today=as_of)
    with open_workbook(str(path)) as book:
        written = letters(book, options)
    with open_workbook(str(path)) as book:
        refreshed = refresh(book)  # again, so the Dashboard counts the letters
    counts = checked.counts
    cov = refreshed.coverage
    click.echo(f"Demo workbook:  {path}")
    click.echo(
        f"  validate:     {counts['error']} errors, {counts['warning']} warnings (see its Findings sheet)"
    )
    click.echo(
        f"  refresh:      {cov.visited_year1} of {cov.open_schools} open schools visited in year 1 "
        f"({cov.year1:.0%}, target {cov.year1_target:.0%}); RAG {_rag(refreshed.school_rag)}"
    )
    click.echo(f"  letters:      {len(written.letters)} written to {written.folder}")
    if written.combined:
        click.echo(f"  print pack:   {written.combined}")
    click.echo(f"Templates:      {folder / 'templates'} (edit them in Word)")


def _rag(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {word}" for word, n in counts.items())


def _fresh_folder(folder: Path) -> Path:
    """The demo folder is the demo's own: a previous demo run in it is replaced."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in (folder / DEMO_NAME, folder / "letters"):
            if old.is_dir():
                shutil.rmtree(old)
            elif old.exists():
                old.unlink()
    except OSError as exc:
        raise SmepError(
            f"cannot use {folder} for the demo ({exc.strerror or exc}); choose another --out."
        ) from None
    return folder


def _copy_templates(folder: Path) -> None:
    from smep_xl import resources

    target = folder / "templates"
    target.mkdir(exist_ok=True)
    for name in resources.names(resources.TEMPLATES, ".docx"):
        shutil.copy(resources.template(name), target / name)


COMMANDS = [demo]
