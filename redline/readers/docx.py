"""DOCX reader: lxml over the package parts.

Reads body paragraphs and tables in order, with runs inside ``w:ins``, ``w:del``,
``w:hyperlink``, ``w:smartTag``, ``w:sdt``, ``w:customXml`` and fields (their results, never
their instructions); Word auto-numbering rendered as the label the reader sees; run marks
(colour, strike, underline, bold, italic) resolved through character and paragraph styles;
page headers, footers and comments.  python-docx does not see runs inside revisions, so this
walks the XML itself.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field, replace
from typing import Callable, Dict, Iterator, List, Optional, Tuple

from lxml import etree

from ..model import BASE, DEL, INS, Span
from .blocks import Comment, HeaderRun, RawDocument, RawParagraph, RawTable
from ..conventions.dates import normalise_date
from ..conventions.numbering import ListCounters, ListLevel
from ..ooxml import (R_NS, W_NS, Package, highlight_colour, related_part, shading_colour,
                     underline_style, w)

_ON = {"1", "true", "on", ""}
_HEADER_REL = "/header"
_FOOTER_REL = "/footer"


def _toggle(rpr: Optional[etree._Element], tag: str) -> Optional[bool]:
    if rpr is None:
        return None
    el = rpr.find(w(tag))
    if el is None:
        return None
    return (el.get(w("val")) or "").lower() in _ON


@dataclass
class RunProps:
    bold: Optional[bool] = None
    italic: Optional[bool] = None
    strike: Optional[bool] = None
    underline: Optional[bool] = None
    color: Optional[str] = None
    vanish: Optional[bool] = None
    dstrike: Optional[bool] = None  # struck twice (a deletion, as a single strike is)
    double_underline: Optional[bool] = None  # underlined twice (an insertion)
    highlight: Optional[str] = None  # w:highlight, RGB hex
    shading: Optional[str] = None  # w:shd fill, RGB hex

    def merged(self, other: "RunProps") -> "RunProps":
        """``other`` applied on top of ``self``."""
        def pick(a, b):
            return b if b is not None else a

        return RunProps(pick(self.bold, other.bold), pick(self.italic, other.italic),
                        pick(self.strike, other.strike), pick(self.underline, other.underline),
                        pick(self.color, other.color), pick(self.vanish, other.vanish),
                        pick(self.dstrike, other.dstrike),
                        pick(self.double_underline, other.double_underline),
                        pick(self.highlight, other.highlight),
                        pick(self.shading, other.shading))


#: No properties of its own (merging it changes nothing).
_NO_PROPS = RunProps()


def read_run_props(rpr: Optional[etree._Element]) -> RunProps:
    if rpr is None:
        return RunProps()
    strike = _toggle(rpr, "strike")
    dstrike = _toggle(rpr, "dstrike")
    if dstrike:
        strike = True
    underline = double_underline = None
    u = underline_style(rpr)
    if u is not None:
        underline = u != "none"
        double_underline = "double" in u
    color = None
    c = rpr.find(w("color"))
    if c is not None:
        val = (c.get(w("val")) or "").upper()
        color = None if val in ("", "AUTO") else val
        if color is None:
            color = "AUTO"
    return RunProps(bold=_toggle(rpr, "b"), italic=_toggle(rpr, "i"), strike=strike,
                    underline=underline, color=color, vanish=_toggle(rpr, "vanish"),
                    dstrike=dstrike, double_underline=double_underline,
                    highlight=highlight_colour(rpr), shading=shading_colour(rpr))


@dataclass
class Style:
    name: str
    based_on: Optional[str]
    run: RunProps
    num: Optional[Tuple[str, int]]  # (numId, ilvl) from the style's own numPr


@dataclass
class Styles:
    by_id: Dict[str, Style] = field(default_factory=dict)
    default_run: RunProps = field(default_factory=RunProps)
    _resolved: Dict[str, RunProps] = field(default_factory=dict, repr=False)

    def run_props(self, style_id: Optional[str], seen: Optional[set] = None) -> RunProps:
        if not style_id or style_id not in self.by_id:
            return _NO_PROPS
        if seen is None:  # a whole chain: worked out once per style (asked for every run)
            got = self._resolved.get(style_id)
            if got is None:
                got = self._resolved[style_id] = self.run_props(style_id, set())
            return got
        if style_id in seen:
            return _NO_PROPS
        seen.add(style_id)
        st = self.by_id[style_id]
        return self.run_props(st.based_on, seen).merged(st.run)

    def num(self, style_id: Optional[str]) -> Optional[Tuple[str, int]]:
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            st = self.by_id[style_id]
            if st.num:
                return st.num
            style_id = st.based_on
        return None

    def name(self, style_id: Optional[str]) -> str:
        if style_id and style_id in self.by_id:
            return self.by_id[style_id].name
        return style_id or ""


#: Word list levels are 0-8.
_LIST_LEVELS = 9


def _int(value: Optional[str], default: int) -> int:
    """An integer attribute; ``default`` when it is missing or not a number (damaged)."""
    try:
        return int(value or default)
    except ValueError:
        return default


def _level(value: Optional[str]) -> int:
    return min(max(_int(value, 0), 0), _LIST_LEVELS - 1)


def _num_pr(numpr: Optional[etree._Element]) -> Optional[Tuple[str, int]]:
    """(numId, ilvl) of a ``w:numPr``, or None."""
    if numpr is None:
        return None
    nid = numpr.find(w("numId"))
    if nid is None:
        return None
    lvl = numpr.find(w("ilvl"))
    return nid.get(w("val")) or "", _level(lvl.get(w("val")) if lvl is not None else None)


def read_styles(root: Optional[etree._Element]) -> Styles:
    styles = Styles()
    if root is None:
        return styles
    dflt = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    styles.default_run = read_run_props(dflt)
    for st in root.iter(w("style")):
        sid = st.get(w("styleId"))
        if not sid:
            continue
        name_el = st.find(w("name"))
        based = st.find(w("basedOn"))
        num = _num_pr(st.find(f"{w('pPr')}/{w('numPr')}"))
        styles.by_id[sid] = Style(
            name=(name_el.get(w("val")) if name_el is not None else None) or sid,
            based_on=based.get(w("val")) if based is not None else None,
            run=read_run_props(st.find(w("rPr"))), num=num)
    return styles


# --- numbering -----------------------------------------------------------------------------

@dataclass
class _Num:
    """One ``w:num``: its abstract list and the start values it overrides per level."""

    abstract: str
    starts: Dict[int, int]
    levels: Dict[int, ListLevel] = field(default_factory=dict)  # w:lvlOverride/w:lvl


class Numbering:
    """Word's list numbering: turns (numId, ilvl) into the label a reader sees.

    Parses ``word/numbering.xml``; the counting (restarts, overrides, legal numbering) is
    :class:`redline.conventions.numbering.ListCounters`'s."""

    def __init__(self, root: Optional[etree._Element]) -> None:
        self.abstract: Dict[str, Dict[int, ListLevel]] = {}
        self.nums: Dict[str, _Num] = {}
        self.counters = ListCounters()
        if root is None:
            return
        style_links: Dict[str, str] = {}  # numbering style -> the abstract list defining it
        uses_style: Dict[str, str] = {}  # abstract list -> the numbering style it takes
        for ab in root.iter(w("abstractNum")):
            levels: Dict[int, ListLevel] = {}
            for lvl in ab.iter(w("lvl")):
                # attributes of a damaged or hostile file may be anything: never crash
                levels[_level(lvl.get(w("ilvl")))] = _list_level(lvl)
            ab_id = ab.get(w("abstractNumId")) or ""
            self.abstract[ab_id] = levels
            link, uses = ab.find(w("styleLink")), ab.find(w("numStyleLink"))
            if link is not None:
                style_links[link.get(w("val")) or ""] = ab_id
            if uses is not None:
                uses_style[ab_id] = uses.get(w("val")) or ""
        for ab_id, style in uses_style.items():
            # a list drawn by a numbering style (w:numStyleLink): the levels are the ones of
            # the abstract list that defines the style (w:styleLink)
            source = style_links.get(style)
            if source is not None and not self.abstract.get(ab_id):
                self.abstract[ab_id] = self.abstract.get(source, {})
        for num in root.iter(w("num")):
            ab = num.find(w("abstractNumId"))
            starts: Dict[int, int] = {}
            redefined: Dict[int, ListLevel] = {}
            for ov in num.iter(w("lvlOverride")):
                ilvl = _level(ov.get(w("ilvl")))
                lvl = ov.find(w("lvl"))
                if lvl is not None:
                    redefined[ilvl] = _list_level(lvl)
                so = ov.find(w("startOverride"))
                if so is not None:
                    starts[ilvl] = _int(so.get(w("val")), 1)
            self.nums[num.get(w("numId")) or ""] = _Num(
                ab.get(w("val")) if ab is not None else "", starts, redefined)

    def label(self, num_id: str, ilvl: int) -> Tuple[str, Optional[str]]:
        """The next label for this list level, and the list kind ("bullet"/"number")."""
        if num_id not in self.nums or num_id == "0":
            return "", None
        num = self.nums[num_id]
        levels = dict(self.abstract.get(num.abstract, {}))
        levels.update(num.levels)
        if levels.get(ilvl, ListLevel()).fmt == "bullet":
            return "", "bullet"
        for i, start in num.starts.items():
            levels[i] = replace(levels.get(i, ListLevel()), start=start)
        # lists of one abstract list continue each other; a restarted one (an override of
        # its start) counts on its own, as Word shows it
        key = f"num:{num_id}" if num.starts or num.levels else f"abstract:{num.abstract}"
        return self.counters.label(key, levels, ilvl), "number"


