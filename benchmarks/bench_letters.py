"""Generate letters: letters/s end to end against docxtpl, 22,000 letters, a 500-letter print pack.

End to end = open the workbook file, plan, check the template, write every .docx, append the
Letter Log and save the workbook (actions.letters through the file adapter). The baseline is
docxtpl's own way, `DocxTemplate(path).render(data, autoescape=True); save()` per letter, on
the same template and the same letters' data, timed in the same run (autoescape: the demo's
text holds '&', which plain docxtpl turns into a broken file).

    python -m benchmarks.bench_letters [--docxtpl-all] [--national | --quick]

--docxtpl-all times docxtpl on all 2,000 letters (about a minute) instead of the first 200.
The 22,000-letter run is real by default and extrapolated from the 2,000 with --quick.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import CACHE, national_wanted
from smep_xl import layout as L

TEMPLATE = Path(__file__).resolve().parents[1] / "templates" / "feedback_letter.docx"


def letters_workbook(count: int) -> Path:
    """A demo hub with `count` visits, every one marked Send Letter = Yes (built once, cached)."""
    from smep_xl.adapters.new_workbook.write import write_new_workbook
    from smep_xl.demo import build_demo_frames

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"letters-{count}.xlsx"
    if not path.exists():
        frames = build_demo_frames(count, 1.0)
        frames[L.VISITS][L.VIS_SEND] = L.YES
        write_new_workbook(str(path), frames)
    return path


def end_to_end(workbook: Path, out: Path):
    """One Generate letters run on a fresh copy of the workbook; (seconds, result)."""
    from smep_xl.actions.letters import LettersOptions, letters
    from smep_xl.adapters.docx.writer import DocxLetterWriter
    from smep_xl.adapters.files.disk import DiskFiles
    from smep_xl.adapters.xlsx.workbook import open_workbook

    copy = out / workbook.name
    shutil.copy(workbook, copy)
    start = time.perf_counter()
    options = LettersOptions(files=DiskFiles(out), writer=DocxLetterWriter(), out_dir=out / "letters")
    result = letters(open_workbook(str(copy)), options)
    return time.perf_counter() - start, result


def docxtpl_rate(contexts: list[dict], out: Path) -> float:
    """docxtpl's letters per second on the same data: a fresh DocxTemplate per letter."""
    from docxtpl import DocxTemplate

    start = time.perf_counter()
    for n, context in enumerate(contexts):
        tpl = DocxTemplate(str(TEMPLATE))
        tpl.render(context, autoescape=True)
        tpl.save(out / f"docxtpl-{n}.docx")
    return len(contexts) / (time.perf_counter() - start)


def contexts_of(workbook: Path, count: int) -> list[dict]:
    """The first letters' data, as the action builds it (for the docxtpl baseline)."""
    from smep_xl.actions.letters import LettersOptions, letters
    from smep_xl.adapters.files.disk import DiskFiles
    from smep_xl.adapters.xlsx.workbook import open_workbook

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "data.json"
        options = LettersOptions(files=DiskFiles(folder), export_data=target)
        letters(open_workbook(str(workbook), read_only=True), options)
        import json

        return json.loads(target.read_text(encoding="utf-8"))["letters"][:count]


def pack_time(letters: list[Path], out: Path) -> float:
    from smep_xl.adapters.docx.pack import build_pack

    start = time.perf_counter()
    build_pack(letters, out / "pack.docx")
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="smep-bench-letters-") as folder:
        out = Path(folder)
        book = letters_workbook(2_000)
        seconds, result = end_to_end(book, out)
        written = len(result.letters)
        ours = written / seconds
        print(
            f"end to end, {written:,} letters (read workbook -> .docx + Letter Log, saved): "
            f"{seconds:6.2f} s = {ours:7.0f} letters/s"
        )
        sample = None if "--docxtpl-all" in sys.argv else 200
        contexts = contexts_of(book, sample or written)
        theirs = docxtpl_rate(contexts, out)
        print(
            f"docxtpl render+save per letter ({len(contexts):,} letters):        "
            f"{len(contexts) / theirs:6.2f} s = {theirs:7.0f} letters/s"
        )
        print(f"ratio: {ours / theirs:5.1f}x docxtpl   (targets: >= 1,000 letters/s, >= 20x)")
        paths = [Path(r["file"]) for r in result.letters[:500]]
        print(f"print pack of {len(paths)} letters: {pack_time(paths, out):6.3f} s   (target < 2 s)")
        shutil.rmtree(out / "letters", ignore_errors=True)
        if national_wanted() or "--national" in sys.argv:
            seconds, result = end_to_end(letters_workbook(22_000), out)
            print(
                f"22,000-visit workbook, {len(result.letters):,} letters end to end: {seconds:6.2f} s "
                f"(target < 30 s)"
            )
        else:
            print(f"22,000 letters, extrapolated from the 2,000 run: {22_000 / ours:6.2f} s (target < 30 s)")


if __name__ == "__main__":
    main()
