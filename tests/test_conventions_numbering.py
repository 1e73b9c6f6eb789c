"""Word's automatic numbering as Word shows it (issue 12): separate lists, a list restarted by
w:lvlOverride/w:startOverride, w:lvlRestart, legal numbering ((a), (b) where Word restarts,
not (d), (e))."""
from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from conventions_fixtures import write_fixture
from docx_builder import build_docx, p
from redline.api import read
from redline.conventions.numbering import ListCounters, ListLevel, format_number

DOTTED = {0: ListLevel("decimal", "%1."), 1: ListLevel("decimal", "%1.%2"),
          2: ListLevel("lowerLetter", "(%3)")}


def _labels(levels: Dict[int, ListLevel], steps: List[Tuple[str, int]]) -> List[str]:
    counters = ListCounters()
    return [counters.label(key, levels, ilvl) for key, ilvl in steps]


@pytest.mark.parametrize("value,fmt,want", [
    (1, "decimal", "1"), (4, "lowerLetter", "d"), (27, "lowerLetter", "aa"),
    (3, "upperLetter", "C"), (4, "lowerRoman", "iv"), (9, "upperRoman", "IX"),
    (7, "decimalZero", "07"), (2, "bullet", ""), (2, "none", ""),
])
def test_format_number(value: int, fmt: str, want: str) -> None:
    assert format_number(value, fmt) == want


def test_a_deeper_level_restarts_after_a_higher_one() -> None:
    assert _labels(DOTTED, [("a", 0), ("a", 2), ("a", 2), ("a", 0), ("a", 2)]) == [
        "1.", "(a)", "(b)", "2.", "(a)"]


def test_lvl_restart_zero_never_restarts() -> None:
    levels = dict(DOTTED)
    levels[2] = ListLevel("lowerLetter", "(%3)", restart=0)
    assert _labels(levels, [("a", 0), ("a", 2), ("a", 2), ("a", 0), ("a", 2)]) == [
        "1.", "(a)", "(b)", "2.", "(c)"]


def test_lvl_restart_after_a_given_level_only() -> None:
    """w:lvlRestart 2: level 3 restarts after level 2 (1-based) or higher, here after 1.1 and
    1.2 but also after 2. (a higher level)."""
    levels = dict(DOTTED)
    levels[2] = ListLevel("lowerLetter", "(%3)", restart=1)  # only after level 1
    assert _labels(levels, [("a", 0), ("a", 1), ("a", 2), ("a", 1), ("a", 2), ("a", 0),
                            ("a", 2)]) == ["1.", "1.1", "(a)", "1.2", "(b)", "2.", "(a)"]


def test_separate_keys_count_apart() -> None:
    items = {0: ListLevel("lowerLetter", "(%1)")}
    assert _labels(items, [("a", 0), ("a", 0), ("b", 0), ("a", 0)]) == [
        "(a)", "(b)", "(a)", "(c)"]


def test_legal_numbering_shows_every_level_in_decimal() -> None:
    levels = {0: ListLevel("upperRoman", "%1."), 1: ListLevel("decimal", "%1.%2", legal=True)}
    assert _labels(levels, [("a", 0), ("a", 1), ("a", 0), ("a", 1)]) == [
        "I.", "1.1", "II.", "2.1"]


def test_start_values() -> None:
    assert _labels({0: ListLevel("decimal", "X.%1", start=4)}, [("a", 0), ("a", 0)]) == [
        "X.4", "X.5"]


def test_numbering_fixture_reads_as_word_shows_it(tmp_path: Path) -> None:
    doc = read(str(write_fixture("numbering-restart", tmp_path)))
    assert [c.full_text for a in doc.articles for c in a.clauses] == [
        "X.1 Members shall earn sick leave.", "(a) one day a month;", "(b) two days in summer.",
        "X.2 Notice shall be given.", "(a) by phone;", "Leave may be used for:",
        "(a) illness;", "(b) injury.", "Leave may not be used for:", "(a) vacation;",
        "(b) strikes."]
    assert doc.conventions.numbering == "word"


def _numbered(tmp_path: Path, numbering: str, paras: List[Tuple[str, int, int]]) -> List[str]:
    body = p("ARTICLE 3 - LEAVE") + "".join(p(text, num=(num, lvl)) for text, num, lvl in paras)
    path = tmp_path / "numbered.docx"
    build_docx(body, numbering=numbering, path=path)
    return [c.number for a in read(str(path)).articles for c in a.clauses]


def test_two_nums_of_one_abstract_list_continue(tmp_path: Path) -> None:
    """Word continues a list across w:num elements of one abstract list with no override."""
    numbering = ('<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%1)"/></w:lvl>'
                 '</w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>')
    assert _numbered(tmp_path, numbering, [("one", 1, 0), ("two", 1, 0), ("three", 2, 0)]) == [
        "(a)", "(b)", "(c)"]


def test_start_override_restarts_at_its_value(tmp_path: Path) -> None:
    numbering = ('<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="decimal"/><w:lvlText w:val="X.%1"/></w:lvl>'
                 '</w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
                 '<w:startOverride w:val="5"/></w:lvlOverride></w:num>')
    assert _numbered(tmp_path, numbering, [("One.", 1, 0), ("Two.", 1, 0), ("Five.", 2, 0),
                                           ("Six.", 2, 0)]) == ["X.1", "X.2", "X.5", "X.6"]


def test_lvl_restart_in_a_document(tmp_path: Path) -> None:
    numbering = ('<w:abstractNum w:abstractNumId="1">'
                 '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                 '<w:lvlText w:val="X.%1"/></w:lvl>'
                 '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/>'
                 '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    assert _numbered(tmp_path, numbering, [("One.", 1, 0), ("a.", 1, 1), ("Two.", 1, 0),
                                           ("b.", 1, 1)]) == ["X.1", "(a)", "X.2", "(b)"]


def test_a_level_redefined_in_its_override(tmp_path: Path) -> None:
    """w:lvlOverride holding a whole w:lvl: that list draws the level its own way."""
    numbering = ('<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
                 '</w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
                 '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/>'
                 '<w:lvlText w:val="%1."/></w:lvl></w:lvlOverride></w:num>')
    assert _numbered(tmp_path, numbering, [("One.", 1, 0), ("Two.", 1, 0), ("Alpha.", 2, 0),
                                           ("Beta.", 2, 0)]) == ["1.", "2.", "A.", "B."]


def test_a_list_drawn_by_a_numbering_style(tmp_path: Path) -> None:
    """w:numStyleLink: the abstract list takes its levels from the one whose w:styleLink
    defines the numbering style."""
    numbering = ('<w:abstractNum w:abstractNumId="1"><w:styleLink w:val="ContractList"/>'
                 '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
                 '<w:lvlText w:val="(%1)"/></w:lvl></w:abstractNum>'
                 '<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="ContractList"/>'
                 '</w:abstractNum>'
                 '<w:num w:numId="5"><w:abstractNumId w:val="2"/></w:num>')
    assert _numbered(tmp_path, numbering, [("one;", 5, 0), ("two.", 5, 0)]) == ["(a)", "(b)"]
