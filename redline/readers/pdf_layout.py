"""PDF layout: from positioned glyphs and thin rules to lines, paragraphs, tables and furniture.

Route independent: the pdfplumber and the pdfium extractors (``pdf_plumber``, ``pdf_pdfium``)
both reduce a page to :class:`PageContent` (glyphs with baseline, font size, font name and
fill colour; thin horizontal/vertical rules), and everything after that happens here, once.
That is what makes the two routes give identical documents.

Coordinates are PDF points measured from the top-left of the page (``y`` grows downwards).
Every tolerance is a named ``DEFAULT_*`` constant, relative to the font size where the thing it
measures scales with the type (word gaps, strike heights, paragraph spacing).
"""
from __future__ import annotations

import bisect
import math
import operator
import re
from dataclasses import dataclass, field
from typing import (Callable, Dict, FrozenSet, Iterable, List, Optional, Sequence, Set,
                    Tuple, cast)

from ..conventions.colours import ink as ink_of, is_neutral
from ..conventions.parties import PartyNames
from ..model import Span
from ..conventions.numbering import BULLET_GLYPHS, match_number
from .blocks import HeaderRun, RawParagraph, RawTable

# --- tolerances ----------------------------------------------------------------------------

DEFAULT_WORD_GAP = 0.1  # x font size: a wider gap between two glyphs starts a new word
#                         (pdftotext's threshold too: a tab to a stop just past the number,
#                         "8-15-3 The", leaves 0.11; so does a comma set 0.11 after
#                         "Article 1-2 ,", punctuation or not)
DEFAULT_SPACE_SHOWN = 0.05  # x font size: a space glyph ends a word when the next glyph
#                             starts at least this far past the space's start (one drawn
#                             over it, "Time" + " " + "." half across it, shows no gap)
DEFAULT_COLUMN_GAP = 0.45  # x font size: a wider gap in a header line (two spaces or a tab)
#                            separates two entries
DEFAULT_LINE_TOLERANCE = 0.3  # x font size: baselines closer than this are one line
DEFAULT_FAKE_BOLD_SHIFT = 0.1  # x font size: the same glyph drawn again this close is fake bold
DEFAULT_STRIKE_LOW = 0.12  # x font size above the baseline: lowest strike-through
DEFAULT_STRIKE_HIGH = 0.65  # x font size above the baseline: highest strike-through
DEFAULT_UNDERLINE_ABOVE = 0.10  # x font size: an underline may sit this far above the baseline
DEFAULT_UNDERLINE_BELOW = 0.30  # x font size: ... and this far below it
DEFAULT_RULE_COVER = 0.5  # a mark must cover this share of a glyph's width
DEFAULT_MARK_THICKNESS = 0.2  # x font size: thicker horizontal bars are shading, not marks
DEFAULT_THIN_RULE = 3.0  # points: a filled rect or flat path thinner than this is a rule
DEFAULT_HIGHLIGHT_HEIGHT = 3.0  # x font size: a coloured fill behind a glyph no taller than
#                                 this is the glyph's highlight or shading (a taller one is
#                                 a box or a page background)
DEFAULT_BORDER_TOUCH = 1.5  # points: a horizontal rule this near a vertical one is a border
DEFAULT_JUSTIFIED_SHARE = 0.6  # a document where this share of its lines of text end at
#                               the right margin is justified
DEFAULT_JUSTIFIED_SPREAD = 1.5  # a line of 3+ gaps, all tab-wide, within this ratio of
#                                 each other is justified, not tabbed
DEFAULT_TAB_GAP = 2.0  # x font size: a wider gap between words (past the first) is a tab:
#                        the line is a table row or a contents entry, a block of its own
DEFAULT_PARA_GAP = 0.3  # x font size: extra space over the usual line pitch ends a paragraph
DEFAULT_WRAPPED_COLUMN = 4.0  # x font size: a borderless table's column this wide or wider
#                               holds text a printer may wrap within its cell
DEFAULT_SPACED_SHARE = 0.15  # a document where this share of the steps between lines are
#                              paragraph gaps sets its paragraphs apart by space
DEFAULT_LINE_PITCH = 1.2  # x font size: line pitch assumed when a document shows none
DEFAULT_INDENT_TOLERANCE = 0.5  # x font size: lines starting closer than this are aligned
DEFAULT_EARLY_BREAK_SHARE = 0.6  # share of the text width a line of a spaced document
#                                 fills at least before it can have been broken early
DEFAULT_PAGE_BREAK_SHORT = 1.0  # x font size: a sentence ending this short of the margin
#                                 at the foot of a page ends its paragraph
DEFAULT_RIGHT_MARGIN_SHARE = 0.98  # the right margin is where this share of lines end,
DEFAULT_RIGHT_MARGIN_LINES = 50  # ... in a document of this many lines (fewer: the longest)
DEFAULT_FIT_SLACK = 0.3  # x font size: a next word fitting with this room left ends the line
DEFAULT_HEADER_BAND = 0.08  # share of page height: text above it is page header
DEFAULT_FOOTER_BAND = 0.08  # share of page height: text below it is page footer
DEFAULT_REPEAT_SHARE = 0.5  # a line repeating on this share of pages (>= 2) is furniture
DEFAULT_REPEAT_TOLERANCE = 0.3  # x font size: repeating lines sit within this of each other
DEFAULT_HEADER_ZONE = 0.35  # share of page height: repeating lines below it are body
DEFAULT_FOOTER_ZONE = 0.25  # share of page height: repeating lines above it are body
DEFAULT_PAGE_NUMBER_WORDS = 5  # lines this short may differ in digits and still repeat
DEFAULT_BODY_FLOW_GAP = 0.5  # x font size: a line whose top is closer than this below the
#                              baseline before it follows it in the body's flow
DEFAULT_HEADER_REACH = 2.5  # x font size: furniture extends over gaps up to this
DEFAULT_FOOTER_SEPARATION = 3.0  # x font size: a footer block sits this far below the body
DEFAULT_COLUMN_LINES = 6  # lines: each column of a two-column page has at least this many
DEFAULT_COLUMN_WORDS = 4  # words: ... of this many words on average (a table's labels less)
DEFAULT_COLUMN_GUTTER = 1.0  # x font size: the narrowest gutter between two columns
DEFAULT_COLUMN_MIDDLE = 0.25  # share of the text width: the gutter lies this far inside
DEFAULT_COLUMN_CROSSING = 0.2  # share of lines that may run across the gutter (headings)
DEFAULT_COLUMN_FULL = 0.25  # share of the column width: a full line ends this near the gutter
DEFAULT_STRAY_STRIKES = 3  # struck runs: at most this many, each of at most
DEFAULT_STRAY_STRIKE_CHARS = 2  # this many characters, in a document otherwise unmarked
#                                 by strikes, are stray rules (a clean agreement)
DEFAULT_BODY_EDGE_PAGES = 3  # pages: from this many, the body's usual first and last
#                               lines bound the header and footer bands
DEFAULT_FOOTER_BLOCK_LINES = 4  # lines: the most a footer block reaching out of the band has

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
             "\ufb05": "st", "\ufb06": "st"}
BULLETS = BULLET_GLYPHS
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_BOLD = re.compile(r"bold|black|heavy|semibold|demi|-bd\b|,bd\b", re.I)
_ITALIC = re.compile(r"italic|oblique|-it\b|,it\b", re.I)
_DIGITS = re.compile(r"\d+")

#: colour, bold, italic, underline, strike, highlight (the colour of a fill behind the glyph)
Marks = Tuple[Optional[str], bool, bool, bool, bool, Optional[str]]


def font_style(fontname: str) -> Tuple[bool, bool]:
    """(bold, italic) from a PDF font name such as ``BAAAAA+LiberationSans-BoldItalic``."""
    name = _SUBSET.sub("", fontname or "")
    return bool(_BOLD.search(name)), bool(_ITALIC.search(name))


def glyph_text(text: str) -> str:
    """A glyph's text as words need it: ligatures spelt out, whitespace and controls dropped."""
    if not text:
        return ""
    if len(text) == 1:
        if text in LIGATURES:
            return LIGATURES[text]
        if text in ("\x02", "\ufffe"):
            # pdfium's codes for a hyphen it takes to end a line: the page draws a hyphen,
            # and whether it belongs to the word is the paragraph builder's call
            return "-"
        return "" if (text.isspace() or ord(text) < 32 or text == "\u00a0") else text
    return "".join(LIGATURES.get(c, c) for c in text if not c.isspace() and ord(c) >= 32)


class Glyph:
    """One drawn character: text, horizontal extent, baseline, size and marks."""

    __slots__ = ("text", "x0", "x1", "y", "size", "color", "bold", "italic", "underline",
                 "strike", "space_before", "highlight")

    def __init__(self, text: str, x0: float, x1: float, y: float, size: float,
                 color: Optional[str], bold: bool, italic: bool) -> None:
        self.text = text
        self.x0 = x0
        self.x1 = x1
        self.y = y
        self.size = size  # rounded to 2 decimals by the routes, which differ in the 14th
        self.color = color
        self.bold = bold
        self.italic = italic
        self.underline = False
        self.strike = False
        #: the PDF draws (or its text layer holds) a space just before this glyph: a word
        #: break however narrow the gap (justified lines, a space in a small font)
        self.space_before = False
        #: the colour of a fill drawn behind the glyph (highlight, shading), "RRGGBB"
        self.highlight: Optional[str] = None

    @property
    def marks(self) -> Marks:
        return (self.color, self.bold, self.italic, self.underline, self.strike,
                self.highlight)


