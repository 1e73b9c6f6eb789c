"""The tentative-agreement package as the parties sign it: the cover (parties, date), the
terms (effective date, term end, ratification), the agreed articles, the signature blocks,
then each article as agreed (clean, its colour-keyed redline, or both) with its TA line, and
where each article's text came from (file, party, date, round, SHA-256).

A package is built from a workspace (:func:`package_from_workspace`) or from a manifest
(:mod:`redline.store.manifest`); both give the same :class:`Package`, rendered by
:mod:`redline.store.package_render`.
"""
from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Dict, List, Mapping, Optional, Sequence, Tuple

from ..errors import WorkspaceError
from .assembly import AgreedArticle, Agreement, AssemblyOptions, assemble, display_title
from .records import PartyRecord, Signatory

if TYPE_CHECKING:
    from ..align.history import History

#: What ``--attach`` may ask for: the final clean text, the final redline, or both.
ATTACH_CHOICES = ("clean", "redline", "both")

#: The terms paragraphs, as in the seed package; ``{placeholders}`` are listed in
#: :data:`TEMPLATE_FIELDS` (docs/manifest.md).  A template file or manifest replaces any.
DEFAULT_TEMPLATES: Mapping[str, str] = {
    "opening": ("This agreement concludes negotiations{for_term} between {employer} and the "
                "{union_named}. The parties hereby agree to the following terms subject to "
                "the ratification of {union_acronym} and the Board of Education for "
                "{employer}."),
    "components": "Both parties have agreed to the negotiated components included herein:",
    "duration": ("This Tentative Agreement shall be effective {effective} and shall continue "
                 "in effect until {term_end}."),
    "duration_open": "This Tentative Agreement shall be effective {effective}.",
    "effective": ("upon ratification by both {union_acronym} and the {employer} Board of "
                  "Trustees"),
}
TEMPLATE_FIELDS = ("employer", "employer_acronym", "union", "union_acronym", "union_named",
                   "employer_named", "term", "for_term", "term_end", "effective", "date")


@dataclass(frozen=True)
class Terms:
    """What the terms paragraph says: the contract term (``2023-2024 and 2024-2025``), the
    effective date (a date, or words; default: upon ratification), the date the agreement
    ends, the package's date (default: the last TA), and template overrides."""

    term: Optional[str] = None
    effective: Optional[str] = None
    term_end: Optional[str] = None
    date: Optional[str] = None
    templates: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Provenance:
    """Where an article's agreed text came from: the file (as added or named in the
    manifest), the party, date and time of the agreed round, its round number, and the
    SHA-256 of the file's bytes."""

    article: str
    number: str
    file: str
    party: Optional[str]
    date: Optional[str]
    round: Optional[int]
    sha256: str
    label: Optional[str] = None
    ta_date: Optional[str] = None
    initials: Optional[str] = None

    def to_dict(self) -> dict:
        return {"article": self.article, "number": self.number, "file": self.file,
                "party": self.party, "date": self.date, "round": self.round,
                "label": self.label, "sha256": self.sha256, "ta_date": self.ta_date,
                "initials": self.initials}


@dataclass(frozen=True)
class PackageArticle:
    agreed: AgreedArticle
    provenance: Provenance
    history: Optional[History] = None  # up to the agreed round; None: not attached


@dataclass(frozen=True)
class Package:
    agreement: Agreement
    parties: Tuple[PartyRecord, PartyRecord]  # District, Union
    terms: Terms
    articles: Tuple[PackageArticle, ...]
    attach: str = "clean"
    provenance_appendix: bool = False
    warnings: Tuple[str, ...] = ()
    inputs: Tuple[str, ...] = ()  # the files it was made from (never written over)

    @property
    def date(self) -> Optional[str]:
        return self.terms.date or self.agreement.date

    def party(self, role: str) -> PartyRecord:
        return self.parties[0] if role == "District" else self.parties[1]

    def paragraphs(self) -> Dict[str, str]:
        """The terms paragraphs with every placeholder filled in."""
        return fill_templates(self)

    def report(self) -> dict:
        """The package's JSON report: parties, terms, articles with their provenance."""
        return {
            "date": self.date,
            "parties": [{"role": p.role, "name": p.name, "acronym": p.acronym,
                         "signatories": [{"name": s.name, "title": s.title} for s in p.team]}
                        for p in self.parties],
            "terms": {"term": self.terms.term, "effective": self.terms.effective,
                      "term_end": self.terms.term_end},
            "attach": self.attach,
            "articles": [a.provenance.to_dict() for a in self.articles],
            "warnings": list(self.warnings),
        }

    def report_json(self) -> str:
        return json.dumps(self.report(), indent=2, ensure_ascii=False) + "\n"


class _Strict(dict):
    def __missing__(self, key: str) -> str:
        raise KeyError(key)


