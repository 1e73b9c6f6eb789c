"""Who speaks: the two parties, the names and acronyms each goes by, and the names a document
teaches ("San Francisco Unified School District (SFUSD)" -> SFUSD is the District).

``PartyNames`` carries the aliases (the user's ``--party-alias`` and the workspace's team names
over the defaults); every reader, note and key entry asks it which party a line speaks for.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

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

        A party's own word (``Union``) beats an alias, the first one named when the line
        names both ("Union Response to District Proposal ..."); ``A to B`` means A sends;
        otherwise the first name mentioned wins.
        """
        if not text:
            return None
        pats = self._pattern()
        m = re.search(r"([A-Za-z][\w-]*)\s+to\s+([A-Za-z][\w-]*)", text)
        if m:
            for party, pat in pats:
                if pat.fullmatch(m.group(1)):
                    return party
        own = [(m.start(), party) for party in self.aliases for m in [re.search(
            r"(?<![A-Za-z])" + re.escape(party) + r"(?![a-z])", text, re.I)] if m]
        if own:
            # the first named speaks: "Union Response to District Proposal of 5/9/24"
            return min(own)[1]
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



#: ``PARTY to PARTY`` at the start of a line ("SFUSD to UESF  Date: 2/7/2026").
SENDER_TO = re.compile(r"^\W*([A-Za-z][\w&-]*(?:\s+[A-Za-z][\w&-]*)?)\s+to\s+"
                        r"([A-Za-z][\w&-]*)(?![\w-])")



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
    acronyms = [t.upper() for t in FILE_WORDS.findall(stem.replace("_", " "))
                if 3 <= len(t) <= 6]
    _spelled_out_names(texts, table, known, add, guesses, acronyms)
    sides = [p for p in table if p in PARTY_WORDS]
    if len(sides) == 2:
        probe = PartyNames(dict(table))
        for text in texts:
            sender = SENDER_TO.match(text)
            if not sender:
                continue
            a, b = sender.group(1).split()[-1], sender.group(2)
            for one, other in ((a, b), (b, a)):
                side = probe.canonical(one)
                if side in sides and not known(other) and re.fullmatch(r"[A-Z]{2,10}", other):
                    rest = next(p for p in sides if p != side)
                    add(rest, other)
                    guesses.append(f"{other} read as the {rest} (the other party of "
                                   f"{sender.group(0).strip()!r}); pass --party-alias "
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
        m = SENDER_TO.match(text)
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


#: Words of a file name (``v3_2024-06-20_1040_union_counter``).
FILE_WORDS = re.compile(r"[A-Za-z]+")
