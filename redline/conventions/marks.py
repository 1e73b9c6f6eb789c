"""What a redline's marks mean: which round an ink is (through the colour key, or the
authors and dates of tracked changes), struck text deleted and coloured or underlined text
inserted, text inserted in one round and struck in a later one, and the by-party convention
(one ink per party, agreed language in a third) read as the two versions it holds.

The readers hand :func:`mark_span` each run with its marks (font colour, highlight or shading,
strike, underline) and a :class:`RoundTable` built from the document's proposal lines and key;
nothing here knows a file format.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from ..model import BASE, DEL, INS, ColourKeyEntry, Proposal, Span
from .colours import colour_name, ink as ink_of, is_neutral, nearest_colour, nearest_hue
from .parties import DEFAULT_PARTIES, PartyNames
from .proposals import dedupe_proposals


@dataclass
class RoundTable:
    """The rounds of a redline and how to recognise each one's marks."""

    proposals: List[Proposal]
    colours: List[Optional[str]]  # per round; the base round has None (black)
    warnings: List[str] = field(default_factory=list)
    #: every ink the key gives and the (1-based) round its marks belong to; None: the
    #: colours above, one per round
    inks: Optional[List[Tuple[str, int]]] = None
    #: inks read by their hue, not their value (ink -> key colour), for the report
    by_hue: Dict[str, str] = field(default_factory=dict)
    #: the party names authors are read with (those learned from the document too)
    names: Optional[PartyNames] = None
    #: the by-party convention: two rounds (before the latest, the latest); the inks of
    #: agreed language (base text) in ``agreed``
    by_party: bool = False
    agreed: Tuple[str, ...] = ()

    def by_colour(self, colour: Optional[str]) -> Optional[int]:
        if colour is None or is_neutral(colour):
            return 1
        inks = self.inks if self.inks is not None else [
            (c, k) for k, c in enumerate(self.colours, start=1) if c]
        palette = [c for c, _ in inks]
        hit = nearest_colour(colour, palette)
        if hit is None:
            # an ink near a named key colour but not within the tolerance (Word's blue
            # 0070C0 for a key that says "Blue"): the key colour of the same hue, if one
            hit = nearest_hue(colour, palette)
            if hit is None:
                return None
            self.by_hue[colour.upper()] = hit
        return max(k for c, k in inks if c == hit)

    def by_author(self, author: Optional[str], date: Optional[str]) -> int:
        for i, p in enumerate(self.proposals):
            if p.party == author and (p.date or "")[:10] == (date or "")[:10]:
                return i + 1
        return len(self.proposals)


def colour_rounds(proposals: List[Proposal], legend: List[ColourKeyEntry]) -> RoundTable:
    items = list(proposals) + [Proposal(e.party, e.date, e.label, e.text) for e in legend]
    rounds = dedupe_proposals(items)
    colours: List[Optional[str]] = []
    keyed: List[List[str]] = []  # every ink the key gives each round
    for p in rounds:
        colour = None
        mine: List[str] = []
        for e in legend:
            if e.party == p.party and same_time(e.date, p.date):
                if e.color and not is_neutral(e.color):
                    colour = e.color
                    if e.color not in mine:
                        mine.append(e.color)
        colours.append(colour)
        keyed.append(mine)
    if rounds and all(colours):
        # every entry of the key has a colour: the black base text is a round of its own
        rounds.insert(0, Proposal(label="Base text"))
        colours.insert(0, None)
        keyed.insert(0, [])
    warnings: List[str] = []
    inks: List[Tuple[str, int]] = []
    for ink in dict.fromkeys(c for mine in keyed for c in mine):
        owners = [k for k, mine in enumerate(keyed, start=1) if ink in mine]
        if len(owners) > 1:
            # one ink keyed to several rounds: its marks cannot say which; they go to the
            # latest of those rounds that has no ink of its own, else to the latest
            alone = [k for k in owners if len(keyed[k - 1]) == 1]
            chosen = max(alone or owners)
            names = ", ".join(round_name(rounds[k - 1]) for k in owners)
            why = (" (the others have inks of their own)"
                   if alone and len(alone) < len(owners) else "")
            warnings.append(f"ink {colour_name(ink)} ({ink}) is keyed to {len(owners)} rounds "
                            f"({names}): its marks are read as {round_name(rounds[chosen - 1])}"
                            f"{why}; give the key with --key to settle it")
            owners = [chosen]
        inks.append((ink, owners[0]))
    for k, mine in enumerate(keyed, start=1):
        if k > 1 and mine and not any(r == k for _, r in inks):
            warnings.append(f"round {round_name(rounds[k - 1])} has no ink of its own: its "
                            "text is read as the round before it (give the key with --key "
                            "to settle it)")
    return RoundTable(rounds, colours, warnings, inks=inks)


