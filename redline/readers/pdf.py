"""PDF reader: a text-layer PDF (proposal or colour-keyed redline) into a :class:`RawDocument`.

Two routes read the page content, one module each, and hand over the same
:class:`~redline.readers.pdf_layout.PageContent` (glyphs with colour and font, thin rules):

* ``pdfium`` (default, :mod:`.pdf_pdfium`): pypdfium2's C text and path APIs; pages whose
  colours it cannot report exactly fall back to pdfplumber one page at a time;
* ``pdfplumber`` (:mod:`.pdf_plumber`): the reference, several times slower.

Everything after that (marks, lines, furniture, paragraphs, tables) is in :mod:`.pdf_layout`,
shared, so both routes give identical documents; ``tests/test_pdf_reader.py`` checks it.
See docs/pdf.md for the design and the measured speed.
"""
from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from typing import Any, Dict, Iterator, List, Optional

from ..conventions.parties import PartyNames
from ..errors import InputError, NoTextError, RedlineError
from ..timing import progress
from ..model import DEFAULT_RUNNING_PAGES, PrintedLine
from .blocks import HeaderRun, RawDocument
from .pdf_layout import (Line, PageContent, PageLayout, TableItem, clear_stray_strikes,
                         furniture_paragraphs, layout_page, measure,
                         paragraph_from_lines, split_furniture, tabbed_run, wrapped_rows,
                         _continues, _tabbed)

_DIGITS = re.compile(r"\d+")
ROUTES = ("pdfium", "pdfplumber")
DEFAULT_ROUTE = "pdfium"

__all__ = ["read_pdf", "ROUTES", "DEFAULT_ROUTE"]


def _pages(path: str, password: Optional[str], route: str, warnings: List[str]
           ) -> Iterator[PageContent]:
    if route == "pdfplumber":
        from .pdf_plumber import iter_pages

        return iter_pages(path, password, warnings)
    if route == "pdfium":
        from .pdf_pdfium import iter_pages as iter_pdfium

        return iter_pdfium(path, password, warnings)
    raise ValueError(f"unknown PDF route {route!r}; choose one of {', '.join(ROUTES)}")


def read_pdf(path: str, password: Optional[str] = None, route: Optional[str] = None,
             parties: Optional[PartyNames] = None) -> RawDocument:
    """Read a PDF into body blocks and page furniture.

    Raises :class:`~redline.errors.EncryptedError` (no or wrong password),
    :class:`~redline.errors.NoTextError` (scanned, no text layer) or
    :class:`~redline.errors.InputError` (damaged); never a pdfminer/pdfium exception.
    """
    route = route or DEFAULT_ROUTE
    with _named_library_warnings(path):
        return _read(path, password, route, parties)


@contextmanager
def _named_library_warnings(path: str) -> Iterator[None]:
    """While a PDF is read, the PDF libraries' log records carry its file name ("CropBox
    missing from /Page" says nothing of which file when several are read).  A record
    factory, not a filter: filters do not reach pdfminer's many module loggers, some of
    which are only created during the read (the routes import lazily)."""
    prefix = f"{path}: "
    old_factory = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = old_factory(*args, **kwargs)
        if record.name.split(".")[0] in _PDF_LIBRARIES:
            msg = str(record.msg)
            # the path goes into the format string: a "%" in it must not format
            record.msg = (prefix.replace("%", "%%") if record.args else prefix) + msg
        return record

    logging.setLogRecordFactory(factory)
    try:
        yield
    finally:
        logging.setLogRecordFactory(old_factory)


#: Loggers of the libraries the routes use.
_PDF_LIBRARIES = frozenset({"pdfminer", "pdfplumber", "pypdfium2"})


def _read(path: str, password: Optional[str], route: str,
          parties: Optional[PartyNames] = None) -> RawDocument:
    warnings: List[str] = []
    layouts: List[PageLayout] = []
    pages = _pages(path, password, route, warnings)
    while True:
        # only the libraries' work is wrapped: a failure there means a damaged file, while
        # our own layout code must fail loudly
        try:
            content = next(pages)
        except StopIteration:
            break
        except RedlineError:
            raise
        except (MemoryError, KeyboardInterrupt):
            raise
        except Exception as exc:  # pdfminer/pdfium raise many types for damaged content
            raise InputError(f"damaged PDF ({_first_line(exc)}); re-export or repair it",
                             path) from None
        # one page at a time: only the laid-out lines of each page are kept
        layouts.append(layout_page(content))
        progress("reading", content.number, content.of)  # a progress bar on long files
    return assemble(layouts, warnings, path, parties)


def _first_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:120]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _reading_order(page: PageLayout) -> List[tuple]:
    """The page's lines in the order the layout gives them (down a column, then the next)
    with each table before the first line below its top: ``(0, line)`` / ``(1, table)``."""
    tables = sorted(page.tables, key=lambda t: t.y)
    out: List[tuple] = []
    k = 0
    for ln in page.lines:
        while k < len(tables) and tables[k].y <= ln.y:
            out.append((1, tables[k]))
            k += 1
        out.append((0, ln))
    out.extend((1, t) for t in tables[k:])
    return out


