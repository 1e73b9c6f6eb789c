"""Colour keys: the printed entries that say which ink is whose round
(``Green - District counter 05.09.2024``, ``District Counter in Green_05.23.24``,
``Red & Blue - District Counters 05.09.2024``, ``Red- Union counter on 03/07; 05/09``), how a
header line holding several of them and several proposal lines splits, and the entry written
back.
"""
from __future__ import annotations

import re
from typing import Callable, List, Optional

from ..model import ColourKeyEntry
from .colours import (COLOUR_NAMES, DEFAULT_COLOUR_TOLERANCE, SHADE_WORDS, colour_distance,
                      colour_name)
from .dates import DATE_PATTERN, all_dates, calendar_date, month_days
from .parties import DEFAULT_PARTIES, PartyNames
from .proposals import MAX_LINE_CHARS, proposal_label

_DATE_ONLY = re.compile(r"[\s;,&]*(?:and\s+)?" + DATE_PATTERN.pattern, re.I)


_LABELLED = re.compile(r"\s*(date|time)\s*:", re.I)


def split_proposal_lines(text: str) -> List[str]:
    """Split a header line holding several proposal lines (each ends with its date)."""
    pieces: List[str] = []
    for p in re.split(r"\s{2,}|\t|\s+/\s+|\s*\|\s*", text):
        label = _LABELLED.match(p)
        if p.strip() and pieces and label and (label.group(1).lower() == "time" or
                                               not DATE_PATTERN.search(pieces[-1])):
            pieces[-1] += "  " + p.strip()  # "SFUSD to UESF  Date: 2/7/2026  Time: 8:00pm"
        elif p.strip():
            pieces.append(p.strip())
    out: List[str] = []
    for piece in pieces:
        start = 0
        for m in DATE_PATTERN.finditer(piece):
            end = m.end()
            chunk = piece[start:end].strip(" ._-")
            if chunk and out and start and _DATE_ONLY.fullmatch(chunk):
                # a second date of one entry ("on 03/07/24; 05/09/24")
                out[-1] = out[-1] + ("" if chunk[:1] in ";,&" else " ") + chunk
            elif chunk:
                out.append(chunk)
            start = end
        rest = piece[start:].strip(" ._-")
        if rest and out and start:
            out[-1] = out[-1] + " " + rest if not DATE_PATTERN.search(rest) else out[-1]
        elif rest:
            out.append(rest)
    return [entry for item in out for entry in split_key_entries(item)]


_ENTRY_START = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(sorted(COLOUR_NAMES, key=len, reverse=True))
    + r")\s*[-–:=]", re.I)
_JOINS_COLOURS = re.compile(r"(?:&|\+|/|,|\band|" + "|".join(COLOUR_NAMES) + r")\s*$", re.I)


