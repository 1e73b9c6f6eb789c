"""Word diff: tokens are words, number phrases, punctuation and white space.

Each distinct token is mapped to one character and diff-match-patch diffs the characters
(with no timeout, so a large input still gets a minimal diff rather than a silent fallback).
The result is then cleaned up so that edits read naturally: a lone space or punctuation mark
left standing between two edits is folded into them, and an edit is shifted to start at a
word rather than at the space before it.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Dict, List, Optional, Sequence, Tuple

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
Op = Tuple[str, str]

#: Diffs remembered per process (pairs of symbol strings); a comparison asks for most twice.
DEFAULT_DIFF_CACHE = 1024
#: Above this product of the two lengths (in tokens), a diff is cut at unique shared words
#: first (``_anchored_segments``); below it diff-match-patch runs on the whole.
DEFAULT_ANCHOR_AREA = 200 * 200
#: The same for the longest-common-subsequence score alignment asks of candidate pairs: a
#: score, not a diff anyone reads, so anchors cut it much earlier (most candidates are
#: moderately alike texts, the slowest case for a minimal diff).
DEFAULT_LCS_ANCHOR_AREA = 30 * 30

_NUMBER_WORD = (r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
                r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|half)")
#: Every token but white space.
_NON_SPACE = (
    # a plain word (a letter, not the X of "X.1"), ending where the word pattern below would
    # end it: the same token, found without trying the patterns before that one
    r"[^\W\d_xX]\w*(?![\w)%]|['’.,/-]\w)"
    # clause numbers and dotted numbers: X.1.2, 12.3, X.***
    r"|(?:X|\d+)(?:\.(?:\d+|\*+))+\.?"
    # item labels: (a), a), (12)
    r"|\((?:[a-z]{1,4}|\d{1,3})\)|\b[a-z]\)"
    # words with inner apostrophes/hyphens, money, percentages
    r"|\$?\w+(?:['’.,/-]\w+)*%?")
# white space first: no other token starts with it
_TOKEN = re.compile(r"\s+|" + _NON_SPACE + r"|.", re.I | re.S)
#: The tokens that are not white space, without the white space between them (one match
#: each instead of two); the same as ``_TOKEN``'s, as no other token starts with a space.
_SOLID_TOKEN = re.compile(r"\s*(" + _NON_SPACE + r"|\S)", re.I | re.S)
# "ten (10)", "twenty-four (24)", "one hundred eighty-nine (189)" change as one unit.  Found
# from the "(10)" backwards, which is far cheaper than trying a number word at every position.
_FIGURE = re.compile(r"\s?\(\d[\d,.]*\)")
_WORDS_BEFORE = re.compile(rf"(?<![\w-]){_NUMBER_WORD}(?:[- ]{_NUMBER_WORD})*$", re.I)
#: The number words, for a cheap test before ``_WORDS_BEFORE`` is searched.
_NUMBER_WORDS = tuple(_NUMBER_WORD[3:-1].split("|"))
_LONGEST_NUMBER_WORD = max(map(len, _NUMBER_WORDS))


@dataclass(frozen=True)
class WordDiffOptions:
    ignore_case: bool = False
    ignore_punctuation_style: bool = False  # quotes and dashes
    ignore_whitespace: bool = False


def tokenize(text: str) -> List[str]:
    """Split text into tokens whose concatenation is exactly the text."""
    return _tokens(text, _TOKEN)


def solid_tokens(text: str) -> List[str]:
    """``tokenize(text)`` without its white-space tokens."""
    return _tokens(text, _SOLID_TOKEN)


def _tokens(text: str, pattern: "re.Pattern[str]") -> List[str]:
    if "(" not in text:
        return pattern.findall(text)
    out: List[str] = []
    pos = 0
    for m in _FIGURE.finditer(text):
        start = m.start()
        lo = max(pos, start - 80)
        # the words end right before the figure (``$``: or before a newline there): a
        # figure after anything but a number word is most of them, and skipped cheaply
        end = start - 1 if start > lo and text[start - 1] == "\n" else start
        tail = text[max(lo, end - _LONGEST_NUMBER_WORD):end]
        if tail.isascii() and not tail.lower().endswith(_NUMBER_WORDS):
            continue
        words = _WORDS_BEFORE.search(text, lo, start)
        if words is None:
            continue
        out.extend(pattern.findall(text, pos, words.start()))
        out.append(text[words.start():m.end()])
        pos = m.end()
    out.extend(pattern.findall(text, pos))
    return out


_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                         "‐": "-", "‑": "-", "\u00a0": " "})


def _token_keys(tokens: Sequence[str], options: WordDiffOptions) -> Sequence[str]:
    """``token_key(options)`` of every token; with no option set, an ASCII token is its own
    key, so text that is all ASCII (most of an agreement) needs no call per token."""
    if not (options.ignore_whitespace or options.ignore_punctuation_style or
            options.ignore_case):
        if "".join(tokens).isascii():
            return tokens
        return [t if t.isascii() else unicodedata.normalize("NFC", t) for t in tokens]
    key = token_key(options)
    return [key(t) for t in tokens]


def token_key(options: WordDiffOptions) -> Callable[[str], str]:
    def key(tok: str) -> str:
        if options.ignore_whitespace and tok.isspace():
            return " "
        if options.ignore_punctuation_style:
            tok = tok.translate(_QUOTES)
        if options.ignore_case:
            tok = tok.casefold()
        # ASCII is always NFC: most tokens skip the normalizer
        return tok if tok.isascii() else unicodedata.normalize("NFC", tok)
    return key


def _encode(tokens: Sequence[str], table: Dict[str, str]) -> str:
    """Each distinct token as one character (shared ``table``), so that diff-match-patch
    diffs token sequences as strings."""
    for tok in dict.fromkeys(tokens):
        if tok not in table:
            n = len(table)
            # skip the surrogate range; diff-match-patch works on str code points
            code = 0x100 + n if 0x100 + n < 0xD800 else 0xE000 + (n - (0xD800 - 0x100))
            table[tok] = chr(code)
    return "".join(map(table.__getitem__, tokens))


Opcode = Tuple[str, int, int, int, int]


def diff_opcodes(old_keys: Sequence[str], new_keys: Sequence[str]) -> List[Opcode]:
    """Opcodes ``(tag, i1, i2, j1, j2)`` over two sequences of hashable keys (as difflib)."""
    table: Dict[str, str] = {}
    a = _encode(old_keys, table)
    b = _encode(new_keys, table)
    return tidy_opcodes(_opcodes(_symbol_diff(a, b)), old_keys, new_keys)


def _opcodes(runs) -> List[Opcode]:
    """diff-match-patch's (op, length) runs as opcodes."""
    codes: List[Opcode] = []
    i = j = 0
    for op, n in runs:
        if op == 0:
            codes.append((EQUAL, i, i + n, j, j + n))
            i, j = i + n, j + n
        elif op == -1:
            codes.append((DELETE, i, i + n, j, j))
            i += n
        else:
            codes.append((INSERT, i, i, j, j + n))
            j += n
    return codes


