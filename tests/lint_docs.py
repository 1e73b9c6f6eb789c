"""Generated agreements for the lint and terms tests: clean ones, and ones with a drafting
error planted where we know it is.

A document is built as the model (fast: many examples) and, for the reader's path, as a DOCX
with :mod:`docx_builder` (one paragraph per clause, "ARTICLE n - TITLE" before each article).
"""
from __future__ import annotations

from dataclasses import replace
from typing import List, Tuple

from hypothesis import strategies as st

from redline.model import Article, Clause, Document, Proposal

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
         "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()

TITLES = ("RECOGNITION", "HOURS", "LEAVES", "SALARIES", "GRIEVANCE PROCEDURE", "HOLIDAYS",
          "SAFETY", "TRANSFER")
DISTRICT = "Example Unified School District"
UNION = "National Federation of Example Workers"
PARTIES = (f"This Agreement is made between the {DISTRICT} (District) and the {UNION} "
           "(NFEW).")
#: Planted errors: code -> how it is planted (see :func:`plant`).
PLANTABLE = ("RL101", "RL102", "RL201", "RL202", "RL203", "RL301", "RL401", "RL402", "RL403",
             "RL501", "RL601", "RL602")


def spell(n: int) -> str:
    """1..99 in words: ``spell(24) == "twenty-four"``."""
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens - 2] + (f"-{_ONES[ones]}" if ones else "")


@st.composite
def sentences(draw) -> str:
    n = draw(st.integers(1, 99))
    unit = draw(st.sampled_from(["working days", "calendar days", "hours", "months",
                                 "weeks"]))
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return f"A member shall give {spell(n)} ({n}) {unit}' notice of the request."
    if kind == 1:
        return (f"The District shall pay ${draw(st.integers(1, 90))}.00 per hour for each "
                "hour of standby duty.")
    if kind == 2:
        return (f"Salaries shall increase by {draw(st.integers(1, 9))}% effective July 1, "
                f"{draw(st.integers(2024, 2030))}.")
    return f"A grievance shall be filed within {spell(n)} ({n}) {unit} of the event."


@st.composite
def clean_documents(draw) -> Document:
    """Three or four numbered articles of numbered clauses, the parties named one way."""
    titles = draw(st.lists(st.sampled_from(TITLES), min_size=3, max_size=4, unique=True))
    articles = []
    for i, title in enumerate(titles, start=1):
        clauses = []
        for j in range(1, draw(st.integers(2, 4)) + 1):
            text = draw(sentences())
            if i == 1 and j == 1:
                text = PARTIES + " " + text
            if j > 1 and draw(st.booleans()):
                text += f" The time limits of Section {i}.1 apply."
            if draw(st.booleans()):
                text += f" See Article {draw(st.integers(1, len(titles)))}."
            clauses.append(Clause(number=f"{i}.{j}", number_printed=f"{i}.{j}", text=text,
                                  kind="num"))
        articles.append(Article(title=title, number=str(i), clauses=tuple(clauses)))
    return Document(source="generated.docx", proposal=Proposal("District", "2024-05-09"),
                    articles=tuple(articles))


def _set_clause(doc: Document, a: int, c: int, **changes) -> Document:
    arts = list(doc.articles)
    clauses = list(arts[a].clauses)
    clauses[c] = replace(clauses[c], **changes)
    arts[a] = replace(arts[a], clauses=tuple(clauses))
    return replace(doc, articles=tuple(arts))


def plant(doc: Document, code: str, where: int) -> Document:
    """``doc`` with one error of kind ``code``, in its ``where``-th clause (modulo)."""
    places: List[Tuple[int, int]] = [(i, j) for i, a in enumerate(doc.articles)
                                     for j in range(len(a.clauses))]
    a, c = places[where % len(places)]
    clause = doc.articles[a].clauses[c]
    text = clause.text
    if code == "RL101":
        return _set_clause(doc, a, c, text=text + " Notice shall be given fifteen (10) days "
                                                  "ahead.")
    if code == "RL102":
        return _set_clause(doc, a, c, text=text + " An additional 2% 4% on the salary "
                                                  "schedule.")
    if code == "RL201":
        return _set_clause(doc, a, c, number=f"X.{c + 1}", number_printed=f"X.{c + 1}")
    if code == "RL202":
        return _set_clause(doc, a, c, text=text + " As described in Article? Recognition.")
    if code == "RL203":
        return _set_clause(doc, a, c, text=text + " The stipend is TBD.")
    if code == "RL301":
        return _set_clause(doc, a, c, text=text + f" See Article {len(doc.articles) + 7}.")
    if code == "RL401":
        c = max(1, c) if len(doc.articles[a].clauses) > 1 else c
        prev = doc.articles[a].clauses[c - 1].number
        return _set_clause(doc, a, c, number=prev, number_printed=prev)
    if code == "RL402":
        last = len(doc.articles[a].clauses) - 1
        number = f"{doc.articles[a].number}.{last + 2}"
        return _set_clause(doc, a, last, number=number, number_printed=number)
    if code == "RL403":
        one, two = doc.articles[a].clauses[:2]
        doc = _set_clause(doc, a, 0, number=two.number, number_printed=two.number)
        return _set_clause(doc, a, 1, number=one.number, number_printed=one.number)
    if code == "RL501":
        return _set_clause(doc, a, c, text=text + " The National Federation of Example Care "
                                                  "Workers shall be notified.")
    if code == "RL601":
        from redline.model import Note

        return _set_clause(doc, a, c, notes=(Note("Union agrees with language 06/01/2024",
                                                  "Union", "2024-06-01", "agrees"),))
    if code == "RL602":
        from redline.model import ColourKeyEntry, Span

        doc = replace(doc, legend=(ColourKeyEntry("0000FF", "District", "2024-05-09",
                                                  "counter", "Blue - District 05/09/2024"),))
        spans = (Span(f"{clause.number} {text} "), Span("odd words", kind="ins",
                                                        color="00B050", round=2))
        return _set_clause(doc, a, c, paragraphs=(spans,))
    raise ValueError(code)


def document_docx(doc: Document) -> bytes:
    """The document as a DOCX: a proposal line in the header, then each article's title and
    its clauses, one paragraph each."""
    from docx_builder import build_docx, p

    body = []
    for a in doc.articles:
        body.append(p(f"ARTICLE {a.number} - {a.title}", b=True, center=True))
        for c in a.clauses:
            body.append(p(f"{c.number_printed or c.number} {c.text}"))
    return build_docx("".join(body), header=p("District Counter Proposal 05/09/2024"))
