"""Generate letters: `smep letters --all` whole-process on a 2,000-school hub, against docxtpl.

Whole process = what a member of staff waits for: `python -m smep_xl letters BOOK --all` in a
fresh process (start-up, reading the workbook, planning, checking the template, writing one
.docx per visited school, the Letter Log and the workbook's save), median of several runs on
fresh copies of a workbook made with `smep new BOOK --demo --schools 2000`. An in-process run
then shows where the time goes. The baseline is docxtpl's own way, `DocxTemplate(path)
.render(data, autoescape=True); save()` per letter, on the same template and letters' data,
timed in the same run (autoescape: the demo's text holds '&', which plain docxtpl turns into
a broken file). Also: a 500-letter print pack, and 22,000 letters (real, or extrapolated with
--quick).

    python -m benchmarks.bench_letters [--runs N] [--folder DIR] [--docxtpl-all] [--national | --quick]

--folder runs the letters in DIR (default: the system's temporary folder), e.g. a RAM disk
(/dev/shm) to see how much of the time is the file system's.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import CACHE, national_wanted
from smep_xl import layout as L

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "templates" / "feedback_letter.docx"
SCHOOLS = 2_000
TARGET = 1_000  # letters a second, whole process


def _env() -> dict[str, str]:
    """The child's environment: this source tree first; bytecode cached as an installed copy
    has it (pip compiles a package's bytecode when it installs it)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def smep(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "smep_xl", *args], cwd=cwd, env=_env(), capture_output=True, text=True
    )


def hub_workbook(schools: int = SCHOOLS) -> Path:
    """`smep new BOOK --demo --schools N`, made once and kept."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"letters-all-{schools}.xlsx"
    if not path.exists():
        done = smep("new", str(path), "--demo", "--schools", str(schools), cwd=CACHE)
        if done.returncode:
            raise SystemExit(done.stderr)
    return path


def whole_process(book: Path, folder: Path) -> tuple[float, float, int]:
    """One `smep letters BOOK --all` on a fresh copy: (wall seconds, CPU seconds, letters)."""
    run = Path(tempfile.mkdtemp(dir=folder))
    copy = Path(shutil.copy(book, run / book.name))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = smep("letters", copy.name, "--all", cwd=run)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # Kept until the end: on a file system with no journal (as here), ext4 scans past inodes
    # freed in the last seconds when it makes a file, so deleting a run's 1,000 letters would
    # slow the next run's file creation for reasons of the benchmark's own making.
    return wall, cpu, len(list(run.rglob("*.docx")))


class _Timed:
    """Wraps a port (the workbook, the letter writer, a template) and adds up the seconds its
    methods take, by name, so one in-process run shows where the time goes."""

    def __init__(self, inner, spent: dict[str, float], names: dict[str, str]):
        self._inner, self._spent, self._names = inner, spent, names

    def __getattr__(self, name: str):
        found = getattr(self._inner, name)
        label = self._names.get(name)
        if label is None or not callable(found):
            return found

        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                result = found(*args, **kwargs)
            finally:
                self._spent[label] = self._spent.get(label, 0.0) + time.perf_counter() - start
            if name == "open_template":
                return _Timed(result, self._spent, {"write_all": "write the letters"})
            if name == "outbox":
                transaction = "staging, flush, moving in"
                return _Timed(
                    result, self._spent, dict.fromkeys(("recover", "begin", "staged", "commit"), transaction)
                )
            return result

        return timed


def split(book: Path, folder: Path, all_visited: bool = True) -> tuple[dict[str, float], float, object]:
    """One in-process run (--all, or the letters due), timed by port: {phase: seconds}, total
    seconds, the result."""
    from smep_xl.actions import letters_plan
    from smep_xl.actions.letters import LettersOptions, letters
    from smep_xl.adapters.docx.writer import DocxLetterWriter
    from smep_xl.adapters.files.disk import DiskFiles
    from smep_xl.adapters.xlsx.workbook import open_workbook

    run = Path(tempfile.mkdtemp(dir=folder))
    copy = Path(shutil.copy(book, run / book.name))
    spent: dict[str, float] = {}
    plan_work = letters_plan.plan_work

    def timed_plan(*args, **kwargs):
        start = time.perf_counter()
        try:
            return plan_work(*args, **kwargs)
        finally:
            spent["plan the letters"] = spent.get("plan the letters", 0.0) + time.perf_counter() - start

    start = time.perf_counter()
    workbook = _Timed(
        open_workbook(str(copy)),
        spent,
        {
            "read_table": "read the workbook",
            "write_output": "Letter Log: write",
            "write_columns": "Letter Log: write",
            "save": "Letter Log: save",
        },
    )
    writer = _Timed(DocxLetterWriter(), spent, {"open_template": "compile the template"})
    files = _Timed(DiskFiles(run), spent, {"outbox": "staging, flush, moving in"})
    letters_plan.plan_work = timed_plan
    try:
        result = letters(workbook, LettersOptions(files=files, writer=writer, all_visited=all_visited))
    finally:
        letters_plan.plan_work = plan_work
    total = time.perf_counter() - start
    spent["opening, checking, the rest"] = total - sum(spent.values())
    return spent, total, result


def start_up() -> float:
    """A fresh process importing what `smep letters` needs, and nothing else: median of 5."""
    code = (
        "import smep_xl.cli, smep_xl.actions.letters, smep_xl.adapters.docx.writer, "
        "smep_xl.adapters.xlsx.workbook"
    )
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], env=_env(), check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def docxtpl_rate(contexts: list[dict], out: Path) -> float:
    """docxtpl's letters per second on the same data: a fresh DocxTemplate per letter."""
    from docxtpl import DocxTemplate

    start = time.perf_counter()
    for n, context in enumerate(contexts):
        tpl = DocxTemplate(str(TEMPLATE))
        tpl.render(context, autoescape=True)
        tpl.save(out / f"docxtpl-{n}.docx")
    return len(contexts) / (time.perf_counter() - start)


