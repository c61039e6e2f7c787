"""Sending through an SMTP server with smtplib: one connection for a run's messages, STARTTLS
or SSL with the system's trusted certificates (a hub's own CA through SSL_CERT_FILE), a login
when a user is set. Each message goes with MAIL, RCPT and DATA, so the server's own answer to
the message ("250 2.0.0 Ok: queued as ...") is kept for the Email Log.

Every failure becomes one of two things: MailRefused (this message: a 5xx answer; the rest can
go) or MailStop (nothing more can go now), whose one line says what to check. The password is
used for the login only: it is never in a message, a log or an exception's text.
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl

from smep_xl.domain.email.outgoing import PLAIN, SSL, STARTTLS, MailRefused, MailStop, Server

CHECK_SERVER = (
    "Check the SMTP Host, SMTP Port and SMTP Security settings, and that this computer can reach the server."
)


class SmtpSession:
    def __init__(self, server: Server, password: str | None):
        self.server = server
        self.sent = 0
        self._smtp = _guard(server, 0, lambda: _connect(server, password))

    def send(self, message: bytes, sender: str, to: list[str], cc: list[str]) -> str:
        """The server's answer to the message; MailRefused or MailStop when it is not taken. A
        refused To address refuses the whole message (the school must get it); a refused Cc is
        only noted in the answer."""
        answer = _guard(self.server, self.sent, lambda: self._send(message, sender, to, cc))
        self.sent += 1
        return answer

    def _send(self, message: bytes, sender: str, to: list[str], cc: list[str]) -> str:
        smtp = self._smtp
        code, said = smtp.mail(sender)
        if code != 250:
            _refused_or_stop(smtp, code, said)
        refused = []
        for rcpt in [*to, *cc]:
            code, said = smtp.rcpt(rcpt)
            if code not in (250, 251):
                if rcpt in to:
                    _refused_or_stop(smtp, code, f"{rcpt}: {_text(said)}")
                refused.append((rcpt, code, said))
        code, said = smtp.data(message)  # raises SMTPDataError only before the message is sent
        if code != 250:
            _refused_or_stop(smtp, code, said)
        answer = f"{code} {_text(said)}"
        if refused:
            answer += "; refused " + ", ".join(f"{r} ({c} {_text(s)})" for r, c, s in refused)
        return answer

    def close(self) -> None:
        try:
            self._smtp.quit()
        except (smtplib.SMTPException, OSError):
            self._smtp.close()


def _connect(server: Server, password: str | None) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if server.security == SSL:
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(
            server.host, server.port, timeout=server.timeout, context=context
        )
    else:
        smtp = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
    try:
        smtp.ehlo()
        if server.security == STARTTLS:
            smtp.starttls(context=context)
            smtp.ehlo()
        if server.user:
            smtp.login(server.user, password or "")
    except BaseException:
        smtp.close()
        raise
    return smtp


def _guard(server: Server, sent: int, work):
    """Run work; turn what smtplib, ssl and sockets raise into MailRefused or MailStop."""
    where, done = server.shown, _done(sent)
    try:
        return work()
    except MailRefused:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise MailStop(
            f"The SMTP server {where} refused the user name or password of {server.user} ({exc.smtp_code}){done}. "
            "Check the SMTP User setting and the password (SMEP_SMTP_PASSWORD, or the one saved with "
            "smep email --save-password)."
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise MailStop(
            f"The SMTP server {where} does not offer {'STARTTLS' if server.security == STARTTLS else 'a login'}{done}. "
            + CHECK_SERVER
        ) from None
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
        code, said = _code(exc)
        if 500 <= code < 600:
            raise MailRefused(f"{code} {_text(said)}") from None
        raise MailStop(
            f"The SMTP server {where} answered {code} {_text(said)}{done}. {_rest(sent)}"
        ) from None
    except smtplib.SMTPServerDisconnected:
        raise MailStop(
            f"The SMTP server {where} closed the connection{done}. Run again later: {_rest(sent)}"
        ) from None
    except TimeoutError:
        raise MailStop(
            f"The SMTP server {where} did not answer within {server.timeout:g} seconds{done}. " + CHECK_SERVER
        ) from None
    except ssl.SSLError as exc:
        raise MailStop(
            f"No secure connection could be made to {where} ({exc.reason or exc}){done}. Check SMTP Security "
            "(STARTTLS for port 587, SSL for 465) and that the server's certificate is trusted on this computer."
        ) from None
    except smtplib.SMTPResponseException as exc:
        raise MailStop(
            f"The SMTP server {where} answered {exc.smtp_code} {_text(exc.smtp_error)}{done}. {_rest(sent)}"
        ) from None
    except (smtplib.SMTPException, OSError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
        raise MailStop(f"The SMTP server {where} cannot be reached ({why}){done}. " + CHECK_SERVER) from None


def _refused_or_stop(smtp: smtplib.SMTP | None, code: int, said: bytes | str) -> None:
    """A 5xx answer refuses this message; anything else (4xx: try later) stops the run."""
    if smtp is not None:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            smtp.rset()
    if 500 <= code < 600:
        raise MailRefused(f"{code} {_text(said)}")
    raise smtplib.SMTPResponseException(code, said)


def _code(exc: Exception) -> tuple[int, bytes | str]:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, said = next(iter(exc.recipients.values()))
        return code, said
    return exc.smtp_code, exc.smtp_error  # type: ignore[attr-defined]


def _text(said: bytes | str) -> str:
    text = said.decode("utf-8", "replace") if isinstance(said, bytes) else str(said)
    return " ".join(text.split())


def _done(sent: int) -> str:
    return (
        f" after {sent} e-mail{'s' if sent != 1 else ''} were sent (they are in the Email Log)"
        if sent
        else ""
    )


def _rest(sent: int) -> str:
    return "the e-mails not yet sent go then." if sent else "nothing was sent."


__all__ = ["PLAIN", "SmtpSession"]
