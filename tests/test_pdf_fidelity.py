"""Real agreement text printed to PDF by each engine reads back clause for clause.

The small version of ``benchmarks/pdf_fidelity.py``: two short articles of State of Oregon
agreements (``../shared/peers/oregon-cba-pairs``), set as a clean DOCX in two offices' habits (:data:`HABITS`), printed by LibreOffice (the
first font set present) and, as HTML, by Chromium and WeasyPrint; and the colour-keyed
redline of an article's two terms, printed by LibreOffice.  The PDF read by :func:`redline.api.read` must give the clauses
(number, text) the DOCX gives, 98% of them exactly.  A printer that is missing, or the
agreements, is a skip saying so.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Tuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import pdf_fidelity as fid  # noqa: E402

#: (agreement, article title): short articles of "Section N." clauses
ARTICLES: Tuple[Tuple[str, str], ...] = (
    ("state-foppo-federation-of-parole-and-probation-officers", "LEAVE OF ABSENCE WITHOUT PAY"),
    ("state-aee-association-of-engineering-employees", "LEAD WORK DIFFERENTIAL"),
)
BAR = 0.98
FONTS = fid.font_sets()

def _engines() -> List[object]:
    reasons = fid.engine_reasons(FONTS[:1])
    out: List[object] = []
    for name, reason in reasons.items():
        marks = []
        if reason:
            marks.append(pytest.mark.skip(reason=reason))
        out.append(pytest.param(name, id=name, marks=marks))
    return out


@pytest.fixture(scope="module")
def source() -> fid.Source:
    if not fid.CBA.exists():
        pytest.skip(f"the Oregon agreements are not at {fid.CBA}")
    articles = []
    for unit, title in ARTICLES:
        doc = fid.quietly_read(str(fid.agreement_path(unit)))
        articles += [a for a in doc.articles if a.key == title][:1]
    assert len(articles) == len(ARTICLES)
    return fid.Source("fidelity", "State of Oregon Collective Bargaining Agreement", articles)


#: two offices' habits: "Section N." + tab to a hanging indent, justified, spaced, a
#: running title and "Page N of M"; and a first-line indent, ragged right, the number and
#: spaces, blank lines between paragraphs (a first-line-indented line was taken as full
#: when the next word would have fit within the whole width, and the paragraph cut)
HABITS = {
    "hanging-justified": dict(size=12.0, justify=True, indent="hanging", spacing="after",
                              sep="tab", heading="bold-centred", furniture=True),
    "first-line-ragged": dict(size=11.0, justify=False, indent="first", spacing="blank",
                              sep="spaces", heading="plain-left", furniture=False),
}


def _print(engine: str, source: fid.Source, habit: fid.Habit, folder: Path) -> Path:
    docx = folder / "agreement.docx"
    docx.write_bytes(fid.clean_docx(source, habit))
    if engine.startswith("libreoffice-"):
        return fid.libreoffice_print([docx], engine[len("libreoffice-"):], folder / "lo",
                                     timeout=120)[docx]
    from redline.render.pdf import html_to_pdf

    pdf = folder / "agreement.pdf"
    pdf.write_bytes(html_to_pdf(fid.clean_html(source, habit), engine))
    return pdf


@pytest.mark.parametrize("habit", sorted(HABITS))
@pytest.mark.parametrize("engine", _engines())
def test_printed_agreement_reads_back_clause_for_clause(tmp_path: Path, source: fid.Source,
                                                        engine: str, habit: str) -> None:
    office = fid.Habit(font=(FONTS or ["serif"])[0], article_page_break=False,
                       **HABITS[habit])  # type: ignore[arg-type]
    pdf = _print(engine, source, office, tmp_path)
    truth = fid.quietly_read(str(tmp_path / "agreement.docx"))
    want = fid.clause_items(truth.articles)
    assert len(want) >= 8
    got = fid.clause_items(fid.quietly_read(str(pdf)).articles)
    score = fid.compare_items(want, got)
    assert score.share >= BAR, [(f.kind, f.number, f.diff) for f in score.failures]


#: an agreement whose two terms differ in an article of "Section N." clauses
REDLINE_UNIT = "state-afscme-department-of-state-lands"


@pytest.mark.parametrize("engine", [e for e in _engines()
                                    if e.values[0].startswith("libreoffice")])
def test_our_colour_redline_of_two_terms_reads_back_round_for_round(tmp_path: Path,
                                                                   engine: str) -> None:
    """The colour-keyed redline of a real article's two terms, printed: each round reads
    back clause for clause (a redline whose base set no space between paragraphs printed
    "Section 9" and "Section 10" as one paragraph where a line was full: the redline now
    sets its own space after each paragraph)."""
    if not fid.CBA.exists():
        pytest.skip(f"the Oregon agreements are not at {fid.CBA}")
    from redline.api import compare
    from redline.render.docx_colour import render_colour_comparison

    old_doc = fid.quietly_read(str(fid.agreement_path(REDLINE_UNIT, "2023-2025")))
    new_doc = fid.quietly_read(str(fid.agreement_path(REDLINE_UNIT, "2025-2027")))
    olds, news = fid.changed_articles(old_doc, new_doc, 1)
    assert olds
    office = fid.Habit(font=(FONTS or ["serif"])[0], size=11.0, justify=False,
                       indent="none", spacing="blank", sep="spaces", heading="bold-left",
                       furniture=False, article_page_break=False)
    paths = []
    for name, arts, line in (("old", olds, "Union Initial Proposal 01/15/2025"),
                             ("new", news, "Employer Counter Proposal 02/12/2025")):
        path = tmp_path / f"{name}.docx"
        path.write_bytes(fid.clean_docx(fid.Source(name, "Agreement", arts, (line,)), office))
        paths.append(str(path))
    docx = tmp_path / "redline.docx"
    docx.write_bytes(render_colour_comparison(compare(paths[0], paths[1])))
    pdf = fid.libreoffice_print([docx], engine[len("libreoffice-"):], tmp_path / "lo",
                                timeout=120)[docx]
    want_rounds, _ = fid.redline_items(fid.quietly_read(str(docx)))
    got_rounds, _ = fid.redline_items(fid.quietly_read(str(pdf)))
    assert len(got_rounds) == len(want_rounds) == 2
    for want, got in zip(want_rounds, got_rounds):
        score = fid.compare_items(want, got)
        assert score.share >= BAR, [(f.kind, f.number, f.diff) for f in score.failures]
