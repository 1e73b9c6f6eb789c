"""Pairing terms across versions: which term of the old clause became which of the new.

Clauses pair through the diff engine's clause alignment (:func:`redline.align.
compare_documents`).  Inside a pair of clauses, each term becomes one token keyed by its kind
and unit (a table cell: by its row and column headings) among the clause's words, and the two
token sequences are diffed: a term kept in its place pairs with itself even when its value
changed ("within fifteen (15) working days" -> "within ten (10) working days"); terms in a
replaced stretch pair by kind and unit in order, then amount with amount ("14%" -> "$2.00
per hour").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple, Union

from ..align import CompareOptions, compare_documents
from ..align.result import Comparison
from ..align.words import EQUAL, diff_opcodes
from ..model import Clause, Document, Proposal
from .extract import AMOUNT_KINDS, DATE, SCHOOL_YEAR, YEAR, Term, clause_terms

CHANGED, ADDED, REMOVED, UNCHANGED = "changed", "added", "removed", "unchanged"

_TERM_KEY = "\x00term:"
#: A clause number that says where it is in the contract: ``9.3.1`` (and ``X.2.1``: a
#: proposal of one article).
_DOTTED_NUMBER = re.compile(r"^(?:X|\d+)(?:\.(?:\d+|\*+))+\.?$")
#: Words of an article title put before a clause label that needs it.
MAX_TITLE_WORDS = 4


@dataclass(frozen=True)
class TermChange:
    """One term across two versions.  ``old``/``new`` is None when it was added/removed;
    ``proposal`` is who proposed the new version and when."""

    status: str  # changed | added | removed | unchanged
    old: Optional[Term]
    new: Optional[Term]
    article: str = ""
    proposal: Proposal = field(default_factory=Proposal)

    @property
    def term(self) -> Term:
        t = self.new if self.new is not None else self.old
        assert t is not None
        return t

    @property
    def clause(self) -> str:
        return self.term.clause

    @property
    def unit(self) -> str:
        return self.term.unit_text or self.term.unit

    def describe(self) -> str:
        """``X.4 Verification: 15 -> 10 consecutive work days``."""
        return f"{term_label(self.term)}: {_values(self.old, self.new)}"

    def to_dict(self) -> dict:
        return {"status": self.status, "article": self.article,
                "old_clause": self.old.clause if self.old else None,
                "new_clause": self.new.clause if self.new else None,
                "kind": self.term.kind, "unit": self.term.unit,
                "old": self.old.to_dict() if self.old else None,
                "new": self.new.to_dict() if self.new else None,
                "party": self.proposal.party, "date": self.proposal.date}


def term_label(term: Term) -> str:
    """``X.4 Verification`` (a table cell: ``X.2 Salary [Step 3, Range 10]``); a clause
    whose number does not say where it is (``b.``, an unnumbered paragraph) with its
    article's title: ``SALARY b.``."""
    label = term.clause
    if term.heading and term.heading != term.clause:
        label = f"{label} {term.heading}".strip()
    if term.article and not _DOTTED_NUMBER.match(term.clause):
        label = f"{' '.join(term.article.split()[:MAX_TITLE_WORDS])} {label}".strip()
    if term.in_table:
        label += f" [{term.row}, {term.column}]"
    return label or "(unnumbered)"


def _unit_of(*terms: Optional[Term]) -> str:
    for t in reversed(terms):
        if t is not None and (t.unit_text or t.unit) and t.unit != "%":
            return " " + " ".join((t.unit_text or t.unit).split()).rstrip("'’")
    return ""


def _values(old: Optional[Term], new: Optional[Term]) -> str:
    a = old.show() if old else "(none)"
    b = new.show() if new else "(none)"
    if old is not None and new is not None and old.unit != new.unit:
        return f"{a}{_unit_of(old)} -> {b}{_unit_of(new)}"
    return f"{a} -> {b}{_unit_of(old, new)}"


def _same_value(a: Term, b: Term) -> bool:
    return a.kind == b.kind and a.unit == b.unit and a.value == b.value


def _keys(clause: Clause, terms: Sequence[Term]) -> Tuple[List[str], List[Optional[int]]]:
    """The clause text as keys (its words, each term one key) and which term each key
    is."""
    keys: List[str] = []
    which: List[Optional[int]] = []
    pos = 0
    text = clause.text
    in_text = [i for i, t in enumerate(terms) if not t.in_table]
    for i in in_text:
        t = terms[i]
        for w in re.findall(r"\w+|[^\w\s]", text[pos:t.start]):
            keys.append(w.lower())
            which.append(None)
        keys.append(_TERM_KEY + t.key)
        which.append(i)
        pos = t.start + len(t.text)
    for w in re.findall(r"\w+|[^\w\s]", text[pos:]):
        keys.append(w.lower())
        which.append(None)
    return keys, which


