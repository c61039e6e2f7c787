"""`smep snapshot` on real workbook files: History rows for measures and schools, past dates,
labels taken twice, hand-edited History, and every written part valid."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from smep_xl import layout as L
from tests.helpers import schemas
from tests.helpers.cli import run_smep, smep_ok
from tests.helpers.parts import parts
from tests.refresh_fixture import hub_frames
from tests.refresh_package import write_hub_workbook


@pytest.fixture
def hub(tmp_path) -> Path:
    return write_hub_workbook(hub_frames(), tmp_path / "hub.xlsx")


def history_rows(path: Path) -> list[dict]:
    ws = openpyxl.load_workbook(path, data_only=True)[L.HISTORY]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:] if any(v is not None for v in r)]


def by_urn(rows: list[dict], label: str) -> dict[int, dict]:
    return {r[L.HIS_URN]: r for r in rows if r[L.HIS_KIND] == L.KIND_SCHOOL and r[L.HIS_SNAPSHOT] == label}


def test_a_past_date_counts_only_the_visits_up_to_it(hub):
    out = smep_ok("snapshot", hub, "--as-of", "2014-12-31")
    assert "'Autumn 2014'" in out and "9 measures and 8 schools" in out
    rows = history_rows(hub)
    schools = by_urn(rows, "Autumn 2014")
    # Worked by hand from the fixture's visits up to 31 Dec 2014: V01 (all 3s), V03 (a key 1), V04 (closed)
    assert (schools[100001][L.HIS_STATUS], schools[100001][L.HIS_FIGURE]) == (L.GREEN, 3)
    assert schools[100001][L.HIS_LAST_VISIT] == datetime(2014, 10, 1)
    assert (schools[100002][L.HIS_STATUS], schools[100002][L.HIS_TARGETED]) == (L.RED, L.YES)
    assert schools[100004][L.HIS_OPEN] == L.NO
    assert schools[100007][L.HIS_STATUS] is None and schools[100007][L.HIS_VISITS] == 0
    visited = sorted(u for u, r in schools.items() if r[L.HIS_VISITED_Y1] == L.YES)
    assert visited == [100001, 100002, 100004]
    y1 = next(r for r in rows if r[L.HIS_NAME] == L.M_Y1_COVERAGE)
    assert (y1[L.HIS_COUNTED], y1[L.HIS_BASE]) == (2, 7)  # open schools visited: 100001, 100002
    assert y1[L.HIS_FIGURE] == pytest.approx(2 / 7, abs=1e-6)
    assert {r[L.HIS_AS_OF] for r in rows} == {datetime(2014, 12, 31)}


def test_a_new_history_sheet_shows_its_dates_and_names_in_full(hub):
    """Excel shows ##### for a date in a column narrower than the date: the sheet History is
    made on is given widths for a dd/mm/yyyy date, a date and time, and a school's name."""
    smep_ok("snapshot", hub, "--as-of", "2014-12-31")
    ws = openpyxl.load_workbook(hub)[L.HISTORY]
    header = [c.value for c in ws[1]]

    def width(name: str) -> float:
        return ws.column_dimensions[openpyxl.utils.get_column_letter(header.index(name) + 1)].width

    assert width(L.HIS_AS_OF) >= len("31/12/2014") and width(L.HIS_LAST_VISIT) >= len("31/12/2014")
    assert width(L.HIS_TAKEN) >= len("31/12/2014 09:30")
    assert width(L.HIS_NAME) >= 35


def test_a_snapshot_says_what_refresh_says_on_that_date(hub, tmp_path):
    day = "2015-07-31"
    smep_ok("snapshot", hub, "--as-of", day, "--label", "Summer 2015")
    refreshed = json.loads(smep_ok("refresh", hub, "--as-of", day, "--json"))
    rows = history_rows(hub)
    measures = {r[L.HIS_NAME]: r for r in rows if r[L.HIS_KIND] == L.KIND_MEASURE}
    assert [s["Target"] for s in refreshed["status"]] == list(measures)
    for status in refreshed["status"]:
        assert measures[status["Target"]][L.HIS_STATUS] == status["Status"]
        counted = (
            f"{measures[status['Target']][L.HIS_COUNTED]:,} of {measures[status['Target']][L.HIS_BASE]:,}"
        )
        assert counted == status["Counted"]
    ws = openpyxl.load_workbook(hub, data_only=True)[L.SCHOOLS]
    header = [c.value for c in ws[1]]
    schools = by_urn(rows, "Summer 2015")
    for row in ws.iter_rows(min_row=2, values_only=True):
        cells = dict(zip(header, row, strict=True))
        assert schools[cells[L.SCH_URN]][L.HIS_STATUS] == cells[L.SCH_RAG]
        assert schools[cells[L.SCH_URN]][L.HIS_VISITS] == (cells[L.SCH_VISITS] or 0)


