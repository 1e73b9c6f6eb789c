"""Generated PDFs, one per convention of issue 13's PDF reading, on every route.

Each fixture is named after what it pins: words spaced as the page shows them (a space
glyph in a justified line, a tab stop just past a clause number, a period kerned close),
page furniture bounded by where the body is (1-inch margins, a footer that changes with
the page number, a body below a table), a few stray struck characters, text before the
first article and an article reference starting a line, and the PDF libraries' warnings
naming the file.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import List

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_pdf_reader import Page, _width, make_pdf  # noqa: E402

from redline.readers.blocks import RawParagraph  # noqa: E402
from redline.readers.pdf import ROUTES, read_pdf  # noqa: E402

SIZE = 11.0


def _write(tmp_path: Path, name: str, pages: List[Page]) -> Path:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(make_pdf([p.stream() for p in pages]))
    return path


def _texts(raw) -> List[str]:
    return [b.text for b in raw.blocks if isinstance(b, RawParagraph)]


def _read(path: Path, route: str):
    from redline.readers.build import build_document

    return build_document(read_pdf(str(path), route=route), str(path), "pdf")


# --- words ---------------------------------------------------------------------------------

@pytest.mark.parametrize("route", ROUTES)
def test_pdf_space_glyph_in_a_tight_justified_line_ends_the_word(tmp_path, route):
    """Word squeezes the spaces of a justified line (negative word spacing): the gap after
    "If" is narrower than any threshold, but the PDF draws a space there."""
    p = Page()
    p.ops.append(b"BT /F1 11 Tf -2.16 Tw 72 700 Td (18.9.6 If two or more grievances.) Tj ET")
    raw = read_pdf(str(_write(tmp_path, "pdf-space-glyph-tight-justified", [p])), route=route)
    assert _texts(raw) == ["18.9.6 If two or more grievances."]


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_space_glyph_drawn_under_the_next_glyph_shows_no_gap(tmp_path, route):
    """A table of contents draws a space and then the period 0.02 em into it: the page
    shows "Time." (pdftotext reads "Time ."; pdfium and this reader read the page)."""
    p = Page()
    x = p.text(72, 700, "Payment for Hours in Excess of Assigned Time")
    p.text(x, 700, " ")
    p.text(x + 0.02 * SIZE, 700, ". 11")
    raw = read_pdf(str(_write(tmp_path, "pdf-space-glyph-under-period", [p])), route=route)
    assert _texts(raw) == ["Payment for Hours in Excess of Assigned Time. 11"]


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_tab_stop_just_past_a_clause_number_is_a_word_break(tmp_path, route):
    """No space is drawn, only a tab to a stop 0.11 em past the number: "8-15-3 The"."""
    p = Page()
    x = p.text(72, 700, "8-15-3")
    p.text(x + 0.11 * SIZE, 700, "The workload benchmarks will be reviewed.")
    raw = read_pdf(str(_write(tmp_path, "pdf-tab-stop-after-number", [p])), route=route)
    assert _texts(raw) == ["8-15-3 The workload benchmarks will be reviewed."]


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_period_kerned_close_stays_on_its_word(tmp_path, route):
    p = Page()
    x = p.text(72, 700, "Hours of Work shall be set by the District")
    p.text(x + 0.08 * SIZE, 700, ".")
    raw = read_pdf(str(_write(tmp_path, "pdf-period-kerned-close", [p])), route=route)
    assert _texts(raw) == ["Hours of Work shall be set by the District."]


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_comma_set_apart_past_the_word_gap_is_its_own_word(tmp_path, route):
    """Denver's agreement sets a comma 0.11 em after "Article 1-2" with no space glyph:
    pdftotext reads "1-2 ,", and so does this reader (punctuation has no wider gap of its
    own, which ran "1-2," together where the page shows a gap)."""
    p = Page()
    x = p.text(72, 700, "teachers as defined in Article 1-2")
    p.text(x + 0.11 * SIZE, 700, ", all SSPs as defined in Article 1-3.")
    raw = read_pdf(str(_write(tmp_path, "pdf-comma-set-apart", [p])), route=route)
    assert _texts(raw) == ["teachers as defined in Article 1-2 , all SSPs as defined in "
                           "Article 1-3."]


# --- furniture -----------------------------------------------------------------------------

def _contract_page(number: int, first: str, lines: int = 8) -> Page:
    """A page of an agreement with 1-inch margins: its first body line's top is inside
    the 8% band; the footer names the contract and the page ("-7-"), six words long."""
    p = Page()
    p.text(72, 792 - 71, first, size=12)
    for i in range(1, lines):
        p.text(72, 792 - 71 - 13.8 * i, f"line {i} of the text on page {number} goes on here",
               size=12)
    p.text(72, 792 - 738.8, f"USP Contract 2017-2020 -{number}- July 1, 2017", size=12)
    return p


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_first_body_line_under_a_one_inch_margin_is_body(tmp_path, route):
    pages = [_contract_page(n, f"{n}.1 The first line of page {n} is body text.")
             for n in range(1, 5)]
    raw = read_pdf(str(_write(tmp_path, "pdf-one-inch-margin-first-line", pages)),
                   route=route)
    body = " ".join(_texts(raw))
    for n in range(1, 5):
        assert f"{n}.1 The first line of page {n} is body text." in body
    assert "USP Contract" not in body  # the footer changes with the page, and stays out
    assert raw.footer_lines[0] == "USP Contract 2017-2020 -1- July 1, 2017"


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_body_below_a_table_spaced_like_a_footer_is_body(tmp_path, route):
    """Paragraphs one line each, spaced 2.3 sizes apart under a ruled table near the top:
    the footer block reaching up out of the band is a few lines at most."""
    p = Page()
    p.text(72, 720, "28-8 Educators in the following roles receive stipends:", size=12)
    for x, y in ((72, 660), (200, 660), (72, 640), (200, 640)):
        p.rect(x, y, 128, 20)
    p.text(76, 666, "Role")
    p.text(204, 666, "Stipend")
    p.text(76, 646, "Team Lead")
    p.text(204, 646, "$3,300")
    y = 470.0
    for n in range(9, 20):
        p.text(72, y, f"28-{n} Paragraph {n} of the article.", size=12)
        y -= 27.6 * 0.6 if n % 2 else 27.6 * 0.6
    p.text(300, 40, "95 of 137", size=12)
    raw = read_pdf(str(_write(tmp_path, "pdf-body-below-table-not-footer", [p, p])),
                   route=route)
    body = " ".join(_texts(raw))
    for n in range(9, 20):
        assert f"28-{n} Paragraph {n} of the article." in body


# --- marks ---------------------------------------------------------------------------------

@pytest.mark.parametrize("route", ROUTES)
def test_pdf_three_stray_struck_characters_leave_a_clean_document(tmp_path, route):
    p = Page()
    p.text(72, 700, "ARTICLE 5 - HOURS", bold=True)
    x = p.text(72, 680, "5.1 The regular work day is seven hours")
    p.text(x, 680, ".", strike="line")
    p.text(72, 660, "5.2 Breaks are scheduled by the site.")
    doc = _read(_write(tmp_path, "pdf-stray-struck-characters", [p]), route)
    assert not doc.rounds and not any(s.strike for c in doc.clauses for s in c.spans)
    assert any("stray rule" in w for w in doc.warnings)
    assert [c.text for c in doc.clauses][0] == "The regular work day is seven hours."


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_struck_words_are_still_struck(tmp_path, route):
    p = Page()
    p.text(72, 700, "ARTICLE 5 - HOURS", bold=True)
    x = p.text(72, 680, "5.1 The regular work day is ")
    x = p.text(x, 680, "seven ", strike="line")
    p.text(x, 680, "hours.")
    raw = read_pdf(str(_write(tmp_path, "pdf-struck-word-kept", [p])), route=route)
    assert [s.text for b in raw.blocks for s in b.spans if s.strike] == ["seven "]
    assert not [w for w in raw.warnings if "stray" in w]


# --- structure -----------------------------------------------------------------------------

@pytest.mark.parametrize("route", ROUTES)
def test_pdf_text_before_the_first_article_is_kept(tmp_path, route):
    p = Page()
    p.text(200, 740, "UESF Counter Proposal for Stability", bold=True)
    p.text(72, 710, "Rationale", bold=True)
    y = 690.0
    for i in range(14):
        p.text(72, y, "Students deserve safe, stable and fully staffed schools every day.")
        y -= 14
    p.text(72, y - 10, "9.1.1 Classroom paraeducators will work a seven-hour day.")
    p.text(72, y - 40, "ARTICLE 29 - SPECIAL EDUCATION", bold=True)
    p.text(72, y - 60, "29.1 The parties meet each quarter.")
    doc = _read(_write(tmp_path, "pdf-text-before-first-article", [p]), route)
    first, second = doc.articles
    assert first.title == "" and "Rationale" in [c.text for c in first.clauses]
    assert any(c.number == "9.1.1" for c in first.clauses)
    assert (second.number, second.title) == ("29", "SPECIAL EDUCATION")


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_article_reference_starting_a_line_is_no_article(tmp_path, route):
    p = Page()
    p.text(72, 720, "ARTICLE 5 - HOURS", bold=True)
    text = "5.1 A grievance about the hours of work is heard under the procedure of"
    p.text(72, 700, text)
    assert _width(text, SIZE) > 300
    p.text(72, 686, "Article 18 (Grievance Procedure) except as provided in 5.2.")
    p.text(72, 660, "5.2 The Union may appeal.")
    doc = _read(_write(tmp_path, "pdf-article-reference-at-line-start", [p]), route)
    (article,) = doc.articles
    assert [c.number for c in article.clauses] == ["5.1", "5.2"]
    assert article.clauses[0].text.endswith("Article 18 (Grievance Procedure) except as "
                                            "provided in 5.2.")


# --- warnings ------------------------------------------------------------------------------

def test_pdf_library_warnings_name_the_file(tmp_path, monkeypatch, caplog):
    """pdfminer logs what it finds odd ("CropBox missing from /Page") with no file name:
    while a PDF is read its records carry the path, and only while it is read."""
    import redline.readers.pdf as pdf

    p = Page()
    p.text(72, 700, "5.1 Text.")
    path = _write(tmp_path, "pdf-library-warning-names-file", [p])
    real = pdf.layout_page

    def noisy(content):
        logging.getLogger("pdfminer.pdfpage").warning("CropBox missing from /Page, "
                                                      "defaulting to %s", "MediaBox")
        return real(content)

    monkeypatch.setattr(pdf, "layout_page", noisy)
    with caplog.at_level(logging.WARNING):
        read_pdf(str(path))
        logging.getLogger("pdfminer.pdfpage").warning("after the read")
    messages = [r.getMessage() for r in caplog.records if r.name.startswith("pdfminer")]
    assert messages == [f"{path}: CropBox missing from /Page, defaulting to MediaBox",
                        "after the read"]


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_contents_entries_are_lines_of_their_own_not_articles(tmp_path, route):
    """A table of contents whose page numbers sit at the right margin after a tab: every
    line reaches the margin, yet each entry is a block of its own, and none is an
    article; the articles are the headings that follow."""
    p = Page()
    p.text(250, 700, "TABLE OF CONTENTS", bold=True)
    entries = [("Article 1 - Definitions", "7"), ("Article 2 - General", "8"),
               ("Article 3 - Recognition", "9")]
    for k, (title, page) in enumerate(entries):
        p.text(72, 670 - 16 * k, title)
        p.text(530, 670 - 16 * k, page)
    p.text(72, 600, "ARTICLE 1 - DEFINITIONS", bold=True)
    p.text(72, 580, "1-1 A day is a school day.")
    p.text(72, 550, "ARTICLE 2 - GENERAL", bold=True)
    p.text(72, 530, "2-1 This Agreement binds both parties.")
    path = _write(tmp_path, "pdf-contents-entries-not-articles", [p])
    assert _texts(read_pdf(str(path), route=route))[1:4] == [
        "Article 1 - Definitions 7", "Article 2 - General 8", "Article 3 - Recognition 9"]
    doc = _read(path, route)
    assert [(a.number, a.title) for a in doc.articles] == [
        (None, "TABLE OF CONTENTS"), ("1", "DEFINITIONS"), ("2", "GENERAL")]
    assert [c.text for c in doc.articles[0].clauses] == [
        "Article 1 - Definitions 7", "Article 2 - General 8", "Article 3 - Recognition 9"]


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_rows_of_an_unruled_table_stay_apart(tmp_path, route):
    p = Page()
    p.text(72, 700, "28-8 Educators in these roles receive the following stipends:")
    for k, row in enumerate((("Senior Team Lead", "$5,500", "Bi-weekly"),
                             ("Team Lead", "$3,300", "Bi-weekly"),
                             ("Team Specialist", "$1,650", "Twice per year"))):
        for x, cell in zip((90, 300, 430), row):
            p.text(x, 680 - 14 * k, cell)
    raw = read_pdf(str(_write(tmp_path, "pdf-unruled-table-rows", [p])), route=route)
    assert _texts(raw) == ["28-8 Educators in these roles receive the following stipends:",
                           "Senior Team Lead $5,500 Bi-weekly", "Team Lead $3,300 Bi-weekly",
                           "Team Specialist $1,650 Twice per year"]


def _justify(p: Page, y: float, words: List[str], x0: float, x1: float) -> None:
    """Draw ``words`` spread from ``x0`` to ``x1`` (a justified line)."""
    widths = [_width(w, SIZE) for w in words]
    gap = (x1 - x0 - sum(widths)) / max(len(words) - 1, 1)
    x = x0
    for w, width in zip(words, widths):
        p.text(x, y, w)
        x += width + gap


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_right_margin_is_where_most_lines_end(tmp_path, route):
    """One line set wider than the rest (562 pt, the others 540) must not make every full
    line look short: "to continue" / "in a joint advisory" is one paragraph."""
    words = "the parties agree to meet and confer on the matters of this article".split()
    pages = []
    for n in range(3):
        p = Page()
        y = 700.0
        for k in range(20):
            _justify(p, y, words, 72, 540)
            y -= 14
        if n == 2:
            _justify(p, y, words + ["again"], 72, 562.8)
            y -= 14
        pages.append(p)
    p = pages[1]
    _justify(p, 400, "It is the intent of the parties and the Union to continue".split(),
             72, 528)
    p.text(72, 386, "in a joint advisory process for the full continuum of services.")
    raw = read_pdf(str(_write(tmp_path, "pdf-right-margin-most-lines", pages)), route=route)
    assert any(t.endswith("the Union to continue in a joint advisory process for the full "
                          "continuum of services.") for t in _texts(raw))


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_hanging_indent_lines_go_on_where_the_text_starts(tmp_path, route):
    """A clause number hanging in the margin ("37-3-3-3-13", then a tab): the lines below
    start where its text starts, and carry the same paragraph on."""
    p = Page()
    p.text(108, 700, "37-3-3-3-13")
    _justify(p, 700, "Educators that design and facilitate a credit PDU will".split(),
             180, 540)
    _justify(p, 686, "be paid a stipend per PDU or can receive a reduced stipend".split(),
             180, 540)
    p.text(180, 672, "with a PDU credit option.")
    p.text(108, 650, "37-3-3-3-14")
    p.text(180, 650, "Educators that lead a PDU session can take a course.")
    raw = read_pdf(str(_write(tmp_path, "pdf-hanging-indent-continues", [p])), route=route)
    assert _texts(raw) == [
        "37-3-3-3-13 Educators that design and facilitate a credit PDU will be paid a "
        "stipend per PDU or can receive a reduced stipend with a PDU credit option.",
        "37-3-3-3-14 Educators that lead a PDU session can take a course."]


LEFT_TEXT = ("The District and the Union agree that class sizes shall be reviewed each "
             "year by a joint committee of six members who report to both parties before "
             "the end of the school year and whose report is published, and the committee "
             "may invite teachers, parents and site administrators to its meetings when "
             "the matters before it concern their schools.").split()
RIGHT_TEXT = ("Grievances about class size are heard first by the site administrator and "
              "then by the joint committee which shall meet within ten days of the request "
              "and answer in writing within five further days, after which the grievant may "
              "go on to the next level of the grievance procedure of this Agreement as "
              "with any other grievance.").split()


def _column(p: Page, words: List[str], x0: float, x1: float, y: float,
            last_full: bool = False) -> None:
    """Justify ``words`` into lines between ``x0`` and ``x1`` from baseline ``y`` down;
    the last line ragged unless ``last_full`` (the text goes on in the next column)."""
    line: List[str] = []
    for w in words:
        if line and _width(" ".join(line + [w]), SIZE) > x1 - x0:
            _justify(p, y, line, x0, x1)
            y -= 14
            line = []
        line.append(w)
    if last_full:
        _justify(p, y, line, x0, x1)
    else:
        p.text(x0, y, " ".join(line))


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_two_column_page_reads_column_by_column(tmp_path, route):
    """Two columns whose lines share baselines: read down the left column, then the right,
    each a paragraph of its own; the heading across both stays first."""
    p = Page()
    p.text(200, 700, "ARTICLE 9 - CLASS SIZE", bold=True)
    _column(p, LEFT_TEXT, 72, 290, 670)
    _column(p, RIGHT_TEXT, 322, 540, 670)
    p.text(300, 60, "3")
    raw = read_pdf(str(_write(tmp_path, "pdf-two-columns", [p])), route=route)
    assert _texts(raw) == ["ARTICLE 9 - CLASS SIZE", " ".join(LEFT_TEXT),
                           " ".join(RIGHT_TEXT)]


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_two_column_table_of_labels_is_not_two_columns(tmp_path, route):
    p = Page()
    rows = [(f"Step {k}", f"${30000 + 1500 * k:,}") for k in range(1, 14)]
    for k, (label, value) in enumerate(rows):
        p.text(72, 680 - 14 * k, label)
        p.text(330, 680 - 14 * k, value)
    raw = read_pdf(str(_write(tmp_path, "pdf-label-table-not-columns", [p])), route=route)
    assert _texts(raw) == [f"{label} {value}" for label, value in rows]


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_sentence_running_from_one_column_into_the_next_is_one_paragraph(tmp_path, route):
    p = Page()
    left = LEFT_TEXT[:-1]  # the left column stops mid-sentence, full to its edge
    _column(p, left, 72, 290, 670, last_full=True)
    _column(p, LEFT_TEXT[-1:] + RIGHT_TEXT, 322, 540, 670)
    raw = read_pdf(str(_write(tmp_path, "pdf-two-columns-sentence-runs-on", [p])),
                   route=route)
    texts = _texts(raw)
    assert texts[0].startswith(" ".join(LEFT_TEXT)) and len(texts) == 1


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_one_line_page_under_a_one_inch_margin_is_body(tmp_path, route):
    """A one-page PDF whose only line sits at the 1-inch margin (inside the 8% band): with
    nothing below it, it is the body, not a page header (it used to read as empty)."""
    p = Page()
    p.text(72, 720, "The quick brown fox jumps over the lazy dog.", size=12)
    raw = read_pdf(str(_write(tmp_path, "pdf-one-line-page-is-body", [p])), route=route)
    assert _texts(raw) == ["The quick brown fox jumps over the lazy dog."]
    assert raw.header_paragraphs == []


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_short_document_first_line_in_the_band_followed_closely_is_body(tmp_path, route):
    """Two pages (too few to measure where the body usually starts): a first line inside
    the band that the next line follows at the line spacing is body; a header line set
    apart above the body stays a header."""
    pages = []
    for n in (1, 2):
        p = Page()
        p.text(72, 756, f"Memo of understanding, draft {n}", size=10)
        p.text(72, 721, f"{n}.1 The first line of page {n} starts under a one-inch margin",
               size=12)
        p.text(72, 707, f"and goes on in the line below it on page {n}.", size=12)
        pages.append(p)
    raw = read_pdf(str(_write(tmp_path, "pdf-short-document-band-line-body", pages)),
                   route=route)
    assert _texts(raw) == [f"{n}.1 The first line of page {n} starts under a one-inch margin "
                           f"and goes on in the line below it on page {n}." for n in (1, 2)]
    assert ["".join(r.text for r in h) for h in raw.header_paragraphs] == [
        "Memo of understanding, draft 1", "Memo of understanding, draft 2"]


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_text_inside_a_grid_but_in_no_cell_is_kept(tmp_path, route):
    """Vertical rules running above the grid's first row: a caption there is inside the
    table's outline but in no row; it is read as a line, not dropped."""
    p = Page()
    for y in (600, 630, 660):
        p.ops.append(b"q 0 0 0 RG 0.5 w 72 %d m 400 %d l S Q" % (y, y))
    for x in (72, 236, 400):
        p.ops.append(b"q 0 0 0 RG 0.5 w %d 600 m %d 690 l S Q" % (x, x))
    p.text(80, 668, "Salary steps effective July 1")
    p.text(80, 640, "Step")
    p.text(244, 640, "Rate")
    p.text(80, 610, "1")
    p.text(244, 610, "$20.00")
    raw = read_pdf(str(_write(tmp_path, "pdf-grid-text-in-no-cell", [p])), route=route)
    assert "Salary steps effective July 1" in _texts(raw)
    (table,) = [b for b in raw.blocks if not isinstance(b, RawParagraph)]
    assert [["".join(s.text for s in cell) for cell in row] for row in table.rows] == [
        ["Step", "Rate"], ["1", "$20.00"]]


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_reading_reports_each_page_for_a_progress_bar(tmp_path, route):
    """A long PDF shows a progress bar (issue 13): the reader reports every page of how
    many, on either route."""
    from redline.timing import recording

    pages = []
    for k in range(3):
        p = Page()
        p.text(72, 700, f"X.{k + 1} Clause on page {k + 1}.")
        pages.append(p)
    path = _write(tmp_path, "pdf-three-pages", pages)
    seen = []
    with recording(lambda name, done, total: seen.append((name, done, total))):
        read_pdf(str(path), route=route)
    assert seen == [("reading", 1, 3), ("reading", 2, 3), ("reading", 3, 3)]


