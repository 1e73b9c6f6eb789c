"""Clause fingerprints, made once per comparison, and an index that finds containers.

Split and merge detection asks, for each inserted (or deleted) clause, "which clause of the
other version holds nearly all of its words?".  Asked naively that is every inserted clause
against every kept clause, each tokenized again: quadratic in the number of clauses, and on
real agreements (Oregon's 26 pairs, thousands of clauses) the bulk of a comparison's time.

Here every text is tokenized once (``Fingerprint``) and the kept clauses go into an inverted
index.  A container of a text must hold at least ``threshold`` of its words, so it cannot
miss all of the text's rarest words once those add up to more than the misses allowed: only
clauses holding one of those rare words are candidates (the prefix filter of set-similarity
joins).  The answer is exactly the naive one, the first container in index order.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Fingerprint:
    """A text's words as containment needs them."""

    #: lower-cased words (letters and digits), in order: what must be found in a container
    words: Tuple[str, ...]
    #: the same words as a set: what a container offers
    vocabulary: FrozenSet[str]

    @cached_property
    def counts(self) -> "Counter[str]":
        """How often each word occurs (containment counts a repeated word each time): made
        for the texts looked for, not for every container they are looked for in."""
        return Counter(self.words)

    @classmethod
    def of(cls, text: str) -> "Fingerprint":
        # Plain word characters, not the diff's tokens: containment asks which words are
        # there, and one regex pass is several times cheaper than the tokenizer on every
        # clause of a long agreement.
        words = tuple(_WORD.findall(text.lower()))
        return cls(words, frozenset(words))


def contained(part: Fingerprint, whole: Fingerprint) -> float:
    """The share of ``part``'s words found in ``whole`` (0 when ``part`` has none)."""
    if not part.words:
        return 0.0
    counts = part.counts
    # the shared distinct words through one C-level set intersection, each counted as often
    # as ``part`` has it: the same sum as testing every word of ``part`` in turn
    return sum(map(counts.__getitem__, part.vocabulary & whole.vocabulary)) / len(part.words)


def _max_misses(n: int, threshold: float) -> int:
    """The most words a container may miss of ``n`` and still hold ``threshold`` of them,
    computed with the same float expression ``contained`` uses (no rounding surprises)."""
    m = 0
    while m < n and (n - m - 1) / n >= threshold:
        m += 1
    return m


class ContainerIndex:
    """Finds, among ``members`` of ``prints``, the first that holds a text's words."""

    def __init__(self, prints: Sequence[Fingerprint], members: Iterable[int]) -> None:
        self._prints = prints
        self._postings: Dict[str, List[int]] = defaultdict(list)
        for i in sorted(set(members)):
            for word in prints[i].vocabulary:
                self._postings[word].append(i)

    def first_container(self, part: Fingerprint, threshold: float,
                        accept: Callable[[int], bool] = lambda i: True) -> Optional[int]:
        """The lowest member index holding at least ``threshold`` of ``part``'s words and
        accepted by ``accept``; None when there is none."""
        if not part.words:
            return None
        counts = part.counts
        allowed = _max_misses(len(part.words), threshold)
        rare_first = sorted(counts, key=lambda w: (len(self._postings.get(w, ())), w))
        candidates: set = set()
        missed = 0
        for word in rare_first:
            candidates.update(self._postings.get(word, ()))
            missed += counts[word]
            if missed > allowed:
                break
        for i in sorted(candidates):
            if contained(part, self._prints[i]) >= threshold and accept(i):
                return i
        return None
