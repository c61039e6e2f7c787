"""A stand-in for Excel behind xlwings' own remote engine, for testing the live adapter on Linux.

xlwings' remote engine (`xw.Book(json=...)`) is the real xlwings Book/Sheet/Range API over a
JSON picture of a workbook, as an xlwings client sends it; writes come back as a list of
actions for the client to run. `RemoteExcel` plays the client: it makes the JSON from a
workbook file, applies the actions the way Excel applies them (text prefix ' dropped, ISO
dates stored as dates, HYPERLINK formulas shown as their text, tables resized), and counts
every call into the engine, which is what a round trip to a live Excel is.

The engine is licensed for noncommercial use; the key is set only inside the tests.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from contextlib import contextmanager

from python_calamine import CalamineWorkbook

from smep_xl.adapters.xlsx.structure import sheets, split_ref, tables
from smep_xl.ooxml.package import Package
from smep_xl.ooxml.refs import column_letter

ENGINE_CLASSES = ("App", "Book", "Sheets", "Sheet", "Range", "Table", "Tables", "Charts", "Chart")
_ISO_WRITTEN = re.compile(r"^\d{4}-\d\d-\d\d(?: \d\d:\d\d:\d\d)?$")
_HYPERLINK = re.compile(r'^=HYPERLINK\(".*?",\s*(?:"((?:[^"]|"")*)"|(-?\d+(?:\.\d+)?))\)$')


def enable(monkeypatch) -> None:
    """xlwings' remote engine for this test only: its noncommercial key, and the engine itself.

    xlwings registers the engine when it is first imported, and only if the key is set then;
    another test may have imported it first, so the engine is added here (and taken out after).
    """
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    import xlwings
    from xlwings.main import Engine

    engines = xlwings.engines
    if "remote" not in engines.engines_by_name:
        from xlwings.pro import _xlremote

        engine = Engine(impl=_xlremote.engine)
        monkeypatch.setattr(engines, "engines", [*engines.engines, engine])
        monkeypatch.setattr(engines, "engines_by_name", {**engines.engines_by_name, "remote": engine})


def wire(value: object) -> object:
    """A Python cell value as an xlwings client sends it."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, dt.date):
        return f"{value.isoformat()}T00:00:00.000Z"
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