# --- the printers' ways of marking a redline (issue 13: rounds from "other printers") -------

BLUE, RED = (0, 0, 1), (1, 0, 0)


def _fill(p: Page, x: float, y: float, w: float, h: float, rgb) -> None:
    """A filled rectangle in ``rgb`` (PDF coordinates), as printers draw a highlight."""
    p.ops.append(b"q %g %g %g rg %g %g %g %g re f Q" % (*rgb, x, y, w, h))


def _rounds(doc):
    return [(r.proposal.party, r.proposal.date,
             [c.full_text for a in r.articles for c in a.clauses]) for r in doc.rounds]


def _marked(doc):
    return [(s.kind, s.round, s.text.strip()) for c in doc.clauses for s in c.spans
            if s.kind != "base" and s.text.strip()]


def _mark(p: Page, x: float, y: float, text: str, style: str, kind: str, rgb) -> float:
    """``text`` marked as a deletion (``kind`` "del") or insertion in ``style``: a stroked
    line, a thin filled rectangle, a double line, or each character its own text object
    in the ink (colour per character)."""
    w = _width(text, SIZE)
    dy = 0.3 * SIZE if kind == "del" else -0.1 * SIZE
    if style == "per-character":
        xx = x
        for ch in text:
            xx = p.text(xx, y, ch, rgb=rgb)
        p.ops.append(b"q %g %g %g RG 0.6 w %g %g m %g %g l S Q" % (*rgb, x, y + dy, x + w,
                                                                  y + dy))
        return xx
    p.text(x, y, text, rgb=rgb)
    if style == "line":
        p.ops.append(b"q %g %g %g RG 0.6 w %g %g m %g %g l S Q" % (*rgb, x, y + dy, x + w,
                                                                  y + dy))
    elif style == "rect":
        p.ops.append(b"q %g %g %g rg %g %g %g 0.6 re f Q" % (*rgb, x, y + dy - 0.3, w))
    else:  # double
        for d in (dy - 0.9, dy + 0.9):
            p.ops.append(b"q %g %g %g RG 0.5 w %g %g m %g %g l S Q" % (*rgb, x, y + d,
                                                                      x + w, y + d))
    return x + w


