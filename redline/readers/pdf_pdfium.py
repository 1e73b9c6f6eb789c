"""The fast PDF route: pypdfium2's text and path APIs -> PageContent.

pdfium reports fill colours already converted to RGB and does not say from which colour
space.  For DeviceRGB/DeviceGray (``rg``/``g``) that conversion is exact; for CMYK, ICC, spot
and pattern colours it is not what the reference route reports (and for spot colours it is a
guess, which we refuse).  So a cheap pre-scan of each page's content stream (pdfminer's
object parser only, no layout) sends such pages, and pages drawing Form XObjects, to the
pdfplumber route.  Both hand over the same :class:`PageContent`.
"""
from __future__ import annotations

import ctypes
import re
from typing import Any, Dict, Iterator, List, Optional, Set, Tuple

from ..errors import EncryptedError, InputError
from .pdf_layout import (Fill, Glyph, PageContent, Rule, fill_from_path, font_style,
                         glyph_text, rules_from_path, space_shown)

# content-stream operators after which pdfium's colours are not the reference's
_COLOUR_OPS = re.compile(rb"(?<![^\s\]\)>])(?:k|K|cs|CS|sc|SC|scn|SCN)(?![^\s\[\(<\/])")
_STRINGS = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>", re.S)


def _page_is_simple(page: Any) -> bool:
    """Whether a pdfminer page sets colours only with rg/RG/g/G and draws no Form XObject."""
    from pdfminer.pdftypes import resolve1

    res = resolve1(page.resources) or {}
    xobjects = resolve1(res.get("XObject")) if isinstance(res, dict) else None
    if isinstance(xobjects, dict):
        for ref in xobjects.values():
            obj = resolve1(ref)
            attrs = getattr(obj, "attrs", {})
            if str(resolve1(attrs.get("Subtype"))) == "/'Form'" or \
                    getattr(resolve1(attrs.get("Subtype")), "name", "") == "Form":
                return False
    for stream in page.contents or []:
        data = resolve1(stream).get_data()
        if _COLOUR_OPS.search(_STRINGS.sub(b" ", data)):
            return False
    return True


def prescan(path: str, password: Optional[str],
            unmapped: Optional[Dict[str, List[int]]] = None) -> List[bool]:
    """Per page: can pdfium's colours be used as they are?  (All False if unsure.)

    ``unmapped``: filled with the fonts that have no usable ToUnicode map, and the pages
    (1-based) that use them.
    """
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    from .pdf_plumber import unmapped_fonts

    out: List[bool] = []
    with open(path, "rb") as fh:
        doc = PDFDocument(PDFParser(fh), password=password or "")
        for number, page in enumerate(PDFPage.create_pages(doc), start=1):
            try:
                out.append(_page_is_simple(page))
            except Exception:  # an odd stream: let the reference route judge it
                out.append(False)
            if unmapped is not None:
                try:
                    for font in unmapped_fonts(page):
                        unmapped.setdefault(font, []).append(number)
                except Exception:  # an odd font dictionary: the page is still read
                    pass
    return out


