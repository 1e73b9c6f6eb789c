"""The assembled tentative agreement as DOCX (python-docx), HTML and, through HTML, PDF; and
its changes against the prior contract as Word tracked changes.

The DOCX is written so that :func:`redline.read` reads it back as it was meant: the cover
page (title, parties, term, ratification, the articles with their TA dates, signature
blocks) comes before the first ``ARTICLE n - TITLE`` line, which the reader skips as a
cover block, and every clause is laid out the way the proposals lay them out (a bold
``9.2 Informal Level`` line with its text below, or ``9.2.1 text`` in one paragraph).
"""
from __future__ import annotations

import io
import os
from html import escape
from typing import List, Optional, Tuple, Union

from ..model import Clause
from ..tempfiles import temp_dir
from .assembly import Agreement, display_title

OPEN_MARK = "OPEN — not tentatively agreed"
#: Indent per clause level in the DOCX, in inches.
DEFAULT_LEVEL_INDENT = 0.35
#: Signature lines per party on the cover page.
DEFAULT_SIGNATURE_LINES = 3


def us_date(date: Optional[str]) -> str:
    """``2024-06-20`` as ``06/20/2024`` (how the parties write dates)."""
    if not date:
        return ""
    if _real_day(date) is None:
        return date  # a date that names no day (a database edited by hand): as it is
    y, m, d = date[:10].split("-")
    return f"{m}/{d}/{y}"


def long_date(date: Optional[str]) -> str:
    """``2024-06-20`` as ``June 20, 2024``."""
    import calendar

    if not date:
        return ""
    day = _real_day(date)
    if day is None:
        return date  # a date that names no day (a database edited by hand): as it is
    y, m, d = day.split("-")
    return f"{calendar.month_name[int(m)]} {int(d)}, {y}"


def _real_day(date: str) -> Optional[str]:
    """``YYYY-MM-DD`` of a stored date when it names a real day, else None."""
    from ..conventions.dates import normalise_date

    day = normalise_date(date[:10])
    return day[:10] if day else None


def ratification_statement(a: Agreement) -> str:
    return (f"The parties have reached tentative agreement on the articles listed below. "
            f"This Tentative Agreement is subject to ratification by both parties: by the "
            f"members of {a.union} and by the governing board of {a.employer}. It takes "
            f"effect upon ratification by both parties.")


def article_rows(a: Agreement) -> List[Tuple[str, str, str, str, str]]:
    """The cover's table: article, title, TA date, round agreed to, initials."""
    rows = []
    for art in a.articles:
        v = art.version
        agreed = f"{v.proposal.label or v.party} {us_date(v.date)}" if v else ""
        rows.append((art.number, display_title(art.title),
                     us_date(art.ta_date) if art.state == "ta" else OPEN_MARK, agreed,
                     art.initials or ""))
    return rows


def clause_lines(c: Clause) -> List[Tuple[str, bool]]:
    """A clause's paragraphs as printed: ``(text, bold)``; the first line of a clause with
    a heading is its bold heading line."""
    head = " ".join(p for p in (c.prefix, c.number_printed or c.number) if p)
    texts = c.text.split("\n") if c.text else []
    if c.heading:
        return [(" ".join(p for p in (head, c.heading) if p), True)] + \
            [(t, False) for t in texts]
    if not texts:
        return [(head, False)] if head else []
    return [(" ".join(p for p in (head, texts[0]) if p), False)] + [(t, False)
                                                                   for t in texts[1:]]


# --- DOCX ----------------------------------------------------------------------------------

