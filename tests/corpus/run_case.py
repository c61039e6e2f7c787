"""One corpus run (a case, a command) in a folder of its own, and every check on what it did:

- the exit code is 0, 1 or 2 (and one the case expects, when it says);
- never a traceback, never "something unexpected";
- on exit 2: exactly one line on stderr, and every file in the folder byte-identical;
- otherwise: the user's cells (values and styles) and every part smep does not own kept
  byte for byte, the styles already there unchanged (new ones only appended), every part it
  wrote well-formed, within the package rules and (when SMEP_ECMA376_XSD is set) valid
  against the ECMA-376 schemas; openxml-audit too for the cases in AUDITED;
- after letters: the letters on disk are exactly the letters in the Letter Log, once each, and
  no staging folder is left; a rendered letter is well-formed;
- files the user had (templates, data, letters) unchanged unless the command was asked to
  replace them; a symbolic link is still a link.

Runs in worker processes (tests/e2e/test_corpus.py), so everything here is picklable.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

AUDITED = {
    "good-demo",
    "writer-x-prefix",
    "writer-totals-row",
    "writer-protected-hidden-merged",
    "no-output-sheets",
}
AUDIT_COMMANDS = ("refresh", "letters")


@dataclass
class Report:
    case: str
    command: str  # as the outcome table counts it: the verb, and the option that changes what it does
    code: int
    line: str  # the first line of stderr (the stop's reason)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0  # the run and its checks


def run_job(job: tuple) -> Report:
    case, command, folder, gias = job
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(dir=folder, prefix=f"{case.name}.{command}."))
    setup = case.options.get("setup")
    path = setup(case, work) if setup else _copy_case(case, work)
    argv = _argv(command, path, case, gias, work)
    before = _state(path, work)
    from tests.helpers.cli import run_smep

    code, out, err = run_smep(*argv)
    report = Report(case.name, _verb(argv), code, (err.strip().splitlines() or [""])[0][:300])
    try:
        report.problems = _problems(case, command, path, work, before, code, out, err)
    except Exception as exc:  # noqa: BLE001 - a check that cannot even run is a finding of the corpus
        report.problems = [f"the checks failed: {type(exc).__name__}: {exc}"]
    if not report.problems:
        shutil.rmtree(work, ignore_errors=True)
    report.seconds = time.monotonic() - started
    return report


def _verb(argv: list[str]) -> str:
    for option in ("--export-data", "--dry-run"):
        if argv[0] == "letters" and option in argv:
            return f"letters {option}"
    return argv[0]


def _copy_case(case, work: Path) -> Path:
    if not case.path.exists() or case.path.is_dir():
        return case.path
    target = work / case.path.name
    shutil.copy2(case.path, target)
    lock = case.path.parent / ("~$" + case.path.name)
    if lock.exists():
        shutil.copy(lock, work / lock.name)
    return target


def _argv(command: str, path: Path, case, gias: Path, work: Path) -> list[str]:
    custom = case.options.get("argv", {}).get(command)
    if custom:
        return [a.replace("{workbook}", str(path)).replace("{work}", str(work)) for a in custom]
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
        data.write_text('{"school": "{{ 7*7 }}", "head_first_name": "Zoë"}', encoding="utf-8")
        return ["render", case.options["template"], str(data), "-o", str(work / "render.docx")]
    return [command, str(path)]


# ---- what was there before
@dataclass
class State:
    files: dict[str, str]  # every file under the work folder: relative path -> sha256
    parts: dict[str, bytes] | None  # the workbook's parts, when it is a zip
    link: bool
    computed: dict[str, set[str]]


def _state(path: Path, work: Path) -> State:
    from tests.helpers.preserve import computed_letters_of, snapshot

    parts = None
    computed: dict[str, set[str]] = {}
    if path.is_file() and zipfile.is_zipfile(path):
        parts = snapshot(path)
        try:
            computed = computed_letters_of(path)
        except Exception:  # noqa: BLE001 - a workbook openpyxl cannot read has no computed columns to skip
            computed = {}
    return State(_files(work), parts, path.is_symlink(), computed)


def _files(work: Path) -> dict[str, str]:
    out = {}
    for root, _dirs, names in os.walk(work):
        for name in names:
            full = Path(root) / name
            if full.is_symlink():
                out[str(full.relative_to(work))] = "link:" + os.readlink(full)
                continue
            out[str(full.relative_to(work))] = hashlib.sha256(full.read_bytes()).hexdigest()
    return out


# ---- the checks
def _problems(case, command, path, work, before: State, code, out, err) -> list[str]:
    problems = []
    expect = case.expect.get(command)
    if code not in (0, 1, 2):
        problems.append(f"exit {code}")
    if expect and code not in expect:
        problems.append(f"exit {code}, expected {sorted(expect)}: {err.strip()[:300]}")
    if "Traceback" in out + err or "something unexpected went wrong" in err:
        problems.append(f"a bug, not a stop: {err.strip()[:300]}")
    if code == 2:
        lines = err.strip().splitlines()
        if len(lines) != 1:
            problems.append(f"exit 2 with {len(lines)} lines on stderr")
        after = _files(work)
        if after != before.files:
            changed = sorted(set(after.items()) ^ set(before.files.items()))
            problems.append(f"exit 2 but files changed: {changed[:4]}")
        return problems
    if before.link and not path.is_symlink():
        problems.append("the symbolic link was replaced by a file")
    problems += _user_files_kept(case, command, path, work, before)
    if before.parts is not None and path.exists():
        problems += _workbook_kept_and_valid(case, command, path, before)
    if command == "letters" and code in (0, 1):
        problems += _letters_match_the_log(path, work / "letters")
    for rendered in work.glob("*.docx"):
        if rendered.name not in before.files:
            problems += _well_formed(rendered)
    return problems


def _user_files_kept(case, command, path, work, before: State) -> list[str]:
    """Files in the folder besides the workbook and the letters: kept unless replaced on request."""
    allowed = set(case.options.get("may_change", {}).get(command, ()))
    argv = case.options.get("argv", {}).get(command) or []
    for flag in ("--export-data", "-o"):
        if "--overwrite" in argv and flag in argv:
            allowed.add(argv[argv.index(flag) + 1].replace("{work}/", ""))
    after = _files(work)
    real = os.path.relpath(os.path.realpath(path), work) if path.exists() else ""
    problems = []
    for name, digest in before.files.items():
        if name in (real, path.name) or name.startswith("letters" + os.sep) or name in allowed:
            continue
        if Path(name).name.startswith("~$"):
            continue  # a stale lock smep may clear
        if after.get(name) != digest:
            problems.append(f"{name} was changed or removed")
    return problems


def _workbook_kept_and_valid(case, command, path, before: State) -> list[str]:
    from tests.helpers.preserve import assert_user_data_kept, snapshot
    from tests.helpers.schemas import new_problems

    after = snapshot(path)
    problems = []
    try:
        writable = {"Schools"} if command == "import-schools" else set()
        assert_user_data_kept(before.parts, after, before.computed, writable)
    except AssertionError as exc:
        problems.append(f"user data: {exc}")
    problems += _styles_kept(before.parts, after)
    changed = [n for n, data in after.items() if before.parts.get(n) != data]
    for name in changed:
        if name.endswith((".xml", ".rels", ".vml")):
            try:
                etree.fromstring(after[name])
            except etree.XMLSyntaxError as exc:
                problems.append(f"{name} is not well-formed XML ({exc})")
    if changed:
        checks = ("xsd", "package")
        if case.name in AUDITED and command in AUDIT_COMMANDS:
            checks += ("openxml-audit",)
        for label, found in new_problems(before.parts, path, checks).items():
            problems.append(f"{label}: {found[:3]}")
    return problems


_XF_LISTS = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs")


def _styles_kept(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    """Every style already in the workbook is still there, where it was (so every cell keeps its
    look); new styles may only be appended."""
    name = next((n for n in before if n.endswith("styles.xml")), None)
    if name is None or name not in after or before[name] == after[name]:
        return []
    old, new = etree.fromstring(before[name]), etree.fromstring(after[name])
    problems = []
    for tag in _XF_LISTS:
        was = old.find(f"{{*}}{tag}")
        now = new.find(f"{{*}}{tag}")
        if was is None:
            continue
        if now is None:
            problems.append(f"styles: {tag} was removed")
            continue
        kept = [etree.tostring(e, method="c14n") for e in was]
        if [etree.tostring(e, method="c14n") for e in now][: len(kept)] != kept:
            problems.append(f"styles: an existing entry of {tag} changed")
    return problems


def _letters_match_the_log(path: Path, folder: Path) -> list[str]:
    """The .docx letters in the folder are exactly the files the Letter Log names there, once each."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Letter Log").to_python()
    header, data = rows[0], rows[1:]
    files = [str(r[header.index("File")]) for r in data if any(str(v).strip() for v in r)]
    mine = [re.split(r"[\\/]", f)[-1] for f in files if _folder_of(f, path, folder)]
    on_disk = (
        sorted(p.name for p in folder.glob("*.docx") if not p.name.startswith("Print pack"))
        if folder.exists()
        else []
    )
    problems = []
    if sorted(mine) != on_disk:
        problems.append(
            f"letters on disk {len(on_disk)} != in the log {len(mine)}: {sorted(set(on_disk) ^ set(mine))[:3]}"
        )
    if len(set(mine)) != len(mine):
        problems.append("a letter is in the Letter Log twice")
    staging = [p.name for p in folder.iterdir() if p.is_dir()] if folder.exists() else []
    if staging:
        problems.append(f"left in the letters folder: {staging}")
    return problems


def _folder_of(logged: str, workbook: Path, folder: Path) -> bool:
    parent = os.path.dirname(logged.replace("\\", "/"))
    base = Path(os.path.realpath(workbook)).parent
    return os.path.realpath(base / parent) == os.path.realpath(folder)


def _well_formed(docx: Path) -> list[str]:
    problems = []
    with zipfile.ZipFile(docx) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                try:
                    etree.fromstring(z.read(name))
                except etree.XMLSyntaxError as exc:
                    problems.append(f"{docx.name}: {name} is not well-formed XML ({exc})")
    return problems