def contexts_of(workbook: Path, count: int | None) -> list[dict]:
    """The letters' data, as the action builds it (for the docxtpl baseline)."""
    import json

    from smep_xl.actions.letters import LettersOptions, letters
    from smep_xl.adapters.files.disk import DiskFiles
    from smep_xl.adapters.xlsx.workbook import open_workbook

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "data.json"
        options = LettersOptions(files=DiskFiles(Path(folder)), all_visited=True, export_data=target)
        letters(open_workbook(str(workbook), read_only=True), options)
        return json.loads(target.read_text(encoding="utf-8"))["letters"][:count]


def pack_time(letters: list[Path], out: Path) -> float:
    from smep_xl.adapters.docx.pack import build_pack

    start = time.perf_counter()
    build_pack(letters, out / "pack.docx")
    return time.perf_counter() - start


def national(out: Path) -> tuple[float, int]:
    """Seconds for 22,000 letters in-process: a national-size hub, every visit due a letter."""
    from smep_xl.adapters.new_workbook.write import write_new_workbook
    from smep_xl.demo import build_demo_frames

    path = CACHE / "letters-22000.xlsx"
    if not path.exists():
        frames = build_demo_frames(22_000, 1.0)
        frames[L.VISITS][L.VIS_SEND] = L.YES
        write_new_workbook(str(path), frames)
    _, seconds, result = split(path, out, all_visited=False)
    return seconds, len(result.letters)


def _option(name: str, default: str | None) -> str | None:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main() -> None:
    book = hub_workbook()
    with tempfile.TemporaryDirectory(prefix="smep-bench-letters-", dir=_option("--folder", None)) as folder:
        out = Path(folder)
        whole_process(book, out)  # warm-up: bytecode cached, files in the OS cache
        runs = [whole_process(book, out) for _ in range(int(_option("--runs", "5")))]
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        written = runs[0][2]
        ours = written / wall
        load = os.getloadavg()[0]
        print(
            f"smep letters --all, whole process, {SCHOOLS:,}-school demo ({written:,} letters), median of "
            f"{len(runs)}: {wall:5.2f} s = {ours:5.0f} letters/s (CPU {cpu:4.2f} s; load average {load:.1f}; "
            f"in {out.parent})"
        )
        print("  runs: " + ", ".join(f"{w:.2f} s" for w, _, _ in runs))
        spent, total, result = split(book, out)
        print(f"  start-up (imports, fresh process): {start_up():5.2f} s; in-process {total:5.2f} s:")
        for phase, seconds in spent.items():
            print(f"    {phase:<28} {seconds:6.3f} s")
        sample = None if "--docxtpl-all" in sys.argv else 200
        contexts = contexts_of(book, sample)
        theirs = docxtpl_rate(contexts, out)
        print(
            f"docxtpl render+save per letter ({len(contexts):,} letters): "
            f"{len(contexts) / theirs:6.2f} s = {theirs:5.0f} letters/s"
        )
        print(f"ratio: {ours / theirs:5.1f}x docxtpl, whole process against docxtpl's letters alone")
        print(f"target: >= {TARGET:,} letters/s whole process: {'met' if ours >= TARGET else 'NOT met'}")
        paths = [Path(r["file"]) for r in result.letters[:500]]
        print(f"print pack of {len(paths)} letters: {pack_time(paths, out):6.3f} s   (target < 2 s)")
        if national_wanted() or "--national" in sys.argv:
            seconds, count = national(out)
            print(f"22,000-visit workbook, {count:,} letters in-process: {seconds:6.2f} s (target < 30 s)")
        else:
            print(
                f"22,000 letters, extrapolated from the whole-process run: {22_000 / ours:6.2f} s (target < 30 s)"
            )


if __name__ == "__main__":
    main()
