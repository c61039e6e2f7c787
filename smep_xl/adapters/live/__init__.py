"""A workbook open in Excel, through xlwings: whole tables read and written one call each."""
