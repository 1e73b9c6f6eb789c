"""The tentative-agreement package from a manifest: a TOML file naming the agreed files,
their TA dates and initials, the parties and their signatories, and the terms, with no
workspace (docs/manifest.md).

Every problem of a manifest is found before anything is read and reported together, one
line each, with the line of the manifest it is on (``tomllib`` gives line numbers only for
syntax errors: the line of a key is found by scanning the text).  Relative paths are
resolved against the manifest's folder.
"""
from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

from ..errors import InputError, WorkspaceError
from ..inputs import MAX_SMALL_FILE_BYTES, read_input
from .assembly import AgreedSource, AssemblyOptions, agree
from .objects import sha256_of
from .package import (ATTACH_CHOICES, DEFAULT_TEMPLATES, Package, PackageArticle, Provenance,
                      Terms, check_template, package_warnings)
from .records import ROLES, PartyRecord, Signatory
from .workspace import check_date, normalise_key, party_read_options

#: The keys each part of a manifest may hold.
TOP_KEYS = ("date", "attach", "provenance", "terms", "district", "union", "article")
PARTY_KEYS = ("name", "acronym", "aliases", "signatories")
SIGNATORY_KEYS = ("name", "title")
TERMS_KEYS = ("term", "effective", "term_end") + tuple(DEFAULT_TEMPLATES)
ARTICLE_KEYS = ("file", "rounds", "title", "number", "ta_date", "initials")
#: A manifest may nest no deeper than this (as colour-key files).
MAX_MANIFEST_DEPTH = 8


class ManifestError(InputError):
    """A manifest that cannot be used; ``problems`` holds one line for each problem."""

    def __init__(self, problems: List[str], path: str) -> None:
        # in the order of the file's lines (problems without a line first)
        self.problems = tuple(sorted(problems, key=_line_number))
        super().__init__("; ".join(self.problems), path)


def _line_number(problem: str) -> int:
    m = re.match(r"line (\d+): ", problem)
    return int(m.group(1)) if m else 0


@dataclass(frozen=True)
class ManifestArticle:
    file: str  # absolute
    given: str  # as the manifest writes it
    rounds: Tuple[str, ...] = ()
    title: Optional[str] = None
    number: Optional[str] = None
    ta_date: Optional[str] = None
    initials: Optional[str] = None
    line: int = 0


@dataclass(frozen=True)
class Manifest:
    path: str
    parties: Tuple[PartyRecord, PartyRecord]
    aliases: Dict[str, Tuple[str, ...]]
    terms: Terms
    articles: Tuple[ManifestArticle, ...]
    attach: Optional[str] = None
    provenance: bool = False


class _Lines:
    """Where keys are in the manifest's text: ``[table]`` headers, the N-th ``[[article]]``,
    and ``key =`` lines inside them."""

    _HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-\" ]+?)\s*\]\]?\s*(#.*)?$")
    _KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"]+)\s*=")

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.blocks: List[Tuple[str, int, int]] = []  # (table name, first, last line)
        name, start = "", 1
        for n, line in enumerate(self.lines, start=1):
            m = self._HEADER.match(line)
            if m and not self._KEY.match(line):
                self.blocks.append((name, start, n - 1))
                name, start = m.group(1).replace('"', "").replace(" ", ""), n
        self.blocks.append((name, start, len(self.lines)))

    def of(self, table: str = "", key: Optional[str] = None, index: int = 0) -> int:
        """The line of ``key`` in the ``index``-th ``table`` block (or of the block's
        header); 0 when not found."""
        hits = [b for b in self.blocks if b[0] == table]
        if not hits:
            # a key of an inline or dotted table: search the whole text
            hits = [("", 1, len(self.lines))]
        name, first, last = hits[min(index, len(hits) - 1)]
        if key is None:
            return first
        for n in range(first, last + 1):
            m = self._KEY.match(self.lines[n - 1])
            if m and m.group(1).strip('"') == key:
                return n
        return first if name else 0


