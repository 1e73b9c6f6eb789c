"""Colour-keyed redlines with known truth, as a DOCX and as an HTML page, for printing.

Issue 13: the same redline printed by LibreOffice with different fonts, by Chromium and by
WeasyPrint must read back to the same clauses and rounds.  :func:`make_spec` draws one
redline from a seed: 1-4 counter rounds after the initial proposal, alternating parties,
dates with and without a time of day; the key in the page header, the footer, the body's
first lines or a table there, in the entry forms of ``test_conventions_generated``; the
ink as font colour, highlight or shading; insertions underlined, double underlined or in
colour alone; deletions struck once or twice.  The body is one article of clauses long
enough to wrap (and, for some seeds, to run onto a second page), with words struck and
inserted by the rounds, a whole paragraph struck ("7.1.2 Training will be provided.", the
paragraph issue 13 saw merged into the clause above) and a whole paragraph inserted.

:func:`expected_rounds` and :func:`expected_marks` are the truth, from the spec alone.
"""
from __future__ import annotations

import io
import random
import re
import zipfile
from dataclasses import dataclass
from html import escape as html_escape
from typing import Dict, List, Tuple

from docx_builder import build_docx, p
from test_conventions_generated import (FORMS, INKS, RedlineSpec, RoundSpec, _date,
                                       _entry_text, _rpr, _run, place_key)

#: Font families a printer may have, the first few present are the font sets tried.
FONT_CANDIDATES = ("Carlito", "Caladea", "DejaVu Serif", "DejaVu Sans", "Liberation Serif",
                   "Liberation Sans", "Times New Roman", "Arial", "Calibri", "Cambria")

ARTICLE = "ARTICLE 7 - HOURS OF WORK"
#: (number, text): long enough to wrap over two to four lines
CLAUSES: List[Tuple[str, str]] = [
    ("7.1", "The regular work day for classroom teachers shall be seven (7) hours, "
            "including a duty-free lunch period of not less than thirty (30) minutes, and "
            "the District shall post the daily schedule of each school by the first day of "
            "the school year."),
    ("7.1.1", "Teachers assigned to more than one site shall be given reasonable travel "
              "time between sites, which shall be counted as part of the regular work day."),
    ("7.1.2", "Training will be provided."),
    ("7.2", "Preparation time shall be provided to every teacher in blocks of not less "
            "than forty-five (45) minutes each week, free of meetings called by the site "
            "administrator."),
    ("7.3", "Faculty meetings shall not exceed one (1) hour and shall be held no more "
            "than twice each month, on a day agreed upon by the faculty."),
    ("7.4", "Any teacher who is required to work beyond the regular work day shall be "
            "compensated at the hourly rate of the salary schedule."),
]
#: clauses a long document adds, to run onto the next page
MORE = [(f"7.{n}", f"Clause {n} of this article sets out the terms under which teachers "
                   "may be asked to serve on committees, to attend events after the school "
                   "day and to supervise students at school activities, with the hours "
                   f"counted toward the stipend for activity number {n}.")
        for n in range(5, 19)]
PHRASES = ["no fewer than ten (10)", "as agreed by the parties", "each semester",
           "with written notice", "at the request of the teacher", "within five (5) days"]
NEW_CLAUSE = ("7.1.3", "Teachers shall be paid for any training held outside the work day.")


@dataclass(frozen=True)
class Change:
    clause: int  # index into the document's clauses
    word: int  # first word replaced
    count: int  # words struck (0: a pure insertion)
    phrase: str  # words inserted ("" : a pure deletion)
    round: int  # 1-based counter round


@dataclass(frozen=True)
class Spec(RedlineSpec):
    """A conventions redline (party, rounds, key place, inks, marks) made a whole document:
    its clauses and the changes each round makes, from one seed."""

    seed: int
    clauses: Tuple[Tuple[str, str], ...]
    changes: Tuple[Change, ...]
    struck_paragraph: int  # round striking "7.1.2 Training will be provided." (0: none)
    new_paragraph: int  # round inserting NEW_CLAUSE after it (0: none)
    html_font: str


