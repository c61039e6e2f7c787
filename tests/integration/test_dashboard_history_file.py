"""History on the Dashboard in a real file: snapshots taken, Refresh run, the file reopened; each
history chart's series point at the cells that hold History's figures; every part valid."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import range_boundaries

from smep_xl import layout as L
from smep_xl.domain.dashboard_history import START_NOTE, T_MOVES
from tests.helpers import schemas
from tests.helpers.cli import smep_ok
from tests.refresh_fixture import hub_frames
from tests.refresh_package import chart_parts, write_hub_workbook


@pytest.fixture
def hub(tmp_path) -> Path:
    return write_hub_workbook(hub_frames(), tmp_path / "hub.xlsx")


def charts(path: Path) -> dict[str, list[tuple[str, str, str]]]:
    """Chart title -> (name, categories, values) references of each series."""
    out = {}
    with zipfile.ZipFile(path) as z:
        for name in (n for n in z.namelist() if n.startswith("xl/charts/")):
            xml = z.read(name).decode()
            title = re.search(r"<a:t>([^<]*)</a:t>", xml).group(1)
            out[title] = [
                tuple(re.findall(r"<c:f>([^<]*)</c:f>", ser))
                for ser in re.findall(r"<c:ser>.*?</c:ser>", xml)
            ]
    return out


def cells(ws, ref: str) -> list:
    """The values of a one-column range such as 'Dashboard'!$C$10:$C$12 (or one cell)."""
    left, top, right, bottom = range_boundaries(ref.split("!")[1].replace("$", ""))
    return [ws.cell(r, left).value for r in range(top, bottom + 1)]


def history_measures(path: Path, name: str) -> list[tuple[str, float, float]]:
    ws = openpyxl.load_workbook(path, data_only=True)[L.HISTORY]
    rows = list(ws.iter_rows(values_only=True))
    records = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    return [
        (r[L.HIS_SNAPSHOT], r[L.HIS_FIGURE], r[L.HIS_TARGET])
        for r in records
        if r[L.HIS_KIND] == L.KIND_MEASURE and r[L.HIS_NAME] == name
    ]


def test_without_history_the_dashboard_says_to_press_close_term(hub):
    smep_ok("refresh", hub, "--as-of", "2015-03-01")
    ws = openpyxl.load_workbook(hub)[L.DASHBOARD]
    assert START_NOTE in [c.value for row in ws.iter_rows() for c in row]
    assert not any("over the terms" in title for title in charts(hub))


def test_history_charts_point_at_the_figures_history_holds(hub):
    smep_ok("snapshot", hub, "--as-of", "2014-12-31")
    smep_ok("snapshot", hub, "--as-of", "2015-07-31")
    before = {n: zipfile.ZipFile(hub).read(n) for n in zipfile.ZipFile(hub).namelist()}
    smep_ok("refresh", hub, "--as-of", "2015-07-31")
    found = charts(hub)
    assert len(chart_parts(hub)) == len(found)
    ws = openpyxl.load_workbook(hub)[L.DASHBOARD]
    line = found[f"{L.M_Y1_COVERAGE}: over the terms, against its target"]
    (name, cats, figures), (aim_name, aim_cats, aims) = line
    assert (cells(ws, name), cells(ws, aim_name)) == (["Figure"], ["Target"]) and cats == aim_cats
    expected = history_measures(hub, L.M_Y1_COVERAGE)
    assert cells(ws, cats) == [label for label, _, _ in expected] == ["Autumn 2014", "Summer 2015"]
    assert cells(ws, figures) == [figure for _, figure, _ in expected]
    assert cells(ws, aims) == [aim for _, _, aim in expected]
    assert cells(ws, figures)[0] == pytest.approx(2 / 7, abs=1e-6)  # worked by hand in test_snapshot
    checks = schemas.CHECKS if schemas.xsd_available() else ("openxml-audit", "package")
    assert schemas.new_problems(before, hub, checks=checks) == {}


def test_movement_chart_counts_the_schools_that_moved(hub):
    smep_ok("snapshot", hub, "--as-of", "2014-12-31")
    smep_ok("snapshot", hub, "--as-of", "2015-07-31")
    smep_ok("refresh", hub, "--as-of", "2015-07-31")
    title = next(t for t in charts(hub) if t.startswith("How did school ratings move?"))
    ((_, cats, values),) = charts(hub)[title]
    ws = openpyxl.load_workbook(hub)[L.DASHBOARD]
    moves = dict(zip(cells(ws, cats), cells(ws, values), strict=True))
    # By hand: 100001 Green -> Amber; 100002 Red at both; 100004 Green at both but closed by July
    assert moves["Green to Amber"] == 1 and moves["No change"] == 1
    assert sum(moves.values()) == 2
    titles = [c.value for c in ws["A"]]
    assert T_MOVES in titles


def test_a_history_typed_over_still_refreshes_with_a_finding(hub):
    smep_ok("snapshot", hub, "--as-of", "2014-12-31")
    wb = openpyxl.load_workbook(hub)
    ws = wb[L.HISTORY]
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index(L.HIS_FIGURE) + 1, "lots")
    wb.save(hub)
    out = smep_ok("refresh", hub, "--as-of", "2015-07-31", "--json")
    assert "history.number" in out
    ws = openpyxl.load_workbook(hub)[L.DASHBOARD]
    assert any("over the terms" in str(c.value) for c in ws["A"])
