"""Assembling the tentative agreement from the workspace: which articles, in what order,
with what numbers, and their agreed text with every placeholder resolved.

The negotiators write clause numbers with an ``X`` for the article number (``X.3.2``,
``X.***``) and cross-references with a ``?`` (``Article ? Recognition``) because article
numbers are only fixed when the contract is put together.  Assembly fixes them: ``X.3.2`` in
article 9 becomes ``9.3.2``; ``Article ? Recognition`` becomes ``Article 2 Recognition`` when
RECOGNITION is article 2; a reference it cannot resolve is left as written and reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from ..errors import WorkspaceError
from ..model import Article, Clause, Document
from .workspace import Version, Workspace, normalise_key

#: Words kept in lower case when a title is shown in title case ("Hours and Overtime").
SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to",
               "with"}

_X_NUMBER = re.compile(r"(?<![A-Za-z0-9])X(?=[ \t]?\.[ \t]?(?:\d|\*))")
_X_ARTICLE = re.compile(r"\b(Article)(\s+)X\b(?![ \t]?\.[ \t]?[\d*])", re.I)
_REFERENCE = re.compile(r"\b(?P<kind>Article|Appendix)(?P<space>\s+)(?P<mark>\?+|_{2,})",
                        re.I)
#: ``Article (Vacation)``: a reference by name alone, the number left out (not when a
#: number follows: ``Article (Vacation) 15.10.1`` already says where).
_NAMED_REFERENCE = re.compile(r"\b(?P<kind>Article)(?P<space>\s+)\((?P<name>[A-Za-z][^()]{1,60})"
                              r"\)(?![ \t]*\d)")
#: A clause-number placeholder left in text after assembly (``Section X.3.7`` of an article
#: that has no number).
_LEFT_PLACEHOLDER = re.compile(r"(?<![A-Za-z0-9])X[ \t]?\.[ \t]?\d")
_REF_GAP = re.compile(r"^[\s,:.\-–—(\"“'‘]*")


def display_title(title: str) -> str:
    """``EVALUATION AND PROBATIONARY PERIOD/PERSONNEL FILES`` as ``Evaluation and
    Probationary Period/Personnel Files``."""
    words = title.split()
    out = []
    for i, word in enumerate(words):
        parts = word.split("/")
        shown = []
        for part in parts:
            low = part.lower()
            if i and low in SMALL_WORDS and len(parts) == 1:
                shown.append(low)
            else:
                shown.append(low[:1].upper() + low[1:])
        out.append("/".join(shown))
    return " ".join(out)


@dataclass(frozen=True)
class AssemblyOptions:
    """What to assemble and how to number it.

    ``articles``: only these (default: every article that is not withdrawn).
    ``order``: contract order, by article name; articles it does not name follow in the
    order they were first added.  ``numbers``: article (or ``Appendix NAME``) -> number,
    ahead of the numbers the proposals print; ``renumber`` ignores printed numbers.
    ``include_open`` assembles open articles too, marked as open; ``skip_open`` leaves
    them out with a warning; without either an open article is refused.
    ``prior``: the prior contract, whose article numbers are used for articles the
    other sources leave unnumbered and for cross-references.
    """

    articles: Tuple[str, ...] = ()
    order: Tuple[str, ...] = ()
    numbers: Mapping[str, str] = field(default_factory=dict)
    renumber: bool = False
    include_open: bool = False
    skip_open: bool = False
    prior: Optional[Document] = None


@dataclass(frozen=True)
class AgreedArticle:
    number: str
    title: str
    clauses: Tuple[Clause, ...]  # numbers and text resolved
    state: str  # ta | open
    ta_date: Optional[str] = None
    initials: Optional[str] = None
    version: Optional[Version] = None

    @property
    def heading(self) -> str:
        return f"ARTICLE {self.number} - {self.title}" if self.number else self.title

    def as_article(self) -> Article:
        return Article(title=self.title, number=self.number or None, clauses=self.clauses)


@dataclass(frozen=True)
class Agreement:
    employer: str
    union: str
    term: Optional[str]
    articles: Tuple[AgreedArticle, ...]
    warnings: Tuple[str, ...] = ()

    @property
    def date(self) -> Optional[str]:
        """The date of the last tentative agreement in it."""
        dates = [a.ta_date for a in self.articles if a.ta_date]
        return max(dates) if dates else None


# --- placeholders --------------------------------------------------------------------------

def resolve_placeholders(text: str, number: str) -> str:
    """``X.3.2`` -> ``9.3.2``, ``X.***`` -> ``9.***``, ``this Article X`` -> ``this Article 9``
    (``number`` = 9).  Nothing changes without a number."""
    if not number or not text:
        return text
    text = _X_NUMBER.sub(number, text)
    return _X_ARTICLE.sub(lambda m: f"{m.group(1)}{m.group(2)}{number}", text)


def resolve_runs(texts: Sequence[str], number: str) -> List[str]:
    """:func:`resolve_placeholders` over a paragraph drawn as runs (a redline's marks split
    it): a placeholder whose ``X`` and ``.3`` fall in different runs is filled in too."""
    full = "".join(texts)
    if not number or "X" not in full:
        return list(texts)
    spots = {m.start() for m in _X_NUMBER.finditer(full)}
    spots.update(m.end() - 1 for m in _X_ARTICLE.finditer(full))
    out, at = [], 0
    for text in texts:
        out.append("".join(number if at + i in spots else ch for i, ch in enumerate(text)))
        at += len(text)
    return out


def resolve_number(clause_number: str, number: str) -> str:
    """A clause number with the article placeholder filled in: ``X.2.1`` -> ``9.2.1``;
    a section line's ``X`` -> ``9``."""
    if not number:
        return clause_number
    if clause_number == "X":
        return number
    return resolve_placeholders(clause_number, number)