def _type_name(value: Any) -> str:
    return {str: "text", int: "a number", float: "a number", bool: "true/false",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def _where(line: int) -> str:
    return f"line {line}: " if line else ""


def _date(value: Any, what: str, line: int, problems: List[str]) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return check_date(value, what)
        except WorkspaceError:
            pass
    problems.append(f"{_where(line)}{what} {value!r} is not a date (use YYYY-MM-DD)")
    return None


def _text(value: Any, what: str, line: int, problems: List[str],
          required: bool = False) -> Optional[str]:
    if value is None:
        if required:
            problems.append(f"{_where(line)}{what} is missing")
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and \
            what.endswith("number"):
        return str(value)
    if not isinstance(value, str):
        problems.append(f"{_where(line)}{what} must be text, not {_type_name(value)}")
        return None
    if required and not value.strip():
        problems.append(f"{_where(line)}{what} is empty")
        return None
    return " ".join(value.split()) if "\n" not in value else value.strip()


def _unknown(table: Dict[str, Any], allowed, what: str, lines: _Lines, block: str,
             index: int, problems: List[str]) -> None:
    for key in table:
        if key not in allowed:
            problems.append(f"{_where(lines.of(block, key, index))}{what}: unknown key "
                            f"{key!r} (known: {', '.join(allowed)})")


def _party(data: Any, role: str, lines: _Lines, problems: List[str]
           ) -> Tuple[PartyRecord, Tuple[str, ...]]:
    block = role.lower()
    default = PartyRecord(role, role, role)
    if data is None:
        problems.append(f"{_where(0)}[{block}] is missing: give the party's name, acronym "
                        "and signatories")
        return default, ()
    if not isinstance(data, dict):
        problems.append(f"{_where(lines.of('', block))}{block} must be a table "
                        f"([{block}]), not {_type_name(data)}")
        return default, ()
    _unknown(data, PARTY_KEYS, f"[{block}]", lines, block, 0, problems)
    name = _text(data.get("name"), f"[{block}] name", lines.of(block, "name"), problems,
                 required=True) or role
    acronym = _text(data.get("acronym"), f"[{block}] acronym", lines.of(block, "acronym"),
                    problems) or ("District" if role == "District" else name)
    aliases: Tuple[str, ...] = ()
    raw_aliases = data.get("aliases", [])
    if not isinstance(raw_aliases, list) or not all(isinstance(a, str) for a in raw_aliases):
        problems.append(f"{_where(lines.of(block, 'aliases'))}[{block}] aliases must be a "
                        "list of names")
    else:
        aliases = tuple(raw_aliases)
    team: List[Signatory] = []
    raw = data.get("signatories", [])
    line = lines.of(block, "signatories")
    if not isinstance(raw, list):
        problems.append(f"{_where(line)}[{block}] signatories must be a list of "
                        "{ name = ..., title = ... }")
        raw = []
    for i, entry in enumerate(raw, start=1):
        what = f"[{block}] signatory {i}"
        if not isinstance(entry, dict):
            problems.append(f"{_where(line)}{what} must be {{ name = ..., title = ... }}, "
                            f"not {_type_name(entry)}")
            continue
        for key in entry:
            if key not in SIGNATORY_KEYS:
                problems.append(f"{_where(line)}{what}: unknown key {key!r} (name, title)")
        sname = _text(entry.get("name"), f"{what} name", line, problems, required=True)
        title = _text(entry.get("title"), f"{what} title", line, problems) or ""
        if sname:
            team.append(Signatory(role, sname, title))
    return PartyRecord(role, name, acronym, tuple(team)), aliases


def _terms(data: Any, lines: _Lines, problems: List[str]) -> Terms:
    if data is None:
        return Terms()
    if not isinstance(data, dict):
        problems.append(f"{_where(lines.of('', 'terms'))}terms must be a table ([terms])")
        return Terms()
    _unknown(data, TERMS_KEYS, "[terms]", lines, "terms", 0, problems)
    templates = {}
    for name in DEFAULT_TEMPLATES:
        if name in data:
            text = _text(data[name], f"[terms] {name}", lines.of("terms", name), problems)
            why = check_template(name, text) if text is not None else None
            if why:
                problems.append(f"{_where(lines.of('terms', name))}[terms] {why}")
            elif text is not None:
                templates[name] = text
    effective = data.get("effective")
    if isinstance(effective, (_dt.date, _dt.datetime)):
        effective = _date(effective, "[terms] effective", 0, problems)
    else:
        effective = _text(effective, "[terms] effective", lines.of("terms", "effective"),
                          problems)
    return Terms(term=_text(data.get("term"), "[terms] term", lines.of("terms", "term"),
                            problems),
                 effective=effective,
                 term_end=_date(data.get("term_end"), "[terms] term_end",
                                lines.of("terms", "term_end"), problems),
                 templates=templates)


def _file(value: Any, what: str, line: int, folder: str, problems: List[str]) -> Optional[str]:
    given = _text(value, what, line, problems, required=True)
    if given is None:
        return None
    path = given if os.path.isabs(given) else os.path.join(folder, given)
    if not os.path.isfile(path):
        problems.append(f"{_where(line)}{what} {given!r}: no such file (relative paths are "
                        "read from the manifest's folder)")
        return None
    return path


def _articles(data: Any, lines: _Lines, folder: str, problems: List[str]
              ) -> Tuple[ManifestArticle, ...]:
    if data is None:
        problems.append("no [[article]]: name each agreed article's file")
        return ()
    if not isinstance(data, list):
        problems.append(f"{_where(lines.of('', 'article'))}article must be a list of "
                        "[[article]] tables")
        return ()
    out = []
    for i, entry in enumerate(data):
        head = lines.of("article", None, i)
        what = f"article {i + 1}"
        if not isinstance(entry, dict):
            problems.append(f"{_where(head)}{what} must be an [[article]] table")
            continue
        _unknown(entry, ARTICLE_KEYS, what, lines, "article", i, problems)

        def line(key: str) -> int:
            return lines.of("article", key, i)

        path = _file(entry.get("file"), f"{what}: file", line("file"), folder, problems)
        rounds: List[str] = []
        raw_rounds = entry.get("rounds", [])
        if not isinstance(raw_rounds, list):
            problems.append(f"{_where(line('rounds'))}{what}: rounds must be a list of files")
            raw_rounds = []
        for r in raw_rounds:
            p = _file(r, f"{what}: round", line("rounds"), folder, problems)
            if p:
                rounds.append(p)
        ta_date = _date(entry.get("ta_date"), f"{what}: ta_date", line("ta_date"), problems)
        if "ta_date" not in entry:
            problems.append(f"{_where(head)}{what}: ta_date is missing (the date of the "
                            "tentative agreement)")
        number = _text(entry.get("number"), f"{what}: number", line("number"), problems)
        out.append(ManifestArticle(
            path or "", str(entry.get("file", "")), tuple(rounds),
            _text(entry.get("title"), f"{what}: title", line("title"), problems),
            number, ta_date,
            _text(entry.get("initials"), f"{what}: initials", line("initials"), problems),
            head))
    return tuple(out)


def read_manifest(path: str) -> Manifest:
    """Read and check a manifest; a :class:`ManifestError` lists every problem."""
    doc, lines = _load_toml(path, "manifest")
    problems: List[str] = []
    for key in doc:
        if key not in TOP_KEYS:
            problems.append(f"{_where(lines.of('', key))}unknown key {key!r} (known: "
                            f"{', '.join(TOP_KEYS)})")
    folder = os.path.dirname(os.path.abspath(path))
    district, d_aliases = _party(doc.get("district"), "District", lines, problems)
    union, u_aliases = _party(doc.get("union"), "Union", lines, problems)
    terms = _terms(doc.get("terms"), lines, problems)
    date = _date(doc.get("date"), "date", lines.of("", "date"), problems)
    if date:
        terms = Terms(terms.term, terms.effective, terms.term_end, date, terms.templates)
    attach = doc.get("attach")
    if attach is not None and attach not in ATTACH_CHOICES:
        problems.append(f"{_where(lines.of('', 'attach'))}attach must be clean, redline or "
                        f"both, not {attach!r}")
        attach = None
    provenance = doc.get("provenance", False)
    if not isinstance(provenance, bool):
        problems.append(f"{_where(lines.of('', 'provenance'))}provenance must be true or "
                        "false")
        provenance = False
    articles = _articles(doc.get("article"), lines, folder, problems)
    if problems:
        raise ManifestError(problems, path)
    aliases = {"District": d_aliases + (district.name, district.acronym),
               "Union": u_aliases + (union.name, union.acronym)}
    return Manifest(path, (district, union), aliases, terms, articles, attach, provenance)


def _read_options(m: Manifest):
    return party_read_options(m.aliases)


def package_from_manifest(path: str, options: Optional[AssemblyOptions] = None,
                          attach: Optional[str] = None,
                          provenance: Optional[bool] = None) -> Package:
    """The package the manifest describes: each article's agreed text from its file (a
    redline: its last round), numbered (manifest numbers first, then ``options.numbers``,
    then printed ones), with its provenance; ``attach`` and ``provenance`` override the
    manifest's."""
    from ..api import history, read

    m = read_manifest(path)
    options = options or AssemblyOptions()
    attach = attach or m.attach or "clean"
    read_opts = _read_options(m)
    problems: List[str] = []
    sources: List[AgreedSource] = []
    extra: List[Tuple[Provenance, Any]] = []
    numbers = dict(options.numbers)
    for i, entry in enumerate(m.articles, start=1):
        where = f"{_where(entry.line)}article {i}"
        try:
            doc = read(entry.file, read_opts)
        except InputError as exc:
            problems.append(f"{where}: {exc}")
            continue
        latest = doc.latest()
        arts = [a for a in latest.articles if a.key]
        if entry.title:
            arts = [a for a in arts if a.key == normalise_key(entry.title)]
        if len(arts) != 1:
            names = ", ".join(a.key for a in latest.articles if a.key) or "none"
            problems.append(f"{where}: {entry.given} holds "
                            f"{'no such article' if entry.title else 'several articles'} "
                            f"(articles: {names}); give its title")
            continue
        art = arts[0]
        if entry.number:
            numbers[art.key] = entry.number
        with open(entry.file, "rb") as fh:
            sha = sha256_of(fh.read())
        p = latest.proposal
        rnd = len(doc.rounds) if doc.rounds else len(entry.rounds) + 1
        prov = Provenance(art.title, "", entry.given, p.party, p.date, rnd, sha, p.label,
                          entry.ta_date, entry.initials)
        h = None
        if attach != "clean":
            h = history([*entry.rounds, entry.file], read_options=read_opts)
        sources.append(AgreedSource(art.key, art.title, art, art.number, "ta", entry.ta_date,
                                    entry.initials))
        extra.append((prov, h))
    if problems:
        raise ManifestError(problems, path)
    options = AssemblyOptions(numbers=numbers, renumber=options.renumber, prior=options.prior)
    district, union = m.parties
    agreement = agree(sources, options, district.name, union.acronym, m.terms.term)
    package_articles = []
    from dataclasses import replace

    for agreed, (prov, h) in zip(agreement.articles, extra):
        package_articles.append(PackageArticle(agreed, replace(prov, number=agreed.number), h))
    warnings = list(agreement.warnings) + package_warnings(m.parties, manifest=True)
    files = tuple(f for e in m.articles for f in (*e.rounds, e.file)) + (m.path,)
    return Package(agreement, m.parties, m.terms, tuple(package_articles), attach,
                   m.provenance if provenance is None else provenance, tuple(warnings),
                   files)


def _load_toml(path: str, what: str) -> Tuple[Dict[str, Any], "_Lines"]:
    try:
        import tomllib  # type: ignore[import-not-found]
    except ImportError:  # Python < 3.11
        import tomli as tomllib  # type: ignore[no-redef]
    from ..render.key_file import _too_deep

    data = read_input(path, MAX_SMALL_FILE_BYTES, what)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"not a {what} (not UTF-8 text)", path) from None
    if _too_deep(text):
        raise InputError(f"not a {what} (nested more than {MAX_MANIFEST_DEPTH} deep)", path)
    try:
        doc = tomllib.loads(text)
    except RecursionError:
        raise InputError(f"not a {what} (nested too deeply)", path) from None
    except ValueError as exc:
        # tomllib says "(at line 7, column 3)": put the line first, as for every problem
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column \d+\)", msg)
        if m:
            msg = f"line {m.group(1)}: {msg[:m.start()].strip()} (not valid TOML)"
        raise ManifestError([msg], path) from None
    return doc, _Lines(text)


