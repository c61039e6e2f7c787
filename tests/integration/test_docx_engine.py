"""The letter engine against docxtpl: same text, valid files, and user text never run as code."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docxtpl import DocxTemplate
from lxml import etree
from openxml_audit import FileFormat

from smep_xl.adapters.docx.engine import compile_template
from smep_xl.errors import SmepError
from tests.helpers.audit import problems
from tests.letters_fixture import ROOT
from tests.letters_templates import SPECIAL, TEMPLATES, document_text, make, xml_parts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TC_ORDER = ["tcW", "gridSpan", "vMerge", "tcBorders", "shd", "noWrap", "tcMar", "vAlign"]


def docxtpl_render(path: Path, data: dict) -> io.BytesIO:
    tpl = DocxTemplate(str(path))
    tpl.render(data, autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    out.seek(0)
    return out


def engine_render(path: Path, data: dict, tmp_path: Path) -> Path:
    out = tmp_path / f"{path.stem}_out.docx"
    compiled = compile_template(path)
    compiled.check(data.keys(), data)
    compiled.write(data, out)
    return out


def canonical_body(source) -> bytes:
    """The body as canonical XML, cell properties in schema order (docxtpl's cellbg puts its
    shading first, which Word rejects; the engine puts it where the schema says)."""
    with zipfile.ZipFile(source) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    body = root.find(f"{W}body")
    for tc_pr in body.iter(f"{W}tcPr"):
        children = sorted(tc_pr, key=lambda e: TC_ORDER.index(etree.QName(e).localname))
        tc_pr[:] = children
    return etree.tostring(body, method="c14n")


@pytest.mark.parametrize("feature", sorted(TEMPLATES))
def test_same_text_and_body_as_docxtpl(feature: str, tmp_path: Path) -> None:
    path, data = make(feature, tmp_path)
    ours = engine_render(path, data, tmp_path)
    theirs = docxtpl_render(path, data)
    assert document_text(ours) == document_text(theirs)
    theirs.seek(0)
    assert canonical_body(ours) == canonical_body(theirs)


@pytest.mark.parametrize("name", ["feedback_letter.docx", "audit_form.docx"])
def test_project_templates_match_docxtpl(name: str, tmp_path: Path) -> None:
    from smep_xl.domain.letters.fields import example_letter

    data = example_letter()
    data["strengths"] = [SPECIAL, "{{ hub_name }}", "line one\nline two"]
    ours = engine_render(ROOT / "templates" / name, data, tmp_path)
    assert document_text(ours) == document_text(docxtpl_render(ROOT / "templates" / name, data))


@pytest.mark.parametrize("feature", sorted(TEMPLATES))
def test_every_part_is_well_formed_xml(feature: str, tmp_path: Path) -> None:
    path, data = make(feature, tmp_path)
    for name, data_bytes in xml_parts(engine_render(path, data, tmp_path)).items():
        etree.fromstring(data_bytes)  # raises on anything Word would refuse as XML
        assert b"{{" not in data_bytes or name != "word/document.xml" or feature == "conditional", name


def test_special_characters_print_as_typed(tmp_path: Path) -> None:
    path, data = make("plain", tmp_path)
    text = document_text(engine_render(path, data, tmp_path))
    assert f"School: {SPECIAL} (URN 100001)" in text
    assert "Dear Mrs O'Neil," in text


def test_user_text_is_never_template_code(tmp_path: Path) -> None:
    path, data = make("conditional", tmp_path)
    out = engine_render(path, data, tmp_path)
    text = document_text(out)
    assert "2. {{ school }} and {% if x %}" in text  # printed, not run
    assert '3. =HYPERLINK("http://x","y")' in text  # printed as text
    document = xml_parts(out)["word/document.xml"].decode()
    assert "instrText" not in document and "fldSimple" not in document  # no Word field made


def test_newlines_become_line_breaks(tmp_path: Path) -> None:
    path, data = make("breaks", tmp_path)
    out = engine_render(path, data, tmp_path)
    body = docx.Document(out).paragraphs[0]._p
    assert len(body.findall(f".//{W}br")) == 2
    assert document_text(out)[0] == "Address: Church Lane\nQuorn\nLoughborough LE11 2AB"


def test_windows_line_endings_are_one_break(tmp_path: Path) -> None:
    path, data = make("breaks", tmp_path)
    data["address"] = "Church Lane\r\nQuorn\rLoughborough"
    assert (
        document_text(engine_render(path, data, tmp_path))[0] == "Address: Church Lane\nQuorn\nLoughborough"
    )


def test_characters_xml_cannot_hold_are_dropped(tmp_path: Path) -> None:
    path, data = make("plain", tmp_path)
    data["head"] = "Mrs\x00 O\x0bNeil\x1f"
    out = engine_render(path, data, tmp_path)
    assert "Dear Mrs ONeil," in document_text(out)


def test_loops_give_pictures_distinct_ids(tmp_path: Path) -> None:
    path, data = make("picture", tmp_path)
    document = xml_parts(engine_render(path, data, tmp_path))["word/document.xml"].decode()
    ids = re.findall(r'<wp:docPr id="(\d+)"', document)
    assert len(ids) == 3 and len(set(ids)) == 3


def test_cell_shading_sits_where_word_expects_it(tmp_path: Path) -> None:
    path, data = make("table", tmp_path)
    root = etree.fromstring(xml_parts(engine_render(path, data, tmp_path))["word/document.xml"])
    shaded = [tc for tc in root.iter(f"{W}tcPr") if tc.find(f"{W}shd") is not None]
    assert [tc.find(f"{W}shd").get(f"{W}fill") for tc in shaded] == ["C6EFCE", "FFC7CE", "FFFFFF"]
    for tc in shaded:
        names = [etree.QName(e).localname for e in tc]
        assert names == sorted(names, key=TC_ORDER.index)


def test_the_sandbox_keeps_python_out_of_reach(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("[{{ school.__class__.__mro__ }}]")
    d.save(tmp_path / "sneaky_tpl.docx")
    compiled = compile_template(tmp_path / "sneaky_tpl.docx")
    with pytest.raises(SmepError, match="unsafe"):
        compiled.check({"school"}, {"school": "x"})
    with pytest.raises(SmepError, match="unsafe"):
        compiled.write({"school": "x"}, tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


def test_preflight_names_every_missing_field_and_syntax_error(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Dear {{ head_teacher }}, from {{ hub }}")
    d.add_paragraph("{%p for s in strengths %}")
    d.add_paragraph("{{ s }}")
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("Score {{ score + }} out of 4")
    d.sections[0].footer.paragraphs[0].text = "{{ footer_note }} {{ hub }}"
    d.save(tmp_path / "broken_tpl.docx")
    compiled = compile_template(tmp_path / "broken_tpl.docx")
    with pytest.raises(SmepError) as stop:
        compiled.check({"hub", "score", "strengths"}, {"hub": "h", "score": 1, "strengths": []})
    message = stop.value.message
    assert "does not supply: footer_note, head_teacher;" in message  # both parts, one message
    assert "syntax error in the body" in message and "Score {{ score + }} out of 4" in message
    assert "\n" not in message


def test_preflight_catches_a_misspelt_attribute(tmp_path: Path) -> None:
    path, data = make("table", tmp_path)
    compiled = compile_template(path)
    compiled.check(data.keys(), data)
    d = docx.Document(path)
    d.tables[0].cell(2, 0).text = "{{ c.nmae }}"
    d.save(tmp_path / "typo_tpl.docx")
    with pytest.raises(SmepError, match="nmae"):
        compile_template(tmp_path / "typo_tpl.docx").check(data.keys(), data)


def test_a_file_that_is_not_a_word_document_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "letter.docx"
    bad.write_text("not a zip")
    with pytest.raises(SmepError, match="not a Word document"):
        compile_template(bad)
    with pytest.raises(SmepError, match="does not exist"):
        compile_template(tmp_path / "missing.docx")


def test_curly_quotes_word_typed_inside_a_tag_still_work(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph(
        "Trend {% if trend == \u2018Improving\u2019 %}up{% else %}flat{% endif %}; "
        "{{ award|default(\u201cnone\u201d, true) }}"
    )
    d.save(tmp_path / "quotes_tpl.docx")
    out = tmp_path / "out.docx"
    compile_template(tmp_path / "quotes_tpl.docx").write({"trend": "Improving", "award": ""}, out)
    assert document_text(out)[0] == "Trend up; none"


def test_preflight_reports_a_template_that_fails_on_the_data(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Next year: {{ score + 1 }}")
    d.save(tmp_path / "sum_tpl.docx")
    with pytest.raises(SmepError, match="the body: .*str"):
        compile_template(tmp_path / "sum_tpl.docx").check({"score"}, {"score": "2.88"})


@pytest.mark.parametrize("name", ["feedback_letter.docx", "audit_form.docx"])
def test_shipped_templates_use_only_documented_fields(name: str) -> None:
    from smep_xl.domain.letters.fields import FIELD_NAMES

    compiled = compile_template(ROOT / "templates" / name)
    assert not compiled.problems
    assert compiled.fields <= set(FIELD_NAMES)


def test_the_template_script_makes_both_templates(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_templates", ROOT / "tools" / "make_templates.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    made = script.main(tmp_path)
    assert sorted(p.name for p in made) == ["audit_form.docx", "board_report.docx", "feedback_letter.docx"]
    for path in made:
        assert document_text(path) == document_text(ROOT / "templates" / path.name)


@pytest.mark.parametrize("name", ["feedback_letter.docx", "audit_form.docx"])
def test_letters_from_the_shipped_templates_are_valid_open_xml(name: str, tmp_path: Path) -> None:
    from smep_xl.domain.letters.fields import example_letter

    data = example_letter() | {"school": "St _x0041_ & <Sons>", "strengths": [SPECIAL, "line one\nline two"]}
    out = engine_render(ROOT / "templates" / name, data, tmp_path)
    # Word 2010's schema: the templates' table looks use its firstRow/lastRow attributes.
    assert problems(out, FileFormat.OFFICE_2010) == []


def test_a_letter_is_a_plain_deterministic_zip(tmp_path: Path) -> None:
    from smep_xl.domain.letters.fields import example_letter

    compiled = compile_template(ROOT / "templates" / "feedback_letter.docx")
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    compiled.write(example_letter(), first)
    compiled.write(example_letter(), second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as z, zipfile.ZipFile(ROOT / "templates" / "feedback_letter.docx") as t:
        assert z.testzip() is None
        assert z.namelist() == t.namelist()  # every part of the template, in its order
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "b.docx"]  # no temporary left


def test_a_letter_that_fails_part_way_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Letters are written straight into the staging folder: one that fails part-way (a full
    disk) must not be left there half-written (drafts are written by the same function)."""
    import errno

    from smep_xl.ooxml import atomic

    real_open = open

    class HalfWritten:
        def __init__(self, path, mode):
            self.file = real_open(path, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

        def write(self, data: bytes) -> int:
            self.file.write(data[:10])
            self.file.flush()
            raise OSError(errno.ENOSPC, "No space left on device")

        def close(self) -> None:
            self.file.close()

    monkeypatch.setattr(atomic, "open", HalfWritten, raising=False)
    with pytest.raises(OSError):
        atomic.write_staged(str(tmp_path / "letter.docx"), b"PK" * 500)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []
    atomic.write_staged(str(tmp_path / "letter.docx"), b"PK" * 500)
    assert (tmp_path / "letter.docx").read_bytes() == b"PK" * 500