class RemoteExcel:
    def __init__(self, data: dict):
        self.data = data
        self.calls = 0
        self.by_name: dict[str, int] = {}
        self.actions: list[dict] = []
        self.alerts: list[list] = []
        self.unguarded_text: list[str] = []  # text written without the ' prefix: Excel might coerce it

    @classmethod
    def from_file(cls, path: str, name: str = "SMEP_Master.xlsm") -> RemoteExcel:
        import xlwings as xw

        book = CalamineWorkbook.from_path(str(path))
        pkg = Package(str(path))
        out = []
        for sheet_name, info in sheets(pkg).items():
            grid = book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
            found = [{"name": t.name, "range_address": t.ref} for t in tables(pkg, info.part)]
            out.append(
                _sheet(sheet_name, [[wire(v if v != "" else None) for v in row] for row in grid], found)
            )
        pkg.close()
        book.close()
        return cls(
            {
                "client": "VBA",
                "version": xw.__version__,
                "names": [],
                "book": {"name": name, "active_sheet_index": 0, "selection": "A1"},
                "sheets": out,
            }
        )

    def book(self):
        """A fresh xlwings Book over the workbook as it is now (as after reopening it)."""
        import xlwings as xw

        return xw.Book(json=copy.deepcopy(self.data))

    # -- the client's half: run what xlwings sent back
    def apply(self, book) -> None:
        for action in book.json()["actions"]:
            self.actions.append(action)
            getattr(self, "_" + action["func"])(action)
        book.json()["actions"] = []

    def grid(self, sheet: str) -> list[list]:
        """The sheet's values as Python reads them (dates as dates, numbers as int/float)."""
        rows = self._sheet(sheet)["values"]
        return [[_python(v) for v in row] for row in rows]

    def _sheet(self, name_or_position) -> dict:
        if isinstance(name_or_position, int):
            return self.data["sheets"][name_or_position]
        return next(s for s in self.data["sheets"] if s["name"] == name_or_position)

    def _setValues(self, action: dict) -> None:
        sheet = self._sheet(action["sheet_position"])
        r0, c0 = action["start_row"], action["start_column"]
        for i, row in enumerate(action["values"]):
            for j, value in enumerate(row):
                _put(sheet, r0 + i, c0 + j, self._stored(value))
        _refresh_used(sheet)

    def _stored(self, value: object) -> object:
        """What Excel keeps for a value written to a cell."""
        if not isinstance(value, str) or value == "":
            return value
        if value.startswith("'"):
            return value[1:]
        if value.startswith("="):
            shown = _HYPERLINK.match(value)
            assert shown, f"the adapter wrote a formula Excel would compute: {value}"
            if shown.group(2) is not None:  # a number shown as itself
                return float(shown.group(2))
            return shown.group(1).replace('""', '"')
        if _ISO_WRITTEN.match(value):  # xlwings sends dates as ISO text; Excel stores a date
            day, _, time = value.partition(" ")
            return f"{day}T{time or '00:00:00'}.000Z"
        self.unguarded_text.append(value)
        return value

    def _rangeClearContents(self, action: dict) -> None:
        sheet = self._sheet(action["sheet_position"])
        for i in range(action["row_count"]):
            for j in range(action["column_count"]):
                _put(sheet, action["start_row"] + i, action["start_column"] + j, "")
        _refresh_used(sheet)

    _rangeClear = _rangeClearContents

    def _sheetClear(self, action: dict) -> None:
        sheet = self._sheet(action["sheet_position"])
        sheet["values"] = [[]]
        sheet["formats"] = []
        _refresh_used(sheet)

    def _resizeTable(self, action: dict) -> None:
        sheet = self._sheet(action["sheet_position"])
        sheet["tables"][action["args"][0]].update(
            _table_api(sheet["tables"][action["args"][0]]["name"], action["args"][1].replace("$", ""))
        )

    def _addTable(self, action: dict) -> None:
        address, _, _, name = action["args"]
        self._sheet(action["sheet_position"])["tables"].append(_table_api(name, address.replace("$", "")))

    def _addSheet(self, action: dict) -> None:
        position, name = action["args"]
        self.data["sheets"].insert(position, _sheet(name, [[]], []))

    def _setNumberFormat(self, action: dict) -> None:
        self._sheet(action["sheet_position"]).setdefault("formats", []).append(
            (
                action["start_row"],
                action["start_column"],
                action["row_count"],
                action["column_count"],
                action["args"][0],
            )
        )

    def _setColumnWidth(self, action: dict) -> None:
        self._sheet(action["sheet_position"]).setdefault("widths", {})[action["start_column"]] = action[
            "args"
        ][0]

    def _setRangeColor(self, action: dict) -> None:
        sheet = self._sheet(action["sheet_position"])
        sheet.setdefault("colors", {})[(action["start_row"], action["start_column"])] = action["args"][0]

    def _addChart(self, action: dict) -> None:
        name, kind, _, source = action["args"][:4]
        self._sheet(action["sheet_position"])["charts"].append({"name": name, "type": kind, "source": source})

    def _setChartTitle(self, action: dict) -> None:
        self._sheet(action["sheet_position"])["charts"][action["args"][0]]["title"] = action["args"][1]

    def _deleteChart(self, action: dict) -> None:
        self._sheet(action["sheet_position"])["charts"].pop(action["args"][0])

    def _setScreenUpdating(self, action: dict) -> None:
        self.data["book"]["screen_updating"] = action["args"][0]

    def _alert(self, action: dict) -> None:
        self.alerts.append(action["args"])

    # -- counting round trips
    @contextmanager
    def counting(self, monkeypatch):
        """Count every call the xlwings API makes into the engine while the block runs."""
        from xlwings.pro import _xlremote

        for class_name in ENGINE_CLASSES:
            cls = getattr(_xlremote, class_name)
            for attr, member in list(vars(cls).items()):
                if attr.startswith("_"):
                    continue
                if isinstance(member, property):
                    wrapped = property(
                        self._counted(member.fget, ".get"),
                        self._counted(member.fset, ".set") if member.fset else None,
                    )
                    monkeypatch.setattr(cls, attr, wrapped)
                elif callable(member) and not isinstance(member, (staticmethod, classmethod)):
                    monkeypatch.setattr(cls, attr, self._counted(member))
        yield self

    @property
    def value_reads(self) -> int:
        """Reads of a range's values (each one round trip to Excel)."""
        return self.by_name.get("Range.raw_value.get", 0)

    def _counted(self, fn, suffix: str = ""):
        """Counts the outermost call only: the engine calling itself is not another round trip."""

        def call(*args, **kwargs):
            self._depth = getattr(self, "_depth", 0)
            if self._depth == 0:
                self.calls += 1
                name = fn.__qualname__ + suffix
                self.by_name[name] = self.by_name.get(name, 0) + 1
            self._depth += 1
            try:
                return fn(*args, **kwargs)
            finally:
                self._depth -= 1

        return call


def _sheet(name: str, values: list[list], found_tables: list[dict]) -> dict:
    sheet = {
        "name": name,
        "values": values or [[]],
        "pictures": [],
        "shapes": [],
        "charts": [],
        "notes": [],
        "tables": [_table_api(t["name"], t["range_address"]) for t in found_tables],
        "print_area": None,
    }
    _refresh_used(sheet)
    return sheet


def _table_api(name: str, ref: str) -> dict:
    c1, r1, c2, r2 = split_ref(ref)
    first, last = column_letter(c1), column_letter(c2)
    return {
        "name": name,
        "range_address": f"{first}{r1}:{last}{r2}",
        "header_row_range_address": f"{first}{r1}:{last}{r1}",
        "data_body_range_address": f"{first}{r1 + 1}:{last}{r2}" if r2 > r1 else None,
        "total_row_range_address": None,
        "show_headers": True,
        "show_totals": False,
        "table_style": "",
        "show_autofilter": True,
        "row_count": r2 - r1 + 1,
        "column_count": c2 - c1 + 1,
    }


def _put(sheet: dict, row: int, col: int, value: object) -> None:
    values = sheet["values"]
    if values == [[]]:
        values.clear()
    width = max([col + 1] + [len(r) for r in values])
    while len(values) <= row:
        values.append([""] * width)
    for r in values:
        r.extend([""] * (width - len(r)))
    values[row][col] = value


def _refresh_used(sheet: dict) -> None:
    """Trim trailing empty rows and columns, and report the used range as Excel would."""
    values = [r for r in sheet["values"] if r] or [[]]
    while len(values) > 1 and all(v == "" for v in values[-1]):
        values.pop()
    width = max((i + 1 for r in values for i, v in enumerate(r) if v != ""), default=0)
    sheet["values"] = [(r + [""] * width)[:width] for r in values] if width else [[]]
    rows = len(sheet["values"]) if width else 0
    sheet["used_range_address"] = f"A1:{column_letter(width)}{rows}" if width else None


def _python(value: object) -> object:
    if value == "":
        return None
    if isinstance(value, str) and re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", value):
        moment = dt.datetime.fromisoformat(value[:19])
        return moment.date() if moment.time() == dt.time(0, 0) else moment
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
