"""Numbers as contracts print them: in words ("twenty four", "one-half", "seventy- five"),
in digits ("1,946.00", "1/2"), and both at once ("fifteen (15)").

Only the vocabulary of quantities; which of them are terms is :mod:`redline.terms.extract`'s
business.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Optional

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1000000}
_FRACTIONS = {"half": Decimal("0.5"), "halves": Decimal("0.5"), "third": Decimal(1) / 3,
              "thirds": Decimal(1) / 3, "quarter": Decimal("0.25"),
              "quarters": Decimal("0.25"), "fourth": Decimal("0.25"),
              "fourths": Decimal("0.25")}
_ALL_WORDS = sorted(set(_UNITS) | set(_TENS) | set(_SCALES) | set(_FRACTIONS), key=len,
                    reverse=True)
_WORD = "(?:" + "|".join(_ALL_WORDS) + ")"
#: A number in words: "twenty four", "twenty-four", "seventy- five", "one hundred and ten",
#: "one-half", "one and one-half".
NUMBER_WORDS = re.compile(
    rf"(?<![\w-]){_WORD}(?:(?:\s*-\s*|\s+(?:and\s+)?|\s+a\s+){_WORD})*(?![\w])", re.I)
#: Figures: "1,946.00", "15", "1/2", "1 1/2".
FIGURE = re.compile(r"(?<![\w.,/])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+\d+/\d+|/\d+)?"
                    r"(?![\w/])")


def words_value(text: str) -> Optional[Decimal]:
    """The value of a number written in words, or None when it is not one.

    >>> words_value("twenty four"), words_value("one-half"), words_value("one and one-half")
    (Decimal('24'), Decimal('0.5'), Decimal('1.5'))
    """
    words = [w for w in re.split(r"[\s-]+", text.lower().strip()) if w and w != "a"]
    if not words or any(w not in _UNITS and w not in _TENS and w not in _SCALES and
                        w not in _FRACTIONS and w != "and" for w in words):
        return None
    total = Decimal(0)
    current = Decimal(0)
    fraction: Optional[Decimal] = None
    seen_number = False
    for i, w in enumerate(words):
        if w == "and":
            if fraction is None:
                total += current
                current = Decimal(0)
            continue
        if w in _FRACTIONS:
            # "one-half": the count before it is the numerator; "one and one-half" adds
            numerator = current if current else Decimal(1)
            fraction = (fraction or Decimal(0)) + numerator * _FRACTIONS[w]
            current = Decimal(0)
            seen_number = True
            continue
        seen_number = True
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        else:
            scale = _SCALES[w]
            if scale == 100:
                current = (current or Decimal(1)) * 100
            else:
                total += (current or Decimal(1)) * scale
                current = Decimal(0)
    if not seen_number:
        return None
    value = total + current + (fraction or Decimal(0))
    return Decimal(int(value)) if value == value.to_integral_value() else value


def figure_value(text: str) -> Optional[Decimal]:
    """The value of a figure: ``1,946.00`` -> 1946.00, ``1/2`` -> 0.5, ``1 1/2`` -> 1.5."""
    text = text.strip().replace(",", "")
    try:
        if "/" in text:
            whole = Decimal(0)
            if " " in text:
                head, text = text.split(None, 1)
                whole = Decimal(head)
            num, den = text.split("/", 1)
            if Decimal(den) == 0:
                return None
            return whole + Decimal(num) / Decimal(den)
        return Decimal(text)
    except (InvalidOperation, ValueError):
        return None


def same_number(a: Decimal, b: Decimal) -> bool:
    """Equal to the precision a contract prints (thirds are printed as 1/3, not 0.333)."""
    return abs(a - b) < Decimal("0.001")


def show_number(value: Decimal) -> str:
    """A value as a reader writes it: ``15``, ``0.5``, ``1946.00`` -> ``1946.00``."""
    if value == value.to_integral_value() and value.as_tuple().exponent >= 0:
        return str(int(value))
    if abs(value - value.quantize(Decimal("0.01"))) < Decimal("0.0001"):
        return str(value.quantize(Decimal("0.01"))) if value.as_tuple().exponent <= -2 \
            else str(value.normalize())
    return str(value.quantize(Decimal("0.001")).normalize())