def read_terms_file(path: str) -> Terms:
    """A terms file: a ``[terms]`` table as in a manifest (term, effective, term_end, the
    paragraph templates)."""
    doc, lines = _load_toml(path, "terms file")
    problems: List[str] = []
    for key in doc:
        if key != "terms":
            problems.append(f"{_where(lines.of('', key))}unknown key {key!r} (a terms file "
                            "holds a [terms] table)")
    terms = _terms(doc.get("terms", {}), lines, problems)
    if problems:
        raise ManifestError(problems, path)
    return terms


def read_team_file(path: str) -> Tuple[PartyRecord, PartyRecord]:
    """A team file: ``[district]`` and ``[union]`` tables as in a manifest (name, acronym,
    signatories); a party left out is not changed (its record has no name)."""
    doc, lines = _load_toml(path, "team file")
    problems: List[str] = []
    for key in doc:
        if key not in ("district", "union"):
            problems.append(f"{_where(lines.of('', key))}unknown key {key!r} (a team file "
                            "holds [district] and [union])")
    out = []
    for role in ROLES:
        if role.lower() in doc:
            out.append(_party(doc[role.lower()], role, lines, problems)[0])
        else:
            out.append(PartyRecord(role, "", ""))
    if problems:
        raise ManifestError(problems, path)
    return out[0], out[1]


__all__ = ["Manifest", "ManifestArticle", "ManifestError", "read_manifest",
           "package_from_manifest", "ROLES"]