@lru_cache(maxsize=DEFAULT_DIFF_CACHE)
def _symbol_diff(a: str, b: str) -> Tuple[Tuple[int, int], ...]:
    """diff-match-patch over two symbol strings: (op, length) runs.

    Cached: the clause diff and the tracked renderer's paragraph diff usually ask about the
    same two texts, and the symbols depend only on the two key sequences."""
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # no silent timeout: always the real diff
    if len(a) * len(b) <= DEFAULT_ANCHOR_AREA:
        diffs = dmp.diff_main(a, b, False)
    else:
        diffs = []
        for a1, a2, b1, b2 in _anchored_segments(a, b):
            if a2 - a1 == 1 and b2 - b1 == 1 and a[a1] == b[b1]:
                diffs.append((0, a[a1]))
            else:
                diffs.extend(dmp.diff_main(a[a1:a2], b[b1:b2], False))
        dmp.diff_cleanupMerge(diffs)
    dmp.diff_cleanupSemantic(diffs)
    return tuple((op, len(chars)) for op, chars in diffs)


def _anchored_segments(a: str, b: str) -> List[Tuple[int, int, int, int]]:
    """``a`` and ``b`` cut at their anchors: symbols found exactly once in each, kept where
    they run in the same order in both (the longest such chain, as patience diff does).

    The Myers bisection behind diff-match-patch costs the product of the lengths times the
    edits; a long clause rewritten in many places (a salary article, a whole appendix in
    one paragraph) took a tenth of a second.  Between anchors the pieces are short; an
    anchor is a word both versions hold once, in order, which a minimal diff keeps too in
    all but contrived cases."""
    from collections import Counter
    from bisect import bisect_left

    ca, cb = Counter(a), Counter(b)
    once_b = {ch for ch, n in cb.items() if n == 1}
    # the symbols found once in each, at their places in ``a`` and ``b``, in ``a``'s order
    # (each place found by one C-level search: no loop over every symbol of both)
    both = [ch for ch, n in ca.items() if n == 1 and ch in once_b]
    seq = sorted(zip(map(a.index, both), map(b.index, both)))
    # longest chain increasing in both positions (patience sorting over b's positions)
    tails: List[int] = []
    tail_at: List[int] = []
    prev = [-1] * len(seq)
    for n, (_, pb) in enumerate(seq):
        at = bisect_left(tails, pb)
        if at == len(tails):
            tails.append(pb)
            tail_at.append(n)
        else:
            tails[at] = pb
            tail_at[at] = n
        prev[n] = tail_at[at - 1] if at else -1
    chain: List[Tuple[int, int]] = []
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        chain.append(seq[n])
        n = prev[n]
    chain.reverse()
    out: List[Tuple[int, int, int, int]] = []
    i = j = 0
    for ka, kb in chain:
        if ka > i or kb > j:
            out.append((i, ka, j, kb))
        out.append((ka, ka + 1, kb, kb + 1))
        i, j = ka + 1, kb + 1
    if i < len(a) or j < len(b):
        out.append((i, len(a), j, len(b)))
    return out


