"""The diff engine: articles, then clauses, then words."""
from __future__ import annotations

import logging
import re
from itertools import zip_longest
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

from ..model import Article, Clause, Document, Footnote, Proposal
from ..conventions.numbering import TOC_LEADER
from ..timing import progress, stage
from .result import (ArticleMatch, ClauseChange, CompareOptions, Comparison, FootnoteChange,
                     FurnitureChange, NoteChange)
from .fingerprint import ContainerIndex, Fingerprint, contained
from .sequence import Item, Pair, align, merge_order
from .words import (DELETE, EQUAL, INSERT, WordDiffOptions, diff_words, item_opcodes,
                    similarity, token_key)

__all__ = ["compare_documents", "CompareOptions", "Comparison", "ClauseChange"]

#: Share of a clause's words found in another for it to count as split off from it.
DEFAULT_CONTAINMENT = 0.8
#: Below this share of clauses paired across the two versions, the inputs are probably not
#: versions of one text (in the sample corpus: >= 0.69 for versions of one article, <= 0.05
#: for two different articles).
DEFAULT_MISMATCH_SHARE = 0.2
#: Documents with fewer clauses than this are too small to judge.
_MISMATCH_MIN_CLAUSES = 3

log = logging.getLogger("redline")


def _key(text: str, options: CompareOptions) -> str:
    """What two clauses must share to be the same text: white space folded, and case and
    punctuation style too when the options say so (string operations only: this runs on
    every clause)."""
    from .words import _QUOTES

    key = " ".join(text.split())
    if options.ignore_punctuation_style:
        key = key.translate(_QUOTES)
    if options.ignore_case:
        key = key.casefold()
    return key


def _match_key(key: str) -> str:
    """What alignment pairs clauses by: the clause key, but a table-of-contents line without
    its leader and page number (they come and go while the line stays the same)."""
    return TOC_LEADER.sub(" ", key).strip() if "...." in key else key


def clause_body(c: Clause) -> str:
    """A clause without its number: heading, text and table."""
    parts = [p for p in (c.prefix, c.heading) if p]
    head = " ".join(parts)
    body = "\n".join(p for p in (head, c.text) if p)
    if c.table:
        body = "\n".join([body] + [" | ".join(r) for r in c.table]).strip("\n")
    return body


def _word_options(options: CompareOptions) -> WordDiffOptions:
    return WordDiffOptions(options.ignore_case, options.ignore_punctuation_style,
                           options.ignore_whitespace)


def clause_ops(old: Optional[Clause], new: Optional[Clause], options: CompareOptions
               ) -> Tuple[Tuple[str, str], ...]:
    """The word diff of two clauses (either may be absent: a whole insertion or deletion)."""
    with stage("diff"):
        return _clause_ops(old, new, options)


def _clause_ops(old: Optional[Clause], new: Optional[Clause], options: CompareOptions
                ) -> Tuple[Tuple[str, str], ...]:
    wopts = _word_options(options)
    if old is None and new is not None:
        return (("insert", new.full_text),) if new.full_text else ()
    if new is None and old is not None:
        return (("delete", old.full_text),) if old.full_text else ()
    assert old is not None and new is not None
    if options.ignore_numbering and old.number != new.number:
        num = new.number_printed or new.number
        ops: List[Tuple[str, str]] = []
        if num:
            sep = "\n" if new.heading == "" and False else " "
            ops.append((EQUAL, num + (sep if clause_body(new) else "")))
        ops.extend(diff_words(_body_printed(old), _body_printed(new), wopts))
        return tuple(ops)
    return tuple(diff_words(old.full_text, new.full_text, wopts))


def _body_printed(c: Clause) -> str:
    full = c.full_text
    num = c.number_printed or c.number
    if num and full.startswith(" ".join(p for p in (c.prefix, num) if p)):
        cut = len(" ".join(p for p in (c.prefix, num) if p))
        return (c.prefix + " " if c.prefix else "") + full[cut:].lstrip(" \n")
    return full


