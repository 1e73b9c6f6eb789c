"""From a reader's blocks to the document model, the same way for every format.

Takes the proposal line and the colour key the page furniture gives
(:mod:`redline.readers.furniture`), has :mod:`redline.conventions.marks` give every marked
span its round (through the key for colour-keyed redlines, through author and date for
tracked changes), and segments every round's clean text into articles and clauses.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Dict, List, Optional, Sequence, Tuple

from ..conventions import KnownConventions
from ..conventions.colours import colour_name, ink as ink_of, is_neutral
from ..conventions.dates import parse_date
from ..conventions.keys import colour_named_in
from ..conventions.marks import (AGREED_WORDS, assign_origin, colour_rounds,
                                 is_by_party, mark_span, marks_rounds, party_rounds,
                                 round_name, struck_words, tracked_rounds)
from ..conventions.notes import note_of
from ..conventions.numbering import BULLET_GLYPHS, match_number
from ..conventions.parties import DEFAULT_PARTIES, PartyNames, learn_aliases
from ..conventions.proposals import dedupe_proposals, proposal_from_file_name
from ..model import (BASE, DEL, INS, ColourKeyEntry, Conventions, Document, Footnote, Note,
                     PrintedLine, Proposal, Round, Span)
from .blocks import HeaderRun, RawDocument, RawParagraph, RawTable
from .furniture import (blank_dated, body_key, coloured, cover_proposals, header_items,
                        inks_in_order, plain_block, read_furniture)
from .segment import Para, para_from_spans, segment, squash, view_text

log = logging.getLogger("redline")


@dataclass(frozen=True)
class ReadOptions:
    """How to read: what is known of the conventions from outside the document (party
    names and aliases, a colour key or proposal that settles a guess) and a PDF password."""

    conventions: KnownConventions = field(default_factory=KnownConventions)
    password: Optional[str] = None

    @property
    def parties(self) -> PartyNames:
        return self.conventions.parties

    @property
    def key(self) -> Tuple[ColourKeyEntry, ...]:
        return self.conventions.key

    @property
    def proposal(self) -> Optional[Proposal]:
        return self.conventions.proposal

    def settled(self, **given) -> "ReadOptions":
        """These options with ``given`` conventions settled (``key=``, ``proposal=``,
        ``parties=``)."""
        return replace(self, conventions=replace(self.conventions, **given))


def agreed_inks(paragraphs: Sequence[Sequence[HeaderRun]], parties: PartyNames) -> List[str]:
    """The inks a key gives agreed language ("Green - Agreed Language"): entries of no
    party that name agreement, in the colour they name or are printed in."""
    out: List[str] = []
    for text, colour in header_items(paragraphs):
        if len(text) > 80 or not AGREED_WORDS.search(text) or parties.find(text):
            continue
        ink = colour_named_in(text) or colour
        if ink and not is_neutral(ink) and ink.upper() not in out:
            out.append(ink.upper())
    return out


def _where(block: object, number: int) -> str:
    """Where a block is, for a warning: its number in the body and how it starts."""
    if isinstance(block, RawParagraph):
        words = block.text.split()
        start = " ".join(words[:8]) + (" ..." if len(words) > 8 else "")
        return f"in paragraph {number} {start!r}"
    return f"in the table at block {number}"


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


def typed_bullet(para: RawParagraph) -> RawParagraph:
    """A paragraph opening with a bullet typed as text ("\u2022 Step 5.", Word's Symbol
    bullet U+F0B7) read as a bulleted item, as a PDF's drawn bullet is and a Word list's
    bullet is: the same document as DOCX and as PDF reads alike.  A bullet in an ink the
    text after it does not have (a key entry's swatch) stays text."""
    if para.list_kind is not None or not para.spans:
        return para
    text = para.text
    if len(text) < 3 or text[0] not in BULLET_GLYPHS or not text[1].isspace():
        return para
    cut = len(text) - len(text[1:].lstrip())  # the bullet and the space after it
    first = para.spans[0]
    after = next((s for s in para.spans if s.text.strip() and s is not first), first) \
        if len(first.text.strip()) <= 1 else first

    swatch = ink_of(first.color, first.highlight)
    if swatch is not None and swatch != ink_of(after.color, after.highlight):
        return para
    spans = []
    for span in para.spans:
        if cut <= 0:
            spans.append(span)
        elif len(span.text) <= cut:
            cut -= len(span.text)
        else:
            spans.append(replace(span, text=span.text[cut:]))
            cut = 0
    return replace(para, spans=spans, list_kind="bullet")


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
    blocks = [typed_bullet(b) if isinstance(b, RawParagraph) else b for b in raw.blocks]
    cover = cover_proposals(blocks, parties)
    before = len(warnings)
    header_text: List[str] = []
    proposals, legend, header_lines = read_furniture(raw.header_paragraphs, parties, warnings,
                                                     cover, header_text)
    key_source = "header" if coloured(legend) else "none"
    if not coloured(legend) and raw.footer_lines:
        # the footer lines with their inks where the reader has them (DOCX, PDF)
        footer = raw.footer_paragraphs or [[HeaderRun(t)] for t in raw.footer_lines]
        _, footer_key, _ = read_furniture(footer, parties, warnings, cover + proposals)
        if coloured(footer_key):
            legend, key_source = legend + footer_key, "footer"
    if not coloured(legend):
        in_body, key_blocks, found_in = body_key(blocks, parties, proposals + cover, warnings)
        # one coloured line at the top of a clean proposal (a title in blue that names a
        # party and a date) is no key: a key has two entries, or the body strikes text
        struck = any(s.strike for s in _iter_spans(blocks))
        if in_body and (len(in_body) >= 2 or struck):
            legend, key_source = legend + in_body, found_in
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
    marked = any(s.strike or ink_of(s.color, s.highlight) for s in spans)
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
    # no key and no ink, but words struck in a document that names its proposal: the
    # black-and-white redline (struck deleted, underlined inserted); struck words in an ink
    # the key does not explain, or in a document that names no proposal (strikethrough as
    # formatting), stay a warning
    inked = any(ink_of(s.color, s.highlight) for s in spans)
    black = not tracked and not colour_keyed and not inked and bool(proposals) and \
        struck_words(spans)
    if not tracked and not colour_keyed and not black and marked and \
            any(s.strike for s in spans):
        warnings.append("struck text but no colour key in the header: read as a plain "
                        "proposal (give the key with --key)")
    mode = ("tracked" if tracked else "colour" if colour_keyed else "marks" if black
            else "plain")

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
    spaces_inferred = fmt == "pdf"
    if mode != "plain":
        agreed = agreed_inks(raw.header_paragraphs, parties) if mode == "colour" else []
        by_party = mode == "colour" and not options.key and is_by_party(legend, agreed)
        table = (party_rounds(proposals, legend, agreed) if by_party
                 else colour_rounds(proposals, legend) if mode == "colour"
                 else marks_rounds(proposals) if mode == "marks"
                 else tracked_rounds(spans, dedupe_proposals(proposals), parties))
        if mode == "colour" and len(table.proposals) < 2:
            mode = "plain"
        else:
            new_blocks: List[object] = []
            for number, block in enumerate(blocks, start=1):
                where = partial(_where, block, number)  # worked out only for a warning
                if isinstance(block, RawParagraph):
                    marked_spans = [mark_span(s, table, mode, warnings, where)
                                    for s in block.spans]
                    if mode == "colour" and not table.by_party:
                        marked_spans = assign_origin(marked_spans, table)
                    mark = block.mark
                    new_blocks.append(replace(block, spans=marked_spans, mark=mark))
                elif isinstance(block, RawTable):
                    rows = [[(assign_origin([mark_span(s, table, mode, warnings, where)
                                              for s in cell], table)
                              if mode == "colour" and not table.by_party else
                              [mark_span(s, table, mode, warnings, where) for s in cell])
                             for cell in row] for row in block.rows]
                    row_marks = [(mark_span(m, table, mode, warnings, where) if m else None)
                                 for m in block.row_marks]
                    new_blocks.append(RawTable(rows=rows, row_marks=row_marks))
                else:
                    new_blocks.append(block)
            blocks = new_blocks
            out_rounds = []
            for k, prop in enumerate(table.proposals, start=1):
                views = [_para_views(b, k, (), spaces_inferred) for b in blocks]
                out_rounds.append(Round(proposal=prop, articles=segment(views, parties),
                                        color=table.colours[k - 1]))
            rounds = tuple(out_rounds)
            for ink, key in table.by_hue.items():
                k = max(r for c, r in (table.inks or []) if c == key)
                table.warnings.append(
                    f"ink {ink} is not a colour of the key: read as {colour_name(key)} "
                    f"({key}, {round_name(table.proposals[k - 1])}), the key colour of its "
                    "hue; give the key with --key to settle it")
            warnings.extend(table.warnings)
            guesses.extend(table.warnings)
    views = [_para_views(b, None, comment_notes.get(i, ()), spaces_inferred)
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
        if not dated and legend and not options.key:
            # no redline after all: a proposal line printed in ink ("District Counter
            # Proposal 2/7/2026" in red) was read as a key entry, which names the proposal
            dated = dedupe_proposals([Proposal(e.party, e.date, e.label, e.text)
                                      for e in legend if e.party and e.date])
            if dated:
                proposal_source = key_source.split(" ")[0]
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
        key_convention="by-party" if by_party else "by-round",
        earlier_rounds_lost=by_party or mode == "marks", left_out=tuple(left_out))
    return Document(source=source, format=fmt, proposal=proposal, legend=tuple(legend),
                    articles=articles, rounds=rounds, header_lines=tuple(header_lines),
                    header_text=tuple(header_text),
                    footer_lines=tuple(raw.footer_lines),
                    furniture=tuple(raw.furniture) or tuple(
                        [PrintedLine("header", ln) for ln in header_lines] +
                        [PrintedLine("footer", ln) for ln in raw.footer_lines]),
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
        from ..conventions.dates import normalise_date
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
