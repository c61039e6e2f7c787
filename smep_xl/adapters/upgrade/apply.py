"""The upgrade of one workbook file: survey what it lacks, then add it all in one save.

Edits go through the file adapter's writer (adapters/xlsx): only the parts that gain
something are rewritten, every other part is copied byte for byte, and the file is replaced
atomically, so a failure leaves the workbook as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from smep_xl import layout as L
from smep_xl.adapters.upgrade import checks
from smep_xl.adapters.upgrade.columns import add_column
from smep_xl.adapters.upgrade.plan import (
    Plan,
    SheetTarget,
    default_list,
    default_settings,
    plan_columns,
    table_of,
    targets,
)
from smep_xl.adapters.xlsx import sheets as xlsx_sheets
from smep_xl.adapters.xlsx.highlight import ensure_highlights
from smep_xl.adapters.xlsx.inputs import write_inputs
from smep_xl.adapters.xlsx.structure import TableInfo
from smep_xl.adapters.xlsx.workbook import open_workbook
from smep_xl.adapters.xlsx.write import Writer
from smep_xl.errors import SmepError
from smep_xl.ooxml import custom_props
from smep_xl.ooxml.highlights import defined_names
from smep_xl.ooxml.refs import column_letter
from smep_xl.ooxml.xml import XmlError

if TYPE_CHECKING:
    from smep_xl.ooxml.cells import Plain

INPUT_SHEETS = (L.OBJECTIVES, L.SCHOOLS, L.VISITS, L.CRITERIA, L.LISTS, L.SETTINGS)
MIN_EXTENT = 5000  # validation and formats reach this row at least, as in a new workbook


class WorkbookUpgrade:
    """A workbook file opened for `smep upgrade`, whatever contract version it records."""

    def __init__(self, path: str, read_only: bool = False):
        self.book = open_workbook(path, read_only=read_only, any_contract=True)
        self.label = self.book.label
        self.recorded = self.book.contract_version

    def plan(self) -> Plan:
        try:
            return self._plan()
        except XmlError as exc:
            raise SmepError(f"{self.label} is damaged ({exc}); nothing was changed.") from None

    def _plan(self) -> Plan:
        book, plan = self.book, Plan()
        if self.recorded is not None and self.recorded > L.CONTRACT_VERSION:
            raise SmepError(
                f"{self.label} was made by a newer smep-xl (workbook contract v{self.recorded}; this "
                f"smep-xl knows v{L.CONTRACT_VERSION}). Upgrade smep-xl itself (pip install --upgrade "
                "smep-xl); nothing was changed."
            )
        if not any(book.sheet_part(s) for s in INPUT_SHEETS):
            raise SmepError(
                f"{self.label} is not an SMEP workbook (it has none of the sheets Objectives, Schools, "
                "Visits, Criteria, Lists, Settings), so there is nothing to upgrade; nothing was changed."
            )
        for name, target in targets().items():
            info = table_of(book, name)
            if book.sheet_part(name) is None:
                plan.add("sheet", name, detail="with its table" if target.inputs or target.computed else "")
            elif info is None and (target.inputs or target.computed):
                plan.skipped.append(f"{name}: not an Excel table, so no column was added to it")
            elif info is not None:
                plan_columns(plan, target, info)
        self._plan_settings(plan)
        if not _has_names(book.pkg):
            plan.add("findings highlights", detail="the workbook names they read")
        if self.recorded != L.CONTRACT_VERSION:
            was = f"v{self.recorded}" if self.recorded is not None else "none recorded"
            plan.add("contract version", detail=f"{was} -> v{L.CONTRACT_VERSION}")
        return plan

    def _plan_settings(self, plan: Plan) -> None:
        info = table_of(self.book, L.SETTINGS)
        if info is None or L.SET_NAME not in info.columns or L.SET_VALUE not in info.columns:
            return
        have = {str(n).strip() for n in self.book.read_table(L.SETTINGS).frame[L.SET_NAME] if n is not None}
        for name, value in default_settings():
            if name not in have:
                plan.add("setting", L.SETTINGS, name, f"default {value}" if value is not None else "blank")

    def apply(self, plan: Plan) -> None:
        """Everything planned, in one atomic save; nothing at all when nothing is planned."""
        if not plan.additions:
            return
        book = self.book
        writer = Writer(book)
        try:
            _Adding(writer, targets()).all(plan)
            ensure_highlights(writer)
            custom_props.set_property(book.pkg, L.CONTRACT_PROPERTY, L.CONTRACT_VERSION)
            writer.finish()
        except XmlError as exc:
            raise SmepError(f"{self.label} is damaged ({exc}); nothing was changed.") from None
        if book._calamine is not None:  # the reader lets go of the file before it is replaced
            book._calamine.close()
            book._calamine = None
        book.pkg.save()

    def close(self) -> None:
        self.book.close()


def _has_names(pkg) -> bool:
    text = pkg.read("xl/workbook.xml")
    return all(name.encode() in text for name in defined_names())


class _Adding:
    """Applies a plan's additions through one writer, keeping each table's place as it grows."""

    def __init__(self, writer: Writer, wanted: dict[str, SheetTarget]):
        self.writer, self.book, self.targets = writer, writer.book, wanted
        self.styles = writer.styles
        for sheet in wanted:
            info = table_of(self.book, sheet)
            if info is not None:
                self.book.set_table_info(sheet, info)

    def all(self, plan: Plan) -> None:
        kinds = (
            "sheet",
            "pick list",
            "input column",
            "computed column",
        )  # pick lists before their drop-downs
        for kind in kinds:
            for addition in (a for a in plan.additions if a.kind == kind):
                if kind == "sheet":
                    self.sheet(self.targets[addition.sheet])
                else:
                    self.column(addition.sheet, addition.name, kind == "computed column")
        rows = [
            (a.name, v)
            for a in plan.additions
            if a.kind == "setting"
            for n, v in default_settings()
            if n == a.name
        ]
        if rows:
            new = pd.DataFrame(rows, columns=[L.SET_NAME, L.SET_VALUE], dtype=object)
            write_inputs(self.writer, L.SETTINGS, pd.DataFrame(columns=[L.SET_NAME]), new)

    def sheet(self, target: SheetTarget) -> None:
        pkg, writer = self.book.pkg, self.writer
        part = xlsx_sheets.add_sheet(pkg, target.name).part
        self.book.add_sheet_info(target.name, part)
        columns = target.inputs + target.computed
        if not columns:
            return
        rows = target.rows if target.rows is not None else pd.DataFrame(columns=list(columns))
        ref = f"A1:{column_letter(len(columns))}{max(2, len(rows) + 1)}"
        table_part, sheet_xml = xlsx_sheets.add_table(
            pkg, part, writer.xml(part), L.table_name(target.name), columns, ref
        )
        writer.set_xml(part, sheet_xml)
        head_in, head_out = self.styles.xf("header"), self.styles.xf("computed_header")
        header: dict[str, Plain] = {column_letter(i): c for i, c in enumerate(columns, 1)}
        writer.patch(part, {1: header}, lambda c, v, e: head_out if v in target.computed else head_in)
        body = {
            r: {column_letter(i): _value(record.get(c)) for i, c in enumerate(columns, 1)}
            for r, record in enumerate(rows.to_dict("records"), start=2)
        }
        writer.patch(part, body)
        last = max(2, len(rows) + 1)
        self.book.set_table_info(
            target.name, TableInfo(L.table_name(target.name), table_part, 1, 1, len(columns), last, columns)
        )

    def column(self, sheet: str, name: str, computed: bool) -> None:
        book, writer = self.book, self.writer
        info = book.table_info(sheet)
        part = book.sheet_part(sheet)
        target = self.targets[sheet]
        at = None
        if not computed:
            first_computed = [i for i, c in enumerate(info.columns) if c in target.computed]
            at = first_computed[0] if first_computed else None
        style = self.styles.xf("computed_header" if computed else "header")
        info = add_column(writer, sheet, info, part, name, at, style)
        letter = column_letter(info.first_col + info.columns.index(name))
        sqref = f"{letter}{info.first_row + 1}:{letter}{max(MIN_EXTENT, info.last_row + 1000)}"
        if computed and name in checks.rules.RAG_COLUMNS.get(sheet, ()):
            writer.set_xml(part, checks.add_rag_colours(writer.xml(part), sqref, self.styles))
        if not computed:
            rule = checks.validation_for(sheet, name, self._criteria(), self._list_letters(), book.date1904)
            if rule is not None:
                writer.set_xml(part, checks.add_validation(writer.xml(part), sqref, rule))
        if sheet == L.LISTS:
            self.list_values(info, name, letter)

    def list_values(self, info: TableInfo, name: str, letter: str) -> None:
        values = default_list(name)
        room = info.last_data_row - info.first_row
        inside = {info.first_row + 1 + i: {letter: v} for i, v in enumerate(values[:room])}
        self.writer.patch(self.book.sheet_part(L.LISTS), inside)
        if len(values) > room:
            extra = pd.DataFrame({name: values[room:]}, dtype=object)
            write_inputs(self.writer, L.LISTS, pd.DataFrame(columns=[name]), extra)
        checks.add_list_name(self.book.pkg, name, letter)

    def _list_letters(self) -> dict[str, str]:
        info = self.book.table_info(L.LISTS) if self.book.sheet_part(L.LISTS) else None
        if info is None:
            return {}
        return {c: column_letter(info.first_col + i) for i, c in enumerate(info.columns)}

    def _criteria(self) -> list[str]:
        info = self.book.table_info(L.VISITS) if self.book.sheet_part(L.VISITS) else None
        fixed = set(L.VISIT_LEAD_COLUMNS + L.VISIT_TAIL_COLUMNS + L.visits_spec(()).computed)
        return [c for c in (info.columns if info else ()) if c not in fixed]


def _value(value: object) -> Plain:
    from smep_xl.ooxml.cells import plain

    return plain(value)
