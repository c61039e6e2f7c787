"""Is every part smep wrote valid? Three checks, each independent of the code under test.

(a) openxml-audit: a port of the Open XML SDK's validator (the ECMA-376 schemas plus
    Office's own extensions and rules), at the Office 2010 level. Always run.
(b) the published ECMA-376 transitional XSDs, with lxml, when SMEP_ECMA376_XSD names a
    folder holding them (sml.xsd, dml-*.xsd, opc-xsd/...); skipped otherwise, as nothing
    taken from a public repository is kept here. The published set types SpreadsheetML's
    <t> as a plain string, while every Office writer (and the SDK's schema) puts
    xml:space="preserve" on it: a copy of the set in a temporary folder gets that attribute,
    declared by tests/schemas/xml.xsd.
(c) package rules: every part has a content type, every internal relationship's target
    exists, no relationship Id twice in a part, every r:id a part uses is one of its own.

A part smep wrote new must pass all three; a part it changed must have no problem that the
part did not have before (a workbook made elsewhere keeps its own quirks, such as
openpyxl's font children in its own order).
"""

from __future__ import annotations

import os
import posixpath
import shutil
import tempfile
import zipfile
from collections import Counter
from functools import lru_cache
from pathlib import Path

from lxml import etree

from tests.helpers.parts import changed_parts, parts

XSD_FOLDER_VARIABLE = "SMEP_ECMA376_XSD"
HERE = Path(__file__).resolve().parents[1] / "schemas"
XS = "http://www.w3.org/2001/XMLSchema"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
NAMESPACES = {
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main": "sml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "dml-chart.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing": "dml-spreadsheetDrawing.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": "opc-xsd/opc-relationships.xsd",
    "http://schemas.openxmlformats.org/package/2006/content-types": "opc-xsd/opc-contentTypes.xsd",
}

Problems = Counter[tuple[str, str]]  # (part, problem) -> how often


CHECKS = ("openxml-audit", "xsd", "package")


def new_problems(
    before: Path | dict[str, bytes], after: Path, checks: tuple[str, ...] = CHECKS
) -> dict[str, list[str]]:
    """Problems in the parts smep wrote or changed that the input did not have, by check."""
    old = before if isinstance(before, dict) else parts(before)
    now = parts(after)
    touched = changed_parts(old, now) & set(now)
    with tempfile.TemporaryDirectory() as tmp:
        was = Path(tmp) / ("before" + after.suffix)
        _write_zip(was, old)
        known = {
            "openxml-audit": audit,
            "xsd": lambda path: xsd_problems(path, only=touched),
            "package": package_problems,
        }
        out = {}
        for label in checks:
            check = known[label]
            now_found = Counter({key: n for key, n in check(after).items() if key[0] in touched})
            if not now_found:  # nothing wrong in what was written: the input need not be checked
                continue
            fresh = now_found - check(was)
            found = [
                f"{part}: {what}" for (part, what), n in fresh.items() if part in touched for _ in range(n)
            ]
            if found:
                out[label] = found
    return out


def audit(path: Path) -> Problems:
    """(a) openxml-audit at the Office 2010 level: its errors. (Its warnings are advice about
    what Excel rewrites on its next save, such as inline strings moving to the shared-strings
    table: legal, and what smep writes on purpose so that part is never touched.)"""
    from openxml_audit import ValidationSeverity

    result = _validator().validate(str(path))
    errors = [e for e in result.errors if e.severity == ValidationSeverity.ERROR]
    return Counter((e.part_uri.lstrip("/"), e.description) for e in errors)


@lru_cache(maxsize=1)
def _validator():
    from openxml_audit import FileFormat, OpenXmlValidator

    return OpenXmlValidator(file_format=FileFormat.OFFICE_2010, max_errors=0)


def xsd_available() -> bool:
    folder = os.environ.get(XSD_FOLDER_VARIABLE)
    return bool(folder) and (Path(folder) / "sml.xsd").exists()


def xsd_problems(path: Path, only: set[str] | None = None) -> Problems:
    """(b) the published XSDs, for every XML part in a namespace they cover ({} when not set up);
    only: just these parts."""
    if not xsd_available():
        return Counter()
    schema = _xsd_schema(os.environ[XSD_FOLDER_VARIABLE])
    found: Problems = Counter()
    for name, data in parts(path).items():
        if only is not None and name not in only:
            continue
        try:
            root = etree.fromstring(data)
        except etree.XMLSyntaxError as exc:
            found[(name, f"not well-formed: {exc}")] += 1
            continue
        if etree.QName(root).namespace not in NAMESPACES:
            continue
        if not schema.validate(_without_ignorable(root)):
            for error in schema.error_log:
                found[(name, error.message)] += 1
    return found


