"""The drafting checks, one function per family of codes.

Each check reads the model (articles, clauses, notes, marked spans) and returns findings; none
prints or raises.  Thresholds are named constants: the checks run on real agreements too,
where a false alarm costs a reviewer's trust.
"""
from __future__ import annotations

import re
from typing import Dict, Iterable, List, Optional, Set, Tuple

from ..conventions.colours import is_neutral, nearest_colour
from ..model import Article, Clause, Document
from ..terms.extract import AMOUNT_KINDS, MONEY, PERCENT, clause_label, scan_terms
from ..terms.numbers import show_number
from .findings import Finding

#: Articles with a number printed before "Article N" references are checked against them.
DEFAULT_MIN_NUMBERED_ARTICLES = 3
#: Clauses with dotted numbers an article needs before its "Section X.n" references are
#: checked.
DEFAULT_MIN_DOTTED_CLAUSES = 2
#: Formats of text extracted by another tool, where "Section N" numbering is not checked.
EXTRACTED_TEXT_FORMATS = ("text", "markdown")
#: Below this share of words on a line, the line is a row of figures (a table set as text).
DEFAULT_MIN_WORD_SHARE = 0.5
#: Most X-numbered clauses listed in one RL201 message.
MAX_LISTED = 4
#: A clause with no number and at most this many words, and no sentence end, is a heading
#: that starts a section of its own (its numbers may restart).
MAX_HEADING_WORDS = 8
#: Longest article title shown in a finding's place.
MAX_TITLE = 32

_X_NUMBER = re.compile(r"^X(?:\.(?:\d+|\*+))+\.?$")
_DOTTED = re.compile(r"^(?P<head>X|[1-9]\d{0,2})(?P<rest>(?:\.(?:[1-9]\d{0,2}|0))+)\.?$")
_SECTION_NUMBER = re.compile(r"^Section(?P<n>\d{1,3})$", re.I)
_ARTICLE_X = re.compile(r"\b[Aa]rticle\s+X\b(?![ \t]?\.[ \t]?[\d*])")
_REF_PLACEHOLDER = re.compile(
    r"\b(?P<kind>Article|Section|Appendix|Exhibit)(?:\s*\?+|\s+_{2,}|"
    r"\s*\((?P<name>[A-Za-z][A-Za-z &/-]{2,40})\))", re.I)
_BLANK = re.compile(
    r"\bTBD\b|\bTBA\b|\[\s*(?:insert|add|fill|blank|tbd)[^\]]{0,60}\]"
    r"|<\s*insert[^>]{0,60}>|\[\s*\]|(?P<rule>_{3,})")
#: Before "Article (Name)": words that make it this article's name or a unit's name.
_NAMED_BEFORE = re.compile(r"(?:\bthis|\b[A-Z][a-z]+)\s+$")
#: Clauses that are forms and signature blocks, where blank lines are meant to be there.
_FORM_WORDS = re.compile(r"\b(?:signed|signature|witness|date filed|print(?:ed)? name)\b",
                         re.I)
_ARTICLE_REF = re.compile(
    r"\b(?P<kw>Articles?)\s+(?P<num>\d{1,3}(?:\.\d{1,3})?)\b(?!\.\d)", re.I)
_SECTION_REF = re.compile(
    r"\b(?P<kw>Sections?|§)\s*(?P<num>(?:X|\d{1,3})(?:\.\d{1,3}){1,4})\b(?!\.\d)", re.I)
#: Words after a reference that say it points outside this document.
_EXTERNAL_AFTER = re.compile(
    r"^[\s,]*(?:\(?[\w.]*\)?\s*)?(?:of|in|under)\s+(?:the\s+)?(?:[\w.,’'-]+\s+){0,6}?"
    r"(?:constitution|act|code|statutes?|ors|oar|rules?|regulations?|law|charter|policy|"
    r"policies|handbook|manual|plan|previous|prior|predecessor|former|expired|"
    r"\d{4}\s*[-–]\s*\d{2,4})\b", re.I)
_EXTERNAL_BEFORE = re.compile(
    r"(?:code|ors|oar|act|constitution|statutes?|regulations?|rules?|u\.?s\.?c\.?|c\.?f\.?r\.?|"
    r"education|government|labor|penal|civil|revenue|policy|bp|ar)\s*[,]?\s*$", re.I)


_CARDINALS = (r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
              r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
              r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)")
