"""The master macro workbook: VBA project, ribbon and the xlwings.conf sheet."""
