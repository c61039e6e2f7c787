"""The master .xlsm, read back by real readers: olevba, an XML-schema validator, LibreOffice.

What only Excel itself can confirm (the tab shown, the buttons running Python) is listed in
docs/excel.md; everything a file can prove is proved here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings
import zipfile
from pathlib import Path

import olefile
import pytest
import xmlschema
from lxml import etree

import smep_xl.excel
from smep_xl import layout as L
from smep_xl.adapters.new_workbook.write import write_new_workbook
from smep_xl.adapters.xlsm import build as xlsm_build
from smep_xl.adapters.xlsm import conf as xlsm_conf
from smep_xl.adapters.xlsm import vba as xlsm_vba
from smep_xl.adapters.xlsm.setup import configure, read_settings
from smep_xl.demo import blank_frames
from smep_xl.ooxml.parts import Parts
from smep_xl.ooxml.zip import ZipWriter
from tests.helpers.audit import problems

with warnings.catch_warnings():  # oletools still uses pyparsing's old names
    warnings.simplefilter("ignore", DeprecationWarning)
    from oletools.olevba import VBA_Parser

ROOT = Path(__file__).resolve().parents[2]
MACROS = ROOT / "macros"
COMMITTED = ROOT / "workbooks" / "SMEP_Master.xlsm"
CUI = "{http://schemas.microsoft.com/office/2009/07/customui}"
BUTTONS = {
    "Validate grid": "validate",
    "Refresh": "refresh",
    "Generate letters": "letters",
    "E-mail letters": "email",
    "Calendar": "calendar",
    "Open letters folder": "open_letters",
    "Close term": "close_term",
    "Board report": "board_report",
    "Help": "help",
}
SUB = re.compile(r"^Public Sub (\w+)\((.*?)\)\s*$", re.M)
RUN_PYTHON = re.compile(r'RunPython "import smep_xl\.excel; smep_xl\.excel\.(\w+)\(\)"')


@pytest.fixture(scope="module")
def master(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("master")
    write_new_workbook(str(folder / "new.xlsx"), blank_frames())
    return Path(xlsm_build.build_master(str(folder / "SMEP_Master.xlsm"), str(folder / "new.xlsx")))


def modules(path: Path) -> dict[str, str]:
    parser = VBA_Parser(str(path))
    try:
        return {stream.rsplit("/", 1)[-1]: code for _, stream, _, code in parser.extract_macros()}
    finally:
        parser.close()


def ribbon(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(xlsm_build.RIBBON_PART))


def test_every_ribbon_button_has_its_callback_and_python_function(master):
    code = modules(master)["SMEP"]
    subs = dict(SUB.findall(code))
    buttons = ribbon(master).iter(CUI + "button")
    actions = {b.get("label"): b.get("onAction") for b in buttons}
    assert set(actions) == set(BUTTONS)
    for label, callback in actions.items():
        assert subs.get(callback) == "control As IRibbonControl", (
            f"{label}: no Sub {callback}(control As ...)"
        )
        body = code.split(f"Public Sub {callback}(", 1)[1].split("End Sub", 1)[0]
        called = RUN_PYTHON.findall(body)
        assert called == [BUTTONS[label]], f"{label} must RunPython smep_xl.excel.{BUTTONS[label]}()"
        assert callable(getattr(smep_xl.excel, called[0]))


def test_our_module_and_xlwings_modules_come_back_exactly(master):
    found = modules(master)
    bas = (MACROS / "SMEP.bas").read_text(encoding="utf-8").replace("\n", "\r\n")
    assert found["SMEP"] == bas, "the compressed module does not decompress to macros/SMEP.bas"
    shipped = modules(Path(xlsm_vba.quickstart_path()))
    for name in xlsm_vba.XLWINGS_MODULES:
        assert found[name] == shipped[name], f"xlwings' {name} module is not as the wheel ships it"


def test_document_modules_match_the_sheets(master):
    with zipfile.ZipFile(master) as z:
        book = z.read("xl/workbook.xml").decode()
        codes = {
            re.search(r'codeName="([^"]+)"', z.read(n).decode()).group(1)
            for n in z.namelist()
            if n.startswith("xl/worksheets/sheet")
        }
        ole = olefile.OleFileIO(z.read(xlsm_build.VBA_PART))
    project = ole.openstream("PROJECT").read().decode("latin-1")
    documents = set(re.findall(r"^Document=(\w+)/", project, re.M))
    assert 'codeName="ThisWorkbook"' in book
    assert documents == codes | {"ThisWorkbook"}
    assert len(codes) == len(L.SHEET_ORDER) + 1  # every contract sheet and xlwings.conf
    assert {"Module=SMEP", "Module=xlwings", "Class=Dictionary"} <= set(project.splitlines())


def test_ribbon_is_valid_customui14_and_every_button_explains_itself(master):
    schema = xmlschema.XMLSchema(str(MACROS / "customUI14.xsd"))
    with zipfile.ZipFile(master) as z:
        schema.validate(z.read(xlsm_build.RIBBON_PART).decode())
    root = ribbon(master)
    tab = root.find(f"{CUI}ribbon/{CUI}tabs/{CUI}tab")
    assert tab.get("label") == "SMEP"
    for button in root.iter(CUI + "button"):
        assert button.get("size") == "large" and button.get("imageMso")
        assert len(button.get("screentip", "")) > 10 and len(button.get("supertip", "")) > 40


def test_the_schema_rejects_what_office_would(tmp_path):
    schema = xmlschema.XMLSchema(str(MACROS / "customUI14.xsd"))
    good = (MACROS / "customUI14.xml").read_text(encoding="utf-8")
    assert schema.is_valid(good)
    assert not schema.is_valid(good.replace('size="large"', 'size="huge"', 1))
    assert not schema.is_valid(good.replace('id="smepRefresh"', 'id="smepValidate"', 1))  # ids are unique
    assert not schema.is_valid(good.replace("2009/07/customui", "2006/01/customui"))


def test_package_relates_the_ribbon_last_and_declares_macros(master):
    with zipfile.ZipFile(master) as z:
        names = z.namelist()
        rels = etree.fromstring(z.read("_rels/.rels"))
        types = z.read("[Content_Types].xml").decode()
        book_rels = z.read("xl/_rels/workbook.xml.rels").decode()
    last = list(rels)[-1]
    assert last.get("Type") == xlsm_build.REL_RIBBON and last.get("Target") == xlsm_build.RIBBON_PART
    assert xlsm_build.RIBBON_PART in names and names[:2] == ["[Content_Types].xml", "_rels/.rels"]
    assert f'PartName="/xl/workbook.xml" ContentType="{xlsm_build.CT_XLSM_MAIN}"' in types
    assert 'ContentType="application/vnd.ms-office.vbaProject"' in types
    assert "relationships/vbaProject" in book_rels and 'Target="vbaProject.bin"' in book_rels


def test_xlwings_conf_sheet_is_hidden_and_readable_as_xlwings_reads_it(master):
    with zipfile.ZipFile(master) as z:
        book = z.read("xl/workbook.xml").decode()
    assert re.search(r'<sheet\b[^>]*name="xlwings.conf"[^>]*state="hidden"', book)
    settings = dict(read_settings(str(master)))
    assert list(settings) == [k for k, _ in xlsm_conf.DEFAULT_SETTINGS]
    assert settings[L.XLC_USE_UDF_SERVER] is False and settings[L.XLC_INTERPRETER_WIN] == ""


def test_build_is_deterministic(master, tmp_path):
    write_new_workbook(str(tmp_path / "new.xlsx"), blank_frames())
    again = xlsm_build.build_master(str(tmp_path / "again.xlsm"), str(tmp_path / "new.xlsx"))
    assert Path(again).read_bytes() == master.read_bytes()


def test_committed_master_is_what_the_build_makes(master):
    assert COMMITTED.exists(), "workbooks/SMEP_Master.xlsm is missing: run make workbook"
    with zipfile.ZipFile(COMMITTED) as old, zipfile.ZipFile(master) as new:
        assert old.namelist() == new.namelist(), "parts differ: run make workbook and commit the result"
        stale = [n for n in new.namelist() if old.read(n) != new.read(n)]
    assert not stale, f"workbooks/SMEP_Master.xlsm is stale in {stale}: run make workbook and commit it"


def test_refresh_and_validate_on_the_file_keep_vba_ribbon_and_conf(master, tmp_path):
    from smep_xl.actions.refresh import refresh
    from smep_xl.actions.validate import validate
    from smep_xl.adapters.xlsx.workbook import open_workbook

    copy = Path(shutil.copy(master, tmp_path / "SMEP_Master.xlsm"))
    validate(open_workbook(str(copy)))
    refresh(open_workbook(str(copy)))
    with Parts.open(str(master)) as built:
        conf = xlsm_conf.conf_part(built)
    with zipfile.ZipFile(master) as before, zipfile.ZipFile(copy) as after:
        sheets = [n for n in before.namelist() if n.startswith("xl/worksheets/sheet")]
        assert any(after.read(n) != before.read(n) for n in sheets), "the actions wrote nothing"
        for part in (xlsm_build.VBA_PART, xlsm_build.RIBBON_PART, "_rels/.rels", conf):
            assert after.read(part) == before.read(part), f"{part} changed"


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_it_and_lists_our_basic_module(master, tmp_path):
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "ods",
            "--outdir",
            str(tmp_path),
            str(master),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    converted = tmp_path / "SMEP_Master.ods"
    assert done.returncode == 0 and converted.exists(), done.stderr
    with zipfile.ZipFile(converted) as z:
        library = z.read("Basic/VBAProject/script-lb.xml").decode()
        module = z.read("Basic/VBAProject/SMEP.xml").decode()
        content = z.read("content.xml").decode()
    assert 'library:name="SMEP"' in library and 'library:name="xlwings"' in library
    assert "Public Sub SmepRefresh(control As IRibbonControl)" in module
    for sheet in L.SHEET_ORDER:
        assert f'table:name="{sheet}"' in content


def test_the_master_is_valid_open_xml(master):
    # Every part smep writes (the workbook, the xlwings.conf sheet, the content types and
    # relationships it edits) and those pyOpenVBA adds, as the Open XML SDK would check them.
    assert problems(master) == []


def test_setup_excel_stores_paths_as_typed_and_keeps_the_file_valid(master, tmp_path):
    copy = Path(shutil.copy(master, tmp_path / "SMEP_Master.xlsm"))
    odd = "C:\\Hub_x0041_ & <Music>\\python.exe"  # a literal _x0041_ must not read back as "A"
    configure(str(copy), {L.XLC_INTERPRETER_WIN: odd, L.XLC_SHOW_CONSOLE: True})
    settings = dict(read_settings(str(copy)))
    assert settings[L.XLC_INTERPRETER_WIN] == odd and settings[L.XLC_SHOW_CONSOLE] is True
    assert list(settings) == [k for k, _ in xlsm_conf.DEFAULT_SETTINGS]
    assert problems(copy) == []


def test_setup_excel_rewrites_a_conf_sheet_saved_with_a_prefix(master, tmp_path):
    # A workbook saved by another writer may spell the sheet's namespace with a prefix (x:).
    copy = tmp_path / "SMEP_Master.xlsm"
    with Parts.open(str(master)) as built:
        part = xlsm_conf.conf_part(built)
        sheet = built.read(part).decode()
        prefixed = re.sub(r"<(/?)(?!\?)(\w+)", r"<\1x:\2", sheet).replace('xmlns="', 'xmlns:x="', 1)
        built.write(part, prefixed.encode())
        with open(copy, "wb") as out:
            writer = ZipWriter(out)
            for name in built.names():
                writer.add(built.part(name))
            writer.close()
    assert dict(read_settings(str(copy)))[L.XLC_DEBUG_UDFS] is False  # still readable as it is
    configure(str(copy), {L.XLC_INTERPRETER_WIN: "py.exe"})
    assert dict(read_settings(str(copy)))[L.XLC_INTERPRETER_WIN] == "py.exe"
    with Parts.open(str(copy)) as done:
        root = etree.fromstring(done.read(part))
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    assert len(root.findall(f"{main}sheetData")) == 1
    assert root.find(f"{main}dimension").get("ref") == xlsm_conf.dimension(read_settings(str(copy)))