#: A whole number in words right before a term: "twelve " in "twelve SIXTEEN (16)".
_CARDINAL_BEFORE = re.compile(rf"(?<![\w-]){_CARDINALS}[ \t]+$", re.I)
#: Number words and "and"/"point" before a term: its words began earlier than we read.
_WORDS_AND_BEFORE = re.compile(rf"{_CARDINALS}[\s-]+(?:and|point)[\s-]+$", re.I)
_FRACTION_WORD = re.compile(r"\b(?:half|halves|thirds?|quarters?|fourths?|tenths?|"
                            r"hundredths?)\b", re.I)


def place(article: Article, clause: Optional[Clause], many: bool) -> str:
    """Where a finding is: the clause number (with its article when the document has
    several and the number does not say which)."""
    label = clause_label(clause) if clause is not None else ""
    if not many:
        return label or (article.title[:MAX_TITLE] if article.title else "")
    art = f"Article {article.number}" if article.number else article.title[:MAX_TITLE]
    if clause is not None and article.number and label.startswith(article.number + "."):
        return label
    return " ".join(p for p in (art, label) if p)


def _walk(doc: Document) -> Iterable[Tuple[Article, Clause, str]]:
    many = len(doc.articles) > 1
    for a in doc.articles:
        for c in a.clauses:
            yield a, c, place(a, c, many)


