"""Stage timings and progress reports (``redline compare --timings``)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from redline.api import compare
from redline.cli import cli
from redline.timing import progress, recording, stage

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "sick_leave"


def test_nested_stages_count_only_their_own_time():
    with recording() as t:
        with stage("outer"):
            time.sleep(0.02)
            with stage("inner"):
                time.sleep(0.05)
            time.sleep(0.02)
    assert 0.05 <= t.seconds["inner"] < 0.09
    assert 0.04 <= t.seconds["outer"] < 0.08  # the inner 0.05 s is not counted twice
    assert t.calls == {"outer": 1, "inner": 1}


def test_a_recording_ends_with_its_block():
    with recording() as t:
        with stage("inside"):
            pass
    with stage("after"):
        progress("after", 1, 2)  # no recorder any more: nothing is added
    assert set(t.seconds) == {"inside"} and t.calls == {"inside": 1}


def test_a_comparison_reports_its_stages_and_progress():
    v1, v2 = sorted(SAMPLES.glob("v[12]_*.docx"))
    seen = []
    with recording(lambda name, done, total: seen.append((name, done, total))) as t:
        compare(str(v1), str(v2))
    assert {"read", "align", "diff"} <= set(t.seconds)
    assert t.calls["read"] == 2
    assert seen and seen[-1][1] == seen[-1][2]  # the last report says done
    assert all(name == "compare" for name, _, _ in seen)


def test_compare_timings_option_prints_a_table_on_stderr(tmp_path):
    v1, v2 = sorted(SAMPLES.glob("v[12]_*.docx"))
    out = tmp_path / "x.docx"
    res = CliRunner().invoke(
        cli, ["compare", str(v1), str(v2), "-o", str(out), "--timings"])
    assert res.exit_code == 1, res.stderr
    lines = res.stderr.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("stage")))
    end = next(k for k in range(start, len(lines)) if lines[k].startswith("total"))
    stages = [line.split()[0] for line in lines[start + 1:end]]
    assert stages[:2] == ["read", "align"] and "render" in stages and "write" in stages
    assert float(lines[end].split()[1]) == pytest.approx(
        sum(float(line.split()[1]) for line in lines[start + 1:end]), abs=0.01)
    assert out.exists()
