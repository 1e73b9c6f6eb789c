"""The container index finds exactly what a scan of every clause would find."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from redline.align.fingerprint import ContainerIndex, Fingerprint, contained

WORDS = ["the", "employee", "shall", "receive", "notice", "days", "ten", "(10)", "leave",
         "district", "union", "X.1", "$2.00", "sick", "a", "of", "pay", "year"]

texts = st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join)


def naive_first(part: Fingerprint, prints, members, threshold, accept):
    for i in sorted(members):
        if contained(part, prints[i]) >= threshold and accept(i):
            return i
    return None


@settings(max_examples=300, deadline=None)
@given(wholes=st.lists(texts, max_size=15), part=texts,
       threshold=st.sampled_from([0.5, 0.8, 0.9, 1.0]), data=st.data())
def test_index_agrees_with_a_full_scan(wholes, part, threshold, data):
    prints = [Fingerprint.of(t) for t in wholes]
    members = data.draw(st.sets(st.integers(0, max(len(wholes) - 1, 0)))) if wholes else set()
    rejected = data.draw(st.sets(st.integers(0, 15)))
    accept = lambda i: i not in rejected  # noqa: E731
    fp = Fingerprint.of(part)
    index = ContainerIndex(prints, members)
    assert index.first_container(fp, threshold, accept) == \
        naive_first(fp, prints, members, threshold, accept)


def test_four_of_five_words_is_eighty_percent():
    # the float edge: 4/5 >= 0.8 must count, though 5 * (1 - 0.8) < 1 in floating point
    prints = [Fingerprint.of("alpha beta gamma delta")]
    part = Fingerprint.of("alpha beta gamma delta epsilon")
    assert ContainerIndex(prints, [0]).first_container(part, 0.8) == 0


def test_words_are_letters_and_digits_lower_cased():
    part = Fingerprint.of("X.3.1 Ten (10) working-days")
    assert part.words == ("x", "3", "1", "ten", "10", "working", "days")
    assert contained(part, Fingerprint.of("x 3 1 ten 10 working days")) == 1.0
    assert contained(Fingerprint.of("(a)"), Fingerprint.of("")) == 0.0
