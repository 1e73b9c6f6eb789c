"""RL501: one party named several ways in one document.

A party is introduced as ``Long Name (SHORT)``: "National Union of Healthcare Workers
(NUHW)", "Stockton Unified School District ("District")".  Definitions that share their short
name (NUHW), or whose long names open and close with the same words ("National Union of ...
Workers"), are one party; every spelling of its long name in the text is collected, and a
party with more than one spelling (or introduced under more than one short name) is reported
once, with the spellings.
"""
from __future__ import annotations

import re
from typing import Dict, List, Sequence, Set, Tuple

from ..model import Document
from .findings import Finding

#: Longest long name read before "(SHORT)", in words.
MAX_NAME_WORDS = 10
#: Most words a spelling may add to a long name (between its two opening words and its
#: last); it may also drop one.
MAX_MIDDLE_WORDS = 1

_LINK = r"(?:of|the|and|for|&|de|du|la|des)"
_CAP = r"[A-Z][\w’'&.-]*"
_DEFINITION = re.compile(
    rf"(?P<long>{_CAP}(?:[ \t]+(?:{_LINK}[ \t]+)*{_CAP}){{1,{MAX_NAME_WORDS}}})[ \t]*,?[ \t]*"
    r"\(\s*(?:the\s+)?[\"“”']?(?P<short>[A-Z][A-Za-z0-9&.-]{1,20})[\"“”']?"
    r"(?:\s+or\s+(?:the\s+)?[\"“”']?(?P<alt>[A-Za-z][A-Za-z0-9&.-]{1,20})[\"“”']?)?\s*\)")
#: Words that open a sentence rather than a name ("This Agreement between ...").
_LEADING = {"the", "this", "and", "between", "by", "with", "for", "of", "a", "an", "that",
            "both", "said", "any", "all", "each", "its", "their", "our"}


#: Where two names joined in one run of capitals part: "District and the National Union".
_JOIN = re.compile(r"\b(?:and|&|between|with|by|to|from|for)[ \t]+(?:the[ \t]+)?(?=[A-Z])|"
                   r"\b(?:And|Between|With|By|To|From|For)[ \t]+(?:the[ \t]+|The[ \t]+)?",
                   re.I)
#: Words that make a name a party's (in its last three words): "... Workers", "... District".
PARTY_NOUNS = {"union", "association", "district", "federation", "council", "guild",
               "brotherhood", "alliance", "organization", "organisation", "commission",
               "authority", "department", "agency", "county", "city", "college",
               "university", "corporation", "company", "inc", "llc", "employer", "local",
               "chapter", "afscme", "seiu", "board", "unit"}
#: How alike two differing words must be (character similarity) to be one word spelled two
#: ways ("Health" / "Healthcare") rather than two words ("Human" / "Administrative").
DEFAULT_SPELLING_SIMILARITY = 0.6


def _party_name(name: str) -> bool:
    """Whether a name is an organisation's: "Association of ...", "... Union", "...
    District", "... Unit", not a job title ("Board Certified Behavior Analyst")."""
    words = _norm(name).replace(".", "").split()
    return any(w in PARTY_NOUNS for w in (words[1:] if words[0] == "board" else words))


def _clean(name: str) -> str:
    parts = _JOIN.split(name)
    # a run like "Agreement between the District and the National Union of ...": the name
    # is the last part that still names something (two words at least)
    parts = [p for p in parts if len(p.split()) >= 2] or [name]
    name = parts[-1]
    words = name.split()
    while words and words[0].lower() in _LEADING:
        words.pop(0)
    return " ".join(words).replace("’", "'").strip(" ,.;:")


def _norm(name: str) -> str:
    return " ".join(name.lower().replace("-", " ").split())


def _texts(doc: Document) -> List[str]:
    out = [" ".join(doc.header_lines)] if doc.header_lines else []
    for a in doc.articles:
        if a.title:
            out.append(a.title)
        for c in a.clauses:
            out.append(c.full_text)
    return out


def _key(name: str) -> str:
    """A spelling with what does not make it another name folded: case, hyphens, a plural
    ending, the line breaks of the page."""
    words = _norm(name).replace("’", "").replace("'", "").split()
    if words and words[-1].endswith("s") and len(words[-1]) > 3:
        words[-1] = words[-1][:-1]
    return " ".join(words)


def _shape(name: str) -> Tuple[str, str, str]:
    words = _key(name).split()
    return (words[0], words[1] if len(words) > 2 else "", words[-1])


