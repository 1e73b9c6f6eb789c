"""What a comparison produces: clause changes with word operations, and their statistics."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from ..model import Clause, Document, Proposal
from .words import DELETE, INSERT, Op

STATUSES = ("unchanged", "changed", "renumbered", "inserted", "deleted", "moved", "split",
            "merged")


@dataclass(frozen=True)
class CompareOptions:
    """How to compare.  ``party``/``date`` name the new version's author for tracked changes
    (default: the proposal header the reader found)."""

    ignore_case: bool = False
    ignore_whitespace: bool = False
    ignore_punctuation_style: bool = False  # curly vs straight quotes, dash styles
    ignore_numbering: bool = False  # do not show renumbering as a change
    party: Optional[str] = None
    date: Optional[str] = None
    label: Optional[str] = None


@dataclass(frozen=True)
class ClauseChange:
    status: str
    old_index: Optional[int]
    new_index: Optional[int]
    old: Optional[Clause]
    new: Optional[Clause]
    ops: Tuple[Op, ...]
    article: str = ""
    heading_changed: bool = False
    related: Optional[int] = None  # split: the old clause it came from; merged: new clause

    @property
    def old_number(self) -> Optional[str]:
        return self.old.number if self.old is not None else None

    @property
    def new_number(self) -> Optional[str]:
        return self.new.number if self.new is not None else None

    @property
    def is_change(self) -> bool:
        return self.status != "unchanged"

    def to_dict(self) -> dict:
        return {"old_index": self.old_index, "new_index": self.new_index,
                "old_number": self.old_number, "new_number": self.new_number,
                "status": self.status, "article": self.article,
                "heading_changed": self.heading_changed, "related": self.related,
                "ops": [[op, text] for op, text in self.ops]}


@dataclass(frozen=True)
class NoteChange:
    """A position note ("District agrees with language 05/09/2024") added, dropped or
    reworded under a clause that both versions hold.  Notes of inserted and deleted clauses
    come and go with their clause and are not listed again."""

    clause: str  # the clause's number in the new version (the old one's when it has none)
    status: str  # inserted | deleted | changed
    old_text: str
    new_text: str
    article: str = ""

    def to_dict(self) -> dict:
        return {"clause": self.clause, "status": self.status, "old": self.old_text,
                "new": self.new_text, "article": self.article}


@dataclass(frozen=True)
class FurnitureChange:
    """Words of a page header or footer added or dropped (proposal lines, key entries and
    page numbers, which change with every round, left out): text there is printed on
    every page, and a change there is a change to the document."""

    part: str  # header | footer
    status: str  # inserted | deleted
    text: str

    def to_dict(self) -> dict:
        return {"part": self.part, "status": self.status, "text": self.text}


@dataclass(frozen=True)
class FootnoteChange:
    """A footnote or endnote changed, inserted or deleted (unchanged ones are not listed).
    Numbers count the notes of one kind in the order the body refers to them."""

    kind: str  # footnote | endnote
    status: str  # changed | inserted | deleted
    old_number: Optional[int]
    new_number: Optional[int]
    ops: Tuple[Op, ...]

    def to_dict(self) -> dict:
        return {"kind": self.kind, "status": self.status, "old_number": self.old_number,
                "new_number": self.new_number, "ops": [[op, text] for op, text in self.ops]}


@dataclass(frozen=True)
class ArticleMatch:
    old_title: Optional[str]
    new_title: Optional[str]
    old_number: Optional[str] = None
    new_number: Optional[str] = None

    @property
    def status(self) -> str:
        if self.old_title is None:
            return "inserted"
        if self.new_title is None:
            return "deleted"
        if " ".join(self.old_title.upper().split()) != " ".join(self.new_title.upper().split()):
            return "renamed"
        if self.old_number != self.new_number:
            return "renumbered"
        return "unchanged"


@dataclass(frozen=True)
class Comparison:
    old: Document
    new: Document
    changes: Tuple[ClauseChange, ...]
    options: CompareOptions = field(default_factory=CompareOptions)
    articles: Tuple[ArticleMatch, ...] = ()
    author: Proposal = field(default_factory=Proposal)
    #: things the caller should know about the result (also logged): mismatched inputs, ...
    warnings: Tuple[str, ...] = ()
    footnotes: Tuple[FootnoteChange, ...] = ()
    notes: Tuple[NoteChange, ...] = ()
    furniture: Tuple[FurnitureChange, ...] = ()

    @property
    def differs(self) -> bool:
        return any(c.is_change for c in self.changes) or any(
            a.status != "unchanged" for a in self.articles) or bool(self.footnotes) or \
            bool(self.notes) or bool(self.furniture)

    def stats(self) -> Dict[str, int]:
        counts = Counter(c.status for c in self.changes)
        out = {s: counts.get(s, 0) for s in STATUSES}
        out["words_inserted"] = sum(len(t.split()) for c in self.changes for o, t in c.ops
                                    if o == INSERT)
        out["words_deleted"] = sum(len(t.split()) for c in self.changes for o, t in c.ops
                                   if o == DELETE)
        out["clauses_old"] = len(self.old.clauses)
        out["clauses_new"] = len(self.new.clauses)
        out["footnotes_changed"] = len(self.footnotes)
        out["notes_changed"] = len(self.notes)
        out["furniture_changed"] = len(self.furniture)
        return out

    def to_dict(self) -> dict:
        return {"old": {**self.old.proposal.to_dict(), "source": self.old.source},
                "new": {**self.new.proposal.to_dict(), "source": self.new.source},
                "author": self.author.to_dict(),
                "articles": [{"old_title": a.old_title, "new_title": a.new_title,
                              "status": a.status} for a in self.articles],
                "changes": [c.to_dict() for c in self.changes],
                "footnotes": [f.to_dict() for f in self.footnotes],
                "notes": [n.to_dict() for n in self.notes],
                "furniture": [f.to_dict() for f in self.furniture],
                "stats": self.stats(),
                "warnings": list(self.warnings)}


def _snippet(ops: Tuple[Op, ...]) -> str:
    """The edits of a change on one line: ``[-struck-] {+inserted+}``, white space folded."""
    return " ".join((f"[-{' '.join(t.split())}-]" if op == DELETE else
                     f"{{+{' '.join(t.split())}+}}")
                    for op, t in ops if op != "equal" and t.strip())


def summary_lines(result: Comparison, width: int = 100) -> List[str]:
    """A one-screen text summary of a comparison."""
    st = result.stats()
    o, n = result.old.proposal, result.new.proposal
    lines = [f"old: {result.old.source}  ({o.label or '?'} {o.date or ''})".rstrip(),
             f"new: {result.new.source}  ({n.label or '?'} {n.date or ''})".rstrip()]
    parts = [f"{st[s]} {s}" for s in STATUSES if st[s] and s != "unchanged"]
    if result.footnotes:
        parts.append(f"{len(result.footnotes)} footnote(s)")
    if result.notes:
        parts.append(f"{len(result.notes)} position note(s)")
    if result.furniture:
        parts.append(f"{len(result.furniture)} header/footer line(s)")
    lines.append("changes: " + (", ".join(parts) if parts else "none") +
                 f"  (+{st['words_inserted']} / -{st['words_deleted']} words)")
    for a in result.articles:
        if a.status != "unchanged":
            lines.append(f"  article {a.status}: {a.old_title!r} -> {a.new_title!r}")
    for c in result.changes:
        if not c.is_change:
            continue
        num = c.new_number if c.new is not None else c.old_number
        if c.status == "renumbered":
            lines.append(f"  {c.old_number} -> {c.new_number}  renumbered")
            continue
        label = f"{c.old_number} -> {c.new_number}" if (
            c.old is not None and c.new is not None and c.old_number != c.new_number) else \
            (num or "(unnumbered)")
        text = f"  {label}  {c.status}: {_snippet(c.ops)}"
        lines.append(text if len(text) <= width else text[: width - 1] + "…")
    for f in result.footnotes:
        text = f"  {f.kind} {f.new_number or f.old_number}  {f.status}: {_snippet(f.ops)}"
        lines.append(text if len(text) <= width else text[: width - 1] + "…")
    for piece in result.furniture:
        text = f"  {piece.part} line {piece.status}: {' '.join(piece.text.split())}"
        lines.append(text if len(text) <= width else text[: width - 1] + "…")
    for note in result.notes:
        said = " ".join((note.new_text or note.old_text).split())
        text = f"  {note.clause or '(unnumbered)'}  note {note.status}: {said}"
        lines.append(text if len(text) <= width else text[: width - 1] + "…")
    return lines
