"""Read a Word template into Jinja source, one piece per XML part, the way docxtpl does.

docxtpl's own XML patching (`DocxTemplate.patch_xml`) turns Word's XML into Jinja source, so
`{%tr for %}`, `{%p if %}`, `{% cellbg %}` and friends mean here exactly what docxtpl's
documentation says. This runs once per template; the engine compiles what it returns.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from lxml import etree

from smep_xl.errors import SmepError

XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_CORE = "docProps/core.xml"


@dataclass(frozen=True)
class SourcePart:
    """One templated XML part: rendered = head + render(source) + tail."""

    name: str  # zip entry, e.g. "word/footer1.xml"
    label: str  # how to name it to a person: "the body", "footer1.xml"
    head: str
    source: str  # Jinja source (docxtpl-patched XML)
    tail: str
    is_body: bool = False
    patched: bool = True  # False for parts rendered as they are (core properties)


@dataclass(frozen=True)
class TemplateSource:
    path: Path
    entries: list[tuple[str, bytes]]  # every zip entry of the template, in order
    parts: list[SourcePart]
    needs_table_fix: bool  # {%tc %} or {% hm %}: docxtpl then rebalances table grids


def read_template(path: Path) -> TemplateSource:
    """Every part of a template as docxtpl would render it; SmepError if it is not a .docx."""
    path = Path(path)
    if not path.is_file():
        raise SmepError(
            f"The template {path} does not exist. Check the Letter Template setting "
            f"(Settings sheet) or the path you typed."
        )
    try:
        with zipfile.ZipFile(path) as archive:
            entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise SmepError(
            f"The template {path} is not a Word document (.docx) that can be read "
            f"({exc}). Save it from Word as 'Word Document (.docx)'."
        ) from exc
    parts = [_body_part(tpl)]
    parts += _header_footer_parts(tpl)
    parts += _footnote_parts(tpl)
    parts += _core_part(entries)
    names = {p.name for p in parts}
    raw_text = re.sub(r"<[^>]+>", "", "".join(d.decode("utf-8", "replace") for n, d in entries if n in names))
    needs_fix = bool(re.search(r"\{[%{]tc |\{%\s*hm\s*%\}", raw_text))
    return TemplateSource(path, entries, parts, needs_fix)


def _body_part(tpl: DocxTemplate) -> SourcePart:
    """The document part: the body is templated, the document element around it is kept."""
    whole = etree.tostring(tpl.docx.element, encoding="unicode")
    start = whole.index("<w:body")
    open_end = whole.index(">", start) + 1
    close = whole.rindex("</w:body>")
    source = tpl.patch_xml(tpl.get_xml())
    # get_xml() declares every namespace on <w:body>; the document element already does.
    source = whole[start:open_end] + source[source.index(">") + 1 :]
    return SourcePart(
        tpl.docx.part.partname.lstrip("/"),
        "the body",
        XML_DECLARATION + whole[:start],
        source,
        whole[close + len("</w:body>") :],
        is_body=True,
    )


def _header_footer_parts(tpl: DocxTemplate) -> list[SourcePart]:
    parts, seen = [], set()
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _, part in tpl.get_headers_footers(uri):
            name = part.partname.lstrip("/")
            if name not in seen:
                seen.add(name)
                source = tpl.patch_xml(tpl.get_part_xml(part))
                parts.append(SourcePart(name, name.rsplit("/", 1)[-1], XML_DECLARATION, source, ""))
    return parts


def _footnote_parts(tpl: DocxTemplate) -> list[SourcePart]:
    return [
        SourcePart(
            part.partname.lstrip("/"), "the footnotes", "", tpl.patch_xml(part.blob.decode("utf-8")), ""
        )
        for part in tpl.docx.part.package.parts
        if part.content_type == _FOOTNOTES
    ]


def _core_part(entries: list[tuple[str, bytes]]) -> list[SourcePart]:
    """Document properties (title, subject...) are rendered too when they hold a field."""
    for name, data in entries:
        if name == _CORE:
            text = data.decode("utf-8", "replace")
            if "{{" in text or "{%" in text:
                return [SourcePart(name, "the document properties", "", text, "", patched=False)]
    return []
