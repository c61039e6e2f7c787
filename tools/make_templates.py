"""Build the two letter templates in templates/ (real Word documents staff then edit in Word).

    .venv/bin/python tools/make_templates.py

The templates use docxtpl's syntax ({{ field }}, {%p if %}, {%p for %}, {%tr for %},
{% cellbg %}); the fields are those of smep_xl/domain/letters/fields.py (docs/letters.md).
Control lines ({%p ...%}, {%tr ...%}) are grey so staff can tell them from letter text;
they vanish from the letters.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips

OUT = Path(__file__).resolve().parents[1] / "templates"
GREY, BLUE = RGBColor(0x80, 0x80, 0x80), RGBColor(0x1F, 0x3A, 0x68)  # grey: control lines only
KEY_GREY = RGBColor(0x40, 0x40, 0x40)  # the rating key: letter text, quieter than the body
HEADER_FILL = "D9E2F3"


def new_document(title: str) -> Document:
    """python-docx's blank document, minus parts a letter does not need, in a letter's shape."""
    doc = Document()
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            doc.part.rels.pop(rid)
    for rid, rel in list(doc.part.package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            doc.part.package.rels.pop(rid)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Arial")
    normal.paragraph_format.space_after = Pt(4)
    for name in ("List Bullet", "Header", "Footer"):
        doc.styles[name].font.name = "Arial"
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(1.8), Cm(2)
    props = doc.core_properties
    props.title, props.author = title, "SMEP workbook"
    props.comments = "Merge fields are listed in docs/letters.md. Grey lines are template control lines."
    return doc


def para(doc, text: str = "", *, bold=False, size=None, colour=None, align=None, style=None, after=None):
    p = doc.add_paragraph(style=style)
    if text:
        run = p.add_run(text)
        run.bold, run.font.color.rgb = bold, colour
        if size:
            run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    return p


def control(doc, text: str):
    """A template control line ({%p if x %}): grey and small, gone from the letters."""
    return para(doc, text, size=8, colour=GREY, after=0)


def heading(doc, text: str):
    p = para(doc, text, bold=True, size=12, colour=BLUE, after=3)
    p.paragraph_format.space_before = Pt(8)
    p.paragraph_format.keep_with_next = True
    return p


def bullet_section(doc, title: str, field: str, empty: str = "") -> None:
    """A heading and one bullet per line of a list field; only when the list has lines."""
    control(doc, f"{{%p if {field} %}}")
    heading(doc, title)
    control(doc, f"{{%p for line in {field} %}}")
    para(doc, "{{ line }}", style="List Bullet", after=2)
    control(doc, "{%p endfor %}")
    if empty:
        control(doc, "{%p else %}")
        heading(doc, title)
        para(doc, empty)
    control(doc, "{%p endif %}")


def shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def table(doc, widths: list[float], header: list[str] | None = None):
    t = doc.add_table(rows=0, cols=len(widths))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for col, width in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(Cm(width).twips))  # Word and LibreOffice both lay out from the grid
    if header:
        row = add_row(t, widths, header, bold=True)
        shade_row(row, HEADER_FILL)
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))  # repeats on each page
    return t


def add_row(t, widths: list[float], texts: list[str], bold=False, size=None):
    row = t.add_row()
    for cell, width, text in zip(row.cells, widths, texts, strict=True):
        cell.width = Cm(width)
        p = cell.paragraphs[0]
        p.paragraph_format.space_after = Pt(0)
        if text:
            run = p.add_run(text)
            run.bold = bold
            if size:
                run.font.size = Pt(size)
    return row


def shade_row(row, fill: str) -> None:
    for cell in row.cells:
        shade(cell, fill)


def control_row(t, widths: list[float], text: str) -> None:
    row = add_row(t, widths, [text] + [""] * (len(widths) - 1), size=8)
    row.cells[0].paragraphs[0].runs[0].font.color.rgb = GREY


def field(paragraph, instruction: str, shown: str = "1") -> None:
    """A Word field (PAGE, SECTIONPAGES) as Word writes it: begin, code, separate, result, end."""

    def run_with(child):
        run = paragraph.add_run()
        run._r.append(child)
        return run

    for kind, code in (("begin", None), (None, instruction), ("separate", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run_with(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {code} "
            run_with(instr)
    paragraph.add_run(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def footer(doc, text: str) -> None:
    """School name on the left, "Page n" on the right (counted per letter in a print pack)."""
    section = doc.sections[0]
    p = section.footer.paragraphs[0]
    width = section.page_width - section.left_margin - section.right_margin
    for inherited in (Twips(4680), Twips(9360)):  # the Footer style's centre and right tabs
        p.paragraph_format.tab_stops.add_tab_stop(inherited, WD_TAB_ALIGNMENT.CLEAR)
    p.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    p.add_run(text + "\tPage ")
    field(p, "PAGE")
    for run in p.runs:
        run.font.size, run.font.color.rgb = Pt(8), GREY


def letterhead(doc) -> None:
    para(doc, "{{ hub_name }}", bold=True, size=16, colour=BLUE, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    para(doc, "{{ hub_address }}", size=9, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    para(
        doc,
        "{% if hub_phone %}Tel {{ hub_phone }}{% endif %}{% if hub_phone and hub_email %}  |  {% endif %}"
        "{{ hub_email }}",
        size=9,
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        after=18,
    )


def feedback_letter() -> Document:
    doc = new_document("Feedback letter after a school music visit")
    letterhead(doc)
    para(doc, "{{ today }}", after=12)
    address = para(doc, "{{ head_name }}", after=0)
    for line in ("Headteacher", "{{ school }}", "{{ address }}", "{{ town }}  {{ postcode }}"):
        address.add_run().add_break()
        address.add_run(line)
    para(doc, after=6)
    para(doc, "Dear {{ salutation }},")
    para(doc, "Music education visit: {{ school }}, {{ visit_date }}", bold=True, size=12, colour=BLUE)
    para(
        doc,
        "Thank you for welcoming {{ sle }} to {{ school }} on {{ visit_date }} for the "
        "{{ visit_type|lower }} visit. This letter sets out what we saw, what we agreed together "
        "and the support {{ hub_name }} will offer.",
    )
    heading(doc, "How music at the school was rated")
    widths = [10.0, 3.0, 3.6]
    t = table(doc, widths, ["Criterion", "Score (1-4)", "Rating"])
    control_row(t, widths, "{%tr for c in criteria %}")
    add_row(
        t,
        widths,
        [
            "{{ c.name }}{% if c.key %} (key){% endif %}",
            "{{ c.score or 'not scored' }}",
            "{% cellbg c.rag_colour %}{{ c.rag }}",
        ],
    )
    control_row(t, widths, "{%tr endfor %}")
    rating_key(doc)
    overall = table(doc, [10.0, 6.6])
    add_row(
        overall,
        [10.0, 6.6],
        ["Overall rating", "{% cellbg rag_colour %}{{ rag }} ({{ score }} out of 4)"],
        bold=True,
    )
    control(doc, "{%p if previous_rag %}")
    para(
        doc,
        "At the previous visit the school was rated {{ previous_rag }}, so the rating has "
        "{% if trend == 'Improving' %}improved{% elif trend == 'Declining' %}gone down"
        "{% else %}stayed the same{% endif %}.",
    ).paragraph_format.space_before = Pt(6)
    control(doc, "{%p endif %}")
    bullet_section(doc, "Strengths", "strengths")
    bullet_section(doc, "Areas for development", "areas_for_development")
    bullet_section(doc, "Actions we agreed", "agreed_actions")
    bullet_section(doc, "Support the hub will offer", "support_offered")
    control(doc, "{%p if targeted_support %}")
    para(
        doc,
        "Because the overall rating is Red, {{ school }} will receive targeted support from the hub "
        "this year, with a follow-up visit by {{ next_visit_due }}.",
        bold=True,
    )
    control(doc, "{%p endif %}")
    control(doc, "{%p if award %}")
    para(doc, "Congratulations on holding the {{ award }} award.")
    control(doc, "{%p endif %}")
    control(doc, "{%p if mdp_published %}")
    para(
        doc,
        "{% if mdp_published == 'Yes' %}Thank you for publishing your school's Music Development Plan."
        "{% else %}Please publish your school's Music Development Plan on your website; we can help."
        "{% endif %}",
    )
    control(doc, "{%p endif %}")
    para(
        doc,
        "Your next visit is due by {{ next_visit_due }}. If you have any questions, please contact us"
        "{% if hub_phone %} on {{ hub_phone }}{% endif %}{% if hub_email %} or at {{ hub_email }}"
        "{% endif %}.",
    )
    signature(doc)
    footer(doc, "{{ school }} (URN {{ urn }})")
    return doc


def rating_key(doc) -> None:
    """What the scores mean, under the criteria table, small."""
    key = para(
        doc,
        "Key: each criterion is scored from 1 to 4, 4 the best; a criterion left blank was not scored "
        "and does not count. The overall score is the average of the scores given, each weighted by its "
        "criterion. It is Green at "
        "{{ green_threshold }} or above when no criterion scored 1, Red below {{ red_threshold }}, and "
        "Amber in between. A key criterion matters most: if it scored 1 the overall rating is Red, "
        "whatever the average.",
        size=8.5,
        colour=KEY_GREY,
        after=6,
    )
    key.paragraph_format.space_before = Pt(3)


def signature(doc) -> None:
    """The closing and the signature block, kept together on one page (and with the line before)."""
    lines = [
        para(doc, "Yours sincerely,", after=24),
        para(doc, "{{ signatory_name }}", bold=True, after=0),
        para(doc, "{{ signatory_role }}", after=0),
        para(doc, "{{ hub_name }}", after=0),
    ]
    doc.paragraphs[-len(lines) - 1].paragraph_format.keep_with_next = True  # the last line before it too
    for line in lines:
        line.paragraph_format.keep_together = True
    for line in lines[:-1]:
        line.paragraph_format.keep_with_next = True


def audit_form() -> Document:
    doc = new_document("Pre-visit music audit form")
    header = doc.sections[0].header.paragraphs[0]
    header.add_run("{{ hub_name }}  |  Pre-visit music audit").font.size = Pt(8)
    para(doc, "Pre-visit music audit", bold=True, size=18, colour=BLUE, after=0)
    para(doc, "{{ school }} (URN {{ urn }})", bold=True, size=13, after=12)
    widths = [5.0, 11.6]
    details = table(doc, widths)
    for label, value in (
        ("Phase", "{{ phase }}"),
        ("Area", "{{ area }}"),
        ("Headteacher", "{{ head_name }}"),
        ("Music lead", "{{ music_lead }}"),
        ("SLE", "{{ sle }}"),
        ("Award", "{{ award }}"),
        ("Music in SDP", "{{ music_in_sdp }}"),
        ("MDP published", "{{ mdp_published }}"),
        ("Visits so far", "{{ visits }}"),
        ("Last visit", "{{ last_visit }}"),
        ("Rating at last visit", "{% cellbg rag_colour %}{{ rag }}"),
    ):
        row = add_row(details, widths, [label, value])
        shade(row.cells[0], HEADER_FILL)
    heading(doc, "Criteria: last visit and now")
    widths = [4.4, 4.6, 1.6, 1.8, 1.6, 2.6]
    t = table(
        doc, widths, ["Criterion", "What we look for", "Last score", "Last rating", "Score now", "Evidence"]
    )
    control_row(t, widths, "{%tr for c in criteria %}")
    add_row(
        t,
        widths,
        [
            "{{ c.name }}",
            "{{ c.description }}",
            "{{ c.score }}",
            "{% cellbg c.rag_colour %}{{ c.rag }}",
            "",
            "",
        ],
        size=9,
    )
    control_row(t, widths, "{%tr endfor %}")
    bullet_section(
        doc,
        "Actions agreed at the last visit",
        "agreed_actions",
        empty="No actions on record: this is the first visit.",
    )
    heading(doc, "Notes from this visit")
    notes = table(doc, [16.6])
    add_row(notes, [16.6], [""])
    for _ in range(10):
        notes.rows[0].cells[0].add_paragraph()
    para(doc, after=12)
    para(doc, "Completed by: ______________________    Date: ______________")
    footer(doc, "Audit form: {{ school }} (URN {{ urn }})")
    return doc


def main(out: Path = OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    made = []
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from report_template import board_report

    builds = ((feedback_letter, "feedback_letter.docx"), (audit_form, "audit_form.docx"))
    for build, name in (*builds, (board_report, "board_report.docx")):
        path = out / name
        build().save(path)
        made.append(path)
        print(f"wrote {path}")
    return made


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
