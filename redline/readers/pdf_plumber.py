"""The reference PDF route: pdfplumber (pdfminer) characters and path objects -> PageContent.

Slow (pdfminer interprets everything in Python, ~7 pages/s) but it reports each character's
fill colour *with its colour space*, so it is also the fallback the fast route uses for pages
whose colours pdfium would convert without telling (CMYK, spot, pattern, ICC).
"""
from __future__ import annotations

from typing import Any, Iterator, List, Optional, Set, Tuple

from ..errors import EncryptedError, InputError
from .pdf_layout import Glyph, PageContent, Rule, font_style, glyph_text, rules_from_path

UNKNOWN = "?"  # a colour we cannot convert (spot, pattern): never guessed


def _hex(r: float, g: float, b: float) -> Optional[str]:
    text = "%02X%02X%02X" % tuple(max(0, min(255, int(round(v * 255)))) for v in (r, g, b))
    return None if text == "000000" else text


def convert_colour(value: Any, space: Any) -> Optional[str]:
    """A fill colour as "RRGGBB" (None for black), or :data:`UNKNOWN`.

    Gray, RGB and CMYK (and ICC/Cal spaces by their number of components) are converted;
    Separation, DeviceN, Indexed, Lab and Pattern colours are unknown: their appearance
    depends on data we do not interpret, and a guessed colour would assign text to the
    wrong round.
    """
    name = str(getattr(space, "name", space) or "")
    if any(k in name for k in ("Pattern", "Separation", "DeviceN", "Indexed", "Lab")):
        return UNKNOWN
    if value is None:
        return None
    if isinstance(value, (int, float)):
        value = (value,)
    if not isinstance(value, (tuple, list)) or not all(
            isinstance(v, (int, float)) for v in value):
        return UNKNOWN
    comps = [float(v) for v in value]
    if len(comps) == 1:
        return _hex(comps[0], comps[0], comps[0])
    if len(comps) == 3:
        return _hex(*comps)
    if len(comps) == 4:
        c, m, y, k = comps
        # the plain device conversion: pdfium's Adobe tables would shift pure colours
        return _hex((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return UNKNOWN


def page_content(page: Any, number: int, warnings: List[str], unknown_seen: Set[str]
                 ) -> PageContent:
    """One pdfplumber page as :class:`PageContent`."""
    glyphs: List[Glyph] = []
    style_cache: dict = {}
    for c in page.chars:
        text = glyph_text(c.get("text") or "")
        matrix = c.get("matrix") or (1, 0, 0, 1, c["x0"], c["y0"])
        baseline = c["top"] + c["y1"] - matrix[5]
        prev = glyphs[-1] if glyphs else None
        if prev is not None and prev.x0 < c["x0"] < prev.x1 and abs(prev.y - baseline) < 0.01:
            prev.x1 = float(c["x0"])  # kerned pair: end at the next origin (as pdfium route)
        if not text:
            continue
        font = c.get("fontname") or ""
        style = style_cache.get(font)
        if style is None:
            style = style_cache[font] = font_style(font)
        colour = convert_colour(c.get("non_stroking_color"), c.get("ncs"))
        if colour == UNKNOWN:
            space = str(c.get("ncs") or "unknown")
            if space not in unknown_seen:
                unknown_seen.add(space)
                warnings.append(f"page {number}: text in a {space} colour cannot be "
                                "converted to RGB; read as uncoloured")
            colour = None
        glyphs.append(Glyph(text, float(c["x0"]), float(c["x1"]), float(baseline),
                            float(c["size"]), colour, style[0], style[1]))
    rules: List[Rule] = []
    for o in page.lines:
        rules.extend(rules_from_path(_pts(o), False, False, bool(o.get("stroke", True)),
                                     bool(o.get("fill")), float(o.get("linewidth") or 0)))
    for o in page.rects:
        corners = [(o["x0"], o["top"]), (o["x1"], o["top"]), (o["x1"], o["bottom"]),
                   (o["x0"], o["bottom"])]
        rules.extend(rules_from_path(corners, False, True, bool(o.get("stroke")),
                                     bool(o.get("fill")), float(o.get("linewidth") or 0)))
    for o in page.curves:
        path = o.get("path") or []
        curved = any(str(seg[0]) in ("c", "v", "y") for seg in path)
        closed = bool(path) and str(path[-1][0]) == "h"
        rules.extend(rules_from_path(_pts(o), curved, closed, bool(o.get("stroke")),
                                     bool(o.get("fill")), float(o.get("linewidth") or 0)))
    return PageContent(number, float(page.width), float(page.height), glyphs, rules,
                       has_images=bool(page.images))


def _pts(o: dict) -> List[Tuple[float, float]]:
    return [(float(x), float(y)) for x, y in (o.get("pts") or [])]


def open_pdf(path: str, password: Optional[str]) -> Any:
    """pdfplumber's PDF, with encryption and damage turned into our errors."""
    import pdfplumber

    try:
        return pdfplumber.open(path, password=password or "")
    except Exception as exc:  # pdfminer raises many unrelated types for damage
        raise _error(exc, path, password) from None


def _error(exc: BaseException, path: str, password: Optional[str]) -> InputError:
    chain: List[BaseException] = []
    e: Optional[BaseException] = exc
    while e is not None and len(chain) < 5:
        chain.append(e)
        e = e.__cause__ or e.__context__
    names = " ".join(type(x).__name__ for x in chain)
    if "PasswordIncorrect" in names or "Encryption" in names:
        if password:
            return EncryptedError("wrong password for this encrypted PDF; check --password",
                                  path)
        return EncryptedError("encrypted; give --password", path)
    return InputError("damaged or not a PDF (cannot be parsed); re-export or repair it", path)


def iter_pages(path: str, password: Optional[str], warnings: List[str]
               ) -> Iterator[PageContent]:
    """Every page in order, one at a time (each page's cache is dropped after use)."""
    pdf = open_pdf(path, password)
    unknown: Set[str] = set()
    try:
        for i, page in enumerate(pdf.pages, start=1):
            try:
                yield page_content(page, i, warnings, unknown)
            finally:
                page.close()
    finally:
        pdf.close()
