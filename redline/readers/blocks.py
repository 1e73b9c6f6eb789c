"""What every reader hands to the shared builder: body blocks with marked spans, page furniture.

A reader's only job is to turn its format into these; clause segmentation, colour keys and rounds
are worked out once, in :mod:`redline.readers.build`, for every format alike.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from ..model import PrintedLine, Span


@dataclass
class RawParagraph:
    spans: List[Span]
    style: str = ""
    list_kind: Optional[str] = None  # "bullet" | "number" (a Word list)
    num_label: str = ""  # the label Word's auto-numbering draws, e.g. "X.1.2" or "(a)"
    centered: bool = False
    indent: float = 0.0
    comments: Tuple[str, ...] = ()  # ids of comments anchored in this paragraph
    mark: Optional[Span] = None  # tracked insertion/deletion of the paragraph mark

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass
class RawTable:
    rows: List[List[List[Span]]]  # row -> cell -> spans (cell paragraphs joined by "\n")
    row_marks: List[Optional[Span]] = field(default_factory=list)


@dataclass
class HeaderRun:
    text: str
    color: Optional[str] = None


@dataclass
class Comment:
    author: str
    date: Optional[str]
    text: str


@dataclass
class RawDocument:
    """A reader's result: body blocks in order and the page furniture."""

    blocks: List[object]  # RawParagraph | RawTable
    header_paragraphs: List[List[HeaderRun]] = field(default_factory=list)
    footer_lines: List[str] = field(default_factory=list)
    #: the footer lines with their inks, where the reader has them (a colour key may be
    #: printed there)
    footer_paragraphs: List[List[HeaderRun]] = field(default_factory=list)
    #: every header and footer line as printed with its pages, where the format has pages
    #: (PDF); else the builder lists the header and footer lines without pages
    furniture: List[PrintedLine] = field(default_factory=list)
    comments: Dict[str, Comment] = field(default_factory=dict)
    warnings: List[str] = field(default_factory=list)
    #: (kind, text[, original, marked]) of each footnote and endnote the body refers to, in
    #: body order (``Footnote`` says what the last two are)
    footnotes: List[Tuple] = field(default_factory=list)
