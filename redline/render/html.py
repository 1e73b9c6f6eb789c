"""Self-contained HTML: inline CSS, no scripts, no network, a restrictive CSP.

Every piece of document text goes through :func:`html.escape`; nothing from a document is
ever placed in an attribute unescaped or run.
"""
from __future__ import annotations

from html import escape
from typing import Iterable, List, Optional, Sequence, Tuple

from ..align.result import STATUSES, Comparison
from ..align.words import DELETE, INSERT

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
       "base-uri 'none'; form-action 'none'")

_CSS = """
@page{size:letter;margin:.8in .9in 1in;@bottom-right{content:"Page " counter(page) " of "
counter(pages);font-family:Georgia,'Times New Roman',serif;font-size:8pt;color:#000;
vertical-align:bottom;padding-bottom:.3in}}
body{font-family:Georgia,'Times New Roman',serif;max-width:60em;margin:2em auto;padding:0 1em;
color:#111;line-height:1.45}
@media print{body{max-width:none;margin:0;padding:0}}
header.key{border:1px solid #ccc;padding:.5em 1em;margin-bottom:1em;font-size:.9em}
header.key span.entry{margin-right:1.5em;white-space:nowrap}
nav{font-size:.9em;margin-bottom:1em}
nav a{margin-right:1em}
table.summary{border-collapse:collapse;margin:1em 0}
table.summary td,table.summary th{border:1px solid #ccc;padding:.2em .6em;text-align:left}
section.article h2{font-size:1.2em;margin-top:2em}
div.clause{margin:.6em 0 .6em calc(var(--level,0)*1.5em);padding-left:.5em;
border-left:3px solid transparent}
div.clause.changed,div.clause.renumbered,div.clause.moved,div.clause.split,
div.clause.merged{border-left-color:#999}
div.clause.inserted{border-left-color:#0a0}
div.clause.deleted{border-left-color:#c00}
span.status{font:italic .75em sans-serif;color:#666;margin-left:.5em}
ins{text-decoration:underline}
del{text-decoration:line-through}
p.note{font-style:italic;margin:.2em 0 .2em 1em}
table.clause-table{border-collapse:collapse;margin:.4em 0}
table.clause-table td{border:1px solid #bbb;padding:.2em .5em}
.meta{color:#555;font-size:.9em}
"""


def page(title: str, body: str, props=None) -> str:
    """One self-contained page; ``props`` (:class:`~redline.render.properties.
    DocumentProperties`) adds the author, subject and description as ``<meta>`` tags."""
    from .properties import html_meta

    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
            "<meta name=\"referrer\" content=\"no-referrer\">"
            f"{html_meta(props) if props is not None else ''}"
            f"<title>{escape(title)}</title><style>{_CSS}</style></head>"
            f"<body>{body}</body></html>\n")


def _safe_colour(colour: Optional[str], default: str) -> str:
    c = (colour or "").strip().lstrip("#")
    if len(c) == 6 and all(ch in "0123456789abcdefABCDEF" for ch in c):
        return "#" + c.upper()
    return default


def marked(ops: Iterable[Tuple[str, str]], ins_colour: Optional[str] = None,
           del_colour: Optional[str] = None) -> str:
    """Word ops as HTML with ``<ins>``/``<del>`` in the given colours."""
    out: List[str] = []
    ic = _safe_colour(ins_colour, "#0000FF")
    dc = _safe_colour(del_colour or ins_colour, "#C00000")
    for op, text in ops:
        t = escape(text).replace("\n", "<br>")
        if op == INSERT:
            out.append(f'<ins style="color:{ic}">{t}</ins>')
        elif op == DELETE:
            out.append(f'<del style="color:{dc}">{t}</del>')
        else:
            out.append(t)
    return "".join(out)


def legend_html(entries: Sequence[Tuple[Optional[str], str]]) -> str:
    items = "".join(
        f'<span class="entry" style="color:{_safe_colour(c, "#000000")}">{escape(t)}</span>'
        for c, t in entries)
    return f'<header class="key"><strong>Colour key:</strong> {items}</header>'