@pytest.mark.parametrize("style", ["line", "rect", "double", "per-character"])
@pytest.mark.parametrize("route", ROUTES)
def test_pdf_marks_drawn_any_way_read_as_the_same_rounds(tmp_path, route, style):
    """Strike and underline as stroked lines, thin rectangles or double lines, and the ink
    set per character: one reading.  The proposal lines print times of day."""
    p = Page()
    p.text(72, 752, "Union Initial Proposal 03/07/2024")
    p.text(72, 738, "Blue - District Counter 05/09/2024 3:35PM", rgb=BLUE)
    p.text(72, 700, "ARTICLE 5 - HOURS", bold=True)
    x = p.text(72, 680, "5.1 The regular work day is ")
    x = _mark(p, x, 680, "seven", style, "del", BLUE)
    x = p.text(x, 680, " ")
    x = _mark(p, x, 680, "eight", style, "ins", BLUE)
    p.text(x, 680, " hours.")
    doc = _read(_write(tmp_path, f"pdf-marks-{style}", [p]), route)
    assert _rounds(doc) == [
        ("Union", "2024-03-07", ["5.1 The regular work day is seven hours."]),
        ("District", "2024-05-09T15:35", ["5.1 The regular work day is eight hours."])]
    assert _marked(doc) == [("del", 2, "seven"), ("ins", 2, "eight")]


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_highlight_rectangles_are_the_runs_ink(tmp_path, route):
    """Word's highlight and shading, and a browser's background, are filled rectangles
    behind black text: the rectangle's colour is the run's ink (it was never read, and
    every highlighted redline read as a clean proposal)."""
    p = Page()
    p.text(72, 752, "Union Initial Proposal 03/07/2024")
    _fill(p, 71, 735, _width("Red - District Counter 05/09/2024", SIZE) + 2, 13, RED)
    p.text(72, 738, "Red - District Counter 05/09/2024")
    p.text(72, 700, "ARTICLE 5 - HOURS", bold=True)
    x = p.text(72, 680, "5.1 The regular work day is ")
    _fill(p, x, 677, _width("seven eight", SIZE), 13, RED)
    x = p.text(x, 680, "seven", strike="line")
    x = p.text(x, 680, " ")
    x = p.text(x, 680, "eight", underline="line")
    p.text(x, 680, " hours.")
    p.text(72, 660, "5.2 A box drawn round a paragraph is no highlight.")
    _fill(p, 60, 600, 480, 80, (0.8, 0.9, 1))  # taller than three lines: a box, no ink
    doc = _read(_write(tmp_path, "pdf-highlight-rectangle-ink", [p]), route)
    assert [r[:2] for r in _rounds(doc)] == [("Union", "2024-03-07"),
                                             ("District", "2024-05-09")]
    assert _marked(doc) == [("del", 2, "seven"), ("ins", 2, "eight")]


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_key_in_the_footer_keeps_its_inks(tmp_path, route):
    """A key printed in the page footer, two of its entries in their inks with no colour
    word ("District Counter Proposal 05/09/2024" in red): the footer's inks make the key
    (the PDF reader handed over the footer's text only: the entry naming its colour made
    a key of one round, and the other rounds' text read as the latest round's)."""
    p = Page()
    p.text(72, 752, "Union Initial Proposal 03/07/2024")
    p.text(72, 700, "ARTICLE 5 - HOURS", bold=True)
    x = p.text(72, 680, "5.1 The regular work day is ")
    x = p.text(x, 680, "seven ", rgb=BLUE, strike="line")
    x = p.text(x, 680, "eight ", rgb=RED, underline="line")
    p.text(x, 680, "hours.")
    p.text(72, 50, "District Counter Proposal 04/01/2024", rgb=BLUE)
    p.text(72, 38, "Green - Union counter 04/15/2024 10:00am", rgb=(0, 0.69, 0.31))
    p.text(72, 26, "District Counter Proposal 05/09/2024", rgb=RED)
    doc = _read(_write(tmp_path, "pdf-footer-key-in-ink", [p]), route)
    assert doc.conventions.key_source == "footer"
    assert [r[:2] for r in _rounds(doc)] == [
        ("Union", "2024-03-07"), ("District", "2024-04-01"), ("Union", "2024-04-15T10:00"),
        ("District", "2024-05-09")]
    assert _marked(doc) == [("del", 2, "seven"), ("ins", 4, "eight")]


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_key_entry_reading_like_a_note_under_the_header_is_header(tmp_path, route):
    """"District counter (Red) 10/25/2024 3:35PM", the header's last line just under the
    header band, reads like a position note ("District counter ..."), but it names its
    colour: a key entry, not the body's first paragraph."""
    p = Page()
    p.text(72, 740, "Union Initial Proposal 01/01/2024")
    p.text(72, 726, "Blue - Union counter 02/04/2024", rgb=BLUE)
    p.text(72, 712, "District counter (Red) 10/25/2024 3:35PM", rgb=RED)
    p.text(72, 700, "ARTICLE 5 - HOURS", bold=True)
    x = p.text(72, 680, "5.1 The regular work day is ")
    x = p.text(x, 680, "seven ", rgb=RED, strike="line")
    p.text(x, 680, "hours.")
    doc = _read(_write(tmp_path, "pdf-key-entry-like-a-note-under-header", [p]), route)
    assert [r[:2] for r in _rounds(doc)] == [
        ("Union", "2024-01-01"), ("Union", "2024-02-04"), ("District", "2024-10-25T15:35")]
    assert _marked(doc) == [("del", 3, "seven")]


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_swatch_square_is_no_bullet(tmp_path, route):
    """A key entry printed as a square in the ink and its words in black ("\u25a0 District
    counter 05/09/2024") at the top of the body: the square is the entry's colour, not a
    list bullet to drop with its ink."""
    p = Page()
    p.text(72, 752, "Union Initial Proposal 03/07/2024")
    _fill(p, 72, 717, 8, 12, BLUE)  # the square drawn in highlight, as Chromium prints it
    p.text(72, 720, "\u2022")
    p.text(86, 720, "District counter 05/09/2024")
    p.text(72, 700, "ARTICLE 5 - HOURS", bold=True)
    x = p.text(72, 680, "5.1 The regular work day is ")
    _fill(p, x, 677, _width("seven", SIZE), 13, BLUE)
    x = p.text(x, 680, "seven", strike="line")
    p.text(x, 680, " hours.")
    doc = _read(_write(tmp_path, "pdf-swatch-square-no-bullet", [p]), route)
    assert [r[:2] for r in _rounds(doc)] == [("Union", "2024-03-07"),
                                             ("District", "2024-05-09")]
    assert _marked(doc) == [("del", 2, "seven")]


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_near_black_bullet_before_an_inserted_clause_is_a_bullet(tmp_path, route):
    """WeasyPrint draws a list's bullet in the page's text colour (#111111 in our history
    HTML), and a clause a later round inserted starts with its number in the round's ink:
    the bullet is still a list bullet, not text left behind in the earlier rounds."""
    near_black = (0x11 / 255, 0x11 / 255, 0x11 / 255)
    p = Page()
    p.text(72, 752, "Blue - District Counter 03/07/2024", rgb=BLUE)
    p.text(72, 700, "ARTICLE 5 - HOURS", bold=True, rgb=near_black)
    p.text(90, 680, "\u2022", rgb=near_black)
    p.text(104, 680, "5.1 The regular work day is seven hours.", rgb=near_black)
    p.text(90, 660, "\u2022", rgb=near_black)
    p.text(104, 660, "5.2 Teachers may leave after the last class.", rgb=BLUE,
           underline="line")
    doc = _read(_write(tmp_path, "pdf-near-black-bullet-inserted-clause", [p]), route)
    assert [[c.full_text for a in r.articles for c in a.clauses] for r in doc.rounds] == [
        ["5.1 The regular work day is seven hours."],
        ["5.1 The regular work day is seven hours.",
         "5.2 Teachers may leave after the last class."]]


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_key_in_a_borderless_table_whose_cells_wrapped(tmp_path, route):
    """The key as a borderless table of one row, an entry a cell, each cell wrapped onto
    a second line by the printer (LibreOffice, cells only their padding apart): each cell
    is one entry, not two lines of three halves."""
    p = Page()
    p.text(72, 752, "Union Initial Proposal 01/01/2024")
    cells = (("Blue - District counter", "02/07/2024"),
             ("Red - Union counter", "03/08/2024 3:35PM"),
             ("Green - District counter", "04/06/2024"))
    inks = (BLUE, RED, (0, 0.69, 0.31))
    for k, ((top, bottom), ink) in enumerate(zip(cells, inks)):
        p.text(72 + 156 * k, 724, top, rgb=ink)
        p.text(72 + 156 * k, 710, bottom, rgb=ink)
    p.text(72, 680, "ARTICLE 5 - HOURS", bold=True)
    x = p.text(72, 660, "5.1 The regular work day is ")
    x = p.text(x, 660, "seven ", rgb=RED, strike="line")
    x = p.text(x, 660, "eight ", rgb=(0, 0.69, 0.31), underline="line")
    p.text(x, 660, "hours, and every line of this clause is as long as a full line is.")
    doc = _read(_write(tmp_path, "pdf-key-table-cells-wrapped", [p]), route)
    assert [r[:2] for r in _rounds(doc)] == [
        ("Union", "2024-01-01"), ("District", "2024-02-07"), ("Union", "2024-03-08T15:35"),
        ("District", "2024-04-06")]
    assert _marked(doc) == [("del", 3, "seven"), ("ins", 4, "eight")]


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_line_broken_early_in_a_spaced_document_goes_on(tmp_path, route):
    """WeasyPrint breaks a line early before a highlighted run: "... shall be no" ends a
    third of the width short, and "fewer than ten (10) ..." goes on below at the line
    pitch.  Where paragraphs are set apart by space, a line at the pitch going on in
    lowercase after no sentence end is the same paragraph."""
    p = Page()
    y = 700.0
    for n in range(1, 4):
        p.text(72, y, f"5.{n} The parties agree that this clause number {n} runs over two "
                      "lines of text")
        p.text(72, y - 14, "and ends on the second line of its paragraph here.")
        y -= 14 + 24
    p.text(72, y, "5.4 The regular work day shall be no")
    p.text(72, y - 14, "fewer than ten (10) hours, including a duty-free lunch period.")
    doc = _read(_write(tmp_path, "pdf-early-break-spaced-paragraphs", [p]), route)
    assert doc.clauses[-1].full_text == ("5.4 The regular work day shall be no fewer than "
                                         "ten (10) hours, including a duty-free lunch "
                                         "period.")
    assert len(doc.clauses) == 4


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_short_words_struck_in_a_rounds_ink_are_deletions(tmp_path, route):
    """Two struck words of two letters ("of", "to") and nothing else struck looked like
    stray rules in a clean agreement; struck in a round's ink (or highlight) they are
    that round's deletions."""
    p = Page()
    p.text(72, 752, "Union Initial Proposal 03/07/2024")
    p.text(72, 738, "Red - District Counter 05/09/2024", rgb=RED)
    p.text(72, 700, "ARTICLE 5 - HOURS", bold=True)
    x = p.text(72, 680, "5.1 The day is set by the site, ")
    x = p.text(x, 680, "of", rgb=RED, strike="line")
    x = p.text(x, 680, " course, and posted ")
    _fill(p, x, 677, _width("to", SIZE), 13, RED)
    x = p.text(x, 680, "to", strike="line")
    p.text(x, 680, " staff.")
    doc = _read(_write(tmp_path, "pdf-short-words-struck-in-ink", [p]), route)
    assert _marked(doc) == [("del", 2, "of"), ("del", 2, "to")]
    assert not [w for w in doc.warnings if "stray" in w]


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_footer_key_entries_differing_only_in_digits_are_two(tmp_path, route):
    """"Union counter 03/24/2024" and "Union counter 10/25/2024" in one page's footer are
    two key entries; only the same footer on another page ("Page 2 of 9") is one."""
    green, purple = (0, 0.69, 0.31), (0.44, 0.19, 0.63)
    pages = []
    for n in (1, 2):
        p = Page()
        p.text(72, 752, "District Initial Proposal 01/01/2024")
        if n == 1:
            p.text(72, 700, "ARTICLE 5 - HOURS", bold=True)
            x = p.text(72, 680, "5.1 The regular work day is ")
            x = p.text(x, 680, "seven ", rgb=green, strike="line")
            p.text(x, 680, "hours.")
        else:
            x = p.text(72, 700, "5.2 Breaks are set by the ")
            x = p.text(x, 700, "site ", rgb=purple, strike="line")
            p.text(x, 700, "principal.")
        p.text(72, 50, "\u2022", rgb=green)
        p.text(86, 50, "Union counter 03/24/2024")
        p.text(72, 36, "\u2022", rgb=purple)
        p.text(86, 36, "Union counter 10/25/2024")
        p.text(280, 22, f"Page {n} of 2")
        pages.append(p)
    doc = _read(_write(tmp_path, "pdf-footer-entries-differ-in-digits", pages), route)
    assert [r[:2] for r in _rounds(doc)] == [
        ("District", "2024-01-01"), ("Union", "2024-03-24"), ("Union", "2024-10-25")]
    assert _marked(doc) == [("del", 2, "seven"), ("del", 3, "site")]