def make_spec(seed: int, fonts: Tuple[str, ...] = ("serif",)) -> Spec:
    rnd = random.Random(seed)
    n = rnd.randint(1, 4)
    first = rnd.choice(["District", "Union"])
    ink_style = rnd.choice(["font", "font", "highlight", "shading"])
    usable = [i for i, ink in enumerate(INKS) if ink_style != "highlight" or ink[2]]
    n = min(n, len(usable))
    inks = rnd.sample(usable, n)
    days = sorted(rnd.sample(range(1, 300), n))
    rounds = []
    import datetime

    for k in range(n):
        d = datetime.date(2024, 1, 1) + datetime.timedelta(days=days[k])
        party = ("Union" if first == "District" else "District") if k % 2 == 0 else first
        rounds.append(RoundSpec(party, d.month, d.day, rnd.choice(["", "3:35PM"]), inks[k],
                                rnd.choice(FORMS)))
    clauses = list(CLAUSES) + (MORE if rnd.random() < 0.4 else [])
    changes: List[Change] = []
    used: Dict[int, List[int]] = {}
    for k in range(1, n + 1):
        for _ in range(rnd.randint(1, 2)):
            c = rnd.choice([i for i, (num, _t) in enumerate(clauses) if num != "7.1.2"])
            words = clauses[c][1].split()
            for _try in range(20):
                w = rnd.randrange(0, len(words) - 3)
                count = rnd.choice([0, 1, 1, 2, 3])
                if all(abs(w - u) > 4 for u in used.get(c, [])):
                    break
            else:
                continue
            used.setdefault(c, []).append(w)
            phrase = "" if count and rnd.random() < 0.2 else rnd.choice(PHRASES)
            changes.append(Change(c, w, count, phrase, k))
    struck = rnd.randint(1, n) if rnd.random() < 0.7 else 0
    new = rnd.randint(1, n) if rnd.random() < 0.5 else 0
    return Spec(first, tuple(rounds), rnd.choice(["header", "footer", "body", "table"]),
                ink_style, rnd.choice(["underline", "double", "colour"]),
                rnd.choice(["strike", "dstrike"]), seed, tuple(clauses), tuple(changes),
                struck, new, rnd.choice(fonts))


# --- the truth -----------------------------------------------------------------------------

#: a piece of a paragraph: (kind, round, text); kind base | ins | del, round 0 for base
Piece = Tuple[str, int, str]


def paragraphs(spec: Spec) -> List[Tuple[str, List[Piece]]]:
    """Every paragraph of the body after the article heading: (number, pieces), the number
    being the first piece's first word."""
    out: List[Tuple[str, List[Piece]]] = []
    for c, (num, text) in enumerate(spec.clauses):
        words = text.split()
        pieces: List[Piece] = [("base", 0, num + " ")]
        at = 0
        for ch in sorted((ch for ch in spec.changes if ch.clause == c), key=lambda h: h.word):
            if ch.word > at:
                pieces.append(("base", 0, " ".join(words[at:ch.word]) + " "))
            if ch.count:
                pieces.append(("del", ch.round, " ".join(words[ch.word:ch.word + ch.count])
                               + " "))
            if ch.phrase:
                pieces.append(("ins", ch.round, ch.phrase + " "))
            at = ch.word + ch.count
        pieces.append(("base", 0, " ".join(words[at:])))
        if num == "7.1.2" and spec.struck_paragraph:
            pieces = [("del", spec.struck_paragraph, num + " " + text)]
        out.append((num, pieces))
        if num == "7.1.2" and spec.new_paragraph:
            out.append((NEW_CLAUSE[0], [("ins", spec.new_paragraph,
                                         " ".join(NEW_CLAUSE))]))
    return out


def _in_round(piece: Piece, r: int) -> bool:
    kind, k, _text = piece
    return kind == "base" or (kind == "ins" and k <= r) or (kind == "del" and k > r)


def _squash(text: str) -> str:
    return " ".join(text.split())


def expected_rounds(spec: Spec) -> List[Tuple[str, str, List[str]]]:
    """Every round, oldest first: (party, date, the clauses' text as printed)."""
    who = [(spec.first_party, "2024-01-01")] + [
        (r.party, f"2024-{r.month:02d}-{r.day:02d}") for r in spec.rounds]
    out = []
    for r, (party, date) in enumerate(who):
        texts = [_squash("".join(t for piece in pieces if _in_round(piece, r)
                                 for t in [piece[2]]))
                 for _num, pieces in paragraphs(spec)]
        out.append((party, date, [t for t in texts if t]))
    return out


def expected_marks(spec: Spec) -> List[Tuple[str, str, int, str, str, str]]:
    """Every marked stretch of the redline, in order: (clause number, ins | del, round
    (1-based, the initial proposal being 1), party, date, text)."""
    who = expected_rounds(spec)
    out = []
    for num, pieces in paragraphs(spec):
        for kind, k, text in pieces:
            if kind != "base":
                party, date, _ = who[k]
                out.append((num, kind, k + 1, party, date, _squash(text)))
    return out


# --- DOCX ----------------------------------------------------------------------------------

def _proposal_lines(spec: Spec) -> List[str]:
    return [f"{spec.first_party} Initial Proposal 01/01/2024"] + [
        f"{r.party} Counter Proposal {_date(r)}" + (f" {r.time}" if r.time else "")
        for r in spec.rounds if r.form == "year-less"]


def docx_bytes(spec: Spec) -> bytes:
    ins_mark = {"underline": '<w:u w:val="single"/>', "double": '<w:u w:val="double"/>',
                "colour": ""}[spec.insertion]
    del_mark = {"strike": "<w:strike/>", "dstrike": "<w:dstrike/>"}[spec.deletion]
    in_header, footer, top = place_key(spec)
    header = "".join(p(line) for line in _proposal_lines(spec)) + in_header
    body = top + p(ARTICLE)
    for _num, pieces in paragraphs(spec):
        runs = []
        for kind, k, text in pieces:
            if kind == "base":
                runs.append(_run(text))
            else:
                ink = spec.rounds[k - 1].ink
                marks = [del_mark] if kind == "del" else ([ins_mark] if ins_mark else [])
                runs.append(_run(text, _rpr(spec, ink, *marks)))
        body += p(*runs)
    return build_docx(body, header=header, footer=footer)


