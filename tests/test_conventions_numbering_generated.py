"""Generated articles across the typed clause-numbering conventions of issue 12, read back
clause for clause: placeholders (``X.1``, ``X.2.1``), real dotted numbers (``9.2.1``),
dashed numbers (``9-2-1``, as Denver's agreement prints them), ``Section 9.2``, the
placeholder set apart by a space (``X 2.2``), items under a clause (``(a)``, ``a)``, ``(1)``,
``i.``), headings on the number's line (closed with a period or not, with ordinals:
"X.3.1 March 15th Notice.") and headings on a line of their own.  Each generated document
is read as DOCX and as plain text; every clause must come back with its number, heading and
text, none merged, none lost."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import List, Tuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docx_builder import build_docx, p
from redline.api import read
from redline.conventions.numbering import match_number, number_depth

ARTICLE = 9
SCHEMES = ("placeholder", "dotted", "dashed", "section", "spaced")
ITEMS = {"paren-alpha": lambda k: f"({'abcdefgh'[k]})",
         "alpha-paren": lambda k: f"{'abcdefgh'[k]})",
         "paren-digit": lambda k: f"({k + 1})",
         "roman": lambda k: f"{['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii'][k]}."}
SENTENCES = ["Employees shall receive notice of the change in writing.",
             "The District will provide training at no cost to the employee.",
             "Requests must be made within ten (10) working days.",
             "Nothing in this section limits the rights of the Association.",
             "A joint committee shall meet each semester to review the schedule.",
             "Leave may be taken in increments of one hour."]
HEADINGS = ["Notice", "March 15th Notice", "Transfers and Reassignments", "Sick Leave Bank",
            "Class Size"]


@dataclass(frozen=True)
class ClauseSpec:
    path: Tuple[int, ...]  # (2,) is clause 2, (2, 1) its first sub-clause
    heading: str
    heading_form: str  # none | line | line-period | line-bold | run-in
    text: str
    items: Tuple[str, ...]  # texts of items under it
    item_kind: str


def printed_number(scheme: str, path: Tuple[int, ...]) -> Tuple[str, str]:
    """(as printed, as read) for one clause number of a scheme."""
    rest = ".".join(str(n) for n in path)
    if scheme == "placeholder":
        return f"X.{rest}", f"X.{rest}"
    if scheme == "dotted":
        return f"{ARTICLE}.{rest}", f"{ARTICLE}.{rest}"
    if scheme == "dashed":
        dashed = "-".join(str(n) for n in (ARTICLE,) + path)
        return dashed, dashed
    if scheme == "section":
        return f"Section {ARTICLE}.{rest}", f"Section{ARTICLE}.{rest}"
    return f"X {rest}", f"X.{rest}"  # spaced: "X 2.2" is X.2.2


@st.composite
def articles(draw: st.DrawFn) -> Tuple[str, List[ClauseSpec]]:
    scheme = draw(st.sampled_from(SCHEMES))
    clauses: List[ClauseSpec] = []
    for top in range(1, draw(st.integers(2, 4)) + 1):
        paths = [(top,)] + [(top, sub) for sub in range(1, draw(st.integers(0, 2)) + 1)]
        if scheme in ("spaced", "section"):
            paths = [p_ for p_ in paths if len(p_) == 2] or [(top, 1)]
        for path in paths:
            form = draw(st.sampled_from(["none", "line", "line-period", "line-bold", "run-in"]))
            title = draw(st.sampled_from(HEADINGS))
            if form == "line-period" and len(title.split()) < 2:
                form = "line"  # "X.4 Reserved.": one word closed with a period is text
            n_items = draw(st.integers(0, 3)) if draw(st.booleans()) else 0
            clauses.append(ClauseSpec(
                path, title if form != "none" else "", form,
                draw(st.sampled_from(SENTENCES)),
                tuple(draw(st.sampled_from(SENTENCES)) for _ in range(n_items)),
                draw(st.sampled_from(sorted(ITEMS)))))
    return scheme, clauses


def lines(scheme: str, clauses: List[ClauseSpec]) -> List[Tuple[str, bool]]:
    """The article's paragraphs, each with whether it is bold."""
    out = [(f"ARTICLE {ARTICLE} - LEAVES", False)]
    for c in clauses:
        number, _ = printed_number(scheme, c.path)
        if c.heading_form in ("line", "line-bold"):
            out.append((f"{number} {c.heading}", c.heading_form == "line-bold"))
            out.append((c.text, False))
        elif c.heading_form == "line-period":
            out.append((f"{number} {c.heading}.", False))
            out.append((c.text, False))
        elif c.heading_form == "run-in":  # one paragraph: the heading is part of the text
            out.append((f"{number} {c.heading}. {c.text}", False))
        else:
            out.append((f"{number} {c.text}", False))
        out += [(f"{ITEMS[c.item_kind](k)} {t}", False) for k, t in enumerate(c.items)]
    return out


