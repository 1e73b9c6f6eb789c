"""docs/tutorial.md, run as a user would: every ``sh`` block in order, in a fresh folder
beside a copy of samples/, each command's output checked against the output block the
tutorial shows after it."""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "docs" / "tutorial.md"
#: (commands, expected output or None), in the tutorial's order
STEPS = re.findall(r"```sh\n(.*?)```\n+(?:```\n(.*?)```)?", TUTORIAL.read_text(), re.S)


def _normal(line: str) -> str:
    return " ".join(line.split())


def _shell_args(argv, cwd: Path):
    """The arguments after the command, with globs expanded as the shell would."""
    return [a for arg in argv[1:]
            for a in (sorted(str(p) for p in cwd.glob(arg)) if "*" in arg else [arg])]


def test_the_tutorial_runs_and_prints_what_it_shows(tmp_path):
    if not (shutil.which("soffice") or shutil.which("chromium")):
        pytest.skip("the tutorial's last step prints a PDF: needs LibreOffice or Chromium")
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    cwd = tmp_path
    env = {**os.environ, "COLUMNS": "200"}
    assert len(STEPS) >= 8 and sum(1 for _, shown in STEPS if shown) >= 6
    for commands, expected in STEPS:
        out = []
        for line in commands.strip().splitlines():
            argv = shlex.split(line)
            if argv[0] == "cd":
                cwd = cwd / argv[1]
                continue
            assert argv[0] == "redline", line
            res = subprocess.run([sys.executable, "-m", "redline", *_shell_args(argv, cwd)],
                                 cwd=cwd, env=env,
                                 capture_output=True, text=True, timeout=300)
            # `diff` exits 1 when there are differences, like diff(1); `lint` on findings
            ok = (0, 1) if argv[1] in ("diff", "lint") else (0,)
            assert res.returncode in ok, (line, res.stdout, res.stderr)
            out.append(res.stdout + res.stderr)  # "wrote FILE: ..." is said on stderr
        if expected:
            got = {_normal(x) for x in "".join(out).splitlines()}
            for want in expected.splitlines():
                if not want.strip() or "/home/you" in want:
                    continue
                want = _normal(want)
                if want.endswith("..."):  # the tutorial shortens a long line
                    assert any(g.startswith(want[:-3].rstrip()) for g in got), (commands, want)
                else:
                    assert want in got, (commands, want, "".join(out))


def test_the_readme_quick_start_makes_the_redline(tmp_path):
    """The README's first command (after its ``pip install .``) on a copy of samples/: the
    redline it writes holds every sample counter as a round."""
    block = re.search(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    assert block is not None
    install, _, command = block.group(1).strip().partition(" && ")
    assert install.startswith("pip install .")
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    argv = shlex.split(command)
    assert argv[0] == "redline"
    args = _shell_args(argv, tmp_path)
    res = subprocess.run([sys.executable, "-m", "redline", *args], cwd=tmp_path,
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    out = tmp_path / args[args.index("-o") + 1]
    from redline.api import read

    doc = read(str(out))
    counters = sorted((tmp_path / "samples").glob("*/v*.docx"))
    assert [r.proposal.date[:10] for r in doc.rounds] == [
        read(str(c)).proposal.date[:10] for c in counters]


def test_the_readme_python_example_runs(tmp_path, monkeypatch):
    """The README's Python block, run as written from the repository root (its workspace
    part on a workspace made for it), writes what it says."""
    block = re.search(r"From Python:\n\n```python\n(.*?)```", (ROOT / "README.md").read_text(),
                      re.S)
    assert block is not None
    from click.testing import CliRunner

    from redline.cli import cli

    ws = tmp_path / "negotiation"
    assert CliRunner().invoke(cli, ["init", str(ws), "--employer", "Stockton USD",
                                    "--union", "NUHW"]).exit_code == 0
    samples = sorted(str(p) for p in (ROOT / "samples" / "sick_leave").glob("v*.docx"))
    assert CliRunner().invoke(cli, ["add", *samples, "--workspace", str(ws)]).exit_code == 0
    assert CliRunner().invoke(cli, ["ta", "sick leave", "--date", "2024-04-18",
                                    "--workspace", str(ws)]).exit_code == 0
    code = block.group(1).replace('"negotiation"', repr(str(ws))).replace(
        '"samples/', '"' + str(ROOT / "samples") + '/')
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "counter.docx").stat().st_size > 0
    assert (tmp_path / "TA.docx").stat().st_size > 0
