"""What every command shares: one-line errors, exit codes, printing findings."""

from __future__ import annotations

import json
import os
import sys

import click

from smep_xl.adapters.files.bug_log import append_bug
from smep_xl.collector import collector_paused
from smep_xl.errors import SmepError

EXIT_OK, EXIT_FINDINGS, EXIT_CANNOT_RUN = 0, 1, 2


def fail(message: str) -> None:
    """Stop with exit 2 and one line on stderr."""
    raise click.exceptions.Exit(_say_and_code(message))


def _say_and_code(message: str) -> int:
    click.echo("smep: " + " ".join(str(message).split()), err=True)
    return EXIT_CANNOT_RUN


def run_guarded(cli: click.Group) -> None:
    """Run the CLI so that staff never see a traceback.

    A SmepError is a deliberate stop: its message is the line. Anything else is a bug: one line
    says so and where the details were written (set SMEP_DEBUG=1 to see the traceback).
    """
    try:
        with collector_paused(collect_after=False):  # the process ends next
            code = cli.main(standalone_mode=False)  # click returns Exit codes rather than raising them
    except click.exceptions.Exit as stop:
        sys.exit(stop.exit_code)
    except click.ClickException as bad_usage:  # one line, not click's usage block
        ctx = getattr(bad_usage, "ctx", None)  # a UsageError's; other ClickExceptions have none
        command = ctx.command_path if ctx else "smep"
        sys.exit(_say_and_code(f"{bad_usage.format_message()} (see: {command} --help)"))
    except click.Abort:
        sys.exit(_say_and_code("stopped."))
    except SmepError as stop:
        sys.exit(_say_and_code(stop.message))
    except KeyboardInterrupt:
        sys.exit(_say_and_code("stopped by Ctrl+C; the workbook was not changed."))
    except Exception as bug:  # noqa: BLE001 - the last line of defence for staff
        if os.environ.get("SMEP_DEBUG"):
            raise
        log = append_bug(None, bug)
        sys.exit(
            _say_and_code(
                f"something unexpected went wrong ({type(bug).__name__}); "
                f"the workbook was not changed. Details: {log}"
            )
        )
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def visits_early(workbook: str) -> None:
    """For a command that reads the Visits sheet: parse it on a second core while smep starts."""
    from smep_xl import layout as L
    from smep_xl.adapters.xlsx.early import parse_early

    parse_early(workbook, L.VISITS)


def print_json(document: object) -> None:
    click.echo(json.dumps(document, indent=2, default=str, ensure_ascii=False))


def date_option(value: str | None, option: str):
    """A date given on the command line (2015-07-31 or 31/07/2015), or a one-line stop."""
    from smep_xl.domain.values import as_date

    if value is None:
        return None
    day = as_date(value)
    if day is None:
        fail(f"{option} '{value}' is not a date; write it as 2015-07-31 or 31/07/2015.")
    return day
