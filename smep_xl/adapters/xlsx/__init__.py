"""A workbook file on disk: whole tables read fast, only what Python owns rewritten."""
