"""Position notes shown the same way in every output (issue 16): in their round's colour and
in italics; struck once a later round dropped them; in the JSON with who wrote and who
struck them. (The colour DOCX and the HTML left them out; the tracked DOCX struck them.)"""
from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

from redline.api import compare, history
from redline.render.history import ColourKey, render_history
from redline.render.outputs import render_comparison

ROOT = Path(__file__).resolve().parent.parent
V = [str(p) for p in sorted((ROOT / "samples" / "sick_leave").glob("v*.docx"))]
DROPPED = "Union agrees with language 03/07/24"  # round 2's note under X.3; round 3 drops it
ADDED = "District proposes new language 03/21/2024"  # round 3's note under X.4


def _run_of(data: bytes, text: str) -> str:
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    runs = [r for r in re.findall(r"<w:r>.*?</w:r>", xml, re.S) if text in r]
    assert runs, text
    return runs[0]


def test_history_docx_strikes_a_note_a_later_round_dropped():
    h = history(V[:3])
    data = render_history(h, ColourKey(), "docx")
    run = _run_of(data, DROPPED)
    assert "<w:strike/>" in run and "<w:i/>" in run and 'w:val="FF0000"' in run  # round 3
    run = _run_of(data, ADDED)
    assert "<w:strike/>" not in run and 'w:val="FF0000"' in run


def test_history_json_and_html_show_the_notes():
    h = history(V[:3])
    data = json.loads(render_history(h, ColourKey(), "json"))
    notes = [n for c in data["clauses"] for n in c["notes"]]
    dropped = next(n for n in notes if n["text"] == DROPPED)
    assert (dropped["introduced_by"], dropped["struck_by"]) == ("Union", "District")
    html = render_history(h, ColourKey(), "html")
    assert re.search(r"<del style=\"color:#FF0000;[^\"]*font-style:italic\">"
                     + re.escape(DROPPED), html)


def test_comparison_colour_docx_and_html_show_notes_as_the_tracked_docx_does():
    result = compare(V[1], V[2])
    data = render_comparison(result, "docx", style="colour")
    assert "<w:strike/>" in _run_of(data, DROPPED)
    added = _run_of(data, ADDED)
    assert "<w:strike/>" not in added and "<w:color " in added
    html = render_comparison(result, "html")
    assert f'<del style="color:#0000FF">{DROPPED}</del>' in html
    assert f'<span style="color:#0000FF">{ADDED}</span>' in html
    notes = json.loads(render_comparison(result, "json"))["notes"]
    assert {"status": "deleted", "old": DROPPED} in [
        {k: n[k] for k in ("status", "old")} for n in notes]