def item_opcodes(old_keys: Sequence[str], new_keys: Sequence[str]) -> List[Opcode]:
    """Opcodes over two sequences of whole items (notes, paragraphs): a minimal diff, with
    none of the word diff's tidying (which folds lone punctuation and spaces into edits and
    would make whole items that stand between two edits look edited)."""
    from diff_match_patch import diff_match_patch

    table: Dict[str, str] = {}
    a = _encode(old_keys, table)
    b = _encode(new_keys, table)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # no silent timeout: always the real diff
    return _opcodes((op, len(chars)) for op, chars in dmp.diff_main(a, b, False))


def common_in_order(old_keys: Sequence[str], new_keys: Sequence[str]) -> int:
    """How many keys the two sequences share in order: the length of their longest common
    subsequence (a minimal diff's equal stretches, before any cleanup)."""
    table: Dict[str, str] = {}
    return _lcs_length(_encode(old_keys, table),
                       _encode(new_keys, table))


@lru_cache(maxsize=DEFAULT_DIFF_CACHE)
def _lcs_length(a: str, b: str) -> int:
    if len(a) * len(b) <= DEFAULT_LCS_ANCHOR_AREA:
        return _lcs_count(a, b)
    # long texts: cut at unique shared words first (as _symbol_diff does); the count is
    # then a common subsequence through those anchors, exact in all but contrived cases
    return sum(_lcs_count(a[a1:a2], b[b1:b2]) for a1, a2, b1, b2 in _anchored_segments(a, b))


def _lcs_count(a: str, b: str) -> int:
    """The length of the longest common subsequence of two symbol strings, bit-parallel
    (Allison and Dix; Hyyro): one pass over ``b`` with ``a``'s positions as the bits of one
    integer.  The same number as the equal stretches of diff-match-patch's minimal diff
    (with no timeout), at a few percent of its cost: alignment asks it of every candidate
    pair that reaches the top of its heap."""
    if not a or not b:
        return 0
    if a == b:
        return len(a)
    masks: Dict[str, int] = {}
    get = masks.get
    for k, ch in enumerate(a):
        masks[ch] = get(ch, 0) | (1 << k)
    full = (1 << len(a)) - 1
    v = full  # a zero bit per symbol of ``a`` matched so far
    for ch in b:
        u = v & get(ch, 0)
        if u:
            v = ((v + u) | (v - u)) & full
    return len(a) - bin(v).count("1")  # (int.bit_count: Python 3.10 on)


