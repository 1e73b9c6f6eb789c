"""Counter history: one cumulative redline over dated versions, blame, and the unmarked-change
check.

Every word carries the round that inserted it and, once struck, the round that struck it.
Round k is folded in by aligning round k-1's clean clauses with round k's (the same engine as
``compare``) and diffing words inside each pair; struck words stay in place, so the result
shows every round at once, as negotiators exchange it.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from ..conventions.dates import unordered_days
from ..errors import InputError
from ..model import Clause, Document, Note, Proposal
from ..timing import progress
from . import CompareOptions, align_articles, align_clauses
from .words import DELETE, EQUAL, diff_opcodes, tokenize


@dataclass
class Piece:
    text: str
    ins: int = 1  # round that inserted it (1: the base text)
    dele: Optional[int] = None  # round that struck it

    def visible(self) -> bool:
        return self.dele is None


@dataclass
class MarkedClause:
    pieces: List[Piece]
    heading: bool = False  # the first paragraph is a heading line
    notes: List[Tuple[Note, int]] = field(default_factory=list)
    #: the round that struck each note (by its index in ``notes``): a later round that no
    #: longer holds it under the clause
    notes_struck: Dict[int, int] = field(default_factory=dict)
    level: int = 0
    number: str = ""  # latest number, for reports
    list: Optional[str] = None  # "bullet" | "number": a Word list item in its latest round

    def visible_tokens(self) -> List[str]:
        return [p.text for p in self.pieces if p.visible()]

    @property
    def deleted(self) -> bool:
        return not any(p.visible() and p.text.strip() for p in self.pieces)


@dataclass
class MarkedArticle:
    title: str
    clauses: List[MarkedClause]


@dataclass
class History:
    rounds: List[Proposal]
    articles: List[MarkedArticle]
    documents: List[Document]
    #: colours rounds already had in a redline that was continued, by (party, date)
    colours: Dict[Tuple[Optional[str], str], str] = field(default_factory=dict)


@dataclass(frozen=True)
class Version:
    """One round of a history: its proposal, its clean text, and the colour a redline
    already drew it in (None for a clean file)."""

    proposal: Proposal
    document: Document
    colour: Optional[str] = None
    source: str = ""


def gather_versions(documents: Sequence[Document],
                    proposals: Sequence[Optional[Proposal]]) -> List[Version]:
    """The rounds a history is built from, in date order: each clean document as one round,
    each redline as every round it holds (so a new counter continues it rather than
    flattening it), the same proposal given twice used once (with a warning).

    Refuses (:class:`~redline.errors.InputError`) a round without a date, and a document
    whose struck or coloured words could not be read into rounds: continuing it would
    silently flatten the other side's marks.
    """
    log = logging.getLogger("redline")
    found: List[Version] = []
    for doc, given in zip(documents, proposals):
        if doc.rounds and given is None:
            for k, rnd in enumerate(doc.rounds):
                p = rnd.proposal
                if not p.date:
                    why = ("the text before its struck and underlined words names no "
                           "proposal" if doc.conventions.mode == "marks"
                           else "its colour key names none")
                    raise InputError(
                        f"round {k + 1} of this redline has no date ({why}): give the key "
                        "with its dates (--key), or the clean files instead",
                        doc.source or None)
                found.append(Version(p, doc.round_document(k), rnd.color, doc.source))
            continue
        if not doc.rounds and _has_unread_marks(doc):
            raise InputError(
                "has struck words but no colour key or tracked changes, so its rounds "
                "cannot be told apart; continuing it would flatten them. Give its colour "
                "key (a key in the header, or parse/compare --key) or the clean counters",
                doc.source or None)
        p = given if given is not None else doc.latest().proposal
        if not p.date:
            raise InputError("no proposal date found in its header; give --round "
                             "\"PARTY YYYY-MM-DD LABEL\"", doc.source or None)
        found.append(Version(p, doc.latest(), None, doc.source))
    found.sort(key=lambda v: v.proposal.date or "")
    out: List[Version] = []
    for v in found:
        twin = next((u for u in out if _same_proposal(u.proposal, v.proposal)), None)
        if twin is None:
            out.append(v)
            continue
        keep, drop = (twin, v) if _preferred(twin, v) else (v, twin)
        differ = _differences(keep.document, drop.document)
        log.warning("%s and %s are the same proposal (%s %s): used once, from %s%s",
                    twin.source or "?", v.source or "?", v.proposal.party or "?",
                    v.proposal.date, keep.source or "?",
                    f"; their texts differ in {len(differ)} place(s)" if differ else "")
        merged = Version(keep.proposal, keep.document, twin.colour or v.colour, keep.source)
        out[out.index(twin)] = merged
    for day, ks in unordered_days([v.proposal.date for v in out]).items():
        # not a guess made silently: the order given stands, and the user hears of it
        log.warning("%s are rounds of one day (%s) and not every one says its time of "
                    "day: taken in the order given; give each its time with --round "
                    "FILE=\"PARTY %s HH:MM LABEL\" to settle it",
                    ", ".join(out[k].source or "?" for k in ks), day, day)
    return out


def _same_proposal(a: Proposal, b: Proposal) -> bool:
    if (a.party or "") != (b.party or "") or not a.date or not b.date:
        return False
    if len(a.date) == len(b.date):
        return a.date == b.date
    return False  # one has a time of day, the other not: two proposals on one day


def _preferred(a: Version, b: Version) -> bool:
    """Whether ``a``'s text is the better one to keep: a clean DOCX over a PDF over a
    round rebuilt from a redline."""
    def rank(v: Version) -> int:
        if v.document.origin is not None:
            return 2
        return 0 if v.document.format == "docx" else 1
    return rank(a) <= rank(b)


def _has_unread_marks(doc: Document) -> bool:
    return any(span.strike for c in doc.clauses for para in c.paragraphs for span in para)


def _pieces(text: str, rnd: int) -> List[Piece]:
    return [Piece(t, ins=rnd) for t in tokenize(text)]


def _new_clause(c: Clause, rnd: int) -> MarkedClause:
    mc = MarkedClause(_pieces(c.full_text, rnd), heading=bool(c.heading), level=c.level,
                      number=c.number, list=c.list)
    for n in c.notes:
        mc.notes.append((n, rnd))
    return mc


def _fold(mc: MarkedClause, new: Clause, rnd: int) -> None:
    """Fold round ``rnd``'s text of a clause into its marked history."""
    vis_idx = [i for i, p in enumerate(mc.pieces) if p.visible()]
    old_tokens = [mc.pieces[i].text for i in vis_idx]
    new_tokens = tokenize(new.full_text)
    codes = diff_opcodes(old_tokens, new_tokens)
    out: List[Piece] = []
    cursor = 0

    def copy_until(limit: int) -> None:
        nonlocal cursor
        while cursor < limit:
            out.append(mc.pieces[cursor])
            cursor += 1

    for tag, i1, i2, j1, j2 in codes:
        if tag == EQUAL:
            for v in range(i1, i2):
                copy_until(vis_idx[v] + 1)
        elif tag == DELETE:
            for v in range(i1, i2):
                copy_until(vis_idx[v])
                p = mc.pieces[cursor]
                out.append(Piece(p.text, p.ins, rnd))
                cursor += 1
        else:
            # an insertion goes after the words struck just before it
            while cursor < len(mc.pieces) and not mc.pieces[cursor].visible():
                out.append(mc.pieces[cursor])
                cursor += 1
            out.extend(Piece(t, ins=rnd) for t in new_tokens[j1:j2])
    copy_until(len(mc.pieces))
    mc.pieces = out
    mc.heading = mc.heading or bool(new.heading)
    mc.level = new.level
    mc.number = new.number
    mc.list = new.list
    kept = {n.text for n in new.notes}
    for k, (n, _) in enumerate(mc.notes):
        if k not in mc.notes_struck and n.text not in kept:
            mc.notes_struck[k] = rnd
    have = {n.text for k, (n, _) in enumerate(mc.notes) if k not in mc.notes_struck}
    for n in new.notes:
        if n.text not in have:
            mc.notes.append((n, rnd))


