"""The bargaining log: one section per session date, newest first, in the style of the
district's published session log: who presented proposals on which articles, what was
tentatively agreed or withdrawn that day, and what is still open.

A session is a date on which a proposal is dated or an article was TA'd, withdrawn or
reopened; the log is built from the workspace alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Dict, List, Optional, Tuple

from .agreement_render import long_date
from .assembly import display_title
from .workspace import Event, Version, Workspace, check_date


@dataclass(frozen=True)
class Presented:
    article: str
    number: Optional[str]
    party: Optional[str]
    label: Optional[str]
    round: int
    date: str


@dataclass(frozen=True)
class OpenItem:
    article: str
    number: Optional[str]
    rounds: int
    last_party: Optional[str]
    last_label: Optional[str]
    last_date: str


@dataclass(frozen=True)
class Session:
    date: str  # YYYY-MM-DD
    first: bool  # the first session of the negotiation
    presented: Tuple[Presented, ...]
    agreed: Tuple[Event, ...]
    withdrawn: Tuple[Event, ...]
    reopened: Tuple[Event, ...]
    still_open: Tuple[OpenItem, ...]


@dataclass(frozen=True)
class BargainingLog:
    employer: str
    union: str
    term: Optional[str]
    sessions: Tuple[Session, ...]  # newest first
    numbers: Dict[str, Optional[str]]


def build_log(ws: Workspace, since: Optional[str] = None) -> BargainingLog:
    """Every session from the workspace (on or after ``since``), newest first."""
    since = check_date(since, "--since")
    chains: Dict[str, List[Version]] = {}
    numbers: Dict[str, Optional[str]] = {}
    for a in ws.articles():
        chains[a.title] = ws.chain(a, strict=False)
        numbers[a.title] = a.number
    events = ws.events()
    days = sorted({v.date[:10] for c in chains.values() for v in c} |
                  {e.date[:10] for e in events})
    sessions = []
    for i, day in enumerate(days):
        if since and day < since[:10]:
            continue
        presented = sorted(
            (Presented(title, numbers[title], v.party, v.proposal.label, v.round, v.date)
             for title, chain in chains.items() for v in chain if v.date[:10] == day),
            key=lambda p: (p.date, p.party or "", p.article))
        todays = [e for e in events if e.date[:10] == day]
        state: Dict[str, str] = {}
        # replay the states up to the end of the day, in the order they were recorded: a
        # TA dated after the fact still follows the reopening recorded before it
        for e in sorted(events, key=lambda e: e.seq):
            if e.date[:10] <= day:
                state[e.article] = {"ta": "ta", "withdraw": "withdrawn"}.get(e.kind, "open")
        still_open = []
        for title, chain in chains.items():
            so_far = [v for v in chain if v.date[:10] <= day]
            if so_far and state.get(title, "open") == "open":
                last = so_far[-1]
                still_open.append(OpenItem(title, numbers[title], len(so_far), last.party,
                                           last.proposal.label, last.date))
        sessions.append(Session(day, i == 0, tuple(presented),
                                tuple(e for e in todays if e.kind == "ta"),
                                tuple(e for e in todays if e.kind == "withdraw"),
                                tuple(e for e in todays if e.kind == "reopen"),
                                tuple(still_open)))
    info = ws.info
    return BargainingLog(info.employer, info.union, info.term, tuple(reversed(sessions)),
                         numbers)


# --- wording -------------------------------------------------------------------------------

def _party(log: BargainingLog, party: Optional[str], start: bool = False) -> str:
    if party == "Union":
        return log.union
    if party == "District":
        return "The District" if start else "the District"
    return party or ("A party" if start else "a party")


def _other(party: Optional[str]) -> Optional[str]:
    return {"District": "Union", "Union": "District"}.get(party or "")


def _article(title: str, number: Optional[str]) -> str:
    name = display_title(title)
    return f"Article {number}, {name}" if number else name


@dataclass(frozen=True)
class Block:
    """A paragraph, or (with bullets) a list and its lead-in: what markdown and HTML both
    say of a session."""

    text: str
    bullets: Tuple[str, ...] = ()


def _session_lines(log: BargainingLog, s: Session) -> List[Block]:
    when = long_date(s.date)
    items: List[Block] = []
    parties: List[Optional[str]] = []
    for p in s.presented:
        if p.party not in parties:
            parties.append(p.party)
    if s.presented:
        purpose = "to begin negotiations" if s.first else "to continue negotiations"
        items.append(Block(f"On {when}, the District and {log.union} met {purpose}."))
    else:
        items.append(Block(f"On {when}, the District and {log.union} met; no new "
                           "proposals were exchanged."))
    for party in parties:
        mine = [p for p in s.presented if p.party == party]
        lead = (f"{_party(log, party, start=True)} presented "
                f"{'a proposal' if len(mine) == 1 else 'proposals'} on:")
        items.append(Block(lead, tuple(
            f"{_article(p.article, p.number)}: {_short_label(p.label)}, round {p.round}"
            for p in mine)))
    if s.agreed:
        items.append(Block("The parties reached tentative agreement on:", tuple(
            f"{_article(e.article, log.numbers.get(e.article))}"
            + (f", at round {e.round} ({_party(log, e.version_party)}'s proposal of "
               f"{long_date(e.version_date)})" if e.round else "")
            + (f"; initialled {e.initials}" if e.initials else "") for e in s.agreed)))
    if s.withdrawn:
        items.append(Block("Withdrawn:", tuple(
            f"{_article(e.article, log.numbers.get(e.article))}"
            + (f", by {_party(log, e.party)}" if e.party else "") for e in s.withdrawn)))
    if s.reopened:
        items.append(Block("Reopened:", tuple(
            _article(e.article, log.numbers.get(e.article)) for e in s.reopened)))
    if s.still_open:
        items.append(Block("Next: still open after this session:", tuple(
            f"{_article(o.article, o.number)}: {o.rounds} "
            f"round{'s' if o.rounds != 1 else ''} so far; {_party(log, o.last_party)}'s "
            f"{_short_label(o.last_label)} of {long_date(o.last_date)} awaits "
            f"{_party(log, _other(o.last_party))}'s response" for o in s.still_open)))
    else:
        items.append(Block("Next: no article is open."))
    return items


def _short_label(label: Optional[str]) -> str:
    """``Union counter proposal`` as ``counter proposal`` (the party is said already)."""
    label = (label or "proposal").strip()
    for party in ("District", "Union"):
        if label.lower().startswith(party.lower() + " "):
            label = label[len(party) + 1:]
    return label or "proposal"


def _heading(log: BargainingLog) -> str:
    return f"{log.employer} & {log.union}"


def render_markdown(log: BargainingLog) -> str:
    lines = [f"# {_heading(log)}", ""]
    lines.append("Bargaining log" + (f", contract term {log.term}" if log.term else "") + ".")
    if not log.sessions:
        lines += ["", "No sessions yet."]
    for s in log.sessions:
        lines += ["", f"## {long_date(s.date)}"]
        for block in _session_lines(log, s):
            lines += ["", block.text]
            if block.bullets:
                lines.append("")
                lines.extend(f"- {b}" for b in block.bullets)
    return "\n".join(lines) + "\n"


def render_html(log: BargainingLog) -> str:
    from ..render.html import page

    parts = [f"<h1>{escape(_heading(log))}</h1>",
             "<p class=\"meta\">Bargaining log" +
             (f", contract term {escape(log.term)}" if log.term else "") + ".</p>"]
    if not log.sessions:
        parts.append("<p>No sessions yet.</p>")
    for s in log.sessions:
        parts.append(f'<section id="session-{escape(s.date)}"><h2>'
                     f"{escape(long_date(s.date))}</h2>")
        for block in _session_lines(log, s):
            parts.append(f"<p>{escape(block.text)}</p>")
            if block.bullets:
                parts.append("<ul>" + "".join(f"<li>{escape(b)}</li>" for b in block.bullets)
                             + "</ul>")
        parts.append("</section>")
    return page(f"Bargaining log: {_heading(log)}", "\n".join(parts))
