"""Word templates for the engine tests, each made with python-docx for one feature
(`<feature>_tpl.docx`), with data to render it, and a reader of a .docx's text."""

from __future__ import annotations

import base64
import io
import zipfile
from pathlib import Path

import docx
from docx.shared import Cm

# A 1x1 PNG, for the picture template.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
SPECIAL = 'Tom & Jerry\'s <Junior> "School"'


def plain_tpl(path: Path) -> dict:
    d = docx.Document()
    d.add_paragraph("Dear {{ head }},")
    p = d.add_paragraph("School: ")
    p.add_run("{{ sch").bold = True  # a field split over two runs, as Word often saves it
    p.add_run("ool }} (URN {{ urn }})")
    d.add_paragraph("Score {{ score }}; upper {{ school|upper }}; {{ missing_is_blank }}")
    d.save(path)
    return {"head": "Mrs O'Neil", "school": SPECIAL, "urn": 100001, "score": 2.88, "missing_is_blank": ""}


def table_tpl(path: Path) -> dict:
    d = docx.Document()
    t = d.add_table(rows=0, cols=3)
    for texts in (
        ["Criterion", "Score", "RAG"],
        ["{%tr for c in criteria %}", "", ""],
        ["{{ c.name }}", "{{ c.score }}", "{% cellbg c.colour %}{{ c.rag }}"],
        ["{%tr endfor %}", "", ""],
    ):
        cells = t.add_row().cells
        for cell, text in zip(cells, texts, strict=True):
            cell.text = text
    d.add_paragraph("{{ criteria|length }} criteria")
    d.save(path)
    return {
        "criteria": [
            {"name": "Leadership & <vision>", "score": 4, "rag": "Green", "colour": "C6EFCE"},
            {"name": "Singing", "score": 1, "rag": "Red", "colour": "FFC7CE"},
            {"name": "Teaching", "score": "", "rag": "", "colour": "FFFFFF"},
        ]
    }


def header_footer_tpl(path: Path) -> dict:
    d = docx.Document()
    section = d.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "First page: {{ hub }}"
    section.header.paragraphs[0].text = "Header {{ hub }} | {{ school }}"
    section.footer.paragraphs[0].text = "Footer {{ school }} (URN {{ urn }})"
    for n in range(60):
        d.add_paragraph(f"Line {n} for {{{{ school }}}}")
    d.save(path)
    return {"hub": "Leicester-Shire & Rutland Hub", "school": SPECIAL, "urn": "100002"}


def conditional_tpl(path: Path) -> dict:
    d = docx.Document()
    for text in (
        "{%p if targeted %}",
        "Targeted support for {{ school }}.",
        "{%p else %}",
        "No targeted support.",
        "{%p endif %}",
        "{%p for s in strengths %}",
    ):
        d.add_paragraph(text)
    d.add_paragraph("{{ loop.index }}. {{ s }}", style="List Bullet")
    for text in (
        "{%p endfor %}",
        "{%p if award %}",
        "Award: {{ award }}",
        "{%p endif %}",
        "Trend {% if trend == 'Improving' %}up{% else %}not up{% endif %}.",
    ):
        d.add_paragraph(text)
    d.save(path)
    return {
        "targeted": True,
        "school": SPECIAL,
        "award": "",
        "trend": "Improving",
        "strengths": ["Singing & <assemblies>", "{{ school }} and {% if x %}", '=HYPERLINK("http://x","y")'],
    }


def breaks_tpl(path: Path) -> dict:
    d = docx.Document()
    d.add_paragraph("Address: {{ address }}")
    d.add_paragraph("Notes: {{ notes }}")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "{{ address }}"
    t.cell(0, 1).text = "Tabbed {{ tabbed }}"
    d.save(path)
    return {"address": "Church Lane\nQuorn\nLoughborough LE11 2AB", "notes": "one line", "tabbed": "a\tb"}


def columns_tpl(path: Path) -> dict:
    """A {%tc for %} loop: as many columns as terms (docxtpl then repairs the table grid)."""
    d = docx.Document()
    t = d.add_table(rows=2, cols=4)
    for row, texts in enumerate(
        (
            ["School", "{%tc for term in terms %}", "{{ term }}", "{%tc endfor %}"],
            ["{{ school }}", "{%tc for term in terms %}", "x", "{%tc endfor %}"],
        )
    ):
        for col, text in enumerate(texts):
            t.cell(row, col).text = text
    d.save(path)
    return {"school": SPECIAL, "terms": ["Autumn", "Spring", "Summer", "Extra"]}


def picture_tpl(path: Path) -> dict:
    d = docx.Document()
    d.add_paragraph("{%p for s in schools %}")
    d.add_paragraph("{{ s }}")
    d.add_picture(io.BytesIO(PIXEL), width=Cm(1))
    d.add_paragraph("{%p endfor %}")
    d.save(path)
    return {"schools": ["Abbey", "Brook", "Castle"]}


TEMPLATES = {
    f.__name__.removesuffix("_tpl"): f
    for f in (plain_tpl, table_tpl, header_footer_tpl, conditional_tpl, breaks_tpl, columns_tpl, picture_tpl)
}


def make(feature: str, folder: Path) -> tuple[Path, dict]:
    path = folder / f"{feature}_tpl.docx"
    return path, TEMPLATES[feature](path)


def document_text(source) -> list[str]:
    """Every piece of text a reader sees, in order: body paragraphs and table cells, then
    each section's headers and footers."""
    d = docx.Document(source)
    out = []
    for block in d.iter_inner_content():
        if isinstance(block, docx.table.Table):
            for row in block.rows:
                out.append(" | ".join(c.text for c in row.cells))
        else:
            out.append(block.text)
    for s in d.sections:
        for part in (s.first_page_header, s.header, s.footer, s.first_page_footer):
            if not part.is_linked_to_previous:
                out += [p.text for p in part.paragraphs]
    return out


def xml_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.endswith((".xml", ".rels"))}
