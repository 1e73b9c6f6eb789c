"""The document model every reader produces and every renderer consumes.

Frozen dataclasses with tuple children.  Imports nothing else of ours.

A *proposal* (one dated counter by one party) is a :class:`Document` whose spans are all
``base``.  A *redline* (colour-keyed or tracked changes) is a :class:`Document` whose spans carry
``ins``/``del`` marks with the round that made them; its :attr:`Document.rounds` holds the clean
text of every round, oldest first.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Optional, Tuple

BASE = "base"
INS = "ins"
DEL = "del"
SPAN_KINDS = (BASE, INS, DEL)


@dataclass(frozen=True)
class Proposal:
    """Who proposed what and when: ``District counter proposal`` of ``2024-05-09``."""

    party: Optional[str] = None
    date: Optional[str] = None  # "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"
    label: Optional[str] = None
    text: str = ""  # the proposal line as printed, when read from a document

    def to_dict(self) -> dict:
        return {"party": self.party, "date": self.date, "label": self.label}

    @property
    def known(self) -> bool:
        return bool(self.party or self.date)


@dataclass(frozen=True)
class ColourKeyEntry:
    """One line of a colour key: ``Green - District counter 05.09.2024``."""

    color: Optional[str]  # "RRGGBB" upper case; None when the entry has no colour
    party: Optional[str]
    date: Optional[str]
    label: Optional[str]
    text: str

    def to_dict(self) -> dict:
        return {"color": self.color, "party": self.party, "date": self.date,
                "label": self.label, "text": self.text}


@dataclass(frozen=True)
class Span:
    """A run of text with its marks.

    ``round`` is the 1-based round that inserted (``ins``) or struck (``del``) the text; base
    text belongs to round 1.  ``origin_round`` is, for struck text, the round that had
    introduced it (1 for text of the initial proposal).
    """

    text: str
    kind: str = BASE
    color: Optional[str] = None
    bold: bool = False
    italic: bool = False
    underline: bool = False
    strike: bool = False
    party: Optional[str] = None
    date: Optional[str] = None
    round: Optional[int] = None
    origin_round: Optional[int] = None
    #: the colour drawn behind the text (a highlight or shading), "RRGGBB"; a round's
    #: colour when the key names it and the text has no ink of its own
    highlight: Optional[str] = None

    def in_round(self, k: int) -> bool:
        """Whether this span is part of round ``k``'s clean text."""
        if self.kind == BASE:
            return True
        if self.kind == INS:
            return (self.round or 1) <= k
        origin = self.origin_round or 1
        return origin <= k < (self.round or 10**9)

    def to_dict(self) -> dict:
        return {"text": self.text, "kind": self.kind, "color": self.color,
                "party": self.party, "date": self.date}


Paragraph = Tuple[Span, ...]


def paragraph_text(spans: Paragraph, round_no: Optional[int] = None) -> str:
    """The text of a paragraph, in round ``round_no`` (None: the latest, i.e. accept all)."""
    if round_no is None:
        return "".join(s.text for s in spans if s.kind != DEL)
    return "".join(s.text for s in spans if s.in_round(round_no))


@dataclass(frozen=True)
class Note:
    """A position note under a clause: ``District agrees with language 05/09/2024``."""

    text: str
    party: Optional[str] = None
    date: Optional[str] = None
    kind: str = "note"  # agrees | status_quo | strikes_language | proposes_new_language | ...
    round: Optional[int] = None

    def to_dict(self) -> dict:
        return {"text": self.text, "party": self.party, "date": self.date, "kind": self.kind}


@dataclass(frozen=True)
class Footnote:
    """A footnote or endnote of the document (its latest text), numbered in the order the
    body refers to it: footnote 1 is the first one referred to."""

    kind: str  # footnote | endnote
    number: int
    text: str
    #: the text before the note's own tracked changes (None: it has none)
    original: Optional[str] = None
    #: whether its runs carry colour-key marks (strike, underline, ink), which are not read
    #: into rounds inside notes: ``verify`` says it cannot check such a note
    marked: bool = False

    def to_dict(self) -> dict:
        out = {"kind": self.kind, "number": self.number, "text": self.text}
        if self.original is not None:
            out["original"] = self.original
        return out


