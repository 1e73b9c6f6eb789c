"""Terms changes as text, markdown, JSON and an HTML fragment (the page around it is the
renderer's: :func:`redline.render.html.page`)."""
from __future__ import annotations

import json
from html import escape
from typing import List, Optional, Sequence

from ..model import Document, Proposal
from .compare import TermChange, TermThread, proposal_short, term_label
from .extract import Term

FORMATS = ("text", "json", "markdown", "html")


def _who(p: Proposal) -> str:
    return " ".join(x for x in (p.party or "", (p.date or "").replace("T", " ")) if x)


def _version(doc: Document) -> str:
    p = doc.proposal
    return f"{doc.source or '?'}  ({p.label or p.party or '?'} {p.date or ''})".rstrip()


def change_line(c: TermChange) -> str:
    """``X.4 Verification: 15 -> 10 consecutive work days  (District 2024-03-21)``"""
    who = _who(c.proposal)
    tail = f"  ({who})" if who else ""
    status = "" if c.status == "changed" else f" [{c.status}]"
    return f"{c.describe()}{status}{tail}"


def summary_section(changes: Sequence[TermChange], indent: str = "  ") -> List[str]:
    """The "terms changed" lines of a comparison's summary (nothing when no term changed)."""
    if not changes:
        return []
    return [f"terms changed: {len(changes)}"] + [
        indent + f"{c.describe()}{'' if c.status == 'changed' else f' [{c.status}]'}"
        for c in changes]


def changes_text(changes: Sequence[TermChange], old: Optional[Document] = None,
                 new: Optional[Document] = None) -> str:
    lines = []
    if old is not None and new is not None:
        lines += [f"old: {_version(old)}", f"new: {_version(new)}"]
    lines.append(f"terms changed: {len(changes)}" if changes else "terms changed: none")
    lines += ["  " + change_line(c) for c in changes]
    return "\n".join(lines) + "\n"


