"""A real SMTP server for the tests (aiosmtpd), on 127.0.0.1 only, started and stopped by the
test: plain, STARTTLS or SSL with a certificate made at test time (cryptography), a login that
checks one user and password, and a server that refuses after N messages. It keeps every
message it accepts, as bytes, with its envelope."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

HOST = "127.0.0.1"


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes


@dataclass
class Inbox:
    """The handler: keeps what it accepts; refuses every message after `refuse_after`; holds its
    answer to every message after `hold_after` (and sets `held`) until hold_after is None again,
    then refuses it (a client stopped while it waits has had none of them accepted)."""

    refuse_after: int | None = None
    hold_after: int | None = None
    held: threading.Event = field(default_factory=threading.Event)
    refusal: str = "421 4.7.0 Too many messages, try again later"
    refuse_to: set[str] = field(default_factory=set)  # these recipients are refused (550)
    messages: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's name
        if address.lower() in self.refuse_to:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.hold_after is not None and len(self.messages) >= self.hold_after:
            self.held.set()
            for _ in range(600):  # at most 30 s
                if self.hold_after is None:
                    break
                await asyncio.sleep(0.05)
            return "451 4.3.0 Not accepted, try again later"  # a held message is never accepted
        with self.lock:
            if self.refuse_after is not None and len(self.messages) >= self.refuse_after:
                return self.refusal
            self.messages.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content))
            )
            return f"250 2.0.0 Ok: queued as Q{len(self.messages):04d}"


@dataclass(frozen=True)
class Certificate:
    cert: Path
    key: Path


def make_certificate(folder: Path) -> Certificate:
    """A self-signed certificate for 127.0.0.1 and localhost, valid for a day."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "smep test SMTP")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(HOST)), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    paths = Certificate(folder / "smtp-cert.pem", folder / "smtp-key.pem")
    paths.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths.key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return paths


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@dataclass
class Running:
    inbox: Inbox
    port: int
    logins: list[tuple[str, bool]]  # (user, accepted) for each AUTH tried


@contextmanager
def smtp_server(
    inbox: Inbox | None = None,
    certificate: Certificate | None = None,
    implicit_tls: bool = False,
    user: str = "",
    password: str = "",
) -> Iterator[Running]:
    """A server on 127.0.0.1: STARTTLS when given a certificate (SSL from the first byte when
    implicit_tls), a login required when given a user."""
    inbox = inbox or Inbox()
    logins: list[tuple[str, bool]] = []
    kwargs: dict = {"ready_timeout": 10}
    context = None
    if certificate is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certificate.cert, certificate.key)
        if implicit_tls:
            kwargs["ssl_context"] = context
        else:
            kwargs.update(tls_context=context, require_starttls=True)
    if user:

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
                user.encode(),
                password.encode(),
            )
            logins.append((auth_data.login.decode() if isinstance(auth_data, LoginPassword) else "", ok))
            return AuthResult(success=ok, handled=False)

        # aiosmtpd only knows of STARTTLS: with SSL from the first byte the link is already encrypted
        require_tls = certificate is not None and not implicit_tls
        kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=require_tls)
    port = free_port()
    controller = Controller(inbox, hostname=HOST, port=port, **kwargs)
    controller.start()
    try:
        yield Running(inbox, port, logins)
    finally:
        controller.stop()
