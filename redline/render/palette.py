"""Colour conventions: one colour per round (the seeds' style) or per party."""
from __future__ import annotations

from typing import List, Optional

#: Colours for rounds 2, 3, ... in the order negotiators usually pick them (round 1 is black).
#: Every one reads on white (contrast at least ``MIN_CONTRAST``): Word's green (00B050) and
#: orange (FFA500) do not, so green and orange are drawn darker, still named Green and
#: Orange (``colours.colour_name``) and still told apart by the readers.
ROUND_COLOURS: List[str] = ["0000FF", "FF0000", "009640", "E17300", "7030A0", "FF00FF",
                            "008080", "996633", "002060", "C00000"]
#: One colour per party (``by-party``); agreed language in a third colour.
PARTY_COLOURS = {"District": "0000FF", "Union": "FF0000"}
AGREED_COLOUR = "009640"
#: The least contrast an ink must have against white paper (WCAG's 3:1 for large text and
#: graphics: coloured, underlined or struck words).
MIN_CONTRAST = 3.0


def contrast_on_white(colour: str) -> float:
    """WCAG contrast ratio of an RRGGBB ink against white (1 to 21)."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    lum = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    return 1.05 / (lum + 0.05)


def party_colour(party: Optional[str]) -> str:
    if party and party in PARTY_COLOURS:
        return PARTY_COLOURS[party]
    return "0000FF"


def round_colour(index: int) -> str:
    """Colour of round ``index`` (2-based: round 1 is the black base text)."""
    return ROUND_COLOURS[(index - 2) % len(ROUND_COLOURS)]