def _strike_all(mc: MarkedClause, rnd: int) -> None:
    mc.pieces = [Piece(p.text, p.ins, rnd) if p.visible() else p for p in mc.pieces]
    for k in range(len(mc.notes)):
        mc.notes_struck.setdefault(k, rnd)


def build_history(documents: Sequence[Document], proposals: Sequence[Proposal],
                  options: Optional[CompareOptions] = None) -> History:
    """Fold dated versions (oldest first) into one marked history."""
    options = options or CompareOptions()
    docs = [d.latest() for d in documents]
    first = docs[0]
    articles: List[MarkedArticle] = []
    visible: List[List[MarkedClause]] = []  # per article of the previous round
    for a in first.articles:
        mcs = [_new_clause(c, 1) for c in a.clauses]
        articles.append(MarkedArticle(a.title, mcs))
        visible.append(list(mcs))
    prev = first
    for rnd, doc in enumerate(docs[1:], start=2):
        progress("history", rnd - 2, len(docs) - 1)  # a progress bar on a long history
        pairs = align_articles(prev.articles, doc.articles)
        by_new = {p.new: p.old for p in pairs}
        paired_old = {p.old for p in pairs}
        new_visible: List[List[MarkedClause]] = []
        new_articles: List[MarkedArticle] = []
        for oi, art in enumerate(prev.articles):
            if oi not in paired_old:
                for mc in visible[oi]:
                    _strike_all(mc, rnd)
        order: List[int] = []
        # which marked article holds each clause, by identity (a dataclass compares by
        # value: field by field over every clause, and two equal clauses are not one)
        owner = {id(mc): k for k, ma in enumerate(articles) for mc in ma.clauses}
        for j, art in enumerate(doc.articles):
            hit = by_new.get(j)
            if hit is None:
                mcs = [_new_clause(c, rnd) for c in art.clauses]
                new_articles.append(MarkedArticle(art.title, mcs))
                new_visible.append(list(mcs))
                continue
            oi = hit
            marked = owner.get(id(visible[oi][0])) if visible[oi] else None
            ma = articles[marked] if marked is not None else MarkedArticle(art.title, [])
            ma.title = art.title
            order.append(marked if marked is not None else -1)
            vis = _fold_article(ma, visible[oi], prev.articles[oi].clauses, art.clauses, rnd,
                                options)
            new_articles.append(ma)
            new_visible.append(vis)
        # articles struck entirely keep their place at the end of the list
        kept = {id(ma) for ma in new_articles}
        new_articles.extend(ma for ma in articles if id(ma) not in kept)
        articles = new_articles
        visible = new_visible
        prev = doc
    progress("history", len(docs) - 1, len(docs) - 1)
    return History(list(proposals), articles, list(documents))


