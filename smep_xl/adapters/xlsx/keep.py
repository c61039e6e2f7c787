"""A rewritten sheet keeps the settings staff gave the old one.

The Dashboard is drawn afresh on every refresh, but its protection, tab colour, zoom and
view, and print setup (margins, page setup, print options, header and footer) belong to
whoever set them: the old sheet's settings win, and the freshly drawn sheet's own defaults
fill only what the old sheet did not say. Running it twice gives the same sheet.
"""

from __future__ import annotations

import copy

from lxml import etree

from smep_xl.ooxml import xml
from smep_xl.ooxml.sheet import SHEET_PR_ORDER, Worksheet

KEPT = (
    "sheetPr",
    "sheetViews",
    "sheetProtection",
    "printOptions",
    "pageMargins",
    "pageSetup",
    "headerFooter",
)
_ORDERS = {"sheetPr": SHEET_PR_ORDER}


def keep_sheet_settings(old: bytes, new: bytes) -> bytes:
    """new, with each setting element of old laid over its own (old wins, new fills gaps)."""
    before, after = Worksheet(old), Worksheet(new)
    changed = False
    for tag in KEPT:
        theirs = before.find(tag)
        if theirs is None:
            continue
        ours = after.find(tag)
        after.replace(overlay(theirs, ours) if ours is not None else copy.deepcopy(theirs))
        changed = True
    return after.to_bytes() if changed else new


def overlay(theirs: etree._Element, ours: etree._Element) -> etree._Element:
    """A copy of theirs, with ours' attributes and child elements added where theirs has none."""
    out = copy.deepcopy(theirs)
    for key, value in ours.attrib.items():
        if key not in out.attrib:
            out.set(key, value)
    order = _ORDERS.get(xml.local(theirs), ())
    for child in ours:
        if not isinstance(child.tag, str):
            continue
        match = out.find(child.tag)
        if match is not None:
            match.addnext(overlay(match, child))
            out.remove(match)
        elif order:
            xml.insert_in_order(out, copy.deepcopy(child), order)
        else:
            out.append(copy.deepcopy(child))
    return out
