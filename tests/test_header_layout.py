"""The colour-keyed page header (issue 16): the proposal lines and the key in the Header
style with no extra spacing, each key entry whole on one line, the base round named with its
ink, inks that read on white, every colour used named in the key; with six rounds the header
stays under 15% of the page (it filled about 30%)."""
from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from redline.api import history, read
from redline.render.docx_colour import KeyLine, key_lines
from redline.render.history import ColourKey, render_history, render_history_docx
from redline.render.palette import (AGREED_COLOUR, MIN_CONTRAST, PARTY_COLOURS, ROUND_COLOURS,
                                    contrast_on_white)

#: The header may take at most this share of the page's height.
MAX_HEADER_SHARE = 0.15
HEADS = ["District Initial Proposal 02/07/2024", "Union Counter Proposal 03/07/2024",
         "District Counter Proposal 03/21/2024 2:15PM", "Union Counter Proposal 04/11/2024",
         "District Counter Proposal 05/02/2024", "Union Counter Proposal 05/23/2024"]
DAYS = ["fifteen (15)", "ten (10)", "twelve (12)", "eleven (11)", "nine (9)", "eight (8)"]


@pytest.fixture(scope="module")
def six_rounds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("six")
    files = []
    for k, (head, days) in enumerate(zip(HEADS, DAYS)):
        body = (f"{head}\n\nTRANSFER\n\nX.1 Voluntary Transfers\n\nX.1.1 Employees may "
                f"request a transfer within {days} working days.\n\nX.1.2 Requests shall be "
                f"granted by seniority{' and need' * (k % 2)}.\n")
        body += "".join(f"\nX.{i} Clause {i}\n\nX.{i}.1 The parties agree to the text of "
                        f"clause {i}, long enough to fill a line of the page.\n"
                        for i in range(2, 20))
        path = folder / f"v{k + 1}.txt"
        path.write_text(body)
        files.append(str(path))
    return history(files)


def _header_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(z.read(n).decode() for n in z.namelist()
                       if re.fullmatch(r"word/header\d*\.xml", n))


def test_header_paragraphs_have_the_header_style_and_no_spacing(six_rounds):
    xml = _header_xml(render_history_docx(six_rounds, ColourKey()))
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, re.S)
    assert len(paragraphs) >= 7
    for para in paragraphs:
        assert '<w:pStyle w:val="Header"/>' in para
        assert 'w:before="0"' in para and 'w:after="0"' in para
        assert 'w:line="240"' in para  # single


def test_each_key_entry_is_one_run_and_the_base_names_its_ink(six_rounds):
    xml = _header_xml(render_history_docx(six_rounds, ColourKey()))
    runs = re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml)
    assert "Black - District Initial Proposal 02/07/2024" in runs
    assert "Blue - Union Counter Proposal 03/07/2024" in runs
    assert "Orange - District Counter Proposal 05/02/2024" in runs


def test_key_lines_never_split_an_entry():
    entries = [KeyLine(None, "x" * 40) for _ in range(5)] + [KeyLine(None, "y" * 150)]
    lines = key_lines(entries, width=100)
    assert [e for line in lines for e in line] == entries
    assert all(len(line) == 1 or sum(len(e.text) for e in line) < 100 for line in lines)


@pytest.mark.parametrize("colour", ROUND_COLOURS + [AGREED_COLOUR, *PARTY_COLOURS.values()])
def test_inks_read_on_white(colour):
    assert contrast_on_white(colour) >= MIN_CONTRAST, colour


def test_by_party_key_names_the_agreed_colour(six_rounds):
    xml = _header_xml(render_history_docx(six_rounds, ColourKey(convention="by-party")))
    assert f'w:val="{AGREED_COLOUR}"' in xml and "Green - Agreed Language" in xml


def test_six_rounds_read_back_with_their_colours(six_rounds, tmp_path):
    out = tmp_path / "h.docx"
    out.write_bytes(render_history_docx(six_rounds, ColourKey()))
    doc = read(str(out))
    assert [r.proposal.party for r in doc.rounds] == ["District", "Union"] * 3
    assert doc.rounds[0].color is None and len({r.color for r in doc.rounds}) == 6


