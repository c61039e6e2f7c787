"""The master workbook: shipped with smep-xl as smep_xl.resources.workbooks."""
