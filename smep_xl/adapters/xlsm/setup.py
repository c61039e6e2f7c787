"""`smep setup-excel`: write the ribbon's Python settings into a workbook's xlwings.conf sheet.

Only that sheet's part changes; every other part of the file is copied byte for byte and the
new file replaces the old one atomically (the file adapter's Package does both).
"""

from __future__ import annotations

import os

from python_calamine import CalamineWorkbook

from smep_xl import layout as L
from smep_xl.adapters.xlsm import conf as xlsm_conf
from smep_xl.adapters.xlsx.opening import check_openable
from smep_xl.errors import SmepError
from smep_xl.ooxml.lock import WorkbookLock, lock_workbook
from smep_xl.ooxml.package import Package


def read_settings(path: str) -> list[tuple[str, object]]:
    """The key/value block of the workbook's xlwings.conf sheet, as xlwings reads it."""
    try:
        book = CalamineWorkbook.from_path(path)
        try:
            grid = book.get_sheet_by_name(L.XLWINGS_CONF).to_python(skip_empty_area=False)
        finally:
            book.close()
    except Exception as exc:  # noqa: BLE001 - calamine raises its own types for damaged files
        raise SmepError(
            f"The {L.XLWINGS_CONF} sheet of {os.path.basename(path)} cannot be read ({exc})."
        ) from None
    return xlsm_conf.settings_from_grid(grid)


def configure(path: str, updates: dict[str, object]) -> list[tuple[str, object]]:
    """Apply updates to the xlwings.conf sheet and save; returns the settings now in it."""
    name = os.path.basename(path)
    check_openable(path, for_writing=True)
    with lock_workbook(path) as lock:
        return _configure(path, name, updates, lock)


def _configure(
    path: str, name: str, updates: dict[str, object], lock: WorkbookLock
) -> list[tuple[str, object]]:
    pkg = Package(path)
    try:
        if not pkg.has("xl/vbaProject.bin"):
            raise SmepError(
                f"{name} has no macros, so it has no SMEP ribbon to set up. Use the master workbook "
                "(SMEP_Master.xlsm), or make one with: smep build-workbook SMEP_Master.xlsm"
            )
        part = xlsm_conf.conf_part(pkg)
        if part is None or not pkg.has(part):
            raise SmepError(
                f"{name} has no {L.XLWINGS_CONF} sheet. Make the master workbook again with "
                "'smep build-workbook', or add a sheet called xlwings.conf."
            )
        current = read_settings(path) or list(xlsm_conf.DEFAULT_SETTINGS)
        settings = xlsm_conf.merge_settings(current, updates)
        pkg.write(part, xlsm_conf.patch_conf_sheet(pkg.read(part), settings))
        lock.check()
        pkg.save()
    finally:
        pkg.close()
    return settings
