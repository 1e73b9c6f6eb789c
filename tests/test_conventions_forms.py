"""More printed forms from other offices (issue 12): the colour named last ("Union proposal
3/7/24 – blue") or before a word ("Purple text: ..."), the day before the month ("9 May
2024", "9th of May, 2024"), and proposal lines that say response, reply or offer."""
from __future__ import annotations

import pytest

from redline.conventions.dates import parse_date
from redline.conventions.keys import parse_key_entries
from redline.conventions.proposals import parse_proposal_line


@pytest.mark.parametrize("text, colour, party, date", [
    ("Union proposal 3/7/24 – blue", "0000FF", "Union", "2024-03-07"),
    ("Union proposal 3/7/24 - Blue.", "0000FF", "Union", "2024-03-07"),
    ("Union counter 9 May 2024 - green", "00B050", "Union", "2024-05-09"),
    ("Purple text: District Counter 05/09/2024", "7030A0", "District", "2024-05-09"),
    ("Red ink = Union counter 05/23/2024", "FF0000", "Union", "2024-05-23"),
    ("Blue - District counter 03.07.24", "0000FF", "District", "2024-03-07"),
])
def test_key_entry_forms(text, colour, party, date) -> None:
    (e,) = parse_key_entries(text, None)
    assert (e.color, e.party, e.date) == (colour, party, date)


def test_a_dash_before_a_word_that_is_no_colour_names_none() -> None:
    (e,) = parse_key_entries("Union proposal 3/7/24 - revised", "FF0000")
    assert e.color == "FF0000"  # the ink it is printed in


@pytest.mark.parametrize("text, want", [
    ("9 May 2024", "2024-05-09"),
    ("9th of May, 2024 3:30 PM", "2024-05-09T15:30"),
    ("09 Sept 2025", "2025-09-09"),
    ("31 Feb 2024", None),
    ("May 9, 2024", "2024-05-09"),
])
def test_day_first_dates(text, want) -> None:
    assert parse_date(text)[0] == want


@pytest.mark.parametrize("text, party, date", [
    ("District Response 05/09/2024", "District", "2024-05-09"),
    ("Union Reply 05/09/2024", "Union", "2024-05-09"),
    ("District Last, Best and Final Offer 6/1/24", "District", "2024-06-01"),
    ("Union LBFO 6/3/24", "Union", "2024-06-03"),
])
def test_proposal_lines_that_say_response_reply_or_offer(text, party, date) -> None:
    p = parse_proposal_line(text)
    assert p is not None and (p.party, p.date) == (party, date)


@pytest.mark.parametrize("text", [
    "District responded to the grievance within 10 days of 05/09/2024 and more words follow",
    "Union offered 05/09/2024",  # no proposal word: 'offered' is not 'offer'
])
def test_sentences_are_not_proposal_lines(text) -> None:
    assert parse_proposal_line(text) is None


@pytest.mark.parametrize("text, colours", [
    ("Dark Red - Union counter 05/23/2024", ["C00000"]),
    ("Light Blue: District counter 05/09/2024", ["00B0F0"]),
    ("District counter 05/09/2024 in light green", ["92D050"]),
    ("Dark Red & Light Blue - District Counters 05.09.2024", ["C00000", "00B0F0"]),
    ("Turquoise - Union counter 06/06/2024", ["00FFFF"]),
])
def test_colours_named_with_a_shade_as_words_menus_name_them(text, colours) -> None:
    assert [e.color for e in parse_key_entries(text, None)] == colours


def test_a_shaded_colour_is_written_with_its_name_and_read_back() -> None:
    from redline.conventions.colours import colour_name
    from redline.conventions.keys import format_key_entry

    text = format_key_entry("C00000", "Union Counter Proposal 05/23/2024")
    assert text.startswith(colour_name("C00000") + " - ") and colour_name("C00000") == "Dark Red"
    assert [e.color for e in parse_key_entries(text, None)] == ["C00000"]


@pytest.mark.parametrize("text, party, date", [
    # the line names the proposal it answers: the first party named sends, the latest date
    # is its own
    ("Union Response to District Proposal of 5/9/24 — 6/6/24", "Union", "2024-06-06"),
    ("District Counter to Union Proposal dated 05/02/2024 - Presented 05/09/2024",
     "District", "2024-05-09"),
    ("Union counter to District's 5/2 proposal, 5/9/24", "Union", "2024-05-09"),
    ("NUHW to SUSD Counter Proposal_ 06/20/24", "Union", "2024-06-20"),
    ("Counter Proposal from the District – June 6, 2024", "District", "2024-06-06"),
])
def test_a_proposal_line_that_names_what_it_answers(text, party, date) -> None:
    p = parse_proposal_line(text)
    assert p is not None and (p.party, p.date) == (party, date)


@pytest.mark.parametrize("line, number, title", [
    ("Article Twelve – Hours of Work", "Twelve", "Hours of Work"),
    ("ARTICLE TWENTY-ONE: SAFETY", "TWENTY-ONE", "SAFETY"),
    ("Art. 14 - Leaves", "14", "Leaves"),
    ("Appendix A: Salary Schedule", None, "Appendix A: Salary Schedule"),
    ("EXHIBIT 2 - CALENDAR", None, "EXHIBIT 2 - CALENDAR"),
])
def test_article_and_appendix_lines(tmp_path, line, number, title) -> None:
    from redline.api import read

    path = tmp_path / "a.txt"
    path.write_text("ARTICLE 1 - TERM\n\nX.1 Three years.\n\n" + line +
                    "\n\nX.1 The text of it.\n")
    doc = read(str(path))
    assert [(a.number, a.title) for a in doc.articles][1] == (number, title)
    assert [c.text for c in doc.articles[1].clauses] == ["The text of it."]


@pytest.mark.parametrize("line", [
    "Appendix A shall govern the salary placement of every new hire.",
    "Article Twelve of the prior agreement shall remain in effect.",
])
def test_sentences_that_name_an_article_or_appendix_stay_text(tmp_path, line) -> None:
    from redline.api import read

    path = tmp_path / "a.txt"
    path.write_text("ARTICLE 1 - TERM\n\nX.1 Three years.\n\n" + line + "\n")
    doc = read(str(path))
    assert len(doc.articles) == 1
