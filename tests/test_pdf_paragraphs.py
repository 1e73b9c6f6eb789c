"""Paragraphs from the page layout whatever fonts printed it (issue 13's font regression).

With Carlito and Caladea installed, LibreOffice printed our history PDF with wider glyphs:
a line ran to the right margin just before a struck clause ("X.1.2 Training will be
provided."), and every paragraph of the short article was one line, so the measured line
pitch was the paragraph spacing.  The struck clause merged into the clause above, and
verify would have reported an unmarked change that was never made.  And pdfium reports the
hyphen ending a line ("one-" / "half") as a control code, which lost the hyphen.
"""
from __future__ import annotations

from typing import List

import pytest

from redline.readers.pdf_layout import (Line, Metrics, Word, _continues, _keeps_hyphen,
                                        glyph_text, paragraph_from_lines)

SIZE = 11.0
PLAIN = (None, False, False, False, False, None)  # colour, b, i, underline, strike, highlight
METRICS = Metrics(left=90.0, right=522.0, pitch=2.23, centre=306.0,
                  vocabulary=frozenset({"one", "half", "one-half", "agree", "meet"}))


def line(y: float, *words: str, x0: float = 90.0, right: float = 0.0) -> Line:
    out: List[Word] = []
    x = x0
    width = (right - x0) / max(len(" ".join(words)), 1) if right else 5.5
    for text in words:
        out.append(Word(x, x + width * len(text), [[text, PLAIN]]))
        x += width * (len(text) + 1)
    return Line(1, y, SIZE, out)


def test_a_clause_number_after_a_full_line_starts_a_new_paragraph():
    full = line(184.6, "X.1.1", "Employees", "may", "request", "a", "transfer", "within",
                "ten", "(10)", "working", "days.", right=520.0)
    nxt = line(209.1, "X.1.2", "Training", "will", "be", "provided.")
    assert not _continues(full, nxt, METRICS)


def test_a_wrapped_sentence_still_continues():
    full = line(184.6, "Employees", "may", "request", "a", "transfer", "as", "set", "out",
                "in", "Section", right=520.0)
    nxt = line(209.1, "9.2.2", "of", "this", "Article.")
    assert _continues(full, nxt, METRICS)  # the line above ends mid-sentence
    item = line(209.1, "(a)", "personal", "illness;")
    after_colon = line(184.6, "A", "member", "may", "use", "sick", "leave", "for:",
                       right=520.0)
    assert not _continues(after_colon, item, METRICS)


def test_pdfium_line_end_hyphen_codes_are_hyphens():
    assert glyph_text("\x02") == "-" and glyph_text("\ufffe") == "-"
    assert glyph_text("\x03") == ""


def test_a_compound_broken_at_its_hyphen_keeps_it_and_a_fitted_word_loses_it():
    assert _keeps_hyphen("one", "half", METRICS.vocabulary)  # seen unbroken
    assert not _keeps_hyphen("regu", "larly", METRICS.vocabulary)
    assert _keeps_hyphen("one", "sided", METRICS.vocabulary)  # "one" is a word here
    assert not _keeps_hyphen("agree", "ment",
                             METRICS.vocabulary | {"agreement"})  # seen unbroken
    compound = paragraph_from_lines([line(569.1, "rate", "of", "one", "and", "one-",
                                          right=520.0),
                                     line(583.6, "half", "hours.")], METRICS)
    assert compound.text == "rate of one and one-half hours."
    fitted = paragraph_from_lines([line(569.1, "meet", "regu-", right=520.0),
                                   line(583.6, "larly.")], METRICS)
    assert fitted.text == "meet regularly."


def test_a_line_end_hyphen_after_a_prefix_stays():
    """"non-" / "administrative": a prefix the document never prints alone is still one
    written with its hyphen."""
    assert _keeps_hyphen("non", "administrative", METRICS.vocabulary)
    assert _keeps_hyphen("multi", "cultural", METRICS.vocabulary)
    assert not _keeps_hyphen("non", "sense", METRICS.vocabulary | {"nonsense"})


@pytest.mark.parametrize("end,start,joined", [
    ("Superintendent/", "designee", "Superintendent/designee"),
    ("leave\u2014", "paid", "leave\u2014paid"),
    ("pages 10\u2013", "12", "pages 10\u201312"),
    ("and/or", "the", "and/or the"),  # a word ending the line: a space
])
def test_a_line_broken_where_the_text_has_no_space_joins_without_one(end, start, joined):
    """Word processors break a line after a slash or a dash with no space in the text: the
    lines join without one (the corpus' "Superintendent/" over "designee")."""
    words = ["Within", "ten", "days", "of", "the"] + end.split()
    first = line(184.6, *words, right=520.0)
    second = line(209.1, start, "decision.")
    para = paragraph_from_lines([first, second], METRICS)
    assert joined in "".join(s.text for s in para.spans)
