"""`smep email`: the E-mail letters button on a workbook file."""

from __future__ import annotations

from pathlib import Path

import click

from smep_xl.cli.common import EXIT_FINDINGS, date_option, fail, print_json, visits_early


@click.command("email")
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option(
    "--out",
    "out_dir",
    metavar="DIR",
    help="Folder for the drafts (default: the Email Drafts Folder setting, beside the workbook).",
)
@click.option(
    "--urn",
    "urns",
    multiple=True,
    metavar="URN",
    help="E-mail this school's latest letter, even if it was e-mailed before (repeat for several schools).",
)
@click.option(
    "--all",
    "every",
    is_flag=True,
    help="E-mail every school's latest letter, even if it was e-mailed before.",
)
@click.option(
    "--dry-run", is_flag=True, help="List what would be e-mailed, and to whom; make and send nothing."
)
@click.option(
    "--date", "day", metavar="DATE", help="The date the e-mail's fields show as today (default: today)."
)
@click.option(
    "--save-password",
    is_flag=True,
    help="Ask for the SMTP User's password and keep it in this computer's keyring (never in the workbook); "
    "then stop.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of the summary.")
def email(
    workbook: str,
    out_dir: str | None,
    urns: tuple[str, ...],
    every: bool,
    dry_run: bool,
    day: str | None,
    save_password: bool,
    as_json: bool,
) -> None:
    """E-mail each logged letter not yet e-mailed to its school, and log it in the Email Log.

    To the school's Email (else an address in its Music Lead cell), with a copy to the visit's
    SLE when the Lists sheet has their SLE Email. The subject and text come from the Email
    Template (and Email HTML Template), checked first. By default (Email Delivery = Drafts) each
    e-mail is an .eml draft to open in Outlook or Thunderbird, check and send; with Send, they go
    through the SMTP server in Settings, with the password from SMEP_SMTP_PASSWORD or the keyring.
    A re-run never e-mails a letter twice. Exit 1 when a letter was left out (see the findings).

    Example:

        smep email hub.xlsx --dry-run
    """
    today = date_option(day, "--date")
    if save_password:
        _save_password(workbook)
        return
    visits_early(workbook)
    from smep_xl.actions.email_letters import EmailOptions, email_letters
    from smep_xl.adapters.docx.writer import DocxLetterWriter
    from smep_xl.adapters.files.disk import DiskFiles
    from smep_xl.adapters.mail.post import MailPost
    from smep_xl.adapters.xlsx.workbook import open_workbook

    with open_workbook(workbook, read_only=dry_run) as book:
        options = EmailOptions(
            files=DiskFiles(Path(workbook).resolve().parent),
            post=MailPost(),
            writer=DocxLetterWriter(),
            out_dir=Path(out_dir) if out_dir is not None else None,
            urns=urns,
            every=every,
            dry_run=dry_run,
            today=today,
        )
        result = email_letters(book, options)
    if as_json:
        print_json(result.to_json())
    else:
        _summary(result, asked=bool(urns or every))
    if result.exit_code:
        raise click.exceptions.Exit(EXIT_FINDINGS)


def _save_password(workbook: str) -> None:
    from smep_xl import layout as L
    from smep_xl.adapters.mail.secret import save_password
    from smep_xl.adapters.xlsx.workbook import open_workbook
    from smep_xl.domain.settings import settings_from_frame

    with open_workbook(workbook, read_only=True) as book:
        settings = settings_from_frame(book.read_table(L.SETTINGS).frame)
    host, user = settings.text(L.S_SMTP_HOST), settings.text(L.S_SMTP_USER)
    if not (host and user):
        fail(
            "fill in the SMTP Host and SMTP User settings first: the password is kept for that user at that host."
        )
    password = click.prompt(f"Password of {user} at {host}", hide_input=True, err=True)
    click.echo(f"The password is kept in {save_password(host, user, password)}.")


def _summary(result, asked: bool) -> None:
    for line in result.recovered:
        click.echo(line)
    drafts = result.delivery == "Drafts"
    if not result.planned:
        if not result.errors:
            click.echo(
                "No letters to e-mail."
                if asked
                else "No letters are due an e-mail. Use --all or --urn to e-mail them again."
            )
    elif result.dry_run:
        click.echo(
            f"Would e-mail {len(result.planned)} letter(s) ({'as drafts' if drafts else 'sent through SMTP'}):"
        )
        for item in result.planned:
            cc = f", cc {item['cc']}" if item["cc"] else ""
            click.echo(f"  {item['urn']} {item['school']}: to {item['to']}{cc}")
    elif drafts:
        click.echo(
            f"Wrote {len(result.done)} e-mail draft(s) to {result.folder}: open each in Outlook or Thunderbird, "
            "check it and press Send. The Email Log has a row for each."
        )
    else:
        click.echo(f"Sent {len(result.done)} e-mail(s); the Email Log has a row for each.")
    if result.refused:
        click.echo(
            f"Refused by the server: {len(result.refused)} (logged as Refused; the next run tries them again)."
        )
    if result.findings:
        click.echo(f"{len(result.findings)} problem(s):")
        for f in result.findings:
            tip = f" {f.suggestion}" if f.suggestion else ""
            click.echo(f"  {f.severity:<7} {f.address:<14} {f.message}{tip}")


COMMANDS = [email]
