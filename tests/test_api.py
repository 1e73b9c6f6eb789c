"""The public Python API, as a script would use it: ``import redline`` and nothing deeper."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import redline
from ooxml_views import body_text
from ws_helpers import SAMPLES


def test_public_names_resolve_and_import_nothing_heavy():
    code = ("import sys, redline\n"
            "heavy = [m for m in ('lxml', 'docx', 'pdfplumber', 'diff_match_patch', 'click')"
            " if m in sys.modules]\n"
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
    for name in redline.__all__:
        assert getattr(redline, name) is not None, name
    with pytest.raises(AttributeError):
        redline.no_such_thing  # noqa: B018


def test_compare_and_render_from_the_top_level(tmp_path):
    old, new = str(SAMPLES[0]), str(SAMPLES[1])
    result = redline.compare(old, new)
    tracked = redline.render_comparison(result, "docx")
    assert body_text(tracked, "accept") == body_text(new, "accept")
    assert body_text(tracked, "reject") == body_text(old, "accept")
    data = json.loads(redline.render_comparison(result, "json"))
    assert data["new"]["party"] == "Union" and data["stats"]


def test_workspace_assemble_and_render_agreement(tmp_path):
    folder = str(tmp_path / "ws")
    redline.Workspace.init(folder, "Stockton Unified School District", "NUHW", "2024-2027")
    with redline.Workspace.open(folder) as ws:
        for path in SAMPLES:
            ws.add(str(path))
        ws.ta("sick leave", "2024-04-18")
        agreement = redline.assemble(ws, redline.AssemblyOptions())
    out = tmp_path / "TA.docx"
    out.write_bytes(redline.render_agreement(agreement, "docx"))
    (article,) = redline.read(str(out)).articles
    latest = redline.read(str(SAMPLES[-1])).articles[0]
    assert article.number == "12"  # the number the samples' article carries
    assert [c.number for c in article.clauses] == [
        c.number.replace("X", "12", 1) for c in latest.clauses]
    assert [c.text for c in article.clauses] == [c.text for c in latest.clauses]
    html = redline.render_agreement(agreement, "html")
    assert "TENTATIVE AGREEMENT" in html.upper() and "NUHW" in html
