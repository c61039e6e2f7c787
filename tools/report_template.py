"""The board report template (templates/board_report.docx), built by tools/make_templates.py.

Fields are those of smep_xl/domain/report_data.py (docs/report.md); {{ chart_NAME }} alone in a
paragraph becomes that chart's picture.
"""

from __future__ import annotations

from make_templates import BLUE, add_row, control, control_row, footer, heading, new_document, para, table


def rows_table(doc, widths, header, loop, cells) -> None:
    t = table(doc, widths, header)
    control_row(t, widths, "{%tr for r in " + loop + " %}")
    add_row(t, widths, cells, size=9)
    control_row(t, widths, "{%tr endfor %}")


def board_report():
    doc = new_document("Board report: the school music education plan")
    para(doc, "{{ hub_name }}", bold=True, size=16, colour=BLUE, after=2)
    para(doc, "Report to the board: the school music education plan, as of {{ as_of }}", size=12, after=8)
    para(doc, "{{ headline }}", bold=True)
    heading(doc, "Are we on track? The plan's targets")
    rows_table(
        doc,
        [5.6, 1.6, 2.6, 1.5, 2.4, 2.9],
        ["Target", "Now", "Counted", "Aim", "Due", "Status"],
        "measures",
        ["{{ r.name }}", "{{ r.now }}", "{{ r.counted }}", "{{ r.aim }}", "{{ r.due }}", "{{ r.status }}"],
    )
    para(doc, "{{ chart_measures }}")
    heading(doc, "Objectives by Target RAG")
    rows_table(doc, [8.0, 3.0], ["Target RAG", "Objectives"], "brag", ["{{ r.name }}", "{{ r.count }}"])
    control(doc, "{%p if at_risk %}")
    para(doc, "Objectives at risk (Red: past due; Amber: due soon and behind):", after=2)
    rows_table(
        doc,
        [1.4, 10.6, 1.8, 2.8],
        ["No", "SMART Target", "RAG", "Due"],
        "at_risk",
        ["{{ r.no }}", "{{ r.target }}", "{{ r.rag }}", "{{ r.due }}"],
    )
    control(doc, "{%p endif %}")
    heading(doc, "Coverage: {{ coverage_name }} by Area, Phase and SLE")
    for title, loop in (("Area", "coverage_area"), ("Phase", "coverage_phase"), ("SLE", "coverage_sle")):
        rows_table(
            doc,
            [5.6, 2.6, 2.6, 2.6, 2.6],
            [title, "Open schools", "Visited", "Coverage", "Target"],
            loop,
            ["{{ r.name }}", "{{ r.open }}", "{{ r.visited }}", "{{ r.coverage }}", "{{ r.target }}"],
        )
        para(doc, after=2)
    para(doc, "{{ chart_coverage_area }}")
    heading(doc, "How schools are rated, and how that has moved")
    rows_table(
        doc, [8.0, 3.0], ["School RAG (open schools)", "Schools"], "rag", ["{{ r.name }}", "{{ r.count }}"]
    )
    para(doc, after=2)
    para(doc, "{{ chart_rag_over_time }}")
    control(doc, "{%p if previous %}")
    para(
        doc,
        "Since the snapshot {{ previous }} ({{ previous_as_of }}), open schools whose RAG changed:",
        after=2,
    )
    rows_table(
        doc,
        [4.0, 4.0, 3.0],
        ["From", "To", "Schools"],
        "movement",
        ["{{ r.from }}", "{{ r.to }}", "{{ r.count }}"],
    )
    heading(doc, "What changed since {{ previous }}")
    rows_table(
        doc,
        [5.6, 2.2, 2.2, 3.0, 3.0],
        ["Target", "Then", "Now", "Status then", "Status now"],
        "changes",
        ["{{ r.name }}", "{{ r.before }}", "{{ r.now }}", "{{ r.status_before }}", "{{ r.status_now }}"],
    )
    control(doc, "{%p else %}")
    para(doc, "No earlier snapshot is on the History sheet yet: Close term records one each term.")
    control(doc, "{%p endif %}")
    heading(doc, "Schools needing targeted support ({{ targeted_total }})")
    rows_table(
        doc,
        [2.0, 8.0, 3.2, 3.2],
        ["URN", "School", "Last visit", "Next visit due"],
        "targeted",
        ["{{ r.urn }}", "{{ r.school }}", "{{ r.last_visit }}", "{{ r.next_due }}"],
    )
    control(doc, "{%p if targeted_more %}")
    para(doc, "... and {{ targeted_more }} more (the Dashboard lists them all).")
    control(doc, "{%p endif %}")
    footer(doc, "{{ hub_name }}: report to the board, as of {{ as_of }}")
    return doc
