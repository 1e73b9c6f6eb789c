"""Clause numbers as negotiators print them: ``X.1``, ``X.2.3``, ``X. 2.1``, ``X.***``,
``9.3``, ``Section 4.2``, dashed numbers (``28-9``, ``2-4-1``: article 28, clause 9, as
Denver's agreement numbers them), ``(a)``, ``a)``, ``(1)``, ``i.``, section lines
(``X Sick Leave``), and article lines (``ARTICLE 9 - GRIEVANCE PROCEDURE``).

The grammar the clause segmenter reads and the tracked-changes renderer aligns paragraphs
by; it knows nothing of either.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional

_NUM = re.compile(
    r"^(?P<num>(?:X|\d{1,3}|[A-Z])(?:[ \t]?\.[ \t]?(?:\d{1,3}|\*{1,3}))+\.?)(?=:?(?:\s|$))")
#: What may stand between a number and its heading or text ("X.3 – Notice", "9.2: Accrual",
#: "Section 9.1 - Definitions"): not part of either.
_AFTER_NUMBER = re.compile(r"^(?::\s*|[-–—]\s+)")
#: Dashed numbers: article, clause and sub-clauses joined by hyphens (``28-9``, ``37-3-3-1``).
#: The text after one starts with a capital, a quote or a parenthesis ("1-2 The term ..."),
#: which keeps a range at the start of a sentence ("3-5 years of ...") out.
_DASHED = re.compile(r"^(?P<num>\d{1,3}(?:-\d{1,3}){1,6})\.?"
                     r"(?=\s+(?:[–—:]\s+)?[A-Z\"“(‘']|\s*$)")
_STARS = re.compile(r"^(?P<num>X\s?\.\s?\*{1,3})(?=\s|$)")
#: The placeholder set apart by a space where a period was meant: "X 2.2" (X.2.2).
_X_SPACED = re.compile(r"^(?P<num>X[ \t]+\d{1,3}(?:[ \t]?\.[ \t]?\d{1,3})+\.?)(?=\s|$)")
_SECTION = re.compile(r"^(?P<num>X)\s+(?P<rest>[A-Z][^.:;]{0,80})$")
_ITEM = re.compile(
    r"^(?P<num>\((?:[a-z]{1,2}|\d{1,2}|[ivxlc]{1,6}|[A-Z])\)|(?:[a-z]|\d{1,2})\)"
    r"|(?:[ivxlc]{1,6}|[a-z]|[A-Z]|\d{1,2})\.)(?=\s)")
_SECTION_WORD = re.compile(r"^(?P<num>(?:Section|Sec\.|§)\s*\d+(?:\.\d+)*[A-Za-z]?)\.?(?=\s|$)",
                           re.I)
_BULLET = re.compile(r"^(?P<prefix>[-•▪◦*])\s+")
#: Glyphs a list bullet is drawn or typed with (Word's Symbol-font bullets, U+F0B7 and
#: kin, included): a paragraph opening with one and a space is a bulleted item, whether
#: Word drew the bullet (a PDF shows it as text) or someone typed it.
BULLET_GLYPHS = frozenset("\u2022\u25aa\u25ab\u25cf\u25cb\u25e6\u25a0\u25a1\u2023\u2043"
                          "\u27a2\u2219\u00b7\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf06e\uf0a8")
_ROMAN = re.compile(r"^[ivxlc]+$")

#: Article numbers spelled out ("Article Twelve", "ARTICLE TWENTY-ONE").
_SPELLED = (r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|"
            r"four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|"
            r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen")
#: An article line: ``ARTICLE 9 - GRIEVANCE PROCEDURE``, ``Article IV: Hours``, ``Art. 14 -
#: Leaves``, ``Article Twelve – Hours``, ``ARTICLE X`` (a placeholder), ``Article ?``; ``num``
#: and ``title`` (what follows, which the segmenter still checks reads as a heading rather
#: than a sentence).
ARTICLE_LINE = re.compile(r"^(?:ARTICLE|ART\.)\s+(?P<num>[0-9]{1,3}(?:\.[0-9]{1,3})?|"
                          rf"{_SPELLED}|[IVXLC]{{1,7}}|X|\?)\b"
                          r"\s*[-–—:.]?\s*(?P<title>.*)$", re.I)
#: A line that opens an appendix, exhibit or addendum (``Appendix A: Salary Schedule``,
#: ``EXHIBIT 2 - CALENDAR``): an article of its own, titled by the whole line.
APPENDIX_LINE = re.compile(r"^(?:APPENDIX|EXHIBIT|ADDENDUM|ATTACHMENT)\s+(?P<num>[A-Z]|\d{1,3}|"
                           r"[IVXLC]{1,7})\b\s*[-–—:.]?\s*(?P<title>.*)$", re.I)

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
                               _AFTER_NUMBER.sub("", body[m.end():].strip()), prefix)
    m = _DASHED.match(body)
    if m:
        printed = m.group("num")
        return NumberMatch(printed, printed, "num", _AFTER_NUMBER.sub("", body[m.end():].strip()),
                           prefix)
    m = _X_SPACED.match(body)
    if m:
        printed = m.group("num")
        return NumberMatch("X." + normalise_number(printed[1:]), printed, "num",
                           body[m.end():].strip(), prefix)
    m = _SECTION_WORD.match(body)
    if m:
        printed = m.group("num")
        return NumberMatch(normalise_number(printed), printed, "num",
                           _AFTER_NUMBER.sub("", body[m.end():].strip().lstrip(".").strip()),
                           prefix)
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
    """``X.1`` -> 0, ``X.1.2`` -> 1, ``X.1.2.3`` -> 2; ``2-4`` -> 0, ``2-4-1`` -> 1 (dotted
    and dashed numbers only)."""
    parts = [p for p in re.split(r"[.-]", number) if p]
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


# --- Word's automatic list numbering ------------------------------------------------------

#: Word list levels are 0-8.
LIST_LEVELS = 9


def _letters(n: int) -> str:
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(value: int, fmt: str) -> str:
    """A list counter as Word draws it in format ``fmt`` (``decimal``, ``lowerLetter``,
    ``upperRoman``, ``decimalZero``, ...)."""
    if fmt == "lowerLetter":
        return _letters(value)
    if fmt == "upperLetter":
        return _letters(value).upper()
    if fmt == "lowerRoman":
        return roman(value)
    if fmt == "upperRoman":
        return roman(value).upper()
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(value)


@dataclass(frozen=True)
class ListLevel:
    """One level of a Word list: format, label template (``(%2)``), start value, after
    which level it restarts (``restart``: Word's 1-based ``w:lvlRestart``; None: after
    any higher level, 0: never) and legal numbering (every level shown in decimal)."""

    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: Optional[int] = None
    legal: bool = False


class ListCounters:
    """The counters of Word's lists, advanced paragraph by paragraph as Word does.

    A list is keyed by the caller: paragraphs of one key share their counters (Word's
    ``w:num`` elements of one abstract list continue each other), a new key starts afresh
    (a list restarted with ``w:startOverride`` is a list of its own)."""

    def __init__(self) -> None:
        self._counts: Dict[str, List[int]] = {}

    def label(self, key: str, levels: Dict[int, ListLevel], ilvl: int) -> str:
        """The label of the next paragraph at level ``ilvl`` of list ``key``."""
        level = levels.get(ilvl, ListLevel())
        counts = self._counts.setdefault(key, [0] * LIST_LEVELS)
        starts = [levels.get(i, ListLevel()).start for i in range(LIST_LEVELS)]
        counts[ilvl] = starts[ilvl] if counts[ilvl] == 0 else counts[ilvl] + 1
        for deeper in range(ilvl + 1, LIST_LEVELS):
            restart = levels.get(deeper, ListLevel()).restart
            # w:lvlRestart: 0 never restarts; n restarts after level n (1-based) or higher
            if restart is None or (restart > 0 and ilvl < restart):
                counts[deeper] = 0
        text = level.text
        for i in range(LIST_LEVELS):
            token = f"%{i + 1}"
            if token in text:
                fmt = levels.get(i, ListLevel()).fmt
                if level.legal and fmt not in ("none", "bullet"):
                    fmt = "decimal"
                text = text.replace(token, format_number(counts[i] or starts[i], fmt))
        return text.strip()
