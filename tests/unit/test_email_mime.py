"""The e-mail's MIME bytes (adapters/mail/mime): the quick paths give exactly what the email
package's own generator and compat32 folding give, a boundary never occurs in a part, and a
message parses back to its words and its attachment, whatever the school's names and texts."""

from __future__ import annotations

import email
import re
from datetime import UTC, datetime
from email import policy
from email.errors import HeaderParseError
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smep_xl.adapters.mail import mime
from smep_xl.domain.email.addresses import Mailbox
from smep_xl.domain.email.outgoing import Envelope

STOCK = policy.compat32.clone(linesep="\r\n", max_line_length=998)  # the email package's own folding
ANY_TEXT = st.text(max_size=300)
# Words as a template makes them: any printable character, line breaks as \n or \r\n.
WORDS = st.lists(
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=120)
    | st.sampled_from(
        ["", "--" + mime.MARK + "0" * 24, "--" + mime.MARK + "0" * 24 + "--", "From here", "."]
    ),
    max_size=8,
)


def envelope(
    text: str = "Dear Head,\n\nThank you.\n",
    html: str | None = "<p>Dear Head,</p>\n",
    subject: str = "Music visit to Hill Top on 8 December 2014: our letter",
    name: str = "Hill Top Primary",
    attachment: str = "123456 Hill Top Primary.docx",
) -> Envelope:
    return Envelope(
        Mailbox("Example Music Hub", "hub@example.org"),
        (Mailbox(name, "office@hilltop.example.org"),),
        (Mailbox("Sam Lee", "sam.lee@example.org"),),
        subject,
        text,
        html,
        Path(attachment),
        "<smep-1234@example.org>",
        datetime(2015, 7, 31, 9, 30, tzinfo=UTC),
        draft=True,
    )


def parse(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=policy.default)  # type: ignore[return-value]


def lines(text: str) -> str:
    return re.sub(r"\r\n|\r", "\n", text)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["Subject", "To", "X-Unsent", "Content-Disposition"]),
    ANY_TEXT
    | st.text("ab =?\t", max_size=1100)
    | st.sampled_from(["a\r\nBcc: b@c.org", "a\nb", "a\rb", "a\r\n b"]),
)
def test_a_header_is_folded_as_compat32_folds_it(name, value):
    try:
        want: bytes | type = STOCK.fold_binary(name, value)
    except HeaderParseError:  # a value that would add a header: refused either way
        want = HeaderParseError
    try:
        got: bytes | type = mime.POLICY.fold_binary(name, value)
    except HeaderParseError:
        got = HeaderParseError
    assert got == want


def test_a_line_break_in_a_header_value_is_refused():
    with pytest.raises(HeaderParseError):
        mime.POLICY.fold_binary("Subject", "Hello\r\nBcc: spy@evil.example")


@settings(max_examples=150, deadline=None)
@given(WORDS, st.none() | WORDS, ANY_TEXT, ANY_TEXT, st.binary(max_size=3000))
def test_the_bytes_are_the_email_packages_and_parse_back(text, html, subject, name, data):
    text, html = "\n".join(text), None if html is None else "\r\n".join(html)
    message = mime.build(envelope(text, html, subject, name), data)
    ours = mime.flatten(message)
    assert ours == message.as_bytes(policy=STOCK)  # the stock generator, on the same message
    assert re.fullmatch(rb"[\t\x20-\x7e]*", ours.replace(b"\r\n", b""))  # 7-bit, CRLF only
    back = parse(ours)
    assert lines(back.get_body(("plain",)).get_content()).rstrip("\n") == text.rstrip("\n")
    if html is not None:
        assert lines(back.get_body(("html",)).get_content()).rstrip("\n") == lines(html).rstrip("\n")
    (part,) = back.iter_attachments()
    assert part.get_content() == data
    assert set(back.keys()) == {"Content-Type", "MIME-Version", "From", "To", "Cc", "Subject", "Date"} | {
        "Message-ID",
        "X-Unsent",
    }


def test_each_boundary_is_its_own_and_no_part_holds_it():
    text = f"Dear Head,\n--{mime.MARK}\n--{mime.MARK}{'a' * 24}--\n"  # a 7-bit body that tries
    message = mime.build(envelope(text, "<p>Hi</p>\n"), b"PK\x03\x04" * 500)
    data = mime.flatten(message)
    boundaries = re.findall(rb'boundary="([^"]+)"', data)
    assert len(boundaries) == len(set(boundaries)) == 2
    assert all(b.startswith(mime.MARK.encode()) and len(b) == len(mime.MARK) + 24 for b in boundaries)
    marked = re.findall(rb"^--" + re.escape(mime.MARK.encode()) + rb".*$", data, flags=re.MULTILINE)
    # Only the dividers start with the mark: two parts and the end for each multipart.
    assert sorted(marked) == sorted(b"--%s%s\r" % (b, end) for b in boundaries for end in (b"", b"", b"--"))
    plain = parse(data).get_body(("plain",))
    assert plain["Content-Transfer-Encoding"] == "quoted-printable"  # not 7bit: it holds the mark
    assert lines(plain.get_content()) == text


def test_a_plain_text_is_seven_bit_and_a_name_with_a_line_break_adds_no_header():
    message = parse(mime.compose(envelope(name="Hill Top\r\nBcc: spy@evil.example"), b"letter"))
    assert message["Bcc"] is None and "Bcc: spy@evil.example" in str(message["To"])
    assert message.get_body(("plain",))["Content-Transfer-Encoding"] == "7bit"
    assert message["X-Unsent"] == "1" and message["Subject"].startswith("Music visit to Hill Top")


def test_a_non_ascii_subject_and_file_name_are_encoded():
    data = mime.compose(envelope(subject="Ysgol Gymraeg — Siân", attachment="Ysgol Siân.docx"), b"letter")
    head = data.split(b"\r\n\r\n", 1)[0]
    assert b"=?utf-8?q?" in head
    message = parse(data)
    assert message["Subject"] == "Ysgol Gymraeg — Siân"
    assert next(message.iter_attachments()).get_filename() == "Ysgol Siân.docx"