def _list_level(lvl: etree._Element) -> ListLevel:
    fmt = lvl.find(w("numFmt"))
    txt = lvl.find(w("lvlText"))
    start = lvl.find(w("start"))
    restart = lvl.find(w("lvlRestart"))
    return ListLevel(
        fmt=(fmt.get(w("val")) if fmt is not None else None) or "decimal",
        text=(txt.get(w("val")) if txt is not None else None) or "",
        start=_int(start.get(w("val")), 1) if start is not None else 1,
        restart=_int(restart.get(w("val")), 0) if restart is not None else None,
        legal=bool(_toggle(lvl, "isLgl")))


# --- body ----------------------------------------------------------------------------------

@dataclass
class _Ctx:
    styles: Styles
    numbering: Numbering
    para_run: RunProps = field(default_factory=RunProps)
    #: mark styles seen on words of the body, for the reading report
    marks: Dict[str, int] = field(default_factory=dict)
    counting: bool = True  # off while headers and footers are read
    #: the words a chart or SmartArt part shows, by relationship id of the body
    #: (:func:`_graphic_texts`): Word draws them, so they are text of the paragraph
    graphic_text: Callable[[str], List[str]] = field(default=lambda rid: [])


class _FieldState:
    """Complex fields: skip instructions, keep results."""

    def __init__(self) -> None:
        self.depth = 0
        self.in_instr: List[bool] = []

    def char(self, kind: str) -> None:
        if kind == "begin":
            self.depth += 1
            self.in_instr.append(True)
        elif kind == "separate" and self.in_instr:
            self.in_instr[-1] = False
        elif kind == "end" and self.in_instr:
            self.in_instr.pop()
            self.depth -= 1

    @property
    def hiding(self) -> bool:
        # a field nested in another field's instruction is part of that instruction
        return any(self.in_instr)


