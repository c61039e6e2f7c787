"""How the sheets Python writes print: landscape on A4, one page wide, the header row repeated
on every page (the workbook name _xlnm.Print_Titles), and a footer with the sheet's name and
the page number.

A sheet that has print settings of its own keeps them: these are added only where a sheet
says nothing (a new Findings or Letter Log sheet, a Dashboard drawn for the first time).
"""

from __future__ import annotations

from collections.abc import Mapping

from smep_xl import layout as L
from smep_xl.adapters.xlsx.highlight import WORKBOOK_ORDER
from smep_xl.adapters.xlsx.structure import WORKBOOK_PART
from smep_xl.ooxml import xml
from smep_xl.ooxml.sheet import SHEET_PR_ORDER, Worksheet

FOOTER = "&L&A&RPage &P of &N"  # Excel's codes: sheet name on the left, "Page 2 of 5" on the right
PRINT_TITLES = "_xlnm.Print_Titles"
MARGINS = {"left": "0.4", "right": "0.4", "top": "0.5", "bottom": "0.6", "header": "0.3", "footer": "0.3"}
PAGE = {"paperSize": "9", "orientation": "landscape", "fitToWidth": "1", "fitToHeight": "0"}
# The output sheets' columns (in characters), wide enough for what Python writes in them; the
# long texts wrap. `smep new` sizes them so, and so does a sheet added to a workbook made elsewhere.
OUTPUT_WIDTHS = {
    L.FINDINGS: {
        L.FND_SEVERITY: 10, L.FND_SHEET: 12, L.FND_CELL: 18, L.FND_ROW: 7, L.FND_COLUMN: 20,
        L.FND_CODE: 34, L.FND_MESSAGE: 60, L.FND_SUGGESTION: 50,
    },
    L.LETTER_LOG: {
        L.LOG_AT: 17, L.LOG_URN: 9, L.LOG_SCHOOL: 36, L.LOG_VISIT: 11, L.LOG_FILE: 64, L.LOG_TEMPLATE: 24,
        L.LOG_STATUS: 10,
    },
    L.HISTORY: {  # wide enough for a date, a label and a school's name
        L.HIS_SNAPSHOT: 14, L.HIS_AS_OF: 11, L.HIS_TAKEN: 17, L.HIS_KIND: 9, L.HIS_NAME: 40, L.HIS_URN: 9,
        L.HIS_FIGURE: 9, L.HIS_COUNTED: 9, L.HIS_BASE: 8, L.HIS_TARGET: 8, L.HIS_DUE: 11, L.HIS_STATUS: 10,
        L.HIS_OPEN: 7, L.HIS_VISITS: 7, L.HIS_LAST_VISIT: 11, L.HIS_VISITED_Y1: 9, L.HIS_VISITED_PLAN: 9,
        L.HIS_TARGETED: 10,
    },
}  # fmt: skip
OUTPUT_WRAPS = {
    L.FINDINGS: (L.FND_COLUMN, L.FND_MESSAGE, L.FND_SUGGESTION),
    L.LETTER_LOG: (L.LOG_SCHOOL, L.LOG_FILE, L.LOG_TEMPLATE),
}


def page_setup_xml(footer: str = FOOTER) -> str:
    """pageMargins, pageSetup and headerFooter, in CT_Worksheet's order."""
    margins = " ".join(f'{k}="{v}"' for k, v in MARGINS.items())
    page = " ".join(f'{k}="{v}"' for k, v in PAGE.items())
    return (
        f"<pageMargins {margins}/><pageSetup {page}/>"
        f"<headerFooter><oddFooter>{xml.clean(footer).replace('&', '&amp;')}</oddFooter></headerFooter>"
    )


def with_print_setup(data: bytes, widths: Mapping[int, tuple[float, int | None]] | None = None) -> bytes:
    """The sheet, with column widths (and styles), landscape one-page-wide setup and the footer
    where it has none of its own (a sheet with any page setup of its own is left as it is)."""
    sheet = Worksheet(data)
    if sheet.find("pageSetup") is not None:
        return data
    if widths and sheet.find("cols") is None:
        cols = sheet.place(sheet.element("cols"))
        for col, (width, style) in sorted(widths.items()):
            attrib = {"min": str(col), "max": str(col), "width": f"{width:g}", "customWidth": "1"}
            if style is not None:
                attrib["style"] = str(style)
            cols.append(cols.makeelement(xml.q(xml.MAIN, "col"), attrib))
    view = sheet.find("sheetViews")
    if view is not None and len(view) and not len(view[0]):  # the header row stays in view
        pane = {"ySplit": "1", "topLeftCell": "A2", "activePane": "bottomLeft", "state": "frozen"}
        view[0].append(view[0].makeelement(xml.q(xml.MAIN, "pane"), pane))
    pr = sheet.find("sheetPr")
    if pr is None:
        pr = sheet.place(sheet.element("sheetPr"))
    fit = pr.find(xml.q(xml.MAIN, "pageSetUpPr"))
    if fit is None:
        fit = pr.makeelement(xml.q(xml.MAIN, "pageSetUpPr"), {})
        xml.insert_in_order(pr, fit, SHEET_PR_ORDER)
    fit.set("fitToPage", "1")
    sheet.remove("pageMargins")
    sheet.place(sheet.element("pageMargins", MARGINS))
    sheet.place(sheet.element("pageSetup", PAGE))
    footer = sheet.place(sheet.element("headerFooter"))
    footer.append(footer.makeelement(xml.q(xml.MAIN, "oddFooter"), {}))
    footer[0].text = FOOTER
    return sheet.to_bytes()


def ensure_print_titles(pkg, sheet: str, rows: str = "$1:$1") -> None:
    """A sheet's rows repeated at the top of each printed page, unless it names its own."""
    root = pkg.parse(WORKBOOK_PART)
    sheets = root.find(xml.q(xml.MAIN, "sheets"))
    names = [s.get("name") for s in sheets] if sheets is not None else []
    if sheet not in names:
        return
    index = str(names.index(sheet))
    holder = root.find(xml.q(xml.MAIN, "definedNames"))
    if holder is None:
        holder = root.makeelement(xml.q(xml.MAIN, "definedNames"), {})
        xml.insert_in_order(root, holder, WORKBOOK_ORDER)
    if any(el.get("name") == PRINT_TITLES and el.get("localSheetId") == index for el in holder):
        return
    el = holder.makeelement(xml.q(xml.MAIN, "definedName"), {"name": PRINT_TITLES, "localSheetId": index})
    quoted = sheet if sheet.isalnum() else "'" + sheet.replace("'", "''") + "'"
    el.text = f"{quoted}!{rows}"
    holder.append(el)
    pkg.write_xml(WORKBOOK_PART, root)