def with_font(data: bytes, family: str) -> bytes:
    """The DOCX with every font it names, and its default font, set to ``family``: the
    ``w:rFonts`` of its styles and parts and the typefaces of its theme."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    fonts = (f'<w:rFonts w:ascii="{family}" w:hAnsi="{family}" w:cs="{family}" '
             f'w:eastAsia="{family}"/>')
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            body = src.read(name)
            if name.startswith("word/") and name.endswith(".xml"):
                text = body.decode("utf-8")
                text = re.sub(r"<w:rFonts\b[^>]*/>", fonts, text)
                if name == "word/styles.xml":
                    if "<w:rPrDefault>" not in text:
                        text = text.replace("<w:styles ", "<w:styles ", 1).replace(
                            "<w:docDefaults>", "<w:docDefaults><w:rPrDefault><w:rPr>"
                            "</w:rPr></w:rPrDefault>", 1)
                    text = re.sub(r"(<w:rPrDefault>\s*<w:rPr>)(?!\s*<w:rFonts)",
                                  r"\g<1>" + fonts, text, count=1)
                if "theme" in name:
                    text = re.sub(r'(<a:(?:latin|ea|cs) typeface=")[^"]*"',
                                  rf'\g<1>{family}"', text)
                body = text.encode("utf-8")
            dst.writestr(name, body)
    return out.getvalue()


# --- HTML ----------------------------------------------------------------------------------

_CSS_INK = {"font": "color:#{c}", "highlight": "background-color:#{c}",
            "shading": "background-color:#{c}"}
_HL = {"blue": "0000FF", "red": "FF0000", "magenta": "FF00FF"}


def _style(spec: Spec, ink: int, *marks: str) -> str:
    word, font, hl = INKS[ink]
    colour = _HL[hl] if spec.ink_style == "highlight" else font
    css = [_CSS_INK[spec.ink_style].format(c=colour)]
    lines = [m for m in marks if m != "double"]
    if lines:
        css.append("text-decoration-line:" + " ".join(lines))
    if "double" in marks:
        css.append("text-decoration-style:double")
    return ";".join(css)


def _span(text: str, style: str = "") -> str:
    return f'<span style="{style}">{html_escape(text)}</span>' if style else html_escape(text)


def html_page(spec: Spec) -> str:
    """The redline as an HTML page: the key at the top of the first page (a table of one
    row for ``table``), the proposal lines above it."""
    def entry(r: RoundSpec) -> str:
        if r.form == "swatch":
            return _span("\u25a0", _style(spec, r.ink)) + _span(" " + _entry_text(r))
        if r.form == "word-inked":
            return _span(f"{INKS[r.ink][0]} -", _style(spec, r.ink)) + \
                _span(" " + _entry_text(r))
        return _span(_entry_text(r), _style(spec, r.ink))

    head = "".join(f"<p>{html_escape(line)}</p>" for line in _proposal_lines(spec))
    if spec.place == "table":
        key = ("<table><tr>" + "".join(f"<td>{entry(r)}</td>" for r in spec.rounds)
               + "</tr></table>")
    else:
        key = "".join(f"<p>{entry(r)}</p>" for r in spec.rounds)
    ins_marks = {"underline": ("underline",), "double": ("underline", "double"),
                 "colour": ()}[spec.insertion]
    del_marks = {"strike": ("line-through",), "dstrike": ("line-through", "double")
                 }[spec.deletion]
    body = [f"<p><b>{html_escape(ARTICLE)}</b></p>"]
    for _num, pieces in paragraphs(spec):
        runs = []
        for kind, k, text in pieces:
            if kind == "base":
                runs.append(_span(text))
            else:
                marks = del_marks if kind == "del" else ins_marks
                runs.append(_span(text, _style(spec, spec.rounds[k - 1].ink, *marks)))
        body.append("<p>" + "".join(runs) + "</p>")
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><style>"
            "@page{size:letter;margin:1in}"
            f"body{{font-family:'{spec.html_font}';font-size:12pt;margin:0}}"
            "p{margin:0 0 10pt 0;line-height:1.2}td{padding:2pt 6pt;border:1px solid #000}"
            "table{border-collapse:collapse;margin-bottom:10pt}"
            "</style></head><body>" + head + key + "".join(body) + "</body></html>")


def present_fonts(candidates=FONT_CANDIDATES) -> List[str]:
    """The candidate font families fontconfig has here, in the candidates' order."""
    import shutil
    import subprocess

    if not shutil.which("fc-list"):
        return []
    try:
        out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    have = {name.strip() for line in out.splitlines() for name in line.split(",")}
    return [f for f in candidates if f in have]
