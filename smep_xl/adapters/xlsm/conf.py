"""The xlwings.conf sheet: which Python the ribbon buttons run, as xlwings' VBA reads it.

xlwings reads keys from A1 down to the first blank cell in column A and each value from
column B beside it, so the settings are one unbroken block from A1 and the notes sit below
a blank row. The sheet is Python's: `smep setup-excel` rewrites its cells, nothing else.
"""

from __future__ import annotations

import posixpath
import re
from xml.sax.saxutils import escape

from smep_xl import layout as L

SHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
REL_WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

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
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{NS_MAIN}" '
        f'xmlns:r="{NS_REL}"><dimension ref="{dimension(settings)}"/><sheetViews><sheetView '
        'workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="1" '
        'width="22" customWidth="1"/><col min="2" max="2" width="60" customWidth="1"/></cols>'
    )
    tail = (
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
    )
    return head.encode() + sheet_data(settings) + tail.encode()


def patch_conf_sheet(xml: bytes, settings: list[tuple[str, object]]) -> bytes:
    """The sheet's cells replaced; its code name, views and widths kept as they were."""
    data = sheet_data(settings)
    if re.search(rb"<(?:\w+:)?sheetData\s*/>", xml):
        xml = re.sub(rb"<(?:\w+:)?sheetData\s*/>", lambda _: data, xml, count=1)
    else:
        xml = re.sub(
            rb"<(?:\w+:)?sheetData\b.*?</(?:\w+:)?sheetData>", lambda _: data, xml, count=1, flags=re.S
        )
    ref = dimension(settings).encode()
    return re.sub(
        rb'(<(?:\w+:)?dimension ref=")[^"]*(")', lambda m: m.group(1) + ref + m.group(2), xml, count=1
    )


def add_conf_sheet(parts: dict[str, bytes]) -> dict[str, bytes]:
    """parts with a hidden xlwings.conf sheet after the others (its XML, relationship, content type)."""
    parts = dict(parts)
    number = 1
    while f"xl/worksheets/sheet{number}.xml" in parts:
        number += 1
    part = f"xl/worksheets/sheet{number}.xml"
    parts[part] = conf_sheet_xml(list(DEFAULT_SETTINGS))
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    rid = _free_rid(rels)
    rel = f'<Relationship Id="{rid}" Type="{REL_WORKSHEET}" Target="/{part}"/>'
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(
        "</Relationships>", rel + "</Relationships>", 1
    ).encode()
    book = parts["xl/workbook.xml"].decode()
    ids = [int(n) for n in re.findall(r'<sheet\b[^>]*\bsheetId="(\d+)"', book)]
    sheet = (
        f'<sheet xmlns:r="{NS_REL}" name="{L.XLWINGS_CONF}" sheetId="{max(ids, default=0) + 1}" '
        f'state="hidden" r:id="{rid}"/>'
    )
    parts["xl/workbook.xml"] = book.replace("</sheets>", sheet + "</sheets>", 1).encode()
    types = parts["[Content_Types].xml"].decode()
    override = f'<Override PartName="/{part}" ContentType="{SHEET_CT}"/>'
    parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>", 1).encode()
    return parts


def conf_part(parts: dict[str, bytes]) -> str | None:
    """Where the xlwings.conf sheet lives, or None."""
    book = parts["xl/workbook.xml"].decode()
    found = re.search(r'<sheet\b[^>]*\bname="' + re.escape(L.XLWINGS_CONF) + r'"[^>]*>', book)
    if not found:
        return None
    rid = re.search(r'\br:id="([^"]+)"', found.group()).group(1)
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    for tag in re.findall(r"<Relationship\b[^>]*>", rels):
        if f'Id="{rid}"' in tag:
            target = re.search(r'Target="([^"]+)"', tag).group(1)
            return (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join("xl", target))
            )
    return None


def _free_rid(rels: str) -> str:
    taken = set(re.findall(r'\bId="([^"]+)"', rels))
    n = 1
    while f"rId{n}" in taken:
        n += 1
    return f"rId{n}"


def _row(number: int, values: list[object]) -> str:
    cells = "".join(_cell(f"{col}{number}", v) for col, v in zip("AB", values, strict=False) if v != "")
    return f'<row r="{number}">{cells}</row>'


def _cell(ref: str, value: object) -> str:
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = escape(_printable(str(value)))
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _printable(text: str) -> str:
    """XML 1.0 cannot hold most control characters; a path never needs them."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 32)
