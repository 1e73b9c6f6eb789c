"""Pairing the blocks (paragraphs, tables) of two documents from a comparison's clause pairs.

A renderer that re-aligned the paragraphs on its own could pair them differently from the
comparison whose summary, JSON and HTML the user reads: one DOCX saying a clause was
rewritten and moved while the summary says it was struck and another proposed.  Here the
blocks each clause was drawn from follow their clause: a paired clause's blocks pair with
its counterpart's (in order, or by content when a note or line came or went), a deleted or
inserted clause's blocks stay unpaired, and only the blocks no clause owns (titles, blank
lines) are aligned by content among themselves.  Blocks off the longest in-order chain are
moves, as in :func:`~redline.align.sequence.align`.
"""
from __future__ import annotations

from collections import defaultdict
from typing import (AbstractSet, Dict, List, Optional, Sequence, Set, Tuple)

from ..conventions.numbering import match_number
from .result import ClauseChange, Comparison
from .sequence import (DEFAULT_CONTAINED, DEFAULT_SAME_PLACE, Item, Pair, align,
                       longest_chain, ordered_similarity)
from .words import containment, similarity

#: Paragraphs left between the same two anchors pair (and show word changes) only when
#: this share of their words runs in the same order in both, the rule clauses in one place
#: follow (``align.sequence.DEFAULT_SAME_PLACE``); less alike, they are a deletion and an
#: insertion.
DEFAULT_PARAGRAPH_PAIRING = DEFAULT_SAME_PLACE

Order = List[Tuple[Optional[int], Optional[int], Optional[Pair]]]


def text_key(text: str) -> Tuple[str, str]:
    """(content key, clause number) of a paragraph's visible text, for aligning blocks: the
    number is set apart so that a renumbered paragraph keys as its words."""
    text = " ".join(text.split())
    m = match_number(text)
    if m and m.number and m.kind != "item":
        return m.rest, m.number
    return text, (m.number if m else "")


def clause_hints(result: Comparison) -> Dict[str, str]:
    """For the lines of every clause pair the comparison made: the new line's block key ->
    the old line's, where the two clauses have as many lines.  The blocks of a document's
    own body (a DOCX) are aligned with these taken first (``align(..., hints=...)``), so
    that they pair as the comparison's clauses did and the body is not searched paragraph
    by paragraph for what the comparison already found."""
    hints: Dict[str, str] = {}
    for ch in result.changes:
        if ch.old is None or ch.new is None or ch.status == "unchanged":
            continue
        olds = ch.old.full_text.split("\n") + [n.text for n in ch.old.notes]
        news = ch.new.full_text.split("\n") + [n.text for n in ch.new.notes]
        if len(olds) != len(news):
            continue
        for a, b in zip(olds, news):
            ka, kb = text_key(a)[0], text_key(b)[0]
            if ka != kb:
                hints.setdefault(kb, ka)
    return hints


def clause_solos(result: Comparison) -> Tuple[Set[str], Set[str]]:
    """The block keys of every line of a numbered clause the comparison deleted (old side)
    or inserted (new side).  A document's own body aligned with the comparison's hints never
    pairs these by likeness (only a line identical on both sides still pairs): the DOCX
    shows a struck clause and a new one where the summary does, never one rewritten into
    the other.  A key the body holds more than once (the same line in a kept clause too)
    decides nothing: the renderer, which keys every block anyway, drops those."""
    gone: Set[str] = set()
    added: Set[str] = set()
    for ch in result.changes:
        # numbered clauses only: unnumbered paragraphs are the comparison's guess at a
        # clause (a plain document's paragraphs), where likeness is the better judge
        if ch.old is not None and ch.new is None and ch.old.number:
            gone.update(text_key(t)[0] for t in ch.old.full_text.split("\n") if t.strip())
        elif ch.new is not None and ch.old is None and ch.new.number:
            added.update(text_key(t)[0] for t in ch.new.full_text.split("\n") if t.strip())
    return gone, added