def tidy_opcodes(codes: List[Opcode], old_keys: Sequence[str],
                 new_keys: Sequence[str]) -> List[Opcode]:
    """Fold a lone space or punctuation mark standing between two edits into them, so a
    replaced phrase reads as one deletion followed by one insertion; deletions before
    insertions."""
    # group into runs: equal | edit-block (deletes+inserts)
    blocks: List[List[int]] = []  # [i1, i2, j1, j2, is_equal]
    for tag, i1, i2, j1, j2 in codes:
        eq = 1 if tag == EQUAL else 0
        if blocks and not eq and not blocks[-1][4]:
            b = blocks[-1]
            b[0], b[1] = min(b[0], i1), max(b[1], i2)
            b[2], b[3] = min(b[2], j1), max(b[3], j2)
        else:
            blocks.append([i1, i2, j1, j2, eq])
    changed = True
    while changed:
        changed = False
        for k in range(1, len(blocks) - 1):
            b = blocks[k]
            if b[4] and not blocks[k - 1][4] and not blocks[k + 1][4]:
                text = "".join(old_keys[b[0]:b[1]])
                if _GLUE.match(text):
                    p, n = blocks[k - 1], blocks[k + 1]
                    blocks[k - 1:k + 2] = [[p[0], n[1], p[2], n[3], 0]]
                    changed = True
                    break
    # edits cover whole words: a replacement glued to a word on both sides (the "." of
    # "day." becoming ";") takes the whole word ("~~day.~~ day;"), so that no half-word is
    # struck.  A plain deletion or insertion next to punctuation stays minimal ("This ~~is a
    # test~~.", "students and staff."): it strikes or inserts whole words already.
    def touches_left(b: List[int]) -> bool:
        return (b[1] > b[0] and not old_keys[b[0]].isspace()) and (
            b[3] > b[2] and not new_keys[b[2]].isspace())

    def touches_right(b: List[int]) -> bool:
        return (b[1] > b[0] and not old_keys[b[1] - 1].isspace()) and (
            b[3] > b[2] and not new_keys[b[3] - 1].isspace())

    for k in range(len(blocks)):
        b = blocks[k]
        if b[4]:
            continue
        if k + 1 < len(blocks) and blocks[k + 1][4]:
            n = blocks[k + 1]
            while n[1] > n[0] and not old_keys[n[0]].isspace() and touches_right(b):
                n[0] += 1
                n[2] += 1
                b[1] += 1
                b[3] += 1
        if k > 0 and blocks[k - 1][4]:
            p = blocks[k - 1]
            while p[1] > p[0] and not old_keys[p[1] - 1].isspace() and touches_left(b):
                p[1] -= 1
                p[3] -= 1
                b[0] -= 1
                b[2] -= 1
    blocks = [b for b in blocks if not (b[4] and b[1] == b[0])]
    # an edit carries the space after it, as negotiators type it ("~~fifteen (15) ~~ten (10)
    # working"): struck and inserted words never run together when drawn side by side
    for k in range(len(blocks) - 1):
        b, n = blocks[k], blocks[k + 1]
        if not b[4] and n[4] and n[1] > n[0] and n[3] > n[2] and \
                old_keys[n[0]].isspace() and (b[1] > b[0]):
            b[1] += 1
            b[3] += 1
            n[0] += 1
            n[2] += 1
    blocks = [b for b in blocks if not (b[4] and b[1] == b[0])]
    out: List[Opcode] = []
    for i1, i2, j1, j2, eq in blocks:
        if eq:
            out.append((EQUAL, i1, i2, j1, j2))
        else:
            if i2 > i1:
                out.append((DELETE, i1, i2, j1, j1))
            if j2 > j1:
                out.append((INSERT, i2, i2, j1, j2))
    return out


def diff_tokens(old: Sequence[str], new: Sequence[str],
                options: Optional[WordDiffOptions] = None) -> List[Op]:
    """Diff two token lists.  Equal stretches carry the *new* tokens' text."""
    options = options or WordDiffOptions()
    codes = diff_opcodes(_token_keys(old, options), _token_keys(new, options))
    return _ops(codes, old, new)


def _ops(codes: Sequence[Opcode], old: Sequence[str], new: Sequence[str]) -> List[Op]:
    ops: List[Op] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == EQUAL:
            ops.append((EQUAL, "".join(new[j1:j2])))
        elif tag == DELETE:
            ops.append((DELETE, "".join(old[i1:i2])))
        else:
            ops.append((INSERT, "".join(new[j1:j2])))
    return _merge(ops)


