"""Quantified terms in clause text and tables: how many days, how much money, what
percentage, from when.

``fifteen (15) working days``, ``twenty four (24) hour notice``, ``one-half (1/2)``,
``$2.00 per hour``, ``$1,946.00 per year``, ``4%``, ``seventy- five percent (75%)``,
``July 1, 2025``, ``2025-26``, ``8:00 a.m.``, and the cells of a salary schedule with their
row and column headings.  Every term keeps its normalised value (a :class:`~decimal.Decimal`,
an ISO date, a school year ``2025-2026``), the text as printed and its unit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator, List, Optional, Sequence, Tuple, Union

from ..model import Article, Clause, Document
from .numbers import NUMBER_WORDS, figure_value, show_number, valid_suffix, words_value

MONEY = "money"
PERCENT = "percent"
DATE = "date"
SCHOOL_YEAR = "school_year"
TIME = "time"
YEAR = "year"
DURATION = "duration"
COUNT = "count"
NUMBER = "number"
KINDS = (MONEY, PERCENT, DATE, SCHOOL_YEAR, TIME, YEAR, DURATION, COUNT, NUMBER)
#: Kinds whose values are amounts (Decimal); the others are dates and times (str).
AMOUNT_KINDS = (MONEY, PERCENT, DURATION, COUNT, NUMBER, YEAR)

#: Words of the text before a term kept as its context.
DEFAULT_CONTEXT_WORDS = 6
#: How far after a two-digit school year ("23-24") the word "year" must appear.
SCHOOL_YEAR_REACH = 40

_MONTH_NAMES = ("january february march april may june july august september october "
                "november december").split()
_MONTHS = {m: i + 1 for i, m in enumerate(_MONTH_NAMES)}
_MONTHS.update({m[:3]: i + 1 for i, m in enumerate(_MONTH_NAMES)})
_MONTHS["sept"] = 9

_FIG = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_WORDS = NUMBER_WORDS.pattern
# One alternation, leftmost match wins; named groups say which kind matched.
_SCAN = re.compile(
    # a number in words with its figure: "fifteen (15)", "thirty percent (30%)",
    # "five thousand dollars ($5,000)", "one-half (1/2)"
    rf"(?P<wf>(?P<wf_words>{_WORDS})(?P<wf_word_unit>\s+(?:percent|per\s+cent|dollars))?"
    rf"\s*\(\s*(?P<wf_fig>\\?\$\s?{_FIG}|{_FIG}(?:\s+\d+/\d+|/\d+)?\s*%?)\s*\))"
    # money: "$2.00", "\$5,000" (markdown escapes the dollar)
    rf"|(?P<money>\\?\$\s?{_FIG}(?:\s+(?:million|thousand))?)"
    # long dates: "July 1, 2025", "Sept. 30", "June 30th"
    r"|(?P<ldate>\b(?P<ld_month>" + "|".join(_MONTH_NAMES) +
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?)\s+(?P<ld_day>\d{1,2})"
    r"(?:st|nd|rd|th)?\b(?:,?\s+(?P<ld_year>(?:19|20)\d\d)\b)?)"
    # numeric dates: 7/1/2025, 07-01-25
    r"|(?P<ndate>(?<![\w./-])(?P<nd_m>\d{1,2})[/-](?P<nd_d>\d{1,2})[/-](?P<nd_y>\d{4}|\d{2})"
    r"(?![\w/-]))"
    # school and fiscal years: 2025-26, 2023-2024, 2023/24, 23-24
    r"|(?P<sy>(?<![\w./-])(?P<sy_a>(?:19|20)?\d\d)\s?[-–/]\s?(?P<sy_b>(?:19|20)?\d\d)"
    r"(?![\w/-]|\.\d))"
    # times of day: 8:00 a.m., 3:30 PM
    r"|(?P<time>\b(?P<t_h>\d{1,2}):(?P<t_m>\d{2})\s*(?P<t_ap>[ap]\.?\s?m\.?)?(?!\w))"
    # percentages: 4%, 2.5 %, 30 percent
    rf"|(?P<pct>(?<![\w.,]){_FIG}\s?(?:%|percent\b|per\s+cent\b))"
    # plain figures: 15, 1,946.00, 1/2
    rf"|(?P<fig>(?<![\w.,/:$]){_FIG}(?:\s+\d+/\d+|/\d+)?(?![\w/%]|\.\d|:\d))"
    # numbers in words alone (kept only when a unit follows): "six days"
    rf"|(?P<words>{_WORDS})",
    re.I)

#: A figure right after one of these words is a reference or a label, not a quantity.
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:sections?|articles?|appendix|appendices|chapters?|titles?|codes?|rules?|"
    r"ors|oar|usc|u\.s\.c\.|cfr|no|nos|numbers?|levels?|steps?|ranges?|grades?|local|"
    r"room|suite|box|forms?|parts?|paragraphs?|exhibits?|schedules?|tiers?|phases?|"
    r"classes?|bills?|resolutions?|pages?|lines?|items?|units?|groups?|ext|extension|"
    r"highway|hwy|route|floor|building|district)\.?|§+|#)\s*$", re.I)

#: Nouns that make a number a duration.
TIME_UNITS = {"minute", "hour", "day", "workday", "week", "month", "year", "semester",
              "quarter", "shift", "period", "session", "night", "weekend", "school year",
              "calendar year", "fiscal year"}
_MODIFIERS = ("working|work|calendar|school|business|consecutive|instructional|duty|paid|"
              "unpaid|regular|additional|full|part|scheduled|academic|fiscal|contract|"
              "duty-free|uninterrupted|continuous|clock|credit|service")
_UNIT_NOUNS = ("minutes?|hours?|days?|workdays?|weeks?|months?|years?|semesters?|quarters?|"
               "shifts?|periods?|sessions?|nights?|weekends?|steps?|credits?|units?|"
               "occasions?|times?|miles?|employees?|members?|persons?|people|positions?|"
               "arbitrators?|articles?|representatives?|stewards?|copies|copy|meetings?|"
               "hrs?|mins?|yrs?|holidays?|classes|courses?|trainings?|visits?|students?")
_UNIT_AFTER = re.compile(
    rf"\s*(?:-\s*)?(?P<unit>(?:(?:{_MODIFIERS})[\s-]+){{0,3}}(?:{_UNIT_NOUNS}))"
    r"(?P<poss>['’]s?)?(?![\w-])", re.I)
_MONEY_UNIT = re.compile(
    r"\s*(?P<unit>(?:per|an|a|each|/)\s*(?:hour|hr|day|week|month|year|annum|pay\s+period|"
    r"mile|shift|semester|quarter|session|meeting|employee|member|class|course|unit|visit)"
    r"|annually|monthly|hourly|weekly|daily|biweekly|per\s+diem)\b", re.I)
_SINGULAR = {"days": "day", "hours": "hour", "minutes": "minute", "weeks": "week",
             "months": "month", "years": "year", "workdays": "workday", "hrs": "hour",
             "hr": "hour", "mins": "minute", "min": "minute", "yrs": "year", "copies": "copy",
             "people": "person", "classes": "class"}


@dataclass(frozen=True)
class Term:
    """One quantified term of a clause.

    ``value`` is a :class:`~decimal.Decimal` for amounts (money in dollars, percentages in
    percent points, durations and counts in their unit), an ISO date (``2025-07-01``, or
    ``--07-01`` without a year) for dates, ``2025-2026`` for school years, ``08:00`` for
    times.  ``unit`` is the normalised unit (``working day``, ``per hour``, ``%``) and
    ``unit_text`` the unit as printed.  A table cell has its ``row`` and ``column`` headings.
    ``words`` is, for a number printed in words and figures, the value of the words (the
    figure is ``value``).
    """

    kind: str
    value: Union[Decimal, str]
    text: str
    unit: str = ""
    unit_text: str = ""
    clause: str = ""  # the clause number (or heading, for an unnumbered clause)
    heading: str = ""  # the clause heading, when it has one
    article: str = ""
    clause_index: int = -1  # index among the document's clauses
    start: int = 0  # offset in the clause text (in its cell, for a table cell)
    context: str = ""  # the words before it
    row: str = ""
    column: str = ""
    words: Optional[Decimal] = None

    @property
    def in_table(self) -> bool:
        return bool(self.row or self.column)

    @property
    def key(self) -> str:
        """What a term pairs by inside its clause: its kind and unit (a table cell: its
        row and column headings)."""
        if self.in_table:
            return f"cell:{self.row}|{self.column}"
        group = {MONEY: "amount", PERCENT: "amount", NUMBER: "amount"}.get(self.kind, self.kind)
        return f"{group}:{self.unit}" if self.kind not in (NUMBER,) else f"{group}:"

    def show(self) -> str:
        """The value as a reader writes it: ``$2.00``, ``4%``, ``15``, ``2025-07-01``."""
        if isinstance(self.value, str):
            if self.kind == DATE and self.value.startswith("--"):
                # a date without its year: "April 1"
                month, day = int(self.value[2:4]), int(self.value[5:7])
                return f"{_MONTH_NAMES[month - 1].capitalize()} {day}"
            return self.value
        if self.kind == MONEY:
            text = f"{self.value:,.2f}" if self.value != self.value.to_integral_value() or \
                "." in self.text else f"{int(self.value):,}"
            return f"${text}"
        if self.kind == PERCENT:
            return f"{show_number(self.value)}%"
        return show_number(self.value)

    def to_dict(self) -> dict:
        value = self.value if isinstance(self.value, str) else str(self.value)
        out = {"kind": self.kind, "value": value, "text": self.text, "unit": self.unit,
               "unit_text": self.unit_text, "clause": self.clause, "article": self.article,
               "context": self.context}
        if self.in_table:
            out.update(row=self.row, column=self.column)
        return out


def _unit_key(printed: str) -> str:
    words = re.split(r"[\s-]+", printed.lower().strip())
    if not words or not words[-1]:
        return ""
    last = words[-1]
    last = _SINGULAR.get(last, last[:-1] if last.endswith("s") and len(last) > 3 and
                         not last.endswith("ss") else last)
    return " ".join(words[:-1] + [last])


def _context(text: str, start: int) -> str:
    words = text[max(0, start - 80):start].split()
    return " ".join(words[-DEFAULT_CONTEXT_WORDS:])


def _iso_date(month: int, day: int, year: Optional[int]) -> Optional[str]:
    """``2025-07-01``, or ``--07-01`` without a year; None for a day no calendar has."""
    import datetime

    try:
        datetime.date(year or 2000, month, day)  # 2000: February 29 is a day
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _school_year(a: str, b: str, text: str, end: int) -> Optional[str]:
    ya, yb = int(a), int(b)
    if len(a) == 2 and len(b) == 2:
        # "23-24" is a school year only when a year is named right after it
        if "year" not in text[end:end + SCHOOL_YEAR_REACH].lower():
            return None
        ya, yb = 2000 + ya, 2000 + yb
    elif len(a) == 4 and len(b) == 2:
        yb = ya // 100 * 100 + yb
    elif len(a) == 2:
        return None
    return f"{ya}-{yb}" if yb == ya + 1 else None


def scan_terms(text: str) -> Iterator[Tuple[str, Union[Decimal, str], int, int, str, str,
                                             Optional[Decimal]]]:
    """``(kind, value, start, end, unit_key, unit_text, words)`` for every quantity in
    ``text``, left to right.  ``end`` includes the unit."""
    pos = 0
    while True:
        m = _SCAN.search(text, pos)
        if m is None:
            return
        pos = m.end()
        start, end = m.start(), m.end()
        kind: Optional[str] = None
        value: Union[Decimal, str, None] = None
        words: Optional[Decimal] = None
        unit = unit_text = ""
        if m.group("wf"):
            fig = m.group("wf_fig")
            words = words_value(m.group("wf_words"))
            if words is None:
                # numbers run together ("twelve SIXTEEN (16)"): the last one is the term's
                cut = valid_suffix(m.group("wf_words"))
                if cut <= 0:
                    continue
                start = m.start("wf_words") + cut
                words = words_value(m.group("wf_words")[cut:])
            if re.fullmatch(r"[a-z]+", m.group("wf_words").strip(), re.I) and \
                    m.group("wf_words").strip().lower() in ("half", "third", "quarter"):
                # "time and a half (1.5)": the whole number is in words we cannot read
                words = None
            fig_clean = fig.replace("\\", "").replace("$", "").replace("%", "").strip()
            value = figure_value(fig_clean)
            if value is None:
                continue
            if "$" in fig or (m.group("wf_word_unit") or "").lower().startswith("dollar"):
                kind = MONEY
            elif "%" in fig or m.group("wf_word_unit"):
                kind, unit, unit_text = PERCENT, "%", "%"
        elif m.group("money"):
            raw = m.group("money").replace("\\", "").replace("$", "").strip()
            scale = Decimal(1)
            if raw.lower().endswith("million"):
                scale, raw = Decimal(1000000), raw[:-7]
            elif raw.lower().endswith("thousand"):
                scale, raw = Decimal(1000), raw[:-8]
            fv = figure_value(raw)
            if fv is None:
                continue
            kind, value = MONEY, fv * scale
        elif m.group("ldate"):
            month = _MONTHS.get(m.group("ld_month").lower().rstrip("."))
            year = int(m.group("ld_year")) if m.group("ld_year") else None
            if month is None or (year is None and m.group("ld_month").lower() == "may" and
                                 not text[end:end + 1].isspace() and end < len(text)
                                 and text[end] not in ",.;)"):
                continue
            value = _iso_date(month, int(m.group("ld_day")), year)
            kind = DATE
        elif m.group("ndate"):
            y = m.group("nd_y")
            year = int(y) + (2000 if len(y) == 2 else 0)
            value = _iso_date(int(m.group("nd_m")), int(m.group("nd_d")), year)
            kind = DATE
        elif m.group("sy"):
            value = _school_year(m.group("sy_a"), m.group("sy_b"), text, end)
            if value is None:
                # not a school year: let its first figure be read on its own
                pos = start + len(m.group("sy_a"))
                if _LABEL_BEFORE.search(text, max(0, start - 24), start) is None:
                    yield from _figure_term(text, start, pos)
                continue
            kind = SCHOOL_YEAR
        elif m.group("time"):
            hour, minute = int(m.group("t_h")), int(m.group("t_m"))
            ap = (m.group("t_ap") or "").lower().replace(".", "").replace(" ", "")
            if ap == "pm" and hour < 12:
                hour += 12
            if ap == "am" and hour == 12:
                hour = 0
            if hour > 23 or minute > 59:
                continue
            kind, value = TIME, f"{hour:02d}:{minute:02d}"
        elif m.group("pct"):
            raw = re.sub(r"\s*(%|percent|per\s+cent)$", "", m.group("pct"), flags=re.I)
            value = figure_value(raw)
            kind, unit, unit_text = PERCENT, "%", "%"
        elif m.group("fig"):
            if _LABEL_BEFORE.search(text, max(0, start - 24), start):
                continue
            yield from _figure_term(text, start, end)
            continue
        elif m.group("words"):
            value = words_value(m.group("words"))
            um = _UNIT_AFTER.match(text, end)
            if value is None or um is None or _unit_key(um.group("unit")).split()[-1] not in \
                    TIME_UNITS:
                continue
        if value is None:
            continue
        if kind is None or kind in (NUMBER,):
            kind, unit, unit_text, end = _with_unit(text, end, value)
        elif kind == MONEY:
            um = _MONEY_UNIT.match(text, end)
            if um:
                unit_text = um.group("unit")
                unit = "per " + _unit_key(re.sub(r"^(?:per|an|a|each|/)\s*", "", unit_text,
                                                 flags=re.I)) if not re.match(
                    r"(?:annually|monthly|hourly|weekly|daily|biweekly|per\s+diem)$",
                    unit_text, re.I) else unit_text.lower()
                end = um.end()
        yield kind, value, start, end, unit, unit_text, words


def _with_unit(text: str, end: int, value) -> Tuple[str, str, str, int]:
    um = _UNIT_AFTER.match(text, end)
    if um is None:
        return NUMBER, "", "", end
    unit_text = um.group("unit")
    unit = _unit_key(unit_text)
    last = unit.split()[-1]
    kind = DURATION if (last in TIME_UNITS or unit in TIME_UNITS) else COUNT
    return kind, unit, unit_text, um.end()


def _figure_term(text: str, start: int, end: int):
    raw = text[start:end]
    value = figure_value(raw)
    if value is None:
        return
    kind, unit, unit_text, stop = _with_unit(text, end, value)
    if kind == NUMBER and re.fullmatch(r"(?:19|20)\d\d", raw):
        kind = YEAR
    yield kind, value, start, stop, unit, unit_text, None


def clause_label(clause: Clause) -> str:
    """How a clause is named in reports: its number, else its heading, else its first
    words."""
    if clause.number:
        return clause.number
    if clause.heading:
        return clause.heading
    words = clause.text.split()
    return " ".join(words[:4]) + ("…" if len(words) > 4 else "")


def clause_terms(clause: Clause, article: str = "", index: int = -1) -> Tuple[Term, ...]:
    """Every term of one clause: its text, then its table's cells."""
    label = clause_label(clause)
    out: List[Term] = []
    text = clause.text
    for kind, value, start, end, unit, unit_text, words in scan_terms(text):
        out.append(Term(kind, value, text[start:end].strip(), unit, unit_text, label,
                        clause.heading, article, index, start, _context(text, start),
                        words=words))
    out.extend(table_terms(clause.table or (), label, clause.heading, article, index))
    return tuple(out)