def _snippet(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


# --- RL1: numbers ----------------------------------------------------------------------------

def check_numbers(doc: Document) -> List[Finding]:
    """RL101 words and figure disagree; RL102 figures run together."""
    out: List[Finding] = []
    for a, c, where in _walk(doc):
        text = c.text
        terms = list(scan_terms(text))
        for kind, value, start, end, unit, unit_text, words in terms:
            if words is None or isinstance(value, str):
                continue
            before_text = text[max(0, start - 40):start]
            # a whole number in words just before a number printed in words and figures:
            # two numbers left side by side ("twelve SIXTEEN (16)")
            before = _CARDINAL_BEFORE.search(before_text)
            if before is not None:
                shown = _snippet(text, start - len(before.group()), end)
                out.append(Finding("RL102", f"{shown!r}: two numbers side by side "
                                   "(struck and inserted text left together?)", where,
                                   a.title, shown))
                continue
            if kind == PERCENT and words < 1 and words * 100 == value:
                continue  # "one-half (50%)"
            if words != value and not _reads_past(kind, value, words, text[start:end],
                                                  before_text):
                shown = _snippet(text, start, end)
                out.append(Finding("RL101", f"{shown!r}: the words say {show_number(words)}, "
                                   f"the figure {show_number(value)}", where, a.title, shown))
        out.extend(_run_together(a, where, text, terms))
    return out


def _reads_past(kind: str, value, words, printed: str, before: str) -> bool:
    """Where words and figure differ for a reason the words do not show: money in dollars
    and cents ("one dollar and two cents ($1.02)"), a schedule ("five-eight (5/8) hour
    shifts"), a multiple ("time and one-half (1.5)"), a number we read only the end of
    ("four and seventy-five percent (4.75%)")."""
    if kind == MONEY and value != value.to_integral_value():
        return True
    figure = printed[printed.find("("):] if "(" in printed else ""
    if "/" in figure and not _FRACTION_WORD.search(printed):
        return True
    if words < 1 and re.search(r"\band\s+$", before, re.I):
        return True
    if re.search(r"\bof\s+$", before, re.I):
        return True  # "six tenths of one percent (0.6%)"
    return bool(_WORDS_AND_BEFORE.search(before))


def _run_together(article: Article, where: str, text: str, terms) -> List[Finding]:
    """Two figures of one kind side by side with nothing but a space between: a struck and
    an inserted figure left together.  Exactly two: a longer run is a list without commas
    ("four (4) eight (8) ten (10) twelve (12) hours") or a row of a table set as text."""
    out: List[Finding] = []
    i = 0
    while i < len(terms):
        j = i
        while j + 1 < len(terms) and _side_by_side(text, terms[j], terms[j + 1]):
            j += 1
        if j == i + 1 and _run_pair(text, terms[i], terms[j]):
            shown = _snippet(text, terms[i][2], terms[j][3])
            out.append(Finding("RL102", f"{shown!r}: two figures side by side (struck and "
                               "inserted text left together?)", where, article.title, shown))
        i = j + 1
    return out


def _side_by_side(text: str, a, b) -> bool:
    """Two amounts with only white space (money and percentages: or a full stop) between."""
    if a[0] not in AMOUNT_KINDS or b[0] not in AMOUNT_KINDS:
        return False
    gap = text[a[3]:b[2]]
    if a[0] in (MONEY, PERCENT) and a[0] == b[0]:
        return re.fullmatch(r"\.?[ \t]+", gap) is not None
    return a[6] is not None and b[6] is not None and re.fullmatch(r"[ \t]+", gap) is not None


def _run_pair(text: str, a, b) -> bool:
    if a[1] == b[1]:
        return False
    if a[0] in (MONEY, PERCENT):
        return a[4] == b[4] and not _table_row(text, a[2])
    # numbers in words and figures: "fifteen (15) ten (10) working days"; not "four (4)
    # ten (10) hour days" (a count of a duration): the second carries a plural unit, and the
    # first none or the same
    unit_b = (b[5] or "").rstrip("'’")
    return bool(b[4]) and unit_b.lower().endswith("s") and (not a[4] or a[4] == b[4])


def _table_row(text: str, pos: int) -> bool:
    """Whether the line at ``pos`` is a row of a table set as text: mostly figures."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start:end if end >= 0 else len(text)]
    words = line.split()
    return sum(1 for w in words if re.search(r"[A-Za-z]{2}", w)) < len(words) * \
        DEFAULT_MIN_WORD_SHARE


# --- RL2: placeholders -----------------------------------------------------------------------

def check_placeholders(doc: Document) -> List[Finding]:
    """RL201 X clause numbers (once per article); RL202 "Article?"; RL203 TBD, [insert]."""
    out: List[Finding] = []
    many = len(doc.articles) > 1
    for a in doc.articles:
        xs = [c.number for c in a.clauses if c.number and _X_NUMBER.match(c.number)]
        if xs:
            listed = ", ".join(xs[:MAX_LISTED]) + (", ..." if len(xs) > MAX_LISTED else "")
            target = f" (the article is numbered {a.number})" if a.number else ""
            out.append(Finding("RL201", f"{len(xs)} clause number(s) keep the X placeholder"
                               f"{target}: {listed}", place(a, None, many) or a.title,
                               a.title, xs[0]))
    for a, c, where in _walk(doc):
        text = c.full_text
        for m in _ARTICLE_X.finditer(text):
            out.append(Finding("RL201", f"{_snippet(text, m.start(), m.end())!r}: the article "
                               "number is still X", where, a.title, m.group()))
        for m in _REF_PLACEHOLDER.finditer(text):
            if m.group("name") and _NAMED_BEFORE.search(text, max(0, m.start() - 20),
                                                        m.start()):
                continue  # "this Article (Elections)", "the Budget Section (SABRS)"
            shown = _snippet(text, m.start(), min(len(text), m.end() + 30)).split("  ")[0]
            if m.group("name") and m.group("name").strip().lower() in ("s", "es"):
                continue
            out.append(Finding("RL202", f"{_snippet(text, m.start(), m.end())!r}: a "
                               f"reference with no number ({shown!r})", where, a.title,
                               m.group()))
        for m in _BLANK.finditer(text):
            if m.group("rule") and not _blank_in_text(text, m):
                continue  # a form's field or a signature line
            shown = _snippet(text, max(0, m.start() - 20), min(len(text), m.end() + 20))
            out.append(Finding("RL203", f"left to fill in: {shown!r}", where, a.title,
                               m.group()))
    return out


def _blank_in_text(text: str, m: re.Match) -> bool:
    """Whether a line of underscores is a blank inside a sentence ("within ___ days"), not
    a form's field ("Name: ____") or a signature block."""
    if _FORM_WORDS.search(text) or ":" in text[max(0, m.start() - 40):m.start()]:
        return False
    return bool(re.search(r"[a-z,][ \t]+$", text[:m.start()]) and
                re.match(r"[ \t]+[a-z]", text[m.end():]))


# --- RL3: references -------------------------------------------------------------------------

_TITLE_NUMBER = re.compile(r"^ARTICLE[ \t]+(\d{1,3}(?:\.\d{1,3})?)[A-Z]?\b", re.I)
_ARTICLE_HEADING = re.compile(r"(?m)^[ \t\x0c]*ARTICLE[ \t]+(\d{1,3}(?:\.\d{1,3})?)\b")


def _article_numbers(doc: Document) -> Set[str]:
    """The article numbers the document holds: its articles', and those of article headings
    the reader kept inside a clause's text (after a page break)."""
    out = {a.number for a in doc.articles if a.number}
    for a in doc.articles:  # a title the reader kept whole: "ARTICLE 16A - PERSONAL LEAVE"
        out.update(_TITLE_NUMBER.findall(a.title))
    for c in doc.clauses:
        if "ARTICLE" in c.text:
            out.update(_ARTICLE_HEADING.findall(c.text))
    # "Article 16" names articles 16A and 16B too
    out.update(re.sub(r"[A-Za-z]+$", "", n) for n in list(out))
    return out


def check_references(doc: Document) -> List[Finding]:
    """RL301: "Section X.3.7" that no clause of its article holds, "Article 18" that no
    article holds (only when the document numbers enough articles to tell)."""
    out: List[Finding] = []
    numbers = _article_numbers(doc)
    check_articles = len(numbers) >= DEFAULT_MIN_NUMBERED_ARTICLES
    all_clauses = {c.number.rstrip(".") for c in doc.clauses if c.number}
    for a, c, where in _walk(doc):
        own = {x.number.rstrip(".") for x in a.clauses if x.number}
        dotted = sum(1 for n in own if _DOTTED.match(n))
        text = c.text
        if check_articles:
            for m in _ARTICLE_REF.finditer(text):
                num = m.group("num")
                if num in numbers or num.split(".")[0] in numbers or _external(text, m):
                    continue
                if m.group("kw").lower() == "articles":
                    continue  # "Articles 3 through 7" names ranges; not worth the noise
                out.append(Finding("RL301", f"{m.group()!r}: no article {num} in this "
                                   "document", where, a.title, m.group()))
        if dotted < DEFAULT_MIN_DOTTED_CLAUSES:
            continue
        for m in _SECTION_REF.finditer(text):
            num = m.group("num")
            if _external(text, m):
                continue
            pool = own if num.upper().startswith("X") else all_clauses
            if num.upper().startswith("X") or any(_DOTTED.match(n) and not n.startswith("X")
                                                  for n in all_clauses):
                if num not in pool and num.upper() not in pool:
                    out.append(Finding("RL301", f"{m.group()!r}: no clause {num} in "
                                       f"{'this article' if pool is own else 'this document'}",
                                       where, a.title, m.group()))
    return out


def _external(text: str, m: re.Match) -> bool:
    return bool(_EXTERNAL_AFTER.match(text, m.end()) or _EXTERNAL_BEFORE.search(
        text, max(0, m.start() - 30), m.start()))


# --- RL4: numbering --------------------------------------------------------------------------

def _number_key(number: str) -> Optional[Tuple[str, int]]:
    """``X.2.3`` -> ("X.2", 3); ``Section4`` -> ("Section", 4)."""
    n = number.rstrip(".")
    m = _DOTTED.match(n)
    if m:
        head, _, last = n.rpartition(".")
        return head.upper(), int(last)
    s = _SECTION_NUMBER.match(n)
    if s:
        return "SECTION", int(s.group("n"))
    return None


def check_numbering(doc: Document) -> List[Finding]:
    """RL401 duplicate, RL402 skipped, RL403 out-of-order clause numbers in an article."""
    out: List[Finding] = []
    many = len(doc.articles) > 1
    # "Section 4." in text another tool extracted from a PDF is often behind a page break
    # (a form feed) where the reader cannot see it: only dotted numbers are checked there
    sections = doc.format not in EXTRACTED_TEXT_FORMATS
    for a in doc.articles:
        seen: Set[str] = set()
        last: Dict[str, int] = {}
        heading = False
        between: List[str] = []  # the text read since the last numbered clause
        for c in a.clauses:
            between.append(c.text)
            if c.kind == "section" or c.number in ("X", "X."):
                # "X Sick Leave": a section that numbers afresh
                seen, last, heading = set(), {}, False
                continue
            if not c.number:
                heading = heading or _heading_line(c)
                continue
            key = _number_key(c.number)
            if key is None:
                continue
            parent, n = key
            if parent == "SECTION" and not sections:
                continue
            number = c.number.rstrip(".")
            body = (c.heading or c.text).lstrip(" .:-–")
            if _REFERENCE_TAIL.match(body):
                # "Section 15 of Article 13 ...": a reference the page wrapped to the start
                # of a line, not a clause
                continue
            if n == 1 and number.upper() in seen and (heading or parent == "SECTION"):
                # numbering restarts under a heading line, or at "Section 1" (a contract
                # numbers sections afresh in each article: the article's title was not
                # seen): a section of its own
                seen, last = set(), {}
            heading = False
            where = place(a, c, many)
            passed = "\n".join(between[:-1])
            between = [c.text]
            if _HIDDEN_ARTICLE.search(passed):
                # an article heading inside the text (the page break before it hid it from
                # the reader): what follows is another article
                seen, last = set(), {}
            if number.upper() in seen:
                out.append(Finding("RL401", f"{number} is used twice in this article", where,
                                   a.title, number))
                continue
            seen.add(number.upper())
            before = last.get(parent, 0)
            if n < before:
                out.append(Finding("RL403", f"{number} comes after {_join(parent, before)}",
                                   where, a.title, number))
                last[parent] = n  # once: the numbers after it follow on from here
                seen.add(number.upper())
                continue
            elif before and n > before + 1 and not _hidden(passed, parent, before + 1):
                # (not at the start of an article: a counter often proposes only some of
                # its clauses, and a page header repeating the title starts a new article
                # in text read from a PDF)
                gap = _join(parent, before + 1) + ("" if n == before + 2 else
                                                  f" to {_join(parent, n - 1)}")
                out.append(Finding("RL402", f"{number} follows {_join(parent, before)}: {gap} "
                                   "missing", where,
                                   a.title, number))
            last[parent] = max(before, n)
            # a new parent starts its children afresh
            for k in [k for k in last if k.startswith(number.upper() + ".")]:
                del last[k]
    return out


#: A clause number or article heading at the start of a line of a clause's text, where the
#: reader kept it as text (a form feed, the page break of text from a PDF, before it).
_LINE_START = r"(?m)^[ \t\x0c]*"
_HIDDEN_ARTICLE = re.compile(_LINE_START + r"\x0c?ARTICLE\s+\d", re.I)


#: A "clause" whose text goes on like this is a reference the page wrapped to the start of
#: a line ("Section 15 of Article 13 ...").
_REFERENCE_TAIL = re.compile(r"(?:of|and|or|through|thru|to|in|under|as|at|for|from|with|"
                             r"by|shall|is|are|above|below|herein)\b")


def _hidden(text: str, parent: str, n: int) -> bool:
    label = rf"Section\s*{n}\b" if parent == "SECTION" else re.escape(f"{parent}.{n}") + r"\b"
    return re.search(_LINE_START + label, text, re.I) is not None


def _heading_line(c: Clause) -> bool:
    if c.heading:
        return False
    words = c.text.split()
    return 0 < len(words) <= MAX_HEADING_WORDS and "\n" not in c.text and \
        c.text.rstrip()[-1:] not in ".:;,)" and c.text[:1].isupper()


def _join(parent: str, n: int) -> str:
    return f"Section {n}" if parent == "SECTION" else f"{parent}.{n}"


# --- RL6: notes and marks --------------------------------------------------------------------

def check_notes(doc: Document) -> List[Finding]:
    """RL601: a position note dated after the proposal it sits in."""
    out: List[Finding] = []
    for a, c, where in _walk(doc):
        for note in c.notes:
            if not note.date:
                continue
            prop = doc.proposal
            if doc.rounds and note.round and 1 <= note.round <= len(doc.rounds):
                prop = doc.rounds[note.round - 1].proposal
            if prop.date and note.date[:10] > prop.date[:10]:
                out.append(Finding("RL601", f"note {' '.join(note.text.split())[:60]!r} is "
                                   f"dated {note.date[:10]}, after its proposal of "
                                   f"{prop.date[:10]}", where, a.title, note.text))
    return out


def check_colours(doc: Document) -> List[Finding]:
    """RL602: a struck or inserted span in a colour the colour key does not give a round."""
    palette = {e.color.upper() for e in doc.legend if e.color} | {
        r.color.upper() for r in doc.rounds if r.color}
    if not palette:
        return []
    out: List[Finding] = []
    reported: Set[Tuple[str, str]] = set()
    for a, c, where in _walk(doc):
        spans = list(c.spans) + [s for row in (c.table_spans or ()) for cell in row
                                 for s in cell]
        for s in spans:
            if s.kind == "base" or not s.text.strip() or is_neutral(s.color):
                continue
            if nearest_colour(s.color or "", palette) is not None:
                continue
            if (where, s.color or "") in reported:
                continue
            reported.add((where, s.color or ""))
            mark = "struck" if s.kind == "del" else "inserted"
            out.append(Finding("RL602", f"{mark} text in colour {s.color}, which is in no "
                               f"round of the colour key: {' '.join(s.text.split())[:40]!r}",
                               where, a.title, s.text))
    return out