def space_shown(space_x0: float, glyph: Glyph) -> bool:
    """Whether a space glyph starting at ``space_x0`` (negative: none) before ``glyph`` shows
    on the page: the glyph starts at least :data:`DEFAULT_SPACE_SHOWN` past it."""
    return space_x0 >= 0 and glyph.x0 - space_x0 >= DEFAULT_SPACE_SHOWN * glyph.size


class Rule:
    """A thin axis-aligned bar (a stroked line, a thin filled rect, a flat curve), and the
    colour it is drawn in ("RRGGBB"; None: black or not known)."""

    __slots__ = ("x0", "x1", "top", "bottom", "color")

    def __init__(self, x0: float, x1: float, top: float, bottom: float,
                 color: Optional[str] = None) -> None:
        self.x0, self.x1, self.top, self.bottom = x0, x1, top, bottom
        self.color = color

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def thickness(self) -> float:
        return min(self.x1 - self.x0, self.bottom - self.top)


def rules_from_path(points: Sequence[Tuple[float, float]], curved: bool, closed: bool,
                    stroke: bool, fill: bool, linewidth: float,
                    colour: Optional[str] = None) -> List[Rule]:
    """The rules one subpath draws (top-down coordinates), in ``colour`` (the stroke's, or
    the fill's for a filled bar); [] when it is not thin or straight.

    Both extractors call this with the subpath's points, so lines, LibreOffice/Word rects and
    flat curves become the same rules whichever library walked the path.
    """
    if not points or not (stroke or fill):
        return []
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    w, h = x1 - x0, bottom - top
    half = linewidth / 2 if stroke else 0.0
    if max(w, h) < 1.0:
        return []
    if h <= DEFAULT_THIN_RULE and w > 3 * h:
        return [Rule(x0, x1, top - half, bottom + half, colour)]
    if w <= DEFAULT_THIN_RULE and h > 3 * w:
        return [Rule(x0 - half, x1 + half, top, bottom, colour)]
    if not stroke or curved:
        return []
    out: List[Rule] = []
    pts = list(points) + ([points[0]] if closed else [])
    for (ax, ay), (bx, by) in zip(pts, pts[1:]):
        if abs(ay - by) < 0.5 and abs(ax - bx) >= 1.0:
            out.append(Rule(min(ax, bx), max(ax, bx), ay - half, ay + half, colour))
        elif abs(ax - bx) < 0.5 and abs(ay - by) >= 1.0:
            out.append(Rule(ax - half, ax + half, min(ay, by), max(ay, by), colour))
    return out


class Fill:
    """A filled shape in a colour, too thick to be a rule: behind a glyph, the glyph's
    highlight or shading (Word's highlight, LibreOffice's and browsers' backgrounds)."""

    __slots__ = ("x0", "x1", "top", "bottom", "color")

    def __init__(self, x0: float, x1: float, top: float, bottom: float, color: str) -> None:
        self.x0, self.x1, self.top, self.bottom, self.color = x0, x1, top, bottom, color


def fill_from_path(points: Sequence[Tuple[float, float]], fill: bool,
                   colour: Optional[str]) -> Optional[Fill]:
    """The :class:`Fill` one filled subpath draws (top-down coordinates): None when it is
    not filled, black (``colour`` None), white, or thin enough to be a rule."""
    if not fill or not colour or colour == "FFFFFF" or len(points) < 3:
        return None
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    if x1 - x0 <= DEFAULT_THIN_RULE or bottom - top <= DEFAULT_THIN_RULE:
        return None
    return Fill(x0, x1, top, bottom, colour)


@dataclass
class PageContent:
    """What an extractor hands over for one page."""

    number: int
    width: float
    height: float
    glyphs: List[Glyph]
    rules: List[Rule]
    has_images: bool = False
    of: int = 0  # the document's page count, when the extractor knows it (a progress bar)
    fills: List[Fill] = field(default_factory=list)  # in drawing order


class Word:
    __slots__ = ("x0", "x1", "segs", "gap")

    def __init__(self, x0: float, x1: float, segs: List[List[object]]) -> None:
        self.x0, self.x1, self.segs = x0, x1, segs  # segs: [text, marks]
        #: the marks of the space before the word when an inked rule strikes or underlines
        #: that gap and not the word before it (a space deleted or inserted on its own)
        self.gap: Optional[Marks] = None

    @property
    def text(self) -> str:
        return "".join(str(s[0]) for s in self.segs)


class Line:
    __slots__ = ("page", "y", "x0", "x1", "size", "words", "bold", "_text", "column",
                 "right", "_label")

    def __init__(self, page: int, y: float, size: float, words: List[Word]) -> None:
        self.page, self.y, self.size, self.words = page, y, size, words
        self.x0 = words[0].x0
        self.x1 = words[-1].x1
        self._text: Optional[str] = None
        self._label: Optional[int] = None
        #: 0 across the page; 1, 2 the left and right column of a two-column page
        self.column = 0
        #: the right edge of the line's column (None: the document's right margin)
        self.right: Optional[float] = None

    @property
    def top(self) -> float:
        return self.y - self.size

    @property
    def text(self) -> str:
        """The words joined by spaces (worked out once: furniture and header checks ask
        for it several times a line; marks may change later, the text does not)."""
        if self._text is None:
            self._text = " ".join(w.text for w in self.words)
        return self._text

    @property
    def bullet(self) -> bool:
        """Whether the line starts with a list bullet; a square in a colour or highlight
        the next word does not have is a key entry's swatch ("\u25a0 District counter
        05/09/2024" with the square in blue), which is text.  A near-black bullet (a
        page's text colour, "#111") is no ink, whatever the word after it is inked in."""
        if len(self.words) < 2 or self.words[0].text not in BULLETS:
            return False
        first = self.words[0].segs[0][1]
        swatch = ink_of(first[0], first[5])  # type: ignore[index]
        nxt = self.words[1].segs[0][1]
        return swatch is None or swatch == ink_of(nxt[0], nxt[5])  # type: ignore[index]


@dataclass
class TableItem:
    page: int
    y: float  # top of the table
    table: RawTable


@dataclass
class PageLayout:
    number: int
    width: float
    height: float
    lines: List[Line]
    tables: List[TableItem] = field(default_factory=list)
    has_images: bool = False
    glyph_count: int = 0


# --- one page ------------------------------------------------------------------------------

def _rule_mark(r: Rule, x0: float, x1: float, y: float, size: float) -> str:
    """What rule ``r`` makes of the stretch ``x0``-``x1`` of a line at baseline ``y``:
    "strike", "underline", or "" (too thick: shading; covering too little of it; at
    neither height).  One test for glyphs and for the gaps between words."""
    if r.bottom - r.top > max(DEFAULT_MARK_THICKNESS * size, 1.0) or \
            min(x1, r.x1) - max(x0, r.x0) < DEFAULT_RULE_COVER * (x1 - x0):
        return ""
    d = y - r.mid  # > 0: the rule is above the baseline
    if DEFAULT_STRIKE_LOW * size <= d <= DEFAULT_STRIKE_HIGH * size:
        return "strike"
    if -DEFAULT_UNDERLINE_BELOW * size <= d <= DEFAULT_UNDERLINE_ABOVE * size:
        return "underline"
    return ""


def _mark_glyphs(line: List[Glyph], rules: Sequence[Rule]) -> None:
    for g in line:
        for r in rules:
            mark = _rule_mark(r, g.x0, g.x1, g.y, g.size)
            if mark == "strike":
                g.strike = True
            elif mark == "underline":
                g.underline = True


def _dedupe_fake_bold(line: List[Glyph]) -> List[Glyph]:
    """The same glyph drawn again a hair to the right (fake bold) kept once, marked bold.
    ``line`` is sorted by x0, so a copy can only be among the last few glyphs kept."""
    out: List[Glyph] = []
    for g in line:
        dup = None
        tol = DEFAULT_FAKE_BOLD_SHIFT * g.size
        k = len(out) - 1
        while k >= 0 and k >= len(out) - 3 and out[k].x0 > g.x0 - tol:
            prev = out[k]
            if prev.text == g.text and abs(prev.y - g.y) < tol:
                dup = prev
                break
            k -= 1
        if dup is not None:
            dup.bold = True
            dup.x1 = max(dup.x1, g.x1)
            dup.underline = dup.underline or g.underline
            dup.strike = dup.strike or g.strike
            continue
        out.append(g)
    return out


def _breaks(prev: Glyph, g: Glyph) -> bool:
    """Whether a word ends between ``prev`` and ``g`` (neighbours on one line)."""
    gap = g.x0 - prev.x1
    if g.space_before and gap > -DEFAULT_FAKE_BOLD_SHIFT * g.size:
        return True
    size = g.size if g.size > prev.size else prev.size
    return gap > DEFAULT_WORD_GAP * size


