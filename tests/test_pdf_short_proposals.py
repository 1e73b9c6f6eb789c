"""A one-page proposal printed with the browsers' narrow margins (issue 13): its article
title sat in the page's top band and was taken for page furniture (Chromium), or ran into
the proposal line above it, which ends with a date and not a full stop (WeasyPrint); a
proposal line printed in red was taken for a colour-key entry and the proposal was lost.
Each engine present prints it; each must read the proposal, the article and its clauses."""
from __future__ import annotations

import shutil

import pytest

from html_engines import html_engines

from redline.api import read

BODY = ("<p><b>ARTICLE 5 - LEAVES</b></p><p>X.1 Employees shall receive seven (7) days.</p>"
        "<p>X.2 Leave may be taken in hours.</p><p>X.3 Notice is given in writing.</p>")


@pytest.mark.parametrize("ink", ["", "color:#C00000"])
@pytest.mark.parametrize("engine", html_engines())
def test_a_one_page_proposal_keeps_its_title_and_its_proposal_line(tmp_path, engine, ink):
    from redline.render.pdf import html_to_pdf

    html = (f"<html><body><p style='{ink}'>District Counter Proposal 2/7/2026</p>{BODY}"
            "</body></html>")
    path = tmp_path / "short.pdf"
    path.write_bytes(html_to_pdf(html, engine))
    doc = read(str(path))
    assert (doc.proposal.party, doc.proposal.date) == ("District", "2026-02-07")
    assert [(a.number, a.title) for a in doc.articles] == [("5", "LEAVES")]
    assert [c.text for c in doc.articles[0].clauses] == [
        "Employees shall receive seven (7) days.", "Leave may be taken in hours.",
        "Notice is given in writing."]


def test_a_sentence_wrapping_onto_article_words_stays_one_paragraph(tmp_path):
    """The title rule is for title lines: a sentence whose next line starts "Article 18 of
    this Agreement" is one paragraph."""
    from redline.render.pdf import html_to_pdf

    words = ("The grievant may appeal the decision within ten (10) working days as set out "
             "in the procedure of")
    html = ("<html><body><p>District Counter Proposal 2/7/2026</p>"
            "<p><b>ARTICLE 7 - GRIEVANCE</b></p>"
            f"<p style='width:18em'>X.1 {words} Article 18 of this Agreement and no later.</p>"
            "<p>X.2 Notice is given in writing.</p></body></html>")
    path = tmp_path / "wrap.pdf"
    path.write_bytes(html_to_pdf(html, "weasyprint"))
    import subprocess

    if shutil.which("pdftotext"):  # the page really breaks before "Article 18"
        layout = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                                text=True).stdout
        assert any(ln.strip().startswith("Article 18") for ln in layout.splitlines())
    doc = read(str(path))
    texts = [c.text for a in doc.articles for c in a.clauses]
    assert texts[0] == f"{words} Article 18 of this Agreement and no later.", texts
