"""`smep letters` and `smep render` on real workbook files; letters opened with python-docx."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import docx
import pytest

from smep_xl import layout as L
from smep_xl.adapters.xlsx.workbook import open_workbook
from smep_xl.cli import main
from tests.conftest import soffice
from tests.letters_fixture import FORMULA, INJECTED, ROOT, TRICKY, frames, school, visit, write_workbook
from tests.letters_templates import document_text

GOLDEN = ROOT / "tests" / "golden"
GOLDEN_URNS = ("120443", "119607")  # demo: Red two visits running; Green, improving, with an award
DAY = "2015-07-31"


@pytest.fixture
def smep(capsys, monkeypatch):
    """Run the smep command line in this process: (exit code, stdout, stderr)."""

    def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
        if cwd:
            monkeypatch.chdir(cwd)
        monkeypatch.setattr(sys, "argv", ["smep", *map(str, args)])
        with pytest.raises(SystemExit) as stop:
            main()
        out, err = capsys.readouterr()
        return stop.value.code, out, err

    return run


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "hub.xlsx")


def letter_texts(folder: Path) -> dict[str, str]:
    return {p.name: "\n".join(document_text(p)) for p in sorted(folder.glob("*.docx"))}


def log_rows(path: Path) -> list[dict]:
    return open_workbook(str(path), read_only=True).read_table(L.LETTER_LOG).frame.to_dict("records")


def test_demo_letters_are_written_logged_and_not_repeated(demo_copy: Path, smep) -> None:
    code, out, err = smep("letters", demo_copy, "--combined", "--date", DAY)
    assert (code, err) == (0, "")
    folder = demo_copy.parent / "letters"
    texts = letter_texts(folder)
    pack = texts.pop(f"Print pack {DAY}.docx")
    assert len(texts) == 31 and "Wrote 31 letters" in out
    criteria = len(L.DEFAULT_CRITERIA)
    for name, text in texts.items():
        document = docx.Document(folder / name)
        assert "{{" not in text and "{%" not in text, name
        assert name.split(" ")[0] in text and "Dear " in text and "31 July 2015" in text
        assert len(document.tables[0].rows) == criteria + 1  # header + one row per criterion
        rags = {c.text for row in document.tables[0].rows[1:] for c in row.cells[2:]}
        assert rags <= {"Red", "Amber", "Green", ""} and rags - {""}  # a criterion not scored is blank
    assert len(docx.Document(folder / f"Print pack {DAY}.docx").sections) == 31  # one per letter
    assert pack.count("Dear ") == 31
    rows = log_rows(demo_copy)
    assert len(rows) == 31 and {r[L.LOG_STATUS] for r in rows} == {"Written"}
    visits = open_workbook(str(demo_copy), read_only=True).read_table(L.VISITS).frame
    assert visits[L.VIS_LETTER].notna().sum() == 31

    code, out, _ = smep("letters", demo_copy)
    assert code == 0 and "No letters are due" in out and len(log_rows(demo_copy)) == 31


def test_golden_text_of_two_demo_letters(demo_copy: Path, smep, tmp_path: Path) -> None:
    args = [a for urn in GOLDEN_URNS for a in ("--urn", urn)]
    code, _, _ = smep("letters", demo_copy, *args, "--date", DAY, "--out", tmp_path / "out")
    assert code == 0
    for urn in GOLDEN_URNS:
        [path] = (tmp_path / "out").glob(f"{urn} *.docx")
        text = "\n".join(document_text(path)) + "\n"
        golden = GOLDEN / f"letter_{urn}.txt"
        if os.environ.get("SMEP_UPDATE_GOLDEN"):
            golden.write_text(text, encoding="utf-8")
        assert text == golden.read_text(encoding="utf-8"), (
            f"{golden} differs (SMEP_UPDATE_GOLDEN=1 rewrites it)"
        )


def test_letters_say_what_the_data_says(hub: Path, smep) -> None:
    code, out, _ = smep("letters", hub, "--date", "2015-06-01")
    assert code == 1  # two visits were left out, with findings
    assert "Schools!M4" in out and "Castle High" in out and "Visits!F5" in out
    texts = {name.split(" ")[0]: text for name, text in letter_texts(hub.parent / "letters").items()}
    assert set(texts) == {"100001", "100002", "100006"}
    mary, brook, fern = texts["100001"], texts["100002"], texts["100006"]
    assert "St Mary's C of E Primary & Nursery" in mary and "Mrs Siân O'Connor" in mary
    assert TRICKY in mary and INJECTED in mary and FORMULA in mary  # printed exactly as typed
    assert "Church Lane\nQuorn" in mary  # a line break in the cell is a line break in the letter
    assert "Leadership (key) | 4 | Green" in mary and "Overall rating | Green (3.38 out of 4)" in mary
    assert "Brook <Junior> School" in brook and "Dear Mr Hughes," in brook
    targeted = "will receive targeted support from the hub"
    assert targeted in brook and targeted not in mary and targeted not in fern
    assert "holding the Music Mark award" in mary and "award" not in brook.split("Strengths")[1]
    assert "Please publish your school's Music Development Plan" in brook
    assert "previous visit the school was rated Amber, so the rating has improved." in fern
    assert "previous visit" not in mary and "Areas for development" not in fern
    for text in (brook, fern):
        assert "{{" not in text and "{%" not in text


def test_a_template_asking_for_an_unknown_field_stops_with_nothing_written(tmp_path: Path, smep) -> None:
    template = tmp_path / "mine.docx"
    document = docx.Document(ROOT / "templates" / "feedback_letter.docx")
    document.add_paragraph("Nickname: {{ head_nickname }}")
    document.save(template)
    hub = write_workbook(tmp_path / "hub.xlsx", frames(**{L.S_LETTER_TEMPLATE: "mine.docx"}))
    before = hub.read_bytes()
    code, out, err = smep("letters", hub)
    assert code == 2 and out == ""
    assert "head_nickname" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "letters").exists() and hub.read_bytes() == before


def test_hostile_school_names_give_safe_unique_files_inside_the_folder(tmp_path: Path, smep) -> None:
    names = ["../../x", "..\\..\\y", "CON", "a" * 300, "🎵 Music & Song 🎻", "Twin", "TWIN", "Tab\there"]
    tables = frames(**{L.S_LETTER_FILE_NAME: "{School}"})
    import pandas as pd

    tables[L.SCHOOLS] = pd.DataFrame([school(300000 + i, n) for i, n in enumerate(names)]).astype(object)
    tables[L.VISITS] = pd.DataFrame(
        [visit(f"H{i}", 300000 + i, pd.Timestamp(2015, 2, 2), 3) for i in range(len(names))]
    ).astype(object)
    hub = write_workbook(tmp_path / "hub.xlsx", tables)
    code, _, _ = smep("letters", hub, "--out", tmp_path / "out")
    assert code == 0
    made = sorted((tmp_path / "out").iterdir())
    assert len(made) == len(names) and not (tmp_path / "x.docx").exists()
    assert all(p.parent == tmp_path / "out" and len(p.name.encode()) <= 160 for p in made)
    assert len({p.name.lower() for p in made}) == len(names)
    assert {"_CON.docx", "Twin.docx", "TWIN (2).docx"} <= {p.name for p in made}
    for path in made:  # each one a letter for its own school
        assert "Dear Mrs O'Connor," in document_text(path)


def test_dry_run_and_json_change_nothing(hub: Path, smep) -> None:
    before = hub.read_bytes()
    code, out, _ = smep("letters", hub, "--dry-run", "--json")
    document = json.loads(out)
    assert code == 1 and document["dry_run"] and document["counts"]["planned"] == 3
    assert [f["code"] for f in document["findings"]] == ["letter.head.missing", "letter.scores.missing"]
    assert hub.read_bytes() == before and not (hub.parent / "letters").exists()


def test_export_data_then_render(hub: Path, smep, tmp_path: Path) -> None:
    fields = tmp_path / "fields.json"
    code, out, _ = smep("letters", hub, "--export-data", fields)
    assert code == 1 and "merge data of 3 letters" in out and not (hub.parent / "letters").exists()
    data = json.loads(fields.read_text(encoding="utf-8"))
    assert data["letters"][0]["strengths"][0] == TRICKY
    code, out, _ = smep(
        "render", ROOT / "templates" / "feedback_letter.docx", fields, "-o", tmp_path / "check.docx"
    )
    assert code == 0
    assert "Dear Mrs O'Connor," in document_text(tmp_path / "check.docx")
    (tmp_path / "partial.json").write_text(json.dumps({"school": "Only this"}), encoding="utf-8")
    code, _, err = smep(
        "render",
        ROOT / "templates" / "feedback_letter.docx",
        tmp_path / "partial.json",
        "-o",
        tmp_path / "never.docx",
    )
    assert code == 2 and "head_name" in err and not (tmp_path / "never.docx").exists()


def test_audit_forms(hub: Path, smep) -> None:
    code, out, _ = smep("letters", hub, "--audit-forms")
    assert code == 0 and "Wrote 1 audit form " in out
    [(name, text)] = letter_texts(hub.parent / "letters").items()
    assert name == "100005 Elm Special audit form.docx"
    assert "Pre-visit music audit" in text and "No actions on record: this is the first visit." in text


def test_pdf_without_libreoffice_is_one_clear_line(hub: Path, smep, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SMEP_SOFFICE", str(tmp_path / "no-such-soffice"))
    before = hub.read_bytes()
    code, _, err = smep("letters", hub, "--pdf")
    assert code == 2 and "LibreOffice" in err and len(err.strip().splitlines()) == 1
    assert hub.read_bytes() == before and not (hub.parent / "letters").exists()


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed here")
def test_pdf_of_every_letter_and_the_pack(hub: Path, smep) -> None:
    code, out, _ = smep("letters", hub, "--pdf", "--combined", "--date", "2015-06-01")
    assert code == 1  # the two visits left out; the rest went
    folder = hub.parent / "letters"
    pdfs = sorted(p.name for p in folder.glob("*.pdf"))
    assert len(pdfs) == 4 and "Print pack 2015-06-01.pdf" in pdfs and "PDFs: 4" in out
    assert all((folder / p).read_bytes().startswith(b"%PDF") for p in pdfs)
    shutil.rmtree(folder)


def test_render_takes_the_template_path_it_is_given(tmp_path: Path, smep) -> None:
    """Outside the project folder the documented command names a file that is not there: it says
    so about that path (not about a setting), and the same command works once the file is there."""
    (tmp_path / "fields.json").write_text(json.dumps(_example_fields()), encoding="utf-8")
    code, out, err = smep(
        "render", "templates/feedback_letter.docx", "fields.json", "-o", "check.docx", cwd=tmp_path
    )
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "templates/feedback_letter.docx does not exist" in err and str(tmp_path) in err
    assert "setting" not in err.lower() and not (tmp_path / "check.docx").exists()
    (tmp_path / "templates").mkdir()
    shutil.copy(ROOT / "templates" / "feedback_letter.docx", tmp_path / "templates")
    code, out, err = smep(
        "render", "templates/feedback_letter.docx", "fields.json", "-o", "check.docx", cwd=tmp_path
    )
    assert (code, err) == (0, "") and out == "Wrote check.docx\n"
    assert "Dear Mrs O'Connor," in document_text(tmp_path / "check.docx")


def _example_fields() -> dict:
    from smep_xl.domain.letters.fields import example_letter

    return example_letter()


def test_export_data_when_no_letters_are_due_says_so_and_render_says_it_used_the_example(
    hub: Path, smep, tmp_path: Path
) -> None:
    assert smep("letters", hub)[0] == 1  # the three due letters written (two visits left out)
    fields = tmp_path / "fields.json"
    code, out, _ = smep("letters", hub, "--export-data", fields)
    assert "No letters are due, so" in out and "made-up example" in out and "--all" in out
    assert "merge data of no letters" not in out
    assert json.loads(fields.read_text(encoding="utf-8"))["letters"] == []
    code, out, err = smep(
        "render", ROOT / "templates" / "feedback_letter.docx", fields, "-o", tmp_path / "c.docx"
    )
    assert code == 0 and err == "" and "made-up example school" in out
    code, out, err = smep("letters", hub, "--export-data", fields, "--all")
    assert code == 2 and "already exists" in err and "--overwrite" in err
    code, out, _ = smep("letters", hub, "--export-data", fields, "--all", "--overwrite")
    assert "Wrote the merge data of 3 letters" in out and len(json.loads(fields.read_text())["letters"]) == 3


def test_an_unknown_urn_says_only_the_real_problem(hub: Path, smep) -> None:
    before = hub.read_bytes()
    code, out, err = smep("letters", hub, "--urn", "999999")
    assert code == 1 and err == ""
    assert "No letters are due" not in out and "--all" not in out
    assert out.splitlines() == [
        "1 problem(s):",
        "  error   Schools        No school on the Schools sheet has the URN '999999'. Check the URN you typed.",
    ]
    assert hub.read_bytes() == before


def test_nothing_to_write_for_all_is_said_plainly(tmp_path: Path, smep) -> None:
    assert smep("new", tmp_path / "empty.xlsx")[0] == 0
    code, out, _ = smep("letters", tmp_path / "empty.xlsx", "--all")
    assert code == 0 and out == "No letters to write.\n"
    code, out, _ = smep("letters", tmp_path / "empty.xlsx")
    assert code == 0 and out == "No letters are due. Use --all or --urn to write them again.\n"


# ---- letters that print well


def test_demo_letters_keep_their_signature_explain_the_scale_and_say_not_scored(
    demo_copy: Path, smep
) -> None:
    code, _, err = smep("letters", demo_copy, "--date", DAY)
    assert (code, err) == (0, "")
    settings = dict(
        open_workbook(str(demo_copy), read_only=True).read_table(L.SETTINGS).frame.values.tolist()
    )
    scores = open_workbook(str(demo_copy), read_only=True).read_table(L.VISITS).frame
    unscored = 0
    for path in sorted((demo_copy.parent / "letters").glob("*.docx")):
        document = docx.Document(path)
        texts = [p.text for p in document.paragraphs]
        close = texts.index("Yours sincerely,")
        block = document.paragraphs[close - 1 : close + 3]  # the line before, the closing, name, role
        assert all(p.paragraph_format.keep_with_next for p in block), path.name
        assert block[2].text == settings[L.S_SIGNATORY]
        key = next(t for t in texts if t.startswith("Key:"))
        assert "1 to 4" in key and "key criterion" in key and "Red" in key
        assert f"below {settings[L.S_RED]:g}" in key and f"at {settings[L.S_GREEN]:g} or above" in key
        cells = [row.cells[1].text for row in document.tables[0].rows[1:]]
        assert all(c == "not scored" or c in {"1", "2", "3", "4"} for c in cells), cells
        unscored += cells.count("not scored")
    criteria = [c[0] for c in L.DEFAULT_CRITERIA]
    written = scores[scores[L.VIS_SEND].astype(str).eq("Yes")]  # the visits the letters are for
    assert unscored == int(written[criteria].isna().sum().sum()) > 0


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_in_the_printed_pack_no_signature_stands_on_a_page_without_its_closing(
    demo_copy: Path, smep, tmp_path: Path
) -> None:
    import subprocess

    assert smep("letters", demo_copy, "--combined", "--date", DAY)[0] == 0
    pack = demo_copy.parent / "letters" / f"Print pack {DAY}.docx"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [soffice(), f"-env:UserInstallation={profile}", "--headless", "--norestore"]
        + ["--convert-to", "pdf", "--outdir", str(tmp_path), str(pack)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = tmp_path / pack.with_suffix(".pdf").name
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    role = open_workbook(str(demo_copy), read_only=True).read_table(L.SETTINGS).frame
    role = dict(role.values.tolist())[L.S_SIGNATORY_ROLE]
    signed = 0
    for page in range(1, count + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), pdf, "-"], capture_output=True, text=True
        ).stdout
        if role in text:
            signed += 1
            assert "Yours sincerely" in text, f"page {page}: the signature without its closing"
    assert signed == 31