def _engines():
    from redline.render.pdf import _weasyprint

    present = {"weasyprint": _weasyprint()[0] is not None,
               "libreoffice": bool(shutil.which("soffice")),
               "chromium": any(shutil.which(b) for b in ("chromium", "chromium-browser"))}
    return [pytest.param(e, marks=pytest.mark.skipif(not ok, reason=f"{e} is not installed"))
            for e, ok in present.items()]


@pytest.mark.parametrize("engine", _engines())
def test_six_round_header_takes_at_most_15_percent_of_the_page(six_rounds, tmp_path, engine):
    import pdfplumber

    from redline.render.pdf import use_engine

    out = tmp_path / "h.pdf"
    with use_engine(engine):
        out.write_bytes(render_history(six_rounds, ColourKey(), "pdf"))
    with pdfplumber.open(str(out)) as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        title = next(w for w in words if w["text"] == "TRANSFER")
        header = [w for w in words if w["bottom"] <= title["top"]]
        height = max(w["bottom"] for w in header) - min(w["top"] for w in header)
        assert height <= MAX_HEADER_SHARE * page.height, (height, page.height)
        # every key entry whole on its line: "Blue" and its proposal line share a line
        lines = {}
        for w in header:
            lines.setdefault(round(w["top"]), []).append(w["text"])
        texts = [" ".join(ws) for ws in lines.values()]
        for ink, line in (("Black", HEADS[0]), ("Purple", HEADS[5])):
            assert any(f"{ink} - {line}" in t for t in texts), texts
    assert len(read(str(out)).rounds) == 6


def test_the_history_is_built_on_the_newest_rounds_own_docx(tmp_path):
    """Issue 16 (the start of it): the colour-keyed DOCX keeps the newest round's page setup,
    styles and footer (the reservation of rights, the page number) and replaces its page
    header with the proposal lines and the key; an older round's layout is not used."""
    from docx_builder import build_docx, p

    footer = p("District reserves the right to add, modify or withdraw proposals. Page ")
    old = tmp_path / "v1.docx"
    build_docx(p("TRANSFER") + p("X.1 Requests within fifteen (15) days."),
               header=p("District Initial Proposal 02/07/2024"), footer=p("OLD FOOTER"),
               path=old)
    new = tmp_path / "v2.docx"
    build_docx(p("TRANSFER") + p("X.1 Requests within ten (10) days."),
               header=p("Union Counter Proposal 03/07/2024"), footer=footer, path=new)
    data = render_history_docx(history([str(old), str(new)]), ColourKey())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        footers = "".join(z.read(n).decode() for n in z.namelist()
                          if re.fullmatch(r"word/footer\d*\.xml", n))
    assert "reserves the right" in footers and "OLD FOOTER" not in footers
    header = _header_xml(data)
    assert "Blue - Union Counter Proposal 03/07/2024" in header
    assert header.count("Union Counter Proposal 03/07/2024") == 2  # its line and its key
    out = tmp_path / "h.docx"
    out.write_bytes(data)
    doc = read(str(out))
    assert [r.proposal.party for r in doc.rounds] == ["District", "Union"]
    assert [c.text for c in doc.rounds[0].articles[0].clauses] == [
        "Requests within fifteen (15) days."]


def test_the_article_title_keeps_its_printed_number():
    """Regression (issue 16): "ARTICLE 12 - SICK LEAVE" came out as "SICK LEAVE"."""
    root = Path(__file__).resolve().parent.parent / "samples" / "sick_leave"
    data = render_history_docx(history([str(f) for f in sorted(root.glob("v*.docx"))]),
                               ColourKey())
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert ">ARTICLE 12 - SICK LEAVE<" in xml


