"""smep-xl: the school music education plan (SMEP) workbook, with Python behind it."""

__version__ = "0.1.0"
