"""The smep command line, run in this process as the console script runs it."""

from __future__ import annotations

import io
import sys
from contextlib import redirect_stderr, redirect_stdout


def run_smep(*args: object) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `smep ARGS...`."""
    from smep_xl.cli import cli
    from smep_xl.cli.common import run_guarded

    out, err = io.StringIO(), io.StringIO()
    old_argv = sys.argv
    sys.argv = ["smep", *map(str, args)]
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                run_guarded(cli)
                code = 0
            except SystemExit as stop:
                code = stop.code if isinstance(stop.code, int) else 2
    finally:
        sys.argv = old_argv
    return code, out.getvalue(), err.getvalue()


def smep_ok(*args: object) -> str:
    """Run smep; it must exit 0 or 1 (1: validate found errors). Returns stdout."""
    code, out, err = run_smep(*args)
    assert code in (0, 1), f"smep {' '.join(map(str, args))} exited {code}: {err}"
    return out
