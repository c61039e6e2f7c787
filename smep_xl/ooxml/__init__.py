"""Office Open XML, once: cell references, values as cells, dates, escaping, zip and atomic writes.

Every writer of .xlsx, .xlsm and .docx files uses these modules; nothing else in the project
builds a cell, converts a date or writes a zip. This package imports nothing of the project's,
so it sits below everything (the domain uses its cell references too).
"""
