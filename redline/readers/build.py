"""From a reader's blocks to the document model, the same way for every format.

Works out the proposal line and the colour key from the page furniture, gives every marked
span its round (through the key for colour-keyed redlines, through author and date for tracked
changes), and segments every round's clean text into articles and clauses.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from ..model import (BASE, DEL, INS, ColourKeyEntry, Document, Footnote, Note, Proposal, Round,
                     Span)
from .blocks import HeaderRun, RawDocument, RawParagraph, RawTable
from .legend import (DEFAULT_PARTIES, PartyNames, colour_named_in, dedupe_proposals,
                     is_neutral, nearest_colour, parse_date, parse_key_entry,
                     parse_proposal_line, split_proposal_lines)
from .segment import Para, note_of, para_from_spans, segment, squash, view_text

log = logging.getLogger("redline")


@dataclass(frozen=True)
class ReadOptions:
    """How to read: party names and aliases, a PDF password."""

    parties: PartyNames = field(default_factory=lambda: DEFAULT_PARTIES)
    password: Optional[str] = None


# --- page furniture ------------------------------------------------------------------------

def _header_items(paragraphs: Sequence[Sequence[HeaderRun]]) -> List[Tuple[str, Optional[str]]]:
    """Header text split into candidate entries, each with the colour it is printed in."""
    items: List[Tuple[str, Optional[str]]] = []
    for runs in paragraphs:
        coloured = {r.color for r in runs if r.text.strip()}
        if len(coloured) > 1:
            # one entry per stretch of one colour ("Blue - ...  Green - ...")
            current, colour = "", None
            for r in runs:
                if r.text.strip() and r.color != colour and current.strip():
                    items.extend((piece, colour) for piece in split_proposal_lines(current))
                    current = ""
                if r.text.strip():
                    colour = r.color
                current += r.text
            if current.strip():
                items.extend((piece, colour) for piece in split_proposal_lines(current))
        else:
            text = "".join(r.text for r in runs)
            colour = next(iter(coloured)) if coloured else None
            items.extend((piece, colour) for piece in split_proposal_lines(text))
    return items


def read_furniture(paragraphs: Sequence[Sequence[HeaderRun]], parties: PartyNames,
                   warnings: Optional[List[str]] = None
                   ) -> Tuple[List[Proposal], List[ColourKeyEntry], List[str]]:
    """Proposal lines, colour key entries and the header lines as printed.

    A key entry printed without a year takes it from the proposal line of the same party
    and day, else from the latest proposal line's year, said in ``warnings`` (a guess)."""
    proposals: List[Proposal] = []
    legend: List[ColourKeyEntry] = []
    lines = ["".join(r.text for r in runs).strip() for runs in paragraphs]
    items = list(_header_items(paragraphs))
    dated = [p for p in (parse_proposal_line(t, parties) for t, _ in items) if p is not None]

    def year_for(party: str, month: int, day: int) -> Optional[int]:
        for p in dated:
            if p.party == party and p.date and p.date[5:10] == f"{month:02d}-{day:02d}":
                return int(p.date[:4])
        years = sorted(p.date[:4] for p in dated if p.date)
        if not years:
            return None
        if warnings is not None:
            warnings.append(f"colour key entry for {party} {month:02d}/{day:02d} prints no "
                            f"year: took {years[-1]} from the proposal lines (a guess; give "
                            "the key with --key to settle it)")
        return int(years[-1])

    for text, colour in items:
        if colour is not None or colour_named_in(text):
            entry = parse_key_entry(text, colour, parties, year_for)
            if entry is not None:
                legend.append(entry)
                continue
        prop = parse_proposal_line(text, parties)
        if prop is not None:
            proposals.append(prop)
    return proposals, legend, [ln for ln in lines if ln]


# --- rounds --------------------------------------------------------------------------------

@dataclass
class RoundTable:
    """The rounds of a redline and how to recognise each one's marks."""

    proposals: List[Proposal]
    colours: List[Optional[str]]  # per round; the base round has None (black)
    warnings: List[str] = field(default_factory=list)

    def by_colour(self, colour: Optional[str]) -> Optional[int]:
        if colour is None or is_neutral(colour):
            return 1
        palette = [c for c in self.colours if c]
        hit = nearest_colour(colour, palette)
        if hit is None:
            return None
        return self.colours.index(hit) + 1

    def by_author(self, author: Optional[str], date: Optional[str]) -> int:
        for i, p in enumerate(self.proposals):
            if p.party == author and (p.date or "")[:10] == (date or "")[:10]:
                return i + 1
        return len(self.proposals)


