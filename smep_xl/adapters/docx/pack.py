"""The print pack: every letter in one .docx, each starting on a new page, in linear time.

All letters come from one template, so they share styles, numbering, fonts and relationships:
joining their bodies is valid. Each letter becomes a section of its own (a section break
starts a new page and restarts page numbers), keeping its own header and footer (they carry
the school's name). One pass over the letters: the bodies are joined as text (measured on
500 letters: parsing, moving and writing their bodies as lxml trees alone takes longer than
this whole pack, and a national pack would hold every letter as a tree in memory); the
relationships and content types are edited with lxml, once; untouched parts are copied raw.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import BinaryIO

from smep_xl.adapters.docx.post import renumber_pictures
from smep_xl.errors import SmepError
from smep_xl.ooxml import package, xml
from smep_xl.ooxml.atomic import disk_full, write_file
from smep_xl.ooxml.package import Rel
from smep_xl.ooxml.parts import Parts
from smep_xl.ooxml.zip import ZipFormatError, ZipWriter

_DOCUMENT = "word/document.xml"
_REF = re.compile(r'(<w:(?:header|footer)Reference\b[^>]*?r:id=")([^"]+)(")')
_BOOKMARK = re.compile(r'(<w:bookmark(?:Start|End)\b[^>]*?w:id=")(\d+)(")')
_PARA_IDS = re.compile(r'\sw14:(?:paraId|textId)="[^"]*"')
_AFTER_PGNUM = (
    "<w:cols",
    "<w:formProt",
    "<w:vAlign",
    "<w:noEndnote",
    "<w:titlePg",
    "<w:textDirection",
    "<w:bidi",
    "<w:rtlGutter",
    "<w:docGrid",
    "<w:printerSettings",
    "<w:sectPrChange",
    "</w:sectPr>",
)
# The paragraph that ends a letter's section: 1 pt high, so it never pushes a page over.
_BREAK_PARA = (
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>{}</w:pPr></w:p>'
)


class _Pack:
    """The first letter's parts, gaining each later letter's own headers and footers."""

    def __init__(self, first: Parts):
        self.parts = first
        rels = package.relationships(first, _DOCUMENT)
        self.rels = {rel.id: rel for rel in rels if rel.type.endswith(("/header", "/footer"))}
        self.first_parts = {rid: first.read(rel.target) for rid, rel in self.rels.items()}
        self.new_rels: list[Rel] = []

    def own_parts(self, letter: Parts, n: int) -> dict[str, str]:
        """Copy this letter's headers and footers where they differ from the first letter's;
        returns its relationship ids as the pack's document knows them."""
        mapping = {}
        for rid, rel in self.rels.items():
            data = letter.read(rel.target)
            if data == self.first_parts[rid]:
                continue
            stem, dot, ext = rel.target.rpartition(".")
            part = f"{stem}_{n}{dot}{ext}"
            self.parts.write(part, data)
            if self.parts.has(package.rels_path(rel.target)):
                self.parts.write(package.rels_path(part), self.parts.read(package.rels_path(rel.target)))
            self.new_rels.append(Rel(f"rIdPack{n}x{rid}", rel.type, part))
            mapping[rid] = self.new_rels[-1].id
        return mapping

    def register_new_parts(self) -> None:
        """The new headers and footers in the document's relationships and the content types,
        each part parsed and written once however many letters there are."""
        if not self.new_rels:
            return
        rels = self.parts.parse(package.rels_path(_DOCUMENT))
        types = self.parts.parse(package.CONTENT_TYPES_PART)
        for rel in self.new_rels:
            target = posixpath.relpath(rel.target, posixpath.dirname(_DOCUMENT))
            attrs = {"Id": rel.id, "Type": rel.type, "Target": target}
            rels.append(rels.makeelement(xml.q(xml.PKG_REL, "Relationship"), attrs))
            kind = rel.type.rsplit("/", 1)[-1]
            content_type = f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"
            attrs = {"PartName": "/" + rel.target, "ContentType": content_type}
            types.append(types.makeelement(xml.q(xml.CONTENT_TYPES, "Override"), attrs))
        self.parts.write_xml(package.rels_path(_DOCUMENT), rels)
        self.parts.write_xml(package.CONTENT_TYPES_PART, types)