def _words(glyphs: List[Glyph]) -> List[Word]:
    words: List[Word] = []
    cur: Optional[Word] = None
    prev: Optional[Glyph] = None
    for g in glyphs:
        m = (g.color, g.bold, g.italic, g.underline, g.strike, g.highlight)
        if cur is None or prev is None or _breaks(prev, g):
            cur = Word(g.x0, g.x1, [[g.text, m]])
            words.append(cur)
        else:
            last = cur.segs[-1]
            if last[1] == m:
                last[0] = str(last[0]) + g.text
            else:
                cur.segs.append([g.text, m])
            if g.x1 > cur.x1:
                cur.x1 = g.x1
        prev = g
    return words


_BY_Y = operator.attrgetter("y")
_BY_X0 = operator.attrgetter("x0")


def make_lines(glyphs: List[Glyph], rules: Sequence[Rule], page: int) -> List[Line]:
    """Glyphs into lines of words with strike/underline marks, top to bottom."""
    if not glyphs:
        return []
    glyphs = sorted(glyphs, key=_BY_Y)
    groups: List[List[Glyph]] = []
    cur: List[Glyph] = []
    base = 0.0
    for g in glyphs:
        if cur and g.y - base > DEFAULT_LINE_TOLERANCE * g.size:
            groups.append(cur)
            cur = []
        if not cur:
            base = g.y
        cur.append(g)
    if cur:
        groups.append(cur)
    hrules = sorted((r for r in rules if r.horizontal), key=lambda r: r.mid)
    mids = [r.mid for r in hrules]
    lines: List[Line] = []
    for grp in groups:
        grp.sort(key=_BY_X0)
        size = max(g.size for g in grp)
        y = sorted(g.y for g in grp)[len(grp) // 2]
        lo = bisect.bisect_left(mids, y - DEFAULT_STRIKE_HIGH * size - 1.0)
        hi = bisect.bisect_right(mids, y + DEFAULT_UNDERLINE_BELOW * size + 1.0)
        near = hrules[lo:hi]
        if near:
            _mark_glyphs(grp, near)
        grp = _dedupe_fake_bold(grp)
        words = _words(grp)
        if near and len(words) > 1:
            _mark_gaps(words, near, y, size)
        lines.append(Line(page, y, size, words))
    return lines


def _mark_gaps(words: List[Word], rules: Sequence[Rule], y: float, size: float) -> None:
    """A space struck or underlined on its own, in an ink: a rule in a colour covering the
    gap between two words, where the word before is not marked so (it would lend the gap
    its marks): the gap's marks, for a change made only of a space."""
    for a, b in zip(words, words[1:]):
        if b.x0 <= a.x1:
            continue
        before = a.segs[-1][1]
        for r in rules:
            if is_neutral(r.color):
                continue
            mark = _rule_mark(r, a.x1, b.x0, y, size)
            if mark == "strike" and not before[4]:  # type: ignore[index]
                b.gap = (r.color, False, False, False, True, None)
            elif mark == "underline" and not before[3]:  # type: ignore[index]
                b.gap = (r.color, False, False, True, False, None)


def _border_rules(rules: Sequence[Rule]) -> Tuple[List[Rule], List[Rule]]:
    """(horizontal rules that meet a vertical rule, the vertical rules): table borders."""
    t = DEFAULT_BORDER_TOUCH
    verticals = [r for r in rules if not r.horizontal and r.bottom - r.top > 2 * t]
    if not verticals:
        return [], []
    borders = []
    for r in rules:
        if not r.horizontal:
            continue
        for v in verticals:
            if r.x0 - t <= v.x1 and v.x0 <= r.x1 + t and v.top - t <= r.mid <= v.bottom + t:
                borders.append(r)
                break
    return borders, verticals


def _cluster(values: Iterable[float], tol: float) -> List[float]:
    out: List[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _find_tables(hb: List[Rule], vb: List[Rule]) -> List[Tuple[float, float, float, float,
                                                                List[Rule], List[Rule]]]:
    """Groups of touching border rules: (x0, top, x1, bottom, horizontals, verticals)."""
    items: List[Rule] = hb + vb
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    t = DEFAULT_BORDER_TOUCH
    for i, a in enumerate(items):
        for j in range(i + 1, len(items)):
            b = items[j]
            if a.x0 - t <= b.x1 and b.x0 <= a.x1 + t and a.top - t <= b.bottom and \
                    b.top <= a.bottom + t:
                pi, pj = find(i), find(j)
                if pi != pj:
                    parent[pi] = pj
    comps: Dict[int, List[Rule]] = {}
    for i, r in enumerate(items):
        comps.setdefault(find(i), []).append(r)
    out = []
    for rs in comps.values():
        hs = [r for r in rs if r.horizontal]
        vs = [r for r in rs if not r.horizontal]
        if len(hs) >= 2 and len(vs) >= 2:
            out.append((min(r.x0 for r in rs), min(r.top for r in rs),
                        max(r.x1 for r in rs), max(r.bottom for r in rs), hs, vs))
    return out


#: A date whose year a narrow cell broke after two digits ("09/28/20" over "24"): the
#: printer breaks a word wider than its cell wherever it must, and no one types a date with
#: a two-digit year over a line of two digits
_YEAR_HEAD = re.compile(r"(?:^|\D)\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$")
_YEAR_TAIL = re.compile(r"^\d{2}(?!\d)")


def _broken_year(before: str, after: str) -> bool:
    """Whether a cell's line ending ``before`` and the next starting ``after`` are one date
    whose year the cell's edge broke."""
    return bool(_YEAR_HEAD.search(before) and _YEAR_TAIL.match(after))


def _cell_spans(glyphs: List[Glyph], rules: Sequence[Rule], page: int) -> List[Span]:
    runs: List[List[object]] = []
    last = ""
    for line in make_lines(glyphs, rules, page):
        if runs and not _broken_year(last, line.words[0].text):
            _append(runs, "\n", None)
        last = line.words[-1].text
        for i, w in enumerate(line.words):
            if i:
                _append(runs, " ", None)
            for text, marks in w.segs:
                _append(runs, str(text), marks)  # type: ignore[arg-type]
    return _spans(runs)


def _append(runs: List[List[object]], text: str, marks: Optional[Marks]) -> None:
    """Add text to ``[text, marks]`` runs; ``marks`` None: a separator taking the previous
    run's marks.  (Runs, not Spans: a frozen Span rebuilt for every word was a tenth of
    the read time of a long agreement.)"""
    if marks is None:
        if runs:
            runs[-1][0] = str(runs[-1][0]) + text
        return
    if runs and runs[-1][1] == marks:
        runs[-1][0] = str(runs[-1][0]) + text
        return
    runs.append([text, marks])


def _spans(runs: List[List[object]]) -> List[Span]:
    out: List[Span] = []
    for text, marks in runs:
        # a run is a mutable [text, marks] list (not a Span: see _append)
        color, bold, italic, underline, strike, highlight = cast(Marks, marks)
        out.append(Span(str(text), color=color, bold=bold, italic=italic, underline=underline,
                        strike=strike, highlight=highlight))
    return out


def layout_page(pc: PageContent) -> PageLayout:
    """One page's glyphs and rules into lines and ruled tables."""
    hb, vb = _border_rules(pc.rules)
    border_ids = {id(r) for r in hb} | {id(r) for r in vb}
    marks = [r for r in pc.rules if r.horizontal and id(r) not in border_ids]
    tables: List[TableItem] = []
    glyphs = pc.glyphs
    if pc.fills:
        _highlight_glyphs(glyphs, pc.fills)
    for x0, top, x1, bottom, hs, vs in _find_tables(hb, vb):
        inside = [g for g in glyphs if x0 <= (g.x0 + g.x1) / 2 <= x1 and
                  top <= g.y - g.size / 3 <= bottom]
        if not inside:
            continue
        ys = _cluster((r.mid for r in hs), 2.0)
        rows: List[List[List[Span]]] = []
        placed: Set[int] = set()
        for ra, rb in zip(ys, ys[1:]):
            if rb - ra < 3.0:
                continue
            mid = (ra + rb) / 2
            xs = _cluster(((v.x0 + v.x1) / 2 for v in vs if v.top - 1 <= mid <= v.bottom + 1),
                          2.0)
            row: List[List[Span]] = []
            for ca, cb in zip(xs, xs[1:]):
                cell = [g for g in inside if ca <= (g.x0 + g.x1) / 2 <= cb and
                        ra <= g.y - g.size / 3 <= rb and id(g) not in placed]
                placed.update(id(g) for g in cell)
                row.append(_cell_spans(cell, marks, pc.number))
            if row:
                rows.append(row)
        if rows:
            tables.append(TableItem(pc.number, top, RawTable(rows=rows,
                                                             row_marks=[None] * len(rows))))
        # only what went into a cell leaves the page's text: a glyph inside the grid's
        # outline but in no cell (a row too thin, no rule either side) is read as a line
        glyphs = [g for g in glyphs if id(g) not in placed]
    lines = make_lines(glyphs, marks, pc.number)
    columns = _two_columns(lines)
    if columns is not None:
        lines = _column_lines(glyphs, marks, pc.number, lines, *columns)
    return PageLayout(pc.number, pc.width, pc.height, lines, tables, pc.has_images,
                      len(pc.glyphs))


def _highlight_glyphs(glyphs: Sequence[Glyph], fills: Sequence[Fill]) -> None:
    """Give each glyph the colour of the last fill drawn behind its middle, where that fill
    is no taller than :data:`DEFAULT_HIGHLIGHT_HEIGHT` sizes (a highlighted or shaded run,
    one line high; a coloured box round a paragraph or a page background is not)."""
    order = sorted(range(len(glyphs)), key=lambda i: glyphs[i].y - glyphs[i].size / 3)
    mids = [glyphs[i].y - glyphs[i].size / 3 for i in order]
    for f in fills:  # drawing order: a later fill is on top of an earlier one
        lo = bisect.bisect_left(mids, f.top)
        hi = bisect.bisect_right(mids, f.bottom)
        for k in range(lo, hi):
            g = glyphs[order[k]]
            if f.x0 <= (g.x0 + g.x1) / 2 <= f.x1 and \
                    f.bottom - f.top <= DEFAULT_HIGHLIGHT_HEIGHT * g.size:
                g.highlight = f.color


# --- two columns ---------------------------------------------------------------------------

def _two_columns(lines: Sequence[Line]) -> Optional[Tuple[float, float, float]]:
    """(gutter x, top, bottom) when the page sets its text in two columns, else None.

    The gutter is a band down the middle of the text that no word covers on the lines
    beside it, with enough text on each side, in lines of several words that fill their
    column (a two-column table of labels and values is not two columns of text)."""
    if len(lines) < DEFAULT_COLUMN_LINES:
        return None
    left = min(ln.x0 for ln in lines)
    right = max(ln.x1 for ln in lines)
    width = right - left
    size = sorted(ln.size for ln in lines)[len(lines) // 2]
    if width < 20 * size:
        return None
    step = 1.0
    n = int(width / step) + 1
    cover = [0] * n
    for ln in lines:
        for w in ln.words:
            a = max(0, int((w.x0 - left) / step))
            b = min(n - 1, int((w.x1 - left) / step))
            for k in range(a, b + 1):
                cover[k] += 1
    lo = int(width * DEFAULT_COLUMN_MIDDLE / step)
    hi = int(width * (1 - DEFAULT_COLUMN_MIDDLE) / step)
    if hi <= lo:
        return None
    least = min(cover[lo:hi])
    # the widest run of the least covered buckets in the middle
    best, start = (0, 0), None
    for k in range(lo, hi + 1):
        if k < hi and cover[k] == least:
            start = k if start is None else start
        elif start is not None:
            if k - start > best[1] - best[0]:
                best = (start, k)
            start = None
    if (best[1] - best[0]) * step < DEFAULT_COLUMN_GUTTER * size:
        return None
    gutter = left + (best[0] + best[1]) / 2 * step
    sides = [[w for w in ln.words if w.x1 < gutter] for ln in lines]
    rights = [[w for w in ln.words if w.x0 > gutter] for ln in lines]
    crossing = [ln for ln in lines if any(w.x0 <= gutter <= w.x1 for w in ln.words)]
    if len(crossing) > DEFAULT_COLUMN_CROSSING * len(lines):
        return None
    lefts = [ws for ws in sides if ws]
    rs = [ws for ws in rights if ws]
    if len(lefts) < DEFAULT_COLUMN_LINES or len(rs) < DEFAULT_COLUMN_LINES:
        return None
    if sum(map(len, lefts)) / len(lefts) < DEFAULT_COLUMN_WORDS or \
            sum(map(len, rs)) / len(rs) < DEFAULT_COLUMN_WORDS:
        return None
    # the left column's lines fill it: most end near the gutter
    reach = max(ws[-1].x1 for ws in lefts)
    col = reach - left
    full = sum(1 for ws in lefts if ws[-1].x1 >= reach - DEFAULT_COLUMN_FULL * col)
    if full < 0.5 * len(lefts):
        return None
    ys_left = [ln.y for ln, ws in zip(lines, sides) if ws]
    ys_right = [ln.y for ln, ws in zip(lines, rights) if ws]
    top = max(min(ys_left), min(ys_right))
    bottom = min(max(ys_left), max(ys_right))
    if bottom <= top:
        return None
    return gutter, top, bottom


def _column_lines(glyphs: List[Glyph], rules: Sequence[Rule], page: int,
                  lines: Sequence[Line], gutter: float, top: float, bottom: float
                  ) -> List[Line]:
    """The page's lines in reading order: the two columns between ``top`` and ``bottom``
    read one after the other (left, then right) between lines crossing the gutter; lines
    above and below the columns, and lines across them (a heading), in place."""
    tol = DEFAULT_LINE_TOLERANCE * max((ln.size for ln in lines), default=12.0)
    inside = [ln for ln in lines if top - tol <= ln.y <= bottom + tol]
    across_ids = {id(ln) for ln in inside
                  if any(w.x0 <= gutter <= w.x1 for w in ln.words)}
    col_ys = [ln.y for ln in inside if id(ln) not in across_ids]
    if not col_ys:
        return list(lines)
    y_lo, y_hi = min(col_ys) - tol, max(col_ys) + tol
    across = [ln for ln in lines if id(ln) in across_ids]

    def in_columns(g: Glyph) -> bool:
        if not (y_lo <= g.y <= y_hi):
            return False
        return not any(abs(g.y - ln.y) <= tol for ln in across)

    col_glyphs = [g for g in glyphs if in_columns(g)]
    ids = {id(g) for g in col_glyphs}
    rest = make_lines([g for g in glyphs if id(g) not in ids], rules, page)
    left = make_lines([g for g in col_glyphs if (g.x0 + g.x1) / 2 < gutter], rules, page)
    right = make_lines([g for g in col_glyphs if (g.x0 + g.x1) / 2 >= gutter], rules, page)
    left_edge = max((ln.x1 for ln in left), default=gutter)
    for ln in left:
        ln.column, ln.right = 1, left_edge
    for ln in right:
        ln.column = 2
    out: List[Line] = []
    breaks = sorted(rest, key=_BY_Y)
    # between two lines across (or above/below the columns), left column then right
    edges = [-math.inf] + [ln.y for ln in breaks] + [math.inf]
    k = 0
    for lo_y, hi_y in zip(edges, edges[1:]):
        if k < len(breaks) and lo_y != -math.inf:
            out.append(breaks[k])
            k += 1
        out.extend(ln for ln in left if lo_y < ln.y < hi_y)
        out.extend(ln for ln in right if lo_y < ln.y < hi_y)
    return out


# --- the document --------------------------------------------------------------------------

@dataclass
class Metrics:
    """Document-wide measures the paragraph rules compare against."""

    left: float
    right: float
    pitch: float  # usual baseline-to-baseline distance, in font sizes
    centre: float
    #: the document's words (lower case), to tell a hyphenated compound broken at its
    #: hyphen ("one-/half") from a word hyphenated to fit the line ("regu-/larly")
    vocabulary: FrozenSet[str] = frozenset()
    #: paragraphs are set apart by space (:data:`DEFAULT_SPACED_SHARE` of the steps from
    #: a line to the next are wider than the pitch and a paragraph gap)
    spaced: bool = False
    #: lines run to the right margin (:data:`DEFAULT_JUSTIFIED_SHARE` of the lines of text
    #: end at it): a line ending short of it is a paragraph's last line
    justified: bool = False


def measure(pages: Sequence[PageLayout]) -> Metrics:
    lines = [ln for p in pages for ln in p.lines]
    width = pages[0].width if pages else 612.0
    if not lines:
        return Metrics(72.0, width - 72.0, DEFAULT_LINE_PITCH, width / 2)
    left = min(ln.x0 for ln in lines)
    # the right margin most lines reach, not the furthest any line reaches: a few lines
    # set in a wider box (page 22 of the UESF counter) made every full line elsewhere look
    # short, and each ended its paragraph
    ends = sorted(ln.x1 for ln in lines)
    right = ends[int(DEFAULT_RIGHT_MARGIN_SHARE * (len(ends) - 1))] \
        if len(ends) >= DEFAULT_RIGHT_MARGIN_LINES else ends[-1]
    ratios = _steps(pages)
    pitch = ratios[len(ratios) // 5] if ratios else DEFAULT_LINE_PITCH
    spaced = bool(ratios) and sum(r > pitch + DEFAULT_PARA_GAP for r in ratios) >= \
        DEFAULT_SPACED_SHARE * len(ratios)
    vocabulary = {t.lower() for ln in lines for w in ln.words[:-1]
                  for t in _VOCAB_WORD.findall(w.text)}
    vocabulary.update(t.lower() for ln in lines if ln.words and
                      not ln.words[-1].text.endswith(("-", "\u00ad"))
                      for t in _VOCAB_WORD.findall(ln.words[-1].text))
    text_lines = [ln for ln in lines if len(ln.words) >= DEFAULT_COLUMN_WORDS]
    at_margin = sum(1 for ln in text_lines if ln.x1 >= (
        ln.right if ln.right is not None else right) - DEFAULT_INDENT_TOLERANCE * ln.size)
    justified = bool(text_lines) and at_margin >= DEFAULT_JUSTIFIED_SHARE * len(text_lines)
    return Metrics(left, right, pitch, (left + right) / 2, frozenset(vocabulary), spaced,
                   justified)


def _pitch(pages: Sequence[PageLayout]) -> float:
    """The usual baseline-to-baseline step, in font sizes (the 20th percentile)."""
    ratios = _steps(pages)
    return ratios[len(ratios) // 5] if ratios else DEFAULT_LINE_PITCH


def _steps(pages: Sequence[PageLayout]) -> List[float]:
    """Every step from a line to the next of the same size, in font sizes, sorted."""
    ratios: List[float] = []
    for p in pages:
        for a, b in zip(p.lines, p.lines[1:]):
            if abs(a.size - b.size) <= 0.1 * a.size:
                r = (b.y - a.y) / a.size
                if 0.9 <= r <= 3.0:
                    ratios.append(r)
    ratios.sort()
    return ratios


_VOCAB_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


#: Prefixes written with a hyphen before a word ("non-administrative", "multi-cultural"),
#: which a document seldom prints on their own: a line-end hyphen after one stays.
_HYPHEN_PREFIXES = frozenset("non multi self cross semi anti inter intra co ex pre post "
                             "quasi".split())


def _keeps_hyphen(before: str, after: str, vocabulary: FrozenSet[str]) -> bool:
    """Whether a hyphen ending a line belongs to the word ("one-" + "half" is the compound
    "one-half") rather than to the line break ("regu-" + "larly" is "regularly").  Word
    processors hyphenate only when asked, so a compound wins unless the document says
    otherwise: the whole word seen unbroken elsewhere decides; failing that, the hyphen
    stays when what comes before it is a word the document uses on its own ("task-" +
    "related"), and goes when it is a fragment ("regu-")."""
    a, b = before.lower(), after.lower()
    if f"{a}-{b}" in vocabulary:
        return True
    if a + b in vocabulary:
        return False
    if "-" in a:
        # the third part of a compound ("daughter-in-" + "law", "one-and-" + "one"):
        # hyphenation splits words, not compounds
        return True
    if a in _TENS and b in _UNITS:
        return True  # "seventy-" + "five"
    return a in vocabulary or a in _HYPHEN_PREFIXES


#: Numbers written with a hyphen ("twenty-four", "seventy-five hundredths").
_TENS = frozenset("twenty thirty forty fifty sixty seventy eighty ninety".split())
_UNITS = frozenset("one two three four five six seven eight nine".split())


def _continues(a: Line, b: Line, m: Metrics) -> bool:
    """Whether line ``b`` carries on the paragraph that line ``a`` is part of."""
    size = max(a.size, b.size)
    if b.bullet:
        return False
    if abs(a.size - b.size) > 0.15 * size:
        return False
    same_flow = a.page == b.page and a.column == b.column
    if same_flow and b.y - a.y > (m.pitch + DEFAULT_PARA_GAP) * size:
        return False
    if b.y <= a.y and same_flow:
        return False
    if a.page == b.page and not (a.column == 1 and b.column == 2) and \
            a.column != b.column:
        return False  # into or out of the columns: a heading across, the text below
    if _tabbed(a) or _tabbed(b):
        # a table of contents entry ("Article 7 - Grievance Procedure      21"), a row
        # of a table without rules: each line is a block of its own, however full
        return False
    if _article_title(b) and not _runs_on(a, b, m):
        # "ARTICLE 5 - LEAVES" (in capitals, or bold) opens an article whatever the line
        # above ends with (a proposal line over it ends with its date), unless the line
        # above broke off mid-sentence at the margin ("... differential under" + "Article
        # 53. REV: 2017,2023,2025")
        return False
    if _starts_clause(b) and a.words[-1].text[-1:] in _CLAUSE_END:
        # a clause number opening a line after a finished sentence starts a clause, however
        # full the line above was: line spacing alone cannot tell when every paragraph is
        # one line (the pitch measured is then the paragraph spacing), and how full a line
        # is depends on the fonts of the machine that printed it
        return False
    tol = DEFAULT_INDENT_TOLERANCE * size
    first = b.words[0]
    need = 0.25 * size + (first.x1 - first.x0)  # a space and the word
    right = a.right if a.right is not None else m.right
    if not same_flow:
        # a page break, or the foot of the left column to the head of the right: no
        # spacing or indent to go by; a change between italic and upright (position
        # notes are italic paragraphs), or a sentence ending short of a ragged margin
        # before a capital, ends the paragraph
        if _all_italic(a) != _all_italic(b):
            return False
        last = a.words[-1].text
        if last[-1:] in ".:;!?" and first.text[:1].isupper() and (label_words(b) > 0 or (
                a.x1 < right - DEFAULT_PAGE_BREAK_SHORT * size and
                (m.justified or a.x1 + need <= right - DEFAULT_FIT_SLACK * size))):
            # (before a clause number, "Section 5 Appeal Rights ...", however full the
            # line; in ragged text, only short of the margin by more than the next word
            # needs: had the paragraph gone on, that word would have been printed there)
            return False
        if a.column != b.column:
            return a.x1 + need > right - DEFAULT_FIT_SLACK * size
    # a bullet or a clause number hangs: its lines go on where its text starts
    a_text_x0 = a.words[1].x0 if a.bullet else a.words[label_words(a)].x0
    if b.x0 > a_text_x0 + tol:
        return False  # indented further: a sub-item
    # full when the next word would not fit at the line's end (a line starting at the
    # margin, or further in: a first-line indent) ...
    fits = a.x1 + need <= right - DEFAULT_FIT_SLACK * size
    if fits and b.x0 < a.x0 - tol and abs((a.x0 + a.x1) / 2 - m.centre) <= \
            DEFAULT_INDENT_TOLERANCE * size * 2:
        # ... or, for a centred line, when it would not fit within the whole width
        fits = (a.x1 - a.x0) + need <= (right - b.x0) - DEFAULT_FIT_SLACK * size
    if fits and m.spaced and same_flow and a.words[-1].text[-1:] not in ".:;!?" and \
            (first.text[:1].islower() or (
                label_words(b) == 0 and not _all_bold(a) and
                a.x1 - m.left > DEFAULT_EARLY_BREAK_SHARE * (right - m.left))):
        # where paragraphs are set apart by space, a line at the usual pitch going on
        # after no sentence end carries on the paragraph, though its first word would
        # have fit above (WeasyPrint breaks a line early before a highlighted run, or
        # inside a quoted title: "'Current or Recalled Employee" + "Relocation'"): in
        # lowercase; or in capitals after most of a line (not a heading: short, or bold),
        # unless it opens with a clause number
        return True
    return not fits


def _runs_on(a: Line, b: Line, m: Metrics) -> bool:
    """Whether line ``a`` breaks off mid-sentence with the page's text (a lowercase word,
    no stop, in the flow of ``b``) and is full: ``b``'s first word would not fit on it."""
    last = a.words[-1].text
    if not last[:1].islower() or last[-1:] in ".:;!?" or a.page != b.page or \
            a.column != b.column:
        return False
    right = a.right if a.right is not None else m.right
    need = 0.25 * b.size + (b.words[0].x1 - b.words[0].x0)
    return a.x1 + need > right - DEFAULT_FIT_SLACK * b.size


def _article_title(line: Line) -> bool:
    """Whether a line is an article's title line: ``ARTICLE n`` and a title in capitals, or
    the whole line bold (a sentence that wraps onto a line starting "Article 18 of this
    Agreement ..." is neither)."""
    from ..conventions.numbering import ARTICLE_LINE

    m = ARTICLE_LINE.match(line.text)
    if m is None:
        return False
    title = m.group("title")
    return title == title.upper() or _all_bold(line)


def label_words(line: Line) -> int:
    """How many words the clause number opening the line takes, standing apart as a label
    before more words ("37-3-3-3-13", "9.1.2", "(a)": one;
    "Section 6", "Section 1.": two), with more words after it; 0: none (worked out once a
    line: the paragraph splitter asks for it of every line, twice)."""
    if line._label is None:
        line._label = _label_words(line)
    return line._label


def _label_words(line: Line) -> int:
    if len(line.words) < 2:
        return 0
    first = line.words[0].text
    if _LABEL.fullmatch(first):
        return 1  # "28-9", "37-3-3-3-13", "4.", "(a)": a label's shape is enough here
    m = match_number(line.text)
    if m is None or m.prefix:
        return 0
    if m.printed == first:
        return 1
    # a number of two words ("Section 6", "Section 1." with its stop)
    second = line.words[1].text
    if len(line.words) > 2 and f"{first} {second}".rstrip(".:)") == m.printed.rstrip(".:)"):
        return 2
    return 0


#: A word shaped like a clause label: numbers joined by dots or hyphens, or a short
#: bracketed or dotted item label.
_LABEL = re.compile(r"\d+(?:[-.]\d+)*[.)]?|\(?[A-Za-z0-9]{1,4}[.)]")


def _tabbed(line: Line) -> bool:
    """Whether the line has a tab-wide gap between two words past its first, or past its
    clause number ("Section 1." + tab: the gap after a number is a hanging indent, not a
    column); a justified line whose every gap is stretched alike ("(Interview
    Testing/Time) on the employee's") has none."""
    words = line.words
    gap = DEFAULT_TAB_GAP * line.size
    gaps = [words[k + 1].x0 - words[k].x1
            for k in range(max(1, label_words(line)), len(words) - 1)]
    wide = [g for g in gaps if g > gap]
    if not wide:
        return False
    if len(wide) < len(gaps) or len(gaps) < 3:
        return True
    # every gap wide and alike: a justified line of a few long words, stretched
    return max(gaps) > DEFAULT_JUSTIFIED_SPREAD * min(gaps)


def _cells(line: Line, starts: Sequence[float] = ()) -> List[List[Word]]:
    """The line's words in groups (the cells of a row): split at tab-wide gaps, and before
    a word that starts at one of the column ``starts`` after more than a word's gap (cells
    of a borderless table are only their padding apart)."""
    gap = DEFAULT_TAB_GAP * line.size
    tol = DEFAULT_INDENT_TOLERANCE * line.size
    out: List[List[Word]] = [[line.words[0]]]
    for a, b in zip(line.words, line.words[1:]):
        d = b.x0 - a.x1
        if d > gap or (d > DEFAULT_COLUMN_GAP * line.size and
                       any(abs(b.x0 - x) <= tol for x in starts)):
            out.append([b])
        else:
            out[-1].append(b)
    return out


def _cell_of(starts: Sequence[float], x0: float, tol: float) -> int:
    """The column (index into ``starts``) a cell starting at ``x0`` is in, or -1."""
    for k, s in enumerate(starts):
        if abs(s - x0) <= tol:
            return k
    return -1


def wrapped_cells(lines: Sequence[Line], right: float
                  ) -> Optional[Tuple[List[List[List[Word]]], int]]:
    """Lines of side-by-side cells without rules (a colour key set in a borderless table,
    one entry a cell) whose cells the printer wrapped, as rows of cells of words: the
    lines are laid out in the same columns; a line is the next row unless one of its
    cells could not have fit on the line above in its column (the printer wrapped that
    cell), when it goes on the row above.  The table ends before a line that is not laid
    out in its columns.  (rows, lines used), or None when no cell was wrapped (contents
    entries, a table of one line a row: each line is read on its own, as before).
    ``right``: the right edge of the last column."""
    if len(lines) < 2:
        return None
    size = lines[0].size
    tol = DEFAULT_INDENT_TOLERANCE * size
    # where columns start: after a tab-wide gap, or after more than a word's gap at the
    # same place on two lines or more (cells only their padding apart)
    found = sorted((c[0].x0, 2) for ln in lines for c in _cells(ln))
    found += sorted((b.x0, 1) for ln in lines for a, b in zip(ln.words, ln.words[1:])
                    if b.x0 - a.x1 > DEFAULT_COLUMN_GAP * ln.size)
    found.sort()
    starts: List[float] = []
    weight: List[int] = []
    for x, w in found:
        if starts and x - starts[-1] <= tol:
            weight[-1] += w
        else:
            starts.append(x)
            weight.append(w)
    starts = [x for x, w in zip(starts, weight) if w >= 2]
    if right <= max(ln.x1 for ln in lines) + DEFAULT_INDENT_TOLERANCE * size:
        # the right margin is where this very text ends: the last column's edge is not
        # known, and its cells are not taken to wrap
        right = -math.inf
    rows: List[List[List[Word]]] = []
    #: column -> where its text ends on the line above, for cells of several words in a
    #: column of text (page numbers at the margin are a column of their own, each full)
    prev: Dict[int, float] = {}
    wrapped = False
    used = 0
    for b in lines:
        cells = _cells(b, starts)
        cols = [_cell_of(starts, c[0].x0, tol) for c in cells]
        if -1 in cols or cols != sorted(set(cols)) or any(
                col + 1 < len(starts) and c[-1].x1 > starts[col + 1]
                for col, c in zip(cols, cells)):
            break  # not in the columns (text running across them): the table ends
        cont = False
        for col, c in zip(cols, cells):
            edge = starts[col + 1] - DEFAULT_TAB_GAP * size / 4 if col + 1 < len(starts) \
                else right
            end = prev.get(col)
            if end is not None and \
                    end + 0.25 * size + (c[0].x1 - c[0].x0) > edge - DEFAULT_FIT_SLACK * size:
                cont = True
        if cont:
            wrapped = True
            for col, c in zip(cols, cells):
                rows[-1][col].extend(c)
        elif len(cells) == 1 and rows:
            break  # a line of one cell that no cell above wrapped into: the text below
        else:
            rows.append([[] for _ in starts])
            for col, c in zip(cols, cells):
                rows[-1][col] = list(c)
        prev = {col: c[-1].x1 for col, c in zip(cols, cells) if
                (starts[col + 1] if col + 1 < len(starts) else right) - starts[col] >=
                DEFAULT_WRAPPED_COLUMN * size}
        used += 1
    return (rows, used) if wrapped else None


def wrapped_rows(lines: Sequence[Line], m: Metrics) -> Optional[Tuple[RawTable, int]]:
    """:func:`wrapped_cells` as a table, and the lines it took (None when no cell was
    wrapped)."""
    right = lines[0].right if lines and lines[0].right is not None else m.right
    found = wrapped_cells(lines, right)
    if found is None:
        return None
    rows, used = found
    out_rows: List[List[List[Span]]] = []
    for row in rows:
        out_row = []
        for words in row:
            runs: List[List[object]] = []
            for i, w in enumerate(words):
                # (a word starting left of the one before opens the cell's next line)
                if i and not (w.x0 < words[i - 1].x0 and
                              _broken_year(words[i - 1].text, w.text)):
                    _append(runs, " ", None)
                for text, marks in w.segs:
                    _append(runs, str(text), marks)  # type: ignore[arg-type]
            out_row.append(_spans(runs))
        out_rows.append(out_row)
    return RawTable(rows=out_rows, row_marks=[None] * len(out_rows)), used


def tabbed_run(lines: Sequence[Line], m: Metrics) -> int:
    """How many lines from the first are tabbed lines of one block: in one flow, each at
    no more than the paragraph spacing below the one before (the candidates for
    :func:`wrapped_rows`)."""
    if not lines or not (_tabbed(lines[0]) or len(lines) > 1 and _tabbed(lines[1])):
        return 0
    n = 1
    while n < len(lines):
        a, b = lines[n - 1], lines[n]
        one_cell_further = b.x0 > lines[0].x0 + DEFAULT_INDENT_TOLERANCE * b.size
        spread = any(y.x0 - x.x1 > DEFAULT_COLUMN_GAP * b.size
                     for x, y in zip(b.words, b.words[1:]))
        # a plain line may still be the wrapped end of the first cell of a tabbed line
        if not (_tabbed(b) or spread or one_cell_further or _tabbed(a)) or \
                a.page != b.page or \
                a.column != b.column or abs(a.size - b.size) > 0.15 * a.size or \
                not 0 < b.y - a.y <= (m.pitch + DEFAULT_PARA_GAP) * b.size:
            break
        n += 1
    return n


#: What the line before a clause ends with: a sentence, a lead-in, an item of a list.
_CLAUSE_END = ".:;"


def _starts_clause(line: Line) -> bool:
    """Whether the line opens with a clause number of two levels or more ("X.1.2", "9.2",
    "X.***"), an item label ("(a)", "b)", "A.") or a section number with its stop
    ("Section 11."): forms a sentence rarely wraps onto after a finished sentence
    ("Section 17.1.4 applies." may open a sentence)."""
    m = match_number(line.text)
    if m is None or m.prefix:
        return False
    if m.kind == "item":
        return True
    if " " in m.printed:
        # "Section 11. Intermittent Union Leave": a section number with its stop, before a
        # capital (a reference, "Section 17.1.4 applies", has no stop)
        words = line.words
        return m.kind == "num" and label_words(line) == 2 and \
            words[1].text[-1:] in ".:" and words[2].text[:1].isupper()
    return m.kind in ("num", "stars") and "." in m.printed.strip(".")


def _all_bold(line: Line) -> bool:
    return all(seg[1][1] for w in line.words for seg in w.segs)  # type: ignore[index]


def _all_italic(line: Line) -> bool:
    return all(seg[1][2] for w in line.words for seg in w.segs)  # type: ignore[index]


def group_lines(lines: Sequence[Line], m: Metrics) -> List[List[Line]]:
    groups: List[List[Line]] = []
    for ln in lines:
        if groups and _continues(groups[-1][-1], ln, m):
            groups[-1].append(ln)
        else:
            groups.append([ln])
    return groups


def _is_centred(lines: Sequence[Line], m: Metrics) -> bool:
    for ln in lines:
        size = ln.size
        if ln.x0 < m.left + 2 * size:
            return False
        if abs((ln.x0 + ln.x1) / 2 - m.centre) > DEFAULT_INDENT_TOLERANCE * size * 2:
            return False
    return True


def paragraph_from_lines(lines: Sequence[Line], m: Metrics) -> RawParagraph:
    """Lines of one paragraph into a RawParagraph: bullet removed, hyphens mended."""
    spans: List[List[object]] = []  # [text, marks] runs
    list_kind = None
    for i, ln in enumerate(lines):
        words = ln.words
        if i == 0 and ln.bullet:
            list_kind = "bullet"
            words = words[1:]
        for j, w in enumerate(words):
            if j or (i and spans):
                joined = False
                if j == 0 and spans:
                    # the word before the line end is all the mending looks at
                    prev = str(spans[-1][0])[-_HYPHEN_REACH:]
                    nxt = str(w.segs[0][0])
                    if prev.endswith(("-", "\u00ad")):
                        joined = _mend_hyphen(spans, prev, nxt, m)
                    elif prev.endswith(_BREAK_AFTER) and len(prev) > 1 and \
                            prev[-2].isalnum() and nxt[:1].isalnum():
                        # "Superintendent/" + "designee", "leave—" + "paid": a line broken
                        # where the text has no space, as word processors break lines
                        joined = True
                if not joined:
                    _append(spans, " ", w.gap if j else None)
            for text, marks in w.segs:
                _append(spans, str(text), marks)  # type: ignore[arg-type]
    first = lines[0]
    x0 = first.words[1].x0 if first.bullet else first.x0
    indent = (lines[-1].x0 if len(lines) > 1 else x0) - m.left
    return RawParagraph(spans=_spans(spans), list_kind=list_kind,
                        centered=_is_centred(lines, m), indent=round(max(indent, 0.0), 1))


#: Characters after which word processors break a line with no space in the text (the
#: slash and the dashes of Unicode's line breaking rules; the hyphen is mended apart, as it
#: may also be a soft hyphen that goes).
_BREAK_AFTER = ("/", "\u2014", "\u2013")

#: How many characters before a line-end hyphen the mending looks at (one word's worth).
_HYPHEN_REACH = 64


def _mend_hyphen(runs: List[List[object]], prev: str, nxt: str, m: Metrics) -> bool:
    """Whether the hyphen ending ``prev`` (the tail of the last run) joins the next line's
    first word ``nxt`` without a space; it is taken out of the run when it only split the
    word.  A hyphen splits a word when the word goes on lowercase, unless it is a
    compound's own hyphen: then the halves join with it."""
    if prev.endswith("-") and len(prev) > 1 and not prev[-2].isspace() and \
            nxt[:1].isalnum() and not (prev[-2].isalpha() and nxt[:1].islower()):
        # after a number or a bracket ("(8)-" + "hour", "2025-" + "2027"), or before a
        # capital or a digit ("Pre-" + "Academy"): the text's own hyphen, never a word
        # split by hyphenation
        return True
    head = _VOCAB_WORD.findall(prev[:-1])
    tail = _VOCAB_WORD.findall(nxt)
    if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and \
            nxt[:1].islower() and head and tail and \
            prev[:-1].endswith(head[-1]) and nxt.startswith(tail[0]) and \
            _keeps_hyphen(head[-1], tail[0], m.vocabulary):
        return True  # "one-" + "half": no space, hyphen kept
    if prev.endswith("\u00ad") or (prev.endswith("-") and len(prev) > 1 and
                                   prev[-2].isalpha() and nxt[:1].islower()):
        runs[-1][0] = str(runs[-1][0])[:-1]
        if not runs[-1][0]:
            runs.pop()
        return True
    return False


def furniture_paragraphs(lines: Sequence[Line], m: Metrics) -> List[List[HeaderRun]]:
    """Header or footer lines as paragraphs of runs (:func:`header_runs`); a key set in a
    borderless table whose cells wrapped is one paragraph a row, its cells' words together
    and the cells two spaces apart (as entries side by side on one line are)."""
    out: List[List[HeaderRun]] = []
    rest: List[Line] = []
    i = 0
    while i < len(lines):
        n = tabbed_run(lines[i:], m)
        first = lines[i]
        right = first.right if first.right is not None else m.right
        found = wrapped_cells(lines[i:i + n], right) if n > 1 else None
        if found is None:
            rest.append(lines[i])
            i += 1
            continue
        rows, n = found
        for grp in group_lines(rest, m):
            out.append(header_runs(grp))
        rest = []
        for row in rows:
            cells = [c for c in row if c]
            runs: List[HeaderRun] = []
            for k, cell in enumerate(cells):
                part = header_runs([Line(lines[i].page, lines[i].y, lines[i].size, cell)])
                if k and runs:
                    runs[-1].text += "  "
                runs.extend(part)
            out.append(runs)
        i += n
    for grp in group_lines(rest, m):
        out.append(header_runs(grp))
    return out


def header_runs(lines: Sequence[Line]) -> List[HeaderRun]:
    """One header paragraph's runs, split where the colour changes; wide gaps become two
    spaces so that side-by-side entries stay apart (``split_proposal_lines`` splits there)."""
    runs: List[HeaderRun] = []

    def add(text: str, colour: Optional[str]) -> None:
        if runs and runs[-1].color == colour:
            runs[-1].text += text
        elif runs and not text.strip():
            runs[-1].text += text
        else:
            runs.append(HeaderRun(text, colour))

    for i, ln in enumerate(lines):
        prev: Optional[Word] = None
        for w in ln.words:
            if prev is not None:
                gap = w.x0 - prev.x1
                if gap < 0 and _broken_year(prev.text, w.text):
                    sep = ""  # a cell's next line finishing the year the cell's edge broke
                else:
                    sep = "  " if gap > DEFAULT_COLUMN_GAP * ln.size else " "
                if sep:
                    add(sep, runs[-1].color if runs else None)
            elif i and runs:
                add(" ", runs[-1].color)
            for text, marks in w.segs:
                # the ink of an entry, or the colour it is highlighted in
                add(str(text), marks[0] or marks[5])  # type: ignore[index]
            prev = w
    return runs


# --- page furniture ------------------------------------------------------------------------

def _key(line: Line) -> str:
    """What must repeat: the exact text, but digits ignored on short lines, where they are
    page numbers ("Page 3 of 9", "- 3 -"); a body line differing in a number is no header."""
    text = " ".join(line.text.split())
    return _DIGITS.sub("#", text) if len(line.words) <= DEFAULT_PAGE_NUMBER_WORDS else text


def _opens_body(line: Line) -> bool:
    """Whether a line is an article's title line (:func:`_article_title`), an appendix's, or
    starts a numbered clause ("X.1 ...", "9.2 ...", "Section 4 ..."): body, wherever on the
    page it sits."""
    from ..conventions.numbering import APPENDIX_LINE

    if _article_title(line) or APPENDIX_LINE.match(line.text):
        return True
    m = match_number(line.text)
    return m is not None and m.kind in ("num", "section", "stars") and bool(m.rest)


def _looks_like_header(line: Line, parties: Optional[PartyNames] = None) -> bool:
    """A line just under the header band that still belongs to it: a proposal line or a
    colour-key entry (needed on one-page documents, where nothing repeats).  A key entry
    names its colour ("District counter (Red) 10/25/2024") or is printed in its ink or
    highlight ("District Counter Proposal 10/25/2024" in red), and may read like a
    position note: a note in the body is neither."""
    from ..conventions.keys import colour_named_in
    from ..conventions.notes import note_of
    from ..conventions.parties import DEFAULT_PARTIES
    from ..conventions.proposals import parse_proposal_line

    parties = parties or DEFAULT_PARTIES

    text = line.text
    if re.search(r"\bcolou?r\s+key\b", text, re.I):
        return True
    if colour_named_in(text) and re.search(r"\d", text):
        return True
    proposal = parse_proposal_line(text, parties) is not None
    if proposal and _inked(line):
        return True
    if note_of(text, parties) is not None:
        return False
    return proposal


def _inked(line: Line) -> bool:
    """Whether some of the line is in a colour or highlighted (not black on white)."""
    return any(marks[0] or marks[5]  # type: ignore[index]
               for w in line.words for _text, marks in w.segs)


def _body_edges(pages: Sequence[PageLayout], repeats: Callable[[Line, bool], bool]
                ) -> Tuple[float, float]:
    """(top of the usual first body line, baseline of the usual last one) over the pages.

    Only lines in the flow of the body count: a first line followed by the next at no
    more than the paragraph spacing, a last line preceded by one so close, neither of them
    repeating (a footer sits apart from the body, a first body line does not).  The lower
    quartile of the first lines' tops and the upper quartile of the last lines' baselines;
    (inf, -inf) with fewer than :data:`DEFAULT_BODY_EDGE_PAGES` pages, where the bands
    alone decide.
    """
    if len(pages) < DEFAULT_BODY_EDGE_PAGES:
        return math.inf, -math.inf
    pitch = _pitch(pages)
    tops: List[float] = []
    bottoms: List[float] = []
    for p in pages:
        body = [ln for ln in p.lines
                if not repeats(ln, ln.y < p.height * DEFAULT_HEADER_ZONE or
                               ln.top > p.height * (1 - DEFAULT_FOOTER_ZONE))]
        if len(body) < 2:
            continue
        a, b = body[0], body[1]
        if b.y - a.y <= (pitch + DEFAULT_PARA_GAP) * max(a.size, b.size):
            tops.append(a.top - DEFAULT_REPEAT_TOLERANCE * a.size)
        a, b = body[-2], body[-1]
        if b.y - a.y <= (pitch + DEFAULT_PARA_GAP) * max(a.size, b.size):
            bottoms.append(b.y + DEFAULT_REPEAT_TOLERANCE * b.size)
    tops.sort()
    bottoms.sort()
    return (tops[len(tops) // 4] if tops else math.inf,
            bottoms[(3 * len(bottoms)) // 4] if bottoms else -math.inf)


def split_furniture(pages: Sequence[PageLayout], m: Optional[Metrics] = None,
                    parties: Optional[PartyNames] = None
                    ) -> Tuple[List[List[Line]], List[List[Line]]]:
    """Per page, (header lines, footer lines); removes them from ``page.lines``.
    ``parties``: the names a proposal line under the header band is recognised by (the
    user's ``--party-alias`` too).

    A line is furniture when it sits in the top/bottom band of the page, or repeats (digits
    ignored, so "Page 3 of 9" repeats) at the same height on most pages, and is part of the
    run of such lines starting at the page edge; a body line in mid-page never is.
    """
    n = len(pages)
    seen: Dict[str, List[Tuple[int, float]]] = {}
    for p in pages:
        for ln in p.lines:
            seen.setdefault(_key(ln), []).append((p.number, ln.y))
    need = max(2, math.ceil(DEFAULT_REPEAT_SHARE * n))

    def repeats(ln: Line, zone: bool) -> bool:
        if n < 2 or not zone:
            return False
        tol = DEFAULT_REPEAT_TOLERANCE * ln.size
        return len({pg for pg, y in seen.get(_key(ln), ())
                    if abs(y - ln.y) <= tol}) >= need

    body_top, body_bottom = _body_edges(pages, repeats)
    headers: List[List[Line]] = []
    footers: List[List[Line]] = []
    for p in pages:
        lines = p.lines
        table_top = min((t.y for t in p.tables), default=math.inf)
        # the bands reach no further than where the body usually starts and ends: a 1-inch
        # margin puts the first body line's top inside an 8% band
        top_band = min(p.height * DEFAULT_HEADER_BAND, body_top)
        bottom_band = max(p.height * (1 - DEFAULT_FOOTER_BAND), body_bottom)
        h = 0
        top_zone = p.height * DEFAULT_HEADER_ZONE
        bottom_zone = p.height * (1 - DEFAULT_FOOTER_ZONE)
        while h < len(lines) and lines[h].y < table_top and (
                lines[h].top < top_band or repeats(lines[h], lines[h].y < top_zone)):
            h += 1
        # an article title or a numbered clause in the band (a short page printed with a
        # narrow margin) opens the body: it and what follows it are never furniture
        h = next((k for k in range(h) if not repeats(lines[k], lines[k].y < top_zone)
                  and _opens_body(lines[k])), h)
        # a band line that does not repeat and that the next line follows as closely as
        # the lines of a paragraph follow each other is the body's first line (a 1-inch
        # margin on a short document, where the body's usual edges are not measured); so
        # is a band line with nothing below it (a one-line page is all body)
        while h and not repeats(lines[h - 1], lines[h - 1].y < top_zone) and \
                not _looks_like_header(lines[h - 1], parties) and \
                (h == len(lines) or lines[h].top - lines[h - 1].y <
                 DEFAULT_BODY_FLOW_GAP * lines[h].size):
            h -= 1
        # one-page documents: proposal lines and the colour key just under the band
        while h and h < len(lines) and lines[h].y < table_top and \
                lines[h].top - lines[h - 1].y <= DEFAULT_HEADER_REACH * lines[h].size and \
                _looks_like_header(lines[h], parties):
            h += 1
        # ... and the rest of a key set in a borderless table, whose cells wrapped
        if m is not None and 0 < h < len(lines) and lines[h].y < table_top:
            run = [ln for ln in lines[h - 1:h - 1 + tabbed_run(lines[h - 1:], m)]
                   if ln.y < table_top]
            found = wrapped_cells(run, m.right)
            if found is not None:
                h = h - 1 + found[1]
        f = len(lines)
        while f > h and (lines[f - 1].y > bottom_band or
                         repeats(lines[f - 1], lines[f - 1].top > bottom_zone)):
            f -= 1
        # the same at the foot: a band line the body runs into is the body's last line
        while h < f < len(lines) and not repeats(lines[f], lines[f].top > bottom_zone) and \
                lines[f].top - lines[f - 1].y < DEFAULT_BODY_FLOW_GAP * lines[f].size:
            f += 1
        # a footer block (a reservation-of-rights sentence) reaching up out of the band
        if f < len(lines):
            k = f
            # only a few lines, and only within the footer zone: a body whose paragraphs
            # are spaced as tightly as that, below a table, is no footer
            while k > h and f - k < DEFAULT_FOOTER_BLOCK_LINES and \
                    lines[k - 1].top > bottom_zone and \
                    lines[k].top - lines[k - 1].y <= DEFAULT_HEADER_REACH * lines[k].size:
                k -= 1
            if h < k < f and lines[k].top - lines[k - 1].y >= \
                    DEFAULT_FOOTER_SEPARATION * lines[k].size:
                f = k
        else:
            # a colour key or proposal lines at the foot of the page, well apart from the
            # body, are its footer even where nothing repeats (a one-page document) and
            # they reach up out of the band
            k = f
            while k > h and f - k < DEFAULT_FOOTER_BLOCK_LINES and \
                    lines[k - 1].top > bottom_zone and _looks_like_header(lines[k - 1], parties) and \
                    (k == f or lines[k].top - lines[k - 1].y <=
                     DEFAULT_HEADER_REACH * lines[k].size):
                k -= 1
            if h < k < f and lines[k].top - lines[k - 1].y >= \
                    DEFAULT_FOOTER_SEPARATION * lines[k].size:
                f = k
        headers.append(lines[:h])
        footers.append(lines[f:])
        p.lines = lines[h:f]
    return headers, footers


# --- stray strikes -------------------------------------------------------------------------

def _struck_runs(pages: Sequence[PageLayout]) -> List[Tuple[int, str, bool]]:
    """(page, text, inked) of every run of struck characters in the body, tables
    included; ``inked``: in a colour or highlight (not black on white)."""
    runs: List[Tuple[int, str, bool]] = []
    for p in pages:
        for ln in p.lines:
            for w in ln.words:
                for text, marks in w.segs:
                    if marks[4]:  # type: ignore[index]
                        runs.append((p.number, str(text),
                                     bool(marks[0] or marks[5])))  # type: ignore[index]
        for t in p.tables:
            for row in t.table.rows:
                for cell in row:
                    runs.extend((p.number, sp.text, bool(sp.color or sp.highlight))
                                for sp in cell if sp.strike)
    return runs


def clear_stray_strikes(pages: Sequence[PageLayout]) -> List[str]:
    """Strike marks that are stray rules, not deletions: in a document where only a few
    characters (:data:`DEFAULT_STRAY_STRIKES` runs of at most
    :data:`DEFAULT_STRAY_STRIKE_CHARS`) are struck, a rule crossing them is a drawing
    artefact (a table rule, a link's underline a little high), and three struck characters
    must not turn a clean agreement into a redline.  A struck run in a colour or a
    highlight is a round's deletion, however short ("of" struck in the round's ink).
    Returns the warnings saying so."""
    runs = _struck_runs(pages)
    if not runs or len(runs) > DEFAULT_STRAY_STRIKES or \
            any(len(text.strip()) > DEFAULT_STRAY_STRIKE_CHARS or inked
                for _, text, inked in runs):
        return []
    for p in pages:
        for ln in p.lines:
            for w in ln.words:
                for seg in w.segs:
                    marks = seg[1]
                    if marks[4]:  # type: ignore[index]
                        seg[1] = marks[:4] + (False,) + marks[5:]  # type: ignore
                _merge_segs(w)
        for t in p.tables:
            t.table.rows = [[[Span(sp.text, color=sp.color, bold=sp.bold, italic=sp.italic,
                                   underline=sp.underline, highlight=sp.highlight)
                              if sp.strike else sp
                              for sp in cell] for cell in row] for row in t.table.rows]
    where = ", ".join(f"{text.strip()!r} on page {page}" for page, text, _ in runs)
    return [f"a line through {where} only, in a document with no other struck text: read "
            "as a stray rule, not a deletion"]


def _merge_segs(w: Word) -> None:
    out: List[List[object]] = []
    for seg in w.segs:
        if out and out[-1][1] == seg[1]:
            out[-1][0] = str(out[-1][0]) + str(seg[0])
        else:
            out.append(seg)
    w.segs = out