#: Words of a key entry for agreed language ("Green - Agreed Language", "Black - TA'd").
AGREED_WORDS = re.compile(r"\bagreed\b|\btentative(?:ly)?\s+agreed\b|\bTA'?d\b", re.I)


def is_by_party(legend: Sequence[ColourKeyEntry], agreed: Sequence[str]) -> bool:
    """Whether a key is the by-party convention: one ink per party, the same for all its
    rounds, with an entry for agreed language or two parties of two rounds or more each."""
    inks: Dict[str, set] = {}
    rounds: Dict[str, set] = {}
    for e in legend:
        if e.party and e.color and not is_neutral(e.color):
            inks.setdefault(e.party, set()).add(e.color.upper())
            rounds.setdefault(e.party, set()).add((e.date or "")[:10])
    if len(inks) < 2 or any(len(v) != 1 for v in inks.values()):
        return False
    if len({c for v in inks.values() for c in v}) != len(inks):
        return False  # two parties in one ink: not one ink per party
    return bool(agreed) or sum(1 for v in rounds.values() if len(v) >= 2) >= 2


def party_rounds(proposals: List[Proposal], legend: List[ColourKeyEntry],
                  agreed: Sequence[str]) -> RoundTable:
    """The two versions a by-party redline holds: the text before the latest round (round 1)
    and the latest (round 2); earlier rounds are not in it and are never invented."""
    items = list(proposals) + [Proposal(e.party, e.date, e.label, e.text) for e in legend]
    dated = dedupe_proposals(items)
    latest = dated[-1]
    before = dated[-2] if len(dated) > 1 else Proposal(label="Before the latest round")
    ink = next((e.color for e in legend if e.party == latest.party and e.color), None)
    inks = [(e.color.upper(), 2) for e in legend if e.color and not is_neutral(e.color)]
    names = ", ".join(f"{colour_name(e.color)} = {e.party}" for e in legend
                      if e.color and not is_neutral(e.color))
    names = ", ".join(dict.fromkeys(names.split(", ")))
    if agreed:
        names += ", " + ", ".join(f"{colour_name(c)} = agreed language" for c in agreed)
    warning = (f"by-party colour key ({names}): the redline holds two versions, the text "
               f"before the latest round ({round_name(before)}) and the latest "
               f"({round_name(latest)}); the earlier rounds cannot be recovered from it")
    return RoundTable([before, latest], [None, ink], [warning], inks=inks, by_party=True,
                      agreed=tuple(agreed))


def mark_by_party(s: Span, table: RoundTable) -> Span:
    """By party: only the latest round's changes are underlined; text that stands in the
    party's ink without an underline was there before it; struck text not underlined was
    struck earlier (in neither version)."""
    ink = ink_of(s.color, s.highlight)
    base = table.proposals[0]
    latest = table.proposals[1]
    if ink is None or nearest_colour(ink, table.agreed) is not None:
        if s.strike:  # black struck text: struck before, in neither version
            return replace(s, kind=DEL, round=1, origin_round=1, party=base.party,
                           date=base.date)
        return replace(s, kind=BASE, round=1, party=base.party, date=base.date)
    if s.strike:
        return replace(s, kind=DEL, round=2 if s.underline else 1, origin_round=1,
                       party=latest.party if s.underline else base.party,
                       date=latest.date if s.underline else base.date)
    if s.underline:
        return replace(s, kind=INS, round=2, party=latest.party, date=latest.date)
    return replace(s, kind=BASE, round=1, party=base.party, date=base.date)


def same_time(a: Optional[str], b: Optional[str]) -> bool:
    """Whether two dates name one proposal: the same day, and the same time when both give
    one (two counters of one party on one day, at 10:30 and at 15:35, are two rounds)."""
    a, b = a or "", b or ""
    if "T" in a and "T" in b:
        return a == b
    return a[:10] == b[:10]


def round_name(p: Proposal) -> str:
    return " ".join(x for x in (p.party, p.date) if x) or (p.label or "the base text")