def _status(old_key: str, new_key: str, old: Clause, new: Clause, pair: Pair,
            options: CompareOptions) -> str:
    same_body = old_key == new_key
    if pair.moved:
        return "moved"
    if same_body:
        if old.number != new.number and not options.ignore_numbering:
            return "renumbered"
        return "unchanged"
    return "changed"


class _LazyPrints:
    """Fingerprints of a clause list, each made when first asked for."""

    def __init__(self, bodies: Sequence[str]) -> None:
        self._bodies = bodies
        self._prints: Dict[int, Fingerprint] = {}

    def __len__(self) -> int:
        return len(self._bodies)

    def __getitem__(self, i: int) -> Fingerprint:
        fp = self._prints.get(i)
        if fp is None:
            fp = self._prints[i] = Fingerprint.of(self._bodies[i])
        return fp


class _LazyIndex:
    """A ContainerIndex over the kept clauses, built when first asked."""

    def __init__(self, prints: _LazyPrints, members: Dict[int, int]) -> None:
        self._prints, self._members = prints, members
        self._index: Optional[ContainerIndex] = None

    def first_container(self, part: Fingerprint, threshold: float,
                        accept: Callable[[int], bool]) -> Optional[int]:
        if self._index is None:
            self._index = ContainerIndex(self._prints, self._members)  # type: ignore[arg-type]
        return self._index.first_container(part, threshold, accept)


def _container(part: Fingerprint, kept: "_LazyIndex", own_side: "_LazyPrints",
               counterpart: Dict[int, int]) -> Optional[int]:
    """The kept clause of the other version that holds ``part``'s words, when ``part``'s own
    counterpart of that clause does not hold them already (else nothing was split off)."""
    return kept.first_container(
        part, DEFAULT_CONTAINMENT,
        lambda k: contained(part, own_side[counterpart[k]]) < 0.5)


def align_clauses(old: Sequence[Clause], new: Sequence[Clause], options: CompareOptions,
                  old_offset: int = 0, new_offset: int = 0, article: str = ""
                  ) -> List[ClauseChange]:
    """Clause changes between two articles' clause lists, in reading order."""
    old_bodies = [clause_body(c) for c in old]
    new_bodies = [clause_body(c) for c in new]
    old_keys = [_key(b, options) for b in old_bodies]
    new_keys = [_key(b, options) for b in new_bodies]
    pairs = align([Item(_match_key(k), c.number, c.heading) for k, c in zip(old_keys, old)],
                  [Item(_match_key(k), c.number, c.heading) for k, c in zip(new_keys, new)])
    paired_old = {p.old: p.new for p in pairs}
    paired_new = {p.new: p.old for p in pairs}
    # Split/merge detection: every clause fingerprinted once, containers found through an
    # index of the kept clauses (never every inserted clause against every kept one).  Both
    # are made on first use: most articles have no inserted or deleted clause.
    old_prints = _LazyPrints(old_bodies)
    new_prints = _LazyPrints(new_bodies)
    kept_old = _LazyIndex(old_prints, paired_old)
    kept_new = _LazyIndex(new_prints, paired_new)
    changes: List[ClauseChange] = []
    for i, j, pair in merge_order(len(old), len(new), pairs):
        if j is None and pair is not None:
            continue  # the old place of a moved clause: shown with the move itself
        if i is not None and j is not None and pair is not None:
            oc, nc = old[i], new[j]
            status = _status(old_keys[i], new_keys[j], oc, nc, pair, options)
            changes.append(ClauseChange(
                status, old_offset + i, new_offset + j, oc, nc, clause_ops(oc, nc, options),
                article, heading_changed=oc.heading != nc.heading))
        elif j is not None:
            nc = new[j]
            # split: the words of this new clause were in an old clause kept elsewhere
            source = _container(new_prints[j], kept_old, new_prints, paired_old) \
                if nc.text else None
            changes.append(ClauseChange(
                "split" if source is not None else "inserted", None, new_offset + j, None, nc,
                clause_ops(None, nc, options), article,
                related=None if source is None else old_offset + source))
        elif i is not None:
            oc = old[i]
            # merge: the words of this old clause are in a new clause kept elsewhere
            into = _container(old_prints[i], kept_new, old_prints, paired_new) \
                if oc.text else None
            changes.append(ClauseChange(
                "merged" if into is not None else "deleted", old_offset + i, None, oc, None,
                clause_ops(oc, None, options), article,
                related=None if into is None else new_offset + into))
    return changes