def test_the_same_label_twice_changes_nothing_unless_replaced(hub):
    smep_ok("snapshot", hub, "--as-of", "2014-12-31")
    before = hub.read_bytes()
    out = smep_ok("snapshot", hub, "--as-of", "2015-01-05", "--label", "autumn 2014")
    assert "already on History; nothing was changed" in out
    assert hub.read_bytes() == before
    out = smep_ok("snapshot", hub, "--as-of", "2015-03-31", "--label", "Autumn 2014", "--replace")
    assert "replacing its 17 earlier rows" in out
    rows = history_rows(hub)
    assert len(rows) == 17 and {r[L.HIS_AS_OF] for r in rows} == {datetime(2015, 3, 31)}


def test_snapshots_append_and_keep_the_earlier_ones_exactly(hub):
    smep_ok("snapshot", hub, "--as-of", "2014-12-31")
    first = history_rows(hub)
    wb = openpyxl.load_workbook(hub)  # a person marks a row and saves (Excel would write it so too)
    wb[L.HISTORY]["A2"].font = openpyxl.styles.Font(bold=True)
    wb.save(hub)
    old_rows = _row_elements(hub)
    smep_ok("snapshot", hub, "--as-of", "2015-03-31")
    rows = history_rows(hub)
    assert rows[: len(first)] == first
    assert [r[L.HIS_SNAPSHOT] for r in rows[len(first) :]] == ["Spring 2015"] * 17
    assert _row_elements(hub)[: len(old_rows)] == old_rows  # the old rows' XML not touched
    table = openpyxl.load_workbook(hub)[L.HISTORY].tables
    assert [t.ref for t in table.values()] == [f"A1:{openpyxl.utils.get_column_letter(len(first[0]))}35"]


def _row_elements(path: Path) -> list[bytes]:
    import re
    import zipfile

    from tests.helpers.parts import sheet_part

    with zipfile.ZipFile(path) as z:
        xml = z.read(sheet_part(path, L.HISTORY))
    return re.findall(rb"<row [^>]*>.*?</row>", xml, re.S)


def test_written_parts_are_valid(hub):
    before = parts(hub)
    smep_ok("snapshot", hub, "--as-of", "2014-12-31")
    smep_ok("snapshot", hub, "--as-of", "2015-03-31")
    checks = schemas.CHECKS if schemas.xsd_available() else ("openxml-audit", "package")
    assert schemas.new_problems(before, hub, checks=checks) == {}


def test_a_history_edited_by_hand_is_read_as_far_as_it_can_be(hub):
    smep_ok("snapshot", hub, "--as-of", "2014-12-31")
    wb = openpyxl.load_workbook(hub)
    ws = wb[L.HISTORY]
    header = [c.value for c in ws[1]]
    ws.delete_rows(5, 3)  # rows deleted
    ws.cell(2, header.index(L.HIS_FIGURE) + 1, "about half")  # text in a number column
    ws.cell(3, header.index(L.HIS_AS_OF) + 1, "last week")  # a row with no readable date
    wb.save(hub)
    code, out, err = run_smep("snapshot", hub, "--as-of", "2015-03-31", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["written"] and result["snapshots"] == 2
    found = {(f["cell"], f["code"]) for f in result["findings"]}
    figure = openpyxl.utils.get_column_letter(header.index(L.HIS_FIGURE) + 1)
    as_of = openpyxl.utils.get_column_letter(header.index(L.HIS_AS_OF) + 1)
    assert found == {(f"{figure}2", "history.number"), (f"{as_of}3", "history.row.unreadable")}
    rows = history_rows(hub)
    assert rows[0][L.HIS_FIGURE] == "about half" and rows[1][L.HIS_AS_OF] == "last week"  # kept as typed
    assert len(rows) == 14 + 17


def test_a_history_without_a_column_is_still_read():
    import pandas as pd

    from smep_xl.domain.history import read_history

    frame = pd.DataFrame(
        {
            L.HIS_SNAPSHOT: ["Autumn 2014", "Autumn 2014", None],
            L.HIS_AS_OF: [datetime(2014, 12, 31), datetime(2014, 12, 31), datetime(2014, 12, 31)],
            L.HIS_KIND: ["Measure", "school", "Measure"],
            L.HIS_NAME: ["Plan coverage", "Abbey", "Year 1 coverage"],
            L.HIS_FIGURE: [0.25, "n/a", 0.5],
        },
        index=[2, 3, 4],
        dtype=object,
    )
    history = read_history(frame)
    codes = sorted((f.code, f.cell) for f in history.findings)
    missing = [c for c in L.HISTORY_SPEC.columns if c not in frame.columns]
    assert codes == sorted(
        [("history.column.missing", "")] * len(missing)
        + [("history.number", "E3"), ("history.row.unreadable", "A4")]
    )
    assert [s.label for s in history.snapshots] == ["Autumn 2014"]
    assert history.of("Autumn 2014", L.KIND_SCHOOL)[L.HIS_FIGURE].tolist() == [None]
    assert history.of("Autumn 2014", L.KIND_MEASURE)[L.HIS_FIGURE].tolist() == [0.25]


def test_default_label_is_the_term_of_the_date():
    from smep_xl.domain.snapshots import term_label

    assert [term_label(date(2014, m, 1)) for m in (1, 3, 4, 8, 9, 12)] == [
        "Spring 2014",
        "Spring 2014",
        "Summer 2014",
        "Summer 2014",
        "Autumn 2014",
        "Autumn 2014",
    ]
