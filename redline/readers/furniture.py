"""Where a document says who proposed it and what its inks mean: the proposal lines and the
colour key, found in the page header, the footer, a cover block or the body's first lines,
and the inks taken in order where no key is printed (every such guess said).

:mod:`redline.readers.build` asks these questions for every format alike; the readers only
supply the header's runs and the body's blocks.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Dict, List, Optional, Sequence, Tuple

from ..model import ColourKeyEntry, Proposal, Span
from ..conventions.numbering import match_number
from .blocks import HeaderRun, RawParagraph, RawTable
from ..conventions.colours import ink as ink_of, is_neutral, nearest_colour
from ..conventions.dates import parse_date
from ..conventions.keys import colour_named_in, parse_key_entries, split_proposal_lines
from ..conventions.notes import note_of
from ..conventions.parties import DEFAULT_PARTIES, PartyNames
from ..conventions.proposals import parse_proposal_line, proposal_from_file_name, sender_line

# --- page furniture ------------------------------------------------------------------------

#: A stretch of ink this short that names no party and no date is a swatch or a colour word
#: printed in its ink ("■", "Blue -"): it colours the entry that follows it.
MAX_SWATCH_WORDS = 2


def header_items(paragraphs: Sequence[Sequence[HeaderRun]]) -> List[Tuple[str, Optional[str]]]:
    """Header text split into candidate entries, each with the colour it is printed in."""
    items: List[Tuple[str, Optional[str]]] = []
    for runs in paragraphs:
        coloured = {r.color for r in runs if r.text.strip()}
        if len(coloured) > 1:
            # one entry per stretch of one colour ("Blue - ...  Green - ...")
            stretches: List[Tuple[str, Optional[str]]] = []
            current, colour = "", None
            for r in runs:
                if r.text.strip() and r.color != colour and current.strip():
                    stretches.append((current, colour))
                    current = ""
                if r.text.strip():
                    colour = r.color
                current += r.text
            if current.strip():
                stretches.append((current, colour))
            for text, ink in swatches_joined(stretches):
                items.extend((piece, ink) for piece in split_proposal_lines(text))
        else:
            text = "".join(r.text for r in runs)
            colour = next(iter(coloured)) if coloured else None
            items.extend((piece, colour) for piece in split_proposal_lines(text))
    return items


def swatches_joined(stretches: List[Tuple[str, Optional[str]]]
                     ) -> List[Tuple[str, Optional[str]]]:
    """A swatch or a lone colour word in ink joined to the uncoloured words after it, which
    then take its ink ("<blue>Blue -</blue> District counter 05/09/24")."""
    out: List[Tuple[str, Optional[str]]] = []
    pending: Optional[Tuple[str, Optional[str]]] = None
    for text, ink in stretches:
        if pending is not None:
            if ink is None or is_neutral(ink):
                text, ink = pending[0] + text, pending[1]
            else:
                out.append(pending)
            pending = None
        swatch = (ink is not None and not is_neutral(ink)
                  and len(re.findall(r"\w+", text)) <= MAX_SWATCH_WORDS
                  and not parse_date(text)[0] and not DEFAULT_PARTIES.find(text))
        if swatch:
            pending = (text, ink)
        else:
            out.append((text, ink))
    if pending is not None:
        out.append(pending)
    return out


def read_furniture(paragraphs: Sequence[Sequence[HeaderRun]], parties: PartyNames,
                   warnings: Optional[List[str]] = None,
                   known: Sequence[Proposal] = (), others: Optional[List[str]] = None
                   ) -> Tuple[List[Proposal], List[ColourKeyEntry], List[str]]:
    """Proposal lines, colour key entries and the header lines as printed; ``others``, when
    given, receives the header's text that is neither (a title printed in the header).

    A key entry printed without a year takes it from the proposal line of the same party
    and day, else from the latest proposal line's year, said in ``warnings`` (a guess).  An
    entry printed with no date at all takes it from the one proposal line of its party (and
    kind: counter, initial) among these and ``known``; when several match, the latest,
    said in ``warnings``."""
    proposals: List[Proposal] = []
    legend: List[ColourKeyEntry] = []
    lines = ["".join(r.text for r in runs).strip() for runs in paragraphs]
    items = list(header_items(paragraphs))
    dated = [p for p in (parse_proposal_line(t, parties) for t, _ in items) if p is not None]
    dated += [p for p in known if p.date]

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

    def date_for(party: str, text: str) -> Optional[str]:
        kind = (parse_proposal_line(text + " 01/01/2000", parties) or Proposal()).label
        same = [p for p in dated if p.party == party]
        fits = [p for p in same if p.label == kind] or same
        dates = sorted({p.date for p in fits if p.date})
        if not dates:
            return None
        if len(dates) > 1 and warnings is not None:
            warnings.append(f"colour key entry {text!r} prints no date and {party} has "
                            f"{len(dates)} proposal lines: took the latest, {dates[-1]} (a "
                            "guess; give the key with --key to settle it)")
        return dates[-1]

    for text, colour in items:
        if colour is not None or colour_named_in(text):
            entries = parse_key_entries(text, colour, parties, year_for, date_for)
            if entries:
                legend.extend(entries)
                continue
        prop = parse_proposal_line(text, parties)
        if prop is not None:
            proposals.append(prop)
        elif others is not None and text.strip() and text.strip().rstrip(":").lower() not in (
                "color key", "colour key") and text.strip() not in others:
            others.append(" ".join(text.split()))
    return proposals, legend, [ln for ln in lines if ln]


def coloured(legend: Sequence[ColourKeyEntry]) -> bool:
    return any(e.color and not is_neutral(e.color) for e in legend)


#: How many blocks at the top of the body are searched for a colour key or a cover block.
DEFAULT_COVER_BLOCKS = 20
#: How many lines (not blank) at the top of the body may hold a cover block's proposal line.
DEFAULT_COVER_LINES = 8


def body_key(blocks: Sequence[object], parties: PartyNames, known: Sequence[Proposal],
              warnings: List[str]) -> Tuple[List[ColourKeyEntry], List[int], str]:
    """A colour key printed in the first lines of the body or in a table there (the header
    holds none): its entries, the indexes of the blocks that print it, and where it was
    (``body`` or ``table``).  The search stops at the first article or numbered clause."""
    legend: List[ColourKeyEntry] = []
    found: List[int] = []
    where = "body"
    for i, block in enumerate(blocks[:DEFAULT_COVER_BLOCKS]):
        if isinstance(block, RawParagraph):
            text = block.text.strip()
            if text and (match_number(text) or text.upper().startswith("ARTICLE ")):
                break
            paras = [[HeaderRun(s.text, s.color or s.highlight) for s in block.spans
                      if not s.strike]]
        elif isinstance(block, RawTable):
            paras = [[HeaderRun(s.text, s.color or s.highlight) for s in cell if not s.strike]
                     for row in block.rows for cell in row]
        else:
            continue
        _, entries, _ = read_furniture(paras, parties, warnings, known)
        if coloured(entries):
            legend.extend(entries)
            found.append(i)
            if isinstance(block, RawTable):
                where = "table"
    return legend, found, where


def plain_block(block: object) -> object:
    """A block that prints the colour key, its ink taken off: it is the key, not a round's
    insertion (its words stay in the document)."""
    def plain(spans: Sequence[Span]) -> List[Span]:
        return [replace(s, color=None, underline=False, highlight=None) for s in spans]

    if isinstance(block, RawParagraph):
        return replace(block, spans=plain(block.spans))
    if isinstance(block, RawTable):
        return RawTable(rows=[[plain(cell) for cell in row] for row in block.rows],
                        row_marks=list(block.row_marks))
    return block


#: Least share of the body's coloured characters an ink needs to be taken for a round when
#: the document prints no key (a stray coloured word is not a round).
DEFAULT_MIN_INK_SHARE = 0.02


def inks_in_order(spans: Sequence[Span], proposals: Sequence[Proposal]
                   ) -> List[ColourKeyEntry]:
    """With no colour key: the body's inks, in the order it first shows them, as the
    header's proposals oldest first (the real counter of issue 12, which lists its proposals
    and draws each round in an ink of its own).  Only for a header listing two proposals or
    more and a body with struck text.  As many inks as proposals: every proposal is a round
    over an unknown base text; one proposal more: the oldest is the black base.  Otherwise
    nothing: no guess is better than a wrong one."""
    chars: Dict[str, int] = {}
    for s in spans:
        ink = ink_of(s.color, s.highlight)
        if ink and s.text.strip():
            chars[ink] = chars.get(ink, 0) + len(s.text.strip())
    total = sum(chars.values())
    inks: List[str] = []
    for ink, n in chars.items():  # dicts keep the order of first appearance
        if n >= DEFAULT_MIN_INK_SHARE * total and nearest_colour(ink, inks) is None:
            inks.append(ink)
    dated = [p for p in proposals if p.date]
    if len(dated) < 2 or not any(s.strike for s in spans):
        # a header that lists proposals, and struck text: a redline; a clean proposal with
        # a coloured word or two is not one
        return []
    if not inks or len(dated) not in (len(inks), len(inks) + 1):
        return []
    rounds = dated[len(dated) - len(inks):]
    return [ColourKeyEntry(color=ink, party=p.party, date=p.date, label=p.label,
                           text=p.text or f"{p.party} {p.date}")
            for ink, p in zip(inks, rounds)]


def blank_dated(paragraphs: Sequence[Sequence[HeaderRun]], parties: PartyNames, source: str,
                 warnings: List[str]) -> List[Proposal]:
    """Header lines that name a proposal but leave its date blank ("UESF to SFUSD  Date:"):
    dated from the file name when it names the same party (a guess, said), else only said;
    a date is never invented."""
    out: List[Proposal] = []
    for text, _ in header_items(paragraphs):
        if parse_date(text)[0] or not sender_line(text, parties):
            continue
        party = parties.find(text)
        guess = proposal_from_file_name(source, parties)
        if guess is not None and guess.party == party:
            out.append(replace(guess, text=text))
            warnings.append(f"the proposal line {text.strip()!r} leaves its date blank: took "
                            f"{guess.date} from the file name (a guess; give --round "
                            f"\"{party} DATE LABEL\" to settle it)")
        else:
            warnings.append(f"the proposal line {text.strip()!r} leaves its date blank and the "
                            f"file name gives none: give --round \"{party} DATE LABEL\"")
    return out


def cover_proposals(blocks: Sequence[object], parties: PartyNames) -> List[Proposal]:
    """Proposal lines printed at the top of the body (a cover block), also the two-line form
    "SFUSD Proposal for District Stability" over "February 5, 2026"."""
    out: List[Proposal] = []
    texts = [" ".join(b.text.split()) for b in blocks[:DEFAULT_COVER_BLOCKS]
             if isinstance(b, RawParagraph)]
    texts = [t for t in texts if t][:DEFAULT_COVER_LINES]  # blank lines of a cover skipped
    for k, text in enumerate(texts):
        if note_of(text, parties) is not None:
            continue
        prop = parse_proposal_line(text, parties)
        if prop is None and k + 1 < len(texts) and not parse_date(text)[0]:
            date, m = parse_date(texts[k + 1])
            alone = m is not None and len(texts[k + 1]) - (m.end() - m.start()) <= 12
            if date and alone:
                prop = parse_proposal_line(f"{text} {texts[k + 1]}", parties)
        if prop is not None:
            out.append(prop)
    return out


