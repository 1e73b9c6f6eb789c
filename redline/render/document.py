"""A parsed document as JSON (the contract automation relies on), text and markdown.

The JSON schema is documented in ``docs/json.md``.
"""
from __future__ import annotations

from typing import List, Sequence, Tuple

from ..model import (DEFAULT_RUNNING_PAGES, DEL, INS, Article, Clause, Document, PrintedLine,
                     Span)
from ..conventions.numbering import roman


def clause_to_dict(clause: Clause) -> dict:
    return {
        "number": clause.number,
        "heading": clause.heading,
        "text": clause.text,
        "level": clause.level,
        "kind": clause.kind,
        "prefix": clause.prefix,
        "list": clause.list,
        "notes": [n.to_dict() for n in clause.notes],
        "spans": [s.to_dict() for s in clause.spans],
        "table": [list(r) for r in clause.table] if clause.table is not None else None,
    }


def article_to_dict(article: Article) -> dict:
    return {"title": article.title, "number": article.number,
            "clauses": [clause_to_dict(c) for c in article.clauses]}


def document_to_dict(doc: Document) -> dict:
    out = {
        "source": doc.source,
        "format": doc.format,
        "proposal": doc.proposal.to_dict() if doc.proposal.known else None,
        "legend": [e.to_dict() for e in doc.legend],
        "articles": [article_to_dict(a) for a in doc.articles],
        "rounds": [
            {**r.proposal.to_dict(), "color": r.color,
             "articles": [{"title": a.title, "clauses": [
                 {"number": c.number, "heading": c.heading, "text": c.text}
                 for c in a.clauses]} for a in r.articles]}
            for r in doc.rounds],
        "footnotes": [n.to_dict() for n in doc.footnotes],
        "furniture": [ln.to_dict() for ln in doc.furniture],
        "warnings": list(doc.warnings),
    }
    return out


def _marked(spans: List[Span], style: str) -> str:
    out = []
    for s in spans:
        if s.kind == DEL:
            out.append(f"~~{s.text}~~" if style == "markdown" else f"[-{s.text}-]")
        elif s.kind == INS:
            out.append(f"<u>{s.text}</u>" if style == "markdown" else f"{{+{s.text}+}}")
        else:
            out.append(s.text)
    return "".join(out)


def page_range(pages: Sequence[int]) -> str:
    """``(1, 2, 3, 5)`` -> ``pages 1-3, 5``; ``(4,)`` -> ``page 4``."""
    parts: List[str] = []
    start = prev = None
    for pg in list(pages) + [None]:  # type: ignore[list-item]
        if pg is not None and prev is not None and pg == prev + 1:
            prev = pg
            continue
        if start is not None:
            parts.append(str(start) if start == prev else f"{start}-{prev}")
        start = prev = pg
    return ("pages " if len(pages) > 1 else "page ") + ", ".join(parts)


def furniture_lines(furniture: Sequence[PrintedLine]) -> List[Tuple[str, str, str]]:
    """(where, pages, text) to print for each furniture line: a running line once, with
    its pages (and its last page's text where only the digits change); a line on one or
    two pages once for each."""
    out: List[Tuple[int, bool, str, str, str]] = []
    for ln in furniture:
        footer = ln.where != "header"
        if not ln.pages:
            out.append((0, footer, ln.where, "", ln.text))
        elif len(ln.pages) >= DEFAULT_RUNNING_PAGES:
            text = f"{ln.text} \u2026 {ln.last}" if ln.last and ln.last != ln.text else ln.text
            out.append((ln.pages[0], footer, ln.where, page_range(ln.pages), text))
        else:
            out.extend((pg, footer, ln.where, page_range([pg]), ln.text) for pg in ln.pages)
    # page by page, the header before the footer, each page's lines in the order printed
    out.sort(key=lambda e: (e[0], e[1]))
    return [e[2:] for e in out]


def document_to_text(doc: Document, style: str = "text") -> str:
    """One block per clause; insertions ``{+...+}``, deletions ``[-...-]`` (markdown: u/~~)."""
    md = style == "markdown"
    lines: List[str] = []
    p = doc.proposal
    if p.known:
        lines.append(f"{'**' if md else ''}{p.label or 'Proposal'} — {p.party or '?'}, "
                     f"{p.date or 'undated'}{'**' if md else ''}")
        printed = " ".join(p.text.split())
        if printed and printed not in {ln.text for ln in doc.furniture}:
            # read from the body (a cover block): said as printed too
            lines.append(f"Proposal line: {printed}")
    if doc.legend:
        lines.append("Colour key: " + "; ".join(
            f"{e.color or 'black'} = {e.party} {e.date}" for e in doc.legend))
    for line in doc.header_text:  # a title printed in the header: text of the document
        lines.append(f"Page header: {line}")
    for art in doc.articles:
        lines.append("")
        head = f"ARTICLE {art.number} - {art.title}" if art.number else art.title
        lines.append(f"## {head}" if md else head.upper())
        for c in art.clauses:
            lines.append("")
            indent = "" if md else "  " * c.level
            if c.has_marks:
                body = _marked(list(c.spans), style)
                # a marked clause's table is printed too, cell by cell with its marks
                rows = [" | ".join(_marked(list(cell), style) for cell in row)
                        for row in (c.table_spans or ())]
                body = "\n".join([body] + rows).strip("\n")
            else:
                body = c.full_text
            for i, line in enumerate(body.split("\n")):
                lines.append(f"{indent}{line}")
            for n in c.notes:
                lines.append(f"{indent}{'> ' if md else '  note: '}{'*' if md else ''}"
                             f"{n.text}{'*' if md else ''}")
    if doc.footnotes:
        lines.append("")
        lines.append("## Notes" if md else "NOTES")
        for fn in doc.footnotes:
            mark = fn.number if fn.kind == "footnote" else roman(fn.number)  # Word's default
            lines.append(f"{'[^' + str(mark) + ']:' if md else '  [' + str(mark) + ']'} "
                         f"{fn.text}")
    if doc.conventions.left_out:
        # body text kept out of the clauses on purpose (a cover, the proposal line, a
        # reservation of rights typed in the body): said as printed
        lines.append("")
        lines.append("## Outside the clauses" if md else "OUTSIDE THE CLAUSES")
        lines.extend(f"{'- ' if md else '  '}{text}" for text in doc.conventions.left_out)
    if doc.furniture:
        lines.append("")
        lines.append("## Page furniture" if md else "PAGE FURNITURE")
        for where, pages, text in furniture_lines(doc.furniture):
            lines.append(f"{'- ' if md else '  '}{where}{', ' + pages if pages else ''}: {text}")
    # warnings are not part of the document: the reader logs them (stderr on the command
    # line) and the JSON form carries them as data
    return "\n".join(lines).lstrip("\n") + "\n"
