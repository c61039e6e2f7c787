"""The letter engine: compile a Word template once, then write each letter in well under 1 ms.

docxtpl re-reads, re-patches and re-compiles the template for every letter. Here the
template is read and patched once (docx_source, with docxtpl's own patching), each XML part
is compiled once by a sandboxed, autoescaping Jinja environment, the static parts are
compressed once, and a letter is: render the few templated parts, compress them, write the
zip. The text of a letter is what `DocxTemplate(path).render(data, autoescape=True)` gives.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import StrictUndefined, Template, TemplateError, TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment

from smep_xl.adapters.docx import post as docx_post
from smep_xl.adapters.docx.batch import preload, write_batch
from smep_xl.adapters.docx.source import XML_DECLARATION, SourcePart, TemplateSource, read_template
from smep_xl.errors import SmepError
from smep_xl.ooxml.atomic import write_staged
from smep_xl.ooxml.zip import Part, compress, zip_bytes

STATIC_LEVEL, RENDERED_LEVEL = 6, 1  # rendered parts change every time: compress them fast
# What a template can raise on some data (a sum over a blank, an unsafe attribute...).
_RENDER_ERRORS = (TemplateError, TypeError, ValueError, ArithmeticError, LookupError, AttributeError)


def environment(strict: bool = False, autoescape: bool = True) -> SandboxedEnvironment:
    """Values are escaped for XML (and HTML); templates cannot reach Python internals. Only a
    plain-text template (an e-mail's subject and text) is rendered without escaping."""
    if strict:
        return SandboxedEnvironment(autoescape=autoescape, undefined=StrictUndefined)
    return SandboxedEnvironment(autoescape=autoescape)


@dataclass
class _Compiled:
    part: SourcePart
    template: Template | None


class CompiledTemplate:
    """One template, ready to render any number of letters."""

    def __init__(self, source: TemplateSource):
        self.source = source
        self.path = source.path
        self.name = source.path.name
        self.problems: list[str] = []
        self.fields: set[str] = set()
        env = environment()
        self._parts = [self._compile(env, p) for p in source.parts]
        self._body_has_pictures = any(p.is_body and "<wp:docPr" in p.source for p in source.parts)
        rendered = {p.name for p in source.parts}
        self._slots: list[Part | int] = []  # a static part, compressed once, or a rendered part's index
        index = {c.part.name: i for i, c in enumerate(self._parts)}
        for name, data in source.entries:
            self._slots.append(index[name] if name in rendered else compress(name, data, STATIC_LEVEL))

    def _compile(self, env: SandboxedEnvironment, part: SourcePart) -> _Compiled:
        source = docx_post.order_cell_properties(part.source) if part.patched else part.source
        part = SourcePart(part.name, part.label, part.head, source, part.tail, part.is_body, part.patched)
        try:
            tree = env.parse(source)
            self.fields |= meta.find_undeclared_variables(tree)
            return _Compiled(part, env.from_string(tree))
        except TemplateSyntaxError as exc:
            self.problems.append(_describe(part, exc))
            self.fields |= _names_in_broken(source)
            return _Compiled(part, None)

    # ---- pre-flight
    def check(self, supplied: Iterable[str], sample: Mapping | None = None) -> None:
        """Raise one SmepError naming every field the data lacks and every syntax error."""
        problems = preflight(self.fields, supplied, self.problems, sample, self._trial)
        if problems:
            raise SmepError(
                f"The template {self.path} cannot be used: "
                + "; ".join(problems)
                + ". Fix it in Word (the fields are listed in docs/letters.md) and run again;"
                " nothing was written."
            )

    def _trial(self, sample: Mapping) -> list[str]:
        """Render one letter strictly, so a misspelt attribute (c.nmae) is caught too."""
        env = environment(strict=True)
        for compiled in self._parts:
            try:
                env.from_string(compiled.part.source).render(docx_post.clean_context(sample))
            except _RENDER_ERRORS as exc:
                return [f"{compiled.part.label}: {exc}"]
        return []

    # ---- rendering
    def render_parts(self, context: Mapping) -> list[bytes]:
        """Each templated part rendered to bytes, in the order of source.parts."""
        data = docx_post.clean_context(context)
        out = []
        for compiled in self._parts:
            if compiled.template is None:
                raise SmepError(f"The template {self.path} has errors: " + "; ".join(self.problems))
            part = compiled.part
            try:
                xml = docx_post.finish(compiled.template.render(data))
            except _RENDER_ERRORS as exc:
                raise SmepError(f"The template {self.name} failed on {part.label}: {exc}") from exc
            if part.is_body:
                xml = self._finish_body(part, xml)
            else:
                xml = part.head + xml + part.tail
            out.append(xml.encode("utf-8"))
        return out

    def _finish_body(self, part: SourcePart, body: str) -> str:
        if self._body_has_pictures:
            body = docx_post.renumber_pictures(body)
        if not self.source.needs_table_fix:
            return part.head + body + part.tail
        head = part.head[len(XML_DECLARATION) :]
        return XML_DECLARATION + docx_post.fix_tables(head + body + part.tail)

    def zip_parts(self, context: Mapping) -> list[Part]:
        return self._zip_parts(self.render_parts(context))

    def _zip_parts(self, parts: list[bytes]) -> list[Part]:
        rendered = [
            compress(p.part.name, data, RENDERED_LEVEL) for p, data in zip(self._parts, parts, strict=True)
        ]
        return [rendered[s] if isinstance(s, int) else s for s in self._slots]

    def store(self, parts: list[bytes], path: Path) -> None:
        """Write one letter from its rendered parts (compression and the file write let other
        threads run, so docx_batch does this beside the rendering)."""
        write_staged(str(path), zip_bytes(self._zip_parts(parts)))  # in the run's staging folder

    def write(self, context: Mapping, path: Path) -> None:
        self.store(self.render_parts(context), path)

    def write_all(self, letters: Sequence[tuple[Mapping, Path]], progress=None) -> list[str | None]:
        """Write many letters; for each, None when written, else why not."""
        preload(self)
        return write_batch(self, letters, compile_template, progress)

    def to_bytes(self, context: Mapping) -> bytes:
        return zip_bytes(self.zip_parts(context))


def preflight(
    fields: set[str],
    supplied: Iterable[str],
    found: list[str],
    sample: Mapping | None,
    trial: Callable[[Mapping], list[str]],
) -> list[str]:
    """Every problem a template has before anything is made: the fields the data lacks, the
    syntax errors already found, then (only when those are none) a trial render of the sample."""
    problems = []
    missing = sorted(fields - set(supplied))
    if missing:
        problems.append("fields the data does not supply: " + ", ".join(missing))
    problems += found
    if not problems and sample is not None:
        problems += trial(sample)
    return problems


def compile_template(path: Path | str) -> CompiledTemplate:
    return CompiledTemplate(read_template(Path(path)))


def _names_in_broken(source: str) -> set[str]:
    """The fields a part that does not parse seems to use, so they can still be checked."""
    text = re.sub(r"<[^>]+>", "", source)
    used = set(re.findall(r"\{\{-?\s*([A-Za-z_]\w*)", text))
    used |= set(re.findall(r"\{%-?\s*(?:if|elif)\s+(?:not\s+)?([A-Za-z_]\w*)", text))
    used |= set(re.findall(r"\{%-?\s*for\s+[\w,\s]+?\s+in\s+([A-Za-z_]\w*)", text))
    loops = {v.strip() for m in re.findall(r"\{%-?\s*for\s+([\w,\s]+?)\s+in\s", text) for v in m.split(",")}
    return used - loops - {"loop", "true", "false", "none", "not"}


def _describe(part: SourcePart, exc: TemplateSyntaxError) -> str:
    """A syntax error with the words of the template around it, as docxtpl shows them."""
    numbered = re.sub(r"<w:p([ >])", r"\n<w:p\1", part.source)
    try:
        environment().parse(numbered)
        line = exc.lineno or 1
    except TemplateSyntaxError as again:
        line = again.lineno or 1
    lines = numbered.splitlines()
    around = lines[max(line - 2, 0) : line + 1]
    words = " / ".join(t for t in (" ".join(re.sub(r"<[^>]+>", "", x).split()) for x in around) if t)
    if len(words) > 160:
        words = words[:157] + "..."
    return f'syntax error in {part.label} ({exc.message}) near "{words}"'
