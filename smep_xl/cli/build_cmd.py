"""`smep build-workbook` and `smep setup-excel` (the Excel ribbon workbook)."""

COMMANDS: list = []