def table_terms(table: Sequence[Sequence[str]], label: str = "", heading: str = "",
                article: str = "", index: int = -1) -> List[Term]:
    """The cells of a table (a salary schedule) that hold one quantity, with their row
    heading (the row's first cell) and column heading (the first row's cell)."""
    out: List[Term] = []
    if len(table) < 2:
        return out
    header = list(table[0])
    for r, row in enumerate(table[1:], start=1):
        if not row:
            continue
        row_head = " ".join(str(row[0]).split()) or f"row {r}"
        for c, cell in enumerate(row[1:], start=1):
            found = list(scan_terms(str(cell)))
            if len(found) != 1:
                continue
            kind, value, start, end, unit, unit_text, words = found[0]
            col_head = " ".join(str(header[c]).split()) if c < len(header) else ""
            out.append(Term(kind, value, str(cell)[start:end].strip(), unit, unit_text, label,
                            heading, article, index, start, "", row_head,
                            col_head or f"column {c}", words))
    return out


def article_terms(article: Article, offset: int = 0) -> Tuple[Term, ...]:
    return tuple(t for i, c in enumerate(article.clauses)
                 for t in clause_terms(c, article.title, offset + i))


def extract_terms(doc: Document) -> Tuple[Term, ...]:
    """Every quantified term of a document (a redline: of its latest round), in order."""
    doc = doc.latest()
    out: List[Term] = []
    offset = 0
    for a in doc.articles:
        out.extend(article_terms(a, offset))
        offset += len(a.clauses)
    return tuple(out)
