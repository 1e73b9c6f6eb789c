"""The bad-input battery, entry point by entry point.

Every command that reads files (``parse``, ``compare``, ``history``, ``blame``, ``verify``)
and its library function (``redline.api.read/compare/history/verify``) gets every broken or
hostile input: a one-line error naming the file and the problem, exit code 2, no traceback,
no output file and no temporary file left behind.  Then the inputs that must *work*: PDF
passwords, 2,000 pages within a memory budget, text no renderer may mangle, colours no key
explains, mismatched versions; outputs that are atomic; warnings on stderr only.
"""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

import pytest
from click.testing import CliRunner

import redline.ooxml as ooxml
from docx_builder import build_docx, p, r
from ooxml_views import body_text, paragraphs
from redline.api import compare, history, read, verify
from redline.cli import cli
from redline.errors import EncryptedError, InputError, NoTextError, RedlineError
from redline.readers import ReadOptions
from test_bad_input import MAKERS as DOCX_MAKERS, MESSAGES as DOCX_MESSAGES
from test_pdf_reader import Page, make_pdf
from test_security import _bomb_docx, _declare_size

RED = (1, 0, 0)
BLUE = (0, 0, 1)
OLD_TEXT = ("District Initial Proposal 02/07/2024\n\nARTICLE 4 - TRANSFER\n\n"
            "4.1 Notice shall be given within ten (10) days of the request, and the parties "
            "shall meet promptly.\n\n"
            "4.2 The Union may request a meeting.\n\n4.3 Meetings occur monthly.\n")
NEW_TEXT = OLD_TEXT.replace("District Initial Proposal 02/07/2024",
                            "Union Counter Proposal 03/07/2024").replace("ten (10)",
                                                                         "fifteen (15)")


# --- the inputs ----------------------------------------------------------------------------

def _text_page(*lines: str) -> bytes:
    page = Page()
    y = 700.0
    for line in lines:
        page.text(72, y, line)
        y -= 20
    return page.stream()


# a wrapped first clause sets the right margin, so the short lines after it end paragraphs
PROPOSAL_PAGE = _text_page("Union Counter Proposal 03/07/2024", "ARTICLE 4 - TRANSFER",
                           "4.1 Notice shall be given within fifteen (15) days of the request, "
                           "and the parties shall", "meet promptly.",
                           "4.2 The Union may request a meeting.", "4.3 Meetings occur monthly.")


def redline_pdf_page() -> bytes:
    """A colour-keyed counter (key in the header, a red strike and a red insertion)."""
    page = Page()
    page.text(72, 752, "District Counter Proposal 05/09/2024")
    page.text(72, 738, "Blue - Union Counter 03/07/2024", rgb=BLUE)
    page.text(330, 738, "Red - District Counter 05/09/2024", rgb=RED)
    page.text(72, 690, "ARTICLE 4 - TRANSFER", bold=True)
    page.words(72, 660, [("4.1 Notice shall be given within ", {}),
                         ("fifteen (15) ", {"rgb": RED, "strike": "line"}),
                         ("ten (10) ", {"rgb": RED, "underline": "line"}),
                         ("days of the request, and the parties shall", {})])
    page.text(72, 645, "meet promptly.")
    page.text(72, 620, "4.2 The Union may request a meeting.")
    page.text(72, 600, "4.3 Meetings occur monthly.")
    return page.stream()


def _pdf_garbage() -> bytes:
    return b"%PDF-1.7\n" + bytes(range(256)) * 3


#: name -> (file name, maker; None: the file does not exist, expected words in the error)
CASES: Dict[str, Tuple[str, Optional[Callable[[], bytes]], str]] = {
    "missing": ("nowhere.docx", None, "no such file"),
    "empty-pdf": ("empty.pdf", lambda: b"", "empty"),
    "empty-text": ("empty.txt", lambda: b"", "empty"),
    "binary-text": ("binary.txt", lambda: b"\x00\x01\x02" * 100, "binary"),
    "encrypted-pdf": ("locked.pdf", lambda: make_pdf([PROPOSAL_PAGE], password="pw"),
                      "encrypted; give --password"),
    "scanned-pdf": ("scan.pdf", lambda: make_pdf([b""], image_pages=(0,)),
                    "scanned PDF with no text layer"),
    "blank-pdf": ("blank.pdf", lambda: make_pdf([b""]), "no text on any page"),
    "corrupt-pdf": ("corrupt.pdf", _pdf_garbage, "damaged"),
    "truncated-pdf": ("truncated.pdf", lambda: make_pdf([PROPOSAL_PAGE])[:200], "damaged"),
    "pdf-named-pdf-not-pdf": ("letter.pdf", lambda: b"Dear colleagues,\n", "not a PDF"),
    "zip-bomb-declared": ("declared.docx", lambda: _declare_size(
        build_docx(p("LEAVES") + p("X.1 Text.")), "word/document.xml", 300 * 1024 * 1024),
        "refusing"),
    "zip-bomb-lying-header": ("liar.docx", lambda: _declare_size(
        _bomb_docx(3 * 1024 * 1024), "word/document.xml", 2048), "damaged"),
}
for _name, _maker in DOCX_MAKERS.items():
    CASES[_name] = (f"{_name}.docx", _maker, DOCX_MESSAGES[_name])


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lower the part limit so ``test_bad_input``'s 4 MB part is a bomb."""
    monkeypatch.setattr(ooxml, "MAX_PART_BYTES", 1024 * 1024)


