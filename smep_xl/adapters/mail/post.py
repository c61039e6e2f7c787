"""The Post port (actions/ports.py) for real: templates, messages, drafts and SMTP."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from smep_xl.adapters.mail import mime, secret
from smep_xl.adapters.mail.drafts import Progress, write_drafts
from smep_xl.adapters.mail.smtp import SmtpSession
from smep_xl.adapters.mail.template import EmailTemplate
from smep_xl.domain.email.outgoing import PLAIN, Envelope, Server
from smep_xl.errors import SmepError


class MailPost:
    def open_template(self, text: Path, html: Path | None) -> EmailTemplate:
        return EmailTemplate(text, html)

    def compose(self, envelope: Envelope) -> bytes:
        return mime.compose(envelope, envelope.attachment.read_bytes())

    def write_drafts(
        self, drafts: Iterable[tuple[Envelope, Path]], total: int, progress: Progress | None = None
    ) -> list[OSError | None]:
        """Not flushed file by file: the outbox flushes the run's drafts before the log is saved."""
        return write_drafts(drafts, total, progress)

    def connect(self, server: Server) -> SmtpSession:
        password = None
        if server.user:
            if server.security == PLAIN:
                raise SmepError(
                    f"SMTP Security is None, so the password of {server.user} would cross the network "
                    "unencrypted; set SMTP Security to STARTTLS or SSL (or clear SMTP User for a server that "
                    "needs no login). Nothing was sent."
                )
            password = secret.find_password(server.host, server.user)
            if not password:
                raise SmepError(
                    f"No password for the SMTP User {server.user} at {server.host}: set the environment variable "
                    f"{secret.ENV}, or save it in this computer's keyring with smep email WORKBOOK "
                    "--save-password. It is never kept in the workbook. Nothing was sent."
                )
        return SmtpSession(server, password)
