"""The xlwings.conf sheet: which Python the ribbon buttons run, as xlwings' VBA reads it.

xlwings reads keys from A1 down to the first blank cell in column A and each value from
column B beside it, so the settings are one unbroken block from A1 and the notes sit below
a blank row. The sheet is Python's: `smep setup-excel` rewrites its cells, nothing else.
"""

from __future__ import annotations

from smep_xl import layout as L
from smep_xl.ooxml import order, package, xml
from smep_xl.ooxml.cells import cell_xml
from smep_xl.ooxml.parts import PartStore, serialise_like

SHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
WORKBOOK = "xl/workbook.xml"

DEFAULT_SETTINGS: tuple[tuple[str, object], ...] = (
    (L.XLC_INTERPRETER_WIN, ""),  # blank: "python" on the PATH
    (L.XLC_INTERPRETER_MAC, ""),
    (L.XLC_PYTHONPATH, ""),
    (L.XLC_CONDA_PATH, ""),
    (L.XLC_CONDA_ENV, ""),
    (L.XLC_UDF_MODULES, ""),
    (L.XLC_DEBUG_UDFS, False),  # xlwings reads these three as True/False: never leave them blank
    (L.XLC_USE_UDF_SERVER, False),
    (L.XLC_SHOW_CONSOLE, False),
)
NOTES = (
    "Settings for the SMEP ribbon buttons, read by xlwings when a button runs Python.",
    "Fill them in with:  smep setup-excel <this workbook>  (it writes the Python it runs from).",
    "Interpreter_Win: the python.exe that has smep-xl installed (blank: python on the PATH).",
    "PYTHONPATH: a folder holding the smep_xl package, when it is not installed into that Python.",
    "Keep the settings in one block from A1 down: xlwings stops reading at the first blank row.",
)


def merge_settings(current: list[tuple[str, object]], updates: dict[str, object]) -> list[tuple[str, object]]:
    """current with updates applied by key (any case); new keys join the end of the block."""
    out = list(current)
    for key, value in updates.items():
        at = next((i for i, (k, _) in enumerate(out) if k.upper() == key.upper()), None)
        if at is None:
            out.append((key, value))
        else:
            out[at] = (out[at][0], value)
    return out


def settings_from_grid(grid: list[list]) -> list[tuple[str, object]]:
    """The key/value block as xlwings reads it: from A1 down to the first blank key."""
    out = []
    for row in grid:
        key = str(row[0]).strip() if row and row[0] not in (None, "") else ""
        if not key:
            break
        out.append((key, row[1] if len(row) > 1 and row[1] != "" else ""))
    return out


def sheet_data(settings: list[tuple[str, object]]) -> bytes:
    rows = [_row(i, [key, value]) for i, (key, value) in enumerate(settings, 1)]
    start = len(settings) + 2
    rows += [_row(start + i, [note]) for i, note in enumerate(NOTES)]
    return ("<sheetData>" + "".join(rows) + "</sheetData>").encode()


def dimension(settings: list[tuple[str, object]]) -> str:
    return f"A1:B{len(settings) + 1 + len(NOTES)}"


def conf_sheet_xml(settings: list[tuple[str, object]]) -> bytes:
    head = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{xml.MAIN}" '
        f'xmlns:r="{xml.R}"><dimension ref="{dimension(settings)}"/><sheetViews><sheetView '
        'workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="1" '
        'width="22" customWidth="1"/><col min="2" max="2" width="60" customWidth="1"/></cols>'
    )
    tail = (
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
    )
    return head.encode() + sheet_data(settings) + tail.encode()


def patch_conf_sheet(sheet: bytes, settings: list[tuple[str, object]]) -> bytes:
    """The sheet's cells replaced; its code name, views and widths kept as they were."""
    root = xml.parse(sheet)
    fresh = xml.parse(f'<sheetData xmlns="{xml.MAIN}">'.encode() + sheet_data(settings)[len("<sheetData>") :])
    old = root.find(xml.q(xml.MAIN, "sheetData"))
    if old is None:
        xml.insert_in_order(root, fresh, order.WORKSHEET)
    else:
        root.replace(old, fresh)  # old is one of root's own children
    found = root.find(xml.q(xml.MAIN, "dimension"))
    if found is None:
        found = root.makeelement(xml.q(xml.MAIN, "dimension"), {})
        xml.insert_in_order(root, found, order.WORKSHEET)
    found.set("ref", dimension(settings))
    return serialise_like(root, sheet)


def add_conf_sheet(parts: PartStore) -> str:
    """Add a hidden xlwings.conf sheet after the others (its part, relationship, content type
    and entry in the workbook); returns its part name."""
    part = package.free_part_name(parts, "xl/worksheets/sheet{}.xml")
    parts.write(part, conf_sheet_xml(list(DEFAULT_SETTINGS)))
    rid = package.add_relationship(parts, WORKBOOK, package.REL_WORKSHEET, "/" + part)
    book = parts.parse(WORKBOOK)
    sheets = book.find(xml.q(xml.MAIN, "sheets"))
    ids = [int(s.get("sheetId", 0)) for s in sheets.iter(xml.q(xml.MAIN, "sheet"))]
    attributes = {"name": L.XLWINGS_CONF, "sheetId": str(max(ids, default=0) + 1), "state": "hidden"}
    sheets.append(
        sheets.makeelement(xml.q(xml.MAIN, "sheet"), {**attributes, xml.q(xml.R, "id"): rid}, {"r": xml.R})
    )
    parts.write_xml(WORKBOOK, book)
    package.set_content_type(parts, part, SHEET_CT)
    return part


def conf_part(parts: PartStore) -> str | None:
    """Where the xlwings.conf sheet lives, or None."""
    for sheet in parts.parse(WORKBOOK).iter(xml.q(xml.MAIN, "sheet")):
        if sheet.get("name") == L.XLWINGS_CONF:
            rid = sheet.get(xml.q(xml.R, "id"))
            found = [rel.target for rel in package.relationships(parts, WORKBOOK) if rel.id == rid]
            return found[0] if found else None
    return None


def _row(number: int, values: list[object]) -> str:
    cells = "".join(cell_xml(f"{col}{number}", v) for col, v in zip("AB", values, strict=False))
    return f'<row r="{number}">{cells}</row>'
