"""The cycle collector is off for one action, back on after it; a last pass only when asked."""

from __future__ import annotations

import gc

from smep_xl.collector import collector_paused


def _passes(collect_after: bool) -> tuple[bool, int]:
    passes: list[int] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            passes.append(1)

    gc.callbacks.append(seen)
    try:
        with collector_paused(collect_after=collect_after):
            during = gc.isenabled()
    finally:
        gc.callbacks.remove(seen)
    assert gc.isenabled()
    return during, len(passes)


def test_the_collector_is_off_during_the_action_and_on_after_it():
    assert _passes(collect_after=True) == (False, 1)


def test_the_command_line_skips_the_last_pass_as_its_process_ends():
    assert _passes(collect_after=False) == (False, 0)
