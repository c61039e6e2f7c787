"""`smep calendar`: the Calendar button on a workbook file."""

from __future__ import annotations

from pathlib import Path

import click

from smep_xl.cli.common import date_option, print_json


@click.command("calendar")
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option(
    "--out",
    "out_dir",
    metavar="DIR",
    help="Folder for the .ics files (default: the Calendar Folder setting, beside the workbook).",
)
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    help="Work out each Next Visit Due as on this day (default: the As Of Date setting, else today).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of the summary.")
def calendar(workbook: str, out_dir: str | None, as_of: str | None, as_json: bool) -> None:
    """Write each SLE's visits as a calendar (.ics), and one for the whole hub.

    Each school's Next Visit Due and each visit's Follow-up Date is an all-day event, with the
    school, URN, address, phone, last RAG and agreed actions. Import a file into Outlook, Google
    or Apple Calendar; import it again after the next export and the events move rather than
    double up (each keeps its UID). The workbook is only read.

    Example:

        smep calendar hub.xlsx --out calendars
    """
    day = date_option(as_of, "--as-of")
    from smep_xl.actions.calendar import CalendarOptions
    from smep_xl.actions.calendar import calendar as run_calendar
    from smep_xl.adapters.calendar.ics import IcsWriter
    from smep_xl.adapters.files.disk import DiskFiles
    from smep_xl.adapters.xlsx.workbook import open_workbook

    with open_workbook(workbook, read_only=True) as book:
        options = CalendarOptions(
            files=DiskFiles(Path(workbook).resolve().parent),
            writer=IcsWriter(),
            out_dir=Path(out_dir) if out_dir is not None else None,
            as_of=day,
        )
        result = run_calendar(book, options)
    if as_json:
        print_json(result.to_json())
        return
    click.echo(
        f"Wrote {len(result.calendars)} calendar(s) to {result.folder} (visits due as on {result.as_of:%d/%m/%Y}):"
    )
    for item in result.calendars:
        who = item["sle"] or "the whole hub"
        click.echo(f"  {Path(item['file']).name}: {item['events']} event(s), {who}")


COMMANDS = [calendar]