def assemble(layouts: List[PageLayout], warnings: List[str], path: str = "",
             parties: Optional[PartyNames] = None) -> RawDocument:
    """Laid-out pages into blocks, header paragraphs and footer lines."""
    if not layouts:
        raise InputError("the PDF has no pages", path)
    if not any(p.glyph_count for p in layouts):
        if any(p.has_images for p in layouts):
            raise NoTextError("scanned PDF with no text layer; OCR is not supported (run "
                              "OCR first, or use the DOCX)", path)
        raise NoTextError("no text on any page (blank, or the page content cannot be "
                          "decoded); re-export the PDF from the original document", path)
    for p in layouts:
        if not p.glyph_count and p.has_images:
            warnings.append(f"page {p.number} is an image with no text layer (scanned?); "
                            "its text is missing")
    metrics = measure(layouts)
    headers, footers = split_furniture(layouts, metrics, parties)
    warnings.extend(clear_stray_strikes(layouts))
    # each page's header and footer as paragraphs of runs, worked out once
    head_paras = [furniture_paragraphs(lines, metrics) for lines in headers]
    foot_paras = [furniture_paragraphs(lines, metrics) for lines in footers]
    header_paragraphs: List[List[HeaderRun]] = []
    seen = set()
    for paras in head_paras:
        for runs in paras:
            key = _runs_text(runs)
            if key and key not in seen:
                seen.add(key)
                header_paragraphs.append(runs)
    footer_lines: List[str] = []
    footer_paragraphs: List[List[HeaderRun]] = []  # the same with their inks
    footer_seen: Dict[str, int] = {}  # digits as "#" -> the page first showing it
    footer_texts = set()
    for page, paras in enumerate(foot_paras):
        for runs in paras:
            text = _runs_text(runs)
            # "Page 2 of 9" is the same footer as "Page 1 of 9": keep the first; but two
            # lines of one page differing in digits are two (key entries of one party,
            # "Union counter 03/24/2024" and "Union counter 10/25/2024")
            key = _DIGITS.sub("#", text)
            if text and text not in footer_texts and footer_seen.get(key, page) == page:
                footer_seen[key] = page
                footer_texts.add(text)
                footer_lines.append(text)
                footer_paragraphs.append(runs)
    furniture = printed_lines(
        [(p.number, where, _runs_text(runs))
         for p, head, foot in zip(layouts, head_paras, foot_paras)
         for where, paras in (("header", head), ("footer", foot)) for runs in paras])
    blocks: List[object] = []
    current: List[Line] = []
    for p in layouts:
        order = _reading_order(p)
        i = 0
        while i < len(order):
            kind, item = order[i]
            i += 1
            if kind == 0 and (_tabbed(item) or i < len(order) and order[i][0] == 0 and
                              _tabbed(order[i][1])):
                # side-by-side cells without rules that the printer wrapped: one table
                lines = []
                for k, ln in order[i - 1:]:
                    if k != 0:
                        break
                    lines.append(ln)
                run = lines[:tabbed_run(lines, metrics)]
                found = wrapped_rows(run, metrics)
                if found is not None:
                    kind, item = 1, TableItem(p.number, run[0].top, found[0])
                    i += found[1] - 1
            if kind == 1:
                if current:
                    blocks.append(paragraph_from_lines(current, metrics))
                    current = []
                blocks.append(item.table)
            elif current and _continues(current[-1], item, metrics):
                current.append(item)
            else:
                if current:
                    blocks.append(paragraph_from_lines(current, metrics))
                current = [item]
    if current:
        blocks.append(paragraph_from_lines(current, metrics))
    return RawDocument(blocks=blocks, header_paragraphs=header_paragraphs,
                       footer_lines=footer_lines, footer_paragraphs=footer_paragraphs,
                       furniture=furniture, warnings=warnings)


def _runs_text(runs: List[HeaderRun]) -> str:
    """A furniture paragraph's text, its white space squashed."""
    return " ".join("".join(r.text for r in runs).split())


def printed_lines(lines: List[tuple]) -> List[PrintedLine]:
    """``(page, where, text)`` of every furniture line, page by page, into one
    :class:`PrintedLine` per distinct text with its pages; texts differing only in digits,
    one a page, over :data:`DEFAULT_RUNNING_PAGES` pages or more, into one (the first
    page's text, and the last's)."""
    pages: Dict[tuple, List[int]] = {}
    for page, where, text in lines:
        if text:
            seen = pages.setdefault((where, text), [])
            if not seen or seen[-1] != page:
                seen.append(page)
    groups: Dict[tuple, List[tuple]] = {}
    for (where, text) in pages:
        groups.setdefault((where, _DIGITS.sub("#", text)), []).append((where, text))
    out: List[PrintedLine] = []
    done = set()
    for key in pages:
        if key in done:
            continue
        where, text = key
        members = groups[(where, _DIGITS.sub("#", text))]
        spread = [pg for m in members for pg in pages[m]]
        if len(members) > 1 and len(spread) == len(set(spread)) and \
                len(spread) >= DEFAULT_RUNNING_PAGES:
            # one text a page ("Page 1 of 9" ... "Page 9 of 9"): one running line
            done.update(members)
            ordered = sorted((pg, m[1]) for m in members for pg in pages[m])
            out.append(PrintedLine(where, ordered[0][1], tuple(pg for pg, _ in ordered),
                                   ordered[-1][1]))
        else:
            done.add(key)
            out.append(PrintedLine(where, text, tuple(pages[key])))
    return sorted(out, key=lambda ln: (ln.pages[0], ln.where != "header"))
