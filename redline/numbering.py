"""Clause numbers as negotiators print them: ``X.1``, ``X.2.3``, ``X. 2.1``, ``X.***``,
``9.3``, ``Section 4.2``, ``(a)``, ``a)``, ``(1)``, ``i.``, section lines (``X Sick Leave``).

The grammar the clause segmenter reads and the tracked-changes renderer aligns paragraphs
by; it knows nothing of either.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

_NUM = re.compile(
    r"^(?P<num>(?:X|\d{1,3}|[A-Z])(?:[ \t]?\.[ \t]?(?:\d{1,3}|\*{1,3}))+\.?)(?=\s|$)")
_STARS = re.compile(r"^(?P<num>X\s?\.\s?\*{1,3})(?=\s|$)")
_SECTION = re.compile(r"^(?P<num>X)\s+(?P<rest>[A-Z][^.:;]{0,80})$")
_ITEM = re.compile(
    r"^(?P<num>\((?:[a-z]{1,2}|\d{1,2}|[ivxlc]{1,6}|[A-Z])\)|(?:[a-z]|\d{1,2})\)"
    r"|(?:[ivxlc]{1,6}|[a-z]|[A-Z]|\d{1,2})\.)(?=\s)")
_SECTION_WORD = re.compile(r"^(?P<num>(?:Section|Sec\.|§)\s*\d+(?:\.\d+)*[A-Za-z]?)\.?(?=\s|$)",
                           re.I)
_BULLET = re.compile(r"^(?P<prefix>[-•▪◦*])\s+")
_ROMAN = re.compile(r"^[ivxlc]+$")

#: A table-of-contents leader and the page number after it ("RECOGNITION ........ 4").
TOC_LEADER = re.compile(r"\s*\.{4,}\s*\d*")
#: A line that ends in one: a contents entry, not the title or text it names.
TOC_LINE_END = re.compile(r"\.{4,}\s*\d+\s*$")


@dataclass
class NumberMatch:
    number: str  # normalised: spaces removed
    printed: str
    kind: str
    rest: str
    prefix: str = ""


def normalise_number(printed: str) -> str:
    return re.sub(r"\s+", "", printed)


def match_number(text: str) -> Optional[NumberMatch]:
    """The clause number at the start of ``text``, if it starts with one."""
    prefix = ""
    body = text
    b = _BULLET.match(body)
    if b:
        prefix = b.group("prefix")
        body = body[b.end():]
    for regex, kind in ((_STARS, "stars"), (_NUM, "num")):
        m = regex.match(body)
        if m:
            printed = m.group("num")
            return NumberMatch(normalise_number(printed), printed, kind,
                               body[m.end():].strip(), prefix)
    m = _SECTION_WORD.match(body)
    if m:
        printed = m.group("num")
        return NumberMatch(normalise_number(printed), printed, "num",
                           body[m.end():].strip().lstrip(".").strip(), prefix)
    m = _SECTION.match(body)
    if m and len(m.group("rest").split()) <= 8:
        return NumberMatch("X", "X", "section", m.group("rest").strip(), prefix)
    m = _ITEM.match(body)
    if m:
        printed = m.group("num")
        return NumberMatch(printed, printed, "item", body[m.end():].strip(), prefix)
    if prefix:
        return NumberMatch("", "", "item", body.strip(), prefix)
    return None


def number_depth(number: str) -> int:
    """``X.1`` -> 0, ``X.1.2`` -> 1, ``X.1.2.3`` -> 2 (dotted numbers only)."""
    parts = [p for p in number.split(".") if p]
    return max(0, len(parts) - 2)


def item_family(number: str, previous: Optional[str] = None) -> str:
    """Which sequence an item label belongs to: ``(a)`` and ``(b)`` are one family."""
    core = number.strip("().")
    if _ROMAN.match(core) and not (len(core) == 1 and previous
                                   and item_family(previous) .endswith("alpha")):
        kind = "roman"
    elif core.isdigit():
        kind = "digit"
    elif core.isupper():
        kind = "ALPHA"
    elif core == "":
        kind = "bullet"
    else:
        kind = "alpha"
    shape = ("(" if number.startswith("(") else "") + ")" if number.endswith(")") else "."
    return shape + kind


def roman(n: int) -> str:
    """``n`` in lower-case Roman numerals (list labels, endnote marks); "0" for zero."""
    vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
            (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out or "0"
