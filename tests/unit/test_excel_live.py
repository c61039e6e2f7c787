"""The live-Excel adapter on xlwings' own Book objects (its remote engine, played by RemoteExcel)."""

from __future__ import annotations

import itertools

import pytest

from smep_xl import excel
from smep_xl import layout as L
from smep_xl.adapters.live.workbook import LiveWorkbook
from smep_xl.errors import SmepError
from tests.contract_workbook import check_protocol, fixture_tables, write_workbook
from tests.excel_remote import RemoteExcel, enable
from tests.helpers.contract_book import make_contract_workbook

_names = itertools.count()


@pytest.fixture(autouse=True)
def remote_engine(monkeypatch):
    enable(monkeypatch)


def live_maker(tmp_path):
    def make(tables):
        path = tmp_path / f"book{next(_names)}.xlsx"
        write_workbook(path, tables)
        remote = RemoteExcel.from_file(str(path))
        state = {"book": remote.book()}

        def reopen():
            remote.apply(state["book"])
            state["book"] = remote.book()
            return LiveWorkbook(state["book"])

        return LiveWorkbook(state["book"]), reopen

    return make


def test_live_adapter_passes_the_workbook_contract(tmp_path):
    check_protocol(live_maker(tmp_path))


def contract_remote(tmp_path, schools: int) -> RemoteExcel:
    path = tmp_path / f"hub{schools}.xlsx"
    make_contract_workbook(path, schools=schools)
    return RemoteExcel.from_file(str(path), name=str(path))


def test_round_trips_do_not_grow_with_rows(tmp_path, monkeypatch):
    counts = []
    for schools in (3, 300):
        remote = contract_remote(tmp_path, schools)
        book = remote.book()
        with monkeypatch.context() as patch, remote.counting(patch):
            excel.validate(book)
            excel.refresh(book)
        remote.apply(book)
        counts.append((remote.calls, remote.value_reads, len(remote.actions)))
        assert remote.grid(L.SCHOOLS)[schools][0] == 100000 + schools - 1  # every row really is there
    assert counts[0] == counts[1], f"calls into Excel grew with the rows: {counts}"


def test_each_table_is_read_with_one_values_call(tmp_path, monkeypatch):
    remote = contract_remote(tmp_path, 50)
    live = LiveWorkbook(remote.book())
    with monkeypatch.context() as patch, remote.counting(patch):
        live.read_table(L.SCHOOLS)
        live.read_table(L.VISITS)
    assert remote.value_reads == 2


def test_text_is_written_so_excel_keeps_it_as_text(tmp_path):
    remote = contract_remote(tmp_path, 5)
    book = remote.book()
    excel.validate(book)
    excel.refresh(book)
    remote.apply(book)
    assert remote.unguarded_text == [], "text written without the ' prefix could become a number or date"
    written = [v for a in remote.actions if a["func"] == "setValues" for row in a["values"] for v in row]
    assert any(isinstance(v, str) and v.startswith("'") for v in written)


def test_findings_cells_link_to_the_cell_they_name(tmp_path):
    remote = contract_remote(tmp_path, 3)
    book = remote.book()
    live = LiveWorkbook(book)
    import pandas as pd

    frame = pd.DataFrame(
        [["error", L.SCHOOLS, "Schools!B2", 2, L.SCH_NAME, "x.y", "Bad name", ""]],
        columns=L.FINDINGS_SPEC.columns,
    )
    live.write_output(L.FINDINGS, frame, {0: "Schools!B2"})
    live.save()
    formulas = [
        v
        for a in book.json()["actions"]
        if a["func"] == "setValues"
        for row in a["values"]
        for v in row
        if isinstance(v, str) and v.startswith("=")
    ]
    assert formulas == ['=HYPERLINK("#Schools!B2","Schools!B2")']
    remote.apply(book)
    assert remote.grid(L.FINDINGS)[1][2] == "Schools!B2"


def test_refresh_twice_keeps_the_dashboards_five_charts(tmp_path):
    remote = contract_remote(tmp_path, 5)
    for _ in range(2):
        book = remote.book()
        excel.refresh(book)
        remote.apply(book)
    sheet = remote._sheet(L.DASHBOARD)
    titles = [c.get("title") for c in sheet["charts"]]
    assert len(titles) == 5 and all("?" in t for t in titles)  # each titled with its question
    assert [c["type"] for c in sheet["charts"]][:3] == ["LineMarkers", "BarClustered", "ColumnStacked"]
    assert sorted(sheet["widths"]) == list(range(9))  # columns A to I sized
    assert len(sheet["colors"]) >= 9 and {col for _, col in sheet["colors"]} == {1}  # each target's status


def test_screen_updating_is_off_while_writing_and_back_on_after(tmp_path):
    remote = contract_remote(tmp_path, 5)
    book = remote.book()
    excel.refresh(book)
    funcs = [a["func"] for a in book.json()["actions"]]
    switches = [a["args"][0] for a in book.json()["actions"] if a["func"] == "setScreenUpdating"]
    first_write, last_write = funcs.index("setValues"), len(funcs) - 1 - funcs[::-1].index("setValues")
    assert switches == [False, True]
    assert funcs.index("setScreenUpdating") < first_write < last_write < funcs.index("alert")


def test_a_sheet_without_an_excel_table_is_read_from_its_used_range(tmp_path):
    tables = fixture_tables()
    path = tmp_path / "plain.xlsx"
    write_workbook(path, tables)
    remote = RemoteExcel.from_file(str(path))
    expected = LiveWorkbook(remote.book()).read_table(L.SCHOOLS).frame
    remote._sheet(L.SCHOOLS)["tables"] = []
    plain = LiveWorkbook(remote.book()).read_table(L.SCHOOLS)
    assert plain.frame.equals(expected) and plain.header_row == 1


def test_a_missing_sheet_stops_with_what_to_do(tmp_path):
    remote = contract_remote(tmp_path, 3)
    with pytest.raises(SmepError, match="has no sheet called 'Nowhere'"):
        LiveWorkbook(remote.book()).read_table("Nowhere")