class ReferenceResolver:
    """Fills in ``Article ?`` / ``Appendix ?`` where the name next to it is known."""

    def __init__(self, articles: Mapping[str, str], appendices: Mapping[str, str]) -> None:
        self.names = {"article": self._table(articles), "appendix": self._table(appendices)}

    @staticmethod
    def _table(names: Mapping[str, str]) -> List[Tuple[str, str]]:
        # longest names first, so "HOURS AND OVERTIME" wins over "HOURS"
        return sorted(((normalise_key(k), v) for k, v in names.items() if k and v),
                      key=lambda kv: -len(kv[0]))

    def _after(self, kind: str, text: str) -> Optional[str]:
        rest = text[_REF_GAP.match(text).end():]  # type: ignore[union-attr]
        upper = normalise_key(rest[:200])
        for name, value in self.names[kind]:
            if upper.startswith(name) and not upper[len(name):len(name) + 1].isalpha():
                return value
        return None

    def _before(self, kind: str, text: str) -> Optional[str]:
        upper = normalise_key(re.sub(r"[\s,:(\-–—\"“'‘]+$", "", text[-200:]))
        for name, value in self.names[kind]:
            if upper.endswith(name) and not upper[-len(name) - 1:-len(name)].isalpha():
                return value
        return None

    def resolve(self, text: str, where: str, warnings: List[str]) -> str:
        out: List[str] = []
        last = 0
        for m in _REFERENCE.finditer(text):
            kind = m.group("kind").lower()
            value = self._after(kind, text[m.end():]) or self._before(kind, text[:m.start()])
            out.append(text[last:m.start()])
            if value is None:
                out.append(m.group(0))
                context = " ".join(text[m.start():m.end() + 40].split())
                warnings.append(f"{where}: cannot resolve {context!r} (no known "
                                f"{kind} by that name); left as written")
            else:
                out.append(f"{m.group('kind')}{m.group('space')}{value}")
            last = m.end()
        out.append(text[last:])
        return self._named("".join(out), where, warnings)

    def _named(self, text: str, where: str, warnings: List[str]) -> str:
        def fill(m: "re.Match[str]") -> str:
            name = normalise_key(m.group("name"))
            value = next((v for k, v in self.names["article"] if k == name), None)
            if value is None:
                warnings.append(f"{where}: cannot resolve {m.group(0)!r} (no known article "
                                "by that name); left as written")
                return m.group(0)
            return f"{m.group('kind')}{m.group('space')}{value} ({m.group('name')})"

        return _NAMED_REFERENCE.sub(fill, text)


def resolve_clause(clause: Clause, number: str, refs: ReferenceResolver, where: str,
                   warnings: List[str]) -> Clause:
    """A clause of article ``number`` with its number, heading, text and table resolved.

    The marked paragraphs are dropped: the agreed text is clean.
    """
    num = resolve_number(clause.number, number)
    label = num or clause.number_printed
    spot = f"{where}, {label}" if label else where

    def fix(text: str) -> str:
        out = refs.resolve(resolve_placeholders(text, number), spot, warnings)
        left = _LEFT_PLACEHOLDER.search(out)
        if left:
            warnings.append(f"{spot}: placeholder {out[left.start():left.end() + 8].split()[0]!r}"
                            " left: the article has no number")
        return out

    table = None
    if clause.table is not None:
        table = tuple(tuple(fix(cell) for cell in row) for row in clause.table)
    return replace(clause, number=num, number_printed=num, heading=fix(clause.heading),
                   text=fix(clause.text), table=table, paragraphs=(), table_spans=None,
                   notes=())