def split_key_entries(text: str) -> List[str]:
    """A line holding several key entries one after another ("Blue- District proposal on
    02/07 Red- Union counter on 03/07; 05/09"): one per colour name that starts an entry
    ("Red & Blue - ..." stays one)."""
    cuts = [m.start() for m in _ENTRY_START.finditer(text)
            if m.start() > 0 and text[:m.start()].strip()
            and not _JOINS_COLOURS.search(text[:m.start()])]
    if not cuts:
        return [text]
    bounds = [0] + cuts + [len(text)]
    return [text[a:b].strip() for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


#: Where an entry names its colour: first, before a dash, colon or equals sign ("Blue -",
#: "Purple text:"), after "in" ("District counter in Green"), in parentheses ("(blue)"),
#: or last, after a dash ("Union proposal 3/7/24 – blue").
_WORD = r"(?:(?:" + "|".join(SHADE_WORDS) + r")\s+)?[A-Za-z]+"
_NAMED_COLOUR = re.compile(
    rf"^\s*(?P<a>{_WORD})(?:\s+(?:text|ink|font|type|print|language|highlight(?:ing)?))?"
    rf"\s*[-–:=]\s*|\bin\s+(?P<b>{_WORD})(?![A-Za-z])|\((?P<c>{_WORD})\)"
    rf"|[-–:=]\s*(?P<d>{_WORD})\s*\.?\s*$",
    re.I)


def _colour_of(name: str) -> Optional[str]:
    """The RGB of a colour's printed name ("Dark  Red" -> C00000); None for no colour."""
    return COLOUR_NAMES.get(" ".join(name.lower().split()))


def colour_named_in(text: str) -> Optional[str]:
    """The colour a key entry names in its words, as RGB hex (``Blue - ...`` -> 0000FF)."""
    for m in _NAMED_COLOUR.finditer(text):
        found = _colour_of(m.group("a") or m.group("b") or m.group("c") or m.group("d") or "")
        if found:
            return found
    named = colours_named_in(text)
    return named[0] if named else None


_SEVERAL_COLOURS = re.compile(
    rf"^\s*(?P<names>{_WORD}(?:\s*(?:&|\+|/|,|\band\b)\s*{_WORD})+)\s*[-–:=]\s*", re.I)


def colours_named_in(text: str) -> List[str]:
    """Every colour an entry names at its start (``Red & Blue - District Counters ...`` ->
    FF0000, 0000FF), or the one it names elsewhere; [] when it names none."""
    m = _SEVERAL_COLOURS.match(text or "")
    if m:
        found = [_colour_of(n) for n in re.split(r"\s*(?:&|\+|/|,|\band\b)\s*",
                                                  m.group("names"), flags=re.I)]
        if found and all(found):
            return list(dict.fromkeys(c for c in found if c))
    for m2 in _NAMED_COLOUR.finditer(text or ""):
        colour = _colour_of(m2.group("a") or m2.group("b") or m2.group("c") or m2.group("d")
                            or "")
        if colour:
            return [colour]
    return []


YearGuess = Callable[[str, int, int], Optional[int]]
#: The date of an entry that prints none, from the proposal line it names (party, entry text).
DateGuess = Callable[[str, str], Optional[str]]


def parse_key_entries(text: str, font_colour: Optional[str],
                      parties: PartyNames = DEFAULT_PARTIES,
                      year_for: Optional[YearGuess] = None,
                      date_for: Optional[DateGuess] = None) -> List[ColourKeyEntry]:
    """Every colour key entry one printed entry holds: one per colour it names ("Red & Blue
    - District Counters 05.09.2024") and per date it gives ("Red- Union counter on 03/07;
    05/09"), in the order printed.

    An entry with no date takes it from ``date_for(party, text)`` (the matching proposal
    line) when given; without a date it is no entry.  [] when the text is not an entry."""
    text = text.strip()
    if len(text) > MAX_LINE_CHARS:
        return []  # a paragraph (a table of contents, a clause), not a key entry
    named = colours_named_in(text)
    colours: List[Optional[str]] = list(named) or [font_colour.upper() if font_colour else None]
    if font_colour and len(named) == 1 and \
            colour_distance(font_colour, named[0]) > DEFAULT_COLOUR_TOLERANCE:
        colours = [font_colour.upper()]  # the ink wins over the word when they disagree
    party = parties.find(text)
    if not party:
        return []
    dates: List[Optional[str]] = list(all_dates(text))
    if not dates and year_for is not None:
        for mon, day in month_days(text):
            year = year_for(party, mon, day)
            date = calendar_date(year, mon, day) if year else None
            if date:
                dates.append(date)
    if not dates and date_for is not None:
        dates = [date_for(party, text)]
    dates = [d for d in dates if d]
    if not dates:
        return []
    label = proposal_label(party, text)
    return [ColourKeyEntry(color=c, party=party, date=d, label=label, text=text)
            for d in dates for c in colours]




#: What separates an entry's colour name from its proposal line ("Green - District ...").
ENTRY_SEPARATOR = " - "


def format_key_entry(colour: Optional[str], line: str) -> str:
    """``Green - District Counter Proposal 05/09/2024``: a key entry as every renderer prints
    it (``colour`` None is the base text, black), which :func:`parse_key_entries` reads back."""
    return f"{colour_name(colour)}{ENTRY_SEPARATOR}{line}"
