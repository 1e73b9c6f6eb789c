"""The HTML output in a real browser (headless Chromium): marks visible, scripts inert."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from compare_helpers import run_compare

CHROMIUM = next((b for b in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(b)), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed")

OLD = """ARTICLE 9 - GRIEVANCE PROCEDURE

9.1 The meeting must occur within fifteen (15) working days.

9.2 The grievance shall be filed on the District form.
"""
NEW = """ARTICLE 9 - GRIEVANCE PROCEDURE

9.1 The meeting must occur within ten (10) working days.

9.2 The grievance shall be filed on the District form. <script>document.title='PWNED';
document.body.setAttribute('data-pwned','1')</script><img src=x onerror="document.title='X'">
"""


def dump_dom(path: Path, tmp: Path) -> str:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", f"--user-data-dir={tmp / 'profile'}", "--dump-dom",
           path.as_uri()]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    return res.stdout


def test_browser_shows_marks_and_never_runs_document_text(tmp_path):
    out = run_compare(tmp_path, OLD, NEW, output="changes.html", suffix=".txt")
    dom = dump_dom(out, tmp_path)
    assert ">fifteen (15) </del>" in dom and ">ten (10) </ins>" in dom
    assert "PWNED" in dom  # shown as text ...
    assert "<script>" not in dom and 'data-pwned="1"' not in dom  # ... never run
    assert "<title>PWNED" not in dom and "<title>X" not in dom
    assert "&lt;script&gt;" in dom