def _fold_article(ma: MarkedArticle, vis: List[MarkedClause], old: Sequence[Clause],
                  new: Sequence[Clause], rnd: int, options: CompareOptions
                  ) -> List[MarkedClause]:
    changes = align_clauses(old, new, options)
    new_vis: List[Optional[MarkedClause]] = [None] * len(new)
    inserted: List[Tuple[int, MarkedClause]] = []
    for ch in changes:
        i, j = ch.old_index, ch.new_index
        if i is not None and j is not None and ch.status != "moved":
            mc = vis[i]
            _fold(mc, new[j], rnd)
            new_vis[j] = mc
        elif i is not None and j is not None:  # moved: struck here, inserted there
            _strike_all(vis[i], rnd)
            mc = _new_clause(new[j], rnd)
            new_vis[j] = mc
            inserted.append((j, mc))
        elif j is not None:
            mc = _new_clause(new[j], rnd)
            new_vis[j] = mc
            inserted.append((j, mc))
        elif i is not None:
            _strike_all(vis[i], rnd)
    for j, mc in sorted(inserted, key=lambda t: t[0]):
        anchor = new_vis[j - 1] if j > 0 else None
        if anchor is None:
            first_vis = next((k for k, c in enumerate(ma.clauses) if not c.deleted), None)
            pos = first_vis if first_vis is not None else len(ma.clauses)
        else:
            pos = ma.clauses.index(anchor) + 1
            # after the clauses struck right below the anchor
            while pos < len(ma.clauses) and ma.clauses[pos].deleted and \
                    ma.clauses[pos] not in new_vis:
                pos += 1
        ma.clauses.insert(pos, mc)
    return [mc for mc in new_vis if mc is not None]