# --- paragraphs of real agreements (benchmarks/pdf_fidelity.py found each) -------------------

def _justified(p: Page, y: float, text: str, x0: float = 72, right: float = 540) -> None:
    """``text`` set as one justified line from ``x0`` to ``right`` (:func:`_justify`)."""
    _justify(p, y, text.split(), x0, right)


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_section_number_hanging_before_a_tab_keeps_its_lines(tmp_path, route):
    """"Section 6" + tab, its lines set at the hanging indent: a line there starting with a
    capital ("Section 1, but ...") goes on the clause (the number's two words were not
    seen as a label, and the indent read as a sub-item)."""
    p = Page()
    p.text(72, 700, "ARTICLE 12 - LEAD WORK", bold=True)
    p.text(72, 670, "Section 6")
    _justified(p, 670, "If an employee believes that they perform the duties that meet",
               x0=144)
    _justified(p, 656, "the criteria in the job description of the classification and in",
               x0=144)
    p.text(144, 642, "Section 1, but the duties have not been assigned in writing.")
    p.text(72, 620, "Section 7")
    p.text(144, 620, "The Appointing Authority will respond within fifteen days.")
    doc = _read(_write(tmp_path, "pdf-section-number-hanging-tab", [p]), route)
    assert [c.number for c in doc.clauses] == ["Section6", "Section7"]
    assert doc.clauses[0].text.endswith("in Section 1, but the duties have not been "
                                        "assigned in writing.")


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_first_line_indent_full_line_goes_on(tmp_path, route):
    """A ragged-right paragraph with a first-line indent: its first line is full when the
    next word would not fit at its end ("Labor Day," + "Independence"), though it would
    have fit within the width from the margin."""
    p = Page()
    p.text(72, 700, "ARTICLE 19 - HOLIDAYS", bold=True)
    x = p.text(108, 670, "19.4 The holidays are New Years Day, Labor Day, Thanksgiving, "
                         "Veterans Day,")
    right = 540.0
    assert x + 0.25 * SIZE + _width("Independence", SIZE) > right - 0.3 * SIZE  # no room
    p.text(72, 656, "Independence Day and Memorial Day, and every day the Governor of the "
                    "State names for")
    p.text(72, 642, "the State of Oregon.")
    _justified(p, 610, "19.5 An employee who works on a holiday is paid for the hours "
                       "worked on it at the")
    p.text(72, 596, "rate of time and one-half.")
    doc = _read(_write(tmp_path, "pdf-first-line-indent-ragged", [p]), route)
    assert [c.number for c in doc.clauses] == ["19.4", "19.5"]
    assert "Veterans Day, Independence Day" in doc.clauses[0].text


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_line_end_hyphens_of_compounds_and_numbers_stay(tmp_path, route):
    """A hyphen ending a line after a number or a bracket, before a capital, or inside a
    compound of three parts or a number word is the text's own: it stays, with no space
    ("(8)-hour", "Pre-Academy", "daughter-in-law", "seventy-five")."""
    p = Page()
    p.text(72, 700, "ARTICLE 17 - TRAINING", bold=True)
    _justified(p, 670, "17.4 Recruits work an eight hour day, scheduled by the Academy as "
                       "one eight (8)-")
    _justified(p, 656, "hour work day with a lunch period of thirty minutes, during the "
                       "weeks of their Pre-")
    _justified(p, 642, "Academy training at the Academy, and a recruit whose spouse, child "
                       "or daughter-in-")
    _justified(p, 628, "law is ill and needs care is paid the recruit rate and in addition "
                       "another seventy-")
    p.text(72, 614, "five cents an hour.")
    doc = _read(_write(tmp_path, "pdf-line-end-hyphens-compounds", [p]), route)
    text = doc.clauses[0].text
    for kept in ("eight (8)-hour work", "their Pre-Academy training", "daughter-in-law is",
                 "another seventy-five cents"):
        assert kept in text, text


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_article_reference_wrapped_onto_a_line_is_no_title(tmp_path, route):
    """A sentence breaking off at the margin ("... differential under") onto a line
    "Article 53. REV: 2017,2023,2025" (no lowercase after the number): the line goes on
    the sentence; no article "REV" is opened."""
    p = Page()
    p.text(72, 700, "ARTICLE 30 - SICK LEAVE", bold=True)
    _justified(p, 670, "Section 11 An employee on sick leave keeps every pay differential "
                       "named under")
    p.text(72, 656, "Article 53. REV: 2017,2023,2025")
    doc = _read(_write(tmp_path, "pdf-article-reference-wrapped", [p]), route)
    assert [a.title for a in doc.articles] == ["SICK LEAVE"]
    assert doc.clauses[-1].text.endswith("named under Article 53. REV: 2017,2023,2025")


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_justified_line_of_few_long_words_is_no_table_row(tmp_path, route):
    """A justified line of a few long words, every gap stretched past a tab's width
    ("(Interview Testing/Time) on the employee's"), goes on its paragraph: gaps all alike
    are justification, a tab stands out from the gaps beside it."""
    p = Page()
    p.text(72, 700, "ARTICLE 8 - TRAVEL", bold=True)
    _justified(p, 670, "(3) Time spent in travel approved under subsections one and two above "
                       "must be")
    _justified(p, 656, "recorded as IT (Interview Testing/Time) on the employee's")
    p.text(72, 642, "timesheet or time reporting record.")
    doc = _read(_write(tmp_path, "pdf-justified-few-long-words", [p]), route)
    assert [c.number for c in doc.clauses] == ["(3)"]
    assert "employee's timesheet or time reporting record." in doc.clauses[0].text