_CONTAINERS = {w(t) for t in ("hyperlink", "smartTag", "customXml", "fldSimple", "bdo", "dir")}


def _revision(el: etree._Element, kind: str) -> Tuple[str, Optional[str], Optional[str]]:
    author = el.get(w("author")) or None
    date = (el.get(w("date")) or "")[:16].replace("Z", "")
    if date.endswith("T00:00"):
        date = date[:10]  # Word writes a date without a time as midnight
    return kind, author, normalise_date(date) if date else None


def _iter_runs(el: etree._Element, rev: Optional[Tuple[str, Optional[str], Optional[str]]]
               ) -> Iterator[Tuple[etree._Element, Optional[Tuple[str, Optional[str],
                                                                   Optional[str]]]]]:
    for child in el:
        tag = child.tag
        if tag == w("r"):
            yield child, rev
        elif tag in (w("ins"), w("moveTo")):
            yield from _iter_runs(child, _revision(child, INS))
        elif tag in (w("del"), w("moveFrom")):
            yield from _iter_runs(child, _revision(child, DEL))
        elif tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                yield from _iter_runs(content, rev)
        elif tag in _CONTAINERS:
            yield from _iter_runs(child, rev)
        elif tag in _MATH:
            yield from _math_runs(child, rev)


def _math_runs(el: etree._Element, rev: Optional[Tuple[str, Optional[str], Optional[str]]]
               ) -> Iterator[Tuple[etree._Element, Optional[Tuple[str, Optional[str],
                                                                   Optional[str]]]]]:
    """An equation's runs in reading order (numerator before denominator, ...), each with
    the revision Word wrote around it inside the equation (walked, not recursed: an
    equation may nest deep)."""
    for mr in el.iter(_MATH_RUN):
        mark = rev
        for a in mr.iterancestors():
            if a is el:
                break
            if a.tag in (w("ins"), w("moveTo")):
                mark = _revision(a, INS)
                break
            if a.tag in (w("del"), w("moveFrom")):
                mark = _revision(a, DEL)
                break
        yield mr, mark