def diff_words(old: str, new: str, options: Optional[WordDiffOptions] = None) -> List[Op]:
    """Word diff of two strings: ``[("equal", ...), ("delete", ...), ("insert", ...)]``."""
    if old == new:
        return [(EQUAL, new)] if new else []
    options = options or WordDiffOptions()
    if old.isascii() and new.isascii() and not (
            options.ignore_whitespace or options.ignore_punctuation_style or
            options.ignore_case):
        # tokens are their own keys (``_token_keys``): the diff the tracked DOCX asks of
        # the same two texts, made once
        old_tokens, new_tokens, codes = text_opcodes(old, new)
        return _ops(codes, old_tokens, new_tokens)
    return diff_tokens(tokenize(old), tokenize(new), options)


@lru_cache(maxsize=DEFAULT_DIFF_CACHE)
def text_opcodes(old: str, new: str) -> Tuple[Tuple[str, ...], Tuple[str, ...],
                                              Tuple[Opcode, ...]]:
    """Both texts' tokens and ``diff_opcodes`` over them, the tokens taken as they are for
    keys.  Cached: a clause's diff and its paragraph's in the tracked DOCX are most often
    of the same two texts (tokenized and encoded once, not twice)."""
    old_tokens, new_tokens = tuple(tokenize(old)), tuple(tokenize(new))
    return old_tokens, new_tokens, tuple(diff_opcodes(old_tokens, new_tokens))


def _merge(ops: List[Op]) -> List[Op]:
    out: List[Op] = []
    for op, text in ops:
        if not text:
            continue
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    # a deletion and an insertion next to each other: deletion first, as Word shows them
    i = 0
    while i + 1 < len(out):
        if out[i][0] == INSERT and out[i + 1][0] == DELETE:
            out[i], out[i + 1] = out[i + 1], out[i]
            i = max(i - 1, 0)
            continue
        i += 1
    merged: List[Op] = []
    for op, text in out:
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


_GLUE = re.compile(r"^[\s,.;:()\"'’“”-]{1,2}$")


def apply_ops(ops: Sequence[Op], side: str) -> str:
    """The text of one side: ``"new"`` (accept all) or ``"old"`` (reject all)."""
    skip = DELETE if side == "new" else INSERT
    return "".join(t for o, t in ops if o != skip)


CountsOf = Callable[[str], Tuple["Counter[str]", int]]


def similarity(a: str, b: str, counts: Optional[CountsOf] = None) -> float:
    """A fast similarity of two texts in [0, 1] over word tokens (Dice over multisets).
    ``counts``: where the word counts of a text come from (default: a process cache)."""
    if a == b:
        return 1.0
    counts = counts or word_counts
    ca, na = counts(a)
    cb, nb = counts(b)
    if not na or not nb:
        return 0.0
    return 2.0 * common_words(ca, cb) / (na + nb)


def containment(a: str, b: str, min_words: int = 3, counts: Optional[CountsOf] = None
                ) -> float:
    """The share of the shorter text's words found in the longer one (0 when the shorter
    has fewer than ``min_words`` words: too little to tell)."""
    counts = counts or word_counts
    ca, na = counts(a)
    cb, nb = counts(b)
    if min(na, nb) < min_words:
        return 0.0
    return common_words(ca, cb) / min(na, nb)


def common_words(ca: "Counter[str]", cb: "Counter[str]") -> int:
    """The size of the multiset intersection (``sum((ca & cb).values())`` without building
    the intersection: alignment asks this of thousands of candidate pairs)."""
    shared = ca.keys() & cb.keys()  # a C-level set intersection: most pairs share little
    return sum(map(min, map(ca.__getitem__, shared), map(cb.__getitem__, shared)))


@lru_cache(maxsize=8192)
def word_counts(text: str) -> Tuple["Counter[str]", int]:
    """The lower-cased words of a text, counted (cached: alignment asks about the same
    candidate texts many times)."""
    # (ASCII: the tokens of the lower-cased text are the lower-cased tokens)
    words = solid_tokens(text.lower()) if text.isascii() else \
        [t.lower() for t in solid_tokens(text)]
    return Counter(words), len(words)
