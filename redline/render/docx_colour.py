"""The colour-keyed DOCX negotiators exchange: insertions in the round's colour and
underlined, deletions in colour and struck through, the colour key in the page header.

Built with python-docx from the model, so that any input format renders the same way; the
runs are exactly what :mod:`redline.readers.docx` reads back (colour + strike + underline),
so parsing a rendered redline rebuilds every round.
"""
from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from ..align.result import Comparison
from ..align.words import DELETE, INSERT
from ..conventions.keys import format_key_entry
from ..conventions.proposals import format_proposal_line
from ..model import Document


@dataclass(frozen=True)
class KeyLine:
    colour: Optional[str]  # None: black (the base)
    text: str


@dataclass(frozen=True)
class MarkedRun:
    text: str
    colour: Optional[str] = None
    underline: bool = False
    strike: bool = False
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class MarkedParagraph:
    runs: Tuple[MarkedRun, ...]
    centered: bool = False
    style: Optional[str] = None
    #: the clause's depth (X.1 = 0, X.1.1 = 1, (a) = 2): indented by ``INDENT_PT`` a level
    level: int = 0
    #: a bulleted item of a Word list in the source (its bullet is not text: a style draws it)
    bullet: bool = False


#: The page header: its paragraph style, its type size (points), the key's label, what
#: separates two key entries on one line, and how many characters a header line holds at
#: that size across the text width (6 inches of python-docx's page; an estimate with room
#: to spare, so that a key entry is never broken across two lines).
HEADER_STYLE = "Header"
HEADER_FONT_PT = 8
#: How far each level of clause is indented (X.1.1 one step, (a) under it two).
INDENT_PT = 24
KEY_LABEL = "Color Key: "
KEY_SEPARATOR = "    "
DEFAULT_HEADER_LINE_CHARS = 100
#: The base round's ink, named in the key like the others ("Black - District Initial ...").
BASE_INK = "000000"


def key_lines(key: Sequence[KeyLine], width: int = DEFAULT_HEADER_LINE_CHARS
              ) -> List[List[KeyLine]]:
    """The key's entries packed onto lines of at most ``width`` characters, each entry
    whole on its line (the label starts the first)."""
    lines: List[List[KeyLine]] = []
    used = len(KEY_LABEL)
    current: List[KeyLine] = []
    for entry in key:
        need = len(entry.text) + (len(KEY_SEPARATOR) if current else 0)
        if current and used + need > width:
            lines.append(current)
            current, used, need = [], 0, len(entry.text)
        current.append(entry)
        used += need
    if current:
        lines.append(current)
    return lines


def merge_runs(runs: Sequence[MarkedRun]) -> List[MarkedRun]:
    """Adjacent runs with the same marks as one run (fewer, longer runs read better)."""
    out: List[MarkedRun] = []
    for r in runs:
        if out and (out[-1].colour, out[-1].underline, out[-1].strike, out[-1].bold,
                    out[-1].italic) == (r.colour, r.underline, r.strike, r.bold, r.italic):
            prev = out[-1]
            out[-1] = MarkedRun(prev.text + r.text, r.colour, r.underline, r.strike, r.bold,
                                r.italic)
        else:
            out.append(r)
    return out


def _base_document(base: Optional[Document]):
    """A python-docx document on ``base``'s own DOCX package (its styles and fonts, page
    setup, footers and page numbers), made inert (:func:`sanitise_package`), with its body
    and its page headers emptied; None when ``base`` is not a DOCX or its package cannot be
    used (the default template is used then)."""
    import docx

    from ..errors import RedlineError
    from ..ooxml import Package, prepare_parts
    from .docx_safety import sanitise_package

    if base is None or base.format != "docx" or not (base.package or base.source):
        return None
    try:
        pkg = Package(base.source or "the document", base.package)
        files = {n: pkg.read(n) or b"" for n in pkg.names}
        prepare_parts(files, pkg.path)
        sanitise_package(files, source=base.source)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in files.items():
                z.writestr(name, data)
        document = docx.Document(io.BytesIO(buf.getvalue()))
    except (RedlineError, ValueError, KeyError, OSError, zipfile.BadZipFile) as exc:
        logging.getLogger("redline").info("%s: its layout is not used for the output (%s)",
                                          base.source, exc)
        return None
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    return document