def _ragged_page(first_lines, y: float = 700) -> Page:
    p = Page()
    for k, text in enumerate(first_lines):
        p.text(72, y - 14 * k, text)
    return p


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_ragged_sentence_end_at_a_page_foot_goes_on_when_the_next_word_did_not_fit(
        tmp_path, route):
    """Ragged-right text: the last line of a page ends a sentence short of the margin, and
    the next page opens with a capital.  When that word would not have fit on the line,
    the line is no evidence that the paragraph ended: it goes on ("... by PEBB." + "For
    employees ..."); when it would have fit, the paragraph had ended."""
    body = ("12.2 The Employer will pay ninety-five percent of the monthly premium rate and "
            "the employee will pay the remaining five percent of the monthly premium rate as "
            "determined by PEBB.").split()
    lines, line = [], []
    for w in body:  # ragged: wrapped at 540 without stretching
        if line and 72 + _width(" ".join(line + [w]), SIZE) > 540:
            lines.append(" ".join(line))
            line = []
        line.append(w)
    lines.append(" ".join(line))
    long_word, short_word = "Notwithstanding", "For"
    end = 72 + _width(lines[-1], SIZE)
    room = 540 - 0.3 * SIZE - end - 0.25 * SIZE
    assert _width(short_word, SIZE) < room < _width(long_word, SIZE), room
    filler = [f"line {k} of the article runs on with the text of its other clauses here"
              for k in range(40)]
    for first, joined in ((long_word, True), (short_word, False)):
        p1 = _ragged_page(["ARTICLE 12 - INSURANCE"] + filler[:44 - len(lines)] + lines,
                          y=740)
        p2 = _ragged_page([f"{first} employees hired after the first of July the rate is "
                           "set by the Board."])
        doc = _read(_write(tmp_path, f"pdf-ragged-page-foot-{first}", [p1, p2]), route)
        clause = next(c for c in doc.clauses if c.number == "12.2")
        assert clause.text.endswith(f"by PEBB. {first} employees hired after the first of "
                                    "July the rate is set by the Board.") is joined, \
            [c.full_text[-60:] for c in doc.clauses]


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_section_number_with_its_stop_opens_a_clause_after_a_full_line(tmp_path, route):
    """"Section 11. Intermittent ..." after a line ending a sentence at the margin starts a
    clause; "Section 17.1.4 applies ..." (a reference: no stop after the number) does
    not."""
    p = Page()
    p.text(72, 700, "ARTICLE 30 - UNION LEAVE", bold=True)
    _justified(p, 670, "Section 10. The Agency shall provide the Union each year with the "
                       "charts of its")
    _justified(p, 656, "organization showing the management positions and the positions they "
                       "supervise.")
    _justified(p, 642, "Section 11. Intermittent Union Leave is granted to designated Union "
                       "Representatives")
    _justified(p, 628, "on request of the Union, and paid as time worked by the Agency "
                       "within the month.")
    _justified(p, 614, "Section 17.1.4 applies to such leave as it applies to every other "
                       "leave of the")
    p.text(72, 600, "employees of the Agency.")
    doc = _read(_write(tmp_path, "pdf-section-number-with-stop", [p]), route)
    assert [c.number for c in doc.clauses] == ["Section10", "Section11"]