_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_MATH = (f"{_M}oMath", f"{_M}oMathPara")
_MATH_RUN = f"{_M}r"
_MATH_TEXT = f"{_M}t"

_GONE = (w("del"), w("moveFrom"))


def _latest_text(el: etree._Element) -> str:
    """An element's text with its tracked deletions left out, white space folded."""
    return " ".join("".join(t.text or "" for t in el.iter(w("t"))
                            if not any(a.tag in _GONE for a in t.iterancestors())).split())


#: Run children that may hold text boxes: their words are part of the paragraph's text.
#: (``mc:AlternateContent`` is resolved before the reader sees a part: see
#: :func:`redline.ooxml.resolve_compatibility`.)
_BOX_HOLDERS = (w("pict"), w("drawing"), w("object"))


_VML_TEXTPATH = "{urn:schemas-microsoft-com:vml}textpath"


_R_ID = f"{{{R_NS}}}id"
_R_DM = f"{{{R_NS}}}dm"
_CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}chart"
_DGM_IDS = "{http://schemas.openxmlformats.org/drawingml/2006/diagram}relIds"
#: What a chart (titles, labels, cached values) and a SmartArt data part show as text.
_GRAPHIC_TEXT = ("{http://schemas.openxmlformats.org/drawingml/2006/main}t",
                 "{http://schemas.openxmlformats.org/drawingml/2006/chart}v")


def _graphic_texts(pkg: Package, part: str, rels: Dict[str, Dict[str, str]]
                   ) -> Callable[[str], List[str]]:
    """The words of the chart or SmartArt data part a relationship id of ``part`` names
    (read once each); [] for anything else."""
    folder = part.rpartition("/")[0]
    seen: Dict[str, List[str]] = {}

    def texts(rid: str) -> List[str]:
        if rid not in seen:
            rel = rels.get(rid)
            words: List[str] = []
            if rel and rel["mode"] != "External" and rel["type"].endswith(
                    ("/chart", "/diagramData")):
                target = rel["target"]
                name = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(posixpath.join(folder, target))
                root = pkg.xml(name)
                if root is not None:
                    words = [" ".join((t.text or "").split()) for t in root.iter(*_GRAPHIC_TEXT)]
                    words = [t for t in words if t]
            seen[rid] = words
        return seen[rid]
    return texts