def _article_text(a: Article) -> str:
    return " ".join(c.full_text for c in a.clauses[:40])


#: Words found in at most this share of the unpaired articles (or in 3 of them) are rare
#: enough to say which article another one was renamed from.
DEFAULT_RARE_ARTICLE_WORDS = 0.1


def _article_candidates(olds: Sequence[Article]):
    """A function giving, for a new article, the positions in ``olds`` worth scoring: those
    sharing a word of its title or a rare word of its text (an index, never every pair: a
    renamed article keeps its own vocabulary, and articles sharing only common words score
    far below the pairing line)."""
    from collections import defaultdict

    def words(text: str) -> set:
        return {w for w in re.findall(r"[^\W\d_]{3,}", text.lower())}

    by_word: Dict[str, List[int]] = defaultdict(list)
    by_title: Dict[str, List[int]] = defaultdict(list)
    for k, a in enumerate(olds):
        for wd in words(_article_text(a)):
            by_word[wd].append(k)
        for wd in words(a.title):
            by_title[wd].append(k)
    rare = max(3, int(DEFAULT_RARE_ARTICLE_WORDS * len(olds)))

    def candidates(a: Article) -> List[int]:
        found: Set[int] = set()
        for wd in words(a.title):
            found.update(by_title.get(wd, ()))
        for wd in words(_article_text(a)):
            hits = by_word.get(wd, ())
            if len(hits) <= rare:
                found.update(hits)
        return sorted(found)
    return candidates


def align_articles(old: Sequence[Article], new: Sequence[Article]) -> List[Pair]:
    """Articles pair by title first, then (renamed articles) by content."""
    if len(old) == 1 and len(new) == 1:
        return [Pair(0, 0, 1.0)]
    pairs: List[Pair] = []
    used_old, used_new = set(), set()
    titles: Dict[str, int] = {}
    for i, a in enumerate(old):
        titles.setdefault(a.key, i)
    for j, a in enumerate(new):
        hit = titles.get(a.key)
        if hit is not None and hit not in used_old and a.key:
            i = hit
            pairs.append(Pair(i, j, 1.0))
            used_old.add(i)
            used_new.add(j)
    scored = []
    free_old = [i for i in range(len(old)) if i not in used_old]
    candidates = _article_candidates([old[i] for i in free_old])
    old_texts: Dict[int, str] = {}  # each article's text made once, not once per candidate
    for j, a in enumerate(new):
        if j in used_new:
            continue
        text = _article_text(a)
        for k in candidates(a):
            i, b = free_old[k], old[free_old[k]]
            if i not in old_texts:
                old_texts[i] = _article_text(b)
            sc = 0.6 * similarity(old_texts[i], text) + \
                0.4 * similarity(b.title, a.title)
            if sc >= 0.45:
                scored.append((sc, i, j))
    for sc, i, j in sorted(scored, reverse=True):
        if i in used_old or j in used_new:
            continue
        pairs.append(Pair(i, j, sc))
        used_old.add(i)
        used_new.add(j)
    return sorted(pairs, key=lambda p: p.new)


def compare_documents(old: Document, new: Document,
                      options: Optional[CompareOptions] = None) -> Comparison:
    """Compare two versions (a redline input counts as its latest round)."""
    with stage("align"):
        return _compare_documents(old, new, options or CompareOptions())