def _note_html(text: str, state: str, colour: str) -> str:
    """A position note as the colour DOCX draws it: struck in the changes' colour when the
    new version dropped it, in that colour when it added it, black when both hold it."""
    from .docx_colour import NOTE_ADDED, NOTE_STRUCK

    body = escape(text)
    ink = _safe_colour(colour, "#0000FF")
    if state == NOTE_STRUCK:
        body = f'<del style="color:{ink}">{body}</del>'
    elif state == NOTE_ADDED:
        body = f'<span style="color:{ink}">{body}</span>'
    return f'<p class="note">{body}</p>'


def _anchor(i: int) -> str:
    return f"article-{i}"


def render_comparison_html(result: Comparison, colour: Optional[str] = None) -> str:
    """A comparison as one HTML page: colour key, summary, articles with their clauses."""
    from .docx_colour import note_states
    from .palette import party_colour

    author = result.author
    colour = colour or party_colour(author.party)
    o, n = result.old.proposal, result.new.proposal
    parts: List[str] = []
    title = f"Changes: {o.label or result.old.source} → {n.label or result.new.source}"
    parts.append(f"<h1>{escape(title)}</h1>")
    parts.append(legend_html([
        (None, f"Base: {o.label or 'old version'} {o.date or ''}".strip()),
        (colour, f"{author.party or 'Changes'}: {n.label or 'new version'} "
                 f"{author.date or ''}".strip())]))
    st = result.stats()
    rows = "".join(f"<tr><th>{escape(s)}</th><td>{st[s]}</td></tr>" for s in STATUSES)
    rows += (f"<tr><th>words inserted</th><td>{st['words_inserted']}</td></tr>"
             f"<tr><th>words deleted</th><td>{st['words_deleted']}</td></tr>")
    if result.footnotes:
        rows += f"<tr><th>footnotes changed</th><td>{st['footnotes_changed']}</td></tr>"
    parts.append(f'<table class="summary" id="summary">{rows}</table>')
    from ..terms.report import comparison_html

    parts.append(comparison_html(result))  # the "terms changed" table, when any changed
    titles: List[str] = []
    for c in result.changes:
        if c.article not in titles:
            titles.append(c.article)
    if len(titles) > 1:
        parts.append("<nav>" + "".join(
            f'<a href="#{_anchor(i)}">{escape(t or "(untitled)")}</a>'
            for i, t in enumerate(titles)) + "</nav>")
    for i, t in enumerate(titles):
        parts.append(f'<section class="article" id="{_anchor(i)}"><h2>{escape(t)}</h2>')
        for c in result.changes:
            if c.article != t:
                continue
            clause = c.new if c.new is not None else c.old
            level = clause.level if clause is not None else 0
            body = marked(c.ops, colour, colour)
            status = "" if c.status == "unchanged" else \
                f'<span class="status">{escape(c.status)}</span>'
            notes = "".join(_note_html(text, state, colour) for text, state in note_states(c))
            parts.append(f'<div class="clause {escape(c.status)}" style="--level:{int(level)}">'
                         f"{body}{status}{notes}</div>")
        parts.append("</section>")
    if result.footnotes:
        parts.append('<section class="article" id="footnotes"><h2>Footnotes and endnotes</h2>')
        for f in result.footnotes:
            label = f"{f.kind} {f.new_number or f.old_number}"
            parts.append(f'<div class="clause {escape(f.status)}"><b>{escape(label)}</b> '
                         f"{marked(f.ops, colour, colour)}"
                         f'<span class="status">{escape(f.status)}</span></div>')
        parts.append("</section>")
    return page(title, "\n".join(parts), comparison_properties(result))


def comparison_properties(result: Comparison):
    """What a written comparison says about itself: its articles, the newer version."""
    from .properties import proposal_properties

    titles = ", ".join(dict.fromkeys(c.article for c in result.changes if c.article))
    return proposal_properties(f"{titles or 'Proposal'} - changes",
                               [result.old.proposal, result.author], "changes between two "
                               "versions")
