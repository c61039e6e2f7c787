"""Every part the demo's commands write is byte-for-byte what was recorded (tests/golden/outputs.py).

A change in what staff get must be deliberate: re-record with `python -m tests.golden.outputs
--record` and say in the commit which parts changed and why.
"""

from __future__ import annotations

import json

from tests.golden.outputs import RECORD, differences, run_all


def test_demo_outputs_match_the_recorded_fingerprints(tmp_path):
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    fresh = run_all(tmp_path)
    assert differences(recorded, fresh) == []
    assert len(fresh["letter documents"]) == 32  # 31 letters and the print pack