# --- assembly ------------------------------------------------------------------------------

def read_mapping(text: str, source: str = "--numbers") -> Dict[str, str]:
    """``TITLE = N`` lines (``#`` comments, blank lines ignored) as a mapping."""
    out: Dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        sep = "=" if "=" in line else ":" if ":" in line else None
        if sep is None:
            raise WorkspaceError(f"line {n}: write it as TITLE = NUMBER", source)
        name, value = (p.strip() for p in line.rsplit(sep, 1))
        if not name or not value:
            raise WorkspaceError(f"line {n}: write it as TITLE = NUMBER", source)
        out[name] = value
    return out


def read_order(text: str) -> Tuple[str, ...]:
    """One article name per line (``#`` comments, blank lines ignored)."""
    return tuple(line.split("#", 1)[0].strip() for line in text.splitlines()
                 if line.split("#", 1)[0].strip())


def _select(ws: Workspace, options: AssemblyOptions, warnings: List[str]):
    if options.articles:
        chosen = []
        for name in options.articles:
            rec = ws.article(name)
            if rec.state == "withdrawn":
                raise WorkspaceError(f"{rec.key} was withdrawn ({rec.state_date}); "
                                     "'redline reopen' it to assemble it")
            if rec not in chosen:
                chosen.append(rec)
    else:
        chosen = [a for a in ws.articles() if a.state != "withdrawn"]
    if not chosen:
        raise WorkspaceError("nothing to assemble: the workspace has no article that is "
                             "TA'd or open")
    open_ones = [a for a in chosen if a.state != "ta"]
    if open_ones and not options.include_open:
        names = ", ".join(a.key for a in open_ones)
        if not options.skip_open:
            raise WorkspaceError(
                f"not tentatively agreed: {names}; TA {'them' if len(open_ones) > 1 else 'it'}"
                " ('redline ta'), or pass --include-open or --skip-open")
        warnings.append(f"left out, not tentatively agreed: {names}")
        chosen = [a for a in chosen if a.state == "ta"]
        if not chosen:
            raise WorkspaceError("nothing to assemble: no article is TA'd yet")
    # contract order: the order file first, then the order articles were first added
    if options.order:
        ranked: Dict[str, int] = {}
        for i, name in enumerate(options.order):
            try:
                ranked.setdefault(ws.article(name).key, i)
            except WorkspaceError:
                pass  # an article of the contract that this workspace does not hold
        missing = [a.key for a in chosen if a.key not in ranked]
        if missing:
            warnings.append(f"not in the order file, placed at the end: {', '.join(missing)}")
        chosen.sort(key=lambda a: (ranked.get(a.key, len(options.order)), a.id))
    return chosen


def _numbers(chosen, printed: Mapping[str, Optional[str]], options: AssemblyOptions,
             prior: Mapping[str, str], warnings: List[str]) -> Dict[str, str]:
    mapped = {normalise_key(k): v for k, v in options.numbers.items()}
    out: Dict[str, str] = {}
    for a in chosen:
        num = mapped.get(a.key) or (None if options.renumber else printed.get(a.key)) or \
            prior.get(a.key)
        if num:
            out[a.key] = str(num)
    used = {v for v in out.values()}
    previous = 0
    unnumbered = [a.key for a in chosen if a.key not in out]
    for a in chosen:
        if a.key in out:
            if out[a.key].isdigit():
                previous = int(out[a.key])
            continue
        n = previous + 1
        while str(n) in used:
            n += 1
        out[a.key] = str(n)
        used.add(str(n))
        previous = n
    if unnumbered:
        given = ", ".join(f"{k}={out[k]}" for k in unnumbered)
        warnings.append(f"no printed article number for {', '.join(unnumbered)}: numbered "
                        f"in contract order ({given}); set them with --numbers "
                        f"\"{display_title(unnumbered[0])}=N,...\" (or the manifest)")
    seen: Dict[str, str] = {}
    for key, num in out.items():
        if num in seen:
            warnings.append(f"{seen[num]} and {key} are both numbered {num}")
        seen[num] = key
    return out