def heading(c: ClauseSpec) -> str:
    return c.heading if c.heading_form in ("line", "line-bold") else \
        c.heading + "." if c.heading_form == "line-period" else ""


def text(c: ClauseSpec) -> str:
    return f"{c.heading}. {c.text}" if c.heading_form == "run-in" else c.text


def expected(scheme: str, clauses: List[ClauseSpec]) -> List[Tuple[str, str]]:
    """(number, text) per clause, items included, as the reader must give them."""
    out: List[Tuple[str, str]] = []
    for c in clauses:
        _, number = printed_number(scheme, c.path)
        out.append((number, text(c)))
        out += [(ITEMS[c.item_kind](k), t) for k, t in enumerate(c.items)]
    return out


def read_clauses(doc) -> List[Tuple[str, str]]:
    (article,) = doc.articles
    return [(c.number, c.text) for c in article.clauses]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(articles(), st.sampled_from(["docx", "txt"]))
def test_generated_numbering_reads_back_clause_for_clause(article, fmt: str) -> None:
    scheme, clauses = article
    paragraphs = lines(scheme, clauses)
    printed = "\n".join(line for line, _ in paragraphs)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"generated.{fmt}"
        if fmt == "docx":
            build_docx("".join(p(line, b=bold) for line, bold in paragraphs), path=path)
        else:
            path.write_text("\n\n".join(line for line, _ in paragraphs) + "\n",
                            encoding="utf-8")
        doc = read(str(path))
    assert read_clauses(doc) == expected(scheme, clauses), printed
    headings = [c.heading for c in doc.articles[0].clauses if c.kind != "item"]
    assert headings == [heading(c) for c in clauses], printed


@pytest.mark.parametrize("text, number, depth", [
    ("28-9 The District shall ...", "28-9", 0),
    ("37-3-3-1 Educators wishing ...", "37-3-3-1", 2),
    ("2-4-1 Unless otherwise provided", "2-4-1", 1),
    ("1-10 The term “school” as used", "1-10", 0),
    ("5-1 Guiding Principles.", "5-1", 0),
    ("22-1 “Job sharing” means", "22-1", 0),
])
def test_dashed_numbers_are_clause_numbers(text: str, number: str, depth: int) -> None:
    m = match_number(text)
    assert m is not None and (m.number, m.kind) == (number, "num")
    assert number_depth(m.number) == depth


@pytest.mark.parametrize("text", [
    "3-5 years of experience are required.",  # a range starting a sentence
    "2022-2025 salary schedule",  # years
    "555-1234 is the hotline",  # a phone number
    "9-12 grade teachers shall",  # grades, lower case after
])
def test_ranges_years_and_phone_numbers_are_not_clause_numbers(text: str) -> None:
    m = match_number(text)
    assert m is None or m.kind != "num", m


@pytest.mark.parametrize("text, number, rest", [
    ("X.3 – Notice", "X.3", "Notice"),
    ("Section 9.1 - Definitions", "Section9.1", "Definitions"),
    ("9.2: Accrual. Leave accrues monthly.", "9.2", "Accrual. Leave accrues monthly."),
    ("28-9 — Transfers", "28-9", "Transfers"),
    ("X.4\tBereavement", "X.4", "Bereavement"),
    ("X.5 -5 degrees is the coldest a site may be.", "X.5", "-5 degrees is the coldest a site "
                                                          "may be."),
])
def test_a_separator_between_number_and_heading_belongs_to_neither(text, number, rest) -> None:
    m = match_number(text)
    assert m is not None and (m.number, m.rest) == (number, rest)