def _compare_documents(old: Document, new: Document, options: CompareOptions) -> Comparison:
    old_v, new_v = old.latest(), new.latest()
    pairs = align_articles(old_v.articles, new_v.articles)
    old_offsets, new_offsets = [], []
    acc = 0
    for a in old_v.articles:
        old_offsets.append(acc)
        acc += len(a.clauses)
    acc = 0
    for a in new_v.articles:
        new_offsets.append(acc)
        acc += len(a.clauses)
    changes: List[ClauseChange] = []
    articles: List[ArticleMatch] = []
    paired_old = {p.old: p for p in pairs}
    by_new = {p.new: p for p in pairs}
    done_old = set()

    def flush_old_until(limit: int) -> None:
        for i in range(limit):
            if i in done_old or i in paired_old:
                continue
            done_old.add(i)
            a = old_v.articles[i]
            articles.append(ArticleMatch(a.title, None, a.number, None))
            changes.extend(align_clauses(a.clauses, [], options, old_offsets[i], 0, a.title))

    for j, a in enumerate(new_v.articles):
        progress("compare", j, len(new_v.articles))
        p = by_new.get(j)
        if p is None:
            articles.append(ArticleMatch(None, a.title, None, a.number))
            changes.extend(align_clauses([], a.clauses, options, 0, new_offsets[j], a.title))
            continue
        flush_old_until(p.old)
        done_old.add(p.old)
        o = old_v.articles[p.old]
        articles.append(ArticleMatch(o.title, a.title, o.number, a.number))
        changes.extend(align_clauses(o.clauses, a.clauses, options, old_offsets[p.old],
                                     new_offsets[j], a.title))
    flush_old_until(len(old_v.articles))
    progress("compare", len(new_v.articles), len(new_v.articles))
    author = Proposal(party=options.party or new_v.proposal.party,
                      date=options.date or new_v.proposal.date,
                      label=options.label or new_v.proposal.label)
    warnings = mismatch_warnings(changes, len(old_v.clauses), len(new_v.clauses))
    for text in warnings:
        log.warning("%s vs %s: %s", old.source or "old", new.source or "new", text)
    return Comparison(old_v, new_v, tuple(changes), options, tuple(articles), author,
                      tuple(warnings), compare_footnotes(old_v.footnotes, new_v.footnotes,
                                                         options),
                      compare_notes(changes),
                      compare_furniture(old_v, new_v))


#: Header and footer lines that change with every round and say nothing of the terms:
#: page numbers ("Page 2 of 9", "- 3 -").
_PAGE_NUMBER = re.compile(r"^\W*(?:page\s+)?\d+(?:\s+of\s+\d+)?\W*$", re.I)
#: ... and each side's reservation of rights, printed on its own counters only.
_RESERVATION = re.compile(r"reserves?\s+the\s+right", re.I)


def _furniture_lines(lines: Sequence[str]) -> List[str]:
    """Header or footer lines worth comparing: proposal lines and key entries (they carry a
    date), page numbers and reservations of rights left out, white space folded."""
    from ..conventions.dates import month_day, parse_date

    out = []
    for line in lines:
        text = " ".join(line.split())
        if not text or _PAGE_NUMBER.match(text) or _RESERVATION.search(text) or \
                parse_date(text)[0] or month_day(text):
            continue
        out.append(text)
    return out



def compare_furniture(old: Document, new: Document) -> Tuple[FurnitureChange, ...]:
    """Header and footer lines added or dropped (as sets of lines: their order on the page
    says nothing); see :class:`FurnitureChange`."""
    out: List[FurnitureChange] = []
    for part, a, b in (("header", old.header_lines, new.header_lines),
                       ("footer", old.footer_lines, new.footer_lines)):
        before, after = _furniture_lines(a), _furniture_lines(b)
        out.extend(FurnitureChange(part, "deleted", t) for t in before if t not in after)
        out.extend(FurnitureChange(part, "inserted", t) for t in after if t not in before)
    return tuple(out)


