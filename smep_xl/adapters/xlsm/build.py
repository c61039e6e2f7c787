"""Build the master .xlsm: `smep new`'s workbook + xlwings' VBA + our macros + the SMEP ribbon.

Everything is done on the zip's parts, never through openpyxl (which drops the ribbon's
relationship on save). Steps, in order:
1. the workbook from `smep new`, with a hidden xlwings.conf sheet added;
2. made macro-enabled (its main part's content type);
3. a VBA project added by pyOpenVBA: document modules for the workbook and each sheet,
   xlwings' standalone modules, then every macros/*.bas;
4. the ribbon part customUI/customUI14.xml and its package relationship, added last so no
   earlier step can lose it.
The zip is written deterministically (see xlsm_zip), so the same inputs give the same file.
"""

from __future__ import annotations

import glob
import os
import re
import tempfile
from xml.etree import ElementTree

from smep_xl.adapters.xlsm import conf as xlsm_conf
from smep_xl.adapters.xlsm import vba as xlsm_vba
from smep_xl.adapters.xlsm import zip_parts as xlsm_zip
from smep_xl.errors import SmepError

RIBBON_PART = "customUI/customUI14.xml"
RIBBON_FILE = "customUI14.xml"
RIBBON_REL_ID = "smepRibbon"
REL_RIBBON = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
CT_XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
VBA_PART = "xl/vbaProject.bin"


def macros_dir() -> str:
    """macros/ beside the smep_xl package: the Excel side, kept as text in the source tree."""
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    return os.path.join(here, "macros")


def build_master(out_path: str, source_workbook_path: str, macros: str | None = None) -> str:
    """Write the master .xlsm at out_path from a workbook `smep new` wrote; returns out_path."""
    macros = macros or macros_dir()
    bas_files = sorted(glob.glob(os.path.join(macros, "*.bas")))
    ribbon_path = os.path.join(macros, RIBBON_FILE)
    if not bas_files or not os.path.exists(ribbon_path):
        raise SmepError(
            f"{macros} must hold the VBA module (*.bas) and {RIBBON_FILE}: build the workbook from "
            "the smep-xl source folder."
        )
    parts = xlsm_zip.read_parts(source_workbook_path)
    if "xl/workbook.xml" not in parts:
        raise SmepError(
            f"{os.path.basename(source_workbook_path)} is not an Excel workbook (no xl/workbook.xml)."
        )
    if VBA_PART in parts:
        raise SmepError(
            f"{os.path.basename(source_workbook_path)} already holds macros; build from the .xlsx "
            "that 'smep new' writes."
        )
    if xlsm_conf.conf_part(parts) is None:
        parts = xlsm_conf.add_conf_sheet(parts)
    parts = macro_enabled(parts)
    modules = xlsm_vba.xlwings_modules() + [xlsm_vba.bas_module(path) for path in bas_files]
    with tempfile.TemporaryDirectory(prefix="smep-build-") as tmp:
        plain, with_vba = os.path.join(tmp, "plain.xlsm"), os.path.join(tmp, "vba.xlsm")
        xlsm_zip.write_parts(plain, parts)
        xlsm_vba.add_vba_project(plain, with_vba, modules)
        parts = xlsm_zip.read_parts(with_vba)
    with open(ribbon_path, "rb") as fh:
        parts = with_ribbon(parts, fh.read())
    if "docProps/core.xml" in parts:
        parts["docProps/core.xml"] = xlsm_zip.fixed_core_properties(parts["docProps/core.xml"])
    xlsm_zip.write_parts(out_path, parts)
    return out_path


def macro_enabled(parts: dict[str, bytes]) -> dict[str, bytes]:
    """The workbook's main part declared macro-enabled, as an .xlsm must be."""
    types = parts[xlsm_zip.CONTENT_TYPES].decode()
    override = re.search(r'<Override\b[^>]*PartName="/xl/workbook\.xml"[^>]*/>', types)
    if override is None:
        raise SmepError("The workbook has no content type for xl/workbook.xml; it is damaged.")
    tag = re.sub(r'ContentType="[^"]*"', f'ContentType="{CT_XLSM_MAIN}"', override.group())
    parts = dict(parts)
    parts[xlsm_zip.CONTENT_TYPES] = (types[: override.start()] + tag + types[override.end() :]).encode()
    return parts


def with_ribbon(parts: dict[str, bytes], ribbon_xml: bytes) -> dict[str, bytes]:
    """parts with the ribbon part and, last in the package relationships, its relationship."""
    try:
        ElementTree.fromstring(ribbon_xml)
    except ElementTree.ParseError as exc:
        raise SmepError(f"{RIBBON_FILE} is not well-formed XML ({exc}).") from None
    parts = dict(parts)
    parts[RIBBON_PART] = ribbon_xml
    rels = parts[xlsm_zip.PACKAGE_RELS].decode()
    rels = re.sub(r'<Relationship\b[^>]*Type="' + re.escape(REL_RIBBON) + r'"[^>]*/>', "", rels)
    rel = f'<Relationship Id="{RIBBON_REL_ID}" Type="{REL_RIBBON}" Target="{RIBBON_PART}"/>'
    parts[xlsm_zip.PACKAGE_RELS] = rels.replace("</Relationships>", rel + "</Relationships>", 1).encode()
    return parts
