"""Numbers as contracts print them: in words ("twenty four", "one-half", "seventy- five"),
in digits ("1,946.00", "1/2"), and both at once ("fifteen (15)").

Only the vocabulary of quantities; which of them are terms is :mod:`redline.terms.extract`'s
business.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import List, Optional, Sequence

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1000000}
_FRACTIONS = {"half": Decimal("0.5"), "halves": Decimal("0.5"), "third": Decimal(1) / 3,
              "thirds": Decimal(1) / 3, "quarter": Decimal("0.25"),
              "quarters": Decimal("0.25"), "fourth": Decimal("0.25"),
              "fourths": Decimal("0.25"), "tenth": Decimal("0.1"), "tenths": Decimal("0.1"),
              "hundredth": Decimal("0.01"), "hundredths": Decimal("0.01")}
_ALL_WORDS = sorted(set(_UNITS) | set(_TENS) | set(_SCALES) | set(_FRACTIONS) | {"point"},
                    key=len, reverse=True)
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

    Also "one hundred and twenty thousand", "six and ninety five one hundredths", "two and
    a half", "two-point five".  Two numbers run together ("twelve sixteen") are None.
    """
    words = [w for w in re.split(r"[\s-]+", text.lower().strip()) if w and w != "a"]
    if not words:
        return None
    if "point" in words:
        # "two-point five", "four point seventy-five": the words after "point" are decimals
        i = words.index("point")
        whole = _cardinal(words[:i]) if i else Decimal(0)
        digits = words[i + 1:]
        if whole is None or not digits:
            return None
        if all(_UNITS.get(d, 10) <= 9 for d in digits):
            return whole + Decimal("0." + "".join(str(_UNITS[d]) for d in digits))
        after = _cardinal(digits)
        return None if after is None else whole + Decimal("0." + str(int(after)))
    # "ninety five one hundredths": the "one" names the fraction, it is not counted
    words = [w for i, w in enumerate(words) if not (
        w == "one" and 0 < i < len(words) - 1 and words[i + 1] in _FRACTIONS and
        words[i - 1] != "and" and words[i - 1] not in _FRACTIONS)]
    if words[-1] not in _FRACTIONS:
        return _cardinal(words)
    # a fraction: "one-half", "five tenths", "one and one-half", "six and ninety five
    # hundredths"
    whole_words: List[str] = []
    frac_words = words
    if "and" in words:
        i = len(words) - 1 - words[::-1].index("and")
        whole_words, frac_words = words[:i], words[i + 1:]
    if any(w in _FRACTIONS for w in frac_words[:-1]):
        return None
    whole = _cardinal(whole_words) if whole_words else Decimal(0)
    numerator = _cardinal(frac_words[:-1]) if frac_words[:-1] else Decimal(1)
    if whole is None or numerator is None:
        return None
    value = whole + numerator * _FRACTIONS[frac_words[-1]]
    return Decimal(int(value)) if value == value.to_integral_value() else value


def _cardinal(words: Sequence[str]) -> Optional[Decimal]:
    """A whole number in words; "and" only after a hundred or thousand."""
    if not words or words[-1] == "and" or words[0] == "and":
        return None
    last = "start"
    total = current = 0
    for w in words:
        if w == "and":
            if last != "scale":
                return None
            last = "and"
            continue
        if w in _SCALES:
            kind = "scale"
        elif w in _TENS:
            kind = "tens"
        elif w in _UNITS:
            kind = "teen" if _UNITS[w] >= 10 else "unit"
        else:
            return None
        if kind not in _FOLLOWS[last]:
            return None
        last = kind
        if kind == "scale":
            scale = _SCALES[w]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        else:
            current += _UNITS.get(w, 0) + _TENS.get(w, 0)
    return Decimal(total + current)


#: Which kind of number word may follow which: "twenty four" and "one hundred" read as one
#: number, "twelve sixteen" does not.
_FOLLOWS = {"start": {"unit", "teen", "tens"}, "unit": {"scale"}, "teen": {"scale"},
            "tens": {"unit", "scale"}, "scale": {"unit", "teen", "tens", "scale"},
            "and": {"unit", "teen", "tens"}}


def valid_suffix(text: str) -> int:
    """Where the last well-formed number starts in a run of number words: in "twelve
    SIXTEEN", at "SIXTEEN" (0 when the whole run is one number, -1 when no suffix is)."""
    spans = [m for m in re.finditer(r"[A-Za-z]+", text)]
    for i in range(len(spans)):
        if words_value(text[spans[i].start():]) is not None:
            return spans[i].start()
    return -1


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
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # 'n', 'N', 'F' only for NaN and Infinity: never a figure
    if value == value.to_integral_value() and exponent >= 0:
        return str(int(value))
    if abs(value - value.quantize(Decimal("0.01"))) < Decimal("0.0001"):
        return str(value.quantize(Decimal("0.01"))) if exponent <= -2 \
            else str(value.normalize())
    return str(value.quantize(Decimal("0.001")).normalize())