def _same_day_or_earlier(a: Optional[str], b: Optional[str]) -> bool:
    """Whether proposal date ``a`` comes before revision date ``b``: by the minute when both
    give a time, else by the day (a proposal of the revisions' own day is not before them)."""
    a, b = a or "", b or ""
    if "T" in a and "T" in b:
        return a < b
    return a[:10] < b[:10]


def _authors_as_parties(spans: Sequence[Span], proposals: Sequence[Proposal],
                        parties: PartyNames) -> Tuple[PartyNames, List[str]]:
    """Revision authors that name no party (a person, "jsmith", "Author"), read as the party
    of the document's proposal of the same day, or, when one such author made every
    unattributed revision, of the document's latest proposal: guesses, said.  Returns the
    names with those authors added as aliases, and what was guessed."""
    unknown: Dict[str, List[str]] = {}
    for s in spans:
        if s.kind != BASE and s.party and parties.find(s.party) is None:
            days = unknown.setdefault(s.party, [])
            if (s.date or "")[:10] not in days:
                days.append((s.date or "")[:10])
    if not unknown:
        return parties, []
    table = {k: tuple(v) for k, v in parties.aliases.items()}
    guesses: List[str] = []
    dated = [p for p in proposals if p.party in table and p.date]
    for author, days in unknown.items():
        sides = {p.party for p in dated if (p.date or "")[:10] in days}
        why = ""
        if len(sides) == 1:
            side = sides.pop()
            why = f"the document's {side} proposal is of the same day"
        elif not sides and len(unknown) == 1 and dated:
            side = sorted(dated, key=lambda p: p.date or "")[-1].party
            why = f"the document is the {side}'s proposal"
        else:
            continue
        assert side is not None  # dated holds only proposals whose party is in the table
        table[side] = tuple(table.get(side, ())) + (author,)
        guesses.append(f"tracked changes by {author!r} read as the {side} ({why}); pass "
                       f"--party-alias \"{side}={author}\" to settle it")
    return PartyNames(table), guesses


def struck_words(spans: Sequence[Span]) -> bool:
    """Whether any struck run holds a word (a struck space or stray mark is no redline)."""
    return any(s.strike and any(c.isalnum() for c in s.text) for s in spans)


def marks_rounds(proposals: List[Proposal]) -> RoundTable:
    """A redline marked in black (no colour key, no inks): struck words deleted and
    underlined words inserted by the latest proposal the document names; the text before it
    is the proposal before that one (or unnamed).  Two versions, as the marks hold no more."""
    dated = dedupe_proposals(proposals)
    latest = dated[-1] if dated else Proposal(label="Changes")
    before = dated[-2] if len(dated) > 1 else Proposal(label="Before the changes")
    warning = (f"struck and underlined text with no colour key: read as the changes of "
               f"{round_name(latest)} to {round_name(before)} (give the key with --key if the "
               "marks are older rounds)")
    return RoundTable([before, latest], [None, None], [warning])


def mark_by_marks(s: Span, table: RoundTable) -> Span:
    """Marks in black: struck text is deleted by the latest round, underlined text inserted
    by it; struck and underlined text was inserted and struck again (in neither version)."""
    before, latest = table.proposals[0], table.proposals[1]
    if s.strike:
        return replace(s, kind=DEL, round=2, origin_round=2 if s.underline else 1,
                       party=latest.party, date=latest.date)
    if s.underline:
        return replace(s, kind=INS, round=2, party=latest.party, date=latest.date)
    return replace(s, kind=BASE, round=1, party=before.party, date=before.date)


def tracked_rounds(spans: Sequence[Span], proposals: List[Proposal], parties: PartyNames
                   ) -> RoundTable:
    """The rounds of a tracked-changes document: one per party and day of its revisions
    (authors mapped to parties through ``parties``, or guessed from the document's proposal
    lines), after the base text (the latest proposal the document names before them)."""
    parties, guesses = _authors_as_parties(spans, proposals, parties)
    seen: Dict[Tuple[Optional[str], Optional[str]], Proposal] = {}
    for s in spans:
        if s.kind != BASE:
            party = parties.find(s.party or "") or s.party
            key = (party, (s.date or "")[:10] or None)
            if key not in seen:
                prop = next((p for p in proposals if p.party == party and
                             (p.date or "")[:10] == key[1]), None)
                seen[key] = prop or Proposal(party=party, date=s.date,
                                             label=f"{party} proposal" if party else None)
    revs = sorted(seen.values(), key=lambda p: p.date or "")
    first = Proposal()
    earlier = [p for p in proposals if revs and p not in revs and
               _same_day_or_earlier(p.date, revs[0].date)]
    if earlier:
        first = sorted(earlier, key=lambda p: p.date or "")[-1]
    return RoundTable([first] + revs, [None] * (len(revs) + 1), guesses, names=parties)