def _group(term: Term) -> str:
    if term.kind in AMOUNT_KINDS:
        return "amount"
    if term.kind in (DATE, SCHOOL_YEAR):
        return "date"
    return term.kind


def _pair_block(old: List[Term], new: List[Term]) -> List[Tuple[Optional[Term],
                                                                   Optional[Term]]]:
    """Terms of a replaced stretch: same kind and unit first, then amount with amount, date
    with date, in order; the rest added or removed."""
    pairs: List[Tuple[Optional[Term], Optional[Term]]] = []
    used_new = set()
    leftover_old: List[Term] = []
    for o in old:
        j = next((j for j, n in enumerate(new) if j not in used_new and n.key == o.key), None)
        if j is None:
            leftover_old.append(o)
        else:
            used_new.add(j)
            pairs.append((o, new[j]))
    for o in leftover_old:
        j = next((j for j, n in enumerate(new) if j not in used_new and
                  _group(n) == _group(o)), None)
        if j is None:
            pairs.append((o, None))
        else:
            used_new.add(j)
            pairs.append((o, new[j]))
    pairs.extend((None, n) for j, n in enumerate(new) if j not in used_new)
    return pairs


def pair_clause_terms(old: Optional[Clause], new: Optional[Clause], article: str = "",
                      old_index: int = -1, new_index: int = -1
                      ) -> List[Tuple[Optional[Term], Optional[Term]]]:
    """Every term of two versions of a clause, paired (None where one side has none)."""
    old_terms = list(clause_terms(old, article, old_index)) if old is not None else []
    new_terms = list(clause_terms(new, article, new_index)) if new is not None else []
    if old is None or new is None:
        return [(t, None) for t in old_terms] + [(None, t) for t in new_terms]
    pairs: List[Tuple[Optional[Term], Optional[Term]]] = []
    if any(not t.in_table for t in old_terms + new_terms):
        okeys, owhich = _keys(old, old_terms)
        nkeys, nwhich = _keys(new, new_terms)
        block_old: List[Term] = []
        block_new: List[Term] = []
        for tag, i1, i2, j1, j2 in diff_opcodes(okeys, nkeys):
            if tag == EQUAL:
                pairs.extend(_pair_block(block_old, block_new))
                block_old, block_new = [], []
                for i, j in zip(range(i1, i2), range(j1, j2)):
                    oi, nj = owhich[i], nwhich[j]
                    if oi is not None and nj is not None:
                        pairs.append((old_terms[oi], new_terms[nj]))
                continue
            block_old.extend(old_terms[k] for k in owhich[i1:i2] if k is not None)
            block_new.extend(new_terms[k] for k in nwhich[j1:j2] if k is not None)
        pairs.extend(_pair_block(block_old, block_new))
    # table cells pair by their headings
    old_cells: Dict[str, Term] = {t.key: t for t in old_terms if t.in_table}
    new_cells: Dict[str, Term] = {t.key: t for t in new_terms if t.in_table}
    for key, t in old_cells.items():
        pairs.append((t, new_cells.get(key)))
    pairs.extend((None, t) for key, t in new_cells.items() if key not in old_cells)
    return pairs


def _status(old: Optional[Term], new: Optional[Term]) -> str:
    if old is None:
        return ADDED
    if new is None:
        return REMOVED
    return UNCHANGED if _same_value(old, new) else CHANGED


def comparison_term_pairs(result: Comparison) -> List[TermChange]:
    """Every term of a comparison, paired through its clause alignment (unchanged ones
    too, with status ``unchanged``)."""
    proposal = result.author if result.author.known else result.new.proposal
    out: List[TermChange] = []
    for change in result.changes:
        if change.status in ("unchanged", "renumbered") and change.old is not None \
                and change.new is not None:
            # the same words: the same terms, in order
            olds = clause_terms(change.old, change.article, change.old_index or 0)
            news = clause_terms(change.new, change.article, change.new_index or 0)
            if len(olds) == len(news):
                out.extend(TermChange(_status(o, n), o, n, change.article, proposal)
                           for o, n in zip(olds, news))
                continue
        for o, n in pair_clause_terms(change.old, change.new, change.article,
                                      change.old_index if change.old_index is not None
                                      else -1,
                                      change.new_index if change.new_index is not None
                                      else -1):
            out.append(TermChange(_status(o, n), o, n, change.article, proposal))
    return out


def terms_of_comparison(result: Comparison) -> Tuple[TermChange, ...]:
    """The terms a comparison changed, added or removed, in the new version's order.  A
    bare year ("2025") is listed only when it changed: added or removed with the words
    around it, it is part of a sentence rewritten, not a term."""
    return tuple(c for c in comparison_term_pairs(result) if c.status != UNCHANGED and not (
        c.status in (ADDED, REMOVED) and c.term.kind == YEAR))