@lru_cache(maxsize=2)
def _xsd_schema(folder: str) -> etree.XMLSchema:
    tmp = Path(tempfile.mkdtemp(prefix="smep-xsd-"))
    shutil.copytree(folder, tmp / "xsd")
    shutil.copy(HERE / "xml.xsd", tmp / "xsd" / "xml.xsd")
    _allow_xml_space(tmp / "xsd" / "sml.xsd")
    imports = "".join(
        f'<xs:import namespace="{ns}" schemaLocation="xsd/{loc}"/>' for ns, loc in NAMESPACES.items()
    )
    (tmp / "all.xsd").write_text(f'<xs:schema xmlns:xs="{XS}">{imports}</xs:schema>', encoding="utf-8")
    return etree.XMLSchema(etree.parse(str(tmp / "all.xsd")))


def _allow_xml_space(sml: Path) -> None:
    """<t> as Office writes it: a string that may carry xml:space."""
    tree = etree.parse(str(sml))
    root = tree.getroot()
    xml_ns = "http://www.w3.org/XML/1998/namespace"
    root.insert(0, etree.Element(f"{{{XS}}}import", namespace=xml_ns, schemaLocation="xml.xsd"))
    for el in root.iter(f"{{{XS}}}element"):
        if el.get("name") == "t" and el.get("type") == "s:ST_Xstring":
            del el.attrib["type"]
            content = etree.SubElement(etree.SubElement(el, f"{{{XS}}}complexType"), f"{{{XS}}}simpleContent")
            extension = etree.SubElement(content, f"{{{XS}}}extension", base="s:ST_Xstring")
            etree.SubElement(extension, f"{{{XS}}}attribute", ref="xml:space")
    tree.write(str(sml))


def _without_ignorable(root):
    """Markup compatibility: what mc:Ignorable lists is for readers that know it; drop it."""
    ignorable = (root.get(f"{{{MC}}}Ignorable") or "").split()
    skip = {root.nsmap.get(prefix) for prefix in ignorable} | {MC}
    if skip == {MC} and root.get(f"{{{MC}}}Ignorable") is None:
        return root
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if etree.QName(el).namespace in skip and el.getparent() is not None:
            el.getparent().remove(el)
            continue
        for key in list(el.attrib):
            if etree.QName(key).namespace in skip:
                del el.attrib[key]
    return root


def package_problems(path: Path) -> Problems:
    """(c) content types, relationship targets, unique Ids, r:ids that resolve."""
    found: Problems = Counter()
    package = parts(path)
    types = etree.fromstring(package["[Content_Types].xml"])
    defaults = {el.get("Extension", "").lower() for el in types.iter(CT + "Default")}
    overrides = {el.get("PartName", "").lstrip("/").lower() for el in types.iter(CT + "Override")}
    for name in package:
        extension = name.rsplit(".", 1)[-1].lower()
        if name != "[Content_Types].xml" and name.lower() not in overrides and extension not in defaults:
            found[(name, "no content type")] += 1
    for name in sorted(overrides - {n.lower() for n in package}):
        found[("[Content_Types].xml", f"override for a part that is not there: {name}")] += 1
    for name in [n for n in package if n.endswith(".rels")]:
        source = _source_of(name)
        ids = Counter()
        for rel in etree.fromstring(package[name]).iter(PKG_REL):
            ids[rel.get("Id")] += 1
            if rel.get("TargetMode") != "External":
                target = _resolve(source, rel.get("Target", ""))
                if target not in package:
                    found[(name, f"target {target} is not in the package")] += 1
        found.update((name, f"Id {i} used {n} times") for i, n in ids.items() if n > 1)
        if source in package and not source.endswith(".rels"):
            used = _used_rids(package[source])
            found.update((source, f"r:id {rid} is not a relationship of the part") for rid in used - set(ids))
    return found


def _used_rids(data: bytes) -> set[str]:
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError:
        return set()
    return {str(v) for v in root.xpath("//@*[namespace-uri()=$ns]", ns=R)}


def _source_of(rels: str) -> str:
    folder, name = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), name.removesuffix(".rels")) if name != ".rels" else ""


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _write_zip(path: Path, content: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in content.items():
            z.writestr(name, data)