def changes_json(changes: Sequence[TermChange], old: Optional[Document] = None,
                 new: Optional[Document] = None) -> str:
    data = {"old": _doc_dict(old), "new": _doc_dict(new),
            "changes": [c.to_dict() for c in changes]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _doc_dict(doc: Optional[Document]) -> Optional[dict]:
    if doc is None:
        return None
    return {**doc.proposal.to_dict(), "source": doc.source}


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def changes_markdown(changes: Sequence[TermChange], old: Optional[Document] = None,
                     new: Optional[Document] = None) -> str:
    lines = ["# Terms changed", ""]
    if old is not None and new is not None:
        lines += [f"From `{_md(old.source)}` to `{_md(new.source)}`"
                  f" ({_md(_who(new.proposal)) or 'new version'}).", ""]
    if not changes:
        return "\n".join(lines + ["No term changed.", ""])
    lines += ["| Clause | Old | New | Unit | Status | Proposed by |",
              "|---|---|---|---|---|---|"]
    for c in changes:
        lines.append(f"| {_md(term_label(c.term))} | {_md(c.old.show() if c.old else '')} | "
                     f"{_md(c.new.show() if c.new else '')} | {_md(c.unit)} | {c.status} | "
                     f"{_md(_who(c.proposal))} |")
    return "\n".join(lines) + "\n"


def changes_html(changes: Sequence[TermChange], title: str = "Terms changed") -> str:
    """An HTML ``<section>`` with a table of the changes; every text escaped."""
    if not changes:
        return ""
    rows = "".join(
        f"<tr class=\"{escape(c.status)}\"><td>{escape(term_label(c.term))}</td>"
        f"<td>{escape(c.old.show() if c.old else '')}</td>"
        f"<td>{escape(c.new.show() if c.new else '')}</td><td>{escape(c.unit)}</td>"
        f"<td>{escape(c.status)}</td><td>{escape(_who(c.proposal))}</td></tr>"
        for c in changes)
    return (f'<section class="terms" id="terms"><h2>{escape(title)}</h2>'
            '<table class="summary"><tr><th>Clause</th><th>Old</th><th>New</th><th>Unit</th>'
            f"<th>Status</th><th>Proposed by</th></tr>{rows}</table></section>")


def history_text(threads: Sequence[TermThread], docs: Sequence[Document] = ()) -> str:
    lines = ["rounds: " + ", ".join(proposal_short(d.proposal) for d in docs)] if docs \
        else []
    lines.append(f"terms changed: {len(threads)}" if threads else "terms changed: none")
    lines += ["  " + t.describe() for t in threads]
    return "\n".join(lines) + "\n"


def history_json(threads: Sequence[TermThread], docs: Sequence[Document] = ()) -> str:
    data = {"rounds": [{**d.proposal.to_dict(), "source": d.source} for d in docs],
            "terms": [t.to_dict() for t in threads]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _round_heads(threads: Sequence[TermThread]) -> List[Proposal]:
    return list(threads[0].proposals) if threads else []


def history_markdown(threads: Sequence[TermThread], docs: Sequence[Document] = ()) -> str:
    heads = [d.proposal for d in docs] or _round_heads(threads)
    lines = ["# Terms through the rounds", ""]
    if not threads:
        return "\n".join(lines + ["No term changed.", ""])
    lines.append("| Clause | " + " | ".join(_md(proposal_short(p)) for p in heads) +
                 " | Unit |")
    lines.append("|---|" + "---|" * len(heads) + "---|")
    for t in threads:
        cells = [_md(s.show()) if s else "" for s in t.steps]
        lines.append(f"| {_md(term_label(t.term))} | " + " | ".join(cells) +
                     f" | {_md(t.term.unit_text or t.term.unit)} |")
    return "\n".join(lines) + "\n"


def history_html(threads: Sequence[TermThread], docs: Sequence[Document] = ()) -> str:
    heads = [d.proposal for d in docs] or _round_heads(threads)
    if not threads:
        return "<p>No term changed.</p>"
    head = "".join(f"<th>{escape(proposal_short(p))}</th>" for p in heads)
    rows = "".join(
        f"<tr><td>{escape(term_label(t.term))}</td>" +
        "".join(f"<td>{escape(s.show()) if s else ''}</td>" for s in t.steps) +
        f"<td>{escape(t.term.unit_text or t.term.unit)}</td></tr>" for t in threads)
    return (f'<section class="terms" id="terms"><h2>Terms through the rounds</h2>'
            f'<table class="summary"><tr><th>Clause</th>{head}<th>Unit</th></tr>{rows}'
            "</table></section>")


def comparison_summary(result) -> List[str]:
    """The "terms changed" section of ``compare``'s terminal summary."""
    from .compare import terms_of_comparison

    return summary_section(terms_of_comparison(result))


def comparison_html(result) -> str:
    """The "terms changed" section of ``compare``'s HTML page ("" when none changed)."""
    from .compare import terms_of_comparison

    return changes_html(terms_of_comparison(result))


def _unit(t: Term) -> str:
    return " ".join((t.unit_text or t.unit).split()).rstrip("'’")


def terms_text(terms: Sequence[Term], doc: Optional[Document] = None) -> str:
    """Every term of one version, one a line: ``X.4 Verification: 10 consecutive work
    days``."""
    lines = [f"terms of {_version(doc)}"] if doc is not None else []
    lines.append(f"terms: {len(terms)}" if terms else "terms: none")
    lines += [f"  {term_label(t)}: {t.show()}{' ' + _unit(t) if _unit(t) and t.unit != '%' else ''}"
              for t in terms]
    return "\n".join(lines) + "\n"


def terms_json(terms: Sequence[Term], doc: Optional[Document] = None) -> str:
    data = {"document": _doc_dict(doc), "terms": [t.to_dict() for t in terms]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def terms_markdown(terms: Sequence[Term], doc: Optional[Document] = None) -> str:
    lines = ["# Terms", ""]
    if doc is not None:
        lines += [f"Of `{_md(doc.source)}` ({_md(_who(doc.proposal)) or 'one version'}).", ""]
    if not terms:
        return "\n".join(lines + ["No terms.", ""])
    lines += ["| Clause | Term | Value | Unit | As printed |", "|---|---|---|---|---|"]
    for t in terms:
        lines.append(f"| {_md(term_label(t))} | {t.kind} | {_md(t.show())} | {_md(_unit(t))} "
                     f"| {_md(t.text)} |")
    return "\n".join(lines) + "\n"


def terms_html(terms: Sequence[Term]) -> str:
    if not terms:
        return "<p>No terms.</p>"
    rows = "".join(f"<tr><td>{escape(term_label(t))}</td><td>{escape(t.kind)}</td>"
                   f"<td>{escape(t.show())}</td><td>{escape(_unit(t))}</td>"
                   f"<td>{escape(t.text)}</td></tr>" for t in terms)
    return ('<section class="terms" id="terms"><h2>Terms</h2><table class="summary"><tr>'
            "<th>Clause</th><th>Term</th><th>Value</th><th>Unit</th><th>As printed</th></tr>"
            f"{rows}</table></section>")
