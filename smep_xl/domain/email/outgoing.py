"""One e-mail as data (the adapter makes it a MIME message), the SMTP server it goes through,
and what can go wrong sending it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from smep_xl import layout as L
from smep_xl.domain.email.addresses import Mailbox, is_address
from smep_xl.domain.settings import Settings

STARTTLS, SSL, PLAIN = "STARTTLS", "SSL", "None"
DRAFTS, SEND = "Drafts", "Send"
WORD, PDF = "Word", "PDF"


@dataclass(frozen=True)
class Rendered:
    """An e-mail's words, from its templates."""

    subject: str
    text: str
    html: str | None


@dataclass(frozen=True)
class Envelope:
    sender: Mailbox
    to: tuple[Mailbox, ...]
    cc: tuple[Mailbox, ...]
    subject: str
    text: str
    html: str | None
    attachment: Path  # the letter (.docx or .pdf)
    message_id: str  # "<smep-...@domain>": the same for every e-mail of one letter
    when: datetime
    draft: bool  # an .eml for a person to check and send (X-Unsent: 1)

    @property
    def recipients(self) -> list[str]:
        return [m.address for m in (*self.to, *self.cc)]


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    security: str  # STARTTLS, SSL or None
    user: str  # "" = no login
    timeout: float = 60.0

    @property
    def shown(self) -> str:
        return f"{self.host}:{self.port}"


def server_from(settings: Settings, timeout: float = 60.0) -> Server:
    return Server(
        settings.text(L.S_SMTP_HOST),
        int(settings.value(L.S_SMTP_PORT)),  # type: ignore[call-overload]
        settings.text(L.S_SMTP_SECURITY),
        settings.text(L.S_SMTP_USER),
        timeout,
    )


def sender_from(settings: Settings) -> Mailbox | None:
    """Who the e-mails are from: Email From, else the Hub Email; named by the Hub Name."""
    address = settings.text(L.S_EMAIL_FROM) or settings.text(L.S_HUB_EMAIL)
    return Mailbox(settings.text(L.S_HUB_NAME), address) if is_address(address) else None


def message_id(key: str, sender: Mailbox) -> str:
    return f"<{key}@{sender.address.rsplit('@', 1)[-1].lower()}>"


class MailRefused(Exception):  # noqa: N818 - what happened, not a bug
    """The server refused this one message (a 5xx answer): the others can still go."""

    def __init__(self, answer: str):
        super().__init__(answer)
        self.answer = answer


class MailStop(Exception):  # noqa: N818
    """Nothing more can be sent now (refused connection, wrong password, timeout, a server that
    stops taking messages); message says what to check, in one line."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
