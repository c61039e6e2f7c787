"""Every command over every bad input: exit 0/1/2 only, never a traceback, one-line stops,
the workbook untouched after a stop and its user cells and parts kept after a run."""

from __future__ import annotations

import io
import json
import os
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from tests.corpus.make_corpus import build_corpus
from tests.helpers.preserve import assert_user_data_kept, computed_letters_of, snapshot

CORPUS: dict[str, object] = {}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    cases = {case.name: case for case in build_corpus(folder)}
    gias = folder / "good-gias.csv"
    from tests.fixtures.gias.make_gias import csv_bytes, schools

    gias.write_bytes(csv_bytes(schools()))
    return cases, gias, folder


def run_smep(*args: str) -> tuple[int, str, str]:
    """The console script's own entry point, in this process (exit code, stdout, stderr)."""
    from smep_xl.cli import cli
    from smep_xl.cli.common import run_guarded

    out, err = io.StringIO(), io.StringIO()
    old_argv = os.sys.argv
    os.sys.argv = ["smep", *args]
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                run_guarded(cli)
                code = 0
            except SystemExit as stop:
                code = stop.code if isinstance(stop.code, int) else 2
    finally:
        os.sys.argv = old_argv
    return code, out.getvalue(), err.getvalue()


def _copy_case(case, work: Path) -> Path:
    work.mkdir()
    if not case.path.exists() or case.path.is_dir():
        return case.path
    target = work / case.path.name
    shutil.copy2(case.path, target)
    lock = case.path.parent / ("~$" + case.path.name)
    if lock.exists():
        shutil.copy(lock, work / lock.name)
    return target


def _argv(command: str, path: Path, case, gias: Path, work: Path) -> list[str]:
    out = case.options.get("out", str(work / "letters"))
    if command == "letters":
        return ["letters", str(path), "--out", out]
    if command == "letters-dry":
        return ["letters", str(path), "--dry-run", "--out", out]
    if command == "import-schools":
        return [
            "import-schools",
            str(path),
            case.options.get("gias", str(gias)),
            "--la",
            "855",
            "--la",
            "856",
        ]
    if command == "setup-excel":
        return ["setup-excel", str(path), "--interpreter", "C:\\Python311\\python.exe"]
    if command == "render":
        data = work / "data.json"
        data.write_text(json.dumps({"school": "{{ 7*7 }}", "head_first_name": "Zoë"}))
        return ["render", case.options["template"], str(data), "-o", str(work / "render.docx")]
    return [command, str(path)]


COMMANDS = ("validate", "refresh", "letters", "letters-dry", "import-schools", "render")


def pytest_generate_tests(metafunc):
    if "case_name" in metafunc.fixturenames:
        from tests.corpus.make_corpus import EDITS, FILES

        names = [
            "good-demo",
            "master-xlsm",
            *FILES,
            *EDITS,
            "lock-file",
            "read-only-file",
            "read-only-output",
            "missing-file",
            "folder-not-file",
            "template-not-docx",
            "template-syntax-error",
            "template-unknown-field",
            "template-missing",
            "gias-utf16",
            "gias-no-urn",
            "gias-truncated",
            "gias-duplicate-urns",
            "gias-bad-dates",
            "gias-empty",
            "gias-not-csv",
        ]
        metafunc.parametrize("case_name", names)


def test_every_command_survives(corpus, case_name, tmp_path):
    cases, gias, _ = corpus
    if case_name not in cases:
        pytest.skip(f"{case_name} could not be made here (LibreOffice missing)")
    case = cases[case_name]
    report = []
    for command in case.commands:
        work = tmp_path / command
        path = _copy_case(case, work)
        is_file = path.exists() and path.is_file()
        before = snapshot(path) if is_file and _is_zip(path) else (path.read_bytes() if is_file else None)
        letters = computed_letters_of(path) if is_file and _is_zip(path) and _opens(path) else {}
        code, out, err = run_smep(*_argv(command, path, case, gias, work))
        report.append((command, code, err.strip()[:200]))
        assert code in (0, 1, 2), (command, code, err)
        assert "Traceback" not in out + err, (command, err)
        assert "something unexpected went wrong" not in err, (command, err)  # a bug, not a stop
        if code == 2:
            assert err.strip() and len(err.strip().splitlines()) == 1, (command, err)
            if is_file:
                after = snapshot(path) if _is_zip(path) else path.read_bytes()
                assert after == before, f"{command}: workbook changed after a stop"
        elif is_file and isinstance(before, dict) and command != "import-schools":
            assert_user_data_kept(before, snapshot(path), letters)
        if case_name in STRICT_REOPEN and code in (0, 1):
            _reopen_strictly(path, command)
    CORPUS[case_name] = report


# Cases whose every written XML part is reopened with a strict parser (lxml) after each run.
STRICT_REOPEN = {"no-output-sheets"}  # sheets added to a workbook.xml that declares xmlns:r per <sheet>


def _reopen_strictly(path: Path, command: str) -> None:
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                try:
                    etree.fromstring(z.read(name))
                except etree.XMLSyntaxError as exc:
                    raise AssertionError(f"{command}: {name} is not well-formed XML ({exc})") from None


def _is_zip(path: Path) -> bool:
    import zipfile

    return zipfile.is_zipfile(path)


def _opens(path: Path) -> bool:
    try:
        import openpyxl

        openpyxl.load_workbook(path, read_only=True).close()
        return True
    except Exception:  # noqa: BLE001 - a corpus file openpyxl cannot read has no computed columns to skip
        return False
