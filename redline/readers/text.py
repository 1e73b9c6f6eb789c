"""Plain text and markdown reader: one paragraph per line (or per blank-line block).

Markdown marks are read as a negotiator would: ``~~struck~~``, ``<u>inserted</u>`` or
``++inserted++``, ``**bold**``; ``#`` headings are article titles.
"""
from __future__ import annotations

import re
from typing import List

from ..errors import InputError
from ..inputs import read_input
from ..model import Span
from .blocks import RawDocument, RawParagraph

_MD_MARK = re.compile(r"(~~.+?~~|\*\*.+?\*\*|<u>.+?</u>|\+\+.+?\+\+)")


def _md_spans(text: str) -> List[Span]:
    spans: List[Span] = []
    for piece in _MD_MARK.split(text):
        if not piece:
            continue
        if piece.startswith("~~") and piece.endswith("~~") and len(piece) > 4:
            spans.append(Span(piece[2:-2], strike=True))
        elif piece.startswith("**") and piece.endswith("**") and len(piece) > 4:
            spans.append(Span(piece[2:-2], bold=True))
        elif piece.startswith("<u>"):
            spans.append(Span(piece[3:-4], underline=True))
        elif piece.startswith("++") and piece.endswith("++") and len(piece) > 4:
            spans.append(Span(piece[2:-2], underline=True))
        else:
            spans.append(Span(piece))
    return spans


_STARTS_PARAGRAPH = re.compile(
    r"^(?:ARTICLE\s|Section\s+\d|#|\(?[A-Za-z0-9]{1,4}[.)]\s|[-*+•]\s|X\.)", re.I)
_TITLE_LINE = re.compile(r"^(?:#{1,6}\s|ARTICLE\s+\S+\s*[-–—:.]?\s*[A-Z])")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_PAGE_LINE = re.compile(r"^\s*(?:page\s+\d+(?:\s+of\s+\d+)?|-\s*\d+\s*-|\d{1,4})\s*$", re.I)
#: A line repeated this often (digits aside) is a running header or footer.
DEFAULT_FURNITURE_REPEATS = 3


def _strip_front_matter(text: str) -> str:
    return _FRONT_MATTER.sub("", text, count=1)


def _drop_furniture(lines: List[str]) -> List[str]:
    """Running headers/footers of text extracted from a PDF: lines that repeat with only the
    page number changing, and bare page numbers."""
    from collections import Counter

    keys = [re.sub(r"\d+", "#", " ".join(ln.split())) for ln in lines]
    counts = Counter(k for k, ln in zip(keys, lines) if re.search(r"\S\s{3,}\S", ln))
    out = []
    for ln, key in zip(lines, keys):
        if ln.strip() and (_PAGE_LINE.match(ln) or
                           counts.get(key, 0) >= DEFAULT_FURNITURE_REPEATS):
            continue
        out.append(ln)
    return out


def read_text(path: str, markdown: bool = False) -> RawDocument:
    data = read_input(path)
    if b"\x00" in data[:8192]:
        raise InputError("a binary file, not text", path)
    text = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    lines = _drop_furniture(_strip_front_matter(text).split("\n"))
    blocks: List[object] = []
    buf: List[str] = []

    def flush() -> None:
        if buf:
            line = " ".join(s.strip() for s in buf)
            buf.clear()
            if markdown:
                heading = re.match(r"^#{1,6}\s+(.*)$", line)
                if heading:
                    title = heading.group(1).strip()
                    blocks.append(RawParagraph(spans=[Span(title, bold=True)], centered=True))
                    return
                bullet = re.match(r"^[*+]\s+(.*)$", line)
                if bullet:
                    blocks.append(RawParagraph(spans=_md_spans(bullet.group(1)),
                                               list_kind="bullet"))
                    return
                blocks.append(RawParagraph(spans=_md_spans(line)))
            else:
                blocks.append(RawParagraph(spans=[Span(line)]))

    title_open = False  # the last line was a title; an all-capitals line continues it
    for line in lines:
        if not line.strip():
            flush()
            title_open = False
            continue
        stripped = line.strip()
        if title_open:
            letters = [c for c in stripped if c.isalpha()]
            if not (letters and all(c.isupper() for c in letters)) or \
                    _STARTS_PARAGRAPH.match(stripped):
                flush()
            title_open = False
        elif buf and _STARTS_PARAGRAPH.match(stripped):
            # a numbered, titled or bulleted line starts a paragraph of its own
            flush()
        buf.append(line)
        if _TITLE_LINE.match(stripped):
            title_open = True
    flush()
    return RawDocument(blocks=blocks)
