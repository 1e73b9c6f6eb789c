"""Colours as negotiators name them and as documents draw them (RGB hex, ``"0000FF"``).

Shared by the readers (mapping ink to a colour key) and the renderers (naming a colour in a
legend); knows nothing of either.
"""
from __future__ import annotations

from typing import Dict, Iterable, Optional, Tuple

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
