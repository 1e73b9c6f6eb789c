"""From a reader's blocks to the document model, the same way for every format.

Takes the proposal line and the colour key the page furniture gives
(:mod:`redline.readers.furniture`), gives every marked span its round (through the key for
colour-keyed redlines, through author and date for tracked changes), and segments every
round's clean text into articles and clauses.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from ..colours import colour_name, nearest_hue
from ..model import (BASE, DEL, INS, ColourKeyEntry, Conventions, Document, Footnote, Note,
                     Proposal, Round, Span)
from ..numbering import match_number
from .blocks import HeaderRun, RawDocument, RawParagraph, RawTable
from .legend import (DEFAULT_PARTIES, PartyNames, colour_named_in, dedupe_proposals,
                     is_neutral, learn_aliases, nearest_colour, parse_date,
                     proposal_from_file_name)
from .furniture import (blank_dated, body_key, coloured, cover_proposals, header_items,
                        inks_in_order, plain_block, read_furniture)
from .segment import Para, note_of, para_from_spans, segment, squash, view_text

log = logging.getLogger("redline")


@dataclass(frozen=True)
class ReadOptions:
    """How to read: party names and aliases, a PDF password; and what settles a guess: a
    colour key given by the user (``key``: it replaces the key the document prints, or the
    inks the reader would take in order) and the proposal (``proposal``: party, date and
    label of a clean document that prints none, or prints another)."""

    parties: PartyNames = field(default_factory=lambda: DEFAULT_PARTIES)
    password: Optional[str] = None
    key: Tuple[ColourKeyEntry, ...] = ()
    proposal: Optional[Proposal] = None


# --- rounds --------------------------------------------------------------------------------

@dataclass
class RoundTable:
    """The rounds of a redline and how to recognise each one's marks."""

    proposals: List[Proposal]
    colours: List[Optional[str]]  # per round; the base round has None (black)
    warnings: List[str] = field(default_factory=list)
    #: every ink the key gives and the (1-based) round its marks belong to; None: the
    #: colours above, one per round
    inks: Optional[List[Tuple[str, int]]] = None
    #: inks read by their hue, not their value (ink -> key colour), for the report
    by_hue: Dict[str, str] = field(default_factory=dict)
    #: the party names authors are read with (those learned from the document too)
    names: Optional[PartyNames] = None
    #: the by-party convention: two rounds (before the latest, the latest); the inks of
    #: agreed language (base text) in ``agreed``
    by_party: bool = False
    agreed: Tuple[str, ...] = ()

    def by_colour(self, colour: Optional[str]) -> Optional[int]:
        if colour is None or is_neutral(colour):
            return 1
        inks = self.inks if self.inks is not None else [
            (c, k) for k, c in enumerate(self.colours, start=1) if c]
        palette = [c for c, _ in inks]
        hit = nearest_colour(colour, palette)
        if hit is None:
            # an ink near a named key colour but not within the tolerance (Word's blue
            # 0070C0 for a key that says "Blue"): the key colour of the same hue, if one
            hit = nearest_hue(colour, palette)
            if hit is None:
                return None
            self.by_hue[colour.upper()] = hit
        return max(k for c, k in inks if c == hit)

    def by_author(self, author: Optional[str], date: Optional[str]) -> int:
        for i, p in enumerate(self.proposals):
            if p.party == author and (p.date or "")[:10] == (date or "")[:10]:
                return i + 1
        return len(self.proposals)


def _colour_rounds(proposals: List[Proposal], legend: List[ColourKeyEntry]) -> RoundTable:
    items = list(proposals) + [Proposal(e.party, e.date, e.label, e.text) for e in legend]
    rounds = dedupe_proposals(items)
    colours: List[Optional[str]] = []
    keyed: List[List[str]] = []  # every ink the key gives each round
    for p in rounds:
        colour = None
        mine: List[str] = []
        for e in legend:
            if e.party == p.party and _same_time(e.date, p.date):
                if e.color and not is_neutral(e.color):
                    colour = e.color
                    if e.color not in mine:
                        mine.append(e.color)
        colours.append(colour)
        keyed.append(mine)
    if rounds and all(colours):
        # every entry of the key has a colour: the black base text is a round of its own
        rounds.insert(0, Proposal(label="Base text"))
        colours.insert(0, None)
        keyed.insert(0, [])
    warnings: List[str] = []
    inks: List[Tuple[str, int]] = []
    for ink in dict.fromkeys(c for mine in keyed for c in mine):
        owners = [k for k, mine in enumerate(keyed, start=1) if ink in mine]
        if len(owners) > 1:
            # one ink keyed to several rounds: its marks cannot say which; they go to the
            # latest of those rounds that has no ink of its own, else to the latest
            alone = [k for k in owners if len(keyed[k - 1]) == 1]
            chosen = max(alone or owners)
            names = ", ".join(_round_name(rounds[k - 1]) for k in owners)
            why = (" (the others have inks of their own)"
                   if alone and len(alone) < len(owners) else "")
            warnings.append(f"ink {colour_name(ink)} ({ink}) is keyed to {len(owners)} rounds "
                            f"({names}): its marks are read as {_round_name(rounds[chosen - 1])}"
                            f"{why}; give the key with --key to settle it")
            owners = [chosen]
        inks.append((ink, owners[0]))
    for k, mine in enumerate(keyed, start=1):
        if k > 1 and mine and not any(r == k for _, r in inks):
            warnings.append(f"round {_round_name(rounds[k - 1])} has no ink of its own: its "
                            "text is read as the round before it (give the key with --key "
                            "to settle it)")
    return RoundTable(rounds, colours, warnings, inks=inks)


