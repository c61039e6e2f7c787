"""One e-mail as a MIME message, by the standard library's email package: headers made from
Address objects and one-line text (a newline in a school's name cannot add a header), the
text and HTML bodies as alternatives, the letter attached. Everything is 7-bit (quoted-printable
or base64), so the same bytes go to any SMTP server and into any .eml file."""

from __future__ import annotations

import mimetypes
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from smep_xl.domain.email.addresses import Mailbox, one_line
from smep_xl.domain.email.outgoing import Envelope

POLICY = policy.SMTP.clone(cte_type="7bit", max_line_length=998)  # CRLF ends, nothing 8-bit, headers unfolded
TYPES = {
    ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".pdf": ("application", "pdf"),
}


def address(mailbox: Mailbox) -> Address:
    """Raises ValueError for an address the email package will not put in a header."""
    local, _, domain = mailbox.address.partition("@")
    return Address(display_name=one_line(mailbox.name), username=local, domain=domain)


def compose(envelope: Envelope, attachment: bytes) -> bytes:
    message = EmailMessage(policy=POLICY)
    message["From"] = address(envelope.sender)
    message["To"] = [address(m) for m in envelope.to]
    if envelope.cc:
        message["Cc"] = [address(m) for m in envelope.cc]
    message["Subject"] = one_line(envelope.subject)
    message["Date"] = format_datetime(envelope.when.astimezone())
    message["Message-ID"] = envelope.message_id
    if envelope.draft:
        message["X-Unsent"] = "1"  # Outlook opens it as a draft, ready to send
    message.set_content(envelope.text, cte=_cte(envelope.text))
    if envelope.html is not None:
        message.add_alternative(envelope.html, subtype="html", cte=_cte(envelope.html))
    maintype, subtype = TYPES.get(envelope.attachment.suffix.lower()) or _guess(envelope.attachment.name)
    message.add_attachment(attachment, maintype=maintype, subtype=subtype, filename=envelope.attachment.name)
    return message.as_bytes(policy=POLICY)


def _cte(text: str) -> str:
    return (
        "7bit" if text.isascii() and max(map(len, text.splitlines() or [""])) <= 900 else "quoted-printable"
    )


def _guess(name: str) -> tuple[str, str]:
    found = mimetypes.guess_type(name)[0] or "application/octet-stream"
    main, sub = found.split("/", 1)
    return main, sub
