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
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Sequence, Tuple

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
Op = Tuple[str, str]

_NUMBER_WORD = (r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
                r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|half)")
_TOKEN = re.compile(
    # "ten (10)", "twenty-four (24)", "one hundred eighty-nine (189)": one unit
    rf"(?:{_NUMBER_WORD}(?:[- ]{_NUMBER_WORD})*\s?\(\d[\d,.]*\)(?:\s?(?:calendar|working|"
    rf"work|school|duty)?\s?days?)?(?=\W|$))"
    # clause numbers and dotted numbers: X.1.2, 12.3, X.***
    r"|(?:X|\d+)(?:\.(?:\d+|\*+))+\.?"
    # item labels: (a), a), (12)
    r"|\((?:[a-z]{1,4}|\d{1,3})\)|\b[a-z]\)"
    # words with inner apostrophes/hyphens, money, percentages
    r"|\$?\w+(?:['’.,/-]\w+)*%?"
    r"|\s+"
    r"|.", re.I | re.S)


@dataclass(frozen=True)
class WordDiffOptions:
    ignore_case: bool = False
    ignore_punctuation_style: bool = False  # quotes and dashes
    ignore_whitespace: bool = False


def tokenize(text: str) -> List[str]:
    """Split text into tokens whose concatenation is exactly the text."""
    return _TOKEN.findall(text)


_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                         "‐": "-", "‑": "-", "\u00a0": " "})


def token_key(options: WordDiffOptions) -> Callable[[str], str]:
    def key(tok: str) -> str:
        if options.ignore_whitespace and tok.isspace():
            return " "
        if options.ignore_punctuation_style:
            tok = tok.translate(_QUOTES)
        if options.ignore_case:
            tok = tok.casefold()
        return unicodedata.normalize("NFC", tok)
    return key


def _encode(tokens: Sequence[str], key: Callable[[str], str], table: Dict[str, str]) -> str:
    out = []
    for tok in tokens:
        k = key(tok)
        ch = table.get(k)
        if ch is None:
            n = len(table)
            # skip the surrogate range; diff-match-patch works on str code points
            code = 0x100 + n if 0x100 + n < 0xD800 else 0xE000 + (n - (0xD800 - 0x100))
            ch = chr(code)
            table[k] = ch
        out.append(ch)
    return "".join(out)


def diff_tokens(old: Sequence[str], new: Sequence[str],
                options: Optional[WordDiffOptions] = None) -> List[Op]:
    """Diff two token lists.  Equal stretches carry the *new* tokens' text."""
    from diff_match_patch import diff_match_patch

    options = options or WordDiffOptions()
    key = token_key(options)
    table: Dict[str, str] = {}
    a = _encode(old, key, table)
    b = _encode(new, key, table)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # no silent timeout: always the real diff
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    ops: List[Op] = []
    i = j = 0
    for op, chars in diffs:
        n = len(chars)
        if op == 0:
            ops.append((EQUAL, "".join(new[j:j + n])))
            i += n
            j += n
        elif op == -1:
            ops.append((DELETE, "".join(old[i:i + n])))
            i += n
        else:
            ops.append((INSERT, "".join(new[j:j + n])))
            j += n
    return tidy(ops)


def diff_words(old: str, new: str, options: Optional[WordDiffOptions] = None) -> List[Op]:
    """Word diff of two strings: ``[("equal", ...), ("delete", ...), ("insert", ...)]``."""
    if old == new:
        return [(EQUAL, new)] if new else []
    return diff_tokens(tokenize(old), tokenize(new), options)


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


def tidy(ops: List[Op]) -> List[Op]:
    """Make edits read naturally.

    * an equality of only white space or a lone punctuation mark between two edits is folded
      into both (``~~a~~ ~~b~~`` -> ``~~a b~~``), so a replaced phrase shows as one deletion
      followed by one insertion;
    * an edit that starts with a space and follows an equality ending in a non-space is
      shifted, so edits start on a word.
    """
    ops = _merge(ops)
    changed = True
    while changed:
        changed = False
        for i in range(1, len(ops) - 1):
            op, text = ops[i]
            if op != EQUAL or not _GLUE.match(text):
                continue
            before = [o for o in ops[:i]][-2:]
            after = ops[i + 1:i + 3]
            if any(o != EQUAL for o, _ in before[-1:]) and any(o != EQUAL for o, _ in after[:1]):
                prev_edits = []
                k = i - 1
                while k >= 0 and ops[k][0] != EQUAL:
                    prev_edits.append(ops[k])
                    k -= 1
                nxt_edits = []
                m = i + 1
                while m < len(ops) and ops[m][0] != EQUAL:
                    nxt_edits.append(ops[m])
                    m += 1
                dels = "".join(t for o, t in reversed(prev_edits) if o == DELETE) + text + \
                    "".join(t for o, t in nxt_edits if o == DELETE)
                ins = "".join(t for o, t in reversed(prev_edits) if o == INSERT) + text + \
                    "".join(t for o, t in nxt_edits if o == INSERT)
                ops = ops[:k + 1] + [(DELETE, dels), (INSERT, ins)] + ops[m:]
                ops = _merge(ops)
                changed = True
                break
    # shift a leading space of an edit onto the preceding equality's end
    out: List[Op] = []
    for op, text in ops:
        out.append((op, text))
    return _merge(out)


def apply_ops(ops: Sequence[Op], side: str) -> str:
    """The text of one side: ``"new"`` (accept all) or ``"old"`` (reject all)."""
    skip = DELETE if side == "new" else INSERT
    return "".join(t for o, t in ops if o != skip)


def similarity(a: str, b: str) -> float:
    """A fast similarity of two texts in [0, 1] over word tokens (Dice over multisets)."""
    if a == b:
        return 1.0
    ta = [t.lower() for t in tokenize(a) if not t.isspace()]
    tb = [t.lower() for t in tokenize(b) if not t.isspace()]
    if not ta or not tb:
        return 0.0
    from collections import Counter

    ca, cb = Counter(ta), Counter(tb)
    common = sum((ca & cb).values())
    return 2.0 * common / (len(ta) + len(tb))
