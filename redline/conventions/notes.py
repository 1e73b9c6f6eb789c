"""Position notes: the lines under a clause that say where a party stands on it
("District agrees with language 05/09/2024", "District remains status quo", "Union reasserts
original language 05/23/2024 3:20PM"), never clause text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional, Tuple

from ..model import Note
from .dates import parse_date
from .parties import DEFAULT_PARTIES, PartyNames

#: Longest position note, in words.
MAX_NOTE_WORDS = 30


_NOTE_VERBS = (r"agrees?|agreed|accepts?|accepted|strikes?|striking|struck|remains?|"
               r"proposes?|proposing|proposed|counters?|countering|rejects?|rejected|"
               r"withdraws?|withdrawing|withdrew|maintains?|holds?|tentatively|TA'?s?|"
               r"is\s+at|at\s+status|keeps?|returns?|restores?|modif(?:y|ies|ying)|"
               r"reasserts?|reasserting|reasserted|reaffirms?|reaffirmed|reiterates?|"
               r"reiterated|restates?|restated")

@lru_cache(maxsize=32)
def _note_pattern(aliases: Tuple[Tuple[str, Tuple[str, ...]], ...]) -> "re.Pattern[str]":
    names = sorted({n for p, al in aliases for n in (p, *al)}, key=len, reverse=True)
    alias = "|".join(re.escape(n) for n in names)
    return re.compile(rf"^(?:the\s+)?(?P<party>{alias})(?:'s)?\s+(?:(?:is|has|now|also|"
                      rf"hereby|will)\s+)?(?P<verb>{_NOTE_VERBS})\b", re.I)


def note_of(text: str, parties: PartyNames = DEFAULT_PARTIES) -> Optional[Note]:
    """A position note, when ``text`` is one."""
    words = text.split()
    if not words or len(words) > MAX_NOTE_WORDS:
        return None
    low = text.lower()
    m = _note_pattern(tuple((p, tuple(al)) for p, al in parties.aliases.items())).match(text)
    if not m or re.match(r"\s*proposal\b", text[m.end():], re.I):
        return None  # "District Counter Proposal 05/09/2024" is a proposal line, not a note
    date, _ = parse_date(text)
    # undated, only the short stock phrases count ("District remains status quo",
    # "Union agrees with language"); "The District agrees to meet ..." is clause text
    if not date and "status quo" not in low and not (
            "agree" in low and ("language" in low or len(words) <= 4)):
        return None
    if text.rstrip().endswith((":",)) or len(words) > 12 and not date:
        return None
    party = parties.canonical(m.group("party"))
    if "status quo" in low or re.search(r"\bremains?\b|\bre(?:assert|affirm|iterat|stat)", low):
        kind = "status_quo"
    elif re.search(r"\bagree|\baccept", low):
        kind = "agrees"
    elif re.search(r"strik|struck", low):
        kind = "strikes_proposed_language" if "proposed" in low else "strikes_language"
    elif "new language" in low:
        kind = "proposes_new_language"
    elif re.search(r"withdr", low):
        kind = "withdraws"
    else:
        kind = "counter"
    return Note(text=text.strip(), party=party, date=date, kind=kind)


