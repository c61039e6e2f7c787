"""The print pack: every letter in one .docx, each starting on a new page, in linear time.

All letters come from one template, so they share styles, numbering, fonts and relationships:
joining their bodies is valid. Each letter becomes a section of its own (a section break
starts a new page and restarts page numbers), keeping its own header and footer (they carry
the school's name). One pass over the letters; nothing is parsed as a tree.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from smep_xl.adapters.docx.post import renumber_pictures
from smep_xl.adapters.docx.zip_entries import entry, write_zip
from smep_xl.errors import SmepError

_DOCUMENT = "word/document.xml"
_DOC_RELS = "word/_rels/document.xml.rels"
_TYPES = "[Content_Types].xml"
_REF = re.compile(r'(<w:(?:header|footer)Reference\b[^>]*?r:id=")([^"]+)(")')
_REL = re.compile(r"<Relationship\b[^>]*>")
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


def _attr(tag: str, name: str) -> str:
    found = re.search(rf'\s{name}="([^"]*)"', tag)
    return found.group(1) if found else ""


class _Pack:
    def __init__(self, first: zipfile.ZipFile):
        self.entries = {name: first.read(name) for name in first.namelist()}
        self.rels = {}  # rId -> (type, target) of the document's header/footer relationships
        for tag in _REL.findall(self.entries[_DOC_RELS].decode("utf-8")):
            kind = _attr(tag, "Type")
            if kind.endswith(("/header", "/footer")):
                self.rels[_attr(tag, "Id")] = (kind, _attr(tag, "Target"))
        self.first_parts = {rid: self.entries["word/" + target] for rid, (_, target) in self.rels.items()}
        self.new_rels: list[str] = []
        self.new_types: list[str] = []
        self.new_parts: dict[str, bytes] = {}

    def own_parts(self, letter: zipfile.ZipFile, n: int) -> dict[str, str]:
        """Copy this letter's headers and footers where they differ from the first letter's."""
        mapping = {}
        for rid, (kind, target) in self.rels.items():
            data = letter.read("word/" + target)
            if data == self.first_parts[rid]:
                continue
            stem, dot, ext = target.rpartition(".")
            new_target = f"{stem}_{n}{dot}{ext}"
            new_id = f"rIdPack{n}x{rid}"
            self.new_parts["word/" + new_target] = data
            rels_name = f"word/_rels/{target}.rels"
            if rels_name in self.entries:
                self.new_parts[f"word/_rels/{new_target}.rels"] = self.entries[rels_name]
            self.new_rels.append(f'<Relationship Id="{new_id}" Type="{kind}" Target="{new_target}"/>')
            content_type = "wordprocessingml." + kind.rsplit("/", 1)[-1] + "+xml"
            self.new_types.append(
                f'<Override PartName="/word/{new_target}" ContentType='
                f'"application/vnd.openxmlformats-officedocument.{content_type}"/>'
            )
            mapping[rid] = new_id
        return mapping


def build_pack(letters: list[Path], target: Path) -> None:
    """Write one .docx holding every letter, in order, each on a new page."""
    if not letters:
        raise SmepError("There are no letters to put in the print pack.")
    try:
        with zipfile.ZipFile(letters[0]) as first:
            pack = _Pack(first)
        head, _, _, tail = _split(pack.entries[_DOCUMENT].decode("utf-8"))
        bodies = []
        for n, path in enumerate(letters):
            with zipfile.ZipFile(path) as letter:
                _, content, sect, _ = _split(letter.read(_DOCUMENT).decode("utf-8"))
                mapping = pack.own_parts(letter, n) if n else {}
            content = _distinct_ids(content, n)
            sect = _restart_numbering(
                _REF.sub(lambda m, mp=mapping: m.group(1) + mp.get(m.group(2), m.group(2)) + m.group(3), sect)
            )
            last = n == len(letters) - 1
            bodies.append(content + (sect if last else _BREAK_PARA.format(sect)))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SmepError(f"The print pack could not be made ({exc}).") from exc
    document = head + "".join(bodies) + tail
    if "<wp:docPr" in document:
        document = renumber_pictures(document)
    _write(pack, document, target)


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


def _write(pack: _Pack, document: str, target: Path) -> None:
    parts = dict(pack.entries)
    parts[_DOCUMENT] = document.encode("utf-8")
    if pack.new_rels:
        rels = parts[_DOC_RELS].decode("utf-8")
        parts[_DOC_RELS] = rels.replace(
            "</Relationships>", "".join(pack.new_rels) + "</Relationships>"
        ).encode()
        types = parts[_TYPES].decode("utf-8")
        parts[_TYPES] = types.replace("</Types>", "".join(pack.new_types) + "</Types>").encode()
        parts.update(pack.new_parts)
    entries = [entry(name, data, 1 if name == _DOCUMENT else 6) for name, data in parts.items()]
    try:
        write_zip(target, entries)
    except OSError as exc:
        raise SmepError(f"The print pack cannot be written to {target} ({exc.strerror or exc}).") from exc