def gap_pairs(order: Order, old_keys: Sequence[str], new_keys: Sequence[str],
              old_kinds: Optional[Sequence[str]] = None,
              new_kinds: Optional[Sequence[str]] = None,
              fixed_old: AbstractSet[int] = frozenset(),
              fixed_new: AbstractSet[int] = frozenset()) -> Order:
    """``order`` (:func:`~redline.align.sequence.merge_order`) with the leftovers inside a
    gap between anchors (a rewritten paragraph, an emptied one) paired in order when they
    are alike enough (and of one kind: paragraph, table); the rest stay deletions and
    insertions.  Positions in ``fixed_old``/``fixed_new`` were decided elsewhere (by the
    comparison) and never pair here."""
    out: Order = []
    k = 0
    order = list(order)
    while k < len(order):
        i, j, pair = order[k]
        if pair is not None:
            out.append((i, j, pair))
            k += 1
            continue
        dels: List[int] = []
        ins: List[int] = []
        m = k
        while m < len(order) and order[m][2] is None:
            if order[m][1] is None:
                dels.append(order[m][0])  # type: ignore[arg-type]
            else:
                ins.append(order[m][1])  # type: ignore[arg-type]
            m += 1
        used: Set[int] = set()
        for jj in ins:
            match = None
            if jj not in fixed_new:
                for ii in dels:
                    if ii in used or ii in fixed_old or (
                            old_kinds is not None and new_kinds is not None and
                            old_kinds[ii] != new_kinds[jj]):
                        continue
                    a, b = old_keys[ii], new_keys[jj]
                    if (not a and not b) or containment(a, b) >= DEFAULT_CONTAINED or (
                            similarity(a, b) >= DEFAULT_PARAGRAPH_PAIRING and
                            ordered_similarity(a, b) >= DEFAULT_PARAGRAPH_PAIRING):
                        match = ii
                        break
            if match is None:
                out.append((None, jj, None))
                continue
            # keep order: the unmatched deletions before it come first
            for ii in dels:
                if ii < match and ii not in used:
                    out.append((ii, None, None))
                    used.add(ii)
            used.add(match)
            out.append((match, jj, Pair(match, jj, 0.5)))
        for ii in dels:
            if ii not in used:
                out.append((ii, None, None))
        k = m
    return out


def block_pairs(changes: Sequence[ClauseChange], old_owner: Sequence[Optional[int]],
                new_owner: Sequence[Optional[int]], old_items: Sequence[Item],
                new_items: Sequence[Item]) -> List[Pair]:
    """Pairs of block positions, sorted by new position.

    ``old_owner[k]`` is the index (as in ``ClauseChange.old_index``) of the clause old block
    ``k`` belongs to, or None; ``old_items`` are the blocks' alignment keys; the same for
    the new side.
    """
    old_of: Dict[int, List[int]] = defaultdict(list)
    new_of: Dict[int, List[int]] = defaultdict(list)
    for k, c in enumerate(old_owner):
        if c is not None:
            old_of[c].append(k)
    for k, c in enumerate(new_owner):
        if c is not None:
            new_of[c].append(k)
    found: Dict[int, Pair] = {}
    used_old: Set[int] = set()

    def take(olds: Sequence[int], news: Sequence[int], paired_clauses: bool) -> None:
        if paired_clauses and len(olds) == len(news):
            # the comparison paired the clauses and their lines still correspond one to
            # one: they pair in order (a line rewritten whole is still that line)
            matches = [Pair(i, i, 1.0) for i in range(len(news))]
        elif len(olds) == len(news) and all(
                old_items[o].key == new_items[n].key for o, n in zip(olds, news)):
            matches = [Pair(i, i, 1.0) for i in range(len(news))]
        else:
            matches = align([old_items[o] for o in olds], [new_items[n] for n in news])
            if paired_clauses and not matches and len(olds) == len(news) == 1:
                # one line each, changed beyond recognition: the comparison paired the
                # clauses, so their lines pair too
                matches = [Pair(0, 0, 0.0)]
        for m in matches:
            o, n = olds[m.old], news[m.new]
            if o not in used_old and n not in found:
                found[n] = Pair(o, n, m.score)
                used_old.add(o)

    for ch in changes:
        if ch.old_index is not None and ch.new_index is not None:
            take(old_of.get(ch.old_index, []), new_of.get(ch.new_index, []), True)
    # blocks no clause owns: titles, blank lines, furniture
    free_old = [k for k, c in enumerate(old_owner) if c is None and k not in used_old]
    free_new = [k for k, c in enumerate(new_owner) if c is None and k not in found]
    take(free_old, free_new, False)
    pairs = list(found.values())
    chain = longest_chain(pairs)
    return sorted((p if p in chain else Pair(p.old, p.new, p.score, moved=True)
                   for p in pairs), key=lambda p: p.new)
