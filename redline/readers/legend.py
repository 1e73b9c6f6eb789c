"""Proposal lines, dates, parties and colour keys, as negotiators print them.

``District Counter Proposal 05/09/2024`` -> party District, date 2024-05-09.
``SUSD to NUHW Counter 06/20/2024- 3:35PM`` -> party District, date 2024-06-20T15:35.
``Green - District counter 05.09.2024`` / ``District Counter in Green_05.23.24`` -> a colour
key entry.  Shared by every reader.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from ..colours import (COLOUR_NAMES, DEFAULT_COLOUR_TOLERANCE, DEFAULT_NEUTRAL_SPREAD,
                       colour_distance, colour_name, hex_to_rgb, is_neutral, nearest_colour)
from ..dates import (DATE_PATTERN, all_dates, calendar_date, file_name_date, month_day,
                     month_days, normalise_date, parse_date)
from ..model import ColourKeyEntry, Proposal

__all__ = ["COLOUR_NAMES", "DEFAULT_COLOUR_TOLERANCE", "DEFAULT_NEUTRAL_SPREAD",
           "colour_distance", "colour_name", "hex_to_rgb", "is_neutral", "nearest_colour",
           "month_day", "normalise_date", "parse_date"]  # re-exported: the readers' vocabulary

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


_SENDER_TO = re.compile(r"^\W*([A-Za-z][\w&-]*(?:\s+[A-Za-z][\w&-]*)?)\s+to\s+"
                        r"([A-Za-z][\w&-]*)(?![\w-])")


def sender_line(text: str, parties: PartyNames) -> bool:
    """Whether ``text`` starts ``PARTY to PARTY`` with two different known parties
    (``SFUSD to UESF  Date: 2/7/2026  Time: 8:00pm``): a proposal line without a proposal
    word."""
    m = _SENDER_TO.match(text or "")
    if not m:
        return False
    a, b = parties.canonical(m.group(1)), parties.canonical(m.group(2))
    return bool(a in parties.aliases and b in parties.aliases and a != b)


#: Longest proposal line or key entry, in characters: anything longer is a paragraph.
MAX_LINE_CHARS = 200


def parse_proposal_line(text: str, parties: PartyNames = DEFAULT_PARTIES) -> Optional[Proposal]:
    """Read ``NUHW-SUSD Contract Negotiations _Union Proposal 05/09/24`` (or ``SFUSD to UESF
    Date: 2/7/2026  Time: 8:00pm``) into a Proposal."""
    if not text or len(text) > MAX_LINE_CHARS:
        return None
    if not _PROPOSAL_WORDS.search(text) and not sender_line(text, parties):
        return None
    date, _ = parse_date(text)
    party = parties.find(text)
    if not date or not party:
        return None
    return Proposal(party=party, date=date, label=_label(party, text), text=text.strip())


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
    return [entry for item in out for entry in _split_key_entries(item)]


_ENTRY_START = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(sorted(COLOUR_NAMES, key=len, reverse=True))
    + r")\s*[-–:=]", re.I)
_JOINS_COLOURS = re.compile(r"(?:&|\+|/|,|\band|" + "|".join(COLOUR_NAMES) + r")\s*$", re.I)


def _split_key_entries(text: str) -> List[str]:
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


_NAMED_COLOUR = re.compile(
    r"^\s*(?P<a>[A-Za-z]+)\s*[-–:=]\s*|\bin\s+(?P<b>[A-Za-z]+)(?![A-Za-z])|\((?P<c>[A-Za-z]+)\)",
    re.I)


def colour_named_in(text: str) -> Optional[str]:
    """The colour a key entry names in its words, as RGB hex (``Blue - ...`` -> 0000FF)."""
    for m in _NAMED_COLOUR.finditer(text):
        name = (m.group("a") or m.group("b") or m.group("c") or "").lower()
        if name in COLOUR_NAMES:
            return COLOUR_NAMES[name]
    named = colours_named_in(text)
    return named[0] if named else None


_SEVERAL_COLOURS = re.compile(
    r"^\s*(?P<names>[A-Za-z]+(?:\s*(?:&|\+|/|,|\band\b)\s*[A-Za-z]+)+)\s*[-–:=]\s*", re.I)


def colours_named_in(text: str) -> List[str]:
    """Every colour an entry names at its start (``Red & Blue - District Counters ...`` ->
    FF0000, 0000FF), or the one it names elsewhere; [] when it names none."""
    m = _SEVERAL_COLOURS.match(text or "")
    if m:
        names = [n.lower() for n in re.split(r"\s*(?:&|\+|/|,|\band\b)\s*", m.group("names"),
                                            flags=re.I)]
        if names and all(n in COLOUR_NAMES for n in names):
            return list(dict.fromkeys(COLOUR_NAMES[n] for n in names))
    for m2 in _NAMED_COLOUR.finditer(text or ""):
        name = (m2.group("a") or m2.group("b") or m2.group("c") or "").lower()
        if name in COLOUR_NAMES:
            return [COLOUR_NAMES[name]]
    return []


def parse_key_entry(text: str, font_colour: Optional[str],
                    parties: PartyNames = DEFAULT_PARTIES,
                    year_for: Optional["YearGuess"] = None) -> Optional[ColourKeyEntry]:
    """A colour key entry, from its printed text and the colour it is printed in (the first
    of :func:`parse_key_entries` when the entry holds several).

    An entry printed without a year ("Blue- District proposal on 02/07", as the seed
    package prints them) takes its year from ``year_for(party, month, day)`` when given
    (the document's proposal lines); without one it is not read as an entry."""
    entries = parse_key_entries(text, font_colour, parties, year_for)
    return entries[0] if entries else None


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
    label = _label(party, text)
    return [ColourKeyEntry(color=c, party=party, date=d, label=label, text=text)
            for d in dates for c in colours]


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


# --- names the document teaches ----------------------------------------------------------

#: Words of a full name that say which side it is ("San Francisco Unified School District").
PARTY_WORDS: Dict[str, Tuple[str, ...]] = {
    "District": ("District", "Board", "County", "City", "Employer", "Authority", "College"),
    "Union": ("Union", "Association", "Federation", "Educators", "Workers", "Teachers",
              "Employees", "Local", "Council", "Guild", "Nurses"),
}
#: Last words of a full name that make it no party ("Union Benefits Committee (UBC)").
NOT_PARTY_WORDS = frozenset({"Committee", "Fund", "Plan", "Trust", "Program", "Programme",
                             "Policy", "Act", "Agreement", "Contract", "Code", "Team",
                             "Corps", "Office", "Department", "Center", "Centre"})
_ACRONYM = re.compile(r"\(\s*(?:the\s+)?[\"“]?([A-Z][A-Z&]{1,9}(?:\s?\d{1,4})?)[\"”]?\s*\)")
_SMALL = {"of", "the", "and", "for", "&", "in", "at", "de"}


def _name_words(acronym: str, words: Sequence[str]) -> List[str]:
    """The words of the full name ``acronym`` stands for, when it is the initials of the
    last words before it (small words such as "of" skipped): UESF <- United Educators of San
    Francisco; [] when it is not."""
    letters = re.sub(r"[^A-Z]", "", acronym)
    caps = [i for i, w_ in enumerate(words) if w_.lower() not in _SMALL]
    if len(caps) < len(letters) or not letters:
        return []
    tail = caps[len(caps) - len(letters):]
    if "".join(words[i][0].upper() for i in tail) != letters:
        return []
    return list(words[tail[0]:])


def learn_aliases(texts: Sequence[str], parties: PartyNames, file_name: str = ""
                  ) -> Tuple[PartyNames, List[str], List[str]]:
    """Party acronyms the document defines, added to ``parties``.

    ``San Francisco Unified School District (SFUSD)`` teaches SFUSD = District (the full
    name says which side); ``SFUSD to UESF`` then teaches UESF = the other party, a guess
    said in the third list, as is an acronym of a sender line or of ``file_name`` read from
    a name the text spells out.  Names ``parties`` already knows (``--party-alias``) are
    never changed.  Returns the names, what was learned (``SFUSD=District``) and the
    guesses."""
    table = {k: tuple(v) for k, v in parties.aliases.items()}
    learned: List[str] = []
    guesses: List[str] = []

    def known(name: str) -> bool:
        return any(name.lower() == n.lower() for p, ns in table.items() for n in (p,) + ns)

    def add(party: str, name: str) -> None:
        table[party] = tuple(table.get(party, ())) + (name,)
        learned.append(f"{name}={party}")

    for text in texts:
        if "(" not in text:
            continue
        for m in _ACRONYM.finditer(text):
            name = m.group(1).strip()
            if known(name):
                continue
            before = re.findall(r"[A-Za-z][\w'’-]*|&", text[max(0, m.start() - 120):m.start()])
            span = _name_words(name, before)
            if not span or span[-1] in NOT_PARTY_WORDS:
                continue  # not a name, or the name of a committee, fund or plan
            hits = [(max(i for i, w_ in enumerate(span) if w_ in words), party)
                    for party, words in PARTY_WORDS.items() if party in table
                    and any(w_ in words for w_ in span)]
            if hits:
                add(max(hits)[1], name)
    stem = os.path.splitext(os.path.basename(file_name))[0]
    acronyms = [t.upper() for t in _FILE_WORDS.findall(stem.replace("_", " "))
                if 3 <= len(t) <= 6]
    _spelled_out_names(texts, table, known, add, guesses, acronyms)
    sides = [p for p in table if p in PARTY_WORDS]
    if len(sides) == 2:
        probe = PartyNames(dict(table))
        for text in texts:
            m = _SENDER_TO.match(text)
            if not m:
                continue
            a, b = m.group(1).split()[-1], m.group(2)
            for one, other in ((a, b), (b, a)):
                side = probe.canonical(one)
                if side in sides and not known(other) and re.fullmatch(r"[A-Z]{2,10}", other):
                    rest = next(p for p in sides if p != side)
                    add(rest, other)
                    guesses.append(f"{other} read as the {rest} (the other party of "
                                   f"{m.group(0).strip()!r}); pass --party-alias "
                                   f"{rest}={other} to settle it")
                    probe = PartyNames(dict(table))
    return PartyNames(table), learned, guesses


#: How much of a document is searched for a sender's name spelled out, in characters.
MAX_SPELLED_OUT_CHARS = 2_000_000
#: How much of a document is searched for a name spelled out with a file name's initials.
MAX_FILE_NAME_REACH = 20_000
_NAME_JOINER = r"\s+(?:(?:of|the|and|for|&)\s+)*"


def _spelled_out_names(texts: Sequence[str], table: Dict[str, Tuple[str, ...]],
                       known: Callable[[str], bool], add: Callable[[str, str], None],
                       guesses: List[str], names: Sequence[str] = ()) -> None:
    """Acronyms of ``PARTY to PARTY`` lines (and ``names``: those of a file name) that no
    parenthesis defines, read from a name the document spells out with those initials
    ("SFUSD to UESF" and "San Francisco Unified School District ... United Educators of San
    Francisco", in capitals or not): a guess, said."""
    senders: List[str] = [n for n in names if not known(n)]
    from_file = set(senders)
    for text in texts:
        m = _SENDER_TO.match(text)
        if m:
            for x in (m.group(1).split()[-1], m.group(2)):
                if re.fullmatch(r"[A-Z]{2,10}", x) and not known(x) and x not in senders:
                    senders.append(x)
    if not senders:
        return
    blob = "\n".join(texts)[:MAX_SPELLED_OUT_CHARS]
    for name in senders:
        pattern = re.compile(r"\b" + _NAME_JOINER.join(f"{c}(?:[a-z'’-]*|[A-Z'’-]*)"
                                                        for c in name) + r"\b")
        # a word of the file name is looked for where a document names its parties: the
        # title, the preamble (every word of a long agreement would cost each read)
        where = blob[:MAX_FILE_NAME_REACH] if name in from_file else blob
        for m in pattern.finditer(where):
            words = [w_.capitalize() for w_ in re.findall(r"[A-Za-z][\w'’-]*", m.group(0))]
            if len(words) < 2 or words[-1] in NOT_PARTY_WORDS:
                continue
            sides = [party for party, ws in PARTY_WORDS.items()
                     if party in table and any(w_ in ws for w_ in words)]
            if len(sides) == 1:
                add(sides[0], name)
                guesses.append(f"{name} read as the {sides[0]}: the document spells out "
                               f"{' '.join(m.group(0).split())!r}; pass --party-alias "
                               f"{sides[0]}={name} to settle it")
                break


_FILE_WORDS = re.compile(r"[A-Za-z]+")


def proposal_from_file_name(path: str, parties: PartyNames = DEFAULT_PARTIES
                            ) -> Optional[Proposal]:
    """The proposal a file name suggests (``v3_2024-06-20_1040_union_counter.docx`` ->
    Union, 2024-06-20T10:40, counter proposal): a last resort, to be said as a guess."""
    name = os.path.splitext(os.path.basename(path or ""))[0]
    date = file_name_date(name)
    words = " ".join(w_ for w_ in _FILE_WORDS.findall(name.replace("_", " ")) if len(w_) > 1)
    party = parties.find(words) or parties.find(words.upper())  # acronyms, lower-cased
    if not date or not party:
        return None
    return Proposal(party=party, date=date, label=_label(party, words), text="")
