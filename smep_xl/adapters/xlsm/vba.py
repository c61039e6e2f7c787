"""The workbook's VBA project, written with pyOpenVBA (no Excel needed).

The project is made the way Excel makes a first one (a document module for the workbook
and one per sheet, matching the sheets' code names), then given xlwings' standalone modules
exactly as the xlwings wheel ships them in quickstart_standalone.xlsm, then our modules
from macros/*.bas.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from smep_xl.errors import SmepError

XLWINGS_MODULES = ("xlwings", "Dictionary")  # what RunPython needs from the quickstart project
_VB_NAME = re.compile(r'^Attribute VB_Name = "([^"]+)"', re.M)


@dataclass(frozen=True)
class Module:
    name: str
    source: str
    standard: bool = True  # False: a class module


def quickstart_path() -> str:
    import xlwings

    path = os.path.join(os.path.dirname(xlwings.__file__), "quickstart_standalone.xlsm")
    if not os.path.exists(path):
        raise SmepError(f"The xlwings package has no quickstart_standalone.xlsm ({path}); reinstall xlwings.")
    return path


def xlwings_modules() -> list[Module]:
    """xlwings' own VBA, read from the standalone quickstart workbook its wheel ships."""
    from pyopenvba import ExcelFile, VBAModuleKind

    with ExcelFile(quickstart_path()) as book:
        project = book.vba_project()
        found = {m.name: m for m in project.modules}
        missing = [name for name in XLWINGS_MODULES if name not in found]
        if missing:
            raise SmepError(
                f"xlwings' quickstart_standalone.xlsm has no {', '.join(missing)} module; "
                "this xlwings version cannot be embedded."
            )
        return [
            Module(name, found[name].source, found[name].kind == VBAModuleKind.standard)
            for name in XLWINGS_MODULES
        ]


def bas_module(path: str) -> Module:
    """A .bas file as the VBA editor exports it; lines end CRLF inside the project."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    found = _VB_NAME.search(text)
    name = found.group(1) if found else os.path.splitext(os.path.basename(path))[0]
    source = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return Module(name, source, standard=True)


def add_vba_project(xlsm_in: str, xlsm_out: str, modules: list[Module]) -> None:
    """Give a macro-enabled workbook with no project one holding `modules`."""
    from pyopenvba import ExcelFile, VBAModuleKind

    with ExcelFile(xlsm_in) as book:
        project = book.add_vba_project()
        for module in modules:
            kind = VBAModuleKind.standard if module.standard else VBAModuleKind.other
            project.add_module(module.name, module.source, kind=kind)
        book.save(xlsm_out)
    with ExcelFile(xlsm_out) as built:
        problems = built.validate()
    if problems:
        raise SmepError("The VBA project could not be built: " + "; ".join(problems))
