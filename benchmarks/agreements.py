"""Deterministic collective bargaining agreements of a given length, and their next versions.

An agreement has articles (``ARTICLE n - TITLE``), numbered sections with headings
(``n.1 Heading``), numbered clauses (``n.1.2 text``), lettered items and one wage table.
The next version edits about 5% of sentences, inserts a section that renumbers the sections
after it, deletes and inserts clauses and moves one clause: what a real successor agreement
or a counterproposal does.  Nothing here is random at run time: a seed fixes everything.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

WORDS = ("employee employer district union member unit shall may will days working within "
         "notice written request supervisor assignment schedule leave pay rate hours week "
         "overtime grievance arbitration seniority transfer vacancy position classification "
         "salary step benefits insurance health dental vision retirement evaluation "
         "probationary period personnel file meeting representative agreement article section "
         "provided that except upon following calendar year month receive approval "
         "reasonable appropriate department program school site location duty holiday sick "
         "bereavement family medical emergency training professional development").split()
NUMBERS = ["five (5)", "ten (10)", "fifteen (15)", "twenty (20)", "thirty (30)",
           "forty-five (45)", "sixty (60)", "ninety (90)"]
TITLES = ["RECOGNITION", "DEFINITIONS", "UNION RIGHTS", "MANAGEMENT RIGHTS", "HOURS",
          "OVERTIME", "SALARIES", "HEALTH AND WELFARE BENEFITS", "LEAVES", "SICK LEAVE",
          "VACATION", "HOLIDAYS", "TRANSFER", "LAYOFF AND RECALL", "SENIORITY", "EVALUATION",
          "PERSONNEL FILES", "DISCIPLINE", "GRIEVANCE PROCEDURE", "SAFETY", "TRAINING",
          "CLASSIFICATION", "WORK OUT OF CLASSIFICATION", "TRAVEL", "UNIFORMS",
          "PROFESSIONAL DEVELOPMENT", "CONCERTED ACTIVITIES", "SAVINGS", "DURATION",
          "COMPLETION OF MEETING AND NEGOTIATION"]
#: Words on a printed page of an agreement, roughly.
WORDS_PER_PAGE = 270


def sentence(rng: random.Random) -> str:
    n = rng.randint(10, 24)
    words = [rng.choice(WORDS) for _ in range(n)]
    if rng.random() < 0.4:
        words.insert(rng.randint(1, n - 1), rng.choice(NUMBERS))
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


@dataclass
class Clause:
    number: str  # "", "7.2", "7.2.1", "(a)"
    heading: str = ""
    sentences: List[str] = field(default_factory=list)
    table: Optional[List[List[str]]] = None

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


@dataclass
class Article:
    number: int
    title: str
    clauses: List[Clause]


def make_agreement(pages: int, seed: int = 2024) -> List[Article]:
    rng = random.Random(seed)
    target = pages * WORDS_PER_PAGE
    articles: List[Article] = []
    words = 0
    n = 0
    while words < target:
        n += 1
        title = TITLES[(n - 1) % len(TITLES)] + ("" if n <= len(TITLES) else f" {n}")
        clauses: List[Clause] = []
        for s in range(1, rng.randint(3, 6) + 1):
            clauses.append(Clause(f"{n}.{s}", heading=" ".join(
                w.capitalize() for w in rng.sample(WORDS, 2))))
            for c in range(1, rng.randint(2, 5) + 1):
                cl = Clause(f"{n}.{s}.{c}", sentences=[sentence(rng) for _ in
                                                       range(rng.randint(1, 4))])
                clauses.append(cl)
                words += sum(len(x.split()) for x in cl.sentences)
                if rng.random() < 0.15:
                    for letter in "abc"[: rng.randint(2, 3)]:
                        it = Clause(f"({letter})", sentences=[sentence(rng)])
                        clauses.append(it)
                        words += len(it.sentences[0].split())
        if title.startswith("SALARIES"):
            rows = [["Step", "Range 20", "Range 21", "Range 22"]] + [
                [str(step)] + [f"${40000 + 1500 * step + 2000 * r:,}" for r in range(3)]
                for step in range(1, 11)]
            clauses.append(Clause("", sentences=["The salary schedule is as follows:"],
                                  table=rows))
        articles.append(Article(n, title, clauses))
    return articles


def next_version(articles: List[Article], seed: int = 7, edit_share: float = 0.05
                 ) -> Tuple[List[Article], dict]:
    """The successor: ~5% of sentences edited, a section inserted (renumbering those after
    it), clauses deleted and inserted, one clause moved.  Returns the version and what was
    done (for the benchmark's quality check)."""
    rng = random.Random(seed)
    out: List[Article] = []
    done = {"edited": 0, "inserted": 0, "deleted": 0, "renumbered": 0, "moved": 0}
    for ai, art in enumerate(articles):
        clauses = [Clause(c.number, c.heading, list(c.sentences),
                          [list(r) for r in c.table] if c.table else None)
                   for c in art.clauses]
        for c in clauses:
            for k, s in enumerate(c.sentences):
                if rng.random() < edit_share:
                    words = s.rstrip(".").split()
                    words[rng.randrange(len(words))] = rng.choice(WORDS)
                    c.sentences[k] = " ".join(words) + "."
                    done["edited"] += 1
        if ai == len(articles) // 3:
            # a section inserted after section 1: every later section is renumbered
            pos = next(i for i, c in enumerate(clauses) if c.number == f"{art.number}.2")
            for c in clauses[pos:]:
                parts = c.number.split(".")
                if len(parts) >= 2 and parts[0] == str(art.number):
                    parts[1] = str(int(parts[1]) + 1)
                    c.number = ".".join(parts)
                    done["renumbered"] += 1
            new = [Clause(f"{art.number}.2", heading="Inserted Section"),
                   Clause(f"{art.number}.2.1", sentences=[sentence(rng), sentence(rng)])]
            clauses[pos:pos] = new
            done["inserted"] += 2
        if ai % 7 == 3 and len(clauses) > 4:
            # a clause struck: the last numbered one, so no renumbering follows
            idx = max(i for i, c in enumerate(clauses) if c.number.count(".") == 2)
            del clauses[idx]
            done["deleted"] += 1
        if ai % 9 == 5:
            last = clauses[-1].number.split(".")
            if len(last) == 3:
                clauses.append(Clause(f"{last[0]}.{last[1]}.{int(last[2]) + 1}",
                                      sentences=[sentence(rng)]))
                done["inserted"] += 1
        out.append(Article(art.number, art.title, clauses))
    # one clause moved to another section of the same article, taking that place's number
    art = out[len(out) // 2]
    subs = [i for i, c in enumerate(art.clauses) if c.number.count(".") == 2]
    if len(subs) >= 4:
        moved = art.clauses.pop(subs[0])
        target = art.clauses[subs[-1] - 1]
        parts = target.number.split(".")
        moved.number = f"{parts[0]}.{parts[1]}.{int(parts[2]) + 1}"
        art.clauses.insert(subs[-1], moved)
        done["moved"] = 1
    return out, done


def write_docx(articles: List[Article], path: str, header: str = "") -> None:
    """The agreement as a DOCX (python-docx), with an optional proposal line in the header."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    body = document
    for art in articles:
        p = body.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(f"ARTICLE {art.number} - {art.title}").bold = True
        for c in art.clauses:
            if c.heading:
                p = body.add_paragraph()
                p.add_run(f"{c.number} {c.heading}").bold = True
            if c.sentences:
                prefix = f"{c.number} " if c.number and not c.heading else ""
                body.add_paragraph(prefix + c.text)
            if c.table:
                t = body.add_table(rows=len(c.table), cols=len(c.table[0]))
                for r, row in enumerate(c.table):
                    for k, cell in enumerate(row):
                        t.cell(r, k).text = cell
    document.save(path)


def vary(articles: List[Article], share: float, seed: int = 11) -> Tuple[List[Article], dict]:
    """A successor with ``share`` of the clauses touched: of those, half edited in a word or
    two, and the rest split evenly between struck, newly inserted after them and moved to
    the end of their article (keeping their number).  For timing how cost grows with the
    amount of change, not only with length."""
    rng = random.Random(seed)
    done = {"edited": 0, "inserted": 0, "deleted": 0, "moved": 0}
    out: List[Article] = []
    for art in articles:
        clauses: List[Clause] = []
        moved: List[Clause] = []
        for c in art.clauses:
            c = Clause(c.number, c.heading, list(c.sentences),
                       [list(r) for r in c.table] if c.table else None)
            if not c.sentences or rng.random() >= share:
                clauses.append(c)
                continue
            pick = rng.random()
            if pick < 0.5:
                k = rng.randrange(len(c.sentences))
                words = c.sentences[k].rstrip(".").split()
                for _ in range(rng.randint(1, 2)):
                    words[rng.randrange(len(words))] = rng.choice(WORDS)
                c.sentences[k] = " ".join(words) + "."
                clauses.append(c)
                done["edited"] += 1
            elif pick < 0.67:
                done["deleted"] += 1
            elif pick < 0.84:
                clauses.append(c)
                clauses.append(Clause("", sentences=[sentence(rng), sentence(rng)]))
                done["inserted"] += 1
            else:
                moved.append(c)
                done["moved"] += 1
        out.append(Article(art.number, art.title, clauses + moved))
    return out, done
