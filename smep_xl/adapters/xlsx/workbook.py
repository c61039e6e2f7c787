"""The workbook on disk: whole tables read fast, only Python's cells and parts rewritten.

Reads go through python-calamine. Writes patch the XML of the sheets that change and copy
every other part byte for byte (VBA, ribbon, charts, images, validation, formats, names); the
new file replaces the old one atomically, so a failure at any point leaves it as it was.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Iterable
from concurrent.futures import Future

from python_calamine import CalamineWorkbook

from smep_xl import contract
from smep_xl import layout as L
from smep_xl.adapters.xlsx import read as xlsx_read
from smep_xl.adapters.xlsx import write as xlsx_write
from smep_xl.adapters.xlsx.early import parse_in_background, started_early, take_early
from smep_xl.adapters.xlsx.opening import check_openable
from smep_xl.adapters.xlsx.structure import SheetInfo, TableInfo, date1904, sheets, tables
from smep_xl.errors import SmepError
from smep_xl.ooxml.atomic import remove_stale_temps
from smep_xl.ooxml.custom_props import read_property
from smep_xl.ooxml.lock import WorkbookLock, lock_workbook
from smep_xl.ooxml.package import Package
from smep_xl.ooxml.xml import XmlError
from smep_xl.workbook import HeldWrites, Table

SMEP_SHEETS = (L.SETTINGS, L.CRITERIA, L.LISTS, L.OBJECTIVES, L.SCHOOLS, L.VISITS)  # the smallest first
BIG_SHEET = 4_000_000  # bytes of XML: the biggest sheet this size or more is parsed on a second core


def open_workbook(path: str, read_only: bool = False, any_contract: bool = False) -> XlsxWorkbook:
    """Open a master workbook file; a broken environment stops here with one clear line, and so
    does a workbook of another contract version (unless any_contract: `smep upgrade` opens those).

    Unless read_only, the workbook's lock (~$NAME, ooxml/lock.py) is taken first and held until
    close(): a second smep run on the same workbook waits for it, or is refused."""
    check_openable(path, for_writing=not read_only)
    lock = None if read_only else lock_workbook(path)
    try:
        if lock is not None:
            remove_stale_temps(path)
        book = XlsxWorkbook(path, lock, any_contract)
        book.check_smep()
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return book


class XlsxWorkbook(HeldWrites):
    def __init__(self, path: str, lock: WorkbookLock | None = None, any_contract: bool = False):
        super().__init__()
        self.path = path
        self.label = os.path.basename(path)
        self.lock = lock
        if lock is not None:  # a book dropped without close() lets its lock go with it
            weakref.finalize(self, lock.release)
        self.pkg = Package(path)
        if not self.pkg.has("xl/workbook.xml"):
            raise SmepError(
                f"{self.label} is not an Excel workbook (no workbook part). Open it in Excel and save "
                "it as an Excel Workbook."
            )
        self.contract_version = contract.recorded_version(read_property(self.pkg, L.CONTRACT_PROPERTY))
        if not any_contract:
            contract.check_version(self.contract_version, self.label)
        self._sheets = sheets(self.pkg)
        self.date1904 = date1904(self.pkg)
        self._calamine: CalamineWorkbook | None = None
        self._infos: dict[str, TableInfo] = {}
        self._grids: dict[str, Future[list[list]]] = {}  # sheets being parsed in the background

    def __enter__(self) -> XlsxWorkbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check_smep(self) -> None:
        """An SMEP workbook has at least one of the input sheets, by name, with every column the
        contract needs in its header row. Any other workbook is refused before anything is read
        or written, so a command run on the wrong file leaves it exactly as it was."""
        for sheet in SMEP_SHEETS:
            if sheet in self._sheets:
                try:
                    self.read_table(sheet)
                    return
                except SmepError:
                    continue
        raise SmepError(
            f"{self.label} is not an SMEP workbook: none of its sheets is an SMEP sheet ({', '.join(SMEP_SHEETS)}) "
            "with its column headers. Check you chose the right file (the hub's master workbook), or "
            "make one with 'smep new'; nothing was changed."
        )

    @property
    def folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))

    def sheet_names(self) -> list[str]:
        return list(self._sheets)

    def table_info(self, sheet: str) -> TableInfo:
        if sheet not in self._infos:
            self.read_table(sheet)
        return self._infos[sheet]

    def set_table_info(self, sheet: str, info: TableInfo) -> None:
        """Where a table is after a held write moved it (a column added, rows appended)."""
        self._infos[sheet] = info

    def read_table(self, sheet: str) -> Table:
        info_sheet = self._sheets.get(sheet)
        if info_sheet is None:
            raise SmepError(
                f"{self.label} has no sheet called '{sheet}'. It may not be an SMEP master workbook: "
                f"make one with 'smep new', or rename the sheet back to '{sheet}'."
            )
        try:
            marks = xlsx_read.sheet_marks(self.pkg.read(info_sheet.part))  # while a big sheet parses
            grid = self._load_grid(sheet)
        except Exception as exc:  # noqa: BLE001 - calamine raises its own types for a damaged sheet
            raise SmepError(
                f"{self.label} is damaged: sheet '{sheet}' cannot be read ({exc}). Open it in Excel, "
                "let Excel repair it, and save it again."
            ) from None
        info = self._pick_table(sheet, info_sheet.part, grid)
        table = xlsx_read.read_table(sheet, grid, info, marks)
        contract.check_headers(
            sheet, list(table.frame.columns), f"{self.label}, sheet '{sheet}' row {info.first_row}"
        )
        self._infos[sheet] = info
        return table

    def read_tables(self, sheets: Iterable[str]) -> dict[str, Table]:
        """The tables in the order given. The biggest sheet, when it is big (a national Visits
        sheet: 80 MB of XML), is parsed by calamine on a second core, which it can use as it
        holds no Python lock, unless the command started that early (parse_early); either way
        the others are read here meanwhile, and the big one last."""
        wanted = list(dict.fromkeys(sheets))
        sizes = {s: self.pkg.size(self._sheets[s].part) for s in wanted if s in self._sheets}
        parsing = [s for s in wanted if started_early(self.path, s)]
        big = max(sizes, key=lambda s: sizes[s], default=None)
        if big is not None and sizes[big] >= BIG_SHEET and big not in parsing:
            self._grids[big] = parse_in_background(self.path, big)
            parsing.append(big)
        order = [s for s in wanted if s not in parsing] + [s for s in wanted if s in parsing]
        read = {s: self.read_table(s) for s in order}
        return {s: read[s] for s in wanted}

    def _load_grid(self, sheet: str) -> list[list]:
        future = self._grids.pop(sheet, None)
        grid = future.result() if future is not None else take_early(self.path, sheet, self.pkg.stamp)
        return grid if grid is not None else xlsx_read.load_grid(self._book(), sheet)

    def _book(self) -> CalamineWorkbook:
        if self._calamine is None:
            try:
                self._calamine = CalamineWorkbook.from_path(self.path)
            except Exception as exc:  # noqa: BLE001 - calamine raises its own types for damaged files
                raise SmepError(
                    f"{self.label} cannot be read ({exc}). Open it in Excel and save it again."
                ) from None
        return self._calamine

    def _pick_table(self, sheet: str, part: str, grid: list[list]) -> TableInfo:
        found = tables(self.pkg, part)
        wanted = L.table_name(sheet).lower()
        for info in found:
            if info.name.lower() == wanted:
                return info
        return found[0] if found else xlsx_read.used_range_table(sheet, grid)

    # -- writes, held until save()
    def save(self) -> None:
        writes = self.take_pending()
        if not writes:
            return
        writer = xlsx_write.Writer(self)
        try:
            for write in writes:
                writer.apply(write)
        except XmlError as exc:
            raise SmepError(
                f"{self.label} is damaged: a sheet or table is not well-formed XML ({exc}). Open it in "
                "Excel, let Excel repair it, and save it again; nothing was changed."
            ) from None
        writer.finish()
        if self.lock is not None:
            self.lock.check()
        if self._calamine is not None:
            self._calamine.close()
            self._calamine = None
        self.pkg.save()
        self._sheets = sheets(self.pkg)
        self._infos.clear()

    def close(self) -> None:
        if self._calamine is not None:
            self._calamine.close()
            self._calamine = None
        self.pkg.close()
        if self.lock is not None:
            self.lock.release()

    def sheet_part(self, sheet: str) -> str | None:
        info = self._sheets.get(sheet)
        return info.part if info else None

    def add_sheet_info(self, sheet: str, part: str) -> None:
        self._sheets[sheet] = SheetInfo(sheet, part)
