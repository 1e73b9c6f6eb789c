"""How faithfully the PDF reader reads real agreement text printed to PDF by each engine.

    python benchmarks/pdf_fidelity.py                    # ~6 agreements, a few articles each
    python benchmarks/pdf_fidelity.py --all              # every agreement, every article
    python benchmarks/pdf_fidelity.py --engines chromium weasyprint
    python benchmarks/pdf_fidelity.py --no-redlines      # clean documents only

The text is the State of Oregon's collective bargaining agreements
(``../shared/peers/oregon-cba-pairs``, read by the text reader).  Each selection of articles
becomes a clean DOCX in one office habit (font, 10-12 pt, justified or not, first-line,
hanging or no indent, space after paragraphs or a blank line, the clause number followed by
a tab or spaces, headings bold and centred or not, a running title in the page header and
"Page N of M" in the footer on some) and the same text as HTML (the habit in CSS, the
header and footer in ``@page`` margin boxes).  LibreOffice prints the DOCX once per font set
present (every font of the DOCX set to one family); Chromium and WeasyPrint print the HTML.
Each PDF is read with :func:`redline.api.read` and held to the DOCX read the same way: its
clauses, as (number, text with white space squashed), aligned by order.

The redline case: for a few agreement pairs (2023-2025 and 2025-2027 terms of one unit),
articles that changed are compared (:func:`redline.api.compare`) into the colour-keyed
redline DOCX; LibreOffice prints it (per font set), Chromium and WeasyPrint print the
project's own HTML form of it (``render_comparison(..., "pdf")`` with that engine).  The PDF's
rounds (each round's clauses) and its marks are held to the redline DOCX's.

Per engine: clauses exactly equal, missing, extra, merged (one clause read holds several),
split (one clause read as several), changed (same place, other text), words lost and added,
pages read per second.  The table is printed; ``benchmarks/out/pdf_fidelity.json`` holds it
and every failure; the documents and PDFs stay in ``benchmarks/out/pdf_fidelity/``.
"""
from __future__ import annotations

import argparse
import collections
import difflib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from html import escape as html_escape
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple
from xml.sax.saxutils import escape as xml_escape

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
WORK = OUT / "pdf_fidelity"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(HERE))

from docx_builder import build_docx  # noqa: E402
import printed_redlines as pr  # noqa: E402
from run import pdf_pages  # noqa: E402  (the page count every benchmark shares)

from redline.model import Article, Clause, Document, paragraph_text  # noqa: E402

SHARED = Path(os.environ.get("REDLINE_SHARED", ROOT.parent / "shared"))
OREGON = SHARED / "peers" / "oregon-cba-pairs"
CBA = OREGON / "agreements" / "state" / "cba"

#: The default selection: agreements whose numbering differs (Section n / A. / (1); n.n.n;
#: a); (a); a. and n.; (A)), the 2025-2027 term.
DEFAULT_AGREEMENTS = (
    "state-aee-association-of-engineering-employees",
    "state-ospoa-oregon-state-police-officers-association",
    "state-foppo-federation-of-parole-and-probation-officers",
    "state-afscme-department-of-state-lands",
    "state-afscme-doc-security",
    "state-iaff-kingsley-firefighters-association",
)
DEFAULT_PAIRS = (
    "state-ospoa-oregon-state-police-officers-association",
    "state-foppo-federation-of-parole-and-probation-officers",
    "state-afscme-department-of-state-lands",
)
ARTICLES_PER_DOC = 4
REDLINE_ARTICLES = 3
ENGINES = ("libreoffice", "chromium", "weasyprint")
EXAMPLES_PER_KIND = 3


# --- office habits -------------------------------------------------------------------------

@dataclass(frozen=True)
class Habit:
    """How one office sets its agreements."""

    font: str
    size: float  # points
    justify: bool
    indent: str  # first | hanging | none
    spacing: str  # after (space after each paragraph) | blank (an empty paragraph between)
    sep: str  # tab | spaces (after the clause number)
    heading: str  # bold-centred | bold-left | plain-left
    furniture: bool  # a running title in the header and "Page N of M" in the footer
    article_page_break: bool  # each article starts a page

    @property
    def name(self) -> str:
        return (f"{self.font.replace(' ', '')}-{self.size:g}pt-"
                f"{'just' if self.justify else 'left'}-{self.indent}-{self.spacing}-"
                f"{self.sep}-{self.heading}" + ("-hf" if self.furniture else "")
                + ("-pb" if self.article_page_break else ""))


