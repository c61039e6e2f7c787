"""Validity of a written file by openxml-audit, a port of the Open XML SDK's validator.

Checked against Office 2007's schemas (the oldest Office the workbook and letters support),
which also catch what later versions catch: elements out of their schema order, unknown
attributes, bad values, broken relationships.
"""

from __future__ import annotations

from pathlib import Path

from openxml_audit import FileFormat, OpenXmlValidator


def problems(path: Path | str, file_format: FileFormat = FileFormat.OFFICE_2007) -> list[str]:
    """Every finding, one line each (an empty list: valid)."""
    result = OpenXmlValidator(file_format=file_format, max_errors=0).validate(str(path))
    return [str(error) for error in result.errors]
