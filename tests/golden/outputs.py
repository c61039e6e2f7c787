"""The demo's outputs, part by part: what every command writes, as a fingerprint per part.

A refactor must not change what staff get. This runs the commands on the demo, in order,
through the real command line, and takes the SHA-256 of every part of every file written:
the workbook after new, validate, refresh, letters and import-schools, the master .xlsm,
and every letter's document.xml. tests/e2e/test_golden_outputs.py compares a fresh run with
the fingerprints recorded in outputs.json; a deliberate change re-records them:

    python -m tests.golden.outputs --record

The Letter Log's Generated At (the clock time of a run) is masked before hashing; every other
byte counts. Letters are dated with --date, so nothing else depends on the day it runs.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
RECORD = HERE / "outputs.json"
ROOT = HERE.parents[1]
LETTER_DATE = "2015-07-31"
_LOG_STAMP = re.compile(rb'(<c r="A\d+"[^>]*>)<v>[0-9.]+</v>')


def smep(*args: str, cwd: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "smep_xl", *args], cwd=cwd, capture_output=True, text=True, env=_env()
    )
    if done.returncode not in (0, 1):
        raise RuntimeError(f"smep {' '.join(args)} failed ({done.returncode}): {done.stderr}")


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def _letter_log_part(archive: zipfile.ZipFile) -> str | None:
    book = archive.read("xl/workbook.xml")
    found = re.search(rb'<sheet\b[^>]*name="Letter Log"[^>]*r:id="([^"]+)"', book)
    if not found:
        return None
    rels = archive.read("xl/_rels/workbook.xml.rels")
    tag = re.search(rb'<Relationship\b[^>]*Id="' + found.group(1) + rb'"[^>]*>', rels)
    target = re.search(rb'Target="([^"]+)"', tag.group()).group(1).decode()
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def fingerprint(path: Path) -> dict[str, str]:
    """SHA-256 of every part of a zip package (Letter Log time stamps masked)."""
    with zipfile.ZipFile(path) as archive:
        log = _letter_log_part(archive) if "xl/workbook.xml" in archive.namelist() else None
        out = {}
        for name in sorted(archive.namelist()):
            data = archive.read(name)
            if name == log:
                data = _LOG_STAMP.sub(rb"\1<v>0</v>", data)
            out[name] = hashlib.sha256(data).hexdigest()
    return out


def run_all(work: Path) -> dict[str, dict[str, str]]:
    """Every stage's fingerprints, keyed by stage (and by letter file for the letters)."""
    from tests.fixtures.gias.make_gias import write_files

    book = "SMEP_Demo.xlsx"
    stages: dict[str, dict[str, str]] = {}
    smep("new", book, "--demo", cwd=work)
    stages["new"] = fingerprint(work / book)
    smep("validate", book, cwd=work)
    stages["validate"] = fingerprint(work / book)
    smep("refresh", book, cwd=work)
    stages["refresh"] = fingerprint(work / book)
    smep("letters", book, "--combined", "--date", LETTER_DATE, cwd=work)
    stages["letters"] = fingerprint(work / book)
    for letter in sorted((work / "letters").glob("*.docx")):
        with zipfile.ZipFile(letter) as archive:
            digest = hashlib.sha256(archive.read("word/document.xml")).hexdigest()
        stages.setdefault("letter documents", {})[letter.name] = digest
    gias, _links = write_files(work / "gias")
    smep("import-schools", book, str(gias), "--la", "855", "--la", "856", cwd=work)
    stages["import-schools"] = fingerprint(work / book)
    smep("build-workbook", "SMEP_Master.xlsm", cwd=work)
    stages["build-workbook"] = fingerprint(work / "SMEP_Master.xlsm")
    return stages


def differences(old: dict[str, dict[str, str]], new: dict[str, dict[str, str]]) -> list[str]:
    out = []
    for stage in sorted(set(old) | set(new)):
        a, b = old.get(stage, {}), new.get(stage, {})
        for part in sorted(set(a) | set(b)):
            if a.get(part) != b.get(part):
                what = "added" if part not in a else "gone" if part not in b else "changed"
                out.append(f"{stage}: {part} {what}")
    return out


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="smep-golden-") as tmp:
        fresh = run_all(Path(tmp))
    if "--record" in argv:
        RECORD.write_text(json.dumps(fresh, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"Recorded {sum(len(v) for v in fresh.values())} fingerprints in {RECORD}")
        return 0
    diff = differences(json.loads(RECORD.read_text(encoding="utf-8")), fresh)
    print("\n".join(diff) or "No differences.")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
