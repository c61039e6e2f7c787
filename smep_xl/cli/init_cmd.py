"""`smep init`: a hub's folder laid out for staff, ready to open in Excel."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from smep_xl import layout as L

START_HERE = """\
SMEP: start here
================

This folder holds your hub's school music education plan (SMEP).

What is here
------------
{workbook}
    The master workbook. Open it in Excel and keep your plan, schools and
    visits in it. Save it yourself (Ctrl+S) after using the buttons.
{letter_template}
    The Word template for feedback letters. Edit it in Word to change what
    letters say (the words in {{{{ }}}} are filled in from the workbook).
{audit_template}
    The Word template for the pre-visit audit form.
{letters}
    Where the letters go, one Word file per visit.
Start here.txt
    This page.

The SMEP tab in Excel
---------------------
{buttons}

If Excel blocks the macros (a red or yellow bar at the top): close the
workbook, right-click it in File Explorer > Properties > tick Unblock > OK,
then open it again and click Enable Content.

The same jobs without Excel (close the workbook first), in Command Prompt:
    smep validate "{workbook}"
    smep refresh "{workbook}"
    smep letters "{workbook}"
    smep email "{workbook}"
    smep calendar "{workbook}"

Getting help
------------
- A message that says what to fix: fix that and press the button again.
- "Something unexpected went wrong": send smep-error.log from this folder
  to whoever looks after SMEP.
- On another PC, or after Python moved: run  smep setup-excel "{workbook}"
- After installing a newer smep-xl: run  smep upgrade "{workbook}"
"""


BUTTON_HELP = {  # what each ribbon button does, in staff's words (a test keeps it to the ribbon table)
    "validate": "checks every input sheet and lists each problem on the Findings sheet,\n"
    "  each linked to its cell. Nothing you typed changes.",
    "refresh": "rates every visit, school and plan target (RAG), counts visit coverage\n"
    "  and redraws the Dashboard.",
    "letters": "writes a Word letter for each visit with Send Letter = Yes and no letter\n"
    "  yet, into the letters folder, and adds a row for each to Letter Log.",
    "open_letters": "opens the letters folder.",
    "email": "e-mails each letter not yet e-mailed to its school, with the letter\n"
    "  attached: as drafts to check and send (or straight out, per Settings),\n"
    "  with a row for each on Email Log.",
    "calendar": "writes each SLE's visits due and follow-ups as a calendar file (.ics)\n"
    "  to import into Outlook, and one for the whole hub.",
    "close_term": "records this term's figures (every target and school) on the History sheet.",
    "board_report": "writes the Word report for the board beside the workbook, with charts.",
    "help": "says what each button does, and checks this PC is set up to run them.",
}


def start_here(names: dict) -> str:
    from smep_xl.ribbon import BUTTONS

    buttons = "\n".join(f"- {b.caption}: {BUTTON_HELP[b.verb]}" for b in BUTTONS)
    return START_HERE.format(
        workbook=names["workbook"],
        letter_template=names[L.S_LETTER_TEMPLATE],
        audit_template=names[L.S_AUDIT_TEMPLATE],
        letters=names[L.S_OUTPUT_FOLDER],
        buttons=buttons,
    )


@click.command("init")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option(
    "--demo", is_flag=True, help="Fill the workbook with the demo hub (default: empty, ready for yours)."
)
def init(folder: str, demo: bool) -> None:
    """Lay out a hub's folder: the master workbook, templates, letters folder, a Start here page.

    The master workbook (set up for this Python, as 'smep setup-excel' does), editable
    copies of the letter and audit-form templates its settings name, the letters folder and
    a short "Start here.txt". Running it again never replaces a file that is already there
    (staff may have edited it); it says what it left alone.

    Example:

        smep init "C:\\Users\\me\\OneDrive\\SMEP" --demo
    """
    from smep_xl.adapters.files.hub_folder import lay_out

    laid = lay_out(Path(folder), lambda path: _master(path, demo), start_here)
    click.echo(f"{os.path.abspath(folder)}:")
    for name in laid.made:
        click.echo(f"  made      {name}")
    for name in laid.kept:
        click.echo(f"  left alone {name} (already there)")
    click.echo(f"Next: open {os.path.join(folder, 'SMEP_Master.xlsm')} in Excel, or read 'Start here.txt'.")


def _master(path: Path, demo: bool) -> None:
    """The master workbook, its buttons set up for the Python running this."""
    import shutil

    from smep_xl import resources
    from smep_xl.adapters.xlsm.build import build_master
    from smep_xl.adapters.xlsm.setup import configure
    from smep_xl.cli.build_cmd import _check_python, _new_workbook

    if demo:
        with tempfile.TemporaryDirectory(prefix="smep-init-") as tmp:
            fresh = os.path.join(tmp, "SMEP_Master.xlsx")
            _new_workbook(fresh, demo=True)
            build_master(str(path), fresh)
    else:
        shutil.copyfile(resources.master_workbook(), path)
    _check_python(sys.executable, None)
    key = L.XLC_INTERPRETER_MAC if sys.platform == "darwin" else L.XLC_INTERPRETER_WIN
    configure(str(path), {key: sys.executable, L.XLC_USE_UDF_SERVER: False, L.XLC_SHOW_CONSOLE: False})


COMMANDS = [init]
