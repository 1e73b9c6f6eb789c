"""What the commands say (issue 16): one ``wrote FILE: ...`` line on stderr for every output
written, one prefix for errors (``redline: error:``) and one for warnings
(``redline: warning:``), whoever raised them (the library, click, a command)."""
from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from redline.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples" / "sick_leave").glob("v*.docx"))


def test_compare_says_what_it_wrote(tmp_path):
    out = tmp_path / "c.docx"
    res = CliRunner().invoke(cli, ["compare", str(SAMPLES[0]), str(SAMPLES[1]), "-o",
                                   str(out)])
    assert res.exit_code == 1 and res.stdout == ""
    assert re.fullmatch(rf"wrote {re.escape(str(out))}: \d+ changes\n", res.stderr)


def test_parse_says_what_it_wrote_and_nothing_for_stdout(tmp_path):
    out = tmp_path / "p.json"
    res = CliRunner().invoke(cli, ["parse", str(SAMPLES[0]), "-o", str(out)])
    assert res.exit_code == 0
    assert res.stderr == f"wrote {out}: 1 article, 9 clauses\n"
    res = CliRunner().invoke(cli, ["parse", str(SAMPLES[0])])
    assert res.exit_code == 0 and "wrote" not in res.stderr


def test_every_error_has_one_prefix(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(cli, ["compare", str(tmp_path / "none.docx"), str(SAMPLES[0])])
    usage = runner.invoke(cli, ["compare", "--no-such-option"])
    choice = runner.invoke(cli, ["history", str(SAMPLES[0]), "-f", "rtf"])
    for res in (missing, usage, choice):
        assert res.exit_code == 2
        errors = [ln for ln in res.stderr.splitlines() if "rror" in ln]
        assert errors and all(ln.startswith("redline: error: ") for ln in errors), res.stderr


def test_warnings_have_one_prefix(tmp_path):
    """The library's logged warnings: ``redline: warning:`` (it was ``redline: WARNING:``)."""
    res = CliRunner().invoke(cli, ["compare", str(SAMPLES[1]), str(SAMPLES[0])])
    warnings = [ln for ln in res.stderr.splitlines() if "arning" in ln]
    assert warnings and all(ln.startswith("redline: warning: ") for ln in warnings), res.stderr


def test_the_workspace_commands_say_what_they_wrote(tmp_path):
    """diff, ws-history, status and report written to a file each say so in one line."""
    from ws_helpers import run

    ws = tmp_path / "ws"
    made = CliRunner().invoke(cli, ["init", str(ws), "--employer", "SUSD", "--union", "NUHW"])
    assert made.exit_code == 0, made.output
    run(ws, "add", *map(str, SAMPLES))
    out = tmp_path / "d.docx"
    res = run(ws, "diff", "SICK LEAVE", "-o", str(out), code=1)
    assert re.fullmatch(rf"wrote {re.escape(str(out))}: \d+ changes\n", res.stderr)
    out = tmp_path / "h.docx"
    res = run(ws, "ws-history", "SICK LEAVE", "-o", str(out))
    assert re.fullmatch(rf"wrote {re.escape(str(out))}: 4 rounds, \d+ changes\n", res.stderr)
    out = tmp_path / "s.json"
    res = run(ws, "status", "-f", "json", "-o", str(out))
    assert res.stderr == f"wrote {out}: 1 article\n"
    out = tmp_path / "log.md"
    res = run(ws, "report", "-o", str(out))
    assert res.stderr == f"wrote {out}\n"
