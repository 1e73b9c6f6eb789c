"""Issue 18, reliability and security round two: what a hostile or careless user finds.

Each test names the case of docs/security.md it covers.  Most run real ``python -m redline``
processes (as the probe did); the rest go through click's ``CliRunner`` or the library.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Callable, Dict, List

import pytest
from click.testing import CliRunner

from docx_builder import build_docx, comment, footnote, footnote_ref, p

from redline.cli import cli

MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
MATH = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
VML = 'xmlns:v="urn:schemas-microsoft-com:vml"'
MADE_UP = 'xmlns:x="urn:example:made-up"'
HEAD = p("ARTICLE 1 - PAY")
CLAUSE = "1.1 Staff are paid monthly."
#: ``(date, author)`` of the marked change in a hand-made redline.
MARK = 'w:author="Union" w:date="2024-05-01T00:00:00Z"'


def redline(*args: str, cwd=None, stdin=None, timeout: float = 60) -> subprocess.CompletedProcess:
    """``python -m redline ARGS`` as a real process."""
    return subprocess.run([sys.executable, "-m", "redline", *args], capture_output=True,
                          text=True, cwd=cwd, stdin=stdin, timeout=timeout)


def one_line_error(res) -> str:
    """The stderr of a refused command: one ``redline: error:`` (or ``Error:``) line, no
    traceback."""
    err = res.stderr.strip()
    assert "Traceback" not in err, err
    assert len(err.splitlines()) == 1, err
    assert err.startswith(("redline: error:", "Error:")), err
    return err


# --- 1. what Word renders is what we read ---------------------------------------------------

def _choice(requires: str, decl: str, inner: str, fallback: str = "") -> str:
    return (f'<mc:AlternateContent {MC} {decl}><mc:Choice Requires="{requires}">{inner}'
            f"</mc:Choice><mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>")


def _run(word: str) -> str:
    return f'<w:r><w:t xml:space="preserve"> {word}</w:t></w:r>'


def _box(word: str) -> str:
    return (f"<w:txbxContent>{p('Box says ' + word)}</w:txbxContent>")


#: Where Word shows a word: each builds the keyword arguments of ``build_docx`` around it.
WORD_SHOWS: Dict[str, Callable[[str], dict]] = {
    "alternate-content-in-paragraph": lambda wd: dict(
        body=HEAD + p(CLAUSE, _choice("wps", WPS, _run(wd)))),
    "alternate-content-around-paragraphs": lambda wd: dict(
        body=HEAD + p(CLAUSE) + _choice("w14", W14, p("1.2 Extra " + wd))),
    "alternate-content-choice-word-cannot-read-so-fallback": lambda wd: dict(
        body=HEAD + p(CLAUSE, _choice("x", MADE_UP, _run("same"), _run(wd)))),
    "alternate-content-nested": lambda wd: dict(
        body=HEAD + p(CLAUSE, _choice("wps", WPS, _choice("w14", W14, _run(wd))))),
    "alternate-content-text-box": lambda wd: dict(
        body=HEAD + p(CLAUSE, "<w:r>" + _choice(
            "wps", WPS, f"<w:drawing>{_box(wd)}</w:drawing>",
            f'<w:pict><v:shape {VML}><v:textbox>{_box("same")}</v:textbox></v:shape>'
            "</w:pict>") + "</w:r>")),
    "process-content-wrapper": lambda wd: dict(
        body=HEAD + p(CLAUSE, f'<x:wrap {MADE_UP} {MC} mc:Ignorable="x" '
                              f'mc:ProcessContent="x:wrap">{_run(wd)}</x:wrap>')),
    "equation": lambda wd: dict(
        body=HEAD + p(CLAUSE, f"<m:oMath {MATH}><m:r><m:t>{wd}</m:t></m:r></m:oMath>")),
    "ruby-guide-text": lambda wd: dict(
        body=HEAD + p(CLAUSE, "<w:r><w:ruby><w:rubyPr/><w:rt>" + _run(wd) + "</w:rt>"
                      "<w:rubyBase>" + _run("base") + "</w:rubyBase></w:ruby></w:r>")),
    "content-control-around-a-row": lambda wd: dict(
        body=HEAD + p(CLAUSE) + "<w:tbl><w:tblPr/><w:tr><w:tc>" + p("a") + "</w:tc></w:tr>"
        "<w:sdt><w:sdtContent><w:tr><w:tc>" + p("row " + wd) + "</w:tc></w:tr>"
        "</w:sdtContent></w:sdt></w:tbl>"),
    "content-control-around-a-cell": lambda wd: dict(
        body=HEAD + p(CLAUSE) + "<w:tbl><w:tblPr/><w:tr><w:tc>" + p("a") + "</w:tc>"
        "<w:sdt><w:sdtContent><w:tc>" + p("cell " + wd) + "</w:tc></w:sdtContent></w:sdt>"
        "</w:tr></w:tbl>"),
    "custom-xml-around-a-cell": lambda wd: dict(
        body=HEAD + p(CLAUSE) + "<w:tbl><w:tblPr/><w:tr><w:tc>" + p("a") + "</w:tc>"
        '<w:customXml w:element="x"><w:tc>' + p("cell " + wd) + "</w:tc></w:customXml>"
        "</w:tr></w:tbl>"),
    "footnote": lambda wd: dict(
        body=HEAD + p(CLAUSE, footnote_ref(1)), footnotes=footnote(1, "Note " + wd)),
}


def _pair(tmp_path: Path, name: str) -> List[str]:
    paths = []
    for side, word in (("ours", "alpha"), ("theirs", "omega")):
        path = tmp_path / f"{name}-{side}.docx"
        build_docx(path=path, **WORD_SHOWS[name](word))
        paths.append(str(path))
    return paths


@pytest.mark.parametrize("name", sorted(WORD_SHOWS))
def test_issue18_a_word_only_word_shows_is_a_difference(tmp_path, name):
    ours, theirs = _pair(tmp_path, name)
    res = CliRunner().invoke(cli, ["compare", ours, theirs])
    assert res.exit_code == 1, res.output
    assert "omega" in res.output and "alpha" in res.output


@pytest.mark.parametrize("name", ["alternate-content-in-paragraph", "equation",
                                  "content-control-around-a-row"])
def test_issue18_a_word_only_word_shows_is_a_difference_in_a_real_process(tmp_path, name):
    ours, theirs = _pair(tmp_path, name)
    res = redline("compare", ours, theirs)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "omega" in res.stdout


def test_issue18_a_choice_word_does_not_take_is_not_read(tmp_path):
    """The other half: words in a branch Word skips are not a difference Word shows."""
    paths = []
    for word in ("alpha", "omega"):
        path = tmp_path / f"{word}.docx"
        build_docx(path=path, body=HEAD + p(CLAUSE, _choice("x", MADE_UP, _run(word),
                                                               _run("same"))))
        paths.append(str(path))
    res = CliRunner().invoke(cli, ["compare", *paths])
    assert res.exit_code == 0, res.output


def _their_redline(path: Path, name: str) -> None:
    """Their redline: one change marked, and the word Word shows changed without a mark."""
    kwargs = WORD_SHOWS[name]("omega")
    kwargs["body"] = kwargs["body"] + p(
        "1.9 ", f"<w:ins {MARK} w:id=\"7\"><w:r><w:t>Marked words.</w:t></w:r></w:ins>")
    build_docx(path=path, **kwargs)


#: verify compares clauses: footnotes are read as their latest text, so a marked change in
#: a note cannot be told from an unmarked one (a known gap, docs/security.md)
IN_CLAUSES = sorted(set(WORD_SHOWS) - {"footnote"})


@pytest.mark.parametrize("name", IN_CLAUSES)
def test_issue18_verify_catches_a_word_only_word_shows(tmp_path, name):
    ours = tmp_path / "ours.docx"
    kwargs = WORD_SHOWS[name]("alpha")
    kwargs["body"] = kwargs["body"] + p("1.9 ")
    build_docx(path=ours, **kwargs)
    theirs = tmp_path / "theirs.docx"
    _their_redline(theirs, name)
    res = CliRunner().invoke(cli, ["verify", str(theirs), "--against", str(ours)])
    assert res.exit_code == 1, res.output
    assert "unmarked" in res.output and "omega" in res.output


def test_issue18_verify_in_a_real_process(tmp_path):
    name = "alternate-content-in-paragraph"
    ours = tmp_path / "ours.docx"
    kwargs = WORD_SHOWS[name]("alpha")
    kwargs["body"] = kwargs["body"] + p("1.9 ")
    build_docx(path=ours, **kwargs)
    theirs = tmp_path / "theirs.docx"
    _their_redline(theirs, name)
    res = redline("verify", str(theirs), "--against", str(ours))
    assert res.returncode == 1, res.stdout + res.stderr
    assert "omega" in res.stdout


@pytest.mark.parametrize("name", sorted(WORD_SHOWS))
def test_issue18_tracked_output_marks_a_word_only_word_shows(tmp_path, name):
    """Our own tracked redline carries the word marked: it passes verify against the old
    version, and reads with "omega" inserted and "alpha" deleted."""
    from redline.api import read
    from redline.model import DEL, INS

    ours, theirs = _pair(tmp_path, name)
    out = tmp_path / "out.docx"
    res = CliRunner().invoke(cli, ["compare", ours, theirs, "-o", str(out)])
    assert res.exit_code == 1, res.output
    if name != "footnote":  # (marks in notes do not make a redline: see IN_CLAUSES)
        res = CliRunner().invoke(cli, ["verify", str(out), "--against", ours])
        assert res.exit_code == 0, res.output
    doc = read(str(out))
    spans = [s for c in doc.clauses for para in c.paragraphs for s in para] + [
        s for c in doc.clauses for row in c.table_spans or () for cell in row for s in cell]
    kinds = {s.kind for s in spans if "omega" in s.text} | {
        s.kind for s in spans if "alpha" in s.text}
    notes = " ".join(n.text for n in doc.footnotes)
    if name == "footnote":
        assert "omega" in notes and "alpha" not in notes
    else:
        assert INS in kinds and DEL in kinds, spans
        assert all(s.kind == INS for s in spans if "omega" in s.text)
        assert all(s.kind == DEL for s in spans if "alpha" in s.text)