def check_template(name: str, text: str) -> Optional[str]:
    """Why a template cannot be used (an unknown ``{placeholder}``), or None."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        return f"template {name!r}: {exc} (write a literal brace as {{{{ or }}}})"
    bad = [f for f in fields if f not in TEMPLATE_FIELDS]
    if bad:
        return (f"template {name!r}: unknown placeholder {{{bad[0]}}} (known: "
                f"{', '.join(TEMPLATE_FIELDS)})")
    return None


def fill_templates(pkg: Package) -> Dict[str, str]:
    from .agreement_render import long_date

    district, union = pkg.parties
    t = pkg.terms
    templates = dict(DEFAULT_TEMPLATES)
    templates.update(t.templates)
    values = _Strict(employer=district.name, employer_acronym=district.acronym,
                     employer_named=district.named, union=union.name,
                     union_acronym=union.acronym, union_named=union.named,
                     term=t.term or "", for_term=f" for {t.term}" if t.term else "",
                     term_end=long_date(t.term_end) if t.term_end else "",
                     date=long_date(pkg.date), effective="")
    effective = t.effective
    if effective and re.match(r"^\d{4}-\d\d-\d\d$", effective):
        effective = f"on {long_date(effective)}"
    values["effective"] = effective or templates["effective"].format_map(values)
    out = {}
    for name in ("opening", "components"):
        out[name] = templates[name].format_map(values)
    out["duration"] = templates["duration" if t.term_end else "duration_open"].format_map(values)
    return out


def split_initials(initials: Optional[str]) -> Tuple[str, str]:
    """``TD/MM`` as the District's and the Union's initials (the District's first, as
    ``redline ta --initials`` records them); one set alone is the District's."""
    if not initials:
        return "", ""
    parts = [p.strip() for p in re.split(r"[/|]", initials, maxsplit=1)]
    return (parts[0], parts[1]) if len(parts) == 2 else (parts[0], "")


def ta_line(pkg: Package, art: AgreedArticle) -> str:
    """``Tentatively agreed 06/26/2024  District TD  NUHW MM`` (blanks when not initialled)."""
    from .agreement_render import us_date

    d, u = split_initials(art.initials)
    blank = "______"
    when = us_date(art.ta_date) if art.ta_date else "__________"
    return (f"Tentatively agreed {when}  {pkg.parties[0].acronym} {d or blank}  "
            f"{pkg.parties[1].acronym} {u or blank}")


def package_warnings(parties: Sequence[PartyRecord], manifest: bool = False) -> List[str]:
    """A warning for each party with no signatories (its block gets blank lines)."""
    out = []
    for p in parties:
        if not p.team:
            how = (f"list them in [{p.role.lower()}] signatories" if manifest else
                   f"add them with 'redline team add {p.role} NAME --title TITLE'")
            out.append(f"no signatories for {p.acronym}: the signature block has blank "
                       f"lines; {how}")
    return out


@dataclass(frozen=True)
class PackageOptions:
    attach: str = "clean"
    provenance_appendix: bool = False
    terms: Terms = field(default_factory=Terms)

    def __post_init__(self) -> None:
        if self.attach not in ATTACH_CHOICES:
            raise WorkspaceError(f"--attach {self.attach!r}: give clean, redline or both")


def package_from_workspace(ws, options: AssemblyOptions, package: PackageOptions,
                           progress=None) -> Package:
    """The package of a workspace: its agreement (:func:`assemble`), its parties and teams,
    and per article the stored file of the agreed round (and its redline when attached)."""
    agreement = assemble(ws, options, progress)
    warnings = list(agreement.warnings)
    arts = []
    for art in agreement.articles:
        v = art.version
        assert v is not None
        bad = ws.objects.verify(v.proposal.sha256)
        if bad:
            raise WorkspaceError(f"{art.title}: the stored file {v.proposal.filename} {bad}; "
                                 "add the original again to restore it")
        prov = Provenance(art.title, art.number, v.proposal.filename, v.party, v.date,
                          v.round or None, v.proposal.sha256, v.proposal.label,
                          art.ta_date, art.initials)
        h = None
        if package.attach != "clean":
            from ..api import history

            chain = ws.chain(ws.article(art.title))
            # the rounds up to the agreed one (a TA'd file since replaced in its round by a
            # corrected one: the rounds before its date, then it)
            chain = chain[:v.round] if v.round else \
                [c for c in chain if c.date < v.date] + [v]
            h = history([ws.article_document(c) for c in chain],
                        [c.proposal.proposal for c in chain])
        arts.append(PackageArticle(art, prov, h))
    parties = ws.parties()
    terms = package.terms
    if terms.term is None and ws.info.term:
        terms = replace(terms, term=ws.info.term)
    warnings.extend(package_warnings(parties))
    return Package(agreement, parties, terms, tuple(arts), package.attach,
                   package.provenance_appendix, tuple(warnings))


def article_list_line(n: int, art: AgreedArticle) -> str:
    """``1. Article 9, Grievance Procedure (attachment 1), tentatively agreed 06/26/2024``."""
    from .agreement_render import us_date

    name = f"Article {art.number}, {display_title(art.title)}" if art.number else \
        display_title(art.title)
    when = f", tentatively agreed {us_date(art.ta_date)}" if art.ta_date else ""
    return f"{n}. {name} (attachment {n}){when}"


__all__ = ["Package", "PackageArticle", "PackageOptions", "Provenance", "Terms", "Signatory",
           "package_from_workspace", "ta_line", "split_initials", "DEFAULT_TEMPLATES",
           "TEMPLATE_FIELDS", "ATTACH_CHOICES", "check_template"]