def test_clauses_are_indented_by_their_depth_in_every_history_output(tmp_path):
    """Issue 16: X.1.1 and (a)-(d) sit indented under X.1 as the source shows them, in the
    DOCX (left indent) and the printed sheet (margin), one step a level."""
    import docx

    from redline.api import history
    from redline.render.docx_colour import INDENT_PT
    from redline.render.history import render_history_html

    versions = sorted((Path(__file__).resolve().parent.parent / "samples" / "sick_leave")
                      .glob("v*.docx"))
    h = history([str(v) for v in versions])
    out = tmp_path / "h.docx"
    out.write_bytes(render_history_docx(h, ColourKey()))
    indents = {}
    for para in docx.Document(str(out)).paragraphs:
        ind = para.paragraph_format.left_indent
        indents[para.text.split(" ")[0]] = round(ind.pt) if ind is not None else 0
    assert indents["X.1"] == 0 and indents["X.1.1"] == INDENT_PT
    assert indents["(a)"] == indents["(d)"] == 2 * INDENT_PT
    html = render_history_html(h, ColourKey())
    assert f'<p style="margin-left:{2 * INDENT_PT}pt"><span' in html


def test_bulleted_items_keep_their_bullets_in_the_history(tmp_path):
    """Issue 16: items of a bulleted Word list in the source are bulleted in the history
    DOCX (a list style draws the bullet, so the text is the same) and in the printed sheet,
    and the history reads back as its rounds."""
    import docx

    from docx_builder import abstract_num, build_docx, num, p

    bullets = abstract_num(1, ("bullet", "\u2022"))
    versions = []
    for k, (head, items) in enumerate((
            ("District Initial Proposal 02/07/2024", ("Sick leave.", "Vacation.")),
            ("Union Counter Proposal 03/07/2024", ("Sick leave.", "Vacation days.")))):
        path = tmp_path / f"v{k + 1}.docx"
        build_docx(p("LEAVES") + p("X.1 Members may take:") +
                   "".join(p(t, num=(1, 0)) for t in items),
                   header=p(head), numbering=bullets + num(1, 1), path=path)
        versions.append(str(path))
    h = history(versions)
    out = tmp_path / "h.docx"
    out.write_bytes(render_history_docx(h, ColourKey()))
    styled = {para.text: para.style.name for para in docx.Document(str(out)).paragraphs}
    assert styled["Sick leave."] == "List Bullet", styled
    from redline.render.history import render_history_html

    assert "<ul" in render_history_html(h, ColourKey())
    back = read(str(out))
    assert [[c.text for c in a.clauses] for a in back.rounds[-1].articles] == \
        [[c.text for c in a.clauses] for a in read(versions[-1]).articles]


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) not installed")
@pytest.mark.parametrize("engine", _engines())
def test_a_rendered_page_shows_every_ink_in_a_short_header(six_rounds, tmp_path, engine):
    """The visual check (issue 16): page 1 of the six-round history, printed and rasterised,
    shows each round's ink within 15% of the page's height from its first inked line (the
    key entries in the header) and the body's black text below that."""
    import subprocess

    from PIL import Image

    from redline.render.pdf import use_engine

    pdf = tmp_path / "h.pdf"
    with use_engine(engine):
        pdf.write_bytes(render_history(six_rounds, ColourKey(), "pdf"))
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True, timeout=120)
    png = next(tmp_path.glob("page*.png"))
    img = Image.open(png).convert("RGB")
    width, height = img.size
    band = int(height * MAX_HEADER_SHARE)
    pixels = img.load()

    def seen(colour: str, rows: range) -> bool:
        """Ink pixels of ``colour``: anti-aliased text fades towards white along the line
        from white to the ink, so a pixel is the ink's when its distance from white points
        the same way (cosine) and is more than faint."""
        ink = [255 - int(colour[i:i + 2], 16) for i in (0, 2, 4)]
        norm = sum(v * v for v in ink) ** 0.5
        for y in rows:
            for x in range(width):
                d = [255 - v for v in pixels[x, y]]
                size = sum(v * v for v in d) ** 0.5
                if size > 90 and sum(a * b for a, b in zip(d, ink)) / (size * norm) > 0.985:
                    return True
        return False

    top = next(y for y in range(height)
               if any(sum(pixels[x, y]) < 600 for x in range(width)))  # the first ink
    inks = [ColourKey().colour(six_rounds.rounds, k) for k in range(2, 7)]
    assert all(inks)
    for ink in inks:
        assert seen(ink, range(top, top + band)), (engine, ink)
    assert seen("000000", range(top + band, height)), engine
