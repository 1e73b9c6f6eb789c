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
from typing import Dict, List, Optional, Sequence, Set

from .result import ClauseChange
from .sequence import Item, Pair, align, longest_chain


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
