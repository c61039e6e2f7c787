"""Children in the order the schema's sequence gives them, where a writer got it wrong.

Excel and the Open XML SDK read a sequence strictly: a font whose <color> comes before its
<sz> (as openpyxl writes it) is reported as invalid and may be repaired on opening.
"""

from __future__ import annotations

from typing import Any

from smep_xl.ooxml import xml

# CT_Font (fonts of cell styles and of conditional formats' dxfs).
FONT = (
    "b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color",
    "name", "family", "charset", "scheme",
)  # fmt: skip
# CT_Worksheet: where an element goes among a sheet's children.
WORKSHEET = (
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
    "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
    "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations",
    "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
    "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing",
    "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts",
    "extLst",
)  # fmt: skip


def order_children(parent: Any, order: tuple[str, ...]) -> bool:
    """Sort parent's children into the sequence's order (a stable sort: repeated or unknown
    elements keep their places relative to each other, unknown ones last); True if it moved any."""
    rank = {name: i for i, name in enumerate(order)}
    last = len(order)

    def place(child: Any) -> int:
        return rank.get(xml.local(child), last) if isinstance(child.tag, str) else last

    children = list(parent)
    ranked = sorted(children, key=place)
    if ranked == children:
        return False
    parent[:] = ranked
    return True


def order_fonts(styles: Any) -> bool:
    """Every font of a styles part (cell styles' and dxfs') in CT_Font order; True if any moved."""
    moved = False
    for font in styles.iter(xml.q(xml.MAIN, "font")):
        moved = order_children(font, FONT) or moved
    return moved
