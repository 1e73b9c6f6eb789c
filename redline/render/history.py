"""A counter history rendered: the cumulative colour-keyed redline (DOCX, HTML, PDF, JSON)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape
from typing import Dict, List, Optional, Sequence, Tuple, Union

from ..align.history import History, MarkedClause, blame
from ..conventions.keys import format_key_entry
from ..conventions.proposals import format_proposal_line
from ..model import Proposal
from .docx_colour import (BASE_INK, HEADER_FONT_PT, INDENT_PT, KEY_LABEL, KEY_SEPARATOR,
                          KeyLine, MarkedParagraph, MarkedRun, key_lines, merge_runs,
                          write_docx)
from .palette import AGREED_COLOUR, PARTY_COLOURS, round_colour


@dataclass(frozen=True)
class ColourKey:
    """Which colour each round is drawn in.

    ``by-round``: one colour per counter (the seeds' style).  ``by-party``: one colour per
    party; only the latest round's changes are underlined; agreed language in a third colour.
    """

    convention: str = "by-round"
    round_colours: Dict[Tuple[Optional[str], Optional[str]], str] = field(default_factory=dict)
    party_colours: Dict[str, str] = field(default_factory=lambda: dict(PARTY_COLOURS))

    def __post_init__(self) -> None:
        # colours end up in DOCX run properties and HTML style attributes
        for colour in list(self.round_colours.values()) + list(self.party_colours.values()):
            if not _is_rgb(colour):
                raise ValueError(f"colour {colour!r} is not RRGGBB")

    def continuing(self, colours: Dict[Tuple[Optional[str], str], str]) -> "ColourKey":
        """This key with the colours a continued redline already gave its rounds; the
        key's own colours win, and new rounds take colours neither uses."""
        if not colours:
            return self
        merged: Dict[Tuple[Optional[str], Optional[str]], str] = {
            k: c.upper() for k, c in colours.items()}
        merged.update(self.round_colours)
        return ColourKey(self.convention, merged, dict(self.party_colours))

    def colour(self, rounds: Sequence[Proposal], k: int) -> Optional[str]:
        """Colour of round k (1-based); None for the base text of by-round."""
        p = rounds[k - 1]
        explicit = self.round_colours.get((p.party, (p.date or "")[:10]))
        if explicit:
            return explicit.upper()
        if self.convention == "by-party":
            return self.party_colours.get(p.party or "", AGREED_COLOUR)
        if k == 1:
            return None
        used = {c.upper() for c in self.round_colours.values()}
        free = [c for c in _palette() if c not in used]
        return free[(k - 2) % len(free)] if free else round_colour(k)


def _palette() -> List[str]:
    from .palette import ROUND_COLOURS

    return list(ROUND_COLOURS)


def load_key(path: str) -> ColourKey:
    """A TOML colour key: ``[[round]] party, date, label, color`` and ``[parties]``, checked
    against its schema (:mod:`redline.render.key_file`: every problem, one line each)."""
    from .key_file import read_key_file

    spec = read_key_file(path)
    rounds: Dict[Tuple[Optional[str], Optional[str]], str] = {
        (party, date): colour for party, date, colour in spec.rounds}
    parties = dict(PARTY_COLOURS)
    parties.update(dict(spec.parties))
    return ColourKey(spec.convention, rounds, parties)


def _is_rgb(colour: str) -> bool:
    return len(colour) == 6 and all(c in "0123456789abcdefABCDEF" for c in colour)


def _css_colour(colour: Optional[str]) -> str:
    """A colour for a style attribute: ``#RRGGBB`` or black, never text from elsewhere."""
    return f"#{colour.upper()}" if colour and _is_rgb(colour) else "#000000"


def _answered(h: History, rnd: int) -> bool:
    """Whether the other party has put a counter on the table since round ``rnd``: language
    it let stand is then agreed language (the by-party convention)."""
    party = h.rounds[rnd - 1].party
    return any(p.party != party for p in h.rounds[rnd:])


def _runs(mc: MarkedClause, h: History, key: ColourKey) -> List[List[MarkedRun]]:
    if key.convention == "by-party":
        return _runs_by_party(mc, h, key)
    lines: List[List[MarkedRun]] = [[]]
    for p in mc.pieces:
        if p.text == "\n":
            lines.append([])
            continue
        if p.dele is not None:
            # struck text in the striking round's colour; underlined too when a round had
            # inserted it
            run = MarkedRun(p.text, key.colour(h.rounds, p.dele) or "000000",
                            underline=p.ins > 1, strike=True)
        elif p.ins > 1:
            run = MarkedRun(p.text, key.colour(h.rounds, p.ins), underline=True)
        else:
            run = MarkedRun(p.text)
        lines[-1].append(run)
    return _bold_heading(mc, lines)


def _runs_by_party(mc: MarkedClause, h: History, key: ColourKey) -> List[List[MarkedRun]]:
    """One colour per party; language the other side has let stand in the agreed colour;
    only the latest round's changes underlined; struck text in the colour of the party that
    had proposed it."""
    latest = len(h.rounds)
    lines: List[List[MarkedRun]] = [[]]
    for p in mc.pieces:
        if p.text == "\n":
            lines.append([])
            continue
        proposer = key.party_colours.get(h.rounds[p.ins - 1].party or "", AGREED_COLOUR)
        if p.dele is not None:
            run = MarkedRun(p.text, proposer, underline=p.dele == latest, strike=True)
        elif p.ins == 1 or _answered(h, p.ins):
            run = MarkedRun(p.text, AGREED_COLOUR if p.ins > 1 else None)
        else:
            run = MarkedRun(p.text, proposer, underline=p.ins == latest)
        lines[-1].append(run)
    return _bold_heading(mc, lines)


def _bold_heading(mc: MarkedClause, lines: List[List[MarkedRun]]) -> List[List[MarkedRun]]:
    if mc.heading and lines and lines[0]:
        lines[0] = [MarkedRun(r.text, r.colour, r.underline, r.strike, bold=True)
                    for r in lines[0]]
    return lines


def _key_lines(h: History, key: ColourKey) -> List[KeyLine]:
    out = []
    for k, p in enumerate(h.rounds, start=1):
        colour = key.colour(h.rounds, k)
        # every entry names its ink, the base round's black too
        out.append(KeyLine(colour, format_key_entry(colour, format_proposal_line(p))))
    if key.convention == "by-party":
        # language the other side let stand is drawn in the agreed colour: say so
        out.append(KeyLine(AGREED_COLOUR, format_key_entry(AGREED_COLOUR, AGREED_LABEL)))
    return out


#: The by-party key's entry for language both sides have let stand.
AGREED_LABEL = "Agreed Language"


def history_paragraphs(h: History, key: ColourKey) -> List[MarkedParagraph]:
    paras: List[MarkedParagraph] = []
    for art in h.articles:
        if art.title:
            paras.append(MarkedParagraph((MarkedRun(printed_title(h, art.title), bold=True),),
                                         centered=True))
        for mc in art.clauses:
            for line in _runs(mc, h, key):
                if any(r.text.strip() for r in line):
                    paras.append(MarkedParagraph(tuple(merge_runs(line)), level=mc.level,
                                                 bullet=mc.list == "bullet"))
            for k, (note, rnd) in enumerate(mc.notes):
                paras.append(MarkedParagraph((_note_run(note.text, rnd, mc.notes_struck.get(k),
                                                        h, key),), level=mc.level))
    return paras


def printed_title(h: History, title: str) -> str:
    """An article's title as the newest round holding it prints it ("ARTICLE 12 - SICK
    LEAVE"), number and all; the bare title when no round prints more."""
    key = " ".join(title.upper().split())
    for doc in reversed(h.documents):
        for art in doc.latest().articles:
            if art.key == key:
                printed = " ".join("".join(s.text for s in art.title_spans).split())
                if printed and key in printed.upper():
                    return printed
    return title


def _note_run(text: str, rnd: int, struck: Optional[int], h: History,
              key: ColourKey) -> MarkedRun:
    """A position note drawn as the words are: in italics, in its round's colour; once a
    later round dropped it, struck through in that round's colour (by-party: the colour of
    the party that wrote it), so that reading the redline back puts it in the rounds that
    held it."""
    if key.convention == "by-party":
        colour = key.party_colours.get(h.rounds[rnd - 1].party or "", AGREED_COLOUR)
        return MarkedRun(text, colour, strike=struck is not None, italic=True)
    if struck is not None:
        return MarkedRun(text, key.colour(h.rounds, struck) or BASE_INK, strike=True,
                         italic=True)
    return MarkedRun(text, key.colour(h.rounds, rnd) or BASE_INK, italic=True)


def history_properties(h: History):
    """What a written history says about itself: its articles, the newest round."""
    from .properties import proposal_properties

    titles = ", ".join(a.title for a in h.articles if a.title) or "Proposal"
    return proposal_properties(f"{titles} - colour-keyed redline", h.rounds,
                               "cumulative colour-keyed redline")


def render_history_docx(h: History, key: ColourKey) -> bytes:
    from .properties import stamp_docx

    headers = [format_proposal_line(p) for p in reversed(h.rounds)]
    base = h.documents[-1] if h.documents else None
    return stamp_docx(write_docx(history_paragraphs(h, key), headers, _key_lines(h, key),
                                 base=base), history_properties(h))


def render_history_html(h: History, key: ColourKey, running: bool = False) -> str:
    """The history as one page (:func:`marked_sheet`): the proposal lines newest first and
    the colour key above the marked text, repeated on every printed page."""
    props = history_properties(h)
    return marked_sheet([format_proposal_line(p) for p in reversed(h.rounds)], _key_lines(h, key),
                        history_paragraphs(h, key), props, running)


def marked_sheet(headers: Sequence[str], key: Sequence[KeyLine],
                 paragraphs: Sequence[MarkedParagraph], props, running: bool = False) -> str:
    """Colour-keyed text as one HTML page, the form a PDF is printed from; the runs keep
    their inks, strike and underline as the DOCX draws them.  The proposal lines and the
    colour key head every printed page, as negotiators expect: in a table head, which
    browsers repeat on every page, or with ``running`` (for WeasyPrint) in the page's top
    margin, where a reader finds a page header as it finds a DOCX's printed by Word."""
    from .html import page

    head = [f'<div class="proposal">{escape(line)}</div>' for line in headers]
    # the key as the DOCX header prints it: its label, the entries packed on lines between
    # entries (each whole: "Blue - Union Counter Proposal 03/07/2024") and set apart by
    # the same run of spaces, each in its ink
    sep = f'<span class="sep">{KEY_SEPARATOR}</span>'
    for k, line in enumerate(key_lines(list(key))):
        entries = sep.join(f'<span class="key" style="color:'
                           f'{_css_colour(e.colour or BASE_INK)}">{escape(e.text)}</span>'
                           for e in line)
        head.append(f'<div class="keys">{escape(KEY_LABEL) if k == 0 else ""}{entries}</div>')
    parts: List[str] = []
    for para in paragraphs:
        body = []
        for r in para.runs:
            style = []
            if r.colour:
                style.append(f"color:{_css_colour(r.colour)}")
            deco = " ".join(d for d, on in (("underline", r.underline),
                                            ("line-through", r.strike)) if on)
            if deco:
                style.append(f"text-decoration:{deco}")
            if r.bold:
                style.append("font-weight:bold")
            if r.italic:
                style.append("font-style:italic")
            tag = "del" if r.strike else "ins" if r.underline else "span"
            body.append(f'<{tag} style="{";".join(style)}">{escape(r.text)}</{tag}>')
        body_html = "".join(body)
        if para.centered:
            parts.append(f'<p class="title">{body_html}</p>')
        elif para.bullet:
            parts.append(f'<ul style="margin:0 0 0 {INDENT_PT * para.level}pt"><li>'
                         f'{body_html}</li></ul>')
        elif para.level > 0:
            parts.append(f'<p style="margin-left:{INDENT_PT * para.level}pt">{body_html}</p>')
        else:
            parts.append(f"<p>{body_html}</p>")
    layout = ('<style>table.sheet{border-collapse:collapse;width:100%}'
              # the DOCX header's size (HEADER_FONT_PT) and spacing: six rounds in ~12% of
              # a page
              f'table.sheet>thead td{{font-size:{HEADER_FONT_PT}pt;line-height:1.2;'
              'padding-bottom:1em;text-align:left;color:#000}'
              'span.key,div.proposal,div.keys{white-space:nowrap}span.sep{white-space:pre}'
              'p.title{text-align:center;font-weight:bold}'
              'ins,del{text-decoration-thickness:1px}</style>')
    if running:
        # the header's own height decides the top margin: 8 pt lines, 1.2 apart
        top = 36 + (len(head) + 1) * HEADER_FONT_PT * 1.2
        layout = layout.replace('</style>', (
            'div.runhead{position:running(runhead);font-size:%dpt;line-height:1.2;color:#000}'
            '@page{margin-top:%.0fpt;@top-left{content:element(runhead);vertical-align:bottom;'
            'width:100%%;padding-bottom:8pt}}</style>') % (HEADER_FONT_PT, top))
        sheet = (f'{layout}<div class="runhead">{"".join(head)}</div>'
                 f'<div class="sheet">{"".join(parts)}</div>')
    else:
        sheet = (f'{layout}<table class="sheet"><thead><tr><td>{"".join(head)}</td></tr>'
                 f'</thead><tbody><tr><td>{"".join(parts)}</td></tr></tbody></table>')
    return page(props.title, sheet, props)


def render_history_json(h: History, key: ColourKey) -> str:
    data = {
        "rounds": [{**p.to_dict(), "round": k, "color": key.colour(h.rounds, k)}
                   for k, p in enumerate(h.rounds, start=1)],
        "clauses": blame(h, words=True),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def history_changes(h: History) -> int:
    """How many changes the history draws: marked spans (each run of words one round
    inserted or struck) and the position notes of rounds after the first."""
    spans = sum(1 for clause in blame(h) for s in clause["spans"]
                if s["introduced_round"] > 1 or "struck_round" in s)
    notes = sum(1 for art in h.articles for mc in art.clauses
                for k, (_, rnd) in enumerate(mc.notes) if rnd > 1 or k in mc.notes_struck)
    return spans + notes


def _when(p: Proposal) -> str:
    return (p.date or "undated").replace("T", " ")


def render_history_text(h: History, key: ColourKey, width: int = 100) -> str:
    """A one-screen summary: the rounds with their inks, then each clause a round after the
    first changed, with who changed it."""
    from ..conventions.colours import colour_name

    lines = [f"rounds: {len(h.rounds)}"]
    for k, p in enumerate(h.rounds, start=1):
        colour = key.colour(h.rounds, k)
        ink = colour_name(colour) if colour else "Black"
        lines.append(f"  {k}  {ink} - {format_proposal_line(p)}  ({p.party or '?'} {_when(p)})")
    words = [0, 0]
    for art in h.articles:
        for mc in art.clauses:
            for piece in mc.pieces:
                if piece.text.strip():
                    words[0] += piece.ins > 1
                    words[1] += piece.dele is not None
    lines.append(f"changes: {history_changes(h)}  (+{words[0]} / -{words[1]} words)")
    for clause in blame(h):
        rounds = sorted({r for s in clause["spans"]
                         for r in (s["introduced_round"], s.get("struck_round"))
                         if r and r > 1})
        if not rounds:
            continue
        if clause["deleted"]:
            what = "struck"
        elif all(s["introduced_round"] > 1 for s in clause["spans"]) and \
                len({s["introduced_round"] for s in clause["spans"]}) == 1:
            what = "inserted"
        else:
            what = "changed"
        who = ", ".join(f"{h.rounds[r - 1].party or '?'} {_when(h.rounds[r - 1])}"
                        for r in rounds)
        text = f"  {clause['number'] or '(unnumbered)'}  {what}: {who}"
        lines.append(text if len(text) <= width else text[: width - 1] + "…")
    return "\n".join(lines) + "\n"


def render_history(h: History, key: ColourKey, fmt: str) -> Union[str, bytes]:
    """The history in one output format: docx, html, pdf, json or text (a summary).  Rounds
    a continued redline had already drawn keep their colours (``ColourKey.continuing``)."""
    from .formats import HISTORY_FORMATS, check_format

    check_format(fmt, HISTORY_FORMATS, "a history")
    key = key.continuing(h.colours)
    if fmt == "docx":
        return render_history_docx(h, key)
    if fmt == "html":
        return render_history_html(h, key)
    if fmt == "pdf":
        from .pdf import document_pdf

        return document_pdf(lambda: render_history_docx(h, key),
                            lambda engine: render_history_html(h, key, engine == "weasyprint"),
                            history_properties(h))
    if fmt == "text":
        return render_history_text(h, key)
    return render_history_json(h, key)


def colour_key(key_file: Optional[str], convention: Optional[str]) -> ColourKey:
    """The key from a TOML file (or the defaults), with the convention overridden if given."""
    from dataclasses import replace

    key = load_key(key_file) if key_file else ColourKey()
    return replace(key, convention=convention) if convention else key
