"""Copy the reference pages in docs/ into README.md, between their include markers.

    python tools/build_readme.py          # rewrite README.md
    python tools/build_readme.py --check  # exit 1 if README.md is out of date

docs/ holds one page per capability (docs/checks.md is itself generated from the checks
registry); the README carries the same text so everything is on one page.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = re.compile(r"(<!-- include (docs/[\w.-]+) -->\n).*?(<!-- end include -->)", re.S)


def demoted(text: str) -> str:
    """The page without its title, headings one level down, under the README's own heading."""
    text = re.sub(r"\A# .*\n+", "", text)
    return re.sub(r"^(#+) ", lambda m: "#" + m.group(1) + " ", text, flags=re.M).strip() + "\n"


def built(readme: str) -> str:
    return MARKER.sub(
        lambda m: m.group(1) + demoted((ROOT / m.group(2)).read_text(encoding="utf-8")) + m.group(3), readme
    )


def main(argv: list[str]) -> int:
    path = ROOT / "README.md"
    current = path.read_text(encoding="utf-8")
    fresh = built(current)
    if "--check" in argv:
        return 0 if fresh == current else 1
    path.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
