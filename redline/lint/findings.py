"""What the drafting lint reports: a finding with its code, and the table of codes."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, List, Sequence, Tuple

#: code -> (name, what it finds).  The codes are stable: scripts select and ignore them.
CODES: Dict[str, Tuple[str, str]] = {
    "RL101": ("number-mismatch", "a number's words and figure disagree: \"fifteen (10)\""),
    "RL102": ("run-together", "two figures side by side, as struck and inserted text left "
                              "together: \"2% 4%\", \"fifteen (15) ten (10)\""),
    "RL201": ("x-placeholder", "clause numbers that still carry the article placeholder X "
                               "(X.1, X.2.1), or \"this Article X\""),
    "RL202": ("reference-placeholder", "a reference with no number: \"Article? Recognition\", "
                                       "\"Section (HOURS)\""),
    "RL203": ("blank", "text left to fill in: TBD, [insert ...], ___"),
    "RL301": ("dangling-reference", "a reference to a section or article the document does "
                                    "not hold: \"Section X.3.7\", \"Article 18\""),
    "RL401": ("duplicate-number", "two clauses of an article with one number"),
    "RL402": ("skipped-number", "a clause number skipped: X.1 then X.3"),
    "RL403": ("out-of-order", "a clause number lower than the one before it"),
    "RL501": ("party-names", "one party named several ways: \"Health Workers\" / "
                             "\"Healthcare Workers\""),
    "RL601": ("note-after-proposal", "a position note dated after its proposal's date"),
    "RL602": ("colour-not-in-key", "a struck or inserted span in no round's colour"),
}


@dataclass(frozen=True)
class Finding:
    """One drafting problem: ``code``, a one-line ``message`` and where it is (``where``:
    the clause number, or the article for findings about a whole article)."""

    code: str
    message: str
    where: str = ""
    article: str = ""
    text: str = ""  # the words at fault, as printed
    source: str = ""

    @property
    def name(self) -> str:
        return CODES.get(self.code, ("", ""))[0]

    def line(self) -> str:
        """``file:clause: CODE message``."""
        return f"{self.source or '-'}:{self.where or '-'}: {self.code} {self.message}"

    def to_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "message": self.message,
                "where": self.where, "article": self.article, "text": self.text,
                "source": self.source}


def _matches(code: str, prefixes: Sequence[str]) -> bool:
    return any(code.startswith(p.strip().upper()) for p in prefixes if p.strip())


def select_findings(findings: Iterable[Finding], select: Sequence[str] = (),
                    ignore: Sequence[str] = ()) -> List[Finding]:
    """Keep the findings whose code starts with one of ``select`` (all when empty) and with
    none of ``ignore``: ``select=["RL1"]`` keeps RL101 and RL102."""
    return [f for f in findings
            if (not select or _matches(f.code, select)) and not _matches(f.code, ignore)]


def unknown_codes(prefixes: Sequence[str]) -> List[str]:
    """The prefixes that select no code (a typo in --select / --ignore)."""
    return [p for p in prefixes if p.strip() and not any(
        c.startswith(p.strip().upper()) for c in CODES)]
