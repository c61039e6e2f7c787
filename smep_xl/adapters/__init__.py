"""Ways to hold a workbook: a file on disk, a live Excel book, memory (for tests)."""