def assign_origin(spans: List[Span], table: RoundTable) -> List[Span]:
    """For struck text that had itself been inserted (underline + strike), which round
    inserted it.  The marks alone do not say, so read it the way a negotiator does:

    * struck right after other struck text of an earlier round: it replaced that text then;
    * struck right after struck-inserted text of the same round: the same origin;
    * in a paragraph with no original text: the paragraph's first insertion;
    * otherwise: the other party's round just before (parties strike each other's language).
    """
    out: List[Span] = []
    words = [s for s in spans if s.text.strip()]
    no_base = not any(s.kind == BASE for s in words)
    first_ins = min((s.round or 1 for s in words if s.kind == INS), default=None)
    for i, s in enumerate(spans):
        if s.kind == DEL and s.underline and s.round and s.round > 1:
            prev = next((p for p in reversed(out) if p.text.strip()), None)
            origin: Optional[int] = None
            if prev is not None and prev.kind == DEL and prev.round and prev.round < s.round:
                origin = prev.round
            elif prev is not None and prev.kind == DEL and prev.round == s.round and \
                    prev.origin_round and prev.origin_round > 1 and prev.underline:
                origin = prev.origin_round
            elif no_base and first_ins and first_ins < s.round:
                origin = first_ins
            else:
                party = table.proposals[s.round - 1].party
                origin = next((r for r in range(s.round - 1, 1, -1)
                               if table.proposals[r - 1].party != party), s.round - 1)
            s = replace(s, origin_round=max(1, origin))
        out.append(s)
    return out


def mark_span(s: Span, table: RoundTable, mode: str, warnings: List[str],
               where: Optional[Callable[[], str]] = None) -> Span:
    if mode == "tracked":
        if s.kind == BASE:
            return replace(s, round=1)
        rnd = table.by_author(table_party(s, table), s.date)
        prop = table.proposals[rnd - 1]
        origin = 1
        return replace(s, round=rnd, party=prop.party, date=prop.date,
                       origin_round=origin if s.kind == DEL else None)
    if mode == "marks":
        return mark_by_marks(s, table)
    if mode != "colour":
        return s
    if table.by_party:
        return mark_by_party(s, table)
    found = table.by_colour(s.color)
    if found == 1 and s.highlight and not is_neutral(s.highlight):
        # no ink of its own: the colour behind it is its round's, when the key has it
        behind = table.by_colour(s.highlight)
        if behind is not None:
            found = behind
        else:
            msg = (f"highlight {s.highlight} is not a colour of the key: "
                   f"{s.text.strip()[:40]!r} read as unmarked text (if it marks a round, "
                   "give the key with --key)")
            if msg not in warnings:
                warnings.append(msg)
    rnd = found if found is not None else len(table.proposals)
    if found is None:
        rnd = len(table.proposals)
        latest = table.proposals[-1]
        guess = " ".join(x for x in (latest.party, latest.date) if x) or "the latest round"
        # say where, and what was made of it: the reader must never guess silently
        place = f", {where()}" if where is not None else ""
        msg = (f"colour {s.color} (on {s.text.strip()[:40]!r}{place})"
               f" is not in the colour key; read as the latest round ({guess})")
        if msg not in warnings:
            warnings.append(msg)
    prop = table.proposals[rnd - 1]
    if s.strike:
        return replace(s, kind=DEL, round=rnd, party=prop.party, date=prop.date,
                       origin_round=1)
    if rnd > 1:
        return replace(s, kind=INS, round=rnd, party=prop.party, date=prop.date)
    base = table.proposals[0]
    return replace(s, kind=BASE, round=1, party=base.party, date=base.date)


def table_party(s: Span, table: RoundTable) -> Optional[str]:
    parties = {p.party for p in table.proposals}
    if s.party in parties:
        return s.party
    return (table.names or DEFAULT_PARTIES).find(s.party or "") or s.party
