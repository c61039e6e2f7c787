"""`smep upgrade`: a workbook of an earlier contract brought up to this one, by addition only."""