def _text_boxes(r: etree._Element, ctx: Optional["_Ctx"] = None) -> List[object]:
    """What the drawings anchored in run ``r`` show, in order: the paragraphs of their text
    boxes (not those of a box inside a box: that one is read from its own paragraph), the
    strings of VML WordArt (``v:textpath``, whose text is an attribute), and the words of a
    chart or SmartArt (parts of their own, which Word draws)."""
    out: List[object] = []
    for node in r:
        if node.tag not in _BOX_HOLDERS:
            continue
        if ctx is not None:
            for el in node.iter(_CHART, _DGM_IDS):
                rid = el.get(_R_ID) if el.tag == _CHART else el.get(_R_DM)
                words = ctx.graphic_text(rid or "")
                if words:
                    out.append(" ".join(words))
        for el in node.iter(w("txbxContent"), _VML_TEXTPATH):
            if el.tag == _VML_TEXTPATH:
                if el.get("string"):
                    out.append(el.get("string"))
                continue
            if _nearest_box(el.getparent(), node) is not None:
                continue  # a box inside another box of this drawing
            out.extend(p for p in el.iter(w("p")) if _nearest_box(p.getparent(), el) is None)
    return out


def _nearest_box(el: Optional[etree._Element], stop: etree._Element
                 ) -> Optional[etree._Element]:
    """The nearest ``w:txbxContent`` from ``el`` up to (not including) ``stop``."""
    while el is not None and el is not stop:
        if el.tag == w("txbxContent"):
            return el
        el = el.getparent()
    return None


def _run_text(r: etree._Element, fields: _FieldState) -> str:
    out: List[str] = []
    for node in r:
        tag = node.tag
        if tag == w("fldChar"):
            fields.char(node.get(w("fldCharType")) or "")
        elif fields.hiding:
            continue
        elif tag in (w("t"), w("delText"), _MATH_TEXT):
            out.append(node.text or "")
        elif tag == w("ruby"):
            # phonetic guide text: Word prints it above the base text; both are words
            base = "".join(t.text or "" for part in node.iter(w("rubyBase"))
                           for t in part.iter(w("t"), w("delText")))
            guide = "".join(t.text or "" for part in node.iter(w("rt"))
                            for t in part.iter(w("t"), w("delText")))
            out.append(f"{base} ({guide})" if guide else base)
        elif tag == w("tab") or tag == w("ptab"):
            out.append("\t")
        elif tag in (w("br"), w("cr")):
            out.append(" " if node.get(w("type")) in (None, "textWrapping") else "\n")
        elif tag == w("noBreakHyphen"):
            out.append("\u2011")
        elif tag == w("softHyphen"):
            out.append("\u00ad")
        elif tag == w("sym"):
            code = node.get(w("char")) or ""
            try:
                char = chr(int(code, 16))
            except (ValueError, OverflowError):
                continue
            if not "\ud800" <= char <= "\udfff":  # a lone surrogate: no output can hold it
                out.append(char)
    return "".join(out)


