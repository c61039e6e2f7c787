"""The e-mail templates: a text file whose first line is "Subject: ..." and whose body follows
a blank line, and an optional HTML body. Both use the letters' engine (adapters/docx/engine's
sandboxed Jinja environment): the same fields, and the HTML autoescaped; the subject and text
are plain text, so they are not. check() is the letters' pre-flight: every unknown field and
every syntax error is named before anything is made."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from jinja2 import Template, TemplateError, TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment

from smep_xl.adapters.docx.engine import environment, preflight
from smep_xl.domain.email.addresses import one_line
from smep_xl.domain.email.outgoing import Rendered
from smep_xl.errors import SmepError

_RENDER_ERRORS = (TemplateError, TypeError, ValueError, ArithmeticError, LookupError, AttributeError)
MAX_TEMPLATE = 256 * 1024


def _env(strict: bool, autoescape: bool) -> SandboxedEnvironment:
    env = environment(strict=strict, autoescape=autoescape)
    env.trim_blocks = env.lstrip_blocks = True  # a {% if %} on its own line leaves no blank line
    return env


class EmailTemplate:
    def __init__(self, text_path: Path, html_path: Path | None):
        self.path, self.html_path = Path(text_path), html_path
        self.name = self.path.name
        self.problems: list[str] = []
        self.fields: set[str] = set()
        subject, body = _split(_read(self.path), self.path)
        if subject is None:
            self.problems.append(
                f"its first line must be 'Subject: ...' (it is {body.splitlines()[0][:60]!r})"
                if body.strip()
                else "it is empty"
            )
            subject = ""
        self.sources = {"subject": subject, "text": body}
        if html_path is not None:
            self.sources["html"] = _read(html_path)
        self._compiled = {part: self._compile(part, source) for part, source in self.sources.items()}

    def _compile(self, part: str, source: str) -> Template | None:
        env = _env(False, autoescape=part == "html")
        try:
            tree = env.parse(source)
        except TemplateSyntaxError as exc:
            self.problems.append(f"syntax error in the {part} (line {exc.lineno}: {exc.message})")
            return None
        self.fields |= meta.find_undeclared_variables(tree)
        return env.from_string(tree)

    def check(self, supplied: Iterable[str], sample: Mapping | None = None) -> None:
        """Raise one SmepError naming every field the data lacks and every template error."""
        problems = preflight(self.fields, supplied, self.problems, sample, self._trial)
        if problems:
            where = self.path if self.html_path is None else f"{self.path} (with {self.html_path.name})"
            raise SmepError(
                f"The e-mail template {where} cannot be used: "
                + "; ".join(problems)
                + ". Fix it (the fields "
                "are the letters' fields, listed in docs/letters.md) and run again; nothing was e-mailed."
            )

    def _trial(self, sample: Mapping) -> list[str]:
        for part, source in self.sources.items():
            try:
                _env(True, autoescape=part == "html").from_string(source).render(sample)
            except _RENDER_ERRORS as exc:
                return [f"the {part}: {exc}"]
        return []

    def render(self, context: Mapping) -> Rendered:
        out = {}
        for part, compiled in self._compiled.items():
            if compiled is None:
                raise SmepError(f"The e-mail template {self.path} has errors: " + "; ".join(self.problems))
            try:
                out[part] = compiled.render(context)
            except _RENDER_ERRORS as exc:
                raise SmepError(f"The e-mail template {self.name} failed on the {part}: {exc}") from exc
        return Rendered(one_line(out["subject"]), out["text"].strip("\n") + "\n", out.get("html"))


def _read(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_TEMPLATE:
            raise SmepError(
                f"The e-mail template {path} is larger than {MAX_TEMPLATE // 1024} KB; is it the right file?"
            )
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SmepError(
            f"The e-mail template {path} cannot be found. Correct the Email Template (or Email HTML Template) "
            "setting, or copy templates/ from a new workbook's folder (smep init); nothing was e-mailed."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SmepError(
            f"The e-mail template {path} cannot be read ({exc}); save it as UTF-8 text."
        ) from None


def _split(source: str, path: Path) -> tuple[str | None, str]:
    """("the subject line's template", "the body's") from the text template."""
    lines = source.replace("\r\n", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines or not lines[0].lower().startswith("subject:"):
        return None, "\n".join(lines)
    subject = lines[0].split(":", 1)[1].strip()
    body = lines[1:]
    while body and not body[0].strip():
        body.pop(0)
    return subject, "\n".join(body)
