"""`smep build-workbook` and `smep setup-excel`: the master workbook with the SMEP ribbon."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

import click

from smep_xl import layout as L
from smep_xl.cli.common import fail

CHECK_IMPORT = "import smep_xl.excel, xlwings"


@click.command("build-workbook")
@click.argument("out", type=click.Path(dir_okay=False))
@click.option("--demo", is_flag=True, help="Fill it with the demo grid, schools and visits (default: empty).")
@click.option(
    "--from",
    "source",
    type=click.Path(exists=True, dir_okay=False),
    metavar="WORKBOOK.xlsx",
    help="Start from this workbook (one 'smep new' wrote) instead of making a fresh one.",
)
@click.option(
    "--macros",
    type=click.Path(exists=True, file_okay=False),
    metavar="DIR",
    help="Folder holding the VBA module (*.bas) and customUI14.xml (default: the ones shipped with smep-xl).",
)
@click.option("--force", is_flag=True, help="Replace OUT if it is already there (never the --from workbook).")
def build_workbook(out: str, demo: bool, source: str | None, macros: str | None, force: bool) -> None:
    """Build the master macro workbook: the SMEP ribbon tab, its macros and xlwings.

    The result is what staff open in Excel: the workbook 'smep new' makes, plus a VBA
    project (xlwings' RunPython and macros/SMEP.bas), the ribbon (macros/customUI14.xml)
    and a hidden xlwings.conf sheet. The same inputs always give the same file.

    Example:

        smep build-workbook workbooks/SMEP_Master.xlsm
    """
    from smep_xl.adapters.xlsm.build import build_master

    if not out.lower().endswith(".xlsm"):
        fail(f"{out}: the master workbook holds macros, so its name must end in .xlsm.")
    _check_out(out, source, force)
    if source:
        build_master(out, source, macros)
    else:
        with tempfile.TemporaryDirectory(prefix="smep-new-") as tmp:
            fresh = os.path.join(tmp, "SMEP_Master.xlsx")
            _new_workbook(fresh, demo)
            build_master(out, fresh, macros)
    click.echo(f"Wrote {out}. Next, on the PC that will use it: smep setup-excel {os.path.basename(out)}")


def _check_out(out: str, source: str | None, force: bool) -> None:
    """OUT is a new file unless --force, and never the workbook it is built from."""
    if not os.path.lexists(out):
        return
    if source and os.path.exists(out) and os.path.samefile(out, source):
        fail(f"{out} is the --from workbook; write the master workbook to a file of its own.")
    if not force:
        fail(f"{out} already exists; add --force to replace it, or choose another name.")


def _new_workbook(path: str, demo: bool) -> None:
    try:
        from smep_xl.adapters.new_workbook.write import write_new_workbook
        from smep_xl.demo import blank_frames, build_demo_frames
    except ImportError:
        fail("this version of smep-xl cannot make a new workbook yet; pass one with --from WORKBOOK.xlsx.")
    write_new_workbook(path, build_demo_frames() if demo else blank_frames())


@click.command("setup-excel")
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option(
    "--interpreter",
    metavar="PATH",
    help="The Python the buttons run: one with smep-xl installed (default: the Python running this command).",
)
@click.option(
    "--pythonpath",
    metavar="DIR",
    help="A folder to put on Python's import path when a button runs; only needed when smep-xl is "
    "not installed in that Python (e.g. the smep-xl source folder).",
)
@click.option(
    "--show-console",
    is_flag=True,
    help="Show a console window while a button runs Python (for troubleshooting).",
)
def setup_excel(workbook: str, interpreter: str | None, pythonpath: str | None, show_console: bool) -> None:
    """Set up a master workbook's SMEP buttons to run this PC's Python.

    Writes the interpreter path (and PYTHONPATH) into the workbook's hidden xlwings.conf
    sheet, after checking that Python can import smep-xl and xlwings. Only that sheet
    changes; close the workbook in Excel first.

    Example:

        smep setup-excel SMEP_Master.xlsm
    """
    from smep_xl.adapters.xlsm.setup import configure

    python = interpreter or sys.executable
    key = L.XLC_INTERPRETER_MAC if sys.platform == "darwin" else L.XLC_INTERPRETER_WIN
    _check_python(python, pythonpath)
    updates: dict[str, object] = {key: python, L.XLC_USE_UDF_SERVER: False, L.XLC_SHOW_CONSOLE: show_console}
    if pythonpath is not None:
        updates[L.XLC_PYTHONPATH] = os.path.abspath(pythonpath) if pythonpath else ""
    settings = configure(workbook, updates)
    click.echo(f"Set up {os.path.basename(workbook)} ({L.XLWINGS_CONF}):")
    for name, value in settings:
        if name in updates:
            click.echo(f"  {name} = {value}")
    click.echo(
        "Open it in Excel and use the SMEP tab. If Excel blocks its macros, see 'Use it in Excel' "
        "in the README (Unblock, or a trusted location)."
    )


def _check_python(python: str, pythonpath: str | None) -> None:
    """A Python on this PC must import smep-xl and xlwings; one that is not here is written as given."""
    if pythonpath and not os.path.isdir(pythonpath):
        fail(f"--pythonpath {pythonpath} is not a folder.")
    if not os.path.isfile(python):
        click.echo(f"Note: {python} is not on this computer; writing it as given.")
        return
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (os.path.abspath(pythonpath), env.get("PYTHONPATH")) if p
        )
    try:
        done = subprocess.run(
            [python, "-c", CHECK_IMPORT], env=env, capture_output=True, text=True, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        fail(f"{python} could not be run ({exc}). Give the path of python.exe with --interpreter.")
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        fail(
            f"{python} cannot run the SMEP buttons ({last}). Install them into it with: "
            f'"{python}" -m pip install smep-xl   (or pass --pythonpath with the smep-xl source folder).'
        )


COMMANDS = [build_workbook, setup_excel]
