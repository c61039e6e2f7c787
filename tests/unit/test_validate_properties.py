"""Properties: the validator never raises (nor gives up on a sheet) on any grid of text,
numbers, dates, blanks and Excel errors, and every finding points at a cell that exists; the
vectorised column readings agree with domain.values cell for cell."""

from __future__ import annotations

import re
from datetime import date, datetime

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smep_xl import layout as L
from smep_xl.domain.validate import INPUT_SHEETS, validate_workbook
from smep_xl.domain.validate import frames as F
from smep_xl.domain.validate.grid import Grid
from smep_xl.domain.values import EXCEL_ERRORS, as_date, as_number, is_blank, text
from smep_xl.ooxml.refs import column_index, column_letter

CRITERIA = [name for name, *_ in L.DEFAULT_CRITERIA]
TYPED = [
    "31/02/2015",
    "2015-13-01",
    "15/03/2015",
    "2015-03-15",
    "Mar/Apr",
    "Oct 2014 and Feb 2015",
    "Ongoing",
    "DHos/SLE",
    "C&MM DHoS",
    "MLs/AMLs",
    " ",
    "",
    "120001",
    "Yes",
    "No",
    "Open",
    "Closed",
    "3",
    "50%",
    "0.5",
    "£7,000",
    "LE1 6ZG",
    "a@b.org",
    "#",
    "nan",
    "inf",
    "Singing",
    "Primary",
    "Jane Smith",
    "{URN} {Nope}",
]
cells = st.one_of(
    st.none(),
    st.just(float("nan")),
    st.just(pd.NaT),
    st.booleans(),
    st.sampled_from(EXCEL_ERRORS),
    st.sampled_from(TYPED),
    st.text(max_size=12),
    st.integers(-(10**7), 10**7),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.sampled_from([1, 2, 3, 4, 120001, 120002, 0.5, 2.5]),
)
SPEC_COLUMNS = {
    L.OBJECTIVES: L.OBJECTIVES_SPEC.columns,
    L.SCHOOLS: L.SCHOOLS_SPEC.columns,
    L.VISITS: L.visits_spec(CRITERIA).columns,
    L.CRITERIA: L.CRITERIA_SPEC.columns,
    L.LISTS: L.LISTS_SPEC.columns,
    L.SETTINGS: L.SETTINGS_SPEC.columns,
}


@st.composite
def sheet(draw, name: str) -> Grid:
    spec = list(SPEC_COLUMNS[name])
    columns = draw(st.lists(st.sampled_from(spec + ["Extra", "Notes", "singing"]), max_size=len(spec) + 3))
    if draw(st.booleans()):
        columns = spec  # often the whole contract, so the deeper checks run
    rows = draw(st.integers(0, 5))
    data = [[draw(cells) for _ in columns] for _ in range(rows)]
    if name == L.SETTINGS and L.SET_NAME in columns:
        at = columns.index(L.SET_NAME)
        for row in data:
            row[at] = draw(st.one_of(st.sampled_from(L.SETTING_NAMES), cells))
    frame = pd.DataFrame(data, columns=columns, dtype=object)
    frame.index = range(2, 2 + rows)
    width = max(len(columns), 1)
    refs = st.sampled_from(
        [f"{column_letter(c)}{r}" for c in range(1, width + 3) for r in range(1, rows + 4)]
    )
    formulas = draw(st.frozensets(refs, max_size=3))
    merged = draw(
        st.lists(
            st.one_of(refs, st.builds(lambda a, b: f"{a}:{b}", refs, refs), st.text(max_size=5)), max_size=2
        )
    )
    return Grid(name, frame, formulas=formulas, merged=tuple(merged))


@st.composite
def workbooks(draw) -> dict[str, Grid]:
    return {name: draw(sheet(name)) for name in INPUT_SHEETS if draw(st.integers(0, 9))}


def _exists(finding, grids: dict[str, Grid], widths: dict[str, int]) -> bool:
    if finding.sheet not in INPUT_SHEETS:
        return False
    if not finding.cell:
        return finding.code in ("sheet.missing", "validate.check_failed")
    grid = grids[finding.sheet]
    m = re.fullmatch(r"([A-Z]+)(\d+)", finding.cell)
    col, row = column_index(m.group(1)), int(m.group(2))
    if row == grid.header_row:  # a header: any column of the header row, or the first
        return 1 <= col <= max(widths[finding.sheet], 1)
    return row in set(grid.frame.index) and col in grid.columns and finding.row == row


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(workbooks(), st.dates(date(2000, 1, 1), date(2030, 1, 1)), st.booleans())
def test_validator_never_raises_and_findings_point_at_real_cells(grids, today, files):
    widths = {name: len(g.frame.columns) + len(g.duplicate_headers) for name, g in grids.items()}
    found = validate_workbook(grids, today=today, file_exists=(lambda p: len(p) % 2 == 0) if files else None)
    assert "validate.check_failed" not in [f.code for f in found], [f.message for f in found]
    for f in found:
        assert _exists(f, grids, widths), f
        assert f.message and f.severity in ("error", "warning", "info")


@given(st.lists(cells, max_size=20))
def test_column_readings_agree_with_the_cell_readers(values):
    s = pd.Series(values, index=range(2, 2 + len(values)), dtype=object)
    assert list(F.blank_mask(s)) == [is_blank(v) for v in values]
    assert list(F.text_series(s)) == [text(v) for v in values]
    numbers = F.numbers(s)
    for v, n, bad in zip(values, numbers.value, numbers.bad, strict=True):
        expected = None if isinstance(v, bool) else as_number(v)
        if expected is None or expected != expected or abs(expected) == float("inf"):
            assert n != n and bad == (not is_blank(v))
        else:
            assert n == expected and not bad


@given(
    st.lists(
        st.one_of(st.none(), st.dates(), st.datetimes(), st.sampled_from(TYPED), st.integers()), max_size=15
    )
)
def test_date_readings_agree_with_as_date(values):
    s = pd.Series(values, dtype=object)
    d = F.dates(s)
    for v, got, typed, impossible in zip(values, d.value, d.from_text, d.impossible, strict=True):
        want = as_date(v) if not isinstance(v, (int, float)) else None
        if want is None:
            assert got != got  # NaT
        else:
            assert pd.Timestamp(got).date() == want
        assert typed == (isinstance(v, str) and want is not None)
        assert impossible == (isinstance(v, str) and want is None and F.date_shaped(v))


def test_seed_style_dates_read_the_same_whether_typed_or_real():
    s = pd.Series([datetime(2015, 3, 15), "15/03/2015", date(2015, 3, 15)], dtype=object)
    assert len(set(F.dates(s).value)) == 1