def _colour_rounds(proposals: List[Proposal], legend: List[ColourKeyEntry]) -> RoundTable:
    items = list(proposals) + [Proposal(e.party, e.date, e.label, e.text) for e in legend]
    rounds = dedupe_proposals(items)
    colours: List[Optional[str]] = []
    for p in rounds:
        colour = None
        for e in legend:
            if e.party == p.party and (e.date or "")[:10] == (p.date or "")[:10]:
                if e.color and not is_neutral(e.color):
                    colour = e.color
        colours.append(colour)
    if rounds and all(colours):
        # every entry of the key has a colour: the black base text is a round of its own
        rounds.insert(0, Proposal(label="Base text"))
        colours.insert(0, None)
    return RoundTable(rounds, colours)


def _tracked_rounds(spans: Sequence[Span], proposals: List[Proposal], parties: PartyNames
                    ) -> RoundTable:
    seen: Dict[Tuple[Optional[str], Optional[str]], Proposal] = {}
    for s in spans:
        if s.kind != BASE:
            party = parties.find(s.party or "") or s.party
            key = (party, (s.date or "")[:10] or None)
            if key not in seen:
                prop = next((p for p in proposals if p.party == party and
                             (p.date or "")[:10] == key[1]), None)
                seen[key] = prop or Proposal(party=party, date=s.date,
                                             label=f"{party} proposal" if party else None)
    revs = sorted(seen.values(), key=lambda p: p.date or "")
    first = Proposal()
    earlier = [p for p in proposals if revs and (p.date or "") < (revs[0].date or "")]
    if earlier:
        first = sorted(earlier, key=lambda p: p.date or "")[-1]
    return RoundTable([first] + revs, [None] * (len(revs) + 1))


def _assign_origin(spans: List[Span], table: RoundTable) -> List[Span]:
    """For struck text that had itself been inserted (underline + strike), which round
    inserted it.  The marks alone do not say, so read it the way a negotiator does:

    * struck right after other struck text of an earlier round: it replaced that text then;
    * struck right after struck-inserted text of the same round: the same origin;
    * in a paragraph with no original text: the paragraph's first insertion;
    * otherwise: the other party's round just before (parties strike each other's language).
    """
    out: List[Span] = []
    words = [s for s in spans if s.text.strip()]
    no_base = not any(s.kind == BASE for s in words)
    first_ins = min((s.round or 1 for s in words if s.kind == INS), default=None)
    for i, s in enumerate(spans):
        if s.kind == DEL and s.underline and s.round and s.round > 1:
            prev = next((p for p in reversed(out) if p.text.strip()), None)
            origin: Optional[int] = None
            if prev is not None and prev.kind == DEL and prev.round and prev.round < s.round:
                origin = prev.round
            elif prev is not None and prev.kind == DEL and prev.round == s.round and \
                    prev.origin_round and prev.origin_round > 1 and prev.underline:
                origin = prev.origin_round
            elif no_base and first_ins and first_ins < s.round:
                origin = first_ins
            else:
                party = table.proposals[s.round - 1].party
                origin = next((r for r in range(s.round - 1, 1, -1)
                               if table.proposals[r - 1].party != party), s.round - 1)
            s = replace(s, origin_round=max(1, origin))
        out.append(s)
    return out