_AGREED = re.compile(r"\bagreed\b|\btentative(?:ly)?\s+agreed\b|\bTA'?d\b", re.I)


def agreed_inks(paragraphs: Sequence[Sequence[HeaderRun]], parties: PartyNames) -> List[str]:
    """The inks a key gives agreed language ("Green - Agreed Language"): entries of no
    party that name agreement, in the colour they name or are printed in."""
    out: List[str] = []
    for text, colour in header_items(paragraphs):
        if len(text) > 80 or not _AGREED.search(text) or parties.find(text):
            continue
        ink = colour_named_in(text) or colour
        if ink and not is_neutral(ink) and ink.upper() not in out:
            out.append(ink.upper())
    return out


def is_by_party(legend: Sequence[ColourKeyEntry], agreed: Sequence[str]) -> bool:
    """Whether a key is the by-party convention: one ink per party, the same for all its
    rounds, with an entry for agreed language or two parties of two rounds or more each."""
    inks: Dict[str, set] = {}
    rounds: Dict[str, set] = {}
    for e in legend:
        if e.party and e.color and not is_neutral(e.color):
            inks.setdefault(e.party, set()).add(e.color.upper())
            rounds.setdefault(e.party, set()).add((e.date or "")[:10])
    if len(inks) < 2 or any(len(v) != 1 for v in inks.values()):
        return False
    if len({c for v in inks.values() for c in v}) != len(inks):
        return False  # two parties in one ink: not one ink per party
    return bool(agreed) or sum(1 for v in rounds.values() if len(v) >= 2) >= 2


def _party_rounds(proposals: List[Proposal], legend: List[ColourKeyEntry],
                  agreed: Sequence[str]) -> RoundTable:
    """The two versions a by-party redline holds: the text before the latest round (round 1)
    and the latest (round 2); earlier rounds are not in it and are never invented."""
    items = list(proposals) + [Proposal(e.party, e.date, e.label, e.text) for e in legend]
    dated = dedupe_proposals(items)
    latest = dated[-1]
    before = dated[-2] if len(dated) > 1 else Proposal(label="Before the latest round")
    ink = next((e.color for e in legend if e.party == latest.party and e.color), None)
    inks = [(e.color.upper(), 2) for e in legend if e.color and not is_neutral(e.color)]
    names = ", ".join(f"{colour_name(e.color)} = {e.party}" for e in legend
                      if e.color and not is_neutral(e.color))
    names = ", ".join(dict.fromkeys(names.split(", ")))
    if agreed:
        names += ", " + ", ".join(f"{colour_name(c)} = agreed language" for c in agreed)
    warning = (f"by-party colour key ({names}): the redline holds two versions, the text "
               f"before the latest round ({_round_name(before)}) and the latest "
               f"({_round_name(latest)}); the earlier rounds cannot be recovered from it")
    return RoundTable([before, latest], [None, ink], [warning], inks=inks, by_party=True,
                      agreed=tuple(agreed))


def _mark_by_party(s: Span, table: RoundTable) -> Span:
    """By party: only the latest round's changes are underlined; text that stands in the
    party's ink without an underline was there before it; struck text not underlined was
    struck earlier (in neither version)."""
    ink = s.color if s.color and not is_neutral(s.color) else (
        s.highlight if s.highlight and not is_neutral(s.highlight) else None)
    base = table.proposals[0]
    latest = table.proposals[1]
    if ink is None or nearest_colour(ink, table.agreed) is not None:
        if s.strike:  # black struck text: struck before, in neither version
            return replace(s, kind=DEL, round=1, origin_round=1, party=base.party,
                           date=base.date)
        return replace(s, kind=BASE, round=1, party=base.party, date=base.date)
    if s.strike:
        return replace(s, kind=DEL, round=2 if s.underline else 1, origin_round=1,
                       party=latest.party if s.underline else base.party,
                       date=latest.date if s.underline else base.date)
    if s.underline:
        return replace(s, kind=INS, round=2, party=latest.party, date=latest.date)
    return replace(s, kind=BASE, round=1, party=base.party, date=base.date)