@pytest.mark.parametrize("top", [724, 600], ids=["header", "body"])
@pytest.mark.parametrize("ruled", [False, True], ids=["borderless", "ruled"])
@pytest.mark.parametrize("route", ROUTES)
def test_pdf_key_date_whose_year_a_narrow_cell_broke(tmp_path, route, ruled, top):
    """LibreOffice breaks a word wider than its cell where it must: a key entry's date
    "09/28/2024" printed "09/28/20" over "24".  The two lines are one date (2024, not a
    two-digit 2020 and a stray "24")."""
    p = Page()
    p.text(72, 752, "Union Initial Proposal 01/01/2024")
    cells = (("Purple - Union counter 09/28/20", "24"),
             ("Blue - District counter", "02/07/2024"),
             ("Green - District counter", "10/06/2024"))
    inks = ((0.44, 0.19, 0.63), BLUE, (0, 0.69, 0.31))
    # the first cell just wide enough for its first line: "24" had no room on it
    width = _width(cells[0][0], SIZE) + 8
    for k, ((first, second), ink) in enumerate(zip(cells, inks)):
        x = 72 + width * k
        p.text(x + 4, top, first, rgb=ink)
        p.text(x + 4, top - 14, second, rgb=ink)
        if ruled:
            p.rect(x, top - 20, width, 34)
    p.text(72, top - 44, "ARTICLE 5 - HOURS", bold=True)
    x = p.text(72, top - 64, "5.1 The regular work day is ")
    x = p.text(x, top - 64, "seven ", rgb=BLUE, strike="line")
    x = p.text(x, top - 64, "eight ", rgb=(0.44, 0.19, 0.63), underline="line")
    x = p.text(x, top - 64, "hours ", rgb=(0, 0.69, 0.31), underline="line")
    p.text(x, top - 64, "and every line of this clause is as long as a full line is.")
    name = f"pdf-key-year-broken-{'ruled' if ruled else 'plain'}-{top}"
    doc = _read(_write(tmp_path, name, [p]), route)
    assert [r[:2] for r in _rounds(doc)] == [
        ("Union", "2024-01-01"), ("District", "2024-02-07"), ("Union", "2024-09-28"),
        ("District", "2024-10-06")]
    assert _marked(doc) == [("del", 2, "seven"), ("ins", 3, "eight"), ("ins", 4, "hours")]
    assert not [w for w in doc.warnings if "24" in w.split()], doc.warnings


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_space_struck_or_underlined_on_its_own_is_a_change(tmp_path, route):
    """A change made only of a space: a struck gap ("Section" + struck space + ", and") and
    an underlined gap ("second" + underlined space + "(2nd)"), each in the round's ink with
    the words on either side unmarked.  The gap takes the rule's marks (it had taken the
    word before's, and the change was lost from the rounds)."""
    p = Page()
    p.text(72, 752, "Union Initial Proposal 01/01/2024")
    p.text(72, 738, "Blue - District Counter 02/07/2024", rgb=BLUE)
    p.text(72, 700, "ARTICLE 12 - REVIEW", bold=True)
    space = _width(" ", SIZE)
    x = p.text(72, 670, "12.1 Reports go to the Human Resources Services Section")
    p.ops.append(b"q 0 0 1 RG 0.6 w %g %g m %g %g l S Q" % (x, 670 + 0.3 * SIZE, x + space,
                                                          670 + 0.3 * SIZE))
    x = p.text(x + space, 670, ", and a copy to the member in the second")
    p.ops.append(b"q 0 0 1 RG 0.6 w %g %g m %g %g l S Q" % (x, 670 - 0.1 * SIZE, x + space,
                                                          670 - 0.1 * SIZE))
    p.text(x + space, 670, "(2nd) week.")
    doc = _read(_write(tmp_path, "pdf-space-struck-or-underlined-alone", [p]), route)
    assert [(s.kind, s.round, s.text) for s in doc.clauses[0].spans if s.kind != "base"] == [
        ("del", 2, " "), ("ins", 2, " ")]
    # the rounds: the struck space is gone from the second (an inserted space between two
    # words is kept in the first, which never glues two words)
    assert [r[2] for r in _rounds(doc)] == [
        ["12.1 Reports go to the Human Resources Services Section , and a copy to the member "
         "in the second (2nd) week."],
        ["12.1 Reports go to the Human Resources Services Section, and a copy to the member "
         "in the second (2nd) week."]]


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_clause_number_opening_a_page_after_a_full_sentence_line_starts_a_clause(
        tmp_path, route):
    """The last line of a page runs to the margin and ends a sentence; the next page opens
    with "Section 5 Appeal Rights ...": a clause of its own, however full the line above
    (our redline printed by WeasyPrint ran Section 4 and Section 5 together)."""
    p1 = Page()
    p1.text(72, 740, "ARTICLE 9 - DISCIPLINE", bold=True)
    y = 710.0
    for k in range(30):
        _justified(p1, y, f"Section 4 line {k} of the clause on discipline runs on to the margin "
                          "of the page here" if k == 0 else
                   f"line {k} of the clause on discipline runs on to the margin of the page "
                   "with more words")
        y -= 14
    _justified(p1, y, "and disciplinary actions shall be kept confidential to the maximum "
                      "extent possible.")
    p2 = Page()
    p2.text(72, 740, "Section 5 Appeal Rights Disciplinary actions may be appealed.")
    doc = _read(_write(tmp_path, "pdf-clause-number-opens-page", [p1, p2]), route)
    assert [c.number for c in doc.clauses] == ["Section4", "Section5"]


