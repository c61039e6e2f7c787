"""How every sheet of a new workbook prints, set with openpyxl: landscape A4, as many pages across
as keep it readable (one for most; the key columns repeated on each when more), the header row on
every page (_xlnm.Print_Titles), and a footer with the sheet's name and the page number. The
Dashboard placeholder gets the Dashboard's own setup, which Refresh keeps."""

from __future__ import annotations

from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties

from smep_xl.adapters.new_workbook.plan import SheetPlan
from smep_xl.adapters.xlsx.print_setup import MARGINS

DASHBOARD_TITLES = "1:2"  # the title and as-of rows, as the Dashboard Refresh draws prints them
DASHBOARD_TAB = "FF1F4E78"


def print_setup(ws, plan: SheetPlan | None) -> None:
    """plan None: the Dashboard placeholder."""
    pages = plan.pages_wide() if plan is not None else 1
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = pages
    ws.page_setup.fitToHeight = 0
    if pages > 1:
        ws.page_setup.pageOrder = "overThenDown"  # a band of rows, its pages side by side, then the next
        if plan.title_columns:
            ws.print_title_cols = plan.title_columns
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(**{k: float(v) for k, v in MARGINS.items()})
    ws.oddFooter.left.text = "&A"
    ws.oddFooter.right.text = "Page &P of &N"
    ws.print_title_rows = "1:1" if plan is not None else DASHBOARD_TITLES
    if plan is None:
        ws.sheet_properties.tabColor = DASHBOARD_TAB
