"""The tentative-agreement package as DOCX (python-docx) and PDF (LibreOffice prints the
DOCX, so its page-number fields and footers are on every page of the PDF too).

Layout: the cover section (TENTATIVE AGREEMENT, between the parties, the date, the terms,
the list of agreed articles, a signature block per party), then one section per attached
article, each starting on a new page with its own footer: the TA line and ``Page N of M``
(Word fields).  A redline attachment carries its proposal lines and colour key in its
section's header, as the redline was exchanged.  ``--provenance`` adds an appendix table.
"""
from __future__ import annotations

import io
from typing import List, Optional

from .agreement_render import add_clause, centred_paragraph, long_date, us_date
from .assembly import AgreedArticle, resolve_runs
from .package import Package, PackageArticle, article_list_line, ta_line

#: Signature lines left blank for a party with no signatories recorded.
DEFAULT_BLANK_SIGNATORIES = 2
#: Width of a signature line, in underscores.
SIGNATURE_LINE = "_" * 34
DATE_LINE = "Date: " + "_" * 14
#: The footer's font size, in points.
FOOTER_PT = 9


def _field(paragraph, instruction: str, shown: str = "1") -> None:
    """A Word field (``PAGE``, ``NUMPAGES``) as begin / instruction / separate / end runs:
    Word and LibreOffice compute it on every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(child):
        r = OxmlElement("w:r")
        r.append(child)
        paragraph._p.append(r)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    text = OxmlElement("w:t")
    text.text = shown
    run_with(text)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _footer(section, left: str) -> None:
    """``left`` then ``Page N of M`` in the section's own footer."""
    from docx.shared import Pt

    section.footer.is_linked_to_previous = False
    p = section.footer.paragraphs[0]
    for r in list(p.runs):
        r._r.getparent().remove(r._r)
    p.add_run(f"{left}    Page ").font.size = Pt(FOOTER_PT)
    _field(p, "PAGE")
    p.add_run(" of ").font.size = Pt(FOOTER_PT)
    _field(p, "NUMPAGES")


def package_docx(pkg: Package) -> bytes:
    import docx
    from docx.enum.section import WD_SECTION

    from ..render.docx_safety import XmlCleaner

    safe = XmlCleaner()

    document = docx.Document()
    district, union = pkg.parties
    _footer(document.sections[0],
            safe(f"Tentative Agreement, {district.acronym} and {union.acronym}"))
    _cover(document, pkg, safe)
    for n, item in enumerate(pkg.articles, start=1):
        parts = ["clean", "redline"] if pkg.attach == "both" else [pkg.attach]
        for part in parts:
            section = document.add_section(WD_SECTION.NEW_PAGE)
            _footer(section, safe(f"Attachment {n}. {ta_line(pkg, item.agreed)}"))
            section.header.is_linked_to_previous = False
            for p in section.header.paragraphs:
                for r in list(p.runs):
                    r._r.getparent().remove(r._r)
            if part == "clean":
                _clean_article(document, item.agreed, safe)
            else:
                _redline_article(document, section, item, safe)
            _ta_paragraph(document, pkg, item.agreed, safe)
    if pkg.provenance_appendix:
        section = document.add_section(WD_SECTION.NEW_PAGE)
        _footer(section, "Provenance of the agreed text")
        section.header.is_linked_to_previous = False
        _provenance(document, pkg, safe)
    safe.warn()
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _cover(document, pkg: Package, safe) -> None:
    district, union = pkg.parties
    texts = pkg.paragraphs()
    centred_paragraph(document, "Tentative Agreement", 18, bold=True, caps=True, after=12)
    centred_paragraph(document, safe(f"Between {district.named} And the"), 13)
    centred_paragraph(document, safe(union.named), 13, after=12)
    if pkg.date:
        centred_paragraph(document, long_date(pkg.date), 12, after=18)
    document.add_paragraph(safe(texts["opening"]))
    document.add_paragraph(safe(texts["components"]))
    for n, item in enumerate(pkg.articles, start=1):
        document.add_paragraph(safe(article_list_line(n, item.agreed)))
    document.add_paragraph(safe(texts["duration"]))
    for party in (union, district):
        head = document.add_paragraph()
        head.paragraph_format.space_before = _pt(18)
        head.add_run(safe(f"For {party.acronym}:")).bold = True
        team: List[Optional[str]] = [s.line for s in party.team] or \
            [None] * DEFAULT_BLANK_SIGNATORIES
        for line in team:
            sig = document.add_paragraph()
            sig.paragraph_format.space_before = _pt(18)
            sig.paragraph_format.keep_with_next = True
            sig.add_run(f"{SIGNATURE_LINE}    {DATE_LINE}")
            document.add_paragraph(safe(line) if line else "Name, title")


