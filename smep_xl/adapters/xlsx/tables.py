"""Table parts (xl/tables/tableN.xml) made and edited with lxml.

A table's autoFilter covers its header and data rows, never its totals row (as Excel keeps
it), and its column names are stored with Excel's _xHHHH_ escapes like the header cells.
"""

from __future__ import annotations

from smep_xl.ooxml import xml
from smep_xl.ooxml.cells import excel_escape
from smep_xl.ooxml.refs import range_ref, split_ref

# CT_Table's sequence.
TABLE_ORDER = ("autoFilter", "sortState", "tableColumns", "tableStyleInfo", "extLst")


def new_table_xml(table_id: int, name: str, columns: tuple[str, ...], ref: str) -> bytes:
    root = xml.parse(f'<table xmlns="{xml.MAIN}"/>'.encode())
    for key, value in (("id", str(table_id)), ("name", name), ("displayName", name), ("ref", ref)):
        root.set(key, value)
    root.append(root.makeelement(xml.q(xml.MAIN, "autoFilter"), {"ref": ref}))
    root.append(root.makeelement(xml.q(xml.MAIN, "tableColumns"), {}))
    style = {
        "name": "TableStyleMedium2",
        "showFirstColumn": "0",
        "showLastColumn": "0",
        "showRowStripes": "1",
        "showColumnStripes": "0",
    }
    root.append(root.makeelement(xml.q(xml.MAIN, "tableStyleInfo"), style))
    set_columns(root, columns)
    return xml.serialise(root)


def set_ref(data: bytes, ref: str) -> bytes:
    """Point a table (and its autoFilter, less any totals row) at a new range."""
    root = xml.parse(data)
    found = root.find(xml.q(xml.MAIN, "autoFilter"))
    c1, r1, c2, r2 = split_ref(ref)
    totals = int(root.get("totalsRowCount", "0") or 0)
    filtered = range_ref(c1, r1, c2, max(r2 - totals, r1 + 1))
    if root.get("ref") == ref and (found is None or found.get("ref") == filtered):
        return data  # unchanged: the part keeps its bytes
    root.set("ref", ref)
    if found is not None:
        found.set("ref", filtered)
    return xml.serialise(root)


def set_columns(root, columns: tuple[str, ...]) -> None:
    """Replace the table's columns with these names, numbered 1, 2, ..."""
    holder = root.find(xml.q(xml.MAIN, "tableColumns"))
    if holder is None:
        holder = root.makeelement(xml.q(xml.MAIN, "tableColumns"), {})
        xml.insert_in_order(root, holder, TABLE_ORDER)
    for child in list(holder):
        holder.remove(child)
    for i, name in enumerate(columns, 1):
        holder.append(
            holder.makeelement(xml.q(xml.MAIN, "tableColumn"), {"id": str(i), "name": excel_escape(name)})
        )
    holder.set("count", str(len(columns)))


def with_columns(data: bytes, columns: tuple[str, ...]) -> bytes:
    root = xml.parse(data)
    holder = root.find(xml.q(xml.MAIN, "tableColumns"))
    have = (
        [(c.get("id"), c.get("name"), len(c), dict(c.attrib)) for c in holder] if holder is not None else []
    )
    want = [
        (str(i), excel_escape(n), 0, {"id": str(i), "name": excel_escape(n)})
        for i, n in enumerate(columns, 1)
    ]
    if have == want and holder is not None and holder.get("count") == str(len(columns)):
        return data  # unchanged: the part keeps its bytes
    set_columns(root, columns)
    return xml.serialise(root)


def add_column(data: bytes, name: str) -> bytes:
    """One more column at the right-hand end, with the next free id."""
    root = xml.parse(data)
    holder = root.find(xml.q(xml.MAIN, "tableColumns"))
    if holder is None:
        set_columns(root, (name,))
        return xml.serialise(root)
    ids = [int(c.get("id", "0")) for c in holder if str(c.get("id", "")).isdigit()]
    holder.append(
        holder.makeelement(
            xml.q(xml.MAIN, "tableColumn"), {"id": str(max(ids or [0]) + 1), "name": excel_escape(name)}
        )
    )
    holder.set("count", str(len(holder)))
    return xml.serialise(root)