@pytest.fixture
def goods(tmp_path: Path) -> Dict[str, Path]:
    """Good files for the other arguments: two dated versions and a colour-keyed counter."""
    good = tmp_path / "good"
    good.mkdir()
    old, new = good / "old.txt", good / "new.txt"
    old.write_text(OLD_TEXT)
    new.write_text(NEW_TEXT)
    counter = good / "counter.pdf"
    counter.write_bytes(make_pdf([redline_pdf_page()]))
    return {"old": old, "new": new, "counter": counter}


def _bad(tmp_path: Path, case: str) -> Path:
    name, maker, _ = CASES[case]
    path = tmp_path / name
    if maker is not None:
        path.write_bytes(maker())
    return path


#: entry point -> CLI arguments, given the bad file, the good files and an output path
ENTRIES: Dict[str, Callable[[str, Dict[str, Path], str], List[str]]] = {
    "parse": lambda x, g, out: ["parse", x, "-o", out],
    "compare-old": lambda x, g, out: ["compare", x, str(g["new"]), "-o", out, "-f", "json"],
    "compare-new": lambda x, g, out: ["compare", str(g["old"]), x, "-o", out, "-f", "docx"],
    "history": lambda x, g, out: ["history", str(g["old"]), x, "-o", out, "-f", "docx"],
    "blame": lambda x, g, out: ["blame", str(g["old"]), x],
    "verify-counter": lambda x, g, out: ["verify", x, "--against", str(g["old"])],
    "verify-against": lambda x, g, out: ["verify", str(g["counter"]), "--against", x],
    "verify-clean": lambda x, g, out: ["verify", str(g["counter"]), "--against",
                                       str(g["old"]), "--clean", x],
}

#: entry point -> the library call, given the bad file and the good files
API: Dict[str, Callable[[str, Dict[str, Path]], object]] = {
    "read": lambda x, g: read(x),
    "compare-old": lambda x, g: compare(x, str(g["new"])),
    "compare-new": lambda x, g: compare(str(g["old"]), x),
    "history": lambda x, g: history([str(g["old"]), x]),
    "verify-counter": lambda x, g: verify(x, str(g["old"])),
    "verify-against": lambda x, g: verify(str(g["counter"]), x),
}


def assert_one_line_error(stderr: str, path: Path, expected: str) -> None:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, stderr
    assert str(path) in lines[0] and expected in lines[0], lines[0]
    assert "Traceback" not in stderr


def assert_nothing_left(folder: Path, out: Path) -> None:
    assert not out.exists()
    assert not list(folder.rglob(".redline-*.tmp"))


@pytest.mark.parametrize("entry", sorted(ENTRIES))
@pytest.mark.parametrize("case", sorted(CASES))
def test_cli_refuses_bad_input(tmp_path: Path, goods: Dict[str, Path], small_parts: None,
                               case: str, entry: str) -> None:
    bad = _bad(tmp_path, case)
    out = tmp_path / "out.docx"
    res = CliRunner().invoke(cli, ENTRIES[entry](str(bad), goods, str(out)))
    assert res.exit_code == 2, (res.exit_code, res.output, res.exception)
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert_one_line_error(res.stderr, bad, CASES[case][2])
    assert res.stdout == ""
    assert_nothing_left(tmp_path, out)


