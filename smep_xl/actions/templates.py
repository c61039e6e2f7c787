"""Where a letter template named in Settings is found: one rule for Validate and for letters."""

from __future__ import annotations

from pathlib import Path

PROJECT_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def resolve_template(named: str, base: Path) -> Path:
    """The template from the workbook's folder. The usual name (templates/feedback_letter.docx)
    falls back to the project's own copy, as the demo needs; a template of the hub's own that
    is missing is reported, never silently replaced."""
    path = Path(named.strip() or ".")
    path = path if path.is_absolute() else base / path
    ours = PROJECT_TEMPLATES / Path(named.strip()).name
    if not path.is_file() and Path(named.strip()).parent == Path("templates") and ours.is_file():
        return ours
    return path
