"""The reference PDF route: pdfplumber (pdfminer) characters and path objects -> PageContent.

Slow (pdfminer interprets everything in Python, ~7 pages/s) but it reports each character's
fill colour *with its colour space*, so it is also the fallback the fast route uses for pages
whose colours pdfium would convert without telling (CMYK, spot, pattern, ICC).
"""
from __future__ import annotations

import re
from typing import Any, Iterator, List, Optional, Set, Tuple

from ..errors import EncryptedError, InputError
from .pdf_layout import (Fill, Glyph, PageContent, Rule, fill_from_path, font_style,
                         glyph_text, rules_from_path, space_shown)

UNKNOWN = "?"  # a colour we cannot convert (spot, pattern): never guessed
#: Character collections whose CIDs name no character: a composite font using one has no
#: text without a ToUnicode map.
_UNMAPPABLE_ORDERINGS = {"Identity", ""}


def _name(value: Any) -> str:
    value = getattr(value, "name", value)
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    return str(value or "")


def unmapped_fonts(page_obj: Any) -> List[str]:
    """The fonts of a (pdfminer) page whose codes cannot be turned into characters: no
    ToUnicode map, and a composite font whose CIDs belong to no registered collection
    (``Identity``, as most producers embed subsets) or a Type 3 font (its glyph names are
    the producer's own).  Their text reads as garbage (random
    CJK characters): the caller warns, naming the pages."""
    from pdfminer.pdftypes import resolve1

    res = resolve1(getattr(page_obj, "resources", None)) or {}
    fonts = resolve1(res.get("Font")) if isinstance(res, dict) else None
    out: List[str] = []
    try:
        content = b"\n".join(resolve1(s).get_data() for s in page_obj.contents or [])
    except Exception:  # unreadable here: judge every font the page lists
        content = None
    for key, ref in (fonts.items() if isinstance(fonts, dict) else ()):
        if content is not None and not re.search(
                rb"/" + re.escape(_name(key).encode("latin-1", "replace")) + rb"\s+[-+\d.]+\s+Tf",
                content):
            continue  # listed, but the page sets no text in it
        spec = resolve1(ref)
        if not isinstance(spec, dict) or spec.get("ToUnicode") is not None:
            continue
        subtype = _name(resolve1(spec.get("Subtype")))
        bad = subtype == "Type3"
        if subtype == "Type0":
            encoding = resolve1(spec.get("Encoding"))
            descendants = resolve1(spec.get("DescendantFonts")) or []
            cid = resolve1(descendants[0]) if isinstance(descendants, list) and \
                descendants else {}
            info = resolve1(cid.get("CIDSystemInfo")) if isinstance(cid, dict) else {}
            ordering = _name(resolve1(info.get("Ordering"))) if isinstance(info, dict) else ""
            # codes are Unicode under a predefined Uni* CMap; otherwise they are CIDs, which
            # name characters only in a registered collection (Adobe-Japan1, ...)
            unicode_cmap = hasattr(encoding, "name") and _name(encoding).startswith("Uni")
            bad = not unicode_cmap and ordering in _UNMAPPABLE_ORDERINGS
        if bad:
            out.append(_name(resolve1(spec.get("BaseFont"))).split("+")[-1] or _name(key))
    return out


def font_warning(pages_by_font: "dict") -> List[str]:
    """One warning per font without a usable ToUnicode map, naming its pages."""
    out = []
    for font, pages in sorted(pages_by_font.items()):
        shown = ", ".join(str(p) for p in pages[:20]) + (" ..." if len(pages) > 20 else "")
        word = "page" if len(pages) == 1 else "pages"
        out.append(f"{word} {shown}: font {font} has no usable ToUnicode map, so its text "
                   "cannot be read reliably (it may come out as random characters); "
                   "re-export the PDF, or use the DOCX")
    return out


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
    space_at = -1.0  # where a space glyph since the last glyph kept starts
    for c in page.chars:
        raw = c.get("text") or ""
        text = glyph_text(raw)
        matrix = c.get("matrix") or (1, 0, 0, 1, c["x0"], c["y0"])
        baseline = c["top"] + c["y1"] - matrix[5]
        prev = glyphs[-1] if glyphs else None
        if prev is not None and prev.x0 < c["x0"] < prev.x1 and abs(prev.y - baseline) < 0.01:
            prev.x1 = float(c["x0"])  # kerned pair: end at the next origin (as pdfium route)
        if not text:
            if raw[:1].isspace():
                space_at = float(c["x0"])
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
        glyph = Glyph(text, float(c["x0"]), float(c["x1"]), float(baseline),
                      round(float(c["size"]), 2), colour, style[0], style[1])
        glyph.space_before = space_shown(space_at, glyph)
        space_at = -1.0
        glyphs.append(glyph)
    rules: List[Rule] = []
    fills: List[Fill] = []

    def filled(pts: List[Tuple[float, float]], o: dict) -> None:
        colour = convert_colour(o.get("non_stroking_color"), None) if o.get("fill") else None
        shape = fill_from_path(pts, bool(o.get("fill")), None if colour == UNKNOWN else colour)
        if shape is not None:
            fills.append(shape)

    def ink(o: dict, stroked: bool) -> Optional[str]:
        """A rule's colour: its stroke's, else its fill's (None: black or not known)."""
        colour = convert_colour(o.get("stroking_color" if stroked else "non_stroking_color"),
                                None)
        return None if colour == UNKNOWN else colour

    for o in page.lines:
        stroked = bool(o.get("stroke", True))
        rules.extend(rules_from_path(_pts(o), False, False, stroked,
                                     bool(o.get("fill")), float(o.get("linewidth") or 0),
                                     ink(o, stroked)))
    for o in page.rects:
        corners = [(o["x0"], o["top"]), (o["x1"], o["top"]), (o["x1"], o["bottom"]),
                   (o["x0"], o["bottom"])]
        found = rules_from_path(corners, False, True, bool(o.get("stroke")),
                                bool(o.get("fill")), float(o.get("linewidth") or 0),
                                ink(o, bool(o.get("stroke"))))
        rules.extend(found)
        if not found:
            filled(corners, o)
    for o in page.curves:
        path = o.get("path") or []
        curved = any(str(seg[0]) in ("c", "v", "y") for seg in path)
        closed = bool(path) and str(path[-1][0]) == "h"
        found = rules_from_path(_pts(o), curved, closed, bool(o.get("stroke")),
                                bool(o.get("fill")), float(o.get("linewidth") or 0),
                                ink(o, bool(o.get("stroke"))))
        rules.extend(found)
        if not found and not curved:
            filled(_pts(o), o)
    # pdfplumber lists rects and curves apart, so where two fills of different colours
    # overlap behind one glyph the routes may differ on which is on top (pdfium: drawing
    # order); highlights do not overlap
    return PageContent(number, float(page.width), float(page.height), glyphs, rules,
                       has_images=bool(page.images), fills=fills)


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
    unmapped: dict = {}
    try:
        for i, page in enumerate(pdf.pages, start=1):
            try:
                for font in unmapped_fonts(getattr(page, "page_obj", None)):
                    unmapped.setdefault(font, []).append(i)
            except Exception:  # an odd font dictionary: the page is still read
                pass
            try:
                content = page_content(page, i, warnings, unknown)
                content.of = len(pdf.pages)
                yield content
            finally:
                page.close()
        warnings.extend(font_warning(unmapped))
    finally:
        pdf.close()