@pytest.mark.parametrize("route", ROUTES)
def test_pdf_line_broken_early_before_a_capital_in_a_spaced_document_goes_on(tmp_path, route):
    """Paragraphs set apart by space; a line filling most of the width and ending with no
    stop ("... titled, 'Current or Recalled Employee") is followed at the line pitch by
    "Relocation' (40.055.10).", which would have fit: WeasyPrint broke the line early, and
    the paragraph goes on.  A short heading line followed at the pitch is not joined."""
    p = Page()
    p.text(72, 740, "ARTICLE 20 - RECALL", bold=True)
    y = 712.0
    for k in range(3):  # spaced paragraphs: 14 pt pitch, 24 pt between paragraphs
        _justified(p, y, f"20.{k + 1} Paragraph {k + 1} of the article runs on to the margin "
                         "of the page with words")
        p.text(72, y - 14, "and ends here.")
        y -= 40
    _justified(p, y, "20.4 The employee will be eligible for moving reimbursement in "
                     "accordance with")
    p.text(72, y - 14, "the Employer's policy titled, 'Current or Recalled Employee")
    p.text(72, y - 28, "Relocation' (40.055.10).")
    y -= 54
    p.text(72, y, "Recall Rights", bold=True)
    p.text(72, y - 14, "The Agency recalls employees in order of seniority.")
    doc = _read(_write(tmp_path, "pdf-spaced-early-break-capital", [p]), route)
    texts = [c.full_text for c in doc.clauses]
    assert "'Current or Recalled Employee Relocation' (40.055.10)." in texts[3], texts
    assert texts[-1] == "The Agency recalls employees in order of seniority.", texts
