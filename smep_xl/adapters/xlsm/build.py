"""Build the master .xlsm: `smep new`'s workbook + xlwings' VBA + our macros + the SMEP ribbon.

Everything is done on the zip's parts, never through openpyxl (which drops the ribbon's
relationship on save). Steps, in order:
1. the workbook from `smep new`, with a hidden xlwings.conf sheet added;
2. made macro-enabled (its main part's content type);
3. a VBA project added by pyOpenVBA: document modules for the workbook and each sheet,
   xlwings' standalone modules, then every macros/*.bas;
4. the ribbon part customUI/customUI14.xml and its package relationship, added last so no
   earlier step can lose it.
Structural edits go through lxml (ooxml.package's helpers); untouched parts are copied raw.
The zip is written deterministically (fixed time stamps, [Content_Types].xml and the package
relationships first, every other part in name order), so the same inputs give the same file.
"""

from __future__ import annotations

import glob
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from smep_xl import resources
from smep_xl.adapters.xlsm import conf as xlsm_conf
from smep_xl.adapters.xlsm import vba as xlsm_vba
from smep_xl.errors import SmepError
from smep_xl.ooxml import package, xml
from smep_xl.ooxml.atomic import replace_file
from smep_xl.ooxml.parts import Parts, PartStore
from smep_xl.ooxml.zip import FIXED_TIME, ZipFormatError, ZipWriter

RIBBON_PART = "customUI/customUI14.xml"
RIBBON_FILE = "customUI14.xml"
RIBBON_REL_ID = "smepRibbon"
REL_RIBBON = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
CT_XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
VBA_PART = "xl/vbaProject.bin"
CORE_PART = "docProps/core.xml"
FIXED_STAMP = "2014-09-01T00:00:00Z"  # docProps created/modified: the build carries no clock time
DCTERMS = "http://purl.org/dc/terms/"


def macros_dir() -> str:
    """The Excel side shipped with smep-xl (macros/ in the source tree): VBA module and ribbon."""
    return str(resources.folder_path(resources.MACROS))


def build_master(out_path: str, source_workbook_path: str, macros: str | None = None) -> str:
    """Write the master .xlsm at out_path from a workbook `smep new` wrote; returns out_path."""
    macros = macros or macros_dir()
    bas_files = sorted(glob.glob(os.path.join(macros, "*.bas")))
    ribbon_path = os.path.join(macros, RIBBON_FILE)
    if not bas_files or not os.path.exists(ribbon_path):
        raise SmepError(
            f"{macros} must hold the VBA module (*.bas) and {RIBBON_FILE}; give a folder that does "
            "with --macros, or reinstall smep-xl."
        )
    with open(ribbon_path, "rb") as fh:
        ribbon_xml = fh.read()
    with tempfile.TemporaryDirectory(prefix="smep-build-") as tmp:
        plain, with_vba = os.path.join(tmp, "plain.xlsm"), os.path.join(tmp, "vba.xlsm")
        with _opened(source_workbook_path) as parts:
            _check_source(parts, source_workbook_path)
            if xlsm_conf.conf_part(parts) is None:
                xlsm_conf.add_conf_sheet(parts)
            macro_enabled(parts)
            with open(plain, "wb") as out:
                _write(out, parts)
        modules = xlsm_vba.xlwings_modules() + [xlsm_vba.bas_module(path) for path in bas_files]
        xlsm_vba.add_vba_project(plain, with_vba, modules)
        with _opened(with_vba) as parts:
            with_ribbon(parts, ribbon_xml)
            fix_core_properties(parts)
            os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
            replace_file(out_path, lambda out: _write(out, parts))
    return out_path


@contextmanager
def _opened(path: str) -> Iterator[Parts]:
    try:
        parts = Parts.open(path)
    except (OSError, ZipFormatError) as exc:
        raise SmepError(f"{os.path.basename(path)} is not an Excel workbook or is damaged ({exc}).") from None
    try:
        yield parts
    except (ZipFormatError, xml.XmlError) as exc:
        raise SmepError(
            f"{os.path.basename(path)} is damaged ({exc}); make it again with 'smep new'."
        ) from None
    finally:
        parts.close()


def _check_source(parts: Parts, path: str) -> None:
    if not parts.has("xl/workbook.xml"):
        raise SmepError(f"{os.path.basename(path)} is not an Excel workbook (no xl/workbook.xml).")
    if parts.has(VBA_PART):
        raise SmepError(
            f"{os.path.basename(path)} already holds macros; build from the .xlsx that 'smep new' writes."
        )


def ordered(names: list[str]) -> list[str]:
    """[Content_Types].xml and the package relationships first, then every part by name."""
    first = [n for n in (package.CONTENT_TYPES_PART, package.PACKAGE_RELS) if n in names]
    return first + sorted(n for n in names if n not in first)


def _write(out: BinaryIO, parts: Parts) -> None:
    """Every part in a fixed order with a fixed stamp: the same parts always give the same bytes."""
    writer = ZipWriter(out)
    for name in ordered(parts.names()):
        writer.add(parts.part(name, 6, FIXED_TIME))
    writer.close()


def macro_enabled(parts: PartStore) -> None:
    """The workbook's main part declared macro-enabled, as an .xlsm must be."""
    types = parts.parse(package.CONTENT_TYPES_PART)
    overrides = types.iter(xml.q(xml.CONTENT_TYPES, "Override"))
    if not any(el.get("PartName", "").lower() == "/xl/workbook.xml" for el in overrides):
        raise SmepError("The workbook has no content type for xl/workbook.xml; it is damaged.")
    package.set_content_type(parts, "xl/workbook.xml", CT_XLSM_MAIN)


def with_ribbon(parts: PartStore, ribbon_xml: bytes) -> None:
    """The ribbon part and, last in the package relationships, its relationship."""
    try:
        xml.parse(ribbon_xml)
    except xml.XmlError as exc:
        raise SmepError(f"{RIBBON_FILE} is not well-formed XML ({exc}).") from None
    parts.write(RIBBON_PART, ribbon_xml)
    package.remove_relationships(parts, "", lambda rel: rel.type == REL_RIBBON)
    package.add_relationship(parts, "", REL_RIBBON, RIBBON_PART, rid=RIBBON_REL_ID)


def fix_core_properties(parts: PartStore) -> None:
    """docProps/core.xml with its created/modified times set to one fixed stamp."""
    if not parts.has(CORE_PART):
        return
    root = parts.parse(CORE_PART)
    for tag in ("created", "modified"):
        for element in root.iter(xml.q(DCTERMS, tag)):
            element.text = FIXED_STAMP
    parts.write_xml(CORE_PART, root)