def build_pack(letters: list[Path], target: Path) -> None:
    """Write one .docx holding every letter, in order, each on a new page."""
    if not letters:
        raise SmepError("There are no letters to put in the print pack.")
    try:
        with Parts.open(str(letters[0])) as first:
            pack = _Pack(first)
            head, _, _, tail = _split(first.read(_DOCUMENT).decode("utf-8"))
            bodies = [_body(pack, first, 0, last=len(letters) == 1)]
            for n, path in enumerate(letters[1:], start=1):
                with Parts.open(str(path)) as letter:
                    bodies.append(_body(pack, letter, n, last=n == len(letters) - 1))
            document = head + "".join(bodies) + tail
            if "<wp:docPr" in document:
                document = renumber_pictures(document)
            first.write(_DOCUMENT, document.encode("utf-8"))
            pack.register_new_parts()
            _write(first, target)
    except (OSError, ZipFormatError, KeyError, ValueError) as exc:
        raise SmepError(f"The print pack could not be made ({exc}).") from exc


def _body(pack: _Pack, letter: Parts, n: int, last: bool) -> str:
    """One letter's body as a section of the pack: its own header and footer, pages from 1."""
    _, content, sect, _ = _split(letter.read(_DOCUMENT).decode("utf-8"))
    mapping = pack.own_parts(letter, n) if n else {}
    content = _distinct_ids(content, n)
    sect = _restart_numbering(
        _REF.sub(lambda m: m.group(1) + mapping.get(m.group(2), m.group(2)) + m.group(3), sect)
    )
    return content + (sect if last else _BREAK_PARA.format(sect))


def _split(xml: str) -> tuple[str, str, str, str]:
    """A document as (everything to <w:body>, content, final sectPr, </w:body> onwards)."""
    open_at = xml.index("<w:body")
    start = xml.index(">", open_at) + 1
    end = xml.rindex("</w:body>")
    body = xml[start:end]
    cut = body.rfind("<w:sectPr")
    if (
        cut == -1
        or not body.endswith(("</w:sectPr>", "/>"))
        or "</w:p>" in body[cut:]
        or "</w:tbl>" in body[cut:]
    ):
        return xml[:start], body, "", xml[end:]
    return xml[:start], body[:cut], body[cut:], xml[end:]


def _distinct_ids(content: str, n: int) -> str:
    """Bookmark ids are per document and Word's paragraph ids must not repeat."""
    if n and "<w:bookmark" in content:
        content = _BOOKMARK.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + 100000 * n}{m.group(3)}", content)
    if "w14:paraId" in content or "w14:textId" in content:
        content = _PARA_IDS.sub("", content)
    return content


def _restart_numbering(sect: str) -> str:
    """Each letter's pages count from 1."""
    if not sect:
        return '<w:sectPr><w:pgNumType w:start="1"/></w:sectPr>'
    if sect.endswith("/>") and "</w:sectPr>" not in sect:
        sect = sect[:-2] + "></w:sectPr>"
    if "<w:pgNumType" in sect:
        return re.sub(r"<w:pgNumType\b[^>]*?/>", _start_at_one, sect)
    at = min(i for i in (sect.find(t) for t in _AFTER_PGNUM) if i != -1)
    return sect[:at] + '<w:pgNumType w:start="1"/>' + sect[at:]


def _start_at_one(m: re.Match) -> str:
    tag = re.sub(r'\sw:start="[^"]*"', "", m.group(0))
    return tag[:-2].rstrip() + ' w:start="1"/>'


def _write(parts: Parts, target: Path) -> None:
    """The pack's zip, written beside the target and renamed into place."""

    def write(out: BinaryIO) -> None:
        writer = ZipWriter(out)
        for name in parts.names():
            writer.add(parts.part(name, 1 if name == _DOCUMENT else 6))
        writer.close()

    try:
        write_file(str(target), write, replace=False)
    except FileExistsError:
        raise SmepError(f"The print pack was not written: {target} is there already.") from None
    except OSError as exc:
        why = "the disk is full" if disk_full(exc) else exc.strerror or exc
        raise SmepError(f"The print pack cannot be written to {target} ({why}).") from None
