"""The Dashboard: its content (domain/dashboard.py) and its SpreadsheetML (adapters/xlsx/dashboard.py)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import openpyxl
import pandas as pd
import pytest

from smep_xl import layout as L
from smep_xl.actions.refresh import RefreshOptions, refresh
from smep_xl.adapters.xlsx.dashboard import DRAWING_RID, render_dashboard_sheet
from smep_xl.domain.dashboard import LIST_LIMIT, T_AREA, T_RAG, letters_sent, listing
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


# ---- content
def test_kpis_cover_schools_coverage_rag_targets_and_letters():
    kpis = {label: (value, note) for label, value, note in dashboard().kpis}
    assert kpis["Open schools"] == (7, "1 closed school(s) not counted")
    assert kpis["Year 1 coverage"] == (5 / 7, "target 60% by 31 Aug 2015") and kpis["Plan coverage"] == (
        6 / 7,
        "target 100%",
    )
    assert [kpis[f"Schools rated {w}"][0] for w in (L.RED, L.AMBER, L.GREEN)] == [2, 1, 2]
    assert kpis["Schools not yet rated"][0] == 2 and kpis["Repeat visits owed"][0] == 1
    assert [kpis[f"Targets {w}"][0] for w in (L.BLUE, L.GREEN, L.AMBER, L.RED)] == [2, 2, 1, 2]
    assert kpis["Letters sent"][0] == 1
    assert all(
        isinstance(v, float) == ("coverage" in k) for k, (v, _) in kpis.items()
    )  # floats are fractions


def test_tables_and_charts_refer_to_each_other():
    d = dashboard()
    tables = {t.title: t for t in d.tables}
    assert tables[T_RAG].frame.to_dict("list") == {
        L.SCH_RAG: [L.RED, L.AMBER, L.GREEN, L.DB_NOT_RATED],
        L.DB_SCHOOLS: [2, 1, 2, 2],
    }
    for chart in d.charts:
        frame = tables[chart.table].frame
        assert chart.categories in frame.columns and set(chart.values) <= set(frame.columns)
    assert [c.kind for c in d.charts] == ["column", "pie", "column"]


def test_coverage_chart_shows_the_target_in_force():
    assert dashboard(date(2015, 3, 1)).charts[0].values == (L.DB_Y1_COVERAGE, L.DB_Y1_TARGET)
    assert dashboard(date(2015, 9, 1)).charts[0].values == (L.DB_COVERAGE, L.DB_TARGET)
    assert dashboard(date(2015, 9, 1)).charts[0].title == "Plan coverage vs target by Area"


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


def test_long_school_lists_are_cut_and_the_title_says_so():
    long = pd.DataFrame({L.SCH_URN: range(LIST_LIMIT + 20)})
    cut = listing("Open schools not yet visited", long)
    assert len(cut.frame) == LIST_LIMIT and cut.frame[L.SCH_URN].iloc[-1] == LIST_LIMIT - 1
    assert (
        cut.title
        == f"Open schools not yet visited: the first {LIST_LIMIT:,} of {LIST_LIMIT + 20:,}, soonest due first"
    )
    assert listing("x", long.head(3)).title == "x"


# ---- SpreadsheetML
def test_sheet_uses_inline_strings_styles_and_a_merged_title():
    styles = StubStyles()
    parts = render_dashboard_sheet(dashboard(), styles)
    got = cells(parts.sheet_xml)
    assert got["A1"] == (
        "Test Hub: school music education plan dashboard",
        styles.index["title"],
        "inlineStr",
    )
    assert all(t in ("inlineStr", "n") for _, _, t in got.values())  # no shared strings
    assert b'<mergeCell ref="A1:K1"/>' in parts.sheet_xml
    assert got["B4"] == ("7", styles.index["kpi_value"], "n")
    assert got["B6"][1] == styles.index["kpi_percent"]
    assert f'<drawing r:id="{DRAWING_RID}"/>'.encode() in parts.sheet_xml


def test_rag_cells_have_the_word_and_its_colour_style():
    styles = StubStyles()
    parts = render_dashboard_sheet(dashboard(), styles)
    got = cells(parts.sheet_xml)
    first = int(re.match(r"A(\d+)", parts.tables[T_RAG]).group(1)) + 1
    assert [got[f"A{first + i}"][0] for i in range(4)] == [L.RED, L.AMBER, L.GREEN, L.DB_NOT_RATED]
    assert [got[f"A{first + i}"][1] for i in range(4)] == [
        styles.index[n] for n in ("rag_red", "rag_amber", "rag_green", "text")
    ]


def test_percent_and_date_cells_use_their_styles():
    styles = StubStyles()
    parts = render_dashboard_sheet(dashboard(), styles)
    got = cells(parts.sheet_xml)
    header = int(re.match(r"A(\d+)", parts.tables[T_AREA]).group(1))
    assert got[f"A{header}"][0] == L.SCH_AREA and got[f"D{header}"][0] == L.DB_Y1_COVERAGE
    value, style, kind = got[f"D{header + 1}"]  # 100% (written 1.0 by the shared cell writer)
    assert (float(value), style, kind) == (1.0, styles.index["percent"], "n")
    assert got[f"B{header + 1}"] == ("4", styles.index["integer"], "n")
    dates = [v for v in got.values() if v[1] == styles.index["date"]]
    assert dates and all(float(v[0]) > 40000 for v in dates)  # Excel serial days, 2009 onwards


def test_chart_formulas_point_at_the_cells_where_the_table_was_written():
    parts = render_dashboard_sheet(dashboard(), StubStyles())
    got = cells(parts.sheet_xml)
    assert len(parts.charts) == 3 and [a.chart for a in parts.anchors] == [1, 2, 3]
    area = ET.fromstring(parts.charts[0])
    formulas = [f.text for f in area.iter(f"{{{NS['c']}}}f")]
    assert len(area.findall(".//c:ser", NS)) == 2
    for formula in formulas:
        sheet, ref = formula.split("!")
        assert sheet == "'Dashboard'"
        col, first = re.match(r"\$([A-Z]+)\$(\d+)", ref).groups()
        assert f"{col}{first}" in got
    series_name, cats, values = formulas[:3]
    assert got[series_name.split("!")[1].replace("$", "")][0] == L.DB_COVERAGE  # plan year 2: plan coverage
    assert [
        got[f"A{r}"][0] for r in range(int(cats.split("$")[-3].rstrip(":")), int(cats.split("$")[-1]) + 1)
    ] == ["North", "South", L.DB_BLANK]
    assert '<c:pt idx="1"><c:v>0.5</c:v></c:pt>' in parts.charts[0].decode()  # South's cached value


def test_drawing_anchors_each_chart_by_its_relationship_id():
    parts = render_dashboard_sheet(dashboard(), StubStyles())
    drawing = ET.fromstring(parts.drawing_xml)
    anchors = drawing.findall("xdr:twoCellAnchor", NS)
    assert len(anchors) == 3
    ids = [
        el.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        for el in drawing.iter(f"{{{NS['c']}}}chart")
    ]
    assert ids == ["rIdChart1", "rIdChart2", "rIdChart3"]
    widest = max(column_index(re.match(r"A\d+:([A-Z]+)", r).group(1)) for r in parts.tables.values())
    assert all(a.from_col >= widest for a in parts.anchors)  # charts sit right of every table


def test_no_charts_means_no_drawing_and_text_is_escaped():
    d = Dashboard("A & <B>", kpis=[("x", 1, "")], tables=[DashboardTable("Empty", pd.DataFrame({"a": []}))])
    d.charts = dashboard().charts[:1]  # refers to a table this dashboard does not have
    parts = render_dashboard_sheet(d, StubStyles())
    assert parts.drawing_xml is None and parts.charts == [] and b"<drawing" not in parts.sheet_xml
    assert cells(parts.sheet_xml)["A1"][0] == "A & <B>"


def test_unknown_style_names_fall_back_to_text():
    styles = StubStyles(known=("title", "subtitle", "text", "header", "kpi_label", "kpi_value"))
    parts = render_dashboard_sheet(dashboard(), styles)
    assert cells(parts.sheet_xml)["B6"][1] == styles.index["text"]  # no kpi_percent, no percent


# ---- a real file, opened by openpyxl and LibreOffice
@pytest.fixture
def packaged(tmp_path):
    base, out = tmp_path / "base.xlsx", tmp_path / "dashboard.xlsx"
    base_workbook(base)
    package(base, render_dashboard_sheet(dashboard(), StubStyles()), out)
    return out


def test_openpyxl_opens_the_packaged_dashboard_with_its_charts(packaged):
    ws = openpyxl.load_workbook(packaged)[L.DASHBOARD]
    assert ws["A1"].value.startswith("Test Hub") and ws["B4"].value == 7
    assert len(ws._charts) == 3
    assert chart_parts(packaged) == [f"../charts/chart{i}.xml" for i in (1, 2, 3)]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed; CI installs it")
def test_libreoffice_imports_the_three_charts(packaged, tmp_path):
    charts = ods_charts(convert(packaged, "ods", tmp_path))
    assert len(charts) == 3
    assert any('chart:class="chart:circle"' in c for c in charts)  # the pie
    assert sum('chart:class="chart:bar"' in c for c in charts) == 2
