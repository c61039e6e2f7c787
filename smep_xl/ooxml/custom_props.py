"""Custom document properties (docProps/custom.xml): read one by name, set one.

Excel shows them under File > Info > Properties > Advanced Properties > Custom, and keeps
them on every save, as LibreOffice and openpyxl do. Setting one keeps every other property
the file has, with its own pid and type.
"""

from __future__ import annotations

from smep_xl.ooxml import xml
from smep_xl.ooxml.package import add_relationship, relationships, set_content_type
from smep_xl.ooxml.parts import PartStore

PART = "docProps/custom.xml"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
REL_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one format id custom properties use
EMPTY = f'<Properties xmlns="{NS}" xmlns:vt="{VT}"/>'.encode()


def part_name(pkg: PartStore) -> str | None:
    """Where the package keeps its custom properties, if it has any."""
    for rel in relationships(pkg, ""):
        if rel.type == REL_CUSTOM and not rel.external and pkg.has(rel.target):
            return rel.target
    return None


def read_property(pkg: PartStore, name: str) -> str | None:
    """The text of the property's value, or None when it is not there (or the part is damaged)."""
    part = part_name(pkg)
    if part is None:
        return None
    try:
        root = pkg.parse(part)
    except xml.XmlError:
        return None
    for prop in root.iter(xml.q(NS, "property")):
        if prop.get("name") == name and len(prop):
            return (prop[0].text or "").strip()
    return None


def set_property(pkg: PartStore, name: str, value: int) -> None:
    """The whole-number property name = value, added or changed; the rest of the part kept."""
    part = part_name(pkg)
    root = pkg.parse(part) if part else xml.parse(EMPTY)
    props = list(root.iter(xml.q(NS, "property")))
    found = next((p for p in props if p.get("name") == name), None)
    if found is None:
        pids = [int(p.get("pid", "0")) for p in props if str(p.get("pid", "")).isdigit()]
        found = root.makeelement(
            xml.q(NS, "property"), {"fmtid": FMTID, "pid": str(max(pids + [1]) + 1), "name": name}
        )
        root.append(found)
    elif len(found) and found[0].tag == xml.q(VT, "i4") and found[0].text == str(value):
        return  # already so: the part keeps its bytes
    for child in list(found):
        found.remove(child)
    found.append(found.makeelement(xml.q(VT, "i4"), {}))
    found[0].text = str(value)
    if part is None:
        part = PART
        set_content_type(pkg, part, CONTENT_TYPE)
        add_relationship(pkg, "", REL_CUSTOM, part)
    pkg.write_xml(part, root)