@dataclass(frozen=True)
class Clause:
    """One numbered (or unnumbered) clause of an article.

    ``paragraphs`` hold every paragraph as printed, number and heading included, with marks;
    ``number``, ``heading`` and ``text`` are the latest round's reading of them.
    """

    number: str = ""  # as printed, spaces removed
    number_printed: str = ""  # exactly as printed ("X. 2.1")
    heading: str = ""
    text: str = ""  # paragraphs joined by "\n"
    kind: str = "para"  # num | item | section | stars | para | article
    level: int = 0
    parent: Optional[int] = None  # index of the enclosing clause within its article
    prefix: str = ""  # typed prefix such as "-"
    list: Optional[str] = None  # "bullet" | "number" for Word lists
    paragraphs: Tuple[Paragraph, ...] = ()
    notes: Tuple[Note, ...] = ()
    table: Optional[Tuple[Tuple[str, ...], ...]] = None
    table_spans: Optional[Tuple[Tuple[Paragraph, ...], ...]] = None  # cells with marks

    @property
    def number_normalized(self) -> str:
        return self.number

    @property
    def spans(self) -> Tuple[Span, ...]:
        out: list = []
        for i, para in enumerate(self.paragraphs):
            if i:
                out.append(Span("\n"))
            out.extend(para)
        return tuple(out)

    @property
    def full_text(self) -> str:
        """Number, heading and text as one string: what a reader sees of the clause."""
        head = " ".join(p for p in (self.prefix, self.number_printed or self.number,
                                    self.heading) if p)
        if self.heading or not head:
            body = "\n".join(p for p in (head, self.text) if p)
        else:
            body = " ".join(p for p in (head, self.text) if p)
        if self.table:
            body = "\n".join([body] + [" | ".join(row) for row in self.table]).strip("\n")
        return body

    @property
    def has_marks(self) -> bool:
        return any(s.kind != BASE for p in self.paragraphs for s in p) or any(
            s.kind != BASE for row in (self.table_spans or ()) for cell in row for s in cell)


@dataclass(frozen=True)
class Article:
    title: str = ""
    number: Optional[str] = None  # as printed ("9"), when the document prints one
    clauses: Tuple[Clause, ...] = ()
    title_spans: Paragraph = ()

    @property
    def key(self) -> str:
        """A name for the article that survives renumbering: its title, upper-cased."""
        return " ".join(self.title.upper().split())


@dataclass(frozen=True)
class Round:
    """One round of a redline: the proposal and its clean text."""

    proposal: Proposal
    articles: Tuple[Article, ...] = ()
    color: Optional[str] = None


@dataclass(frozen=True)
class RoundOrigin:
    """Where a clean document came from when it is one round of a redline."""

    index: int  # 1-based round of the redline
    count: int  # rounds the redline holds
    tracked: bool  # the redline's marks are Word tracked changes (else colour and strike)


@dataclass(frozen=True)
class Conventions:
    """How a document was read: what the reader decided from it, for ``parse --explain``.

    ``key_source``: where the colour key was printed (``header``, ``footer``, ``body``,
    ``table``, ``key file`` or ``none``); ``marks``: the mark styles seen (``strike``,
    ``double strike``, ``underline``, ``double underline``, ``highlight``, ``shading``,
    ``colour``); ``proposal_source``: where the proposal line came from (``header``,
    ``cover block``, ``body``, ``file name`` or ``none``); ``numbering``: where clause
    numbers came from (``typed``, ``word`` or ``both``); ``aliases``: party names learned
    from the document (``SFUSD=District``); ``guesses``: every decision taken by a rule of
    thumb, in words.
    """

    key_source: str = "none"
    marks: Tuple[str, ...] = ()
    mode: str = "plain"  # plain | colour | tracked | marks (struck/underlined in black)
    proposal_source: str = "none"
    numbering: str = "typed"
    aliases: Tuple[str, ...] = ()
    guesses: Tuple[str, ...] = ()
    #: ``by-round`` (one ink per round) or ``by-party`` (one ink per party: the redline
    #: holds only the text before the latest round and the latest, ``earlier_rounds_lost``)
    key_convention: str = "by-round"
    earlier_rounds_lost: bool = False
    #: body text deliberately kept out of the clauses, each as printed: a cover page before
    #: the first article, page furniture typed in the body ("Page 2 of 9", a reservation of
    #: rights): said here, never dropped silently
    left_out: Tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"key_source": self.key_source, "marks": list(self.marks), "mode": self.mode,
                "proposal_source": self.proposal_source, "numbering": self.numbering,
                "aliases": list(self.aliases), "guesses": list(self.guesses),
                "key_convention": self.key_convention,
                "earlier_rounds_lost": self.earlier_rounds_lost,
                "left_out": list(self.left_out)}