def compare_notes(changes: Sequence[ClauseChange]) -> Tuple[NoteChange, ...]:
    """Position notes added, dropped or reworded under the clauses both versions hold (in
    order, identical notes first; a dropped note beside an added one is a reworded note)."""
    out: List[NoteChange] = []
    for ch in changes:
        if ch.old is None or ch.new is None or ch.old.notes == ch.new.notes:
            continue
        a = [" ".join(n.text.split()) for n in ch.old.notes]
        b = [" ".join(n.text.split()) for n in ch.new.notes]
        if a == b:
            continue
        number = ch.new.number or ch.old.number
        for tag, i1, i2, j1, j2 in item_opcodes(a, b):
            if tag == EQUAL:
                continue
            if tag == DELETE:
                out.extend(NoteChange(number, "deleted", t, "", ch.article) for t in a[i1:i2])
            else:
                out.extend(NoteChange(number, "inserted", "", t, ch.article) for t in b[j1:j2])
        # a deletion right before an insertion under one clause: one reworded note
        merged: List[NoteChange] = []
        for n in out:
            prev = merged[-1] if merged else None
            if prev is not None and prev.status == "deleted" and n.status == "inserted" and \
                    prev.clause == n.clause and prev.article == n.article:
                merged[-1] = NoteChange(n.clause, "changed", prev.old_text, n.new_text,
                                        n.article)
            else:
                merged.append(n)
        out = merged
    return tuple(out)


def compare_footnotes(old: Sequence[Footnote], new: Sequence[Footnote],
                      options: CompareOptions) -> Tuple[FootnoteChange, ...]:
    """Footnotes and endnotes paired in body order (identical ones first, the rest in
    order), then diffed word by word; unchanged ones are left out."""
    wopts = _word_options(options)
    key = token_key(wopts)
    out: List[FootnoteChange] = []
    for kind in ("footnote", "endnote"):
        a = [n for n in old if n.kind == kind]
        b = [n for n in new if n.kind == kind]
        codes = item_opcodes([key(" ".join(n.text.split())) for n in a],
                             [key(" ".join(n.text.split())) for n in b])
        # a deletion followed by an insertion is a run of changed notes, paired in order
        gone: List[Footnote] = []
        for tag, i1, i2, j1, j2 in codes + [(EQUAL, len(a), len(a), len(b), len(b))]:
            if tag == DELETE:
                gone.extend(a[i1:i2])
                continue
            came = b[j1:j2] if tag == INSERT else []
            for o, n in zip_longest(gone, came):
                if o is not None and n is not None:
                    out.append(FootnoteChange(kind, "changed", o.number, n.number,
                                              tuple(diff_words(o.text, n.text, wopts))))
                elif o is not None:
                    out.append(FootnoteChange(kind, "deleted", o.number, None,
                                              ((DELETE, o.text),)))
                else:
                    out.append(FootnoteChange(kind, "inserted", None, n.number,
                                              ((INSERT, n.text),)))
            gone = []
    return tuple(out)


def mismatch_warnings(changes: Sequence[ClauseChange], old_count: int, new_count: int
                      ) -> List[str]:
    """A warning when two documents share too few clauses to be versions of one text.

    The comparison is still right (everything is a deletion and an insertion), but a user
    who picked the wrong file should hear about it rather than read a wall of changes.
    """
    largest = max(old_count, new_count)
    if not old_count or not new_count or largest < _MISMATCH_MIN_CLAUSES:
        return []
    paired = sum(1 for c in changes if c.old is not None and c.new is not None)
    if paired / largest >= DEFAULT_MISMATCH_SHARE:
        return []
    return [f"the two documents share few clauses ({paired} of {largest} paired): are they "
            "versions of the same article?"]


def order_warnings(old: Proposal, new: Proposal) -> List[str]:
    """A warning when the proposal dates say the "old" version is the newer one: the
    changes would be shown reversed, struck words as the other side's insertions."""
    if not old.date or not new.date:
        return []
    a, b = old.date, new.date
    if len(a) != len(b):  # one has a time of day, the other not: compare the days
        a, b = a[:10], b[:10]
    if a <= b:
        return []
    return [f"the old version is dated {old.date}, after the new one ({new.date}): the changes "
            "are shown reversed; give the older file first"]