@pytest.mark.parametrize("entry", sorted(API))
@pytest.mark.parametrize("case", sorted(CASES))
def test_api_raises_redline_error(tmp_path: Path, goods: Dict[str, Path], small_parts: None,
                                  case: str, entry: str) -> None:
    bad = _bad(tmp_path, case)
    with pytest.raises(RedlineError) as err:
        API[entry](str(bad), goods)
    assert isinstance(err.value, InputError)
    message = str(err.value)
    assert "\n" not in message and str(bad) in message and CASES[case][2] in message
    if case == "encrypted-pdf":
        assert isinstance(err.value, EncryptedError)
    if case in ("scanned-pdf", "blank-pdf"):
        assert isinstance(err.value, NoTextError)


SUBPROCESS_CASES = [("parse", "text-named-docx"), ("parse", "missing"),
                    ("compare-new", "truncated-zip"), ("compare-old", "zip-bomb-declared"),
                    ("history", "encrypted-pdf"), ("blame", "scanned-pdf"),
                    ("verify-against", "billion-laughs"), ("verify-counter", "corrupt-pdf"),
                    ("parse", "path-traversal"), ("compare-new", "zip-bomb-lying-header")]


@pytest.mark.parametrize("entry,case", SUBPROCESS_CASES)
def test_real_process_prints_one_line(tmp_path: Path, goods: Dict[str, Path], entry: str,
                                      case: str) -> None:
    """``python -m redline`` itself (run_main, not click's test runner): no traceback."""
    bad = _bad(tmp_path, case)
    out = tmp_path / "out.docx"
    proc = subprocess.run([sys.executable, "-m", "redline",
                           *ENTRIES[entry](str(bad), goods, str(out))],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert_one_line_error(proc.stderr, bad, CASES[case][2])
    assert proc.stdout == ""
    assert_nothing_left(tmp_path, out)


def test_error_is_one_line_even_when_quiet(tmp_path: Path) -> None:
    bad = _bad(tmp_path, "truncated-zip")
    res = CliRunner().invoke(cli, ["-q", "parse", str(bad)])
    assert res.exit_code == 2
    assert_one_line_error(res.stderr, bad, "not a DOCX")


# --- encrypted PDFs: --password everywhere -------------------------------------------------

@pytest.fixture
def locked(tmp_path: Path, goods: Dict[str, Path]) -> Dict[str, Path]:
    proposal = tmp_path / "locked.pdf"
    proposal.write_bytes(make_pdf([PROPOSAL_PAGE], password="pw"))
    counter = tmp_path / "locked-counter.pdf"
    counter.write_bytes(make_pdf([redline_pdf_page()], password="pw"))
    return {**goods, "locked": proposal, "locked_counter": counter}


PASSWORD_COMMANDS = {
    "parse": lambda f, out: ["parse", str(f["locked"]), "-o", out],
    "compare": lambda f, out: ["compare", str(f["new"]), str(f["locked"]), "-o", out],
    "history": lambda f, out: ["history", str(f["old"]), str(f["locked"]), "-o", out],
    "blame": lambda f, out: ["blame", str(f["old"]), str(f["locked"])],
    # --against the text the counter starts from ("old" is what it ends with: exit 2)
    "verify": lambda f, out: ["verify", str(f["locked_counter"]), "--against",
                              str(f["new"])],
}


@pytest.mark.parametrize("command", sorted(PASSWORD_COMMANDS))
def test_password_opens_encrypted_pdf(tmp_path: Path, locked: Dict[str, Path],
                                      command: str) -> None:
    out = tmp_path / "out.json"
    args = PASSWORD_COMMANDS[command](locked, str(out))
    bad = locked["locked_counter"] if command == "verify" else locked["locked"]
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 2
    assert_one_line_error(res.stderr, bad, "encrypted; give --password")
    res = CliRunner().invoke(cli, args + ["--password", "nope"])
    assert res.exit_code == 2
    assert_one_line_error(res.stderr, bad, "wrong password")
    res = CliRunner().invoke(cli, args + ["--password", "pw"])
    assert res.exit_code in (0, 1), res.output
    assert "Traceback" not in res.output
    if command in ("parse", "compare", "history"):
        data = json.loads(out.read_text())
        assert data
    if command == "compare":
        assert not [c for c in data["changes"] if c["status"] != "unchanged"]


def test_password_through_the_api(locked: Dict[str, Path]) -> None:
    opts = ReadOptions(password="pw")
    doc = read(str(locked["locked"]), opts)
    assert [c.number for c in doc.clauses] == ["4.1", "4.2", "4.3"]
    assert not compare(str(locked["new"]), str(locked["locked"]), read_options=opts).differs
    h = history([str(locked["old"]), str(locked["locked"])], read_options=opts)
    assert len(h.rounds) == 2
    verify(str(locked["locked_counter"]), str(locked["new"]), read_options=opts)
    with pytest.raises(EncryptedError, match="wrong password"):
        read(str(locked["locked"]), ReadOptions(password="nope"))


# --- 2,000 pages ---------------------------------------------------------------------------

PAGES = 2000
#: Peak resident memory allowed for one command on a 2,000-page input.
MEMORY_BUDGET_MB = 1024


def long_docx(path: Path, edit: bool = False) -> None:
    """2,000 pages (five clauses and a page break each), written as XML: fast to build."""
    parts = [p("ARTICLE 1 - EXHIBIT")]
    for page in range(PAGES):
        for k in range(5):
            text = (f"1.{page * 5 + k + 1} On page {page + 1} the parties shall meet and "
                    "confer on matters within the scope of representation.")
            if edit and page % 100 == 7 and k == 2:
                text = text.replace("shall", "may")
            parts.append(p(text))
        parts.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    build_docx("".join(parts), path=path)


def long_pdf(path: Path) -> None:
    """2,000 pages of three clauses each, the first wrapped over two lines (it sets the
    right margin, so the short lines after it end their paragraphs, as in a real document)."""
    pages = []
    for page in range(PAGES):
        pages.append(_text_page(
            f"X.1 On page {page + 1:04d} the parties shall meet and confer on all matters "
            "within the scope of", "representation.",
            *(f"X.{k} On page {page + 1:04d} the parties shall meet and confer." for k in (2, 3))))
    path.write_bytes(make_pdf(pages))


def _run_measured(args: List[str], cwd: Path) -> Tuple[int, float, str]:
    """Run a CLI command in a fresh process; its exit code and peak RSS in MB."""
    code = ("import resource, sys\n"
            f"sys.argv = ['redline', *{args!r}]\n"
            "from redline.cli import main\n"
            "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
            "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
            "print(f'RESULT {code} {peak:.0f}', file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, cwd=cwd)
    result = [ln for ln in proc.stderr.splitlines() if ln.startswith("RESULT ")]
    assert result, proc.stderr
    _, exit_code, peak = result[-1].split()
    return int(exit_code), float(peak), proc.stderr


@pytest.mark.slow
def test_two_thousand_page_docx_parses_and_compares_within_budget(tmp_path: Path) -> None:
    old, new = tmp_path / "long.docx", tmp_path / "long-edited.docx"
    long_docx(old)
    long_docx(new, edit=True)
    code, peak, err = _run_measured(["parse", str(old), "-o", "long.json"], tmp_path)
    assert code == 0, err
    data = json.loads((tmp_path / "long.json").read_text())
    assert sum(len(a["clauses"]) for a in data["articles"]) == PAGES * 5
    assert peak < MEMORY_BUDGET_MB, f"parse peaked at {peak:.0f} MB"
    print(f"2,000-page DOCX: parse peak {peak:.0f} MB")
    code, peak, err = _run_measured(["compare", str(old), str(new), "-o", "long-tracked.docx"],
                                    tmp_path)
    assert code == 1, err
    assert peak < MEMORY_BUDGET_MB, f"compare peaked at {peak:.0f} MB"
    print(f"2,000-page DOCX: compare to tracked DOCX peak {peak:.0f} MB")
    tracked = (tmp_path / "long-tracked.docx").read_bytes()
    assert body_text(tracked, "reject") == body_text(old.read_bytes(), "accept")
    assert body_text(tracked, "accept") == body_text(new.read_bytes(), "accept")


@pytest.mark.slow
def test_two_thousand_page_pdf_parses_within_budget(tmp_path: Path) -> None:
    src = tmp_path / "long.pdf"
    long_pdf(src)
    code, peak, err = _run_measured(["parse", str(src), "-o", "long.json"], tmp_path)
    assert code == 0, err
    data = json.loads((tmp_path / "long.json").read_text())
    clauses = [c for a in data["articles"] for c in a["clauses"]]
    assert len(clauses) == PAGES * 3
    assert clauses[-1]["text"] == "On page 2000 the parties shall meet and confer."
    assert peak < MEMORY_BUDGET_MB, f"parse peaked at {peak:.0f} MB"
    print(f"2,000-page PDF: parse peak {peak:.0f} MB")


# --- text no reader or renderer may mangle -------------------------------------------------

RTL = "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627\u200f"  # Hebrew, Arabic, RLM
COMBINING = "cafe\u0301 man\u0303ana"  # decomposed: e + acute, n + tilde
EMOJI = "\U0001f642 \U0001f469\u200d\u2696\ufe0f"  # a smiley and a ZWJ sequence
NBSP = "ten\u00a0(10)\u202fdays"  # no-break and narrow no-break spaces
CONTROL = "bell\x07 escape\x1b start\x01"
SPECIAL = [RTL, COMBINING, EMOJI, NBSP]


def _special_text(with_control: bool, word: str) -> str:
    control = f" {CONTROL}" if with_control else ""
    return (f"Union Counter Proposal 03/07/2024\n\nARTICLE 4 - TRANSFER\n\n"
            f"4.1 Notice {NBSP} {word}.{control}\n\n4.2 Greetings {RTL}.\n\n"
            f"4.3 Menu {COMBINING} {EMOJI}.\n")


def _clause_texts(doc) -> List[str]:
    return [c.text for c in doc.clauses]


def test_parse_keeps_special_characters_from_text(tmp_path: Path) -> None:
    src = tmp_path / "special.txt"
    src.write_text(_special_text(True, "shall apply"), encoding="utf-8")
    res = CliRunner().invoke(cli, ["parse", str(src), "-o", str(tmp_path / "out.json")])
    assert res.exit_code == 0, res.output
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    texts = [c["text"] for a in data["articles"] for c in a["clauses"]]
    assert texts == [f"Notice {NBSP} shall apply. {CONTROL}", f"Greetings {RTL}.",
                     f"Menu {COMBINING} {EMOJI}."]


def test_regression_no_break_spaces_survive_reading(tmp_path: Path) -> None:
    """Clause text used to squash every white space, no-break spaces included, so
    ``ten\\u00a0(10)`` came out as ``ten (10)``."""
    src = tmp_path / "nbsp.docx"
    build_docx(p("ARTICLE 4 - TRANSFER") + p(f"4.1 Notice within {NBSP}.") +
               "<w:tbl><w:tblPr/><w:tr><w:tc>" + p(f"a\u00a0b  {RTL}") + "</w:tc></w:tr></w:tbl>",
               path=src)
    doc = read(str(src))
    assert doc.clauses[0].text == f"Notice within {NBSP}."
    assert doc.clauses[0].table == ((f"a\u00a0b {RTL}",),)


def test_parse_keeps_special_characters_from_docx(tmp_path: Path) -> None:
    src = tmp_path / "special.docx"
    build_docx(p("ARTICLE 4 - TRANSFER") + p(f"4.1 Notice {NBSP} applies.") +
               p("4.2 Greetings ", f'<w:r><w:rPr><w:rtl/></w:rPr><w:t>{RTL}</w:t></w:r>', ".") +
               p(f"4.3 Menu {COMBINING} {EMOJI}."), path=src)
    assert _clause_texts(read(str(src))) == [f"Notice {NBSP} applies.", f"Greetings {RTL}.",
                                             f"Menu {COMBINING} {EMOJI}."]


def _expected_paragraphs(text: str) -> List[str]:
    lines = [ln for ln in text.split("\n\n") if ln.strip()][1:]  # the header line is not body
    return [" ".join(ln.replace("\x07", "").replace("\x1b", "").replace("\x01", "")
                     .split(" ")).strip() for ln in lines]


def test_regression_control_characters_do_not_break_docx_output(tmp_path: Path) -> None:
    """Control characters from a text or PDF input made the DOCX renderers fail with a
    lxml ValueError (a traceback).  They are now removed, with a warning, and everything
    else (right-to-left text, combining marks, emoji, no-break spaces) is kept exactly."""
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(_special_text(False, "shall apply"), encoding="utf-8")
    new.write_text(_special_text(True, "shall not apply"), encoding="utf-8")
    out = tmp_path / "tracked.docx"
    res = CliRunner().invoke(cli, ["compare", str(old), str(new), "-o", str(out)])
    assert res.exit_code == 1, (res.output, res.exception)
    assert "removed 3 control character(s)" in res.stderr and str(new) in res.stderr
    data = out.read_bytes()
    accept = [t for t in paragraphs(data, "accept") if t]
    reject = [t for t in paragraphs(data, "reject") if t]
    assert accept == _expected_paragraphs(new.read_text(encoding="utf-8"))
    assert reject == _expected_paragraphs(old.read_text(encoding="utf-8"))
    # and the DOCX reads back as it was written
    assert read(str(out)).rounds[-1].articles[0].clauses[2].text == f"Menu {COMBINING} {EMOJI}."


@pytest.mark.parametrize("args", [["compare", "--style", "colour", "-o", "out.docx"],
                                  ["history", "-o", "out.docx"]])
def test_colour_docx_with_control_characters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             args: List[str]) -> None:
    monkeypatch.chdir(tmp_path)
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(_special_text(False, "shall apply").replace("Union Counter",
                                                                "District Initial"))
    new.write_text(_special_text(True, "shall not apply"), encoding="utf-8")
    res = CliRunner().invoke(cli, [args[0], str(old), str(new), *args[1:]])
    assert res.exit_code in (0, 1), (res.output, res.exception)
    assert "control character(s)" in res.stderr
    doc = read(str(tmp_path / "out.docx"))
    latest = [c.text for c in doc.rounds[-1].articles[0].clauses]
    assert latest == [f"Notice {NBSP} shall not apply. bell escape start",
                      f"Greetings {RTL}.", f"Menu {COMBINING} {EMOJI}."]


def test_docx_inputs_with_special_characters_round_trip(tmp_path: Path) -> None:
    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    for path, word in ((old, "applies"), (new, "no longer applies")):
        build_docx(p("ARTICLE 4 - TRANSFER") + p(f"4.1 Notice {NBSP} {word}.") +
                   p(f"4.2 Greetings {RTL}.") + p(f"4.3 Menu {COMBINING} {EMOJI}."), path=path)
    out = tmp_path / "tracked.docx"
    res = CliRunner().invoke(cli, ["compare", str(old), str(new), "-o", str(out)])
    assert res.exit_code == 1
    assert paragraphs(out.read_bytes(), "accept") == paragraphs(new.read_bytes(), "accept")
    assert paragraphs(out.read_bytes(), "reject") == paragraphs(old.read_bytes(), "accept")


def test_html_and_json_keep_special_characters(tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(_special_text(False, "shall apply <b>now</b> & then"), encoding="utf-8")
    new.write_text(_special_text(True, "shall not apply <b>now</b> & then"), encoding="utf-8")
    html_out, json_out = tmp_path / "c.html", tmp_path / "c.json"
    for out in (html_out, json_out):
        res = CliRunner().invoke(cli, ["compare", str(old), str(new), "-o", str(out)])
        assert res.exit_code == 1, res.output
    html = html_out.read_text(encoding="utf-8")
    for text in SPECIAL:
        assert text in html
    assert "&lt;b&gt;now&lt;/b&gt; &amp; then" in html and "<b>now" not in html
    data = json.loads(json_out.read_text(encoding="utf-8"))
    inserted = "".join(t for c in data["changes"] for op, t in c["ops"] if op != "delete")
    for text in SPECIAL + [CONTROL]:
        assert text in inserted


# --- a colour no key entry explains --------------------------------------------------------

KEY_HEADER = (p("District Counter Proposal 05/09/2024") +
              p(r("Blue - Union Counter 03/07/2024", color="0000FF")) +
              p(r("Red - District Counter 05/09/2024", color="FF0000")))


def unknown_colour_redline(path: Path) -> None:
    build_docx(p("ARTICLE 4 - TRANSFER") +
               p("4.1 Notice shall be given within ", r("ten (10)", strike=True, color="FF0000"),
                 r(" fifteen (15)", u=True, color="FF0000"), " days.") +
               p("4.2 The Union ", r("may", u=True, color="00FF00"), " ask."),
               header=KEY_HEADER, path=path)


def test_unknown_colour_warns_once_on_stderr_not_in_the_output(tmp_path: Path) -> None:
    src = tmp_path / "redline.docx"
    unknown_colour_redline(src)
    out = tmp_path / "out.json"
    res = CliRunner().invoke(cli, ["parse", str(src), "-o", str(out)])
    assert res.exit_code == 0 and res.stdout == ""
    warnings = [ln for ln in res.stderr.splitlines() if ln.strip()
                and not ln.startswith("wrote ")]
    assert len(warnings) == 1, res.stderr
    line = warnings[0]
    assert line.startswith("redline: warning: ") and str(src) in line and "00FF00" in line
    assert "'may'" in line and "paragraph 3" in line and "4.2 The Union" in line
    assert "read as the latest round (District 2024-05-09)" in line
    data = json.loads(out.read_text())  # the file is JSON, with the warning as data
    assert any("00FF00" in w for w in data["warnings"])
    res = CliRunner().invoke(cli, ["--quiet", "parse", str(src), "-o", str(out)])
    assert res.exit_code == 0 and res.stderr == ""
    res = CliRunner().invoke(cli, ["-v", "parse", str(src), "-o", str(out)])
    assert "00FF00" in res.stderr


def test_regression_text_output_has_no_warning_lines(tmp_path: Path) -> None:
    """``parse --format text`` used to append the warnings to the output; they belong on
    stderr only."""
    src = tmp_path / "redline.docx"
    unknown_colour_redline(src)
    out = tmp_path / "out.txt"
    res = CliRunner().invoke(cli, ["parse", str(src), "-f", "text", "-o", str(out)])
    assert res.exit_code == 0
    assert "00FF00" in res.stderr
    assert "00FF00" not in out.read_text() and "warning" not in out.read_text().lower()


def test_unknown_colour_warning_in_a_real_process(tmp_path: Path) -> None:
    src = tmp_path / "redline.docx"
    unknown_colour_redline(src)
    out = tmp_path / "out.json"
    proc = subprocess.run([sys.executable, "-m", "redline", "parse", str(src), "-o", str(out)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout == ""
    said = [ln for ln in proc.stderr.strip().splitlines() if not ln.startswith("wrote ")]
    assert len(said) == 1 and "00FF00" in proc.stderr
    json.loads(out.read_text())


def test_unknown_colour_in_a_pdf_redline(tmp_path: Path) -> None:
    page = Page()
    page.text(72, 752, "District Counter Proposal 05/09/2024")
    page.text(72, 738, "Red - District Counter 05/09/2024", rgb=RED)
    page.text(72, 690, "ARTICLE 4 - TRANSFER", bold=True)
    page.words(72, 660, [("4.1 Notice within ", {}), ("ten ", {"rgb": RED, "strike": "line"}),
                         ("five ", {"rgb": (0, 0.6, 0.3), "underline": "line"}), ("days.", {})])
    src = tmp_path / "redline.pdf"
    src.write_bytes(make_pdf([page.stream()]))
    doc = read(str(src))
    assert len(doc.warnings) == 1, doc.warnings
    assert "colour 00994D (on 'five', in paragraph 2 '4.1 Notice" in doc.warnings[0]


# --- mismatched inputs ---------------------------------------------------------------------

OTHER_ARTICLE = ("ARTICLE 9 - HOURS\n\n9.1 The workday is eight hours.\n\n"
                 "9.2 Lunch breaks last thirty minutes.\n\n9.3 Overtime is paid at time "
                 "and one half.\n\n9.4 Schedules are posted weekly.\n")


def test_mismatched_inputs_round_trip_with_a_warning(tmp_path: Path) -> None:
    old, new = tmp_path / "transfer.txt", tmp_path / "hours.txt"
    old.write_text(OLD_TEXT)
    new.write_text(OTHER_ARTICLE)
    out = tmp_path / "tracked.docx"
    # dated, so that the one warning is the mismatch (an undated version is said too)
    res = CliRunner().invoke(cli, ["compare", str(old), str(new), "-o", str(out),
                                   "--date", "2024-05-09"])
    assert res.exit_code == 1
    assert "share few clauses" in res.stderr and "same article" in res.stderr
    assert len([ln for ln in res.stderr.splitlines() if ln.strip()
                and not ln.startswith("wrote ")]) == 1
    data = out.read_bytes()
    assert body_text(data, "accept") == " ".join(OTHER_ARTICLE.split())
    assert body_text(data, "reject") == " ".join(OLD_TEXT.split("\n\n", 1)[1].split())
    result = compare(str(old), str(new))
    assert result.warnings and "0 of 4 paired" in result.warnings[0]
    assert result.to_dict()["warnings"] == list(result.warnings)


def test_versions_of_one_article_do_not_warn(tmp_path: Path,
                                             caplog: pytest.LogCaptureFixture) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(OLD_TEXT)
    new.write_text(NEW_TEXT)
    with caplog.at_level(logging.WARNING, logger="redline"):
        result = compare(str(old), str(new))
    assert result.warnings == () and not caplog.records


# --- atomic outputs ------------------------------------------------------------------------

def _versions(tmp_path: Path) -> Tuple[Path, Path, Path]:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(OLD_TEXT)
    new.write_text(NEW_TEXT)
    out = tmp_path / "redline.docx"
    out.write_bytes(b"last week's redline")
    return old, new, out


def test_renderer_failing_midway_leaves_the_old_output(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import redline.render.docx_tracked as tracked

    old, new, out = _versions(tmp_path)
    real = tracked._Writer.blocks

    def half_then_fail(self, *args, **kwargs):  # the renderer dies half way through
        real(self, *args, **kwargs)
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(tracked._Writer, "blocks", half_then_fail)
    res = CliRunner().invoke(cli, ["compare", str(old), str(new), "-o", str(out)])
    assert isinstance(res.exception, RuntimeError)
    assert out.read_bytes() == b"last week's redline"
    assert not list(tmp_path.glob(".redline-*"))


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"),
                                     KeyboardInterrupt()])
def test_write_failing_midway_leaves_the_old_output(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    failure: BaseException) -> None:
    import redline.render.atomic as output

    old, new, out = _versions(tmp_path)
    written: List[str] = []

    def fail(fd: int) -> None:  # the bytes are in the temporary file, not yet in place
        written.extend(str(f) for f in tmp_path.glob(".redline-*.tmp"))
        raise failure

    monkeypatch.setattr(output.os, "fsync", fail)
    res = CliRunner().invoke(cli, ["compare", str(old), str(new), "-o", str(out)])
    assert written, "the temporary file was never written"
    if isinstance(failure, OSError):
        assert res.exit_code == 2
        assert_one_line_error(res.stderr, out, "cannot be written (No space left on device)")
    else:
        assert res.exit_code != 0
    assert out.read_bytes() == b"last week's redline"
    assert not list(tmp_path.glob(".redline-*"))


@pytest.mark.parametrize("command", ["parse", "compare", "history"])
def test_every_writer_goes_through_write_atomic(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                command: str) -> None:
    import redline.render.atomic as output

    old, new, out = _versions(tmp_path)
    calls: List[str] = []
    real = output.write_atomic
    monkeypatch.setattr(output, "write_atomic",
                        lambda path, data, inputs=(): (calls.append(path),
                                                       real(path, data, inputs))[1])
    args = {"parse": ["parse", str(new), "-o", str(out), "-f", "json"],
            "compare": ["compare", str(old), str(new), "-o", str(out)],
            "history": ["history", str(old), str(new), "-o", str(out)]}[command]
    res = CliRunner().invoke(cli, args)
    assert res.exit_code in (0, 1), res.output
    assert calls == [str(out)]
    assert out.read_bytes() != b"last week's redline"


def test_regression_atomic_output_keeps_file_mode(tmp_path: Path) -> None:
    """The temporary file is private (0600) and used to keep that mode once renamed."""
    old, new, out = _versions(tmp_path)
    os.chmod(out, 0o640)
    res = CliRunner().invoke(cli, ["compare", str(old), str(new), "-o", str(out)])
    assert res.exit_code == 1
    assert out.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "fresh.json"
    umask = os.umask(0o022)
    try:
        CliRunner().invoke(cli, ["parse", str(new), "-o", str(fresh)])
    finally:
        os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o644


def _pdf_with_to_unicode(content: bytes, cmap: bytes) -> bytes:
    """One page in Helvetica whose ToUnicode CMap says what its codes mean."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.parametrize("route", ["pdfium", "pdfplumber"])
def test_regression_pdf_emoji_are_characters_not_surrogates(tmp_path: Path, route: str) -> None:
    """pdfium reports UTF-16 code units, so an emoji in a PDF came out as two lone
    surrogates: the routes disagreed and ``parse -o out.json`` died with a
    UnicodeEncodeError traceback."""
    from redline.readers.pdf import read_pdf

    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CMapName /Smile def /CMapType 2 def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"2 beginbfchar <7E> <D83DDE42> <7C> <D800> endbfchar\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end")
    src = tmp_path / "emoji.pdf"
    src.write_bytes(_pdf_with_to_unicode(
        b"BT /F1 12 Tf 72 700 Td (ARTICLE 4 - TRANSFER) Tj ET "
        b"BT /F1 12 Tf 72 680 Td (4.1 We meet ~ monthly |.) Tj ET", cmap))
    raw = read_pdf(str(src), route=route)
    text = " ".join(b.text for b in raw.blocks)
    # the pair is one character; a lone surrogate is dropped (pdfminer's way, on both routes)
    assert "4.1 We meet \U0001f642 monthly ." in text, ascii(text)
    out = tmp_path / "out.json"
    res = CliRunner().invoke(cli, ["parse", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.exception
    assert "\U0001f642" in out.read_text(encoding="utf-8")
