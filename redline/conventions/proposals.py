"""Proposal lines: which party proposed, when (date and time of day) and what kind of
proposal, as negotiators print it, and the same line written back.

``District Counter Proposal 05/09/2024`` -> District, 2024-05-09, counter proposal.
``SUSD to NUHW Counter 06/20/2024- 3:35PM`` -> District, 2024-06-20T15:35.
``SFUSD to UESF  Date: 2/7/2026  Time: 8:00pm`` (a sender line, no proposal word).
``v3_2024-06-20_1040_union_counter.docx`` -> Union, 2024-06-20T10:40 (a guess, said).
"""
from __future__ import annotations

import os
import re
from typing import Dict, List, Optional, Sequence, Tuple

from ..model import Proposal
from .dates import all_dates, file_name_date
from .parties import DEFAULT_PARTIES, FILE_WORDS, SENDER_TO, PartyNames


def proposal_label(party: Optional[str], text: str) -> Optional[str]:
    """The kind of proposal a line names, with its party ("District counter proposal")."""
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


#: Words that make a dated line with a party's name a proposal line ("District Response
#: 05/09/2024", "Union Reply", "Last, Best and Final Offer").
_PROPOSAL_WORDS = re.compile(r"proposal|counter|initial|tentative|\bTA\b|package|response|"
                             r"\breply\b|\boffer\b|\bLBFO\b", re.I)


def sender_line(text: str, parties: PartyNames) -> bool:
    """Whether ``text`` starts ``PARTY to PARTY`` with two different known parties
    (``SFUSD to UESF  Date: 2/7/2026  Time: 8:00pm``): a proposal line without a proposal
    word."""
    m = SENDER_TO.match(text or "")
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
    dates = all_dates(text)
    party = parties.find(text)
    if not dates or not party:
        return None
    # a line naming the proposal it answers too ("Union Response to District Proposal of
    # 5/9/24 - 6/6/24", "... dated 05/02/2024 - Presented 05/09/2024"): an answer comes
    # after what it answers, so its own date is the latest
    date = max(dates)
    return Proposal(party=party, date=date, label=proposal_label(party, text), text=text.strip())


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


def proposal_from_file_name(path: str, parties: PartyNames = DEFAULT_PARTIES
                            ) -> Optional[Proposal]:
    """The proposal a file name suggests (``v3_2024-06-20_1040_union_counter.docx`` ->
    Union, 2024-06-20T10:40, counter proposal): a last resort, to be said as a guess."""
    name = os.path.splitext(os.path.basename(path or ""))[0]
    date = file_name_date(name)
    words = " ".join(w_ for w_ in FILE_WORDS.findall(name.replace("_", " ")) if len(w_) > 1)
    party = parties.find(words) or parties.find(words.upper())  # acronyms, lower-cased
    if not date or not party:
        return None
    return Proposal(party=party, date=date, label=proposal_label(party, words), text="")


def format_proposal_line(p: Proposal) -> str:
    """``District Counter Proposal 05/09/2024`` (``... 06/20/2024 3:35PM`` when the proposal
    has a time): the line every renderer prints, which :func:`parse_proposal_line` reads back
    to the same party, date and time."""
    label = (p.label or f"{p.party or ''} proposal").strip()
    words = " ".join(w[:1].upper() + w[1:] for w in label.split())
    date = ""
    if p.date:
        y, m, d = p.date[:10].split("-")
        date = f"{m}/{d}/{y}"
        if "T" in p.date:
            hh, mm = p.date[11:16].split(":")
            h = int(hh)
            date += f" {h % 12 or 12}:{mm}{'PM' if h >= 12 else 'AM'}"
    return f"{words} {date}".strip()
