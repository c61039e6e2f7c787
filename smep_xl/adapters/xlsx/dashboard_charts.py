"""The Dashboard's native charts: c:chartSpace parts over the tables the sheet holds.

Written as text (they are made whole, never edited), with every value through the shared
escaping, and with cached values beside each formula, so Excel and LibreOffice show them
before anything recalculates. Column and bar charts (clustered or stacked), pies and lines;
a bar, slice or stacked series named by a RAG word takes that colour.
"""

from __future__ import annotations

import math

from smep_xl import layout as L
from smep_xl.domain.dashboard_layout import PlacedTable
from smep_xl.ooxml import xml
from smep_xl.ooxml.cells import number, plain, xml_text
from smep_xl.ooxml.refs import column_letter

NS_R, NS_A, NS_C = xml.R, xml.A, xml.CHART
FILLS = {L.RED: "C00000", L.AMBER: "FFC000", L.GREEN: "70AD47", L.BLUE: "4472C4"}
SERIES_FILLS = ("1F4E78", "A5A5A5", "70AD47", "FFC000", "C00000")
OTHER_FILL = "BFBFBF"
_NO_INVERT = '<c:invertIfNegative val="0"/>'
_LABELS = (
    '<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:showLegendKey val="0"/>'
    '<c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/>'
    '<c:showBubbleSize val="0"/></c:dLbls>'
)
__all__ = ["PlacedTable", "chart_xml"]


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def _ref(sheet: str, col: int, first: int, last: int | None = None) -> str:
    """'Dashboard'!$B$20:$B$31 (or one cell), escaped for XML."""
    letter = column_letter(col)
    end = f":${letter}${last}" if last is not None else ""
    return xml_text(f"{_quoted(sheet)}!${letter}${first}{end}")


def _fill(rgb: str) -> str:
    return f'<c:spPr><a:solidFill><a:srgbClr val="{rgb}"/></a:solidFill></c:spPr>'


def _line(rgb: str, dashed: bool) -> str:
    dash = '<a:prstDash val="dash"/>' if dashed else ""
    return f'<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="{rgb}"/></a:solidFill>{dash}</a:ln></c:spPr>'


def _str_cache(values: list[str]) -> str:
    points = "".join(f'<c:pt idx="{i}"><c:v>{xml_text(v)}</c:v></c:pt>' for i, v in enumerate(values))
    return f'<c:strCache><c:ptCount val="{len(values)}"/>{points}</c:strCache>'


def _num_cache(values: list[object], code: str) -> str:
    points = "".join(
        f'<c:pt idx="{i}"><c:v>{number(v)}</c:v></c:pt>'
        for i, v in enumerate(values)
        if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
    )
    return f'<c:numCache><c:formatCode>{code}</c:formatCode><c:ptCount val="{len(values)}"/>{points}</c:numCache>'


def _look(i: int, name: str, chart, labels: list[str], rag_categories: bool) -> str:
    """The series' own colour (spPr, invertIfNegative) and, for RAG categories, each point's."""
    colour = FILLS.get(name, SERIES_FILLS[i % len(SERIES_FILLS)])
    if chart.kind == "line":
        return _line(colour, dashed=i > 0) + '<c:marker><c:symbol val="none"/></c:marker>' * (i > 0)
    pie = chart.kind == "pie"
    own = "" if pie else _fill(colour) + _NO_INVERT
    if not rag_categories:
        return own
    return own + "".join(
        f'<c:dPt><c:idx val="{k}"/>{"" if pie else _NO_INVERT}<c:bubble3D val="0"/>'
        f"{_fill(FILLS.get(word, OTHER_FILL))}</c:dPt>"
        for k, word in enumerate(labels)
    )


