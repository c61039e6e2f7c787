"""The Dashboard: its content (domain/dashboard.py), its placement (domain/dashboard_place.py)
and its SpreadsheetML (adapters/xlsx/dashboard.py), read back with a strict parser."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from datetime import date

import openpyxl
import pandas as pd
import pytest

from smep_xl import layout as L
from smep_xl.actions.refresh import RefreshOptions, refresh
from smep_xl.adapters.xlsx.dashboard import DRAWING_RID, render_dashboard_sheet
from smep_xl.domain.dashboard import T_AREA, T_BRAG, T_RAG, letters_sent
from smep_xl.domain.dashboard_lists import T_OVERDUE
from smep_xl.domain.dashboard_place import lay_out
from smep_xl.domain.dashboard_status import STATUS_COLUMNS, T_STATUS
from smep_xl.ooxml.refs import column_index
from smep_xl.workbook import Dashboard, DashboardTable
from tests.refresh_fixture import AS_OF, hub_book, visit
from tests.refresh_package import (
    StubStyles,
    base_workbook,
    chart_parts,
    convert,
    ods_charts,
    package,
    soffice,
)

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}


def dashboard(as_of=AS_OF) -> Dashboard:
    book = hub_book()
    refresh(book, RefreshOptions(as_of=as_of))
    return book.dashboard


def cells(sheet_xml: bytes) -> dict[str, tuple[str, int, str]]:
    """ref -> (shown text or number, style index, type) from a rendered sheet."""
    out = {}
    for c in ET.fromstring(sheet_xml).iter(f"{{{NS['m']}}}c"):
        text = "".join(t.text or "" for t in c.iter(f"{{{NS['m']}}}t"))
        value = c.find("m:v", NS)
        out[c.get("r")] = (
            text if c.get("t") == "inlineStr" else value.text,
            int(c.get("s")),
            c.get("t") or "n",
        )
    return out


def row_of(got: dict, text: str) -> int:
    return int(next(ref for ref, (shown, _, _) in got.items() if shown == text and ref.startswith("A"))[1:])


# ---- content
def test_kpis_cover_schools_coverage_rag_targets_letters_and_plans_due_review():
    kpis = {label: (value, note) for label, value, note in dashboard().kpis}
    assert kpis["Open schools"] == (7, "1 closed school(s) not counted")
    assert kpis["Year 1 coverage"] == (5 / 7, "target 60% by 31 Aug 2015") and kpis["Plan coverage"] == (
        6 / 7,
        "target 100%",
    )
    assert [kpis[f"Schools rated {w}"][0] for w in (L.RED, L.AMBER, L.GREEN)] == [2, 1, 2]
    assert kpis["Schools not yet rated"][0] == 2 and kpis["Repeat visits owed"][0] == 1
    assert [kpis[f"Targets {w}"][0] for w in (L.BLUE, L.GREEN, L.AMBER, L.RED)] == [2, 2, 1, 2]
    assert kpis["Letters sent"][0] == 1 and kpis["MDPs past their review date"][0] == 0
    assert all(
        isinstance(v, float) == ("coverage" in k) for k, (v, _) in kpis.items()
    )  # floats are fractions


def test_the_status_table_has_every_target_and_the_charts_their_questions():
    d = dashboard()
    assert list(d.status.frame.columns) == list(STATUS_COLUMNS) and d.status.status_column == "Status"
    assert L.M_FIRST_ACCESS not in d.status.frame["Target"].tolist()  # the hub records no First Access
    assert len(d.status.frame) == len(L.MEASURES) - 1
    tables = {t.title: t for t in d.tables}
    for chart in d.charts:
        frame = tables[chart.table].frame
        assert chart.categories in frame.columns and set(chart.values) <= set(frame.columns)
        assert chart.title.split("?")[0] and "?" in chart.title  # titled with the question it answers
    assert [c.kind for c in d.charts] == ["line", "bar", "column", "pie", "column"]
    assert [c.stacked for c in d.charts] == [False, False, True, False, False]


def test_coverage_chart_shows_the_target_in_force():
    assert dashboard(date(2015, 3, 1)).charts[1].values == (L.DB_Y1_COVERAGE, L.DB_Y1_TARGET)
    assert dashboard(date(2015, 9, 1)).charts[1].values == (L.DB_COVERAGE, L.DB_TARGET)
    assert "Plan coverage by Area" in dashboard(date(2015, 9, 1)).charts[1].title


def test_letters_sent_counts_distinct_letters_in_the_log_else_filled_letter_cells():
    log = pd.DataFrame(
        {
            L.LOG_URN: [1, 1, 2, 3, 4],
            L.LOG_VISIT: ["V1", "V1", "V2", "V3", None],
            L.LOG_STATUS: ["ok", "Written", "ok", "failed", "Written"],
        },
        dtype=object,
    )
    visits = pd.DataFrame([visit("V1", 1, None, None, letter="a.docx")])
    assert letters_sent(log, visits) == 2  # V1 twice is one letter; URN 4's row is an audit form
    assert letters_sent(log.iloc[3:], visits) == 1  # no letter in the log: the Letter column
    assert letters_sent(pd.DataFrame(), pd.DataFrame()) == 0


# ---- the placement
def test_the_first_screen_answers_within_30_rows_and_9_columns():
    sheet = lay_out(dashboard())
    status = sheet.tables[T_STATUS]
    summary = max(c.row for c in sheet.cells if c.style == "kpi_value" and c.row < status.last_row + 12)
    assert status.last_col == 9 and status.last_row <= 20 and summary <= 30
    assert sheet.breaks[0] <= 30  # the first printed page is the first screen
    first = [c for c in sheet.cells if c.row <= sheet.breaks[0]]
    assert max(c.col for c in first) <= 9
    assert [c.value for c in first if c.row <= 3][:3] == [
        "Test Hub: school music education plan dashboard",
        "As of 31 January 2016. The plan runs from 1 Sep 2014 to 31 Aug 2016; year 1 coverage counts visits "
        "to 31 Aug 2015. Refresh rewrites this sheet: type nothing here.",
        dashboard().headline,
    ]


def test_columns_are_as_wide_as_what_they_hold_and_wrapped_rows_as_tall():
    sheet = lay_out(dashboard())
    for cell in sheet.cells:
        width = sheet.widths[cell.col]
        if cell.style in ("cell", "link", "code", "link_code") or cell.style.startswith(("rag_", "status_")):
            assert math.ceil(len(str(cell.value)) * 0.9) + 1 <= width, cell  # letters are narrower than "0"
        elif cell.style in ("integer", "date"):
            shown = "00/00/0000" if isinstance(cell.value, date) else f"{cell.value:,}"
            assert len(shown) + 1 <= width, cell
        elif cell.style in ("cell_wrap", "header_text", "header_num"):
            words = str(cell.value).split()
            assert max(len(w) for w in words) <= width, cell  # no word is cut
            lines = math.ceil(len(str(cell.value)) * 0.9 / width)
            assert sheet.heights.get(cell.row, 15) >= 15 * min(lines, 2), cell


def test_headers_of_numbers_and_dates_sit_right_over_their_values():
    sheet = lay_out(dashboard())
    placed = sheet.tables[T_AREA]
    headers = {c.col: c.style for c in sheet.cells if c.row == placed.header_row}
    assert headers[1] == "header_text" and set(list(headers.values())[1:]) == {"header_num"}


def test_each_listed_school_links_to_its_row_and_each_count_to_its_list():
    sheet = lay_out(dashboard())
    overdue = sheet.tables[T_OVERDUE]
    assert sheet.links[(overdue.first_row, 2)] == "Schools!B3"  # Brook Primary, the sheet's row 3
    summary = {c.value: c.row for c in sheet.cells if c.style == "kpi_label" and c.row < overdue.title_row}
    assert (
        sheet.links[(summary["Repeat visits and follow-ups overdue"], 3)] == f"Dashboard!A{overdue.title_row}"
    )


# ---- SpreadsheetML
def test_sheet_uses_inline_strings_styles_merges_links_and_print_setup():
    styles = StubStyles()
    parts = render_dashboard_sheet(dashboard(), styles)
    got = cells(parts.sheet_xml)
    assert got["A1"] == (
        "Test Hub: school music education plan dashboard",
        styles.index["title"],
        "inlineStr",
    )
    assert all(t in ("inlineStr", "n") for _, _, t in got.values())  # no shared strings
    root = ET.fromstring(parts.sheet_xml)
    assert [m.get("ref") for m in root.iterfind("m:mergeCells/m:mergeCell", NS)] == [
        "A1:I1",
        "A2:I2",
        "A3:I3",
    ]
    page = root.find("m:pageSetup", NS).attrib
    assert (page["orientation"], page["fitToWidth"], page["fitToHeight"]) == ("landscape", "1", "0")
    assert root.find("m:headerFooter/m:oddFooter", NS).text == "&L&A&RPage &P of &N"
    assert len(root.findall("m:rowBreaks/m:brk", NS)) >= 3
    links = {h.get("ref"): h.get("location") for h in root.iterfind("m:hyperlinks/m:hyperlink", NS)}
    overdue = parts.layout.tables[T_OVERDUE]
    assert links[f"B{overdue.first_row}"] == "Schools!B3" and got[f"B{overdue.first_row}"][0] == "100002"
    assert f'<drawing r:id="{DRAWING_RID}"/>'.encode() in parts.sheet_xml


def test_status_and_rag_cells_have_the_word_and_its_colour_style():
    styles = StubStyles()
    parts = render_dashboard_sheet(dashboard(), styles)
    got = cells(parts.sheet_xml)
    status = parts.layout.tables[T_STATUS]
    words = {got[f"B{r}"][0]: got[f"B{r}"][1] for r in range(status.first_row, status.last_row + 1)}
    assert words[L.BEHIND] == styles.index["status_behind"] and words[L.MET] == styles.index["status_met"]
    first = row_of(got, T_RAG) + 2
    assert [got[f"A{first + i}"][0] for i in range(4)] == [L.RED, L.AMBER, L.GREEN, L.DB_NOT_RATED]
    assert [got[f"A{first + i}"][1] for i in range(4)] == [
        styles.index[n] for n in ("rag_red", "rag_amber", "rag_green", "cell")
    ]


def test_percent_and_date_cells_use_their_styles():
    styles = StubStyles()
    parts = render_dashboard_sheet(dashboard(), styles)
    got = cells(parts.sheet_xml)
    header = parts.layout.tables[T_AREA].header_row
    assert got[f"A{header}"][0] == L.SCH_AREA and got[f"D{header}"][0] == L.DB_Y1_COVERAGE
    value, style, kind = got[f"D{header + 1}"]  # 100% (written 1.0 by the shared cell writer)
    assert (float(value), style, kind) == (1.0, styles.index["percent"], "n")
    assert got[f"B{header + 1}"] == ("4", styles.index["integer"], "n")
    dates = [v for v in got.values() if v[1] == styles.index["date"]]
    assert dates and all(float(v[0]) > 40000 for v in dates)  # Excel serial days, 2009 onwards


def test_chart_formulas_point_at_the_cells_where_the_table_was_written():
    parts = render_dashboard_sheet(dashboard(), StubStyles())
    got = cells(parts.sheet_xml)
    assert len(parts.charts) == 5
    area = ET.fromstring(parts.charts[1])
    formulas = [f.text for f in area.iter(f"{{{NS['c']}}}f")]
    assert len(area.findall(".//c:ser", NS)) == 2 and area.find(".//c:barDir", NS).get("val") == "bar"
    for formula in formulas:
        sheet, ref = formula.split("!")
        assert sheet == "'Dashboard'"
        col, first = re.match(r"\$([A-Z]+)\$(\d+)", ref).groups()
        assert f"{col}{first}" in got
    series_name, cats = formulas[:2]
    assert got[series_name.split("!")[1].replace("$", "")][0] == L.DB_COVERAGE  # plan year 2: plan coverage
    first, last = (int(n) for n in re.findall(r"\$(\d+)", cats))
    assert [got[f"A{r}"][0] for r in range(first, last + 1)] == ["North", "South", L.DB_BLANK]
    assert '<c:pt idx="1"><c:v>0.5</c:v></c:pt>' in parts.charts[1].decode()  # South's cached value


def test_the_coverage_line_and_the_stacked_rag_movement():
    parts = render_dashboard_sheet(dashboard(), StubStyles())
    line = ET.fromstring(parts.charts[0])
    assert len(line.findall(".//c:lineChart/c:ser", NS)) == 2
    target = line.findall(".//c:lineChart/c:ser", NS)[1]
    assert target.find(".//a:prstDash", NS).get("val") == "dash"  # the target line is dashed
    cached = [p.find("c:v", NS).text for p in line.findall(".//c:ser[1]/c:val//c:pt", NS)]
    assert len(cached) == 17  # Sep 2014 to Jan 2016 have coverage; the months after are gaps
    stacked = ET.fromstring(parts.charts[2])
    assert stacked.find(".//c:grouping", NS).get("val") == "stacked"
    assert stacked.find(".//c:overlap", NS).get("val") == "100"
    fills = [s.find("c:spPr//a:srgbClr", NS).get("val") for s in stacked.findall(".//c:ser", NS)]
    assert fills == ["C00000", "FFC000", "70AD47"]  # Red, Amber, Green in their colours


def test_drawing_anchors_each_chart_between_columns_a_and_i():
    parts = render_dashboard_sheet(dashboard(), StubStyles())
    drawing = ET.fromstring(parts.drawing_xml)
    anchors = drawing.findall("xdr:twoCellAnchor", NS)
    assert len(anchors) == 5
    ids = [
        el.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        for el in drawing.iter(f"{{{NS['c']}}}chart")
    ]
    assert ids == [f"rIdChart{i}" for i in range(1, 6)]
    cols = [
        (int(a.find("xdr:from/xdr:col", NS).text), int(a.find("xdr:to/xdr:col", NS).text)) for a in anchors
    ]
    assert cols[0][0] == 0 and cols[1][1] == 9 and cols[0][1] == cols[1][0]  # two abreast, A to I
    widest = max(column_index(re.match(r"[A-Z]+\d+:([A-Z]+)", r).group(1)) for r in parts.tables.values())
    assert widest <= 9  # every table fits the first screen's columns


def test_no_charts_means_no_drawing_and_text_is_escaped():
    d = Dashboard("A & <B>", kpis=[("x", 1, "")], tables=[DashboardTable("Empty", pd.DataFrame({"a": []}))])
    d.charts = dashboard().charts[:1]  # refers to a table this dashboard does not have
    parts = render_dashboard_sheet(d, StubStyles())
    assert parts.drawing_xml is None and parts.charts == [] and b"<drawing" not in parts.sheet_xml
    assert cells(parts.sheet_xml)["A1"][0] == "A & <B>"


def test_unknown_style_names_fall_back_to_text():
    styles = StubStyles(known=("title", "subtitle", "text", "header", "kpi_label", "kpi_value"))
    parts = render_dashboard_sheet(dashboard(), styles)
    got = cells(parts.sheet_xml)
    row = row_of(got, "Year 1 coverage")
    assert got[f"B{row}"][1] == styles.index["text"] and row > 0  # no percent style: text


# ---- a real file, opened by openpyxl and LibreOffice
@pytest.fixture
def packaged(tmp_path):
    base, out = tmp_path / "base.xlsx", tmp_path / "dashboard.xlsx"
    base_workbook(base)
    package(base, render_dashboard_sheet(dashboard(), StubStyles()), out)
    return out


def test_openpyxl_opens_the_packaged_dashboard_with_its_charts(packaged):
    ws = openpyxl.load_workbook(packaged)[L.DASHBOARD]
    assert ws["A1"].value.startswith("Test Hub") and ws["A5"].value == "Are we on track?"
    assert len(ws._charts) == 5
    assert chart_parts(packaged) == [f"../charts/chart{i}.xml" for i in range(1, 6)]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed; CI installs it")
def test_libreoffice_imports_the_five_charts(packaged, tmp_path):
    charts = ods_charts(convert(packaged, "ods", tmp_path))
    assert len(charts) == 5
    assert sum('chart:class="chart:circle"' in c for c in charts) == 1  # the pie
    assert sum('chart:class="chart:line"' in c for c in charts) == 1  # coverage over time
    assert sum('chart:class="chart:bar"' in c for c in charts) == 3


def test_the_brag_table_lists_every_word():
    d = dashboard()
    brag = next(t for t in d.tables if t.title == T_BRAG).frame
    assert brag[L.OBJ_BRAG].tolist() == [L.BLUE, L.GREEN, L.AMBER, L.RED, L.DB_NOT_RATED]


def test_no_chart_runs_over_the_foot_of_a_printed_page():
    # A4 landscape less the print setup's margins (0.4 in each side, 0.5 top, 0.6 bottom):
    # 10.89 x 7.17 inches, 1045 x 688 pixels at 96 an inch; the sheet shrinks to one page wide.
    sheet = lay_out(dashboard())
    assert len(sheet.charts) >= 5
    sheet_px = sum(round(sheet.widths.get(c, 8.0) * 7 + 5) for c in range(1, sheet.span + 1))
    page_px = 688 * max(1.0, sheet_px / 1045)
    breaks = sorted(set(sheet.breaks))
    for chart in sheet.charts:
        last_row = chart.row + math.ceil(chart.height_px / 20) - 1
        # the page the chart starts on: from the row after the last break before it
        start = max([b + 1 for b in breaks if b < chart.row], default=1)
        assert not [b for b in breaks if chart.row <= b < last_row], chart.chart.title  # no break inside
        assert (last_row - start + 1) * 20 <= page_px, chart.chart.title  # its page holds it all