def _open(path: str, password: Optional[str]) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(path, password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == 4 or "password" in str(exc).lower():
            if password:
                raise EncryptedError("wrong password for this encrypted PDF; check "
                                     "--password", path) from None
            raise EncryptedError("encrypted; give --password", path) from None
        raise InputError("damaged or not a PDF (cannot be parsed); re-export or repair it",
                         path) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", path) from None


_FAST: Optional[Tuple[Any, Any, Any]] = None


def _fast_calls() -> Tuple[Any, Any, Any]:
    """pdfium's per-character calls with plain ``void *`` arguments and results.

    pypdfium2's typed bindings convert every argument and wrap every returned handle
    (about 1.7 us a call, and a ``ctypes.cast`` to compare two handles); these prototypes
    of the same symbols take and return integers (about 0.4 us).  Three calls a
    character, on 270,000 characters of a 120-page agreement, were most of its read time.
    """
    global _FAST
    if _FAST is None:
        import pypdfium2_raw.bindings as B

        lib = B._libs["pdfium"]
        vp, ci = ctypes.c_void_p, ctypes.c_int
        _FAST = (ctypes.CFUNCTYPE(vp, vp, ci)(("FPDFText_GetTextObject", lib)),
                 ctypes.CFUNCTYPE(ci, vp, ci, vp, vp)(("FPDFText_GetCharOrigin", lib)),
                 ctypes.CFUNCTYPE(ci, vp, ci, vp)(("FPDFText_GetLooseCharBox", lib)))
    return _FAST


def _codes(tp: Any, count: int) -> List[int]:
    """Every character's UTF-16 code unit, in one call (as FPDFText_GetUnicode gives them
    one by one; that is used when the page text is not one unit a character)."""
    import pypdfium2.raw as R

    buf = (ctypes.c_ushort * (count + 1))()
    if R.FPDFText_GetText(tp, 0, count, buf) == count + 1:
        return list(buf)[:count]
    return [R.FPDFText_GetUnicode(tp, i) for i in range(count)]


def page_content(page: Any, number: int) -> PageContent:
    """One pypdfium2 page as :class:`PageContent` (colours as pdfium reports them)."""
    import pypdfium2.raw as R

    width, height = page.get_size()
    textpage = page.get_textpage()
    tp = textpage.raw
    tpv = ctypes.cast(tp, ctypes.c_void_p).value
    glyphs: List[Glyph] = []
    objs: Dict[int, Tuple[float, bool, bool, Optional[str], float]] = {}
    x = ctypes.c_double()
    y = ctypes.c_double()
    box = R.FS_RECTF()
    px, py, pbox = ctypes.addressof(x), ctypes.addressof(y), ctypes.addressof(box)
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    fsize = ctypes.c_float()
    mat = R.FS_MATRIX()
    fbuf = ctypes.create_string_buffer(256)
    get_obj, get_origin, get_box = _fast_calls()
    texts: Dict[int, str] = {}  # code -> glyph_text, worked out once a page
    last_obj = -1
    surrogates = False
    space_at = -1.0  # where a space since the last glyph kept starts
    try:
        count = R.FPDFText_CountChars(tp)
        for i, code in enumerate(_codes(tp, count)):
            key = get_obj(tpv, i)
            if not key and code not in (32, 0xA0):
                continue  # generated by pdfium (line breaks), not drawn
            get_origin(tpv, i, px, py)
            ox = x.value
            base = height - y.value
            prev = glyphs[-1] if glyphs else None
            if prev is not None and prev.x0 < ox < prev.x1 and abs(prev.y - base) < 0.01:
                # pdfium's loose box overhangs (italics, an "f"); end at the next origin (a
                # space's too: pdfium puts the spaces it reports at the advance), as
                # pdfminer's advance widths do, so both routes see the same word gaps
                prev.x1 = ox
            text = texts.get(code)
            if text is None:
                text = texts[code] = glyph_text(chr(code))
            if not text:
                # a space in the text layer (drawn, or pdfium's own where the PDF's space
                # glyph was one it re-spaced) ends the word however narrow the gap
                if chr(code).isspace():
                    space_at = ox
                continue
            if 0xD800 <= code <= 0xDFFF:
                # pdfium reports UTF-16 code units: a character beyond the BMP (an emoji)
                # comes as two surrogates, which no output can encode; joined below
                surrogates = True
                if code >= 0xDC00 and prev is not None and prev.text and \
                        "\ud800" <= prev.text[-1] <= "\udbff":
                    prev.text += text
                    continue
            info = objs.get(key)
            if info is None:
                obj = R.FPDFText_GetTextObject(tp, i)
                R.FPDFTextObj_GetFontSize(obj, fsize)
                R.FPDFPageObj_GetMatrix(obj, mat)
                if abs(mat.b) < 1e-9 and abs(mat.c) < 1e-9:
                    scale = abs(mat.d)
                else:
                    scale = abs(mat.a * mat.d - mat.b * mat.c) ** 0.5
                font = R.FPDFTextObj_GetFont(obj)
                n = R.FPDFFont_GetBaseFontName(font, fbuf, 256) if font else 0
                name = fbuf.value.decode("latin-1") if n else ""
                bold, italic = font_style(name)
                colour: Optional[str] = None
                if R.FPDFPageObj_GetFillColor(obj, r, g, b, a):
                    colour = "%02X%02X%02X" % (r.value, g.value, b.value)
                    if colour == "000000":
                        colour = None
                info = objs[key] = (round(fsize.value * scale, 2), bold, italic, colour, 0.0)
            get_box(tpv, i, pbox)
            if prev is not None and key == last_obj and abs(prev.x0 - ox) < 1e-3 and \
                    abs(prev.y - base) < 1e-3:
                # one glyph whose ToUnicode gives several characters (a "ti" ligature):
                # pdfium lists them one by one at the same origin, pdfminer as one
                prev.text += text
                prev.x1 = max(prev.x1, box.right)
                continue
            last_obj = key
            glyph = Glyph(text, ox, box.right, base, info[0], info[3], info[1], info[2])
            if space_at >= 0:
                glyph.space_before = space_shown(space_at, glyph)
                space_at = -1.0
            glyphs.append(glyph)
    finally:
        textpage.close()
    if surrogates:
        for glyph in glyphs:
            glyph.text = _join_surrogates(glyph.text)
    rules, fills, images = _page_paths(page, height)
    return PageContent(number, float(width), float(height), glyphs, rules, has_images=images,
                       fills=fills)


def _join_surrogates(text: str) -> str:
    """Surrogate pairs as the characters they encode; a lone surrogate dropped (as pdfminer
    does, so both routes read the same text)."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")


def _page_paths(page: Any, height: float) -> Tuple[List[Rule], List[Fill], bool]:
    """The page's thin rules, its coloured fills (highlights) and whether it has images."""
    import pypdfium2.raw as R

    rules: List[Rule] = []
    fills: List[Fill] = []
    rgba = [ctypes.c_uint() for _ in range(4)]
    images = False
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    mat = R.FS_MATRIX()
    lw = ctypes.c_float()
    px = ctypes.c_float()
    py = ctypes.c_float()
    raw = page.raw
    for j in range(R.FPDFPage_CountObjects(raw)):
        obj = R.FPDFPage_GetObject(raw, j)
        kind = R.FPDFPageObj_GetType(obj)
        if kind == R.FPDF_PAGEOBJ_IMAGE:
            images = True
            continue
        if kind != R.FPDF_PAGEOBJ_PATH:
            continue
        R.FPDFPath_GetDrawMode(obj, fill, stroke)
        if not fill.value and not stroke.value:
            continue
        R.FPDFPageObj_GetMatrix(obj, mat)
        width = 0.0
        if stroke.value and R.FPDFPageObj_GetStrokeWidth(obj, lw):
            width = float(lw.value)
        pts: List[Tuple[float, float]] = []
        curved = closed = False
        colour: Optional[str] = None
        if fill.value and R.FPDFPageObj_GetFillColor(obj, *rgba) and rgba[3].value:
            colour = "%02X%02X%02X" % tuple(c.value for c in rgba[:3])
        ink = colour  # a rule's colour: its stroke's, else its fill's
        if stroke.value and R.FPDFPageObj_GetStrokeColor(obj, *rgba) and rgba[3].value:
            ink = "%02X%02X%02X" % tuple(c.value for c in rgba[:3])

        def flush() -> None:
            if pts:
                found = rules_from_path(pts, curved, closed, bool(stroke.value),
                                        bool(fill.value), width, ink)
                rules.extend(found)
                if not found and not curved:
                    shape = fill_from_path(pts, bool(fill.value), colour)
                    if shape is not None:
                        fills.append(shape)

        for s in range(R.FPDFPath_CountSegments(obj)):
            seg = R.FPDFPath_GetPathSegment(obj, s)
            R.FPDFPathSegment_GetPoint(seg, px, py)
            tx = mat.a * px.value + mat.c * py.value + mat.e
            ty = height - (mat.b * px.value + mat.d * py.value + mat.f)
            t = R.FPDFPathSegment_GetType(seg)
            if t == R.FPDF_SEGMENT_MOVETO:
                flush()
                pts, curved, closed = [], False, False
            elif t == R.FPDF_SEGMENT_BEZIERTO:
                curved = True
            pts.append((tx, ty))
            if R.FPDFPathSegment_GetClose(seg):
                closed = True
        flush()
    return rules, fills, images


def iter_pages(path: str, password: Optional[str], warnings: List[str]
               ) -> Iterator[PageContent]:
    """Every page in order, one at a time; non-RGB pages through the pdfplumber route."""
    pdf = _open(path, password)
    try:
        unmapped: Dict[str, List[int]] = {}
        try:
            simple = prescan(path, password, unmapped)
        except Exception:
            simple = []
        plumber: Any = None
        unknown: Set[str] = set()
        try:
            for i in range(len(pdf)):
                if i < len(simple) and simple[i]:
                    page = pdf[i]
                    try:
                        content = page_content(page, i + 1)
                        content.of = len(pdf)
                        yield content
                    finally:
                        page.close()
                    continue
                from .pdf_plumber import open_pdf
                from .pdf_plumber import page_content as plumber_page

                if plumber is None:
                    plumber = open_pdf(path, password)
                ppage = plumber.pages[i]
                try:
                    content = plumber_page(ppage, i + 1, warnings, unknown)
                    content.of = len(pdf)
                    yield content
                finally:
                    ppage.close()
            from .pdf_plumber import font_warning

            warnings.extend(font_warning(unmapped))
        finally:
            if plumber is not None:
                plumber.close()
    finally:
        pdf.close()
