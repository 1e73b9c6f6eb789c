"""Every command has help that ends with an example; ``import redline`` stays light."""
from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest
from click.testing import CliRunner

from redline.cli import cli

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pdfplumber", "pdfminer", "docx", "lxml", "diff_match_patch")


def _help(args: List[str]) -> str:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return result.output


def _examples(text: str) -> List[str]:
    """The lines after the last "Example" heading of the description (before "Options:")."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    lines = lines[:lines.index("Options:")] if "Options:" in lines else lines
    start = max(i for i, ln in enumerate(lines) if ln.lower().startswith("example"))
    return lines[start + 1:]


@pytest.mark.parametrize("args", [[]] + [[name] for name in sorted(cli.commands)],
                         ids=lambda a: a[0] if a else "redline")
def test_help_ends_with_an_example(args: List[str]) -> None:
    text = _help(args + ["--help"])
    examples = _examples(text)
    assert examples, f"no example at the end of: redline {' '.join(args)} --help"
    assert all(ex.startswith("redline ") for ex in examples), examples
    if args:
        assert examples[0].split()[1] == args[0]


@pytest.mark.parametrize("args", [[]] + [[name] for name in sorted(cli.commands)],
                         ids=lambda a: a[0] if a else "redline")
def test_example_sample_files_exist(args: List[str]) -> None:
    """An example that names a file under samples/ names one that is there."""
    for ex in _examples(_help(args + ["--help"])):
        for word in shlex.split(ex):
            if word.startswith("samples/"):
                found = list(ROOT.glob(word)) if any(c in word for c in "*?[") else (
                    [ROOT / word] if (ROOT / word).exists() else [])
                assert found, f"{ex}: {word} is not in samples/"


def test_import_redline_is_light() -> None:
    code = ("import sys, redline, redline.cli; "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert proc.stdout.strip() == "", f"imported at startup: {proc.stdout.strip()}"


def test_help_does_not_import_readers() -> None:
    code = ("import sys\nfrom redline.cli import cli\n"
            "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert proc.stderr.strip() == ""