def _pt(n: int):
    from docx.shared import Pt

    return Pt(n)


def _clean_article(document, art: AgreedArticle, safe) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(12)
    title.add_run(safe(art.heading)).bold = True
    for c in art.clauses:
        add_clause(document, c, safe)


def _redline_article(document, section, item: PackageArticle, safe) -> None:
    """The article's colour-keyed redline up to the agreed round, placeholders filled in,
    with its proposal lines and colour key in the section header."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import RGBColor

    from ..conventions.proposals import format_proposal_line
    from ..render.docx_colour import merge_runs
    from ..render.history import ColourKey, _key_lines, history_paragraphs

    h = item.history
    assert h is not None  # made for every article when a redline is attached
    number = item.agreed.number
    key = ColourKey().continuing(h.colours)
    header = section.header
    lines = [format_proposal_line(p) for p in reversed(h.rounds)]
    first = header.paragraphs[0]
    for i, line in enumerate(lines):
        (first if i == 0 else header.add_paragraph()).add_run(safe(line))
    kp = header.add_paragraph()
    kp.add_run("Color Key: ")
    for i, entry in enumerate(_key_lines(h, key)):
        if i:
            kp.add_run("  ")
        run = kp.add_run(safe(entry.text))
        run.font.color.rgb = RGBColor.from_string(entry.colour or "000000")
    heading = f"ARTICLE {number} - " if number else ""
    for k, para in enumerate(history_paragraphs(h, key)):
        p = document.add_paragraph()
        if para.centered:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        runs = merge_runs(para.runs)
        if k == 0 and para.centered and heading:
            p.add_run(heading).bold = True
        texts = resolve_runs([r.text for r in runs], number)
        for r, text in zip(runs, texts):
            text = safe(text)
            if not text:
                continue
            run = p.add_run(text)
            if r.colour:
                run.font.color.rgb = RGBColor.from_string(r.colour)
            run.font.underline = r.underline or None
            run.font.strike = r.strike or None
            run.bold = r.bold or None
            run.italic = r.italic or None


def _ta_paragraph(document, pkg: Package, art: AgreedArticle, safe) -> None:
    from docx.shared import Pt

    p = document.add_paragraph()
    p.paragraph_format.space_before = Pt(18)
    p.add_run(safe(ta_line(pkg, art))).bold = True


def _provenance(document, pkg: Package, safe) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("Appendix: Provenance of the Agreed Text").bold = True
    document.add_paragraph("Each article's text is the round named here; the SHA-256 is of "
                           "the file's bytes as stored (sha256sum FILE gives the same).")
    heads = ("Article", "File", "Party", "Date and time", "Round", "SHA-256")
    table = document.add_table(rows=len(pkg.articles) + 1, cols=len(heads))
    table.style = "Table Grid"
    for i, h in enumerate(heads):
        table.cell(0, i).paragraphs[0].add_run(h).bold = True
    for r, item in enumerate(pkg.articles, start=1):
        p = item.provenance
        name = f"{p.number} {p.article}" if p.number else p.article
        row = (name, p.file, p.party or "", (p.date or "").replace("T", " "),
               str(p.round or ""), p.sha256)
        for i, value in enumerate(row):
            cell = table.cell(r, i)
            cell.text = safe(value)
            if i == len(row) - 1:
                for run in cell.paragraphs[0].runs:
                    run.font.size = Pt(7)


def render_package(pkg: Package, fmt: str) -> bytes:
    """The package as ``docx`` or ``pdf`` (LibreOffice prints the DOCX: the same pages,
    footers and page numbers)."""
    from ..render.pdf import docx_to_pdf
    from ..render.properties import DocumentProperties, stamp_docx, stamp_pdf

    district, union = pkg.parties
    props = DocumentProperties(
        f"Tentative Agreement - {district.name} and {union.name}",
        f"tentative agreement {pkg.date or ''}".strip(),
        f"{len(pkg.articles)} article(s), attached {pkg.attach}; made by redline")
    data = stamp_docx(package_docx(pkg), props)
    if fmt == "docx":
        return data
    return stamp_pdf(docx_to_pdf(data), props)


__all__ = ["package_docx", "render_package", "us_date"]