def _page_headers(document) -> list:
    """Every page header the document shows (first page and even pages too), emptied."""
    section = document.sections[-1]
    headers = [section.header]
    if section.different_first_page_header_footer:
        headers.append(section.first_page_header)
    if document.settings.odd_and_even_pages_header_footer:
        headers.append(section.even_page_header)
    for header in headers:
        element = header._element  # python-docx has no API to empty a header
        for child in list(element):
            element.remove(child)
    return headers


#: Space after each paragraph of a redline whose base document sets none (points).
DEFAULT_PARAGRAPH_SPACE_PT = 6


def _spaced(document) -> bool:
    """Whether the document's Normal paragraphs have space after or before them (the style,
    or the document defaults)."""
    from docx.oxml.ns import qn

    try:
        fmt = document.styles["Normal"].paragraph_format
        if fmt.space_after or fmt.space_before:
            return True
    except KeyError:
        pass
    spacing = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    if spacing is None:
        return False
    return any(int(spacing.get(qn(f"w:{k}")) or 0) > 0 for k in ("after", "before"))


def write_docx(paragraphs: Sequence[MarkedParagraph], header_lines: Sequence[str],
               key: Sequence[KeyLine], base: Optional[Document] = None) -> bytes:
    """A DOCX of marked paragraphs, with proposal lines and the colour key in the header.

    ``base``: the newest round's document; when it is a DOCX the output is built on its
    package (styles, fonts, page setup, footers and page numbers kept, its page header
    replaced by ours), else on python-docx's default template.
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import RGBColor

    from .docx_safety import XmlCleaner

    # text and PDF inputs may hold control characters that XML cannot
    safe = XmlCleaner()

    from docx.shared import Pt

    document = _base_document(base)
    if document is None:
        document = docx.Document()
        headers = [document.sections[0].header]
    else:
        headers = _page_headers(document)
    header = headers[0]
    first = True

    def header_paragraph():
        # the Header style, no space around it, single lines, small type: six rounds of
        # proposal lines and key take a few lines, not a third of the page
        nonlocal first
        hp = header.paragraphs[0] if first and header.paragraphs else header.add_paragraph()
        first = False
        try:
            hp.style = document.styles[HEADER_STYLE]
        except KeyError:
            pass  # a document without the Header style: spacing set below all the same
        fmt = hp.paragraph_format
        fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0
        return hp

    def header_run(hp, text: str, colour: Optional[str] = None):
        run = hp.add_run(text)
        run.font.size = Pt(HEADER_FONT_PT)
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour)
        return run

    for header in headers:  # the same lines on first and even pages too
        first = True
        for line in header_lines:
            header_run(header_paragraph(), safe(line))
        for k, line_entries in enumerate(key_lines([KeyLine(e.colour, safe(e.text))
                                                    for e in key])):
            kp = header_paragraph()
            if k == 0:
                header_run(kp, KEY_LABEL)
            for i, entry in enumerate(line_entries):
                if i:
                    header_run(kp, KEY_SEPARATOR)
                header_run(kp, entry.text, entry.colour or BASE_INK)
    try:  # the source's (or the template's) bulleted list style draws bullets
        bullet_style = document.styles["List Bullet"] if any(
            para.bullet for para in paragraphs) else None
    except KeyError:
        bullet_style = None
    # paragraphs set apart by space: a redline whose base had none (blank lines between
    # its paragraphs, which are not carried over) would print paragraphs that a reader of
    # the PDF cannot tell apart where a line is full
    gap = None if _spaced(document) else Pt(DEFAULT_PARAGRAPH_SPACE_PT)
    for para in paragraphs:
        p = document.add_paragraph()
        if gap is not None:
            p.paragraph_format.space_after = gap
        if para.centered:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if para.bullet and bullet_style is not None:
            p.style = bullet_style
        if para.level > 0 or para.bullet:
            p.paragraph_format.left_indent = Pt(INDENT_PT * (para.level + para.bullet))
        for r in merge_runs(para.runs):
            text = safe(r.text)
            if not text:
                continue
            run = p.add_run(text)
            if r.colour:
                run.font.color.rgb = RGBColor.from_string(r.colour)
            if r.underline:
                run.font.underline = True
            if r.strike:
                run.font.strike = True
            if r.bold:
                run.bold = True
            if r.italic:
                run.italic = True
    safe.warn()
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _marked_lines(ops, colour: str) -> List[MarkedParagraph]:
    """Word operations as colour-keyed paragraphs: inserted words underlined, struck words
    struck through, both in ``colour``; a line break starts a new paragraph."""
    lines: List[List[MarkedRun]] = [[]]
    for op, text in ops:
        for k, piece in enumerate(text.split("\n")):
            if k:
                lines.append([])
            if not piece:
                continue
            if op == INSERT:
                lines[-1].append(MarkedRun(piece, colour, underline=True))
            elif op == DELETE:
                lines[-1].append(MarkedRun(piece, colour, strike=True))
            else:
                lines[-1].append(MarkedRun(piece))
    return [MarkedParagraph(tuple(line)) for line in lines if line]


#: What became of a position note between the two versions of a comparison.
NOTE_KEPT, NOTE_ADDED, NOTE_STRUCK = "kept", "added", "struck"


def note_states(change) -> List[Tuple[str, str]]:
    """A clause's position notes in a comparison, as every output shows them: the old
    version's notes the new one dropped (struck, in the changes' colour), then the new
    version's (black when the old one had it too, else in the changes' colour)."""
    old = [n.text for n in change.old.notes] if change.old is not None else []
    new = [n.text for n in change.new.notes] if change.new is not None else []
    out = [(t, NOTE_STRUCK) for t in old if t not in new]
    out += [(t, NOTE_KEPT if t in old else NOTE_ADDED) for t in new]
    return out


def colour_comparison_parts(result: Comparison, colour: Optional[str] = None
                            ) -> Tuple[List[MarkedParagraph], List[str], List[KeyLine]]:
    """A two-version comparison in the colour-keyed style: its marked paragraphs, its
    proposal lines (newest first) and its key, for the DOCX and the printed sheet."""
    from .palette import party_colour

    colour = colour or party_colour(result.author.party)
    old_p, new_p = result.old.proposal, result.author
    paragraphs: List[MarkedParagraph] = []
    titles_done = set()
    for c in result.changes:
        if c.article not in titles_done:
            titles_done.add(c.article)
            if c.article:
                paragraphs.append(MarkedParagraph((MarkedRun(c.article, bold=True),),
                                                  centered=True))
        paragraphs.extend(_marked_lines(c.ops, colour))
        for text, state in note_states(c):
            paragraphs.append(MarkedParagraph((MarkedRun(
                text, None if state == NOTE_KEPT else colour, strike=state == NOTE_STRUCK,
                italic=True),)))
    if result.footnotes:
        paragraphs.append(MarkedParagraph((MarkedRun("Footnotes and endnotes", bold=True),),
                                          centered=True))
        for f in result.footnotes:
            label = (MarkedRun(f"[{f.kind} {f.new_number or f.old_number}] ", bold=True),)
            marked_lines = _marked_lines(f.ops, colour)
            if marked_lines:
                first = marked_lines[0]
                marked_lines[0] = MarkedParagraph(label + first.runs)
            paragraphs.extend(marked_lines)
    base_line = format_proposal_line(old_p) if old_p.known else "Base text"
    new_line = format_proposal_line(new_p) if new_p.known else "Changes"
    key = [KeyLine(None, format_key_entry(None, base_line)),
           KeyLine(colour, format_key_entry(colour, new_line))]
    headers = [h for h in (new_line, base_line) if h]
    return paragraphs, headers, key


def render_colour_comparison(result: Comparison, colour: Optional[str] = None) -> bytes:
    """A two-version comparison in the colour-keyed style, as a DOCX built on the new
    version's own (its page setup, styles and footer)."""
    from .html import comparison_properties
    from .properties import stamp_docx

    paragraphs, headers, key = colour_comparison_parts(result, colour)
    return stamp_docx(write_docx(paragraphs, headers, key, base=result.new),
                      comparison_properties(result))
