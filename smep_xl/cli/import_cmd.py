"""`smep import-schools`: merge a GIAS establishment extract into the Schools sheet."""

from __future__ import annotations

from pathlib import Path

import click

from smep_xl import layout as L
from smep_xl.cli.common import fail, print_json
from smep_xl.errors import SmepError

SHOWN_PER_KIND = 5  # changes listed of each kind; --json lists every one
_KINDS = {
    "import.added": "added",
    "import.updated": "updated",
    "import.closed": "closed",
    "import.successor": "re-opened",
    "import.not_found": "not found",
    "import.duplicate_urn": "twice",
    "import.column_left_alone": "left alone",
}


def _open(path: str):
    """The workbook file adapter, imported only when a command needs it."""
    from smep_xl.adapters.xlsx.workbook import open_workbook

    return open_workbook(path)


@click.command("import-schools")
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.argument("gias_csv", type=click.Path(dir_okay=False))
@click.option(
    "--la",
    "la_codes",
    multiple=True,
    metavar="CODE",
    help="Local authority code to add schools from, as in GIAS 'LA (code)' (e.g. 855); "
    f"repeat for several. Default: the {L.SETTINGS} row '{L.S_LA_CODES}'.",
)
@click.option(
    "--links",
    "links_csv",
    type=click.Path(dir_okay=False),
    metavar="LINKS.csv",
    help="The GIAS links file, to report academy conversions with both URNs. Default: "
    "links_<GIAS_CSV name> in the same folder, when it is there.",
)
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document (counts and changes) only.")
def import_schools(
    workbook: str,
    gias_csv: str,
    la_codes: tuple[str, ...],
    links_csv: str | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Merge a GIAS establishment extract into the Schools sheet by URN.

    Schools already listed get their GIAS columns (School, Status, Phase, Type, LA, Address,
    Town, Postcode, Head Title/First/Last Name) brought up to date; open state schools in
    the hub's local authorities are added; closed schools are marked Closed and kept. The
    hub's own columns (Area, Music Lead, Email, SLE, Cohort, Award, Music in SDP, MDP
    Published, Notes) are never touched. Nothing is written if the file has any problem.

    Example:

        smep import-schools hub.xlsx edubasealldata20250901.csv --la 855 --dry-run
    """
    from smep_xl.actions.import_schools import ImportOptions
    from smep_xl.actions.import_schools import import_schools as run_import
    from smep_xl.adapters.files.inputs import links_beside, read_input

    try:
        links_path = links_csv or links_beside(gias_csv)
        options = ImportOptions(
            gias=read_input(gias_csv, "GIAS file"),
            source=Path(gias_csv).name,
            links=read_input(links_path, "GIAS links file") if links_path else None,
            links_source=Path(links_path).name if links_path else "",
            la_codes=la_codes,
            dry_run=dry_run,
        )
        book = _open(workbook)
        try:
            result = run_import(book, options)
        finally:
            getattr(book, "close", lambda: None)()  # lets the workbook's lock go
    except SmepError as stop:
        fail(stop.message)
    if as_json:
        print_json(result.to_json())
    else:
        _print(result)


def _print(result) -> None:
    c = result.counts
    click.echo(f"{result.source} -> {result.workbook} (LA {', '.join(result.la_codes)})")
    click.echo(
        f"  added {c['added']}, updated {c['updated']}, closed {c['closed']}, "
        f"unchanged {c['unchanged']}, not in the file {c['not_found']}"
    )
    if c.get("not_added"):
        click.echo(
            f"  not added: {c['not_added']} open establishments that are not state schools "
            "(independent schools, colleges, ...)"
        )
    if not result.links:
        click.echo("  no links file: academy conversions are not reported (see --links)")
    for kind, findings in _by_kind(result.findings).items():
        for f in findings[:SHOWN_PER_KIND]:
            where = f.address if f.cell else f.sheet
            click.echo(f"  {kind:<10} {where:<12} {f.message}")
            if f.suggestion:
                click.echo(f"  {'':<10} {'':<12} {f.suggestion}")
        if len(findings) > SHOWN_PER_KIND:
            click.echo(
                f"  {'':<10} ... and {len(findings) - SHOWN_PER_KIND} more {kind} (--json lists them all)"
            )
    if result.dry_run:
        click.echo("Dry run: nothing was written.")
    elif result.written:
        click.echo(f"Saved {result.workbook}.")
    else:
        click.echo("Nothing to change; the workbook was not touched.")


def _by_kind(findings: list) -> dict[str, list]:
    """The changes grouped by kind: what changes first (added, updated, ...), then what was not found."""
    order = list(_KINDS)
    groups: dict[str, list] = {}
    for f in sorted(findings, key=lambda f: order.index(f.code) if f.code in order else len(order)):
        groups.setdefault(_KINDS.get(f.code, f.code), []).append(f)
    return groups


COMMANDS = [import_schools]
