"""Shared by the workspace tests: the sample counters and a CLI runner bound to a workspace."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from redline.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples" / "sick_leave").glob("v*.docx"))


def run(folder: Path, *args: str, code: int = 0):
    """``redline ARGS --workspace FOLDER`` through click's runner, asserting its exit code."""
    result = CliRunner().invoke(cli, [*args, "--workspace", str(folder)])
    assert result.exit_code == code, (args, result.output)
    return result
