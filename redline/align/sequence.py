"""Aligning two sequences of items (clauses, paragraphs, articles) by content and number.

Two items pair (the same clause, edited, renumbered or moved) only on evidence that they
are one clause; otherwise the old one is deleted and the new one inserted.  A redline that
turns a struck clause into an unrelated new one word by word misstates what was proposed.
The evidence, in the order it is looked at (docs/compare.md shows examples either side of
each line):

1. identical content, under any number (a renumbered clause is found here);
2. nearly the same words in the same order: ordered similarity (twice the longest common
   word subsequence over both lengths) >= ``DEFAULT_STRONG``, best pairs first;
3. the same number, or the same heading, with the words still largely shared: ordered
   similarity >= ``DEFAULT_SAME_PLACE``, or one holding (nearly) all of the other's words
   (``DEFAULT_CONTAINED``: a clause expanded or cut down);
4. content alone, with nothing else in common: ordered similarity >= ``DEFAULT_WEAK``,
   among candidates that share rare word shingles (never an all-pairs grid).

Headings that share no word are evidence against: such items pair only at stage 2.  Then
the longest in-order chain of pairs is kept as the backbone; pairs off the chain are moves.
An inserted item cannot steal the number of the item it pushed down because content is
matched before numbers are.
"""
from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain as chained
from typing import Dict, FrozenSet, Iterator, List, Mapping, Optional, Sequence, Set, Tuple

from .words import common_in_order, containment, similarity, solid_tokens

#: Ordered similarity above which two items are the same item, edited, whatever their
#: numbers and headings say.
DEFAULT_STRONG = 0.75
#: Ordered similarity needed to pair items under the same number or the same heading.
#: In the sample corpus every true pair is >= 0.6; unrelated clauses of one article share
#: function words ("the", "shall", "days") but rarely a third of them in order.
DEFAULT_SAME_PLACE = 0.35
#: Under the same number, a clause whose words are (nearly) all inside the other's is the
#: same clause expanded or cut down, however much was added ("shall receive notice." ->
#: "shall receive written notice of any change ... at least ten (10) days before ...").
DEFAULT_CONTAINED = 0.8
#: Ordered similarity needed to pair items with nothing else in common (another number,
#: no shared heading).  True pairs in the sample corpus are >= 0.60; the sample's struck
#: "X.4 Sick Leave Donation" and new "X.2 Family Care" share 0.52 of their words in order
#: ("A member may ... up to ... days of sick leave each school year to") and must not pair.
DEFAULT_WEAK = 0.6
#: Most candidates looked at per item in the similarity stages.
DEFAULT_MAX_CANDIDATES = 12
#: Shingle length (words) for candidate search.
SHINGLE = 3


@dataclass(frozen=True)
class Item:
    key: str  # the content compared (normalised text)
    number: str = ""
    heading: str = ""  # a clause's heading, when it has one: evidence for or against


def _heading_words(heading: str) -> FrozenSet[str]:
    return frozenset(w for w in _words(heading) if w.isalnum())


@dataclass(frozen=True)
class Pair:
    old: int
    new: int
    score: float
    moved: bool = False


def _words(text: str) -> List[str]:
    """The text's tokens but white space, lower-cased."""
    if text.isascii():
        # the tokenizer's patterns ignore case: on ASCII text, the tokens of the lower-cased
        # text are the lower-cased tokens (one lower() instead of one per token)
        return solid_tokens(text.lower())
    return [t.lower() for t in solid_tokens(text)]


def ordered_similarity(a: str, b: str) -> float:
    """Twice the longest common subsequence of the two texts' words over both lengths (the
    measure the rules above use), for callers outside an alignment."""
    return _Profiles().ordered(a, b)


