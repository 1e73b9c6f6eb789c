"""The bargaining log: one section per session, newest first, every round in its session."""
from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Dict, List

import pytest
from click.testing import CliRunner

from corpus import CORPUS, needs_corpus
from redline.cli import cli
from ws_helpers import SAMPLES, run
from redline.store.agreement_render import long_date
from redline.store.assembly import display_title

ROOT = Path(__file__).resolve().parent.parent



def init(folder: Path) -> Path:
    result = CliRunner().invoke(cli, ["init", str(folder), "--employer",
                                      "Stockton Unified School District", "--union", "NUHW"])
    assert result.exit_code == 0, result.output
    return folder


def sections(markdown: str) -> Dict[str, str]:
    """``## June 20, 2024`` sections by heading, in order."""
    parts = re.split(r"^## (.+)$", markdown, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def presented(section: str) -> Dict[str, List[str]]:
    """Who presented what in a session: lead-in party -> bullets."""
    out: Dict[str, List[str]] = {}
    current = ""
    for block in section.split("\n\n"):
        m = re.match(r"^(The District|NUHW) presented (?:a proposal|proposals) on:$",
                     block.strip())
        if m:
            current = m.group(1)
            continue
        if block.strip().startswith("- ") and current:
            out.setdefault(current, []).extend(
                ln[2:] for ln in block.strip().splitlines())
            current = ""
    return out


@needs_corpus
def test_the_report_lists_every_round_of_the_corpus(tmp_path):
    folder = init(tmp_path / "ws")
    manifest = json.loads((CORPUS / "manifest.json").read_text())
    clean = [f for f in manifest["files"] if f["kind"] == "clean" and
             f["path"].endswith(".docx")]
    files = [str(CORPUS / f["path"]) for f in clean]
    random.Random(3).shuffle(files)
    run(folder, "add", *files)
    run(folder, "ta", "hours", "--date", "2024-06-26", "--initials", "TD/MM")
    run(folder, "withdraw", "transfer", "--date", "2024-06-26", "--party", "Union")
    report = run(folder, "report").stdout
    assert report.startswith("# Stockton Unified School District & NUHW")
    by_date = sections(report)
    days = sorted({f["date"][:10] for f in clean} | {"2024-06-26"}, reverse=True)
    assert list(by_date) == [long_date(d) for d in days]  # newest first, one per session
    for f in clean:
        section = by_date[long_date(f["date"])]
        who = "The District" if f["party"] == "District" else "NUHW"
        bullets = presented(section)[who]
        assert any(b.startswith(display_title(f["article"]) + ":") and
                   b.endswith(f"round {f['version']}") for b in bullets), (f["path"], bullets)
    last = by_date[long_date("2024-06-26")]
    assert "tentative agreement on:\n\n- Hours, at round 3 (NUHW's proposal of June 20, " \
        "2024); initialled TD/MM" in last
    assert "Withdrawn:\n\n- Transfer, by NUHW" in last
    nxt = last.split("Next: still open after this session:")[1]
    assert "Grievance Procedure: 5 rounds so far" in nxt and "Hours" not in nxt
    assert "Transfer" not in nxt
    first = by_date[long_date(days[-1])]
    assert "met to begin negotiations" in first


def test_since_and_html(tmp_path):
    folder = init(tmp_path / "ws")
    run(folder, "add", *map(str, SAMPLES))
    run(folder, "ta", "sick leave", "--date", "2024-04-18")
    recent = run(folder, "report", "--since", "2024-03-21").stdout
    assert list(sections(recent)) == ["April 18, 2024", "April 11, 2024", "March 21, 2024"]
    assert "Next: no article is open." in sections(recent)["April 18, 2024"]
    assert "awaits the District's response" in sections(recent)["April 11, 2024"]
    out = tmp_path / "log.html"
    run(folder, "report", "-o", str(out))
    page = out.read_text()
    assert "Content-Security-Policy" in page and "<h2>February 7, 2024</h2>" in page
    assert "<li>Article 12, Sick Leave: initial proposal, round 1</li>" in page
    assert "Stockton Unified School District &amp; NUHW" in page


def test_an_empty_workspace_has_an_empty_log(tmp_path):
    folder = init(tmp_path / "ws")
    assert "No sessions yet." in run(folder, "report").stdout
    bad = run(folder, "report", "--since", "someday", code=2)
    assert "not a date" in bad.stderr


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_report_formats_by_option(tmp_path, fmt):
    folder = init(tmp_path / "ws")
    run(folder, "add", str(SAMPLES[0]))
    out = run(folder, "report", "--format", fmt).stdout
    assert out.startswith("<!DOCTYPE html>" if fmt == "html" else "# ")
