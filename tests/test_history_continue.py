"""history continues a redline: every round it holds kept, new counters on top (issue 15).

Continuing the other side's redline is the most common thing a negotiator does; flattening
its rounds into one base text (their colours, strikes and key entries gone) misstates the
negotiation.  The same proposal given twice is one round.
"""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from corpus import CORPUS, needs_corpus
from docx_builder import build_docx, p, r
from redline.api import history, read
from redline.cli import cli

TRANSFER = CORPUS / "transfer"
HOURS = CORPUS / "hours"


def _clean_texts(doc):
    return [" ".join(c.full_text.split()) for c in doc.clauses]


def _v7(tmp_path: Path) -> Path:
    """A newer District counter to the corpus's six-round transfer negotiation."""
    v6 = read(str(next(TRANSFER.glob("v6_*.docx"))))
    lines = ["SUSD to NUHW Counter Proposal 06/20/2024", "", v6.articles[0].title, ""]
    for c in v6.clauses:
        lines += [c.full_text.replace("ten (10)", "twelve (12)"), ""]
    path = tmp_path / "v7_2024-06-20_district_counter.txt"
    path.write_text("\n".join(lines))
    return path


@needs_corpus
def test_their_six_round_redline_continued_with_our_counter_keeps_every_round(tmp_path):
    theirs = TRANSFER / "redline.docx"
    ours = _v7(tmp_path)
    before = read(str(theirs))
    out = tmp_path / "continued.docx"
    res = CliRunner().invoke(cli, ["history", str(theirs), str(ours), "-o", str(out)])
    assert res.exit_code == 0, res.output
    after = read(str(out))
    assert len(after.rounds) == len(before.rounds) + 1 == 7
    # every earlier round reads back as it was, in its own colour and key entry
    for old, new in zip(before.rounds, after.rounds):
        assert (new.proposal.party, new.proposal.date) == (old.proposal.party,
                                                          old.proposal.date)
        assert new.color == old.color
        assert [" ".join(c.full_text.split()) for a in new.articles for c in a.clauses] == \
            [" ".join(c.full_text.split()) for a in old.articles for c in a.clauses]
    # the new round on top, in a colour none of theirs uses
    last = after.rounds[-1]
    assert (last.proposal.party, last.proposal.date) == ("District", "2024-06-20")
    assert last.color and last.color not in {r.color for r in before.rounds}
    assert _clean_texts(after.latest()) == _clean_texts(read(str(ours)))


@needs_corpus
def test_continuing_through_the_api_reports_the_inherited_colours(tmp_path):
    h = history([str(TRANSFER / "redline.docx"), str(_v7(tmp_path))])
    assert len(h.rounds) == 7
    assert h.colours[("Union", "2024-03-07")] == "0000FF"
    assert ("District", "2024-06-20") not in h.colours


@needs_corpus
def test_the_same_proposal_as_docx_and_pdf_is_one_round(tmp_path):
    """Regression: hours/v2 given as .docx and .pdf made two rounds of one proposal (the key
    listed its date twice, later rounds shifted colour)."""
    files = sorted(str(f) for f in HOURS.glob("v*"))
    assert len(files) == 4  # v2 twice
    res = CliRunner().invoke(cli, ["history", *files, "--format", "json"])
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert [(r["party"], r["date"]) for r in data["rounds"]] == [
        ("Union", "2024-05-09"), ("District", "2024-06-07"), ("Union", "2024-06-20")]
    assert "are the same proposal (District 2024-06-07): used once, from" in res.stderr
    assert res.stderr.count("same proposal") == 1


@needs_corpus
def test_a_redline_and_the_clean_files_it_was_made_from_give_the_same_rounds():
    files = sorted(str(f) for f in TRANSFER.glob("v*.docx"))
    plain = history(files)
    both = history([str(TRANSFER / "redline.docx"), *files])
    assert [(p.party, p.date) for p in both.rounds] == [(p.party, p.date) for p in plain.rounds]


def _black_redline(tmp_path, header: str):
    """A redline struck and underlined in black under ``header``, and a clean counter to it."""
    marked = tmp_path / "marked.docx"
    marked.write_bytes(build_docx(
        p("ARTICLE 7 - TRANSFER") +
        p("X.1 Requests shall be granted ", r("by seniority", strike=True),
          r(" within ten (10) days", u=True), r(".")), header=header))
    clean = tmp_path / "v.txt"
    clean.write_text("Union Counter Proposal 05/09/2024\n\nTRANSFER\n\n"
                     "X.1 Requests shall be granted within ten (10) working days.\n")
    return marked, clean


def test_a_black_redline_whose_base_names_no_proposal_is_refused(tmp_path):
    """Struck and underlined in black with one proposal line: the changes are that
    proposal's, but the text before them is no dated round, so history cannot continue it."""
    marked, clean = _black_redline(tmp_path, p("District Counter Proposal 05/02/2024"))
    res = CliRunner().invoke(cli, ["history", str(marked), str(clean), "-o", "-"])
    assert res.exit_code == 2
    assert "names no proposal" in res.stderr and "marked.docx" in res.stderr
    assert "Traceback" not in res.output


def test_a_black_redline_with_both_proposal_lines_is_continued(tmp_path):
    marked, clean = _black_redline(tmp_path, p("Union Initial Proposal 04/20/2024") +
                                   p("District Counter Proposal 05/02/2024"))
    h = history([str(marked), str(clean)])
    assert [(x.party, x.date) for x in h.rounds] == [
        ("Union", "2024-04-20"), ("District", "2024-05-02"), ("Union", "2024-05-09")]


def test_a_document_with_struck_words_it_cannot_place_in_rounds_is_refused(tmp_path):
    marked = tmp_path / "marked.docx"
    marked.write_bytes(build_docx(
        p("ARTICLE 7 - TRANSFER") +
        p("X.1 Requests shall be granted ", r("by seniority", strike=True, color="7F3F00"),
          r(" within ten (10) days", u=True, color="3F7F00"), r(".")),
        header=p("District Counter Proposal 05/02/2024")))
    clean = tmp_path / "v.txt"
    clean.write_text("Union Counter Proposal 05/09/2024\n\nTRANSFER\n\n"
                     "X.1 Requests shall be granted within ten (10) days.\n")
    res = CliRunner().invoke(cli, ["history", str(marked), str(clean), "-o", "-"])
    assert res.exit_code == 2
    assert "cannot be told apart" in res.stderr and "marked.docx" in res.stderr
    assert "Traceback" not in res.output