class _Profiles:
    """Each text's word counts and shingles, made once per alignment from one tokenizing.

    Per call rather than a process-wide cache: a long document has more texts than any
    sensible cache holds, and a cache that thrashes tokenizes every text again for every
    candidate it is compared with."""

    def __init__(self) -> None:
        self._counts: Dict[str, Tuple["Counter[str]", int]] = {}
        self._shingles: Dict[str, FrozenSet[Tuple[str, ...]]] = {}
        self._words: Dict[str, List[str]] = {}

    def counts(self, text: str) -> Tuple["Counter[str]", int]:
        got = self._counts.get(text)
        if got is None:
            w = self.words(text)
            got = self._counts[text] = (Counter(w), len(w))
        return got

    def shingles(self, text: str) -> FrozenSet[Tuple[str, ...]]:
        """The text's runs of ``SHINGLE`` words (made only for the texts candidates are
        searched among: most texts are only ever counted)."""
        sh = self._shingles.get(text)
        if sh is None:
            w = self.words(text)
            if len(w) < SHINGLE:
                sh = frozenset({tuple(w)}) if w else frozenset()
            else:
                sh = frozenset(zip(*(w[k:] for k in range(SHINGLE))))
            self._shingles[text] = sh
        return sh

    def similarity(self, a: str, b: str) -> float:
        """``words.similarity`` from the stored counts."""
        return similarity(a, b, self.counts)

    def ordered(self, a: str, b: str) -> float:
        """Twice the longest common word subsequence over both lengths: how much of the two
        texts is the same words in the same order (never above ``similarity``)."""
        if a == b:
            return 1.0
        wa, wb = self.words(a), self.words(b)
        if not wa or not wb:
            return 0.0
        return 2.0 * common_in_order(wa, wb) / (len(wa) + len(wb))

    def words(self, text: str) -> List[str]:
        got = self._words.get(text)
        if got is None:
            got = self._words[text] = _words(text)
        return got

    def containment(self, a: str, b: str, min_words: int = 3) -> float:
        """``words.containment`` from the stored counts."""
        return containment(a, b, min_words, self.counts)


def longest_chain(pairs: Sequence[Pair]) -> Set[Pair]:
    """The longest chain of pairs increasing in both old and new index (patience LIS)."""
    ordered = sorted(pairs, key=lambda p: p.new)
    tails: List[int] = []
    tail_idx: List[int] = []
    prev: List[int] = [-1] * len(ordered)
    for i, p in enumerate(ordered):
        pos = bisect_left(tails, p.old)
        if pos == len(tails):
            tails.append(p.old)
            tail_idx.append(i)
        else:
            tails[pos] = p.old
            tail_idx[pos] = i
        prev[i] = tail_idx[pos - 1] if pos else -1
    chain: Set[Pair] = set()
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        chain.add(ordered[k])
        k = prev[k]
    return chain