#: A header or footer line printed on this many pages or more is a running line: said once
#: with its pages (also when only its digits change, "Page 3 of 9"); a line on fewer pages
#: is said once for each page it is on
DEFAULT_RUNNING_PAGES = 3


@dataclass(frozen=True)
class PrintedLine:
    """A line of page furniture (a page header or footer) as printed, and the pages that
    print it (empty where the format has no pages: a DOCX header prints on every page of
    its section).  Lines differing only in their digits ("Page 2 of 9") are one line when
    they run over three pages or more; ``last`` is then the last page's text."""

    where: str  # header | footer
    text: str
    pages: Tuple[int, ...] = ()
    last: str = ""

    def to_dict(self) -> dict:
        out: dict = {"where": self.where, "text": self.text, "pages": list(self.pages)}
        if self.last:
            out["last"] = self.last
        return out


@dataclass(frozen=True)
class Document:
    source: str = ""
    format: str = "docx"  # docx | pdf | text | markdown
    proposal: Proposal = field(default_factory=Proposal)
    legend: Tuple[ColourKeyEntry, ...] = ()
    articles: Tuple[Article, ...] = ()
    rounds: Tuple[Round, ...] = ()  # a redline only: every round's clean text, oldest first
    header_lines: Tuple[str, ...] = ()
    #: the header's text that is neither a proposal line nor a colour key entry (a title
    #: printed in the page header), each line once
    header_text: Tuple[str, ...] = ()
    footer_lines: Tuple[str, ...] = ()  # page footers as printed (each distinct line once)
    #: every header and footer line as printed, with its pages: what the furniture holds
    #: beyond the proposal and the key is said, never dropped
    furniture: Tuple[PrintedLine, ...] = ()
    warnings: Tuple[str, ...] = ()
    footnotes: Tuple[Footnote, ...] = ()  # footnotes and endnotes (DOCX), in body order
    origin: Optional[RoundOrigin] = None  # set on one round of a redline (round_document)
    conventions: Conventions = field(default_factory=Conventions)  # how it was read
    #: the DOCX package's bytes as read (None for other formats): a renderer that builds on
    #: the source's own package (the tracked DOCX, the history's layout) takes it from here,
    #: never from ``source`` on disk, which may have changed, gone, or been standard input
    package: Optional[bytes] = field(default=None, repr=False, compare=False)

    @property
    def is_redline(self) -> bool:
        return bool(self.rounds)

    @property
    def clauses(self) -> Tuple[Clause, ...]:
        return tuple(c for a in self.articles for c in a.clauses)

    def with_proposal(self, proposal: Proposal) -> "Document":
        return replace(self, proposal=proposal)

    def round_document(self, index: int) -> "Document":
        """Round ``index`` (0-based, negative allowed) as a clean document of its own; its
        ``origin`` says which round of how many it was."""
        rnd = self.rounds[index]
        n = len(self.rounds)
        origin = RoundOrigin(index % n + 1, n, tracked=not any(r.color for r in self.rounds))
        return replace(self, proposal=rnd.proposal, articles=rnd.articles, rounds=(),
                       legend=(), origin=origin)

    @property
    def package_text_is_latest(self) -> bool:
        """Whether the source package's body, tracked changes accepted, is this document's
        text: true for a document as read, and for the last round of a tracked-changes
        redline; a colour-keyed redline's body still holds its struck words."""
        o = self.origin
        return o is None or (o.tracked and o.index == o.count)

    def latest(self) -> "Document":
        """The clean latest text: the document itself, or a redline's last round."""
        return self.round_document(-1) if self.rounds else self