def _mark_span(s: Span, table: RoundTable, mode: str, warnings: List[str],
               where: Optional[Callable[[], str]] = None) -> Span:
    if mode == "tracked":
        if s.kind == BASE:
            return replace(s, round=1)
        rnd = table.by_author(table_party(s, table), s.date)
        prop = table.proposals[rnd - 1]
        origin = 1
        return replace(s, round=rnd, party=prop.party, date=prop.date,
                       origin_round=origin if s.kind == DEL else None)
    if mode != "colour":
        return s
    found = table.by_colour(s.color)
    rnd = found if found is not None else len(table.proposals)
    if found is None:
        rnd = len(table.proposals)
        latest = table.proposals[-1]
        guess = " ".join(x for x in (latest.party, latest.date) if x) or "the latest round"
        # say where, and what was made of it: the reader must never guess silently
        place = f", {where()}" if where is not None else ""
        msg = (f"colour {s.color} (on {s.text.strip()[:40]!r}{place})"
               f" is not in the colour key; read as the latest round ({guess})")
        if msg not in warnings:
            warnings.append(msg)
    prop = table.proposals[rnd - 1]
    if s.strike:
        return replace(s, kind=DEL, round=rnd, party=prop.party, date=prop.date,
                       origin_round=1)
    if rnd > 1:
        return replace(s, kind=INS, round=rnd, party=prop.party, date=prop.date)
    base = table.proposals[0]
    return replace(s, kind=BASE, round=1, party=base.party, date=base.date)


def _where(block: object, number: int) -> str:
    """Where a block is, for a warning: its number in the body and how it starts."""
    if isinstance(block, RawParagraph):
        words = block.text.split()
        start = " ".join(words[:8]) + (" ..." if len(words) > 8 else "")
        return f"in paragraph {number} {start!r}"
    return f"in the table at block {number}"


def table_party(s: Span, table: RoundTable) -> Optional[str]:
    parties = {p.party for p in table.proposals}
    if s.party in parties:
        return s.party
    return DEFAULT_PARTIES.find(s.party or "") or s.party


# --- the document --------------------------------------------------------------------------

def _iter_spans(blocks: Sequence[object]):
    for b in blocks:
        if isinstance(b, RawParagraph):
            yield from b.spans
        elif isinstance(b, RawTable):
            for row in b.rows:
                for cell in row:
                    yield from cell


def _para_views(block: object, round_no: Optional[int], notes: Tuple[Note, ...],
                inferred_spaces: bool = False) -> Para:
    def keep(s: Span) -> bool:
        return s.kind != DEL if round_no is None else s.in_round(round_no)

    if isinstance(block, RawTable):
        rows: List[Tuple[str, ...]] = []
        row_spans: List[Tuple[Tuple[Span, ...], ...]] = []
        for row, mark in zip(block.rows, block.row_marks or [None] * len(block.rows)):
            if mark is not None and round_no is not None and not mark.in_round(round_no):
                continue
            cells = []
            cell_spans = []
            for cell in row:
                kept = [s for s in cell if keep(s)]
                cells.append(squash(view_text(cell, keep, inferred_spaces)))
                cell_spans.append(tuple(cell if round_no is None else kept))
            rows.append(tuple(cells))
            row_spans.append(tuple(cell_spans))
        return Para(text="", table=tuple(rows), table_spans=tuple(row_spans))
    assert isinstance(block, RawParagraph)
    return para_from_spans(block.spans, round_no, inferred_spaces, centered=block.centered,
                           list_kind=block.list_kind, num_label=block.num_label, notes=notes)


