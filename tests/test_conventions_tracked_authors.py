"""Tracked changes made by a person, not a party (``w:author="Jane Smith"``, as most
offices' Word installs sign them): the revisions are the round of the document's proposal
of the same day, or, when one person made them all, of the document's latest proposal; a
guess, said, that ``--party-alias`` settles.  Without a proposal to go by, the author stays
the round's name (never invented)."""
from __future__ import annotations

from pathlib import Path

from docx_builder import build_docx, p
from redline.api import read
from redline.conventions import KnownConventions
from redline.conventions.parties import DEFAULT_ALIASES, PartyNames
from redline.model import DEL, INS
from redline.readers import ReadOptions


def ins(text: str, author: str, date: str, rid: int = 1) -> str:
    return (f'<w:ins w:id="{rid}" w:author="{author}" w:date="{date}"><w:r>'
            f'<w:t xml:space="preserve">{text}</w:t></w:r></w:ins>')


def dele(text: str, author: str, date: str, rid: int = 2) -> str:
    return (f'<w:del w:id="{rid}" w:author="{author}" w:date="{date}"><w:r>'
            f'<w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>')


def build(tmp_path: Path, header: str, *edits) -> Path:
    body = p("ARTICLE 5 - LEAVES") + p("X.1 Employees shall receive ", *edits, " days.")
    path = tmp_path / "tracked.docx"
    build_docx(body, header=p(header) if header else None, path=path)
    return path


def rounds(doc):
    return [(r.proposal.party, r.proposal.date) for r in doc.rounds]


def test_a_persons_revisions_of_the_proposal_day_are_that_partys_round(tmp_path: Path) -> None:
    when = "2024-06-06T10:00:00Z"
    doc = read(str(build(tmp_path, "Union Counter Proposal 06/06/2024",
                         dele("five (5)", "Jane Smith", when), ins("seven (7)", "Jane Smith",
                                                                   when))))
    assert rounds(doc)[-1] == ("Union", "2024-06-06")
    marked = [s for s in doc.articles[0].clauses[0].paragraphs[0]
              if s.kind in (INS, DEL)]
    assert {(s.kind, s.party) for s in marked} == {(INS, "Union"), (DEL, "Union")}
    assert any("Jane Smith" in g and "--party-alias" in g for g in doc.conventions.guesses)
    # the proposal of the revisions' own day is their round, not the base text before them
    assert rounds(doc)[0] == (None, None)


def test_one_person_on_another_day_is_the_documents_party(tmp_path: Path) -> None:
    doc = read(str(build(tmp_path, "District Counter Proposal 05/09/2024",
                         ins("seven (7) ", "jsmith", "2024-05-07T09:00:00Z"))))
    assert rounds(doc)[-1][0] == "District"
    assert any("jsmith" in g for g in doc.conventions.guesses)


def test_party_alias_settles_it_with_no_guess(tmp_path: Path) -> None:
    path = build(tmp_path, "Union Counter Proposal 06/06/2024",
                 ins("seven (7) ", "Jane Smith", "2024-06-06T10:00:00Z"))
    names = dict(DEFAULT_ALIASES)
    names["Union"] = tuple(names["Union"]) + ("Jane Smith",)
    doc = read(str(path), ReadOptions(conventions=KnownConventions(parties=PartyNames(names))))
    assert rounds(doc)[-1] == ("Union", "2024-06-06")
    assert not any("Jane Smith" in g for g in doc.conventions.guesses)


def test_two_people_and_no_proposal_line_are_never_given_a_party(tmp_path: Path) -> None:
    doc = read(str(build(tmp_path, "",
                         ins("seven (7) ", "Jane Smith", "2024-06-06T10:00:00Z", 1),
                         ins("and more ", "Raj Patel", "2024-06-08T10:00:00Z", 3))))
    assert [party for party, _ in rounds(doc)[1:]] == ["Jane Smith", "Raj Patel"]