def habit_for(k: int, fonts: Sequence[str]) -> Habit:
    """The ``k``-th document's habit: every option turns over across the first few."""
    rnd = random.Random(1000 + k)
    return Habit(font=(list(fonts) or ["serif"])[k % max(1, len(fonts))],
                 size=(12.0, 11.0, 10.0, 11.5)[k % 4],
                 justify=k % 2 == 0,
                 indent=("hanging", "first", "none")[k % 3],
                 spacing=("after", "blank")[(k // 2) % 2],
                 sep=("tab", "spaces")[(k // 3) % 2] if k % 3 != 0 else "tab",
                 heading=("bold-centred", "bold-left", "plain-left")[(k + 1) % 3],
                 furniture=k % 3 != 1,
                 article_page_break=rnd.random() < 0.3)


# --- the source text -----------------------------------------------------------------------

@dataclass
class Source:
    name: str  # a file name stem
    title: str  # the agreement's title (the running header)
    articles: List[Article]
    header_lines: Tuple[str, ...] = ()  # proposal lines (redline sources)


def agreement_path(unit: str, term: str = "2025-2027") -> Path:
    return CBA / f"{unit}-{term}.md"


def front_title(path: Path) -> str:
    m = re.search(r"^title:\s*(.+)$", path.read_text(encoding="utf-8")[:4000], re.M)
    return m.group(1).strip().strip("'\"") if m else path.stem


def quietly_read(path: str) -> Document:
    import logging

    from redline.api import read

    log = logging.getLogger("redline")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        return read(path)
    finally:
        log.setLevel(level)


def usable(article: Article, max_clauses: int = 30, max_chars: int = 9000) -> bool:
    """An article worth setting: numbered, some clauses, no tables, not too long."""
    if not article.number or not article.title or not (2 <= len(article.clauses) <= max_clauses):
        return False
    if any(c.table for c in article.clauses):
        return False
    return sum(len(c.full_text) for c in article.clauses) <= max_chars


def pick_articles(doc: Document, n: Optional[int]) -> List[Article]:
    """``n`` usable articles spread over the agreement (None: every usable one)."""
    arts = [a for a in doc.articles if usable(a, 10**6 if n is None else 30,
                                             10**9 if n is None else 9000)]
    if n is None or len(arts) <= n:
        return arts
    step = len(arts) / n
    return [arts[int(i * step + step / 2)] for i in range(n)]


#: A line-end hyphen or slash of the source PDF that its text extraction left with a space
#: after it ("non- precedential", "management/ unrepresented/"): closed up, since no reader
#: of a PDF can keep a space where a line happens to break (measuring the source's
#: accident, not the reader)
_BROKEN_AT_LINE_END = re.compile(r"(?<=[A-Za-z])([-/]) (?=[a-z])")


def clause_paragraphs(clause: Clause) -> List[str]:
    """The clause's paragraphs as text, a paragraph that goes on in lowercase, or after one
    that broke off on a lowercase word (a page break of the source PDF, as pdftotext left
    it: "... pursuant to" + "Section 1(a), employees ..."), joined to the one before; the
    source's line-end hyphens closed up (:data:`_BROKEN_AT_LINE_END`)."""
    out: List[str] = []
    for para in clause.paragraphs:
        text = _BROKEN_AT_LINE_END.sub(r"\1", " ".join(paragraph_text(para).split()))
        for k, piece in enumerate(_BULLET_INSIDE.split(text)):
            if not piece:
                continue
            if out and not k and (piece[0].islower() or out[-1][-1:].islower()):
                out[-1] += " " + piece
            else:
                out.append(piece)
    return out


#: A bulleted item the source's extraction ran into the paragraph before it ("... this
#: article. \uf0b7 Step 1. ..."): set as a paragraph of its own, as printed.
_BULLET_INSIDE = re.compile(r" (?=[\u2022\uf0b7] )")


def split_number(clause: Clause, first: str) -> Tuple[str, str]:
    """(number as printed, the rest of the first paragraph)."""
    num = clause.number_printed or clause.number
    if not num or not first.startswith(num):
        return "", first
    rest = first[len(num):]
    while rest[:1] in (".", ":", ")"):  # "Section 1." keeps its stop
        num, rest = num + rest[0], rest[1:]
    return num, rest.strip()


def article_heading(article: Article) -> str:
    return f"ARTICLE {article.number} - {article.title}"


# --- DOCX ----------------------------------------------------------------------------------

def _run(text: str, habit: Habit, bold: bool = False) -> str:
    size = int(round(habit.size * 2))
    font = xml_escape(habit.font, {'"': "&quot;"})
    rpr = (f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/>'
           + ("<w:b/>" if bold else "") + f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
           "</w:rPr>")
    parts = text.split("\t")
    inner = "<w:tab/>".join(f'<w:t xml:space="preserve">{xml_escape(t)}</w:t>' if t else ""
                            for t in parts)
    return f"<w:r>{rpr}{inner}</w:r>"


def _para(runs: str, habit: Habit, *, centre: bool = False, left: int = 0,
          first_line: int = 0, hanging: int = 0, page_break: bool = False,
          keep_next: bool = False) -> str:
    ppr = []
    if keep_next:
        ppr.append("<w:keepNext/>")
    if page_break:
        ppr.append("<w:pageBreakBefore/>")
    after = 200 if habit.spacing == "after" else 0
    ppr.append(f'<w:spacing w:before="0" w:after="{after}" w:line="240" w:lineRule="auto"/>')
    if left or first_line or hanging:
        ind = f'<w:ind w:left="{left}"'
        if hanging:
            ind += f' w:hanging="{hanging}"'
        elif first_line:
            ind += f' w:firstLine="{first_line}"'
        ppr.append(ind + "/>")
    if centre:
        ppr.append('<w:jc w:val="center"/>')
    elif habit.justify:
        ppr.append('<w:jc w:val="both"/>')
    return f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>{runs}</w:p>"


def _blank(habit: Habit) -> str:
    return _para("", habit) if habit.spacing == "blank" else ""


def docx_body(articles: Sequence[Article], habit: Habit) -> str:
    out: List[str] = []
    for k, art in enumerate(articles):
        bold = habit.heading != "plain-left"
        out.append(_para(_run(article_heading(art), habit, bold=bold), habit,
                         centre=habit.heading == "bold-centred",
                         page_break=habit.article_page_break and k > 0, keep_next=True))
        out.append(_blank(habit))
        for clause in art.clauses:
            paras = clause_paragraphs(clause)
            if not paras:
                continue
            level = min(clause.level, 4)
            step = 720
            for i, text in enumerate(paras):
                num, rest = split_number(clause, text) if i == 0 else ("", text)
                if num:
                    gap = "\t" if habit.sep == "tab" else "  "
                    text = f"{num}{gap}{rest}" if rest else num
                if habit.indent == "hanging":
                    left = step * (level + 1)
                    out.append(_para(_run(text, habit), habit, left=left,
                                     hanging=step if num else 0))
                elif habit.indent == "first":
                    out.append(_para(_run(text, habit), habit, left=step * level,
                                     first_line=step))
                else:
                    out.append(_para(_run(text, habit), habit, left=step * level))
                out.append(_blank(habit))
    return "".join(out)


def docx_furniture(title: str, habit: Habit, header_lines: Sequence[str] = ()
                   ) -> Tuple[Optional[str], Optional[str]]:
    """(header XML, footer XML): proposal lines, and with the habit's furniture the running
    title and "Page N of M"."""
    def fld(instr: str, shown: str) -> str:
        return (f'<w:fldSimple w:instr=" {instr} \\* MERGEFORMAT ">{_run(shown, habit)}'
                "</w:fldSimple>")

    head = [_para(_run(line, habit), habit) for line in header_lines]
    if habit.furniture:
        head.append(_para(_run(title, habit), habit, centre=True))
    footer = None
    if habit.furniture:
        footer = _para(_run("Page ", habit) + fld("PAGE", "1") + _run(" of ", habit)
                       + fld("NUMPAGES", "1"), habit, centre=True)
    return ("".join(head) or None), footer


def clean_docx(src: Source, habit: Habit) -> bytes:
    header, footer = docx_furniture(src.title, habit, src.header_lines)
    return build_docx(docx_body(src.articles, habit), header=header, footer=footer)


# --- HTML ----------------------------------------------------------------------------------

def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def clean_html(src: Source, habit: Habit) -> str:
    """The same text in CSS: the habit's font, size, alignment and indents; the header and
    footer in ``@page`` margin boxes (both engines repeat them on every page)."""
    size = habit.size
    after = "10pt" if habit.spacing == "after" else "0"
    css = ["@page{size:letter;margin:1in}",
           f"body{{font-family:{_css_string(habit.font)};font-size:{size:g}pt;margin:0}}",
           f"p{{margin:0 0 {after} 0;line-height:1.15;"
           f"text-align:{'justify' if habit.justify else 'left'}}}",
           "p.h{text-align:%s;font-weight:%s;break-after:avoid}" % (
               "center" if habit.heading == "bold-centred" else "left",
               "normal" if habit.heading == "plain-left" else "bold"),
           "p.pb{break-before:page}",
           "span.n{display:inline-block;min-width:0.5in;padding-right:0.25em;text-indent:0;"
           "white-space:nowrap}"]
    top = [*src.header_lines] + ([src.title] if habit.furniture else [])
    if top:
        css.append("@page{margin-top:%.2fin;@top-center{content:%s;white-space:pre;"
                   "font-family:%s;font-size:%gpt;vertical-align:bottom}}" % (
                       1 + 0.2 * len(top), ' "\\A " '.join(_css_string(t) for t in top),
                       _css_string(habit.font), size))
    if habit.furniture:
        css.append('@page{@bottom-center{content:"Page " counter(page) " of " counter(pages);'
                   "font-family:%s;font-size:%gpt}}" % (_css_string(habit.font), size))
    body: List[str] = []
    blank = "<p>&nbsp;</p>" if habit.spacing == "blank" else ""
    for k, art in enumerate(src.articles):
        cls = "h pb" if habit.article_page_break and k > 0 else "h"
        body.append(f'<p class="{cls}">{html_escape(article_heading(art))}</p>{blank}')
        for clause in art.clauses:
            paras = clause_paragraphs(clause)
            level = min(clause.level, 4)
            for i, text in enumerate(paras):
                num, rest = split_number(clause, text) if i == 0 else ("", text)
                if num:
                    lead = (f'<span class="n">{html_escape(num)}</span>'
                            if habit.sep == "tab" else html_escape(num) + "&nbsp; ")
                    inner = lead + html_escape(rest)
                else:
                    inner = html_escape(text)
                if habit.indent == "hanging":
                    style = f"margin-left:{0.5 * (level + 1):g}in" + (
                        ";text-indent:-0.5in" if num else "")
                elif habit.indent == "first":
                    style = f"margin-left:{0.5 * level:g}in;text-indent:0.5in"
                else:
                    style = f"margin-left:{0.5 * level:g}in"
                body.append(f'<p style="{style}">{inner}</p>{blank}')
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>"
            f"{html_escape(src.title)}</title><style>{''.join(css)}</style></head><body>"
            + "".join(body) + "</body></html>")


# --- printing ------------------------------------------------------------------------------

def font_sets(all_fonts: bool = False) -> List[str]:
    fonts = pr.present_fonts()
    return fonts if all_fonts else fonts[:3]


def soffice() -> str:
    return shutil.which("soffice") or shutil.which("libreoffice") or ""


def browser() -> str:
    return next((b for b in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(b)), "")


def weasyprint_reason() -> str:
    from redline.render.pdf import _weasyprint

    return str(_weasyprint()[1])


def engine_reasons(fonts: Sequence[str]) -> Dict[str, str]:
    """Every printer: name -> why it cannot print here ("" when it can)."""
    out: Dict[str, str] = {}
    lo = soffice()
    for family in fonts or ["(no font set)"]:
        out[f"libreoffice-{family}"] = ("" if lo and fonts else
                                        "LibreOffice (soffice) is not installed" if not lo
                                        else "no candidate font family is installed")
    out["chromium"] = "" if browser() else "Chromium is not installed"
    out["weasyprint"] = weasyprint_reason()
    return out


def libreoffice_print(docx_files: Sequence[Path], family: str, outdir: Path,
                      timeout: float = 600) -> Dict[Path, Path]:
    """Each DOCX with every font set to ``family``, printed by LibreOffice in one call (it
    is slow to start): source -> PDF."""
    outdir.mkdir(parents=True, exist_ok=True)
    sources = []
    for path in docx_files:
        copy = outdir / path.name
        copy.write_bytes(pr.with_font(path.read_bytes(), family))
        sources.append(copy)
    with tempfile.TemporaryDirectory(prefix="fidelity-lo-") as tmp:
        subprocess.run([soffice(), f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", str(outdir), *map(str, sources)],
                       check=True, capture_output=True, timeout=timeout)
    return {src: outdir / (src.stem + ".pdf") for src in docx_files}


# --- comparing -----------------------------------------------------------------------------

Item = Tuple[str, str]  # (clause number, full text with white space squashed)


def squash(text: str) -> str:
    return " ".join(text.split())


def clause_items(articles: Iterable[Article]) -> List[Item]:
    return [(c.number, squash(c.full_text)) for a in articles for c in a.clauses
            if squash(c.full_text)]


@dataclass
class Failure:
    kind: str  # missing | extra | merged | split | changed
    number: str
    expected: str
    got: str
    case: str = ""

    @property
    def diff(self) -> str:
        """Where the text read differs: the first few differing stretches of words."""
        a, b = self.expected.split(), self.got.replace(" || ", " ¶ ").split()
        out = []
        sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag != "equal":
                out.append(f"[{' '.join(a[max(0, i1 - 2):i2 + 1])!r} -> "
                           f"{' '.join(b[max(0, j1 - 2):j2 + 1])!r}]")
            if len(out) == 3:
                break
        return " ".join(out)


@dataclass
class Score:
    expected: int = 0
    exact: int = 0
    missing: int = 0
    extra: int = 0
    merged: int = 0
    split: int = 0
    changed: int = 0
    words_lost: int = 0
    words_added: int = 0
    failures: List[Failure] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for name in ("expected", "exact", "missing", "extra", "merged", "split", "changed",
                     "words_lost", "words_added"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failures.extend(other.failures)

    @property
    def share(self) -> float:
        return self.exact / self.expected if self.expected else 1.0


def _joined(items: Sequence[Item]) -> str:
    return " ".join(t for _, t in items)


def _close(a: str, b: str) -> bool:
    """Nearly the same text (a few words apart)."""
    if not a or not b:
        return False
    wa, wb = a.split(), b.split()
    if abs(len(wa) - len(wb)) > max(3, len(wa) // 10):
        return False
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio() >= 0.9


def _classify(exp: Sequence[Item], got: Sequence[Item], score: Score) -> None:
    """A block of expected clauses read as another block: merges, splits, changes, and the
    rest missing or extra."""
    i = j = 0
    while i < len(exp) and j < len(got):
        found = False
        for m in range(2, min(8, len(exp) - i) + 1):  # one read clause holds m expected
            if got[j][1] == _joined(exp[i:i + m]) or _close(_joined(exp[i:i + m]), got[j][1]):
                score.merged += 1
                score.failures.append(Failure("merged", " + ".join(n for n, _ in exp[i:i + m]),
                                              _joined(exp[i:i + m]), got[j][1]))
                i, j, found = i + m, j + 1, True
                break
        if found:
            continue
        for m in range(2, min(8, len(got) - j) + 1):  # one expected read as m clauses
            if exp[i][1] == _joined(got[j:j + m]) or _close(exp[i][1], _joined(got[j:j + m])):
                score.split += 1
                score.failures.append(Failure("split", exp[i][0], exp[i][1],
                                              " || ".join(t for _, t in got[j:j + m])))
                i, j, found = i + 1, j + m, True
                break
        if found:
            continue
        # a clause read into the end of the one before it, or an extra line
        if i + 1 < len(exp) and got[j][1].startswith(exp[i][1]) and \
                exp[i + 1][1] in got[j][1]:
            score.merged += 1
            score.failures.append(Failure("merged", f"{exp[i][0]} + {exp[i + 1][0]}",
                                          _joined(exp[i:i + 2]), got[j][1]))
            i, j = i + 2, j + 1
            continue
        if j + 1 < len(got) and _close(exp[i][1], got[j + 1][1]) and \
                not _close(exp[i][1], got[j][1]):
            score.extra += 1
            score.failures.append(Failure("extra", got[j][0], "", got[j][1]))
            j += 1
            continue
        if i + 1 < len(exp) and _close(exp[i + 1][1], got[j][1]) and \
                not _close(exp[i][1], got[j][1]):
            score.missing += 1
            score.failures.append(Failure("missing", exp[i][0], exp[i][1], ""))
            i += 1
            continue
        score.changed += 1
        score.failures.append(Failure("changed", exp[i][0] if exp[i][0] == got[j][0]
                                      else f"{exp[i][0]} read as {got[j][0] or '(none)'}",
                                      exp[i][1], got[j][1]))
        i, j = i + 1, j + 1
    for n, t in exp[i:]:
        score.missing += 1
        score.failures.append(Failure("missing", n, t, ""))
    for n, t in got[j:]:
        score.extra += 1
        score.failures.append(Failure("extra", n, "", t))


def _words(items: Sequence[Item]) -> "collections.Counter[str]":
    return collections.Counter(w for _, t in items for w in t.split())


def compare_items(expected: Sequence[Item], got: Sequence[Item]) -> Score:
    """The clauses read held to the expected ones, aligned in order by a diff."""
    score = Score(expected=len(expected))
    sm = difflib.SequenceMatcher(None, list(expected), list(got), autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            score.exact += i2 - i1
        else:
            _classify(expected[i1:i2], got[j1:j2], score)
    we, wg = _words(expected), _words(got)
    score.words_lost = sum((we - wg).values())
    score.words_added = sum((wg - we).values())
    return score


# --- the redline case ----------------------------------------------------------------------

def changed_articles(old: Document, new: Document, n: Optional[int]) -> Tuple[
        List[Article], List[Article]]:
    """Up to ``n`` articles of both terms (same title) whose text changed, but not beyond
    recognition, spread over the agreement."""
    olds = {a.key: a for a in old.articles if usable(a)}
    pairs = []
    for a in new.articles:
        b = olds.get(a.key)
        if b is None or not usable(a):
            continue
        ta, tb = _joined(clause_items([b])), _joined(clause_items([a]))
        if ta == tb:
            continue
        ratio = difflib.SequenceMatcher(None, ta.split(), tb.split(), autojunk=False).ratio()
        if ratio >= 0.6:
            pairs.append((b, a))
    if n is not None and len(pairs) > n:
        step = len(pairs) / n
        pairs = [pairs[int(i * step + step / 2)] for i in range(n)]
    return [b for b, _ in pairs], [a for _, a in pairs]


def redline_items(doc: Document) -> Tuple[List[List[Item]], List[Tuple[Any, ...]]]:
    """(each round's clauses, the marks) of a redline."""
    from test_pdf_printers import marks

    return [clause_items(r.articles) for r in doc.rounds], marks(doc)


# --- the run -------------------------------------------------------------------------------

@dataclass
class Case:
    """One document: its source, habit, DOCX (the truth) and HTML; per engine its PDF."""

    name: str
    kind: str  # clean | redline
    habit: Habit
    docx: Path
    html: Dict[str, Path]  # engine -> the HTML it prints (clean), or nothing (redline)
    truth: Document
    result: Any = None  # the redline's comparison (redline cases)
    pdfs: Dict[str, Path] = field(default_factory=dict)


@dataclass
class Row:
    engine: str
    kind: str
    docs: int = 0
    pages: int = 0
    seconds: float = 0.0
    score: Score = field(default_factory=Score)
    marks_expected: int = 0
    marks_exact: int = 0
    rounds_wrong: int = 0
    errors: List[str] = field(default_factory=list)
    examples: List[Dict[str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def build_clean_cases(units: Sequence[str], n_articles: Optional[int], fonts: Sequence[str],
                      engines: Sequence[str]) -> List[Case]:
    cases = []
    for k, unit in enumerate(units):
        path = agreement_path(unit)
        doc = quietly_read(str(path))
        src = Source(unit.removeprefix("state-"), front_title(path), pick_articles(doc, n_articles))
        if not src.articles:
            continue
        habit = habit_for(k, fonts)
        cases.append(make_case(src, habit, "clean", engines))
    return cases


def make_case(src: Source, habit: Habit, kind: str, engines: Sequence[str]) -> Case:
    folder = WORK / "src"
    folder.mkdir(parents=True, exist_ok=True)
    docx = folder / f"{kind}-{src.name}.docx"
    docx.write_bytes(clean_docx(src, habit))
    html = {}
    if any(not e.startswith("libreoffice") for e in engines):
        page = folder / f"{kind}-{src.name}.html"
        page.write_text(clean_html(src, habit), encoding="utf-8")
        html = {e: page for e in engines if not e.startswith("libreoffice")}
    return Case(f"{kind}-{src.name}", kind, habit, docx, html, quietly_read(str(docx)))


def build_redline_cases(units: Sequence[str], n_articles: Optional[int], fonts: Sequence[str],
                        engines: Sequence[str]) -> List[Case]:
    from redline.api import compare
    from redline.render.docx_colour import render_colour_comparison

    cases = []
    for k, unit in enumerate(units):
        old_doc = quietly_read(str(agreement_path(unit, "2023-2025")))
        new_doc = quietly_read(str(agreement_path(unit, "2025-2027")))
        olds, news = changed_articles(old_doc, new_doc, n_articles)
        if not olds:
            continue
        habit = habit_for(k + 3, fonts)
        title = front_title(agreement_path(unit))
        name = unit.removeprefix("state-")
        old = Source(name + "-old", title, olds, ("Union Initial Proposal 01/15/2025",))
        new = Source(name + "-new", title, news, ("Employer Counter Proposal 02/12/2025",))
        folder = WORK / "src"
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for s in (old, new):
            p = folder / f"redline-src-{s.name}.docx"
            p.write_bytes(clean_docx(s, habit))
            paths.append(str(p))
        result = compare(paths[0], paths[1])
        docx = folder / f"redline-{name}.docx"
        docx.write_bytes(render_colour_comparison(result))
        cases.append(Case(f"redline-{name}", "redline", habit, docx, {},
                          quietly_read(str(docx)), result))
    return cases


def print_cases(cases: Sequence[Case], engine: str, timeout: float) -> List[str]:
    """Print every case with ``engine``; returns errors (one line each)."""
    errors: List[str] = []
    outdir = WORK / engine.replace(" ", "_")
    outdir.mkdir(parents=True, exist_ok=True)
    if engine.startswith("libreoffice-"):
        family = engine[len("libreoffice-"):]
        try:
            done = libreoffice_print([c.docx for c in cases], family, outdir, timeout)
        except (subprocess.SubprocessError, OSError) as exc:
            return [f"LibreOffice failed: {exc.__class__.__name__}: {str(exc)[:200]}"]
        for c in cases:
            if done[c.docx].exists():
                c.pdfs[engine] = done[c.docx]
            else:
                errors.append(f"{c.name}: LibreOffice made no PDF")
        return errors
    from redline.render.pdf import html_to_pdf, use_engine

    for c in cases:
        target = outdir / f"{c.name}.pdf"
        try:
            if c.kind == "redline":
                from redline.render.outputs import render_comparison

                with use_engine(engine):
                    data = render_comparison(c.result, "pdf")
                assert isinstance(data, bytes)
            else:
                data = html_to_pdf(c.html[engine].read_text(encoding="utf-8"), engine)
        except Exception as exc:  # noqa: BLE001 - one engine's failure is a line in the report
            errors.append(f"{c.name}: {exc.__class__.__name__}: {str(exc)[:200]}")
            continue
        target.write_bytes(data)
        c.pdfs[engine] = target
    return errors


def _cut(text: str, n: int = 200) -> str:
    return text if len(text) <= n else text[:n] + "..."


def measure(cases: Sequence[Case], engine: str, kind: str) -> Row:
    row = Row(engine, kind)
    seen: Dict[str, int] = collections.Counter()
    for c in cases:
        pdf = c.pdfs.get(engine)
        if pdf is None:
            continue
        t0 = time.perf_counter()
        try:
            got = quietly_read(str(pdf))
        except Exception as exc:  # noqa: BLE001
            row.errors.append(f"{c.name}: reading failed: {exc.__class__.__name__}: {exc}")
            continue
        row.seconds += time.perf_counter() - t0
        row.docs += 1
        row.pages += pdf_pages(pdf)
        if kind == "clean":
            score = compare_items(clause_items(c.truth.articles), clause_items(got.articles))
            if len(got.rounds) or got.warnings:
                row.errors.extend(f"{c.name}: warning: {w}" for w in got.warnings[:3])
        else:
            want_rounds, want_marks = redline_items(c.truth)
            got_rounds, got_marks = redline_items(got)
            score = Score()
            if len(want_rounds) != len(got_rounds):
                row.rounds_wrong += 1
                row.errors.append(f"{c.name}: {len(got_rounds)} rounds read, "
                                  f"{len(want_rounds)} expected")
            for k, want in enumerate(want_rounds):
                part = compare_items(want, got_rounds[k] if k < len(got_rounds) else [])
                for f in part.failures:
                    f.number = f"round {k + 1}: {f.number}"
                score.add(part)
            sm = difflib.SequenceMatcher(None, want_marks, got_marks, autojunk=False)
            row.marks_expected += len(want_marks)
            row.marks_exact += sum(b.size for b in sm.get_matching_blocks())
            for tag, i1, i2, j1, j2 in sm.get_opcodes():
                if tag != "equal" and seen["marks"] < EXAMPLES_PER_KIND * 4:
                    seen["marks"] += 1
                    row.examples.append({
                        "kind": "mark", "case": c.name, "engine": engine,
                        "habit": c.habit.name, "pdf": str(pdf), "number": "",
                        "expected": _cut(repr(want_marks[i1:i2][:3])),
                        "got": _cut(repr(got_marks[j1:j2][:3]))})
        for f in score.failures:
            f.case = c.name
        row.score.add(score)
        for f in score.failures:
            if seen[f.kind] < EXAMPLES_PER_KIND * 4:
                seen[f.kind] += 1
                row.examples.append({"kind": f.kind, "case": c.name, "engine": engine,
                                     "habit": c.habit.name, "pdf": str(pdf),
                                     "number": f.number, "expected": _cut(f.expected),
                                     "got": _cut(f.got), "diff": _cut(f.diff, 400)})
    return row


HEAD = (f"{'case':<8} {'engine':<24} {'docs':>4} {'pages':>5} {'clauses':>7} {'exact':>7} "
        f"{'miss':>4} {'extra':>5} {'merge':>5} {'split':>5} {'chg':>4} {'w-lost':>6} "
        f"{'w-add':>6} {'marks':>7} {'pages/s':>7}")


def format_row(row: Row) -> str:
    s = row.score
    marks = (f"{100 * row.marks_exact / row.marks_expected:6.1f}%" if row.marks_expected
             else "      -")
    return (f"{row.kind:<8} {row.engine[:24]:<24} {row.docs:>4} {row.pages:>5} {s.expected:>7} "
            f"{100 * s.share:6.1f}% {s.missing:>4} {s.extra:>5} {s.merged:>5} {s.split:>5} "
            f"{s.changed:>4} {s.words_lost:>6} {s.words_added:>6} {marks} {row.rate:>7.1f}")


def run(engines: Sequence[str], units: Sequence[str], pairs: Sequence[str],
        n_articles: Optional[int], n_redline: Optional[int], all_fonts: bool = False,
        timeout: float = 600, log: Callable[[str], None] = print) -> Dict[str, Any]:
    fonts = font_sets(all_fonts)
    reasons = engine_reasons(fonts)
    chosen = [e for e in reasons if any(e == x or e.startswith(x + "-") for x in engines)]
    skipped = {e: r for e, r in reasons.items() if e in chosen and r}
    printers = [e for e in chosen if not reasons[e]]
    for e, r in skipped.items():
        log(f"skipped {e}: {r}")
    cases = build_clean_cases(units, n_articles, fonts, printers)
    red = build_redline_cases(pairs, n_redline, fonts, printers) if pairs else []
    rows: List[Row] = []
    log(HEAD)
    for engine in printers:
        t0 = time.perf_counter()
        errors = print_cases(list(cases) + list(red), engine, timeout)
        printed = time.perf_counter() - t0
        for kind, group in (("clean", cases), ("redline", red)):
            if not group:
                continue
            row = measure(group, engine, kind)
            row.errors[:0] = [e for e in errors if any(e.startswith(c.name + ":")
                                                       for c in group)]
            rows.append(row)
            log(format_row(row))
        if errors and not any(e.split(":")[0] in {c.name for c in cases + red}
                              for e in errors):
            log(f"  {engine}: {errors[0]}")
        log(f"  ({engine}: printed in {printed:.1f} s)")
    result = {
        "engines": printers, "skipped": skipped, "fonts": fonts,
        "cases": [{"name": c.name, "kind": c.kind, "habit": asdict(c.habit),
                   "habit_name": c.habit.name, "docx": str(c.docx),
                   "pdfs": {e: str(p) for e, p in c.pdfs.items()},
                   "clauses": len(clause_items(c.truth.articles))} for c in cases + red],
        "rows": [{"engine": r.engine, "kind": r.kind, "docs": r.docs, "pages": r.pages,
                  "seconds": r.seconds, "pages_per_second": r.rate,
                  "clauses": r.score.expected, "exact": r.score.exact,
                  "exact_share": r.score.share, "missing": r.score.missing,
                  "extra": r.score.extra, "merged": r.score.merged, "split": r.score.split,
                  "changed": r.score.changed, "words_lost": r.score.words_lost,
                  "words_added": r.score.words_added, "marks_expected": r.marks_expected,
                  "marks_exact": r.marks_exact, "rounds_wrong": r.rounds_wrong,
                  "errors": r.errors, "examples": r.examples,
                  "failures": [{**asdict(f), "diff": f.diff}
                               for f in r.score.failures[:300]]} for r in rows],
    }
    return result


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--all", action="store_true",
                    help="every agreement and every usable article; every font set")
    ap.add_argument("--engines", nargs="+", default=list(ENGINES),
                    help="libreoffice (every font set), libreoffice-FAMILY, chromium, "
                         "weasyprint (default: all)")
    ap.add_argument("--articles", type=int, default=ARTICLES_PER_DOC,
                    help="articles a document (default %(default)s)")
    ap.add_argument("--no-redlines", action="store_true", help="clean documents only")
    args = ap.parse_args(argv)
    if not CBA.exists():
        print(f"the Oregon agreements are not at {CBA} (set REDLINE_SHARED)")
        return 2
    if args.all:
        units = sorted({p.name[:-len("-2025-2027.md")] for p in CBA.glob("*-2025-2027.md")})
        pairs = [u for u in units if agreement_path(u, "2023-2025").exists()]
        n_articles: Optional[int] = None
        n_red: Optional[int] = None
    else:
        units, pairs = list(DEFAULT_AGREEMENTS), list(DEFAULT_PAIRS)
        n_articles, n_red = args.articles, REDLINE_ARTICLES
    if args.no_redlines:
        pairs = []
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    t0 = time.perf_counter()
    result = run(args.engines, units, pairs, n_articles, n_red, all_fonts=args.all)
    result["seconds"] = time.perf_counter() - t0
    OUT.mkdir(exist_ok=True)
    (OUT / "pdf_fidelity.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(f"\n{len(result['cases'])} documents in {result['seconds']:.0f} s; "
          f"written {OUT / 'pdf_fidelity.json'}; PDFs in {WORK}")
    for row in result["rows"]:
        for err in row["errors"][:5]:
            print(f"  {row['engine']} {row['kind']}: {err}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