@dataclass(frozen=True)
class AgreedSource:
    """One article to assemble, wherever it comes from (a workspace or a manifest): its
    agreed text, the number it prints, its state and TA."""

    key: str
    title: str
    article: Article
    printed: Optional[str] = None
    state: str = "ta"
    ta_date: Optional[str] = None
    initials: Optional[str] = None
    version: Optional[Version] = None


def assemble(ws: Workspace, options: Optional[AssemblyOptions] = None,
             progress: Optional[Callable[[int, int, str], None]] = None) -> Agreement:
    """The tentative agreement: every TA'd article at its agreed round, numbered, in
    contract order, with placeholders and cross-references resolved.

    Raises :class:`WorkspaceError` when an article to assemble is not TA'd (unless
    ``include_open`` or ``skip_open``).  ``progress(done, total, title)`` is called as each
    article is read.
    """
    options = options or AssemblyOptions()
    warnings: List[str] = []
    chosen = _select(ws, options, warnings)
    sources: List[AgreedSource] = []
    for i, rec in enumerate(chosen):
        if progress:
            progress(i, len(chosen), rec.key)
        v = ws.version_by_id(rec.ta_version) if rec.state == "ta" and rec.ta_version else \
            ws.version(rec)
        art = ws.article_document(v).articles[0]
        ta = rec.state == "ta"
        sources.append(AgreedSource(rec.key, art.title or rec.title, art, art.number or v.number,
                                    rec.state, rec.state_date if ta else None,
                                    rec.ta_initials if ta else None, v))
    if progress:
        progress(len(chosen), len(chosen), "")
    # every name the agreement can point at: the workspace's articles too
    known = {a.key: a.number for a in ws.articles() if a.number and not options.renumber}
    info = ws.info
    return agree(sources, options, info.employer, info.union, info.term, known, warnings)


def agree(sources: Sequence[AgreedSource], options: AssemblyOptions, employer: str,
          union: str, term: Optional[str], known: Optional[Mapping[str, str]] = None,
          warnings: Optional[List[str]] = None) -> Agreement:
    """Number the articles (in the order given), resolve placeholders and references, and
    run the drafting lint: the agreement.  ``known``: other article numbers references may
    point at."""
    warnings = list(warnings or [])
    prior: Dict[str, str] = {}
    if options.prior is not None:
        prior = {a.key: a.number for a in options.prior.latest().articles
                 if a.key and a.number}
    printed = {s.key: s.printed for s in sources}
    numbers = _numbers(sources, printed, options, prior, warnings)
    table = dict(known or {})
    table.update(prior)
    table.update(numbers)
    appendices = {}
    for name, value in options.numbers.items():
        key = normalise_key(name)
        if key.startswith("APPENDIX "):
            appendices[key[len("APPENDIX "):]] = value
        else:
            table[key] = value
    refs = ReferenceResolver(table, appendices)
    agreed = []
    for src in sources:
        num = numbers[src.key]
        where = f"ARTICLE {num} {src.key}"
        clauses = tuple(resolve_clause(c, num, refs, where, warnings)
                        for c in src.article.clauses)
        agreed.append(AgreedArticle(num, src.title, clauses, src.state, src.ta_date,
                                    src.initials, src.version))
    from ..lint import lint_articles  # the drafting lint's checks, as warnings

    warnings.extend(f"lint: {f.where}: {f.code} {f.message}" for f in lint_articles(
        [a.as_article() for a in agreed]))
    return Agreement(employer, union, term, tuple(agreed), tuple(warnings))


def prior_articles(agreement: Agreement, prior: Document) -> Agreement:
    """The prior contract's text of the agreement's articles, as an agreement of its own
    (what the agreed text is compared with)."""
    wanted = {normalise_key(a.title) for a in agreement.articles}
    warnings: List[str] = []
    refs = ReferenceResolver({}, {})
    arts = []
    for a in prior.latest().articles:
        if a.key in wanted:
            num = a.number or ""
            clauses = tuple(resolve_clause(c, num, refs, a.key, warnings) for c in a.clauses)
            arts.append(AgreedArticle(num, a.title, clauses, "ta"))
    return replace(agreement, articles=tuple(arts), warnings=())


def check_names(ws: Workspace, names: Sequence[str]) -> None:
    """Fail early on a misspelt article name."""
    for name in names:
        ws.article(name)