def align(old: Sequence[Item], new: Sequence[Item], *, use_numbers: bool = True,
          strong: float = DEFAULT_STRONG, weak: float = DEFAULT_WEAK,
          max_candidates: int = DEFAULT_MAX_CANDIDATES,
          hints: Optional[Mapping[str, str]] = None) -> List[Pair]:
    """Pairs of matching items; items left out are deleted (old) or inserted (new).

    ``hints`` (new key -> old key) name, for an item, the item it was found to be by an
    alignment already made (a comparison's clause pairs, read line by line): such a pair is
    taken straight after the identical ones, on the same evidence as a pair in place
    (stage 3: enough words shared, headings not in conflict), without searching every
    candidate for it.  Unhinted items, and hinted ones that fail the test, are searched as
    usual."""
    pairs: Dict[int, Pair] = {}  # by new index
    used_old: Set[int] = set()
    profiles = _Profiles()
    similarity, containment, _shingles = \
        profiles.similarity, profiles.containment, profiles.shingles

    # 1. identical content, in order within each identical group
    by_key: Dict[str, List[int]] = defaultdict(list)
    for i, it in enumerate(old):
        if it.key:
            by_key[it.key].append(i)
    pending_new: List[int] = []
    groups_new: Dict[str, List[int]] = defaultdict(list)
    for j, it in enumerate(new):
        if it.key and it.key in by_key:
            groups_new[it.key].append(j)
        else:
            pending_new.append(j)
    for key, js in groups_new.items():
        is_ = by_key[key]
        if len(is_) == len(js):
            for i, j in zip(is_, js):
                pairs[j] = Pair(i, j, 1.0)
                used_old.add(i)
        else:
            # several copies of the same text: prefer the same number, then order
            free = list(is_)
            for j in js:
                same = [i for i in free if use_numbers and old[i].number == new[j].number]
                pick = same[0] if same else (free[0] if free else None)
                if pick is None:
                    pending_new.append(j)
                    continue
                free.remove(pick)
                pairs[j] = Pair(pick, j, 1.0)
                used_old.add(pick)
    pending_new.sort()

    heading_words: Dict[str, FrozenSet[str]] = {"": frozenset()}

    def _heading(heading: str) -> FrozenSet[str]:
        got = heading_words.get(heading)
        if got is None:
            got = heading_words[heading] = _heading_words(heading)
        return got

    def headings_conflict(i: int, j: int) -> bool:
        a, b = _heading(old[i].heading), _heading(new[j].heading)
        return bool(a) and bool(b) and not (a & b)

    def same_place(i: int, j: int) -> bool:
        """Edited in place: under the same number or the same heading, enough shared."""
        a, b = old[i].key, new[j].key
        if not a and not b:
            return True
        if containment(a, b) >= DEFAULT_CONTAINED:
            return True
        # the bag-of-words similarity bounds the ordered one from above and costs far
        # less: most same-number candidates after a renumbering fail here
        return similarity(a, b) >= DEFAULT_SAME_PLACE and \
            profiles.ordered(a, b) >= DEFAULT_SAME_PLACE

    if hints:
        free_by_key: Dict[str, List[int]] = defaultdict(list)
        for i, it in enumerate(old):
            if i not in used_old and it.key:
                free_by_key[it.key].append(i)
        rest: List[int] = []
        for j in pending_new:
            got = hints.get(new[j].key)
            olds = free_by_key.get(got, ()) if got is not None else ()
            pick = next((i for i in olds if i not in used_old), None)
            if pick is not None and not headings_conflict(pick, j) and same_place(pick, j):
                pairs[j] = Pair(pick, j, similarity(old[pick].key, new[j].key))
                used_old.add(pick)
            else:
                rest.append(j)
        pending_new = rest

    # candidate index over the old items still free
    index: Dict[Tuple[str, ...], List[int]] = defaultdict(list)
    for i, it in enumerate(old):
        if i in used_old:
            continue
        for s in _shingles(it.key):
            index[s].append(i)

    def candidates(j: int) -> List[int]:
        # every item sharing a shingle, counted in C (a shingle everywhere says nothing;
        # taken items are left out below)
        get = index.get
        counts = Counter(chained.from_iterable(
            hits for hits in map(get, _shingles(new[j].key)) if hits and len(hits) <= 50))
        # free items in the order first met (the order ties keep), most shared first
        ranked = sorted([i for i in counts if i not in used_old],
                        key=lambda i: (-counts[i], abs(i - j)))
        near = [i for i in range(max(0, j - 2), min(len(old), j + 3)) if i not in used_old]
        out = ranked[:max_candidates]
        for i in near:
            if i not in out:
                out.append(i)
        return out

    # 2. nearly the same words in order, best first.  The bag-of-words similarity bounds
    # the ordered one from above and costs far less, so candidates wait in a heap under
    # their bound and the ordered score is computed only for a pair that reaches the top
    # while both its items are still free: the same order as scoring every pair first.
    heap: List[Tuple[float, int, int, int, int]] = []
    for j in pending_new:
        nj = profiles.counts(new[j].key)[1]
        for i in candidates(j):
            ni = profiles.counts(old[i].key)[1]
            if 2.0 * min(ni, nj) < weak * (ni + nj):
                continue  # lengths alone keep this pair under ``weak``: skip the count
            sc = similarity(old[i].key, new[j].key)
            if sc >= weak:
                heap.append((-sc, abs(i - j), 1, i, j))
    heapq.heapify(heap)

    def best_pairs(floor: float) -> Iterator[Tuple[float, int, int]]:
        """Free pairs scoring at least ``floor`` in order, best first."""
        while heap and -heap[0][0] >= floor:
            neg, dist, estimate, i, j = heapq.heappop(heap)
            if i in used_old or j in pairs:
                continue
            if estimate:
                exact = profiles.ordered(old[i].key, new[j].key)
                if exact >= weak:
                    heapq.heappush(heap, (-exact, dist, 0, i, j))
                continue
            yield -neg, i, j

    for sc, i, j in best_pairs(strong):
        pairs[j] = Pair(i, j, sc)
        used_old.add(i)

    # 3. the same number, then the same heading, edited
    def pair_in_place(groups_old: Dict[str, List[int]], label) -> None:
        for j in pending_new:
            if j in pairs or not label(new[j]):
                continue
            for i in groups_old.get(label(new[j]), []):
                if i in used_old or headings_conflict(i, j) or not same_place(i, j):
                    continue
                pairs[j] = Pair(i, j, similarity(old[i].key, new[j].key))
                used_old.add(i)
                break

    if use_numbers:
        by_number: Dict[str, List[int]] = defaultdict(list)
        for i, it in enumerate(old):
            if i not in used_old and it.number:
                by_number[it.number].append(i)
        pair_in_place(by_number, lambda it: it.number)
    by_heading: Dict[str, List[int]] = defaultdict(list)
    for i, it in enumerate(old):
        if i not in used_old and it.heading:
            by_heading[it.heading.casefold()].append(i)
    if by_heading:
        pair_in_place(by_heading, lambda it: it.heading.casefold())

    # 4. content alone
    for sc, i, j in best_pairs(weak):
        if headings_conflict(i, j):
            continue
        pairs[j] = Pair(i, j, sc)
        used_old.add(i)

    chain = longest_chain(list(pairs.values()))
    if use_numbers and len(chain) < len(pairs):
        # Two clauses that traded texts (year 1 gets year 2's figures) are edits in place,
        # not a pair of moves: swap crossing pairs back when that keeps each number.
        off = sorted((p for p in pairs.values() if p not in chain), key=lambda p: p.new)
        for a in off:
            for b in off:
                if a is b or pairs.get(a.new) is not a or pairs.get(b.new) is not b:
                    continue
                if new[a.new].number and new[a.new].number == old[b.old].number and \
                        new[b.new].number == old[a.old].number:
                    s1 = profiles.ordered(old[b.old].key, new[a.new].key)
                    s2 = profiles.ordered(old[a.old].key, new[b.new].key)
                    if min(s1, s2) >= DEFAULT_SAME_PLACE:
                        pairs[a.new] = Pair(b.old, a.new, s1)
                        pairs[b.new] = Pair(a.old, b.new, s2)
        chain = longest_chain(list(pairs.values()))
    return sorted((p if p in chain else Pair(p.old, p.new, p.score, moved=True)
                   for p in pairs.values()), key=lambda p: p.new)


def merge_order(n_old: int, n_new: int, pairs: Sequence[Pair]
                ) -> List[Tuple[Optional[int], Optional[int], Optional[Pair]]]:
    """Walk both sequences in reading order: (old, new, pair) triples.

    Deleted old items come just before the new item that follows their old position; moved
    pairs appear at their new place (the renderer shows the move source at the old place).
    """
    by_new = {p.new: p for p in pairs}
    paired_old = {p.old: p for p in pairs}
    out: List[Tuple[Optional[int], Optional[int], Optional[Pair]]] = []
    i = 0
    for j in range(n_new):
        p = by_new.get(j)
        if p is not None and not p.moved:
            while i < p.old:
                q = paired_old.get(i)
                if q is None:
                    out.append((i, None, None))
                elif q.moved:
                    out.append((i, None, q))  # where a moved item used to be
                i += 1
            i = max(i, p.old + 1)
        out.append((p.old if p else None, j, p))
    while i < n_old:
        q = paired_old.get(i)
        if q is None:
            out.append((i, None, None))
        elif q.moved:
            out.append((i, None, q))
        i += 1
    return out