def build_document(raw: RawDocument, source: str, fmt: str,
                   options: Optional[ReadOptions] = None) -> Document:
    """Turn a reader's :class:`RawDocument` into a :class:`Document`."""
    options = options or ReadOptions()
    parties = options.parties
    warnings = list(raw.warnings)
    proposals, legend, header_lines = read_furniture(raw.header_paragraphs, parties, warnings)
    # proposal lines printed at the top of the body (cover blocks) count too
    for block in raw.blocks[:8]:
        if isinstance(block, RawParagraph):
            text = " ".join(block.text.split())
            if note_of(text, parties) is None:
                prop = parse_proposal_line(text, parties)
                if prop is not None:
                    proposals.append(prop)
    spans = list(_iter_spans(raw.blocks))
    tracked = any(s.kind != BASE for s in spans)
    marked = any((s.color and not is_neutral(s.color)) or s.strike for s in spans)
    colour_keyed = not tracked and marked and any(
        e.color and not is_neutral(e.color) for e in legend)
    if not tracked and not colour_keyed and marked and any(s.strike for s in spans):
        warnings.append("struck text but no colour key in the header: read as a plain "
                        "proposal (give the key with --key)")
    mode = "tracked" if tracked else "colour" if colour_keyed else "plain"

    comment_notes: Dict[int, Tuple[Note, ...]] = {}
    for i, block in enumerate(raw.blocks):
        if isinstance(block, RawParagraph) and block.comments:
            notes = []
            for cid in block.comments:
                c = raw.comments.get(cid)
                if c and c.text:
                    party = parties.find(c.author) or c.author or None
                    n = note_of(c.text, parties)
                    notes.append(Note(text=c.text, party=party,
                                      date=(n.date if n else None) or c.date,
                                      kind=n.kind if n else "comment"))
            comment_notes[i] = tuple(notes)

    rounds: Tuple[Round, ...] = ()
    blocks = list(raw.blocks)
    # a PDF's spaces are inferred from gaps: who owns one beside a mark is decided per view
    inferred = fmt == "pdf"
    if mode != "plain":
        table = (_colour_rounds(proposals, legend) if mode == "colour"
                 else _tracked_rounds(spans, dedupe_proposals(proposals), parties))
        if mode == "colour" and len(table.proposals) < 2:
            mode = "plain"
        else:
            new_blocks: List[object] = []
            for number, block in enumerate(blocks, start=1):
                where = partial(_where, block, number)  # worked out only for a warning
                if isinstance(block, RawParagraph):
                    marked_spans = [_mark_span(s, table, mode, warnings, where)
                                    for s in block.spans]
                    if mode == "colour":
                        marked_spans = _assign_origin(marked_spans, table)
                    mark = block.mark
                    new_blocks.append(replace(block, spans=marked_spans, mark=mark))
                elif isinstance(block, RawTable):
                    rows = [[(_assign_origin([_mark_span(s, table, mode, warnings, where)
                                              for s in cell], table)
                              if mode == "colour" else
                              [_mark_span(s, table, mode, warnings, where) for s in cell])
                             for cell in row] for row in block.rows]
                    row_marks = [(_mark_span(m, table, mode, warnings, where) if m else None)
                                 for m in block.row_marks]
                    new_blocks.append(RawTable(rows=rows, row_marks=row_marks))
                else:
                    new_blocks.append(block)
            blocks = new_blocks
            out_rounds = []
            for k, prop in enumerate(table.proposals, start=1):
                views = [_para_views(b, k, (), inferred) for b in blocks]
                out_rounds.append(Round(proposal=prop, articles=segment(views, parties),
                                        color=table.colours[k - 1]))
            rounds = tuple(out_rounds)
            warnings.extend(table.warnings)
    views = [_para_views(b, None, comment_notes.get(i, ()), inferred)
             for i, b in enumerate(blocks)]
    articles = segment(views, parties)
    if rounds:
        proposal = rounds[-1].proposal
    else:
        dated = dedupe_proposals(proposals)
        proposal = dated[-1] if dated else Proposal()
    for w_ in warnings:
        log.warning("%s: %s", source, w_)
    return Document(source=source, format=fmt, proposal=proposal, legend=tuple(legend),
                    articles=articles, rounds=rounds, header_lines=tuple(header_lines),
                    footer_lines=tuple(raw.footer_lines),
                    warnings=tuple(warnings), footnotes=_numbered_notes(raw.footnotes))


def _numbered_notes(notes: Sequence[Tuple[str, str]]) -> Tuple[Footnote, ...]:
    counts: Dict[str, int] = {}
    out = []
    for kind, text in notes:
        counts[kind] = counts.get(kind, 0) + 1
        out.append(Footnote(kind=kind, number=counts[kind], text=text))
    return tuple(out)


def proposal_from_text(text: str, parties: PartyNames = DEFAULT_PARTIES) -> Optional[Proposal]:
    """A proposal line typed by a user: ``"District 2024-05-09 15:35 District counter"``."""
    parts = text.split()
    if not parts:
        return None
    party = parties.canonical(parts[0])
    date, rest = None, parts[1:]
    if rest:
        from ..dates import normalise_date
        cand = rest[0]
        if len(rest) > 1 and ":" in rest[1]:
            cand = f"{rest[0]} {rest[1]}"
            rest = rest[2:]
        else:
            rest = rest[1:]
        date = normalise_date(cand)
        if date is None:
            date, _ = parse_date(cand)
    label = " ".join(rest) or (f"{party} proposal" if party else None)
    return Proposal(party=party, date=date, label=label)