def check_party_names(doc: Document) -> List[Finding]:
    texts = _texts(doc)
    whole = "\n".join(texts)
    definitions: List[Tuple[str, Set[str]]] = []
    for m in _DEFINITION.finditer(whole):
        long = _clean(m.group("long"))
        if len(long.split()) < 2 or not any(w[:1].isupper() for w in long.split()[1:]) or \
                not _party_name(long):
            continue
        shorts = {m.group("short").strip(".")}
        if m.group("alt") and m.group("alt")[:1].isupper():
            shorts.add(m.group("alt").strip("."))
        definitions.append((long, shorts))
    if not definitions:
        return []
    # one party per group: the same short name, or long names of the same shape
    groups: List[Tuple[List[str], Set[str]]] = []
    for long, shorts in definitions:
        hit = None
        for g in groups:
            if shorts & g[1] and _shares_shape(long, g[0]) or any(
                    _shape(long) == _shape(x) and len(_norm(long).split()) > 2 for x in g[0]):
                hit = g
                break
        if hit is None:
            groups.append(([long], set(shorts)))
        else:
            if long not in hit[0]:
                hit[0].append(long)
            hit[1].update(shorts)
    out: List[Finding] = []
    reported: List[List[str]] = []
    for longs, shorts in groups:
        spellings = _spellings(whole, longs)
        distinct: Dict[str, str] = {}
        for s in spellings:
            distinct.setdefault(_key(s), s)
        # spellings of one shape (the same first and last words): a shorter name that is
        # part of the longer ("Political Education" / "Committee on Political Education")
        # is a short form, not a misspelling
        by_shape: Dict[Tuple[str, str, str], List[str]] = {}
        for n in distinct.values():
            by_shape.setdefault(_shape(n), []).append(n)
        names = max(by_shape.values(), key=len) if by_shape else []
        names = _alike(names)
        short_names = sorted(s for s in shorts if s.upper() != s or len(s) > 1)
        acronyms = sorted(s for s in shorts if s.isupper())
        if len(names) < 2:
            continue
        if any(set(map(_key, names)) & set(map(_key, n)) for n in reported):
            continue  # the same party, found from another of its definitions
        reported.append(names)
        label = "/".join(acronyms) or short_names[0]
        listed = "; ".join(f"{n!r}" for n in names)
        also = ""
        if len(shorts) > 1:
            also = " and introduced as " + ", ".join(f"({s})" for s in sorted(shorts))
        out.append(Finding("RL501", f"{label} is named {len(names)} ways: {listed}{also}",
                           label, "", names[0], doc.source))
    return out


def _alike(names: List[str]) -> List[str]:
    """The spellings that are one name spelled differently from the first (the most common
    shape): where they differ, the words are a spelling of each other ("Health" /
    "Healthcare", "Health Care" / "Healthcare", "Service" / "Services"), or one word is
    dropped ("of", "Police").  "Department of Human Services" and "Department of
    Administrative Services" are two names."""
    if not names:
        return names
    return [names[0]] + [n for n in names[1:] if _variant(_key(names[0]), _key(n))]


def _variant(a: str, b: str) -> bool:
    from difflib import SequenceMatcher

    wa, wb = a.split(), b.split()
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        x, y = "".join(wa[i1:i2]), "".join(wb[j1:j2])
        if not x or not y:
            if (i2 - i1) + (j2 - j1) > 1:
                return False
            continue
        if SequenceMatcher(None, x, y, autojunk=False).ratio() < \
                DEFAULT_SPELLING_SIMILARITY:
            return False
    return True


def _shares_shape(long: str, others: Sequence[str]) -> bool:
    """Whether two long names could be one party's: the same first word and last word, or
    one inside the other ("Association of Engineering Employees" / "... of Oregon")."""
    a = _norm(long)
    for o in others:
        b = _norm(o)
        if a == b or a in b or b in a:
            return True
        if _shape(long)[0] == _shape(o)[0] and _shape(long)[2] == _shape(o)[2]:
            return True
    return False


def _spellings(text: str, longs: Sequence[str]) -> List[str]:
    """Every spelling in ``text`` of the long names: their opening words, up to
    MAX_MIDDLE_WORDS other words, their last word."""
    found: List[str] = []
    for long in longs:
        words = long.split()
        if len(words) < 3:
            pattern = r"\s+".join(re.escape(w) for w in words)
        else:
            head = r"\s+".join(re.escape(w) for w in words[:2])
            middle = len(words) - 3
            pattern = (rf"{head}(?:\s+[\w’'&.-]+){{{max(0, middle - 1)},"
                       rf"{middle + MAX_MIDDLE_WORDS}}}?\s+{re.escape(words[-1])}")
        for m in re.finditer(rf"(?<![\w-]){pattern}(?![\w-])", text, re.I):
            found.append(" ".join(m.group().split()))
    # only the spellings that are names: every word capitalised but the small ones
    return [f for f in found if all(w[:1].isupper() or re.fullmatch(_LINK, w, re.I)
                                    for w in f.split())]
