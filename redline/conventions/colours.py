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
    # Word's standard colours and highlights, by the names its menus give them
    "dark red": "C00000", "light green": "92D050", "light blue": "00B0F0",
    "dark blue": "002060", "dark green": "006400", "bright green": "00FF00",
    "turquoise": "00FFFF", "cyan": "00FFFF", "aqua": "00FFFF", "dark yellow": "808000",
    "olive": "808000", "maroon": "800000", "lime": "00FF00", "dark teal": "003366",
    "light orange": "F4B183", "dark purple": "3F3151", "lavender": "B4A7D6",
}
#: Words that shade a colour's name ("Dark Red", "light blue"): part of the name.
SHADE_WORDS = ("dark", "light", "bright", "pale", "deep")

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


def ink(colour: Optional[str], highlight: Optional[str] = None) -> Optional[str]:
    """The ink a run is drawn in: its colour, else the colour it is highlighted or shaded
    in; None when neither is an ink (none, black, white-ish grey: base text)."""
    if not is_neutral(colour):
        return colour
    return None if is_neutral(highlight) else highlight


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
        return best[0].title()
    return "#" + colour.upper()


#: How far (degrees of hue) an ink may be from a key colour and still be read as it, when
#: no key colour is within :data:`DEFAULT_COLOUR_TOLERANCE` (Word's blue 0070C0, 35 degrees
#: from 0000FF, for a key that says "Blue").
DEFAULT_HUE_TOLERANCE = 40.0
#: The least saturation (0-1) an ink needs to be matched by hue at all.
DEFAULT_MIN_SATURATION = 0.5


def hue_saturation(colour: str) -> Tuple[float, float]:
    """Hue in degrees (0-360) and saturation (0-1, HSV) of an RGB hex colour."""
    import colorsys

    r, g, b = hex_to_rgb(colour)
    h, s, _ = colorsys.rgb_to_hsv(r / 255.0, g / 255.0, b / 255.0)
    return h * 360.0, s


def nearest_hue(colour: str, palette: Iterable[str],
                tolerance: float = DEFAULT_HUE_TOLERANCE) -> Optional[str]:
    """The palette colour of the same hue as ``colour`` (within ``tolerance`` degrees, and
    no other palette colour as near), for inks a key names but does not print exactly;
    None for grays, pale colours and inks between two key colours."""
    if is_neutral(colour):
        return None
    hue, sat = hue_saturation(colour)
    if sat < DEFAULT_MIN_SATURATION:
        return None
    near = []
    for cand in palette:
        ch, cs = hue_saturation(cand)
        if cs < DEFAULT_MIN_SATURATION:
            continue
        d = abs(hue - ch) % 360.0
        near.append((min(d, 360.0 - d), cand))
    near.sort()
    if not near or near[0][0] > tolerance:
        return None
    if len(near) > 1 and near[1][0] <= 2 * near[0][0] + 5 and near[1][1] != near[0][1]:
        return None  # between two key colours: no reading by hue
    return near[0][1]
