"""Proposal lines, dates, parties and colour keys, as negotiators print them.

``District Counter Proposal 05/09/2024`` -> party District, date 2024-05-09.
``SUSD to NUHW Counter 06/20/2024- 3:35PM`` -> party District, date 2024-06-20T15:35.
``Green - District counter 05.09.2024`` / ``District Counter in Green_05.23.24`` -> a colour
key entry.  Shared by every reader.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from ..colours import (COLOUR_NAMES, DEFAULT_COLOUR_TOLERANCE, DEFAULT_NEUTRAL_SPREAD,
                       colour_distance, colour_name, hex_to_rgb, is_neutral, nearest_colour)
from ..dates import DATE_PATTERN, calendar_date, month_day, normalise_date, parse_date
from ..model import ColourKeyEntry, Proposal

__all__ = ["COLOUR_NAMES", "DEFAULT_COLOUR_TOLERANCE", "DEFAULT_NEUTRAL_SPREAD",
           "colour_distance", "colour_name", "hex_to_rgb", "is_neutral", "nearest_colour",
           "normalise_date", "parse_date"]  # re-exported: the readers' vocabulary

DEFAULT_ALIASES: Dict[str, Tuple[str, ...]] = {
    "District": ("District", "SUSD", "Employer", "School District", "Board"),
    "Union": ("Union", "NUHW", "CSEA", "Association", "SEIU", "AFT", "CTA"),
}

@dataclass(frozen=True)
class PartyNames:
    """Party names and their aliases (``SUSD`` means District)."""

    aliases: Dict[str, Tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_ALIASES))

    def _pattern(self) -> List[Tuple[str, re.Pattern]]:
        out = []
        for party, names in self.aliases.items():
            for name in sorted(set(names) | {party}, key=len, reverse=True):
                out.append((party, re.compile(r"(?<![A-Za-z])" + re.escape(name)
                                              + r"(?![a-z])", re.I if name[:1].isupper()
                                              and not name.isupper() else 0)))
        return out

    def find(self, text: str) -> Optional[str]:
        """The party a line speaks for.

        A party's own word (``Union``) beats an alias; ``A to B`` means A sends; otherwise the
        first name mentioned wins.
        """
        if not text:
            return None
        pats = self._pattern()
        m = re.search(r"([A-Za-z][\w-]*)\s+to\s+([A-Za-z][\w-]*)", text)
        if m:
            for party, pat in pats:
                if pat.fullmatch(m.group(1)):
                    return party
        for party in self.aliases:
            if re.search(r"(?<![A-Za-z])" + re.escape(party) + r"(?![a-z])", text, re.I):
                return party
        best: Optional[Tuple[int, str]] = None
        for party, pat in pats:
            found = pat.search(text)
            if found and (best is None or found.start() < best[0]):
                best = (found.start(), party)
        return best[1] if best else None

    def canonical(self, name: Optional[str]) -> Optional[str]:
        if not name:
            return None
        for party, names in self.aliases.items():
            if name.lower() == party.lower() or name.lower() in (n.lower() for n in names):
                return party
        return name


DEFAULT_PARTIES = PartyNames()


def _label(party: Optional[str], text: str) -> Optional[str]:
    low = text.lower()
    if "initial" in low:
        kind = "initial proposal"
    elif "counter" in low:
        kind = "counter proposal"
    elif "tentative" in low:
        kind = "tentative agreement"
    else:
        kind = "proposal"
    return f"{party} {kind}" if party else kind.capitalize()


_PROPOSAL_WORDS = re.compile(r"proposal|counter|initial|tentative|\bTA\b|package", re.I)


def parse_proposal_line(text: str, parties: PartyNames = DEFAULT_PARTIES) -> Optional[Proposal]:
    """Read ``NUHW-SUSD Contract Negotiations _Union Proposal 05/09/24`` into a Proposal."""
    if not text or len(text) > 200 or not _PROPOSAL_WORDS.search(text):
        return None
    date, _ = parse_date(text)
    party = parties.find(text)
    if not date or not party:
        return None
    return Proposal(party=party, date=date, label=_label(party, text), text=text.strip())


def split_proposal_lines(text: str) -> List[str]:
    """Split a header line holding several proposal lines (each ends with its date)."""
    pieces = [p.strip() for p in re.split(r"\s{2,}|\t|\s+/\s+|\s*\|\s*", text) if p.strip()]
    out: List[str] = []
    for piece in pieces:
        start = 0
        for m in DATE_PATTERN.finditer(piece):
            end = m.end()
            chunk = piece[start:end].strip(" ._-")
            if chunk:
                out.append(chunk)
            start = end
        rest = piece[start:].strip(" ._-")
        if rest and out and start:
            out[-1] = out[-1] + " " + rest if not DATE_PATTERN.search(rest) else out[-1]
        elif rest:
            out.append(rest)
    return out


_NAMED_COLOUR = re.compile(
    r"^\s*(?P<a>[A-Za-z]+)\s*[-–:=]\s*|\bin\s+(?P<b>[A-Za-z]+)(?![A-Za-z])|\((?P<c>[A-Za-z]+)\)",
    re.I)


def colour_named_in(text: str) -> Optional[str]:
    """The colour a key entry names in its words, as RGB hex (``Blue - ...`` -> 0000FF)."""
    for m in _NAMED_COLOUR.finditer(text):
        name = (m.group("a") or m.group("b") or m.group("c") or "").lower()
        if name in COLOUR_NAMES:
            return COLOUR_NAMES[name]
    return None


def parse_key_entry(text: str, font_colour: Optional[str],
                    parties: PartyNames = DEFAULT_PARTIES,
                    year_for: Optional["YearGuess"] = None) -> Optional[ColourKeyEntry]:
    """A colour key entry, from its printed text and the colour it is printed in.

    An entry printed without a year ("Blue- District proposal on 02/07", as the seed
    package prints them) takes its year from ``year_for(party, month, day)`` when given
    (the document's proposal lines); without one it is not read as an entry."""
    text = text.strip()
    named = colour_named_in(text)
    colour = named or (font_colour.upper() if font_colour else None)
    if font_colour and named and colour_distance(font_colour, named) > DEFAULT_COLOUR_TOLERANCE:
        colour = font_colour.upper()  # the ink wins over the word when they disagree
    party = parties.find(text)
    date, _ = parse_date(text)
    if not date and party and year_for is not None:
        md = month_day(text)
        if md is not None:
            year = year_for(party, md[0], md[1])
            date = calendar_date(year, md[0], md[1]) if year else None
    if not party or not date:
        return None
    return ColourKeyEntry(color=colour, party=party, date=date,
                          label=_label(party, text), text=text)


YearGuess = Callable[[str, int, int], Optional[int]]


def date_sort_key(date: Optional[str]) -> str:
    return date or ""


def dedupe_proposals(items: Sequence[Proposal]) -> List[Proposal]:
    """One proposal per party and date, in date order.

    A line that gives only the day ("05/09/24") and one that gives the time too ("05/09/24
    3:35PM") for the same party are the same proposal; the timed one wins.
    """
    seen: Dict[Tuple[Optional[str], Optional[str]], Proposal] = {}
    for p in items:
        key = (p.party, p.date)
        if key not in seen:
            seen[key] = p
    for (party, date), p in list(seen.items()):
        if date and "T" not in date:
            timed = [k for k in seen if k[0] == party and k[1] and k[1][:10] == date and
                     "T" in k[1]]
            if len(timed) == 1:
                del seen[(party, date)]
    return sorted(seen.values(), key=lambda p: date_sort_key(p.date))
