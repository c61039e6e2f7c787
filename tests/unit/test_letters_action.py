"""The Generate letters action on the in-memory workbook, with a writer that records."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from smep_xl import layout as L
from smep_xl.actions.letters import letters
from smep_xl.errors import SmepError
from tests.letters_fixture import ROOT, TODAY, frames, log_frame, memory_book, school, visit


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
            path.write_text(context["school"], encoding="utf-8")
            outcome.append(None)
        if progress:
            progress(len(letters), len(letters))
        return outcome


class FakeWriter:
    """Records what the action asked for; writes a line of text instead of a letter."""

    def __init__(self, refuse: str = "", fail_for: tuple = (), pdf: str | None = None):
        self.refuse, self.fail_for, self.pdf = refuse, fail_for, pdf
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
        target.write_text("pack")

    def pdf_problem(self) -> str | None:
        return self.pdf

    def to_pdf(self, files: list[Path], folder: Path) -> list[Path]:
        self.converted += files
        return [folder / (f.stem + ".pdf") for f in files[1:]]  # the first one "fails"


def run(book=None, writer=None, tmp_path=None, **kwargs):
    book = book or memory_book()
    writer = writer or FakeWriter()
    result = letters(book, writer=writer, base_dir=tmp_path, today=TODAY, **kwargs)
    return book, writer, result


def test_writes_logs_and_fills_the_letter_columns(tmp_path: Path) -> None:
    book, writer, result = run(tmp_path=tmp_path)
    folder = tmp_path / "letters"
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "100001 St Mary's C of E Primary & Nursery 2015-03-03.docx",
        "100002 Brook _Junior_ School 2014-11-10.docx",
        "100006 Fern Primary 2015-05-20.docx",
    ]
    assert writer.templates == [ROOT / "templates" / "feedback_letter.docx"]  # the project's copy
    assert book.saves == 1 and result.exit_code == 1 and result.errors == 2
    log = book.tables[L.LETTER_LOG]
    assert list(log[L.LOG_VISIT]) == ["V1", "V2", "V6"] and set(log[L.LOG_STATUS]) == {"Written"}
    assert list(log[L.LOG_URN]) == [100001, 100002, 100006]
    assert log[L.LOG_FILE].iloc[0] == str(Path("letters") / names[0])
    visits = book.tables[L.VISITS].set_index(L.VIS_ID)
    assert visits.at["V1", L.VIS_LETTER] == names[0] and visits.at["V5", L.VIS_LETTER] is None
    schools = book.tables[L.SCHOOLS].set_index(L.SCH_URN)
    assert schools.at[100001, L.SCH_LAST_LETTER] == TODAY and schools.at[100005, L.SCH_LAST_LETTER] is None


def test_running_twice_writes_nothing_new(tmp_path: Path) -> None:
    book, _, _ = run(tmp_path=tmp_path)
    _, writer, result = run(book, tmp_path=tmp_path)
    assert not writer.written and not result.planned and not writer.templates
    assert len(book.tables[L.LETTER_LOG]) == 3 and book.saves == 1


def test_all_writes_again_over_its_own_files_and_keeps_the_log_history(tmp_path: Path) -> None:
    book, _, _ = run(tmp_path=tmp_path)
    _, writer, result = run(book, tmp_path=tmp_path, all_visited=True)
    assert [c["visit_id"] for _, c in writer.written] == ["V1", "V2", "V6"]
    assert len(list((tmp_path / "letters").iterdir())) == 3  # the same files, made again
    assert list(book.tables[L.LETTER_LOG][L.LOG_VISIT]) == ["V1", "V2", "V6"] * 2


def test_two_schools_with_the_same_name_never_share_a_file(tmp_path: Path) -> None:
    t = frames(**{L.S_LETTER_FILE_NAME: "{School}"})
    hostile = ["../../x", "CON", "A" * 300, "🎵 Sing 🎻", "Same", "same", "C:\\x"]
    t[L.SCHOOLS] = pd.DataFrame([school(200000 + i, name) for i, name in enumerate(hostile)]).astype(object)
    t[L.VISITS] = pd.DataFrame(
        [visit(f"V{i}", 200000 + i, pd.Timestamp(2015, 1, 5), 3) for i in range(len(hostile))]
    ).astype(object)
    from smep_xl.adapters.memory.workbook import MemoryWorkbook

    _, writer, result = run(MemoryWorkbook(t), tmp_path=tmp_path)
    folder = (tmp_path / "letters").resolve()
    paths = [p for p, _ in writer.written]
    assert len(paths) == len(hostile) == len({p.name.lower() for p in paths})
    assert all(p.resolve().parent == folder for p in paths)
    assert {p.name for p in paths} >= {
        "_CON.docx",
        "Same.docx",
        "same (2).docx",
        "_.._x.docx",
        "C__x.docx",
        "🎵 Sing 🎻.docx",
    }


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    book, writer, result = run(tmp_path=tmp_path, dry_run=True)
    assert result.dry_run and len(result.planned) == 3
    assert writer.checked and not writer.written  # the template is still checked
    assert book.saves == 0 and not (tmp_path / "letters").exists()


def test_a_template_problem_stops_before_anything_is_written(tmp_path: Path) -> None:
    book = memory_book()
    with pytest.raises(SmepError, match="head_teacher"):
        run(book, FakeWriter(refuse="fields the data does not supply: head_teacher"), tmp_path)
    assert book.saves == 0 and not (tmp_path / "letters").exists()


def test_the_check_is_given_every_field_of_the_data(tmp_path: Path) -> None:
    _, writer, _ = run(tmp_path=tmp_path)
    assert {"school", "criteria", "strengths", "hub_name", "leadership"} <= writer.checked[0]


def test_pdf_without_libreoffice_stops_before_writing(tmp_path: Path) -> None:
    book = memory_book()
    with pytest.raises(SmepError, match="LibreOffice"):
        run(book, FakeWriter(pdf="PDFs need LibreOffice"), tmp_path, pdf=True)
    assert book.saves == 0 and not (tmp_path / "letters").exists()


def test_combined_and_pdf(tmp_path: Path) -> None:
    _, writer, result = run(tmp_path=tmp_path, combined=True, pdf=True)
    letters_, pack = writer.combined[0]
    assert [p.name[:6] for p in letters_] == ["100001", "100002", "100006"]
    assert pack.name == "Print pack 2015-06-01.docx" and result.combined == str(pack)
    assert writer.converted == [*letters_, pack]
    assert len(result.pdfs) == 3 and "letter.pdf.failed" in [f.code for f in result.findings]


def test_a_letter_that_cannot_be_written_is_a_finding_and_not_logged(tmp_path: Path) -> None:
    book, _, result = run(writer=FakeWriter(fail_for=("100002",)), tmp_path=tmp_path)
    assert list(book.tables[L.LETTER_LOG][L.LOG_VISIT]) == ["V1", "V6"]
    failed = [f for f in result.findings if f.code == "letter.write.failed"]
    assert len(failed) == 1 and "Brook" in failed[0].message


def test_export_data_writes_the_merge_data_and_nothing_else(tmp_path: Path) -> None:
    book, writer, result = run(tmp_path=tmp_path, export_data=tmp_path / "fields.json")
    document = json.loads((tmp_path / "fields.json").read_text(encoding="utf-8"))
    assert [d["visit_id"] for d in document["letters"]] == ["V1", "V2", "V6"]
    assert {f["name"] for f in document["fields"]} <= set(document["letters"][0])
    assert document["example"]["school"]
    assert not writer.templates and book.saves == 0 and not (tmp_path / "letters").exists()


def test_out_dir_and_old_log_rows(tmp_path: Path) -> None:
    book = memory_book()
    old = log_frame([{L.LOG_URN: 1, L.LOG_SCHOOL: "Old School", L.LOG_VISIT: "V0", L.LOG_STATUS: "Written"}])
    book.tables[L.LETTER_LOG] = old.set_axis(range(2, 3))
    run(book, tmp_path=tmp_path, out_dir=tmp_path / "elsewhere")
    assert len(list((tmp_path / "elsewhere").iterdir())) == 3
    assert list(book.tables[L.LETTER_LOG][L.LOG_SCHOOL])[0] == "Old School"


def test_audit_forms(tmp_path: Path) -> None:
    book, writer, result = run(tmp_path=tmp_path, audit=True)
    assert writer.templates == [ROOT / "templates" / "audit_form.docx"]
    assert [p.name for p, _ in writer.written] == ["100005 Elm Special audit form.docx"]
    log = book.tables[L.LETTER_LOG]
    assert log[L.LOG_VISIT].isna().all() and list(log[L.LOG_TEMPLATE]) == ["audit_form.docx"]
    assert book.tables[L.SCHOOLS][L.SCH_LAST_LETTER].isna().all()  # an audit form is not a letter


def test_the_file_name_pattern_takes_any_column(tmp_path: Path) -> None:
    book = memory_book(**{L.S_LETTER_FILE_NAME: "{Visit ID} {Head Last Name} {rag} {Follow-up Date}"})
    _, writer, result = run(book, tmp_path=tmp_path)
    assert [p.name for p, _ in writer.written][:2] == ["V1 O'Connor Green.docx", "V2 Hughes Red.docx"]
    book = memory_book(**{L.S_LETTER_FILE_NAME: "{URN} {Favourite Colour}"})
    _, writer, result = run(book, tmp_path=tmp_path / "other")
    assert writer.written[0][0].name == "100001 St Mary's C of E Primary & Nursery 2015-03-03.docx"
    [warning] = [f for f in result.findings if f.code == "letter.file_name.unknown"]
    assert warning.severity == "warning" and "{Favourite Colour}" in warning.message


def test_a_template_of_the_hubs_own_is_never_swapped_for_ours(tmp_path: Path) -> None:
    from smep_xl.actions.letters import find_template
    from smep_xl.domain.settings import settings_from_frame
    from tests.letters_fixture import settings_frame

    usual = settings_from_frame(settings_frame())
    assert find_template(usual, tmp_path, audit=False) == ROOT / "templates" / "feedback_letter.docx"
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "feedback_letter.docx").write_bytes(b"x")
    assert find_template(usual, tmp_path, audit=False) == tmp_path / "templates" / "feedback_letter.docx"
    own = settings_from_frame(settings_frame(**{L.S_LETTER_TEMPLATE: "ours/feedback_letter.docx"}))
    assert find_template(own, tmp_path, audit=False) == tmp_path / "ours" / "feedback_letter.docx"