# --- blame ---------------------------------------------------------------------------------

def blame(history: History, words: bool = False) -> List[dict]:
    """For every clause, in text order: its spans, each a run of text one round introduced
    (and, when struck, one later round struck), with who and when.

    A span is a maximal run of words with the same (introduced, struck) rounds; the white
    space between words goes with the words before it.  ``"notes"``: the clause's position
    notes, with who wrote and who struck each (a later round that dropped it).
    ``words=True`` also lists every word on its own (``"words"``: the history JSON's long
    form).
    """
    out = []
    for art in history.articles:
        for mc in art.clauses:
            spans: List[dict] = []
            marks: Optional[Tuple[int, Optional[int]]] = None
            for p in mc.pieces:
                if not p.text.strip():
                    if spans:
                        spans[-1]["text"] += " " if p.text == "\n" else p.text
                    continue
                if marks == (p.ins, p.dele):
                    spans[-1]["text"] += p.text
                    continue
                marks = (p.ins, p.dele)
                spans.append({"text": p.text, **_who(history, p)})
            for span in spans:
                span["text"] = span["text"].strip()
            notes = []
            for k, (note, rnd) in enumerate(mc.notes):
                struck = mc.notes_struck.get(k)
                notes.append({"text": note.text, **_who(history, Piece(note.text, rnd, struck))})
            entry = {"article": art.title, "number": mc.number, "deleted": mc.deleted,
                     "spans": spans, "notes": notes}
            if words:
                entry["words"] = [{"text": p.text, **_who(history, p)} for p in mc.pieces
                                  if p.text.strip()]
            out.append(entry)
    return out


def _who(history: History, p: Piece) -> dict:
    ins = history.rounds[p.ins - 1]
    entry = {"introduced_round": p.ins, "introduced_by": ins.party,
             "introduced_on": ins.date}
    if p.dele is not None:
        st = history.rounds[p.dele - 1]
        entry.update({"struck_round": p.dele, "struck_by": st.party, "struck_on": st.date})
    return entry


# --- the unmarked-change check -------------------------------------------------------------

@dataclass(frozen=True)
class UnmarkedChange:
    clause: str
    kind: str  # changed | dropped | added
    old: str
    new: str

    def to_dict(self) -> dict:
        return {"clause": self.clause, "kind": self.kind, "old": self.old, "new": self.new}


