"""`smep new`: write a master workbook, empty or filled with the demo hub."""

from __future__ import annotations

import os

import click

from smep_xl import layout as L
from smep_xl.cli.common import fail
from smep_xl.errors import SmepError

EXTENSIONS = (".xlsx", ".xlsm")
DEMO_SCHOOLS_SHOWN = (
    400  # smep_xl.demo.DEMO_SCHOOLS, for the help without loading pandas (a test keeps them equal)
)


def check_target(path: str, force: bool) -> None:
    """Stop with one line unless PATH can be written: right extension, folder there, no clash."""
    if not path.lower().endswith(EXTENSIONS):
        fail(f"{path}: a master workbook must end in .xlsx (or .xlsm for one with macros).")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        fail(f"the folder {folder} does not exist; create it first or choose another place.")
    if os.path.isdir(path):
        fail(f"{path} is a folder; give a file name such as {os.path.join(path, 'SMEP.xlsx')}.")
    if os.path.exists(path) and not force:
        fail(f"{path} already exists; add --force to replace it, or choose another name.")
    lock = os.path.join(folder, "~$" + os.path.basename(path))
    if os.path.exists(lock):
        fail(f"{path} is open in Excel (its lock file {lock} is there); close it and try again.")


def write_workbook(path: str, demo: bool, schools: int | None = None, visits: int | None = None) -> dict:
    """Build the frames and write the file; returns what was written, for the message."""
    from smep_xl.adapters.new_workbook.write import write_new_workbook
    from smep_xl.demo import DEMO_SCHOOLS, blank_frames, build_demo_frames

    if demo:
        count = schools or DEMO_SCHOOLS
        frames = build_demo_frames(count, None if visits is None else visits / count)
    else:
        frames = blank_frames()
    try:
        write_new_workbook(path, frames)
    except PermissionError as denied:
        raise SmepError(
            f"cannot write {path} ({denied.strerror}); close it in Excel, or check "
            f"you may write to that folder."
        ) from denied
    except OSError as broken:
        raise SmepError(f"cannot write {path}: {broken.strerror or broken}.") from broken
    return {name: len(frames[name]) for name in (L.OBJECTIVES, L.SCHOOLS, L.VISITS)}


@click.command("new")
@click.argument("path", metavar="PATH")
@click.option(
    "--demo",
    is_flag=True,
    help="Fill it with the Leicester-Shire SMEP 2014-16 grid and demo schools and visits.",
)
@click.option(
    "--schools",
    type=click.IntRange(1, 100_000),
    default=None,
    metavar="N",
    help=f"With --demo: how many demo schools (default {DEMO_SCHOOLS_SHOWN}).",
)
@click.option(
    "--visits",
    type=click.IntRange(0, 1_000_000),
    default=None,
    metavar="N",
    help="With --demo: about how many visits in all (default: a realistic number for the schools).",
)
@click.option("--force", is_flag=True, help="Replace PATH if it already exists.")
def new(path: str, demo: bool, schools: int | None, visits: int | None, force: bool) -> None:
    """Write a new master workbook at PATH (.xlsx, or .xlsm).

    Every sheet of the workbook, with its tables, drop-downs and settings. Without --demo
    the tables are empty, ready for your hub; with --demo they hold the demo hub.

    Example:

        smep new hub.xlsx --demo
    """
    if (schools or visits is not None) and not demo:
        fail("--schools and --visits size the demo; add --demo, or leave them out.")
    check_target(path, force)
    counts = write_workbook(path, demo, schools, visits)
    what = "demo workbook" if demo else "new workbook"
    detail = ", ".join(f"{n} {name.lower()} rows" for name, n in counts.items()) if demo else "empty tables"
    click.echo(f"Wrote the {what} {path} ({detail}).")


COMMANDS = [new]
