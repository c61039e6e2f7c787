"""The import action on the in-memory workbook: writes, saves, dry runs, idempotence, bad files."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from smep_xl import layout as L
from smep_xl.actions.import_schools import ImportOptions, import_schools
from smep_xl.adapters.memory.workbook import MemoryWorkbook
from smep_xl.domain.gias.rules import HUB_OWNED
from smep_xl.errors import SmepError
from tests.fixtures.gias import make_gias as fx


class RecordingWorkbook(MemoryWorkbook):
    """Remembers every write_inputs call, as the file adapter would receive it."""

    def __init__(self, tables):
        super().__init__(tables)
        self.inputs: list[tuple[pd.DataFrame, pd.DataFrame]] = []

    def write_inputs(self, sheet, updates, new_rows):
        assert sheet == L.SCHOOLS
        self.inputs.append((updates.copy(), new_rows.copy()))
        super().write_inputs(sheet, updates, new_rows)


GIAS = fx.csv_bytes(fx.schools())
LINKS = fx.links_bytes()


def _book(la_codes: str = "855, 856") -> RecordingWorkbook:
    return RecordingWorkbook(fx.workbook_tables(la_codes))


def test_import_writes_changes_and_new_rows_then_saves():
    book = _book()
    result = import_schools(book, ImportOptions(gias=GIAS, links=LINKS))
    assert book.saves == 1 and result.written
    schools = book.tables[L.SCHOOLS]
    assert len(schools) == 13 + 8
    by_urn = schools.set_index(L.SCH_URN)
    assert by_urn.loc[120002, L.SCH_HEAD_LAST] == "Khan"
    assert by_urn.loc[120004, L.SCH_STATUS] == L.CLOSED
    assert by_urn.loc[120005, L.SCH_HEAD_LAST] == "Lowe"  # closed: only Status changes
    assert by_urn.loc[148001, L.SCH_NAME] == "Millbrook Academy"
    assert result.counts["added"] == 8 and result.links == 4


def test_hub_columns_and_computed_columns_are_untouched():
    before = fx.workbook_schools()
    book = _book()
    import_schools(book, ImportOptions(gias=GIAS))
    after = book.tables[L.SCHOOLS].iloc[: len(before)]
    kept = list(HUB_OWNED) + list(L.SCHOOLS_SPEC.computed)
    pd.testing.assert_frame_equal(
        after[kept].reset_index(drop=True), before[kept].reset_index(drop=True), check_dtype=False
    )


def test_only_changed_cells_are_sent_and_never_a_blank():
    book = _book()
    import_schools(book, ImportOptions(gias=GIAS))
    updates = [u for u, _ in book.inputs if len(u)]
    sent = {(row, column) for frame in updates for column in frame.columns for row in frame.index}
    assert sent == {
        (3, L.SCH_HEAD_TITLE),
        (3, L.SCH_HEAD_FIRST),
        (3, L.SCH_HEAD_LAST),
        (5, L.SCH_STATUS),
        (6, L.SCH_STATUS),
        (10, L.SCH_ADDRESS),
        (11, L.SCH_STATUS),
        (12, L.SCH_NAME),
    }
    assert all(frame.notna().all().all() for frame in updates)
    (new_rows,) = [n for _, n in book.inputs if len(n)]
    assert len(new_rows) == 8


def test_a_closed_school_stays_with_its_visits():
    book = _book()
    import_schools(book, ImportOptions(gias=GIAS))
    schools = book.tables[L.SCHOOLS].set_index(L.SCH_URN)
    assert schools.loc[120005, L.SCH_STATUS] == L.CLOSED
    assert list(book.tables[L.VISITS][L.VIS_URN]) == [120005, 120004]


def test_second_import_changes_nothing_and_does_not_save():
    book = _book()
    import_schools(book, ImportOptions(gias=GIAS, links=LINKS))
    snapshot = book.tables[L.SCHOOLS].copy()
    again = import_schools(book, ImportOptions(gias=GIAS, links=LINKS))
    assert {k: again.counts[k] for k in ("added", "updated", "closed", "successors")} == dict.fromkeys(
        ("added", "updated", "closed", "successors"), 0
    )
    assert again.counts["unchanged"] == 20 and not again.written
    assert book.saves == 1
    pd.testing.assert_frame_equal(book.tables[L.SCHOOLS], snapshot)
    assert [f.code for f in again.findings] == ["import.not_found"]


def test_dry_run_writes_nothing():
    book = _book()
    result = import_schools(book, ImportOptions(gias=GIAS, dry_run=True))
    assert book.saves == 0 and not book.inputs and not result.written and result.dry_run
    assert result.counts["added"] == 8
    pd.testing.assert_frame_equal(
        book.tables[L.SCHOOLS], RecordingWorkbook(fx.workbook_tables()).tables[L.SCHOOLS]
    )


def test_la_codes_come_from_settings_unless_given():
    from_settings = import_schools(_book("856"), ImportOptions(gias=GIAS, dry_run=True))
    assert from_settings.la_codes == ("856",) and from_settings.counts["added"] == 4
    given = import_schools(_book("856"), ImportOptions(gias=GIAS, la_codes=("892",), dry_run=True))
    assert given.la_codes == ("892",) and given.counts["added"] == 5


def test_no_la_codes_anywhere_stops_with_how_to_fix():
    book = _book("")
    with pytest.raises(SmepError, match="give --la CODE .* or put the codes in the Settings row 'LA Codes'"):
        import_schools(book, ImportOptions(gias=GIAS))
    assert book.saves == 0


def test_phases_come_from_lists():
    tables = fx.workbook_tables()
    tables[L.LISTS] = pd.DataFrame({L.LIST_PHASE: ["Primary", "Secondary", "PRU"]})
    book = RecordingWorkbook(tables)
    import_schools(book, ImportOptions(gias=GIAS))
    added = book.tables[L.SCHOOLS].set_index(L.SCH_URN)
    assert added.loc[148004, L.SCH_PHASE] == "PRU"
    assert added.loc[148003, L.SCH_PHASE] == "Secondary"  # All-through, with no such word in Lists


def test_workbook_without_lists_uses_gias_phase_words():
    tables = fx.workbook_tables()
    del tables[L.LISTS]
    book = RecordingWorkbook(tables)
    import_schools(book, ImportOptions(gias=GIAS))
    assert book.tables[L.SCHOOLS].set_index(L.SCH_URN).loc[148003, L.SCH_PHASE] == "All-through"


@pytest.mark.parametrize(
    "raw",
    [
        b"not,a,gias,file\r\n1,2,3,4\r\n",
        GIAS[: len(GIAS) // 2],
        GIAS + fx.csv_bytes([fx.school(120001, "Again")]).split(b"\r\n", 1)[1],
        GIAS.replace(b"31-08-2024", b"2024-08-31"),
        GIAS.replace(b"Oakfield", b"Oak\x9dfield"),
    ],
)
def test_a_bad_file_writes_nothing(raw):
    book = _book()
    with pytest.raises(SmepError):
        import_schools(book, ImportOptions(gias=raw, source="edubase.csv"))
    assert book.saves == 0 and not book.inputs


def test_a_bad_links_file_writes_nothing():
    book = _book()
    with pytest.raises(SmepError, match="links.csv"):
        import_schools(book, ImportOptions(gias=GIAS, links=LINKS[:-30], links_source="links.csv"))
    assert book.saves == 0


def test_to_json_is_plain_data():
    result = import_schools(
        _book(), ImportOptions(gias=GIAS, links=LINKS, source="edubase.csv", dry_run=True)
    )
    document = json.loads(json.dumps(result.to_json()))
    assert document["counts"]["added"] == 8 and document["dry_run"] is True
    assert document["la_codes"] == ["855", "856"] and document["source"] == "edubase.csv"
    codes = [c["code"] for c in document["changes"]]
    assert codes.count("import.added") == 8 and codes.count("import.successor") == 1
    assert {"sheet", "cell", "row", "column", "message", "suggestion", "address"} <= set(
        document["changes"][0]
    )