def _spans_of(container: etree._Element, ctx: _Ctx) -> List[Span]:
    spans: List[Span] = []
    fields = _FieldState()
    # the document's and the paragraph style's run properties, once for all its runs
    base = ctx.styles.default_run.merged(ctx.para_run)
    for r, rev in _iter_runs(container, None):
        rpr = r.find(w("rPr"))
        props = base
        if rpr is not None:
            rstyle = rpr.find(w("rStyle"))
            if rstyle is not None:
                props = props.merged(ctx.styles.run_props(rstyle.get(w("val"))))
            props = props.merged(read_run_props(rpr))
        text = _run_text(r, fields)
        if props.vanish:
            continue
        kind, author, date = rev if rev else (BASE, None, None)
        if text:
            color = None if props.color in (None, "AUTO") else props.color
            behind = props.highlight or props.shading
            spans.append(Span(text=text, kind=kind, color=color, bold=bool(props.bold),
                              italic=bool(props.italic), underline=bool(props.underline),
                              strike=bool(props.strike), party=author, date=date,
                              highlight=behind))
            if ctx.counting and text.strip():
                for name, on in (("double strike", props.dstrike),
                                 ("double underline", props.double_underline),
                                 ("highlight", props.highlight), ("shading", props.shading)):
                    if on:
                        ctx.marks[name] = ctx.marks.get(name, 0) + 1
        # a text box's words are read where it is anchored, with their own marks (a
        # redline marks the changes inside a box); a box inserted or deleted whole takes
        # the mark of the run that holds it
        for p in _text_boxes(r, ctx) if not fields.hiding else ():
            inner = [Span(p)] if isinstance(p, str) else _spans_of(p, ctx)
            if not any(s.text.strip() for s in inner):
                continue
            if rev is not None:
                inner = [s if s.kind != BASE else replace(s, kind=kind, party=author, date=date)
                         for s in inner]
            spans.append(Span(" ", kind=kind, party=author, date=date))
            spans.extend(inner)
            spans.append(Span(" ", kind=kind, party=author, date=date))
    return _merge_adjacent(spans)


def _merge_adjacent(spans: List[Span]) -> List[Span]:
    out: List[Span] = []
    for s in spans:
        if out and _same_marks(out[-1], s):
            out[-1] = replace(out[-1], text=out[-1].text + s.text)
        else:
            out.append(s)
    return out


def _same_marks(a: Span, b: Span) -> bool:
    return (a.kind, a.color, a.bold, a.italic, a.underline, a.strike, a.party, a.date,
            a.highlight) == (b.kind, b.color, b.bold, b.italic, b.underline, b.strike,
                             b.party, b.date, b.highlight)


def _paragraph(p: etree._Element, ctx: _Ctx) -> RawParagraph:
    ppr = p.find(w("pPr"))
    style_id = None
    num: Optional[Tuple[str, int]] = None
    centered = False
    indent = 0.0
    mark: Optional[Span] = None
    if ppr is not None:
        ps = ppr.find(w("pStyle"))
        style_id = ps.get(w("val")) if ps is not None else None
        num = _num_pr(ppr.find(w("numPr")))
        jc = ppr.find(w("jc"))
        centered = jc is not None and jc.get(w("val")) == "center"
        ind = ppr.find(w("ind"))
        if ind is not None:
            try:
                indent = float(ind.get(w("left")) or ind.get(w("start")) or 0) / 20.0
            except ValueError:
                indent = 0.0
        rpr = ppr.find(w("rPr"))
        if rpr is not None:
            for tag, kind in (("ins", INS), ("del", DEL)):
                el = rpr.find(w(tag))
                if el is not None:
                    k, author, date = _revision(el, kind)
                    mark = Span("\n", kind=k, party=author, date=date)
    if num is None:
        num = ctx.styles.num(style_id)
    ctx.para_run = ctx.styles.run_props(style_id)
    spans = _spans_of(p, ctx)
    behind = shading_colour(ppr)
    if behind:
        # a shaded paragraph: its colour is behind every run that draws none of its own
        spans = [s if s.highlight else replace(s, highlight=behind) for s in spans]
        if ctx.counting and any(s.text.strip() for s in spans):
            ctx.marks["shading"] = ctx.marks.get("shading", 0) + 1
    ctx.para_run = RunProps()
    style_name = ctx.styles.name(style_id)
    label, list_kind = ("", None)
    if num is not None:
        label, list_kind = ctx.numbering.label(*num)
    if list_kind is None and "bullet" in style_name.lower().replace(" ", ""):
        list_kind = "bullet"
    if list_kind is None and style_id and "bullet" in style_id.lower():
        list_kind = "bullet"
    comments = tuple(c.get(w("id")) or "" for c in p.iter(w("commentRangeStart")))
    comments += tuple(c.get(w("id")) or "" for c in p.iter(w("commentReference"))
                      if (c.get(w("id")) or "") not in comments)
    return RawParagraph(spans=spans, style=style_name, list_kind=list_kind, num_label=label,
                        centered=centered, indent=indent, comments=comments, mark=mark)


