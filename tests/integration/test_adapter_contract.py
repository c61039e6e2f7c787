"""The file adapter and the in-memory fake pass the same Workbook contract as the live adapter."""

from __future__ import annotations

from tests.contract_workbook import check_protocol, write_workbook


def test_file_adapter_passes_the_contract(tmp_path):
    from smep_xl.adapters.xlsx.workbook import open_workbook

    def make_book(tables):
        path = tmp_path / "contract.xlsx"
        write_workbook(path, tables)
        return open_workbook(str(path)), lambda: open_workbook(str(path))

    check_protocol(make_book)


def test_memory_fake_passes_the_contract():
    from smep_xl.adapters.memory.workbook import MemoryWorkbook

    def make_book(tables):
        book = MemoryWorkbook(tables)
        return book, lambda: book

    check_protocol(make_book)
