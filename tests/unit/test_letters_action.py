"""The Generate letters action on the in-memory workbook, with a writer that records and the
in-memory Files port (no disk)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from smep_xl import layout as L
from smep_xl.actions.letters import LettersOptions, letters
from smep_xl.adapters.files.fake import FakeFiles
from smep_xl.errors import SmepError
from tests.letters_fixture import TODAY, frames, log_frame, memory_book, school, visit

HUB = Path("/hub")  # the workbook's folder, as the fake Files port has it
LETTERS = HUB / "letters"


class FakeTemplate:
    def __init__(self, path: Path, writer: FakeWriter):
        self.name, self.path, self.writer = path.name, path, writer

    def check(self, supplied, sample=None) -> None:
        self.writer.checked.append(set(supplied))
        if self.writer.refuse:
            raise SmepError(self.writer.refuse)

    def write_all(self, letters, progress=None) -> list:
        outcome = []
        for context, path in letters:
            if context["urn"] in self.writer.fail_for:
                outcome.append(f"{path.name} could not be written (Permission denied)")
                continue
            self.writer.written.append((path, dict(context)))
            self.writer.files.add(path)
            outcome.append(None)
        if progress:
            progress(len(letters), len(letters))
        return outcome


class FakeWriter:
    """Records what the action asked for; its letters exist only in the fake Files port."""

    def __init__(self, files: FakeFiles, refuse: str = "", fail_for: tuple = (), pdf: str | None = None):
        self.files, self.refuse, self.fail_for, self.pdf = files, refuse, fail_for, pdf
        self.templates: list[Path] = []
        self.checked: list[set] = []
        self.written: list[tuple[Path, dict]] = []
        self.combined: list[tuple[list[Path], Path]] = []
        self.converted: list[Path] = []

    def open_template(self, path: Path) -> FakeTemplate:
        self.templates.append(path)
        return FakeTemplate(path, self)

    def combine(self, letters: list[Path], target: Path) -> None:
        self.combined.append((letters, target))
        self.files.add(target)

    def pdf_problem(self) -> str | None:
        return self.pdf

    def to_pdf(self, files: list[Path], folder: Path) -> list[Path | None]:
        self.converted += files
        return [None] + [folder / (f.stem + ".pdf") for f in files[1:]]  # the first one "fails"


def run(book=None, files=None, writer_options=None, **options):
    book = book or memory_book()
    files = files or FakeFiles(HUB)
    writer = FakeWriter(files, **(writer_options or {}))
    result = letters(book, LettersOptions(files=files, writer=writer, today=TODAY, **options))
    return book, writer, result


def test_writes_logs_and_fills_the_letter_columns() -> None:
    book, writer, result = run()
    names = sorted(writer.files.names_in(LETTERS))
    assert names == [
        "100001 St Mary's C of E Primary & Nursery 2015-03-03.docx",
        "100002 Brook _Junior_ School 2014-11-10.docx",
        "100006 Fern Primary 2015-05-20.docx",
    ]
    assert writer.templates == [HUB / "templates" / "feedback_letter.docx"]  # the Letter Template setting
    assert book.saves == 1 and result.exit_code == 1 and result.errors == 2
    log = book.tables[L.LETTER_LOG]
    assert list(log[L.LOG_VISIT]) == ["V1", "V2", "V6"] and set(log[L.LOG_STATUS]) == {"Written"}
    assert list(log[L.LOG_URN]) == [100001, 100002, 100006]
    assert log[L.LOG_FILE].iloc[0] == str(Path("letters") / names[0])
    visits = book.tables[L.VISITS].set_index(L.VIS_ID)
    assert visits.at["V1", L.VIS_LETTER] == names[0] and visits.at["V5", L.VIS_LETTER] is None
    schools = book.tables[L.SCHOOLS].set_index(L.SCH_URN)
    assert schools.at[100001, L.SCH_LAST_LETTER] == TODAY and schools.at[100005, L.SCH_LAST_LETTER] is None


def test_running_twice_writes_nothing_new() -> None:
    book, first, _ = run()
    _, writer, result = run(book, first.files)
    assert not writer.written and not result.planned and not writer.templates
    assert len(book.tables[L.LETTER_LOG]) == 3 and book.saves == 1


def test_all_writes_again_over_its_own_files_and_keeps_the_log_history() -> None:
    book, first, _ = run()
    _, writer, result = run(book, first.files, all_visited=True)
    assert [c["visit_id"] for _, c in writer.written] == ["V1", "V2", "V6"]
    assert len(writer.files.names_in(LETTERS)) == 3  # the same files, made again
    assert list(book.tables[L.LETTER_LOG][L.LOG_VISIT]) == ["V1", "V2", "V6"] * 2


def test_a_file_already_in_the_folder_is_never_written_over() -> None:
    taken = "letters/100001 St Mary's C of E Primary & Nursery 2015-03-03.docx"
    _, writer, _ = run(
        files=FakeFiles(HUB, existing=[taken, "letters/Print pack 2015-06-01.docx"]), combined=True
    )
    assert writer.written[0][0].name == "100001 St Mary's C of E Primary & Nursery 2015-03-03 (2).docx"
    assert writer.combined[0][1].name == "Print pack 2015-06-01 (2).docx"


def test_two_schools_with_the_same_name_never_share_a_file() -> None:
    t = frames(**{L.S_LETTER_FILE_NAME: "{School}"})
    hostile = ["../../x", "CON", "A" * 300, "🎵 Sing 🎻", "Same", "same", "C:\\x"]
    t[L.SCHOOLS] = pd.DataFrame([school(200000 + i, name) for i, name in enumerate(hostile)]).astype(object)
    t[L.VISITS] = pd.DataFrame(
        [visit(f"V{i}", 200000 + i, pd.Timestamp(2015, 1, 5), 3) for i in range(len(hostile))]
    ).astype(object)
    from smep_xl.adapters.memory.workbook import MemoryWorkbook

    _, writer, result = run(MemoryWorkbook(t))
    paths = [p for p, _ in writer.written]
    assert len(paths) == len(hostile) == len({p.name.lower() for p in paths})
    assert all(p.parent.parent == LETTERS and "/" not in p.name and "\\" not in p.name for p in paths)
    assert {p.name for p in paths} == writer.files.names_in(LETTERS)  # staged, then moved in
    assert {p.name for p in paths} >= {
        "_CON.docx",
        "Same.docx",
        "same (2).docx",
        "_.._x.docx",
        "C__x.docx",
        "🎵 Sing 🎻.docx",
    }


def test_dry_run_writes_nothing() -> None:
    book, writer, result = run(dry_run=True)
    assert result.dry_run and len(result.planned) == 3
    assert writer.checked and not writer.written  # the template is still checked
    assert book.saves == 0 and not writer.files.folders


def test_a_template_problem_stops_before_anything_is_written() -> None:
    book = memory_book()
    files = FakeFiles(HUB)
    with pytest.raises(SmepError, match="head_teacher"):
        run(book, files, {"refuse": "fields the data does not supply: head_teacher"})
    assert book.saves == 0 and not files.folders and not files.files


def test_the_check_is_given_every_field_of_the_data() -> None:
    _, writer, _ = run()
    assert {"school", "criteria", "strengths", "hub_name", "leadership"} <= writer.checked[0]


def test_pdf_without_libreoffice_stops_before_writing() -> None:
    book = memory_book()
    files = FakeFiles(HUB)
    with pytest.raises(SmepError, match="LibreOffice"):
        run(book, files, {"pdf": "PDFs need LibreOffice"}, pdf=True)
    assert book.saves == 0 and not files.folders


def test_a_folder_that_cannot_be_written_stops_before_the_first_letter() -> None:
    book = memory_book()
    files = FakeFiles(HUB, refuse=["letters"])
    with pytest.raises(SmepError, match=r"Letters cannot be written to the folder /hub/letters \(Permission"):
        run(book, files)
    assert book.saves == 0 and not files.files


def test_combined_and_pdf() -> None:
    _, writer, result = run(combined=True, pdf=True)
    letters_, pack = writer.combined[0]
    assert [p.name[:6] for p in letters_] == ["100001", "100002", "100006"]
    assert pack == LETTERS / "Print pack 2015-06-01.docx" and result.combined == str(pack)
    assert writer.converted == [*letters_, pack]
    assert len(result.pdfs) == 3 and "letter.pdf.failed" in [f.code for f in result.findings]


def test_a_letter_that_cannot_be_written_is_a_finding_and_not_logged() -> None:
    book, _, result = run(writer_options={"fail_for": ("100002",)})
    assert list(book.tables[L.LETTER_LOG][L.LOG_VISIT]) == ["V1", "V6"]
    failed = [f for f in result.findings if f.code == "letter.write.failed"]
    assert len(failed) == 1 and "Brook" in failed[0].message


def test_export_data_writes_the_merge_data_and_nothing_else() -> None:
    book, writer, result = run(export_data=HUB / "fields.json")
    document = json.loads(writer.files.texts[HUB / "fields.json"])
    assert [d["visit_id"] for d in document["letters"]] == ["V1", "V2", "V6"]
    assert {f["name"] for f in document["fields"]} <= set(document["letters"][0])
    assert document["example"]["school"] and document["template"] == str(
        HUB / "templates" / "feedback_letter.docx"
    )
    assert not writer.templates and book.saves == 0 and writer.files.files == {HUB / "fields.json"}
    assert result.exported == str(HUB / "fields.json") and result.dry_run


def test_export_data_that_cannot_be_written_is_one_stop() -> None:
    with pytest.raises(SmepError, match="The merge data cannot be written to /nowhere/fields.json"):
        run(files=FakeFiles(HUB, refuse=["/nowhere"]), export_data=Path("/nowhere/fields.json"))


def test_out_dir_and_old_log_rows() -> None:
    book = memory_book()
    old = log_frame([{L.LOG_URN: 1, L.LOG_SCHOOL: "Old School", L.LOG_VISIT: "V0", L.LOG_STATUS: "Written"}])
    book.tables[L.LETTER_LOG] = old.set_axis(range(2, 3))
    _, writer, _ = run(book, out_dir=Path("/elsewhere"))
    assert len(writer.files.names_in(Path("/elsewhere"))) == 3 and not writer.files.names_in(LETTERS)
    log = book.tables[L.LETTER_LOG]
    assert list(log[L.LOG_SCHOOL])[0] == "Old School"
    assert list(log[L.LOG_FILE])[1].startswith("/elsewhere/")  # outside the workbook's folder: in full


def test_audit_forms() -> None:
    book, writer, result = run(audit=True)
    assert writer.templates == [HUB / "templates" / "audit_form.docx"]
    assert [p.name for p, _ in writer.written] == ["100005 Elm Special audit form.docx"]
    log = book.tables[L.LETTER_LOG]
    assert log[L.LOG_VISIT].isna().all() and list(log[L.LOG_TEMPLATE]) == ["audit_form.docx"]
    assert book.tables[L.SCHOOLS][L.SCH_LAST_LETTER].isna().all()  # an audit form is not a letter


def test_the_file_name_pattern_takes_any_column() -> None:
    book = memory_book(**{L.S_LETTER_FILE_NAME: "{Visit ID} {Head Last Name} {rag} {Follow-up Date}"})
    _, writer, result = run(book)
    assert [p.name for p, _ in writer.written][:2] == ["V1 O'Connor Green.docx", "V2 Hughes Red.docx"]
    book = memory_book(**{L.S_LETTER_FILE_NAME: "{URN} {Favourite Colour}"})
    _, writer, result = run(book)
    assert writer.written[0][0].name == "100001 St Mary's C of E Primary & Nursery 2015-03-03.docx"
    [warning] = [f for f in result.findings if f.code == "letter.file_name.unknown"]
    assert warning.severity == "warning" and "{Favourite Colour}" in warning.message


def test_every_table_is_read_before_any_file_work_and_written_after() -> None:
    calls: list[str] = []
    book, files = Recording(memory_book(), calls), Recording(FakeFiles(HUB), calls)
    letters(book, LettersOptions(files=files, writer=Recording(FakeWriter(files.inner), calls), today=TODAY))
    reads = [i for i, c in enumerate(calls) if c in ("book.read_table", "book.sheet_names")]
    others = [i for i, c in enumerate(calls) if not c.startswith("book.")]
    writes = [i for i, c in enumerate(calls) if c.startswith("book.write") or c == "book.save"]
    assert reads and others and writes
    assert max(reads) < min(others) and max(others) < min(writes), calls
    assert calls[-1] == "book.save"


class Recording:
    """Wraps a workbook, Files port or writer and notes each call, in order, in a shared list."""

    def __init__(self, inner, calls: list[str]):
        self.inner, self.calls = inner, calls
        self.label = getattr(inner, "label", "")
        self.kind = (
            "book" if hasattr(inner, "read_table") else "files" if hasattr(inner, "beside") else "writer"
        )

    def __getattr__(self, name):
        attribute = getattr(self.inner, name)
        if not callable(attribute):
            return attribute

        def call(*args, **kwargs):
            self.calls.append(f"{self.kind}.{name}")
            return attribute(*args, **kwargs)

        return call
