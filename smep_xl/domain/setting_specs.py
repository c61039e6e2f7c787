"""Every setting in one registry: its name, type, default, bounds, meaning and the demo hub's value.

The defaults (domain/settings.py), the checks of each Value (domain/validate/setting_values.py
and the checks registry), a new workbook's Settings rows (demo/lists.py) and the settings table
in the docs (docs/settings.md, copied into the README) are all made from SPECS. Names come
from layout.py, where they are spelled once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from smep_xl import layout as L

TEXT, PATH, PATTERN, EMAIL, CODES = "text", "path", "pattern", "email", "codes"
CHOICE = "choice"  # one of a few words (`choices`), matched without regard to case
DATE, WHOLE, NUMBER, FRACTION = "date", "whole number", "number", "percentage"
TEXT_KINDS = (TEXT, PATH, PATTERN, EMAIL, CODES, CHOICE)
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)  # as the workbook's date cells allow
_SAME = object()


@dataclass(frozen=True)
class SettingSpec:
    name: str
    kind: str
    default: object  # None: blank (its meaning is in `blank`)
    meaning: str
    low: object = None  # the least value allowed (for text: the longest is `high` characters)
    high: object = None
    code: str = ""  # the finding when the Value cannot be used
    demo: object = _SAME  # the demo hub's value
    blank: str = ""  # what a blank Value means, when not the default
    required: bool = False  # a blank Value is itself a finding
    choices: tuple[str, ...] = ()  # a CHOICE's words, as the Value is shown

    @property
    def demo_value(self) -> object:
        return self.default if self.demo is _SAME else self.demo

    @property
    def rule(self) -> str:
        """What the Value must be, in words: "a whole number from 1 to 10"."""
        if self.kind == DATE:
            return f"a date from {_day(self.low)} to {_day(self.high)}"
        if self.kind in (WHOLE, NUMBER):
            return f"a {self.kind} from {_plain(self.low)} to {_plain(self.high)}"
        if self.kind == FRACTION:
            return "a percentage from 0% to 100%"
        if self.kind == EMAIL:
            return f"one email address of at most {self.high} characters"
        if self.kind == CHOICE:
            return "one of " + ", ".join(self.choices)
        if self.kind == CODES:
            return "local authority codes of three digits, separated by commas (e.g. 856, 855)"
        return f"text of at most {self.high} characters"


def _day(day: object) -> str:
    return day.strftime("%d/%m/%Y") if isinstance(day, date) else str(day)


def _plain(n: object) -> str:
    return str(int(n)) if isinstance(n, float) and n.is_integer() else str(n)


def shown(value: object, kind: str = TEXT) -> str:
    """A default or demo value as the docs and messages show it (0.6 -> 60% for a percentage)."""
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return _day(value)
    if kind == FRACTION and isinstance(value, (int, float)):
        return f"{value:.0%}"
    return _plain(value).replace("\n", ", ")


# fmt: off
SPECS: tuple[SettingSpec, ...] = (
    SettingSpec(L.S_HUB_NAME, TEXT, "Music Education Hub", "letterhead and Dashboard title", high=100,
                code="settings.text.too_long", demo="Leicester-Shire Music Education Hub"),
    SettingSpec(L.S_PLAN_START, DATE, date(2014, 9, 1),
                "first day of plan year 1 (the plan's years run a year each from it)",
                FIRST_DAY, LAST_DAY, "settings.plan_start.invalid", required=True),
    SettingSpec(L.S_PLAN_YEARS, WHOLE, 2, "length of the plan in years", 1, 10, "settings.plan_years.invalid"),
    SettingSpec(L.S_Y1_TARGET, FRACTION, 0.6, f"share of open schools to visit by the {L.S_Y1_DEADLINE}",
                0.0, 1.0, "settings.target.invalid"),
    SettingSpec(L.S_Y1_DEADLINE, DATE, None, f"the day the {L.S_Y1_TARGET} is due",
                FIRST_DAY, LAST_DAY, "settings.year1_deadline.invalid", demo=date(2015, 3, 31),
                blank="the last day of plan year 1"),
    SettingSpec(L.S_PLAN_TARGET, FRACTION, 1.0, "share of open schools to visit over the whole plan",
                0.0, 1.0, "settings.target.invalid"),
    SettingSpec(L.S_GREEN, NUMBER, 3.0, "a visit scoring at least this (and no criterion at 1) is Green",
                1.0, 4.0, "settings.threshold.invalid"),
    SettingSpec(L.S_RED, NUMBER, 2.0, "a visit scoring below this (or a Key criterion at 1) is Red",
                1.0, 4.0, "settings.threshold.invalid"),
    SettingSpec(L.S_AMBER_DAYS, WHOLE, 30, "how close to its Due Date a target behind time turns Amber",
                0, 365, "settings.amber_days.invalid"),
    SettingSpec(L.S_AS_OF, DATE, None, "the day everything is rated at (`--as-of` wins over it)",
                FIRST_DAY, LAST_DAY, "settings.as_of.invalid", demo=date(2015, 7, 31), blank="today"),
    SettingSpec(L.S_LETTER_TEMPLATE, PATH, "templates/feedback_letter.docx",
                "the Word template for feedback letters (relative to the workbook's folder)", high=255,
                code="settings.text.too_long"),
    SettingSpec(L.S_AUDIT_TEMPLATE, PATH, "templates/audit_form.docx", "the pre-visit audit form template",
                high=255, code="settings.text.too_long"),
    SettingSpec(L.S_LETTER_FILE_NAME, PATTERN, "{URN} {School} {Visit Date}",
                "letter file names: column names in braces", high=200, code="settings.text.too_long"),
    SettingSpec(L.S_OUTPUT_FOLDER, PATH, "letters", "where letters go (relative to the workbook's folder)",
                high=255, code="settings.text.too_long"),
    SettingSpec(L.S_SIGNATORY, TEXT, "", "who signs the letters", high=100, code="settings.text.too_long",
                demo="Dr Siân Llewellyn-Patel"),
    SettingSpec(L.S_SIGNATORY_ROLE, TEXT, "", "the signatory's role", high=200, code="settings.text.too_long",
                demo="Deputy Head of Service, Leicester-Shire Schools Music Service"),
    SettingSpec(L.S_HUB_ADDRESS, TEXT, "", "letterhead address (one line each)", high=500,
                code="settings.text.too_long",
                demo="Leicester-Shire Schools Music Service\nUnit 7, Meridian East\nLeicester LE19 1WX"),
    SettingSpec(L.S_HUB_PHONE, TEXT, "", "letterhead telephone", high=50, code="settings.text.too_long",
                demo="0116 496 0321"),
    SettingSpec(L.S_HUB_EMAIL, EMAIL, "", "letterhead email", high=254, code="settings.email.format",
                demo="smep@leicestershire-music.example.org"),
    SettingSpec(L.S_LA_CODES, CODES, "", "the local authorities the hub serves (for the GIAS import)",
                code="settings.la_codes.invalid", demo="856, 855"),
    SettingSpec(L.S_EMAIL_DELIVERY, CHOICE, "Drafts",
                "how letters are e-mailed: Drafts (an .eml draft per school, to check and send) or Send "
                "(straight out through the SMTP server)", high=10, code="settings.email_delivery.invalid",
                choices=("Drafts", "Send")),
    SettingSpec(L.S_EMAIL_ATTACHMENT, CHOICE, "Word", "the letter attached to its e-mail: Word (.docx) or PDF",
                high=10, code="settings.email_attachment.invalid", choices=("Word", "PDF")),
    SettingSpec(L.S_EMAIL_TEMPLATE, PATH, "templates/email_letter.txt",
                "the e-mail's subject (its first line, 'Subject: ...') and text", high=255,
                code="settings.text.too_long"),
    SettingSpec(L.S_EMAIL_HTML_TEMPLATE, PATH, "templates/email_letter.html",
                "the e-mail's HTML body, beside its text", high=255, code="settings.text.too_long",
                blank="text only"),
    SettingSpec(L.S_EMAIL_DRAFTS, PATH, "email drafts", "where e-mail drafts (.eml) go (relative to the workbook's folder)",
                high=255, code="settings.text.too_long"),
    SettingSpec(L.S_EMAIL_FROM, EMAIL, "", "the address e-mails come from", high=254, code="settings.email.format",
                blank=f"the {L.S_HUB_EMAIL}"),
    SettingSpec(L.S_EMAIL_RATE, WHOLE, 30, "at most this many e-mails sent a minute (the server's limit)",
                1, 6000, "settings.email_rate.invalid"),
    SettingSpec(L.S_SMTP_HOST, TEXT, "", "the SMTP server that sends e-mail (e.g. smtp.office365.com)", high=255,
                code="settings.text.too_long", blank="no server: only drafts can be made"),
    SettingSpec(L.S_SMTP_PORT, WHOLE, 587, "the SMTP server's port (587 for STARTTLS, 465 for SSL)",
                1, 65535, "settings.smtp_port.invalid"),
    SettingSpec(L.S_SMTP_SECURITY, CHOICE, "STARTTLS",
                "how the connection is encrypted: STARTTLS, SSL, or None (only for a server inside the hub "
                "that needs no password)", high=10, code="settings.smtp_security.invalid",
                choices=("STARTTLS", "SSL", "None")),
    SettingSpec(L.S_SMTP_USER, TEXT, "", "the user name to log in to the SMTP server (the password is never "
                "kept in the workbook: see docs/email.md)", high=254, code="settings.text.too_long",
                blank="no login"),
    SettingSpec(L.S_CALENDAR_FOLDER, PATH, "calendars", "where the SLEs' calendars (.ics) go (relative to the "
                "workbook's folder)", high=255, code="settings.text.too_long"),
    SettingSpec(L.S_Y2_TARGET, FRACTION, 0.4, "share of open schools to visit in plan year 2",
                0.0, 1.0, "settings.target.invalid"),
    SettingSpec(L.S_REPEAT_TARGET, FRACTION, 1.0,
                "share of schools rated Red that get a repeat visit (each by its Next Visit Due)",
                0.0, 1.0, "settings.target.invalid"),
    SettingSpec(L.S_SDP_Y1_TARGET, FRACTION, 0.5,
                "share of open schools with music in their School Development Plan by the end of plan year 1",
                0.0, 1.0, "settings.target.invalid"),
    SettingSpec(L.S_SDP_PLAN_TARGET, FRACTION, 1.0,
                "share of open schools with music in their School Development Plan by the end of the plan",
                0.0, 1.0, "settings.target.invalid"),
    SettingSpec(L.S_AWARD_TARGET, FRACTION, 0.3,
                "share of cohort 1's open schools that apply for a Music Award by the end of plan year 1",
                0.0, 1.0, "settings.target.invalid"),
    SettingSpec(L.S_FIRST_ACCESS_TARGET, FRACTION, 0.8,
                "share of the schools whose First Access is recorded that take part, by the end of the plan",
                0.0, 1.0, "settings.target.invalid"),
    SettingSpec(L.S_ENGAGED_TARGET, FRACTION, 1.0, "share of open schools engaged with the hub by the end of the plan",
                0.0, 1.0, "settings.target.invalid", demo=0.8),
    SettingSpec(L.S_MDP_TARGET, FRACTION, 1.0,
                "share of open schools with a published Music Development Plan by the end of the plan",
                0.0, 1.0, "settings.target.invalid"),
    SettingSpec(L.S_AT_RISK_MARGIN, FRACTION, 0.1,
                "how far behind the straight line to its target (a share of the target) a target is At risk "
                "rather than Behind", 0.0, 1.0, "settings.target.invalid"),
    SettingSpec(L.S_DUE_SOON_WEEKS, WHOLE, 4, "the Dashboard lists follow-ups due within this many weeks",
                1, 52, "settings.due_soon_weeks.invalid", demo=6),
    SettingSpec(L.S_LIST_ROWS, WHOLE, 25, "the most schools each Dashboard list shows (it says how many it leaves out)",
                5, 1000, "settings.list_rows.invalid"),
)
# fmt: on

BY_NAME: dict[str, SettingSpec] = {spec.name: spec for spec in SPECS}
DEFAULTS: dict[str, object] = {spec.name: spec.default for spec in SPECS}
DEMO_VALUES: dict[str, object] = {spec.name: spec.demo_value for spec in SPECS}


def settings_markdown() -> str:
    """docs/settings.md: one row per setting, from SPECS."""
    lines = [
        "# Settings",
        "",
        "One row per setting on the **Settings** sheet (Setting, Value). A Value left blank takes its",
        "default. A Value that cannot be used (not a date, out of range, too long) is a finding at its",
        "cell, and every command uses the default instead, so one bad cell never stops a Refresh.",
        "Generated from `smep_xl/domain/setting_specs.py`.",
        "",
        "| setting | type | allowed | default | demo value | meaning |",
        "|---|---|---|---|---|---|",
    ]
    for spec in SPECS:
        default = shown(spec.default, spec.kind) or (f"blank ({spec.blank})" if spec.blank else "blank")
        demo = shown(spec.demo_value, spec.kind)
        cells = (spec.name, spec.kind, spec.rule, default, demo, spec.meaning)
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
