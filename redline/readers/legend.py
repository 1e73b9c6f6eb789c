"""Proposal lines, dates, parties and colour keys, as negotiators print them.

``District Counter Proposal 05/09/2024`` -> party District, date 2024-05-09.
``SUSD to NUHW Counter 06/20/2024- 3:35PM`` -> party District, date 2024-06-20T15:35.
``Green - District counter 05.09.2024`` / ``District Counter in Green_05.23.24`` -> a colour
key entry.  Shared by every reader.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from ..model import ColourKeyEntry, Proposal

DEFAULT_ALIASES: Dict[str, Tuple[str, ...]] = {
    "District": ("District", "SUSD", "Employer", "School District", "Board"),
    "Union": ("Union", "NUHW", "CSEA", "Association", "SEIU", "AFT", "CTA"),
}

#: Named colours negotiators write in a key, as the RGB Word uses for them.
COLOUR_NAMES: Dict[str, str] = {
    "black": "000000", "blue": "0000FF", "red": "FF0000", "green": "00B050",
    "orange": "FFA500", "purple": "7030A0", "pink": "FF66CC", "brown": "996633",
    "teal": "008080", "gray": "808080", "grey": "808080", "yellow": "FFC000",
    "magenta": "FF00FF", "violet": "7030A0", "gold": "FFC000", "navy": "002060",
}

#: How far (Euclidean distance in RGB) a colour may be from a key colour and still match it.
DEFAULT_COLOUR_TOLERANCE = 60.0
#: Below this brightness and saturation a colour counts as black/gray: base text.
DEFAULT_NEUTRAL_SPREAD = 40

_DATE = re.compile(
    r"(?<!\d)(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4}|\d{2})(?!\d)"
    r"(?:\s*[-,@]?\s*(?:at\s+)?(\d{1,2}):(\d{2})\s*([AaPp]\.?[Mm]\.?)?)?")
_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december"
    .split())}
_LONG_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+(\d{1,2}),?\s+(\d{4})\b", re.I)


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


def parse_date(text: str) -> Tuple[Optional[str], Optional[re.Match]]:
    """The first date (and time) in ``text`` as ``YYYY-MM-DD[THH:MM]``, with its match."""
    m = _DATE.search(text or "")
    if m:
        mon, day, year = int(m.group(1)), int(m.group(2)), m.group(3)
        y = int(year) + (2000 if len(year) == 2 else 0)
        if 1 <= mon <= 12 and 1 <= day <= 31:
            out = f"{y:04d}-{mon:02d}-{day:02d}"
            if m.group(4):
                hour, minute = int(m.group(4)), int(m.group(5))
                ampm = (m.group(6) or "").lower().replace(".", "")
                if ampm == "pm" and hour < 12:
                    hour += 12
                if ampm == "am" and hour == 12:
                    hour = 0
                out += f"T{hour:02d}:{minute:02d}"
            return out, m
    m2 = _LONG_DATE.search(text or "")
    if m2:
        mon = _MONTHS[m2.group(1).lower()]
        return f"{int(m2.group(3)):04d}-{mon:02d}-{int(m2.group(2)):02d}", m2
    return None, None


def normalise_date(text: str) -> Optional[str]:
    """Accept ``2024-05-09``, ``2024-05-09 15:35``, ``05/09/2024`` and the like."""
    text = (text or "").strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2}))?", text)
    if m:
        out = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
        if m.group(4):
            out += f"T{int(m.group(4)):02d}:{m.group(5)}"
        return out
    return parse_date(text)[0]


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
        for m in _DATE.finditer(piece):
            end = m.end()
            chunk = piece[start:end].strip(" ._-")
            if chunk:
                out.append(chunk)
            start = end
        rest = piece[start:].strip(" ._-")
        if rest and out and start:
            out[-1] = out[-1] + " " + rest if not _DATE.search(rest) else out[-1]
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
                    parties: PartyNames = DEFAULT_PARTIES) -> Optional[ColourKeyEntry]:
    """A colour key entry, from its printed text and the colour it is printed in."""
    text = text.strip()
    named = colour_named_in(text)
    colour = named or (font_colour.upper() if font_colour else None)
    if font_colour and named and colour_distance(font_colour, named) > DEFAULT_COLOUR_TOLERANCE:
        colour = font_colour.upper()  # the ink wins over the word when they disagree
    party = parties.find(text)
    date, _ = parse_date(text)
    if not party or not date:
        return None
    return ColourKeyEntry(color=colour, party=party, date=date,
                          label=_label(party, text), text=text)


# --- colours -------------------------------------------------------------------------------

def hex_to_rgb(value: str) -> Tuple[int, int, int]:
    value = value.strip().lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def colour_distance(a: str, b: str) -> float:
    ra, ga, ba = hex_to_rgb(a)
    rb, gb, bb = hex_to_rgb(b)
    return float(((ra - rb) ** 2 + (ga - gb) ** 2 + (ba - bb) ** 2) ** 0.5)


def is_neutral(colour: Optional[str]) -> bool:
    """Black, gray or automatic: the colour of base text."""
    if not colour or colour.lower() == "auto":
        return True
    try:
        r, g, b = hex_to_rgb(colour)
    except ValueError:
        return True
    return max(r, g, b) - min(r, g, b) <= DEFAULT_NEUTRAL_SPREAD and max(r, g, b) < 0xC0


def nearest_colour(colour: str, palette: Iterable[str],
                   tolerance: float = DEFAULT_COLOUR_TOLERANCE) -> Optional[str]:
    best: Optional[Tuple[float, str]] = None
    for cand in palette:
        d = colour_distance(colour, cand)
        if best is None or d < best[0]:
            best = (d, cand)
    if best and best[0] <= tolerance:
        return best[1]
    return None


def colour_name(colour: Optional[str]) -> str:
    """A word for a colour: the nearest named colour, or the hex itself."""
    if not colour:
        return "Black"
    best = min(COLOUR_NAMES.items(), key=lambda kv: colour_distance(colour, kv[1]))
    if colour_distance(colour, best[1]) <= DEFAULT_COLOUR_TOLERANCE:
        return best[0].capitalize()
    return "#" + colour.upper()


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
