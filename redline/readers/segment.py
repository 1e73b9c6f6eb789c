"""Clause segmentation: paragraphs -> articles and clauses, from the numbering forms negotiators use.

``X.1``, ``X.2.3``, ``X. 2.1``, ``X.***``, ``(a)``, ``a)``, ``(1)``, ``i.``, section lines
(``X Sick Leave``), ``ARTICLE 9 - GRIEVANCE PROCEDURE``, capitalised article titles, heading
lines whose text follows in the next paragraph, typed ``- `` bullets and Word list bullets.
Position notes ("District agrees with language 05/09/2024") are attached to the clause they
follow and never counted as clause text.  Every reader uses this one module.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Sequence, Set, Tuple

from ..model import DEL, Article, Clause, Note, Span
from ..conventions.numbering import (APPENDIX_LINE, ARTICLE_LINE, TOC_LINE_END, NumberMatch,
                                     item_family, match_number, number_depth)
from ..conventions.notes import note_of
from ..conventions.parties import DEFAULT_PARTIES, PartyNames
from ..conventions.proposals import parse_proposal_line

_BOILERPLATE = re.compile(
    r"reserves\s+the\s+right\s+to\s+(?:withdraw|modify|amend|add)|^page\s+\d+(\s+of\s+\d+)?$",
    re.I)

def _boilerplate(text: str) -> bool:
    """A reservation of rights or a typed page number (the cheap test first: this runs on
    every paragraph of a long agreement)."""
    low = text[:8].lower()
    return ("reserve" in text.lower() or low.startswith("page")) and \
        _BOILERPLATE.search(text) is not None


#: Longest heading (in words) that still reads as a heading line rather than clause text.
MAX_HEADING_WORDS = 14
@dataclass
class Para:
    """One body block as the segmenter sees it in one view (one round, or the latest)."""

    text: str
    spans: Tuple[Span, ...] = ()
    bold: bool = False  # every word of it is bold
    italic: bool = False
    centered: bool = False
    list_kind: Optional[str] = None
    num_label: str = ""
    table: Optional[Tuple[Tuple[str, ...], ...]] = None
    table_spans: Optional[Tuple[Tuple[Tuple[Span, ...], ...], ...]] = None
    notes: Tuple[Note, ...] = ()  # comments anchored here (tracked-changes documents)
    deleted: bool = False  # every word is struck: a clause deleted in the latest round


def is_article_title(text: str, para: Para) -> Optional[Tuple[str, Optional[str]]]:
    """``(title, number)`` when the paragraph is an article title."""
    if "...." in text and TOC_LINE_END.search(text):
        return None  # a table-of-contents line, not the article itself
    m = ARTICLE_LINE.match(text)
    if m:
        if not _heading_line(m.group("title")):
            return None  # "Article 18 (Grievance Procedure) except as ...": a sentence
        title = m.group("title").strip(" -–—:.")
        return title, (m.group("num") if m.group("num") not in ("X", "?") else None)
    m = APPENDIX_LINE.match(text)
    if m and len(text) <= 200 and _heading_line(m.group("title")) and \
            not text.rstrip().endswith((",", ";")):
        return text.strip().rstrip(":."), None  # "Appendix A: Salary Schedule"
    # cheap rejections first: this runs on every paragraph of a long agreement
    if len(text) > 200 or text != text.upper() or text.rstrip().endswith((".", ";", ",")):
        return None
    if sum(1 for c in text if c.isalpha()) < 3 or len(text.split()) > 15 or \
            match_number(text):
        return None
    return text.strip(), None


#: Short words a title keeps in lower case ("Hours of Work", "Leaves of absence").
_TITLE_MINOR = frozenset("a an and as at by for from in into of on or per the to upon with "
                         "vs".split())
#: Words that make a line a sentence rather than a title.
_SENTENCE_WORDS = frozenset("shall will may must is are be been has have should can "
                            "except provided pursuant".split())


def _heading_line(title: str) -> bool:
    """Whether what follows "Article N" reads as a heading, not as a sentence that happens
    to start with a reference to an article ("Article 27.4, he/she shall ...", "Article 9
    of this Agreement", "Article 18 (Grievance Procedure) except as ...")."""
    rest = title.strip()
    if not rest:
        return True
    if len(rest.split()) > MAX_HEADING_WORDS:
        return False
    if rest[0] in ",;)" or rest[0].islower():
        return False
    if rest == rest.upper():
        return True
    if rest.rstrip().endswith((",", ";")) or re.search(r"[a-z]\.\s+\S", rest):
        return False  # a clause, or a sentence going on after a full stop
    # a parenthesis closed and the line going on in lower case: a reference in a sentence
    after = re.search(r"\)\s+(\S+)", rest)
    if after and after.group(1)[:1].islower() and after.group(1) not in _TITLE_MINOR:
        return False
    lower = [w for w in re.findall(r"[^\W\d_]+", rest) if w[:1].islower()]
    if any(w in _SENTENCE_WORDS for w in lower):
        return False
    return len([w for w in lower if w not in _TITLE_MINOR]) <= 2


@dataclass
class _Building:
    match: Optional[NumberMatch]
    heading: str
    texts: List[str]
    paras: List[Tuple[Span, ...]]
    level: int
    parent: Optional[int]
    list_kind: Optional[str]
    notes: List[Note] = field(default_factory=list)
    table: Optional[Tuple[Tuple[str, ...], ...]] = None
    table_spans: Optional[Tuple[Tuple[Tuple[Span, ...], ...], ...]] = None
    continued: bool = False
    deleted: bool = False

    def freeze(self) -> Clause:
        m = self.match
        return Clause(
            number=m.number if m else "", number_printed=m.printed if m else "",
            heading=self.heading, text="" if self.deleted else "\n".join(self.texts),
            kind=m.kind if m else "para", level=self.level, parent=self.parent,
            prefix=m.prefix if m else "", list=self.list_kind, paragraphs=tuple(self.paras),
            notes=tuple(self.notes), table=self.table, table_spans=self.table_spans)


#: Most words of a heading closed with a period ("X.3.1 March 15th Notice.").
MAX_DOTTED_HEADING_WORDS = 8


def _closed_title(words: Sequence[str]) -> bool:
    """Whether words closed with a period still read as a title ("X.3.1 March 15th
    Notice."): at most :data:`MAX_DOTTED_HEADING_WORDS`, none in lower case but the small
    words of titles."""
    return len(words) <= MAX_DOTTED_HEADING_WORDS and not any(
        w[:1].islower() and w.strip(".").lower() not in _TITLE_MINOR for w in words)


def _looks_like_heading(rest: str, para: Para) -> bool:
    if not rest:
        return False
    words = rest.split()
    if len(words) > MAX_HEADING_WORDS or rest.endswith((";", ",", ":")):
        return False
    if rest.endswith(".") and not _closed_title(words):
        return False  # a sentence, not a title closed with a period
    return para.bold


def _title_text(rest: str) -> bool:
    """Whether a clause's text, printed alone on its number's line, reads as a title ("X.2
    Notice", "X.3.1 March 15th Notice.", "9-4 Transfers and reassignments") rather than a
    short sentence: said by the words, for headings that are not bold.  Closed with a period
    it must be a title of two words or more: "X.1 Members earn leave." and "X.4 Reserved."
    are a clause's whole text."""
    words = rest.split()
    if not words or len(words) > MAX_DOTTED_HEADING_WORDS or rest.endswith((";", ",", ":")):
        return False
    if rest.endswith("."):
        return len(words) >= 2 and _closed_title(words) and _heading_line(rest[:-1])
    return _heading_line(rest)


class _ArticleBuilder:
    def __init__(self, title: str, number: Optional[str], title_spans: Tuple[Span, ...]):
        self.title = title
        self.number = number
        self.title_spans = title_spans
        self.clauses: List[_Building] = []
        self.item_families: List[Tuple[str, int]] = []  # (family, level) stack
        self.pending_notes: List[Note] = []
        # what the clauses so far say, kept as they are added, so that each new clause
        # costs the depth of the numbering, not the number of clauses before it (reading
        # was quadratic: 20,000 paragraphs took 27 s):
        #: indices of numbered clauses that can still be a parent, levels rising
        #: bottom to top (a later clause at the same or a lower level hides the rest)
        self._open: List[int] = []
        self._num_level = -1  # level of the last num/section/stars clause
        self._last_item: Optional[str] = None  # number of the last item clause
        #: how many clauses :meth:`_parent_for` looked at (tests check it stays small)
        self.parent_steps = 0

    def _parent_for(self, level: int) -> Optional[int]:
        """The nearest earlier numbered clause above ``level``."""
        for i in reversed(self._open):
            self.parent_steps += 1
            if self.clauses[i].level < level:
                return i
        return None

    def _last_num_level(self) -> int:
        return self._num_level

    def _append(self, b: _Building) -> None:
        self.clauses.append(b)
        m = b.match
        if m is None:
            return
        while self._open and self.clauses[self._open[-1]].level >= b.level:
            self._open.pop()
        self._open.append(len(self.clauses) - 1)
        if m.kind in ("num", "section", "stars"):
            self._num_level = b.level
        elif m.kind == "item":
            self._last_item = m.number

    def add_clause(self, m: Optional[NumberMatch], para: Para) -> None:
        if m is None:
            level = self.clauses[-1].level if self.clauses else 0
            b = _Building(None, "", [para.text.strip()], [para.spans], level,
                          self._parent_for(level), para.list_kind)
            b.deleted = para.deleted
            self._append(b)
            return
        if m.kind in ("num", "stars"):
            level = number_depth(m.number)
            self.item_families = []
        elif m.kind == "section":
            level = 0
            self.item_families = []
        else:
            base = self._last_num_level() + 1
            prev = self._last_item
            fam = item_family(m.number, prev)
            known = [f for f, _ in self.item_families]
            if fam in known:
                idx = known.index(fam)
                self.item_families = self.item_families[: idx + 1]
                level = self.item_families[idx][1]
            else:
                level = base + len(self.item_families)
                self.item_families.append((fam, level))
        heading, texts = "", []
        if _looks_like_heading(m.rest, para):
            heading = m.rest
        elif m.rest:
            texts.append(m.rest)
        b = _Building(m, heading, texts, [para.spans], level, self._parent_for(level),
                      para.list_kind)
        b.deleted = para.deleted
        if self.pending_notes:
            b.notes.extend(self.pending_notes)
            self.pending_notes = []
        self._append(b)

    def add_continuation(self, para: Para) -> bool:
        """Append an unnumbered paragraph to the clause above when it continues it."""
        if not self.clauses:
            return False
        last = self.clauses[-1]
        text = para.text.strip()
        heading_only = last.match is not None and not last.texts and last.table is None
        if heading_only and last.match is not None and not last.heading and para.bold and \
                _looks_like_heading(text, para) and last.match.kind != "item":
            last.heading = text
            last.paras.append(para.spans)
            return True
        if last.match is not None and last.match.kind != "item" and not last.heading and \
                not last.continued and last.table is None and last.texts == [last.match.rest] \
                and not text[:1].islower() and _title_text(last.texts[0]):
            # a title alone on its number's line, the clause's text in the paragraph after
            last.heading = last.texts.pop()
            last.texts.append(text)
            last.paras.append(para.spans)
            last.continued = True
            last.deleted = last.deleted and para.deleted
            return True
        if heading_only or (last.continued and last.heading) or text[:1].islower():
            last.texts.append(text)
            last.paras.append(para.spans)
            last.continued = True
            last.deleted = last.deleted and para.deleted
            return True
        return False

    def add_table(self, para: Para) -> None:
        if self.clauses and self.clauses[-1].table is None:
            last = self.clauses[-1]
            last.table, last.table_spans = para.table, para.table_spans
            return
        level = self.clauses[-1].level if self.clauses else 0
        b = _Building(None, "", [], [], level, self._parent_for(level), None)
        b.table, b.table_spans = para.table, para.table_spans
        self._append(b)

    def add_note(self, note: Note) -> None:
        if self.clauses:
            self.clauses[-1].notes.append(note)
        else:
            self.pending_notes.append(note)

    def freeze(self) -> Article:
        return Article(title=self.title, number=self.number,
                       clauses=tuple(c.freeze() for c in self.clauses),
                       title_spans=self.title_spans)


def segment(paras: Sequence[Para], parties: PartyNames = DEFAULT_PARTIES,
            left_out: Optional[List[str]] = None) -> Tuple[Article, ...]:
    """Split body paragraphs into articles and clauses.  ``left_out``, when given, receives
    the text kept out of the clauses on purpose (a cover page, page furniture typed in the
    body), so that the reader can say so."""
    title_at = [i for i, p in enumerate(paras) if p.table is None and
                is_article_title(p.text.strip(), p) and note_of(p.text.strip(), parties) is None]
    contents = _contents_entries(paras, title_at)
    title_at = [i for i in title_at if i not in contents]
    articles: List[_ArticleBuilder] = []
    current: Optional[_ArticleBuilder] = None
    first_title = title_at[0] if title_at else None
    titles = set(title_at)  # looked up once per paragraph
    # text before the first article is kept (an untitled first article: a preamble, a
    # table of contents, a rationale) unless it is only a cover of short lines
    cover = first_title is not None and _is_cover(paras[:first_title])
    for i, para in enumerate(paras):
        text = para.text.strip()
        if para.table is None and not text:
            continue
        if para.table is None and _boilerplate(text):
            if left_out is not None:
                left_out.append(text)
            continue
        if first_title is not None and i < first_title and (cover or (
                para.table is None and parse_proposal_line(text, parties) is not None and
                note_of(text, parties) is None)):
            # a cover block (a title page of short lines), or a proposal line before the
            # first article, which is read as the document's proposal
            if left_out is not None and cover and para.table is None and \
                    parse_proposal_line(text, parties) is None:
                left_out.append(text)
            continue
        if para.table is not None:
            if current is None:
                current = _ArticleBuilder("", None, ())
                articles.append(current)
            current.add_table(para)
            continue
        note = note_of(text, parties) if not para.num_label else None
        if note is not None:
            if current is None:
                current = _ArticleBuilder("", None, ())
                articles.append(current)
            current.add_note(note)
            continue
        if i in titles:
            title, number = is_article_title(text, para) or (text, None)
            current = _ArticleBuilder(title, number, para.spans)
            articles.append(current)
            continue
        if current is None:
            current = _ArticleBuilder("", None, ())
            articles.append(current)
        full = f"{para.num_label} {text}".strip() if para.num_label else text
        m = match_number(full)
        if m is None and _ZERO_WIDTH.search(full[:_NUMBER_REACH]):
            # zero-width characters are invisible: "1\u200b.2" reads as 1.2 on the page,
            # and must not hide a clause number from the comparison
            m = match_number(_ZERO_WIDTH.sub("", full))
        if m is None and para.list_kind and current.clauses:
            # an unnumbered Word list paragraph is an item of its own, not a continuation
            m = NumberMatch("", "", "item", text, "")
        if m is None:
            if not current.add_continuation(para):
                current.add_clause(None, para)
        else:
            current.add_clause(m, para)
        for n in para.notes:
            current.add_note(n)
    return tuple(a.freeze() for a in articles)


#: A title ending in a page number ("Article 7 - Grievance Procedure 21").
_PAGE_NUMBER_END = re.compile(r"\s\d{1,4}$")
#: Title-like lines this close (in paragraphs), each ending in a page number, are entries
#: of a table of contents (its leaders printed as a tab, not dots).
CONTENTS_REACH = 2


def _contents_entries(paras: Sequence[Para], title_at: Sequence[int]) -> Set[int]:
    """Indices of title-like paragraphs that are table-of-contents entries: two or more
    close together, each ending in a page number."""
    ends = [i for i in title_at if _PAGE_NUMBER_END.search(paras[i].text.strip())]
    out: Set[int] = set()
    for a, b in zip(ends, ends[1:]):
        if b - a <= CONTENTS_REACH:
            out.update((a, b))
    return out


#: Most words a cover block holds: a title page (the parties, the document's name, a date,
#: a sentence and a signature table), not a preamble or a table of contents.
MAX_COVER_WORDS = 150


def _is_cover(paras: Sequence[Para]) -> bool:
    """Whether the paragraphs before the first article are a title page, left out of the
    clauses; anything longer, or holding a numbered clause, is kept."""
    words = 0
    for p in paras:
        if p.table is not None:
            words += sum(len(cell.split()) for row in p.table for cell in row)
            continue
        text = p.text.strip()
        words += len(text.split())
        m = match_number(text) if text else None
        if m is not None and m.kind in ("num", "section", "stars"):
            return False
    return words <= MAX_COVER_WORDS


#: Characters that take no room on the page (zero-width space, joiners, word joiner, BOM).
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
#: How far into a paragraph a clause number can reach (characters).
_NUMBER_REACH = 40

#: White space other than the no-break spaces, which are part of the text as printed
#: ("ten (10)\u00a0days" must not break) and are kept as they are.
_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")


_OTHER_ASCII_SPACE = ("  ", "\t", "\n", "\r", "\x0b", "\x0c")


def squash(text: str) -> str:
    """Runs of white space as one space, ends trimmed; no-break spaces kept."""
    if text.isascii() and not any(c in text for c in _OTHER_ASCII_SPACE):
        return text.strip()  # the usual case: single spaces only, nothing to squash
    return _BREAKING_SPACE.sub(" ", text).strip()


#: Punctuation that closes on the word before it ("service.", "day,", "(a)"); not the
#: straight quotes, which open as often as they close.
_CLOSES_LEFT = tuple(".,;:!?)]}%\u2019\u201d")


def view_text(spans: Sequence[Span], keep: Callable[[Span], bool],
              inferred_spaces: bool = False) -> str:
    """The text of the spans ``keep`` accepts, joined.

    ``inferred_spaces``: the spaces are the reader's inference from gaps on a page (a PDF),
    which shows no owner for a space between differently marked words.  Where words were
    taken out, the space is decided from both sides instead: none before punctuation that
    closes on the word before it ("service| in attendance at the site|." -> "service."),
    one where a gap stood at an edge of the words taken out ("evaluations|, unit member
    discipline |shall" -> "evaluations shall"), none where the words were glued on both
    sides ("stu|den|t" -> "stut").
    """
    if not inferred_spaces:
        return "".join(s.text for s in spans if keep(s))
    out: List[str] = []
    gap = removed = False
    for s in spans:
        if not keep(s):
            removed = True
            gap = gap or s.text[:1].isspace() or s.text[-1:].isspace()
            continue
        text = s.text
        if removed and out and text:
            if text.lstrip().startswith(_CLOSES_LEFT):
                out[-1] = out[-1].rstrip(" ")
                text = text.lstrip(" ")
            elif gap and not out[-1][-1:].isspace() and not text[:1].isspace():
                text = " " + text
        out.append(text)
        gap = removed = False
    return "".join(out)


def para_from_spans(spans: Sequence[Span], round_no: Optional[int] = None,
                    inferred_spaces: bool = False, **meta) -> Para:
    """A :class:`Para` for one view: ``round_no`` None is the latest text (accept all).
    ``inferred_spaces``: see :func:`view_text`."""
    keep: Callable[[Span], bool]
    if round_no is None:
        kept = tuple(spans)
        visible = [s for s in spans if s.kind != DEL]
        deleted = bool(spans) and not "".join(s.text for s in visible).strip()
        text_spans = visible if not deleted else list(spans)
        keep = (lambda s: s.kind != DEL) if not deleted else (lambda s: True)
    else:
        k = round_no
        kept = tuple(s for s in spans if s.in_round(k))
        text_spans = list(kept)
        deleted = False
        keep = lambda s: s.in_round(k)  # noqa: E731
    text = squash(view_text(spans, keep, inferred_spaces))
    words = [s for s in text_spans if s.text.strip()]
    # In redlines where every change is also bold, the unmarked words tell whether the line
    # itself is bold (a heading); only a wholly new line is judged on its marked words.
    plain = [s for s in words if s.kind == "base"]
    bold = bool(words) and all(s.bold for s in (plain or words))
    italic = bool(words) and all(s.italic for s in words)
    return Para(text=text, spans=kept, bold=bold, italic=italic, deleted=deleted, **meta)