def as_document(source: Union[str, Document]) -> Document:
    """A document, read from its path when given one."""
    if isinstance(source, Document):
        return source
    from ..readers import read_document

    return read_document(str(source))


def compare_terms(old: Union[str, Document], new: Union[str, Document],
                  options: Optional[CompareOptions] = None) -> Tuple[TermChange, ...]:
    """Each term changed, added or removed between two versions (documents or paths), with
    the new version's party and date."""
    return terms_of_comparison(compare_documents(as_document(old), as_document(new),
                                                 options))


@dataclass(frozen=True)
class TermThread:
    """One term followed through every round: its value in each (None where the clause or
    the term is absent), and the proposal of each round."""

    steps: Tuple[Optional[Term], ...]
    proposals: Tuple[Proposal, ...]
    article: str = ""

    @property
    def term(self) -> Term:
        return next(t for t in reversed(self.steps) if t is not None)

    @property
    def changed(self) -> bool:
        shown = [(t.kind, t.unit, t.value) if t else None for t in self.steps]
        return len(set(shown)) > 1

    def moves(self) -> List[Tuple[Optional[Term], Proposal]]:
        """The values in order, each with the proposal that set it (repeats folded)."""
        out: List[Tuple[Optional[Term], Proposal]] = []
        last: object = object()
        for t, p in zip(self.steps, self.proposals):
            key = (t.kind, t.unit, t.value) if t else None
            if key != last:
                out.append((t, p))
                last = key
        return out

    def describe(self) -> str:
        """``X.2.1 Notice: 15 -> 10 -> 7 working days; District 05/09, Union 05/23, ...``"""
        moves = self.moves()
        values = " -> ".join(t.show() if t else "(none)" for t, _ in moves)
        unit = _unit_of(*[t for t, _ in moves])
        who = ", ".join(proposal_short(p) for _, p in moves)
        return f"{term_label(self.term)}: {values}{unit}; {who}"

    def to_dict(self) -> dict:
        return {"article": self.article, "clause": self.term.clause, "kind": self.term.kind,
                "unit": self.term.unit,
                "rounds": [{"party": p.party, "date": p.date,
                            "value": (t.to_dict() if t else None)}
                           for t, p in zip(self.steps, self.proposals)]}


def proposal_short(p: Proposal) -> str:
    """``District 05/09`` (the date as negotiators write it)."""
    date = ""
    if p.date and len(p.date) >= 10:
        date = f"{p.date[5:7]}/{p.date[8:10]}"
    return " ".join(x for x in (p.party or "?", date) if x)


def term_history(docs: Sequence[Union[str, Document]],
                 options: Optional[CompareOptions] = None) -> Tuple[TermThread, ...]:
    """Follow every term through versions (documents or paths) given oldest first (a
    single redline: through its rounds).  Returns every term whose value changed, appeared
    or disappeared in some round, in the latest version's order (then those dropped)."""
    versions: List[Document] = []
    documents = [as_document(d) for d in docs]
    for d in documents:
        if d.rounds and len(documents) == 1:
            versions.extend(d.round_document(i) for i in range(len(d.rounds)))
        else:
            versions.append(d.latest())
    if not versions:
        return ()
    proposals = tuple(v.proposal for v in versions)
    n = len(versions)
    # a thread per term, keyed by the term's identity in its latest round so far
    threads: List[List[Optional[Term]]] = []
    where: Dict[Tuple[int, int, str], int] = {}  # (clause index, start, key) -> thread

    def ident(t: Term) -> Tuple[int, int, str]:
        return (t.clause_index, t.start, t.key + t.row + t.column)

    from .extract import extract_terms

    for t in extract_terms(versions[0]):
        where[ident(t)] = len(threads)
        threads.append([t] + [None] * (n - 1))
    for k in range(1, n):
        result = compare_documents(versions[k - 1], versions[k], options)
        nxt: Dict[Tuple[int, int, str], int] = {}
        for ch in comparison_term_pairs(result):
            if ch.old is not None and ident(ch.old) in where:
                idx = where[ident(ch.old)]
            else:
                idx = len(threads)
                threads.append([None] * n)
            if ch.new is not None:
                threads[idx][k] = ch.new
                nxt[ident(ch.new)] = idx
        where = nxt
    last_order = {idx: pos for pos, idx in enumerate(where.values())}
    order = sorted(range(len(threads)), key=lambda i: (i not in last_order,
                                                       last_order.get(i, i)))
    out = []
    for i in order:
        thread = TermThread(tuple(threads[i]), proposals, next(
            (t.article for t in reversed(threads[i]) if t is not None), ""))
        if thread.changed:
            out.append(thread)
    return tuple(out)
