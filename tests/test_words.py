"""The word diff: tokens, natural edits, round trips (property-based)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redline.align.words import (DELETE, EQUAL, INSERT, WordDiffOptions, apply_ops,
                                 diff_words, tokenize)


@pytest.mark.parametrize("text", [
    "within fifteen (15) working days.",
    "X.1.2 The employee's pay is $1,000.50 (5%) — see Article ?",
    "  leading and trailing  ",
    "ünïcödé, emoji 🙂 and\u00a0nbsp",
    "",
])
def test_tokens_concatenate_back_to_the_text(text):
    assert "".join(tokenize(text)) == text


def test_number_phrase_changes_as_a_unit():
    ops = diff_words("must occur within fifteen (15) working days.",
                     "must occur within ten (10) working days.")
    # the edit carries its trailing space, so struck and inserted words never touch
    assert ops == [(EQUAL, "must occur within "), (DELETE, "fifteen (15) "),
                   (INSERT, "ten (10) "), (EQUAL, "working days.")]


def test_edits_fall_on_whole_words():
    ops = diff_words("The supervisor shall review.", "The supervisors shall review.")
    assert (DELETE, "supervisor ") in ops and (INSERT, "supervisors ") in ops


def test_replaced_phrase_reads_as_one_deletion_then_one_insertion():
    ops = diff_words("after the conclusion of the informal conference.",
                     "from when the member knew of the occurrence.")
    kinds = [o for o, _ in ops if o != EQUAL]
    assert kinds.count(DELETE) <= 2 and kinds.index(DELETE) < kinds.index(INSERT)


def test_ignore_case_option():
    assert all(o == EQUAL for o, _ in diff_words("The District", "the district",
                                                  WordDiffOptions(ignore_case=True)))


def test_ignore_punctuation_style_option():
    ops = diff_words('the "working day" – defined', "the \u201cworking day\u201d - defined",
                     WordDiffOptions(ignore_punctuation_style=True))
    assert all(o == EQUAL for o, _ in ops)


def test_a_large_input_still_gets_a_real_diff():
    old = " ".join(f"word{i}" for i in range(20000))
    new = old.replace("word10000 ", "changed ")
    ops = diff_words(old, new)
    assert apply_ops(ops, "new") == new and apply_ops(ops, "old") == old
    assert sum(len(t.split()) for o, t in ops if o != EQUAL) <= 3


words = st.sampled_from(["the", "District", "shall", "ten (10)", "days", ",", ".", "Union",
                         "X.1.2", "(a)", "employee", "not", "and"])
texts = st.lists(words, max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_round_trip_and_size(old, new):
    ops = diff_words(old, new)
    assert apply_ops(ops, "new") == new
    assert apply_ops(ops, "old") == old
    changed = sum(len(t) for o, t in ops if o != EQUAL)
    assert changed <= len(old) + len(new)


@pytest.mark.parametrize("old, new, ops", [
    # a plain deletion or insertion beside punctuation strikes or inserts only its words
    ("This is a test.", "This.", [(EQUAL, "This"), (DELETE, " is a test"), (EQUAL, ".")]),
    ("days of paid service.", "days of paid service at the site.",
     [(EQUAL, "days of paid service"), (INSERT, " at the site"), (EQUAL, ".")]),
    ("the content of evaluations shall not", "the content of evaluations, discipline shall not",
     [(EQUAL, "the content of evaluations"), (INSERT, ", discipline"),
      (EQUAL, " shall not")]),
    # punctuation replaced where it is glued to a word takes the word, never half of it
    ("within one day.", "within one day;", [(EQUAL, "within one "), (DELETE, "day."),
                                            (INSERT, "day;")]),
])
def test_edits_beside_punctuation(old, new, ops):
    """Regression (found comparing against the C# WmlComparer's reference redlines): a
    deletion before a period used to take the words on both sides with it ("~~This is a
    test.~~ This."), the whole sentence struck for three words."""
    assert diff_words(old, new) == ops


# Long texts take the anchored path (unique shared words cut the diff into pieces first).
long_texts = st.lists(st.one_of(words, st.integers(0, 400).map(lambda n: f"w{n}")),
                      min_size=150, max_size=400).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(long_texts, st.data())
def test_long_texts_round_trip_through_the_anchored_diff(old, data):
    tokens = old.split(" ")
    edits = data.draw(st.lists(st.tuples(st.integers(0, len(tokens) - 1),
                                         st.sampled_from(["drop", "swap", "add"])),
                               max_size=25))
    for at, how in sorted(dict(edits).items(), reverse=True):  # one edit per position
        if how == "drop":
            del tokens[at]
        elif how == "swap":
            tokens[at] = "replaced"
        else:
            tokens.insert(at, "inserted")
    new = " ".join(tokens)
    ops = diff_words(old, new)
    assert apply_ops(ops, "new") == new
    assert apply_ops(ops, "old") == old


def test_anchored_diff_marks_only_what_changed_in_a_long_clause():
    old = " ".join(f"term{i} of the agreement" for i in range(300))
    new = old.replace("term100 of", "term100 under").replace("term250 ", "")
    ops = diff_words(old, new)
    assert [t.strip() for o, t in ops if o == DELETE] == ["of", "term250"]
    assert [t.strip() for o, t in ops if o == INSERT] == ["under"]
