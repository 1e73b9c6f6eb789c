"""A parsed document as JSON (the contract automation relies on), text and markdown.

The JSON schema is documented in ``docs/json.md``.
"""
from __future__ import annotations

from typing import List

from ..model import DEL, INS, Article, Clause, Document, Span
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


def document_to_text(doc: Document, style: str = "text") -> str:
    """One block per clause; insertions ``{+...+}``, deletions ``[-...-]`` (markdown: u/~~)."""
    md = style == "markdown"
    lines: List[str] = []
    p = doc.proposal
    if p.known:
        lines.append(f"{'**' if md else ''}{p.label or 'Proposal'} — {p.party or '?'}, "
                     f"{p.date or 'undated'}{'**' if md else ''}")
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
    # warnings are not part of the document: the reader logs them (stderr on the command
    # line) and the JSON form carries them as data
    return "\n".join(lines).lstrip("\n") + "\n"
