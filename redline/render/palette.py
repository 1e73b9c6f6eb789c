"""Colour conventions: one colour per round (the seeds' style) or per party."""
from __future__ import annotations

from typing import List, Optional

#: Colours for rounds 2, 3, ... in the order negotiators usually pick them (round 1 is black).
ROUND_COLOURS: List[str] = ["0000FF", "FF0000", "00B050", "FFA500", "7030A0", "FF00FF",
                            "008080", "996633", "002060", "C00000"]
#: One colour per party (``by-party``); agreed language in a third colour.
PARTY_COLOURS = {"District": "0000FF", "Union": "FF0000"}
AGREED_COLOUR = "00B050"


def party_colour(party: Optional[str]) -> str:
    if party and party in PARTY_COLOURS:
        return PARTY_COLOURS[party]
    return "0000FF"


def round_colour(index: int) -> str:
    """Colour of round ``index`` (2-based: round 1 is the black base text)."""
    return ROUND_COLOURS[(index - 2) % len(ROUND_COLOURS)]