def _series(i: int, name: str, chart, placed: PlacedTable, sheet: str, code: str) -> str:
    frame = placed.table.frame
    labels = ["" if plain(v) is None else str(plain(v)) for v in frame[chart.categories]]
    rag_categories = chart.categories in placed.table.rag_columns
    labelled = chart.kind == "pie" or (chart.kind != "line" and (len(chart.values) == 1 or chart.stacked))
    col, first, last = placed.col(name), placed.first_row, placed.last_row
    smooth = '<c:smooth val="0"/>' if chart.kind == "line" else ""
    return (
        f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/>'
        f"<c:tx><c:strRef><c:f>{_ref(sheet, col, placed.header_row)}</c:f>{_str_cache([name])}</c:strRef></c:tx>"
        f"{_look(i, name, chart, labels, rag_categories)}{_LABELS if labelled else ''}"
        f"<c:cat><c:strRef><c:f>{_ref(sheet, placed.col(chart.categories), first, last)}</c:f>"
        f"{_str_cache(labels)}</c:strRef></c:cat>"
        f"<c:val><c:numRef><c:f>{_ref(sheet, col, first, last)}</c:f>"
        f"{_num_cache([plain(v) for v in frame[name]], code)}</c:numRef></c:val>"
        f"{smooth}</c:ser>"
    )


def _axes(percent: bool, horizontal: bool) -> str:
    """Category and value axes; a horizontal bar chart lists its categories from the top."""
    cat_pos, val_pos = ("l", "b") if horizontal else ("b", "l")
    order, crosses = ("maxMin", "max") if horizontal else ("minMax", "autoZero")
    top = '<c:max val="1"/>' if percent else ""
    fmt = "0%" if percent else "General"
    ticks = '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
    return (
        f'<c:catAx><c:axId val="500"/><c:scaling><c:orientation val="{order}"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="{cat_pos}"/><c:numFmt formatCode="General" sourceLinked="0"/>{ticks}'
        '<c:crossAx val="501"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
        '<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="501"/><c:scaling><c:orientation val="minMax"/>{top}<c:min val="0"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="{val_pos}"/><c:majorGridlines/>'
        f'<c:numFmt formatCode="{fmt}" sourceLinked="0"/>{ticks}<c:crossAx val="500"/><c:crosses val="{crosses}"/>'
        '<c:crossBetween val="between"/></c:valAx>'
    )


def _plot(chart, series: str, percent: bool) -> str:
    axes = '<c:axId val="500"/><c:axId val="501"/>'
    if chart.kind == "pie":
        return f'<c:pieChart><c:varyColors val="1"/>{series}<c:firstSliceAng val="0"/></c:pieChart>'
    if chart.kind == "line":
        return (
            f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{series}'
            f'<c:marker val="1"/>{axes}</c:lineChart>{_axes(percent, False)}'
        )
    bar_dir = "bar" if chart.kind == "bar" else "col"
    grouping, overlap = ("stacked", '<c:overlap val="100"/>') if chart.stacked else ("clustered", "")
    return (
        f'<c:barChart><c:barDir val="{bar_dir}"/><c:grouping val="{grouping}"/><c:varyColors val="0"/>'
        f'{series}<c:gapWidth val="80"/>{overlap}{axes}</c:barChart>{_axes(percent, bar_dir == "bar")}'
    )


def chart_xml(chart, placed: PlacedTable, sheet: str, date1904: bool = False) -> bytes:
    """One c:chartSpace over a placed table's columns."""
    values = [v for v in chart.values if v in placed.table.frame.columns]
    percent = all(v in placed.table.percent_columns for v in values)
    code = "0%" if percent else "General"
    series = "".join(_series(i, name, chart, placed, sheet, code) for i, name in enumerate(values))
    legend = ""
    if chart.kind == "pie" or len(values) > 1:
        legend = f'<c:legend><c:legendPos val="{"r" if chart.kind == "pie" else "b"}"/><c:overlay val="0"/></c:legend>'
    title = (
        f'<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1100" b="1"/></a:pPr>'
        f'<a:r><a:rPr lang="en-GB" sz="1100" b="1"/><a:t>{xml_text(chart.title)}</a:t></a:r></a:p></c:rich>'
        '</c:tx><c:overlay val="0"/></c:title>'
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace xmlns:c="{NS_C}" xmlns:a="{NS_A}" xmlns:r="{NS_R}"><c:date1904 val="{int(date1904)}"/>'
        f'<c:lang val="en-GB"/><c:roundedCorners val="0"/><c:chart>{title}<c:autoTitleDeleted val="0"/>'
        f"<c:plotArea><c:layout/>{_plot(chart, series, percent)}</c:plotArea>{legend}"
        '<c:plotVisOnly val="1"/>'
        '<c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
    ).encode()
