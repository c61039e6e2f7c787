"""XML parts parsed and written with lxml: namespaces and prefixes as the file declares them.

A part that is edited structurally (a sheet added to workbook.xml, a relationship, a content
type, a table's columns) goes through a real parser, so any prefix a writer chose (x:, or
xmlns:r declared on an element, as openpyxl and .NET writers do) stays well-formed. Only cell
values in a sheet's rows are patched as bytes, where speed was measured to matter.
"""

from __future__ import annotations

import re

from lxml import etree

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=False)


class XmlError(ValueError):
    """A part that is not well-formed XML (the caller names the file and the part)."""


def parse(data: bytes) -> etree._Element:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise XmlError(str(exc)) from None


def serialise(root: etree._Element) -> bytes:
    """The part with an XML declaration, UTF-8, standalone as Office writes it."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def clean(text: str) -> str:
    """Text without the characters XML cannot carry (lxml refuses them in a value)."""
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text


def q(namespace: str, tag: str) -> str:
    """Clark notation: {namespace}tag."""
    return f"{{{namespace}}}{tag}"


def local(element: etree._Element) -> str:
    return etree.QName(element).localname


def children(parent: etree._Element, namespace: str, tag: str) -> list[etree._Element]:
    return parent.findall(q(namespace, tag))


def insert_in_order(parent: etree._Element, element: etree._Element, order: tuple[str, ...]) -> None:
    """Put element among parent's children where the schema's sequence says it goes.

    order lists the local names of the sequence; element goes before the first existing child
    that comes after it in the sequence (elements of other namespaces, like extLst content,
    keep their places)."""
    name = local(element)
    later = set(order[order.index(name) + 1 :]) if name in order else set()
    for child in parent:
        if isinstance(child.tag, str) and local(child) in later:
            child.addprevious(element)
            return
    parent.append(element)
