"""The workspace's records: what its queries return (frozen dataclasses)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional, Tuple

from ..model import Proposal


#: The two parties, as the workspace and the package name them.
ROLES = ("District", "Union")


@dataclass(frozen=True)
class WorkspaceInfo:
    employer: str
    union: str
    term: Optional[str]
    aliases: Dict[str, Tuple[str, ...]]
    created: str
    employer_full: str = ""  # "Stockton Unified School District" (default: employer)
    employer_acronym: str = ""  # how the cover names it in brackets (default: District)
    union_full: str = ""  # "National Union of Healthcare Workers" (default: union)
    union_acronym: str = ""  # NUHW (default: union)

    def party(self, role: str, team: Tuple["Signatory", ...] = ()) -> "PartyRecord":
        """One party's names (defaults filled in) and its team."""
        if role == "District":
            return PartyRecord(role, self.employer_full or self.employer,
                               self.employer_acronym or "District", team)
        return PartyRecord(role, self.union_full or self.union,
                           self.union_acronym or self.union, team)


@dataclass(frozen=True)
class Signatory:
    party: str  # District | Union
    name: str
    title: str = ""

    @property
    def line(self) -> str:
        """"Tara Draper, Lead Negotiator", as the package prints it."""
        return f"{self.name}, {self.title}" if self.title else self.name


@dataclass(frozen=True)
class PartyRecord:
    """A party as the tentative agreement names it: full name, acronym, signatories."""

    role: str  # District | Union
    name: str
    acronym: str
    team: Tuple[Signatory, ...] = ()

    @property
    def named(self) -> str:
        """"National Union of Healthcare Workers (NUHW)"; the name alone when the acronym
        is the name."""
        return self.name if self.acronym == self.name else f"{self.name} ({self.acronym})"


@dataclass(frozen=True)
class StoredProposal:
    id: int
    sha256: str
    filename: str
    format: str
    bytes: int
    party: Optional[str]
    date: str
    label: Optional[str]
    added_at: str
    articles: Tuple[str, ...] = ()  # titles of the articles it holds

    @property
    def sha12(self) -> str:
        return self.sha256[:12]

    @property
    def proposal(self) -> Proposal:
        return Proposal(party=self.party, date=self.date, label=self.label)

    def to_dict(self) -> dict:
        return {"sha256": self.sha256, "filename": self.filename, "format": self.format,
                "bytes": self.bytes, "party": self.party, "date": self.date,
                "label": self.label, "added_at": self.added_at,
                "articles": list(self.articles)}


@dataclass(frozen=True)
class ArticleRecord:
    id: int
    key: str
    title: str
    number: Optional[str]
    state: str
    state_date: Optional[str]
    ta_version: Optional[int]
    ta_initials: Optional[str]


@dataclass(frozen=True)
class Version:
    """One round of an article's chain: the article as it stands in one stored proposal."""

    id: int
    article_id: int
    proposal: StoredProposal
    position: int
    title: str
    number: Optional[str]
    clauses: int
    text_sha: str = ""  # the same text read from another file has the same hash
    round: int = 0  # 1-based place in the chain (0: not in the chain, replaced)

    @property
    def date(self) -> str:
        return self.proposal.date

    @property
    def party(self) -> Optional[str]:
        return self.proposal.party


@dataclass(frozen=True)
class StatusRow:
    article: str
    number: Optional[str]
    rounds: int
    last_party: Optional[str]
    last_date: Optional[str]
    last_label: Optional[str]
    state: str  # open | ta | withdrawn
    state_date: Optional[str]
    ta_round: Optional[int]
    initials: Optional[str]
    note: str = ""

    @property
    def state_text(self) -> str:
        if self.state == "ta":
            return f"TA'd {self.state_date}" + (f" (round {self.ta_round})"
                                                if self.ta_round else "")
        if self.state == "withdrawn":
            return f"withdrawn {self.state_date or ''}".strip()
        return "open"

    def to_dict(self) -> dict:
        return {"article": self.article, "number": self.number, "rounds": self.rounds,
                "last_party": self.last_party, "last_date": self.last_date,
                "last_label": self.last_label, "state": self.state,
                "state_date": self.state_date, "ta_round": self.ta_round,
                "initials": self.initials, "note": self.note}


@dataclass(frozen=True)
class Event:
    article: str
    kind: str  # ta | withdraw | reopen
    date: str
    party: Optional[str] = None
    initials: Optional[str] = None
    round: Optional[int] = None
    version_party: Optional[str] = None
    version_date: Optional[str] = None
    seq: int = 0  # the order it was recorded in (dates may be given after the fact)


@dataclass(frozen=True)
class AddResult:
    status: str  # added | exists
    path: str
    proposal: StoredProposal
    notes: Tuple[str, ...] = ()
