"""Plain text and markdown reader: one paragraph per line (or per blank-line block).

Markdown marks are read as a negotiator would: ``~~struck~~``, ``<u>inserted</u>`` or
``++inserted++``, ``**bold**``; ``#`` headings are article titles.
"""
from __future__ import annotations

import re
from typing import List

from ..errors import InputError
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


def read_text(path: str, markdown: bool = False) -> RawDocument:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", path) from None
    if b"\x00" in data[:8192]:
        raise InputError("a binary file, not text", path)
    text = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
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

    for line in text.split("\n"):
        if not line.strip():
            flush()
            continue
        # a numbered or titled line starts a paragraph of its own
        if buf and (re.match(r"^\s*(?:ARTICLE\s|\(?[A-Za-z0-9]{1,4}[.)]\s|#|[-*+]\s|X\.)",
                             line)):
            flush()
        buf.append(line)
    flush()
    return RawDocument(blocks=blocks)