def _same_time(a: Optional[str], b: Optional[str]) -> bool:
    """Whether two dates name one proposal: the same day, and the same time when both give
    one (two counters of one party on one day, at 10:30 and at 15:35, are two rounds)."""
    a, b = a or "", b or ""
    if "T" in a and "T" in b:
        return a == b
    return a[:10] == b[:10]


def _round_name(p: Proposal) -> str:
    return " ".join(x for x in (p.party, p.date) if x) or (p.label or "the base text")


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
    return RoundTable([first] + revs, [None] * (len(revs) + 1), names=parties)


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
    if table.by_party:
        return _mark_by_party(s, table)
    found = table.by_colour(s.color)
    if found == 1 and s.highlight and not is_neutral(s.highlight):
        # no ink of its own: the colour behind it is its round's, when the key has it
        behind = table.by_colour(s.highlight)
        if behind is not None:
            found = behind
        else:
            msg = (f"highlight {s.highlight} is not a colour of the key: "
                   f"{s.text.strip()[:40]!r} read as unmarked text (if it marks a round, "
                   "give the key with --key)")
            if msg not in warnings:
                warnings.append(msg)
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
    return (table.names or DEFAULT_PARTIES).find(s.party or "") or s.party


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
    warnings = list(raw.warnings)
    guesses: List[str] = []
    header_texts = ["".join(r.text for r in runs) for runs in raw.header_paragraphs]
    parties, learned, alias_guesses = learn_aliases(
        header_texts + [b.text for b in raw.blocks if isinstance(b, RawParagraph)],
        options.parties, source)
    warnings.extend(alias_guesses)
    guesses.extend(alias_guesses)
    blocks = list(raw.blocks)
    cover = cover_proposals(blocks, parties)
    before = len(warnings)
    header_text: List[str] = []
    proposals, legend, header_lines = read_furniture(raw.header_paragraphs, parties, warnings,
                                                     cover, header_text)
    key_source = "header" if coloured(legend) else "none"
    if not coloured(legend) and raw.footer_lines:
        # the footer lines with their inks where the reader has them (DOCX)
        footer = (getattr(raw, "footer_paragraphs", None)
                  or [[HeaderRun(t)] for t in raw.footer_lines])
        _, footer_key, _ = read_furniture(footer, parties, warnings, cover + proposals)
        if coloured(footer_key):
            legend, key_source = legend + footer_key, "footer"
    if not coloured(legend):
        in_body, key_blocks, where = body_key(blocks, parties, proposals + cover, warnings)
        # one coloured line at the top of a clean proposal (a title in blue that names a
        # party and a date) is no key: a key has two entries, or the body strikes text
        struck = any(s.strike for s in _iter_spans(blocks))
        if in_body and (len(in_body) >= 2 or struck):
            legend, key_source = legend + in_body, where
            for i in key_blocks:
                blocks[i] = plain_block(blocks[i])
    proposals.extend(blank_dated(raw.header_paragraphs, parties, source, warnings))
    guesses.extend(warnings[before:])
    header_proposals = bool(proposals)
    # proposal lines printed at the top of the body (cover blocks) count too
    proposals.extend(cover)
    proposal_source = ("header" if header_proposals else "cover block" if cover else "none")
    spans = list(_iter_spans(blocks))
    tracked = any(s.kind != BASE for s in spans)
    marked = any((s.color and not is_neutral(s.color)) or s.strike or
                 (s.highlight and not is_neutral(s.highlight)) for s in spans)
    if options.key:
        # the user's key settles it: the printed key (or the inks in order) is not used
        legend = list(options.key)
        key_source = "key file" + (f" (printed in the {key_source}, not used)"
                                   if key_source != "none" else "")
    if not tracked and marked and not coloured(legend):
        inferred = inks_in_order(spans, dedupe_proposals(proposals))
        if inferred:
            legend = legend + inferred
            key_source = "inferred"
            msg = ("no colour key: the inks are taken to be the header's proposals in the "
                   "order the body shows them (" + ", ".join(
                       f"{colour_name(e.color)} {e.color} = {e.party} {e.date}"
                       for e in inferred) + "); give the key with --key to settle it")
            warnings.append(msg)
            guesses.append(msg)
    colour_keyed = not tracked and marked and coloured(legend)
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
    by_party = False
    # a PDF's spaces are inferred from gaps: who owns one beside a mark is decided per view
    inferred = fmt == "pdf"
    if mode != "plain":
        agreed = agreed_inks(raw.header_paragraphs, parties) if mode == "colour" else []
        by_party = mode == "colour" and not options.key and is_by_party(legend, agreed)
        table = (_party_rounds(proposals, legend, agreed) if by_party
                 else _colour_rounds(proposals, legend) if mode == "colour"
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
                    if mode == "colour" and not table.by_party:
                        marked_spans = _assign_origin(marked_spans, table)
                    mark = block.mark
                    new_blocks.append(replace(block, spans=marked_spans, mark=mark))
                elif isinstance(block, RawTable):
                    rows = [[(_assign_origin([_mark_span(s, table, mode, warnings, where)
                                              for s in cell], table)
                              if mode == "colour" and not table.by_party else
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
            for ink, key in table.by_hue.items():
                k = max(r for c, r in (table.inks or []) if c == key)
                table.warnings.append(
                    f"ink {ink} is not a colour of the key: read as {colour_name(key)} "
                    f"({key}, {_round_name(table.proposals[k - 1])}), the key colour of its "
                    "hue; give the key with --key to settle it")
            warnings.extend(table.warnings)
            guesses.extend(table.warnings)
    views = [_para_views(b, None, comment_notes.get(i, ()), inferred)
             for i, b in enumerate(blocks)]
    left_out: List[str] = []
    articles = segment(views, parties, left_out)
    # the lines of a two-line proposal line in a cover block were read, not left out
    cover_lines = [" ".join(p.text.split()) for p in cover if p.text]
    left_out = [t for t in left_out if not any(" ".join(t.split()) in c for c in cover_lines)]
    if rounds:
        proposal = rounds[-1].proposal
    else:
        dated = dedupe_proposals(proposals)
        proposal = dated[-1] if dated else Proposal()
    if options.proposal is not None and not rounds:
        proposal, proposal_source = options.proposal, "--round"
    if not proposal.known and not rounds:
        guess = proposal_from_file_name(source, parties)
        if guess is not None:
            proposal, proposal_source = guess, "file name"
            msg = (f"no proposal line in the document: {guess.party} {guess.date} "
                   f"({guess.label}) guessed from the file name; give --round "
                   f"\"PARTY DATE LABEL\" to settle it")
            warnings.append(msg)
            guesses.append(msg)
    for w_ in warnings:
        log.warning("%s: %s", source, w_)
    conventions = Conventions(
        key_source=key_source if mode == "colour" or key_source == "none" else
        f"{key_source} (not used: {mode} document)", marks=_marks_seen(raw, spans),
        mode=mode, proposal_source=proposal_source, numbering=_numbering_source(raw),
        aliases=tuple(learned), guesses=tuple(dict.fromkeys(guesses)),
        key_convention="by-party" if by_party else "by-round", earlier_rounds_lost=by_party,
        left_out=tuple(left_out))
    return Document(source=source, format=fmt, proposal=proposal, legend=tuple(legend),
                    articles=articles, rounds=rounds, header_lines=tuple(header_lines),
                    header_text=tuple(header_text),
                    footer_lines=tuple(raw.footer_lines),
                    warnings=tuple(warnings), footnotes=_numbered_notes(raw.footnotes),
                    conventions=conventions)


def _marks_seen(raw: RawDocument, spans: Sequence[Span]) -> Tuple[str, ...]:
    """The mark styles the body uses, as words (the DOCX reader says which of them are
    double or drawn as highlight or shading)."""
    seen: Dict[str, int] = dict(getattr(raw, "mark_styles", None) or {})
    for s in spans:
        if not s.text.strip():
            continue
        if s.kind == INS:
            seen.setdefault("tracked insertion", 1)
        elif s.kind == DEL:
            seen.setdefault("tracked deletion", 1)
        if s.strike:
            seen.setdefault("strike", 1)
        if s.underline:
            seen.setdefault("underline", 1)
        if s.color and not is_neutral(s.color):
            seen.setdefault("colour", 1)
    return tuple(sorted(seen))


def _numbering_source(raw: RawDocument) -> str:
    """``word`` when clause numbers are Word's automatic numbering, ``typed`` when they are
    typed, ``both`` when the document mixes them."""
    word = typed = False
    for b in raw.blocks:
        if isinstance(b, RawParagraph):
            if b.num_label:
                word = True
            elif not typed and match_number(b.text.strip()):
                typed = True  # (one typed number says it: no need to read every line)
            if word and typed:
                break
    return "both" if word and typed else "word" if word else "typed"


def _numbered_notes(notes: Sequence[Tuple]) -> Tuple[Footnote, ...]:
    counts: Dict[str, int] = {}
    out = []
    for kind, text, *more in notes:
        counts[kind] = counts.get(kind, 0) + 1
        original, marked = (list(more) + [None, False])[:2]
        out.append(Footnote(kind=kind, number=counts[kind], text=text, original=original,
                            marked=bool(marked)))
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