def agreement_docx(a: Agreement, cover: bool = True) -> bytes:
    """The agreement as a DOCX; ``cover=False`` gives the articles alone."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    if cover:
        _cover(document, a)
    _footer(document, a)
    for i, art in enumerate(a.articles):
        title = document.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.page_break_before = cover or i > 0
        title.paragraph_format.space_after = Pt(12)
        run = title.add_run(art.heading)
        run.bold = True
        if art.state != "ta":
            mark = document.add_paragraph().add_run(OPEN_MARK)
            mark.italic = True
            mark.bold = True
        for c in art.clauses:
            add_clause(document, c)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _cover(document, a: Agreement) -> None:
    def centred(text: str, size: int = 12, bold: bool = False, caps: bool = False,
                after: int = 6):
        return centred_paragraph(document, text, size, bold, caps, after)

    centred("Tentative Agreement", 20, bold=True, caps=True, after=12)
    centred(f"between {a.employer}", 13)
    centred(f"and {a.union}", 13, after=12)
    if a.term:
        centred(f"Contract term {a.term}", 12)
    if a.date:
        centred(f"Tentatively agreed through {long_date(a.date)}", 12, after=18)
    document.add_paragraph(ratification_statement(a))
    rows = article_rows(a)
    table = document.add_table(rows=len(rows) + 1, cols=5)
    table.style = "Table Grid"
    for i, head in enumerate(("Article", "Title", "Tentatively agreed", "Agreed text",
                              "Initials")):
        cell = table.cell(0, i)
        cell.text = ""
        cell.paragraphs[0].add_run(head).bold = True
    for r, row in enumerate(rows, start=1):
        for i, value in enumerate(row):
            table.cell(r, i).text = value
    document.add_paragraph()
    signatures = document.add_table(rows=1 + 3 * DEFAULT_SIGNATURE_LINES, cols=2)
    for col, party in enumerate((a.union, a.employer)):
        signatures.cell(0, col).paragraphs[0].add_run(f"For {party}:").bold = True
        for k in range(DEFAULT_SIGNATURE_LINES):
            signatures.cell(1 + 3 * k, col).text = "______________________________"
            signatures.cell(2 + 3 * k, col).text = "Name, title"
            signatures.cell(3 + 3 * k, col).text = "Date: ______________"


def _footer(document, a: Agreement) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = document.sections[0].footer.paragraphs[0]
    p.add_run(f"Tentative Agreement, {a.employer} and {a.union}. Page ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    p._p.append(field)


# --- HTML ----------------------------------------------------------------------------------

_CSS = """
@page{size:letter;margin:1in}
.cover{text-align:center;margin-bottom:2em}
.cover h1{font-variant:small-caps;letter-spacing:.05em;font-size:2.2em}
table.ta{border-collapse:collapse;margin:1em 0;width:100%}
table.ta td,table.ta th{border:1px solid #999;padding:.2em .5em;text-align:left}
table.signatures{width:100%;margin-top:2em}
table.signatures td{width:50%;padding:.8em 1em .2em 0;vertical-align:top}
section.article{page-break-before:always;break-before:page}
section.article h2{text-align:center}
p.open{font-weight:bold;font-style:italic;color:#a00}
p.clause.heading{font-weight:bold;margin-bottom:.2em}
"""


def agreement_html(a: Agreement) -> str:
    from ..render.html import page

    parts = [f"<style>{_CSS}</style>", '<div class="cover">',
             "<h1>Tentative Agreement</h1>",
             f"<p>between {escape(a.employer)}<br>and {escape(a.union)}</p>"]
    if a.term:
        parts.append(f"<p>Contract term {escape(a.term)}</p>")
    if a.date:
        parts.append(f"<p>Tentatively agreed through {escape(long_date(a.date))}</p>")
    parts.append("</div>")
    parts.append(f"<p>{escape(ratification_statement(a))}</p>")
    parts.append('<table class="ta"><tr><th>Article</th><th>Title</th>'
                 "<th>Tentatively agreed</th><th>Agreed text</th><th>Initials</th></tr>")
    for row in article_rows(a):
        parts.append("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>")
    parts.append("</table>")
    parts.append('<table class="signatures"><tr>')
    for party in (a.union, a.employer):
        lines = "".join("<br><br>______________________________<br>Name, title<br>"
                        "Date: ______________" for _ in range(DEFAULT_SIGNATURE_LINES))
        parts.append(f"<td><strong>For {escape(party)}:</strong>{lines}</td>")
    parts.append("</tr></table>")
    for art in a.articles:
        parts.append(f'<section class="article" id="article-{escape(art.number)}">'
                     f"<h2>{escape(art.heading)}</h2>")
        if art.state != "ta":
            parts.append(f'<p class="open">{escape(OPEN_MARK)}</p>')
        for c in art.clauses:
            style = f' style="margin-left:{1.5 * c.level:.1f}em"' if c.level else ""
            for text, bold in clause_lines(c):
                cls = "clause heading" if bold else "clause"
                parts.append(f'<p class="{cls}"{style}>{escape(text)}</p>')
            if c.table:
                parts.append('<table class="ta">' + "".join(
                    "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"
                    for row in c.table) + "</table>")
        parts.append("</section>")
    return page(f"Tentative Agreement: {a.employer} and {a.union}", "\n".join(parts))


# --- against the prior contract ------------------------------------------------------------

def redline_against(agreement: Agreement, prior_agreement: Agreement, read_options=None,
                    author: str = "Tentative Agreement", fmt: str = "docx"):
    """The agreed articles as Word tracked changes (``fmt`` docx; or html, pdf) against the
    prior contract's text of the same articles (new articles show as inserted).

    Both sides are written with :func:`agreement_docx` (articles only) and read back, so
    the comparison sees the same layout on both sides and only the words differ.
    """
    from ..align import CompareOptions, compare_documents
    from ..api import read
    from ..render.outputs import render_comparison

    with temp_dir("ta") as tmp:
        old_path = os.path.join(tmp, "prior.docx")
        new_path = os.path.join(tmp, "agreed.docx")
        with open(old_path, "wb") as fh:
            fh.write(agreement_docx(prior_agreement, cover=False))
        with open(new_path, "wb") as fh:
            fh.write(agreement_docx(agreement, cover=False))
        old, new = read(old_path, read_options), read(new_path, read_options)
    # the documents carry their packages: the files need not outlive the reading
    result = compare_documents(old, new, CompareOptions(
        party=author, date=agreement.date, label="tentative agreement"))
    return render_comparison(result, fmt)


def render_agreement(agreement: Agreement, fmt: str,
                     prior_agreement: Optional[Agreement] = None,
                     read_options=None) -> Union[str, bytes]:
    """The assembled agreement as ``docx``, ``html`` or ``pdf``; against ``prior_agreement``
    (tracked changes) when one is given.

    The PDF is printed from the HTML form (whose cover title a reader does not take for
    an article's, as it would the capitals LibreOffice prints from the DOCX).
    """
    from ..render.properties import DocumentProperties, stamp_docx, stamp_pdf

    if prior_agreement is not None:
        return redline_against(agreement, prior_agreement, read_options, fmt=fmt)
    props = DocumentProperties(
        f"Tentative Agreement - {agreement.employer} and {agreement.union}",
        f"tentative agreement {agreement.date or ''}".strip(),
        f"{len(agreement.articles)} article(s); made by redline")
    if fmt == "docx":
        return stamp_docx(agreement_docx(agreement), props)
    html = agreement_html(agreement)
    if fmt == "pdf":
        from ..render.pdf import html_to_pdf

        return stamp_pdf(html_to_pdf(html), props)
    return html


def centred_paragraph(document, text: str, size: int = 12, bold: bool = False,
                      caps: bool = False, after: int = 6):
    """A centred cover line (python-docx ``document``)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(after)
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    # shown in capitals by Word; kept in mixed case in the text, so that a reader does not
    # take the cover's title for an article's
    run.font.all_caps = caps
    return p


def add_clause(document, c, safe=lambda text: text) -> None:
    """One agreed clause into a python-docx ``document``: its lines (the heading bold, a
    Word bullet kept, sub-levels indented) and its table; ``safe`` cleans each text."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Inches

    for k, (text, bold) in enumerate(clause_lines(c)):
        p = document.add_paragraph(style="List Bullet" if c.list == "bullet" and k == 0
                                   else None)
        if c.level and c.list != "bullet":
            p.paragraph_format.left_indent = Inches(DEFAULT_LEVEL_INDENT * c.level)
        r = p.add_run(safe(text))
        if bold:
            r.bold = True
    if c.table:
        cols = max(len(row) for row in c.table)
        table = document.add_table(rows=len(c.table), cols=cols)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for r_i, row in enumerate(c.table):
            for c_i, cell in enumerate(row):
                table.cell(r_i, c_i).text = safe(cell)
