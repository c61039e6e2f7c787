"""Every command over every bad input (tests/corpus): each run is checked by
tests/corpus/run_case.py (exit codes, one-line stops, the folder untouched after a stop, user
cells and foreign parts kept, written parts valid, letters on disk equal to the Letter Log).

The runs are independent, so they share the machine's cores (a process pool); each case is
then one test here, failing with every problem of its runs. `pytest -s` prints a table of
outcomes per command."""

from __future__ import annotations

import os
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor

import pytest

from tests.corpus.make_corpus import EDITS, FILES, build_corpus
from tests.corpus.run_case import Report, run_job

HEAVY = ("big-visits", "big-objectives", "render-bounds", "huge-cells")  # started first
OPTIONAL = {"libreoffice-saved", "foreign-libreoffice"}  # made only where LibreOffice is installed
CASE_NAMES = [
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
    "foreign-openpyxl-lookalike",
    "foreign-xlsxwriter",
    "foreign-xlsxwriter-1904",
    "foreign-x-prefix",
    "foreign-libreoffice",
    "writer-x-prefix",
    "writer-no-cell-refs",
    "writer-totals-row",
    "writer-protected-hidden-merged",
    "outputs-never-overwrite",
    "lock-another-computer",
    "lock-another-computer-old",
    "lock-of-an-ended-run",
    "lock-excel-named",
    "lock-libreoffice",
    "staged-letters-logged",
    "staged-letters-unlogged",
    "symlinked-workbook",
    "hard-linked-workbook",
    "long-workbook-name",
    "render-bounds",
    "huge-cells",
    "absurd-numbers",
    "absurd-settings",
]


def _worker() -> None:
    from smep_xl.ooxml import lock

    lock.WAIT_SECONDS = 1.0  # the lock cases wait for a run that never ends: no need for the full wait


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    started = time.monotonic()
    cases = build_corpus(folder)
    built = time.monotonic()
    from tests.fixtures.gias.make_gias import csv_bytes, schools

    gias = folder / "good-gias.csv"
    gias.write_bytes(csv_bytes(schools()))
    runs = folder / "runs"
    runs.mkdir()
    jobs = [(case, command, runs, gias) for case in cases for command in case.commands]
    jobs.sort(key=lambda job: job[0].name not in HEAVY)
    workers = max(1, min(2, os.cpu_count() or 1))
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker) as pool:
        reports = list(pool.map(run_job, jobs, chunksize=1))
    by_case: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        by_case[report.case].append(report)
    print(f"\nbuilt in {built - started:.0f} s, run in {time.monotonic() - built:.0f} s")
    print(outcome_table(reports, len(cases)))
    return {case.name for case in cases}, by_case


def outcome_table(reports: list[Report], cases: int) -> str:
    """How many runs of each command ended 0, 1 and 2."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for r in reports:
        counts[r.command][r.code] += 1
    lines = [f"corpus: {cases} cases, {len(reports)} runs", f"{'command':<34} {'0':>4} {'1':>4} {'2':>4}"]
    for command in sorted(counts):
        c = counts[command]
        lines.append(f"{command:<34} {c[0]:>4} {c[1]:>4} {c[2]:>4}")
    slowest = sorted(reports, key=lambda r: -r.seconds)[:8]
    lines.append("slowest: " + ", ".join(f"{r.case} {r.command} {r.seconds:.1f} s" for r in slowest))
    return "\n".join(lines)


def test_the_corpus_has_every_case_named_here(corpus):
    built, _ = corpus
    assert built - set(CASE_NAMES) == set(), "a case was added without its name here"
    assert set(CASE_NAMES) - built <= OPTIONAL


@pytest.mark.parametrize("case_name", CASE_NAMES)
def test_every_command_survives(corpus, case_name):
    built, by_case = corpus
    if case_name not in built:
        pytest.skip(f"{case_name} could not be made here (LibreOffice missing)")
    problems = [f"{r.command} (exit {r.code}): {p}" for r in by_case[case_name] for p in r.problems]
    assert not problems, "\n".join(problems)
