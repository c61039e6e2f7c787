"""`smep demo`: the whole job on the demo hub, told as one story on its As Of Date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
from click.testing import CliRunner

from smep_xl import layout as L
from smep_xl.adapters.xlsx.workbook import open_workbook
from smep_xl.cli import cli
from tests.letters_templates import document_text

AS_OF = date(2015, 7, 31)  # the demo workbook's As Of Date setting


def test_the_demo_is_dated_its_as_of_date_throughout(tmp_path: Path):
    out = tmp_path / "demo"
    result = CliRunner().invoke(cli, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    book = open_workbook(str(out / "SMEP_Demo.xlsx"), read_only=True)
    settings = book.read_table(L.SETTINGS).frame.set_index(L.SET_NAME)[L.SET_VALUE]
    assert settings[L.S_AS_OF] == AS_OF  # the date the story is told on
    pack = out / "letters" / "Print pack 2015-07-31.docx"
    assert f"print pack:   {pack}" in result.output and pack.is_file()
    letters = sorted(p for p in (out / "letters").glob("*.docx") if p != pack)
    assert len(letters) > 10 and f"letters:      {len(letters)} written" in result.output
    for letter in letters[:5]:
        text = "\n".join(document_text(letter))
        assert "31 July 2015" in text and str(date.today().year) not in text.split("Dear")[0]
    assert len(docx.Document(pack).sections) == len(letters)
    schools = book.read_table(L.SCHOOLS).frame
    last = {v for v in schools[L.SCH_LAST_LETTER] if v is not None and v == v}
    assert last == {AS_OF}, "Last Letter is the letters' date"
    assert "templates" in result.output and (out / "templates" / "feedback_letter.docx").is_file()