#: Elements that wrap rows in a table or cells in a row without being shown themselves.
_ROW_WRAPPERS = (w("sdt"), w("sdtContent"), w("customXml"), w("ins"), w("del"),
                 w("moveTo"), w("moveFrom"))


def _wrapped(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """The ``tag`` children of ``parent``, also those inside content controls, custom XML
    and revision wrappers (Word shows a row in a content control like any other)."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _ROW_WRAPPERS:
            yield from _wrapped(child, tag)


def _table(tbl: etree._Element, ctx: _Ctx) -> RawTable:
    rows: List[List[List[Span]]] = []
    marks: List[Optional[Span]] = []
    for tr in _wrapped(tbl, w("tr")):
        cells: List[List[Span]] = []
        for tc in _wrapped(tr, w("tc")):
            cell: List[Span] = []
            for i, p in enumerate(tc.iter(w("p"))):
                para = _paragraph(p, ctx)
                if i and cell:
                    cell.append(Span("\n"))
                cell.extend(para.spans)
            cells.append(cell)
        trpr = tr.find(w("trPr"))
        mark = None
        if trpr is not None:
            for tag, kind in (("ins", INS), ("del", DEL)):
                el = trpr.find(w(tag))
                if el is not None:
                    k, author, date = _revision(el, kind)
                    mark = Span("", kind=k, party=author, date=date)
        rows.append(cells)
        marks.append(mark)
    return RawTable(rows=rows, row_marks=marks)


def _body_blocks(container: etree._Element, ctx: _Ctx) -> Iterator[object]:
    for child in container:
        tag = child.tag
        if tag == w("p"):
            yield _paragraph(child, ctx)
        elif tag == w("tbl"):
            yield _table(child, ctx)
        elif tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                yield from _body_blocks(content, ctx)
        elif tag in (w("customXml"), w("ins"), w("del")):
            yield from _body_blocks(child, ctx)


def _header_paragraphs(root: etree._Element, ctx: _Ctx) -> List[List[HeaderRun]]:
    out: List[List[HeaderRun]] = []
    for p in root.iter(w("p")):
        para = _paragraph(p, ctx)
        runs = [HeaderRun(s.text, s.color or s.highlight) for s in para.spans
                if s.kind != DEL]
        if any(r.text.strip() for r in runs):
            out.append(runs)
    return out


_ADDED = (w("ins"), w("moveTo"))
#: Run properties a colour-keyed redline marks words with (read in the body, not in notes).
_MARKING = (w("strike"), w("dstrike"), w("u"), w("highlight"), w("shd"))


def _original_text(el: etree._Element) -> Optional[str]:
    """An element's text with its tracked changes rejected (insertions out, deletions in),
    white space folded; None when it has no tracked change."""
    if next(el.iter(*_ADDED, *_GONE), None) is None:
        return None
    return " ".join("".join(t.text or "" for t in el.iter(w("t"), w("delText"))
                            if not any(a.tag in _ADDED for a in t.iterancestors())).split())


def _marked_by_format(el: etree._Element) -> bool:
    """Whether any run of ``el`` is struck, underlined, highlighted, shaded or in a colour
    other than black: the marks a colour-keyed redline draws, which notes are not read for."""
    for rpr in el.iter(w("rPr")):
        for child in rpr:
            if child.tag in _MARKING and child.get(w("val"), "on") not in (
                    "none", "0", "false", "off", "clear"):
                if child.tag != w("shd") or child.get(w("fill"), "auto") not in (
                        "auto", "FFFFFF", "ffffff"):
                    return True
            if child.tag == w("color") and (child.get(w("val")) or "auto").lower() not in (
                    "auto", "000000"):
                return True
    return False


def _footnotes(pkg: Package, doc: etree._Element,
               rels: Dict[str, Dict[str, str]]) -> List[Tuple[str, str, Optional[str], bool]]:
    """``(kind, text, original, marked)`` of the footnotes and endnotes the body refers
    to, in body order: the latest text, the text before its tracked changes (None when it
    has none) and whether its runs carry colour-key marks."""
    notes: Dict[str, Dict[str, etree._Element]] = {}
    for kind in ("footnote", "endnote"):
        name = related_part(rels, f"{kind}s")
        root = pkg.xml(name) if name else None
        notes[kind] = {n.get(w("id")) or "": n for n in root.iter(w(kind))} \
            if root is not None else {}
    out: List[Tuple[str, str, Optional[str], bool]] = []
    for ref in doc.iter(w("footnoteReference"), w("endnoteReference")):
        if any(a.tag in _GONE for a in ref.iterancestors()):
            continue
        kind = "footnote" if ref.tag == w("footnoteReference") else "endnote"
        note = notes[kind].get(ref.get(w("id")) or "")
        if note is not None:
            out.append((kind, _latest_text(note), _original_text(note),
                        _marked_by_format(note)))
    return out


@dataclass
class DocxDocument(RawDocument):
    """A DOCX reader's result: the blocks and furniture, which of Word's mark styles the
    body's words use (``double strike``, ``double underline``, ``highlight``, ``shading``:
    name -> runs, for the reading report)."""

    mark_styles: Dict[str, int] = field(default_factory=dict)


def read_docx(path: str, data: Optional[bytes] = None) -> RawDocument:
    """Read a DOCX into blocks and page furniture (see :mod:`redline.readers.blocks`)."""
    pkg = Package(path, data)
    try:
        doc = pkg.xml("word/document.xml")
        if doc is None or doc.tag != w("document"):
            from ..errors import InputError
            raise InputError("word/document.xml is not a Word document body", path)
        ctx = _Ctx(read_styles(pkg.xml("word/styles.xml")),
                   Numbering(pkg.xml("word/numbering.xml")))
        ctx.graphic_text = _graphic_texts(pkg, "word/document.xml",
                                          pkg.rels("word/document.xml"))
        body = doc.find(w("body"))
        blocks = list(_body_blocks(body, ctx)) if body is not None else []
        ctx.counting = False
        rels = pkg.rels("word/document.xml")
        headers: List[List[HeaderRun]] = []
        footers: List[str] = []
        footer_runs: List[List[HeaderRun]] = []  # the same lines with their inks
        for rel in rels.values():
            if rel["mode"] == "External":
                continue
            target = "word/" + rel["target"].lstrip("/") if not rel["target"].startswith(
                "/") else rel["target"].lstrip("/")
            if rel["type"].endswith(_HEADER_REL):
                root = pkg.xml(target)
                if root is not None:
                    for para in _header_paragraphs(root, ctx):
                        if para not in headers:
                            headers.append(para)
            elif rel["type"].endswith(_FOOTER_REL):
                root = pkg.xml(target)
                if root is not None:
                    for para in _header_paragraphs(root, ctx):
                        line = "".join(r.text for r in para).strip()
                        if line and line not in footers:
                            footers.append(line)
                            footer_runs.append(para)
        comments: Dict[str, Comment] = {}
        croot = pkg.xml("word/comments.xml")
        if croot is not None:
            for c in croot.iter(w("comment")):
                text = " ".join("".join(t.text or "" for t in p.iter(w("t")))
                                for p in c.iter(w("p"))).strip()
                date = c.get(w("date"))
                comments[c.get(w("id")) or ""] = Comment(
                    author=c.get(w("author")) or "",
                    date=normalise_date(date[:10]) if date else None, text=text)
        return DocxDocument(blocks=blocks, header_paragraphs=headers, footer_lines=footers,
                            mark_styles=dict(ctx.marks), footer_paragraphs=footer_runs,
                            comments=comments, footnotes=_footnotes(pkg, doc, rels))
    finally:
        pkg.close()


__all__ = ["read_docx", "W_NS"]