def find_unmarked(counter: Document, previous: Document,
                  clean: Optional[Document] = None) -> List[UnmarkedChange]:
    """Changes a redline makes without marking them.

    The text the redline claims to start from (its last round's marks rejected) must equal
    our previous version; its claimed result (marks accepted) must equal its clean version
    when given.  When our version is not that text but another round of the redline:

    * an earlier round: every round after it is drawn in the redline, so nothing from our
      version on is unmarked; said in a log message, and nothing is reported;
    * the round the redline ends with (the counter's own result, the usual slip): refused
      with an :class:`~redline.errors.InputError` naming the round to pass.
    """
    if not counter.rounds:
        raise ValueError("not a redline")
    n = len(counter.rounds)
    start = max(n - 2, 0)
    found = _differences(previous.latest(), counter.round_document(start))
    if found:
        k = _matching_round(counter, previous, skip=start)
        if k is not None:
            what = _round_name(counter, k)
            if k == n - 1 and n > 1:
                raise InputError(
                    f"--against is what the redline ends with (its marks accepted, {what}), "
                    f"not the text it starts from: pass the version of round {start + 1} "
                    f"({_round_name(counter, start)})", previous.source or None)
            logging.getLogger("redline").warning(
                "%s: this is round %d of the redline (%s), older than the round it answers "
                "(%d, %s): checked from round %d on, where every change is marked",
                previous.source or "--against", k + 1, what, start + 1,
                _round_name(counter, start), k + 1)
            found = []
    found += _footnote_differences(counter, previous, start)
    if clean is not None:
        found += _differences(clean.latest(), counter.round_document(-1))
    return found


def _footnote_differences(counter: Document, previous: Document, start: int
                          ) -> List[UnmarkedChange]:
    """Footnotes and endnotes the redline changes without marking them: the text each
    starts from (its own tracked changes rejected) must be ours.  A note whose tracked
    changes span more rounds than one, or that carries colour-key marks (not read into
    rounds inside notes), cannot be checked: said in a warning, never reported."""
    log = logging.getLogger("redline")
    ours = {(n.kind, n.number): n for n in previous.latest().footnotes}
    theirs = {(n.kind, n.number): n for n in counter.footnotes}
    out: List[UnmarkedChange] = []
    for key in sorted(set(ours) | set(theirs)):
        name = f"{key[0]} {key[1]}"
        mine, note = ours.get(key), theirs.get(key)
        if note is not None and (note.marked or (note.original is not None and start > 0)):
            log.warning("%s: %s carries marks redline does not read in notes: check it by "
                        "eye", counter.source or "the redline", name)
            continue
        start_text = None if note is None else (
            note.original if note.original is not None else note.text)
        old, new = (mine.text if mine else ""), (start_text or "")
        if " ".join(old.split()) == " ".join(new.split()):
            continue
        kind = "added" if mine is None else "dropped" if note is None else "changed"
        out.append(UnmarkedChange(name, kind, old, new))
    return out


def _round_name(counter: Document, k: int) -> str:
    p = counter.rounds[k].proposal
    return f"{p.label or p.party or '?'} {p.date or ''}".strip()


def _matching_round(counter: Document, previous: Document, skip: int) -> Optional[int]:
    """The round of the redline whose text is our version, newest first; None if none."""
    for k in range(len(counter.rounds) - 1, -1, -1):
        if k != skip and not _differences(previous.latest(), counter.round_document(k)):
            return k
    return None


def _differences(expected: Document, got: Document) -> List[UnmarkedChange]:
    from . import compare_documents

    out: List[UnmarkedChange] = []
    result = compare_documents(expected, got)
    for ch in result.changes:
        if ch.status == "unchanged":
            continue
        number = ch.new_number if ch.new is not None else ch.old_number
        if ch.status in ("deleted", "merged"):
            out.append(UnmarkedChange(number or "", "dropped", ch.old.full_text if ch.old
                                      else "", ""))
        elif ch.status in ("inserted", "split"):
            out.append(UnmarkedChange(number or "", "added", "", ch.new.full_text if ch.new
                                      else ""))
        else:
            ops = list(ch.ops)
            k = 0
            while k < len(ops):
                if ops[k][0] == EQUAL:
                    k += 1
                    continue
                old_w = new_w = ""
                while k < len(ops) and ops[k][0] != EQUAL:
                    if ops[k][0] == DELETE:
                        old_w += ops[k][1]
                    else:
                        new_w += ops[k][1]
                    k += 1
                out.append(UnmarkedChange(number or "", "changed", old_w.strip(),
                                          new_w.strip()))
    return out
