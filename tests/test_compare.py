"""The diff engine end to end: alignment, outputs, round trips, exit codes."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import (CORPUS, doc_clauses, document_paragraphs, match_rate, needs_corpus,
                    truth_clauses, truths, ws)
from ooxml_views import body_text
from redline.align import CompareOptions, compare_documents
from redline.api import compare, read
from redline.cli import cli
from redline.render.docx_tracked import render_tracked

BASE = """TRANSFER

X.1 Voluntary Transfers

X.1.1 Employees may request a transfer by submitting a written request to their supervisor.

X.1.2 Transfer requests will be considered in the following order:

a) The needs of students, programs and the District.

b) Meeting the qualifications as outlined in the job description.

X.2 Involuntary Transfers

X.2.1 Notification shall be given within fifteen (15) working days of the decision.

X.2.2 Employee preferences for assignment and school location will be considered.
"""


def write(tmp_path: Path, name: str, text: str) -> str:
    p = tmp_path / name
    p.write_text(text)
    return str(p)


def statuses(result):
    return [(c.status, c.old_number, c.new_number) for c in result.changes
            if c.status != "unchanged"]


def test_identical_versions_have_no_changes(tmp_path):
    r = compare(write(tmp_path, "a.txt", BASE), write(tmp_path, "b.txt", BASE))
    assert not r.differs and statuses(r) == []


def test_a_clause_expanded_under_its_number_is_changed_not_replaced(tmp_path):
    """Regression: a short clause grown into a long one ("shall be given within fifteen
    (15) working days" plus two sentences) was shown as deleted and inserted whole, the
    insertion first; in both the clause list and the tracked DOCX it is one changed clause.
    """
    grown = ("X.2.1 Notification shall be given within fifteen (15) working days of the "
             "decision, in writing, with the reasons for the transfer, the new site and "
             "assignment, the name of the supervisor at the new site, and a copy sent to "
             "the Union; the employee may meet the supervisor before reporting, may ask "
             "the Human Resources department to review the decision within five (5) "
             "working days of the notice, and shall be given paid release time for the "
             "move and the meeting, up to one (1) full working day in each case.")
    new = BASE.replace("X.2.1 Notification shall be given within fifteen (15) working days "
                       "of the decision.", grown)
    old_path, new_path = write(tmp_path, "a.txt", BASE), write(tmp_path, "b.txt", new)
    r = compare(old_path, new_path)
    assert statuses(r) == [("changed", "X.2.1", "X.2.1")]
    data = render_tracked(r)
    from ooxml_views import paragraphs

    accepted = paragraphs(data, "accept")
    rejected = paragraphs(data, "reject")
    assert grown in accepted and "X.2.1 Notification shall be given within fifteen (15) " \
        "working days of the decision." in rejected
    assert len(accepted) == len(rejected)  # one paragraph changed, none added or removed


def test_table_of_contents_lines_pair_by_title_not_page(tmp_path):
    """A contents line whose page number moved is the same line ("ARTICLE 3 - SENIORITY
    .... 4" -> ".... 5"), not a move or a rewrite of its neighbour (seen comparing the
    Oregon agreements' contents pages)."""
    toc = ["ARTICLE 1 - RECOGNITION ........ 1", "ARTICLE 2 - DUES ........ 2",
           "ARTICLE 3 - SENIORITY ........ 4", "ARTICLE 4 - LAYOFF ........ 6"]
    new_toc = ["ARTICLE 1 - RECOGNITION ........ 1", "ARTICLE 2 - DUES ........ 3",
               "ARTICLE 3 - SENIORITY ........ 5", "ARTICLE 4 - LAYOFF ........ 7"]
    head = "TABLE OF CONTENTS\n\n"
    r = compare(write(tmp_path, "a.txt", head + "\n\n".join(toc) + "\n"),
                write(tmp_path, "b.txt", head + "\n\n".join(new_toc) + "\n"))
    changed = [c for c in r.changes if c.status != "unchanged"]
    assert [c.status for c in changed] == ["changed"] * 3
    assert all([op for op, t in c.ops if op != "equal"] == ["delete", "insert"]
               for c in changed)


def test_each_move_has_one_name_on_both_sides(tmp_path):
    """moveFrom and moveTo pair by name; names are unique in the output (blocks in notes and
    text boxes are written by the same writer as the body)."""
    import re as _re

    new = BASE.replace("X.1.1 Employees may request", "X.1.1 Staff may request")
    new = new.replace("X.2.2 Employee preferences for assignment and school location will be "
                      "considered.\n", "")
    new = new.replace("X.1 Voluntary Transfers\n", "X.1 Voluntary Transfers\n\nX.2.2 "
                      "Employee preferences for assignment and school location will be "
                      "considered.\n")
    r = compare(write(tmp_path, "a.txt", BASE), write(tmp_path, "b.txt", new))
    xml = zipfile.ZipFile(io.BytesIO(render_tracked(r))).read("word/document.xml").decode()
    froms = _re.findall(r'<w:moveFromRangeStart [^>]*w:name="([^"]+)"', xml)
    tos = _re.findall(r'<w:moveToRangeStart [^>]*w:name="([^"]+)"', xml)
    assert froms and sorted(froms) == sorted(tos) and len(set(froms)) == len(froms)


def test_inserted_clause_does_not_steal_the_number_it_pushed_down(tmp_path):
    new = BASE.replace("X.2.2 Employee", "X.2.2 Training will be provided on request.\n\n"
                       "X.2.3 Employee")
    r = compare(write(tmp_path, "a.txt", BASE), write(tmp_path, "b.txt", new))
    assert statuses(r) == [("inserted", None, "X.2.2"), ("renumbered", "X.2.2", "X.2.3")]


def test_renumbering_is_a_number_change_not_delete_and_insert(tmp_path):
    new = BASE.replace("X.1 Voluntary", "X.0 Scope\n\nX.0.1 This article applies.\n\n"
                       "X.1 Voluntary")
    new = new.replace("X.2.", "X.3.").replace("X.2 ", "X.3 ")
    r = compare(write(tmp_path, "a.txt", BASE), write(tmp_path, "b.txt", new))
    st_ = statuses(r)
    assert ("renumbered", "X.2.1", "X.3.1") in st_ and ("renumbered", "X.2", "X.3") in st_
    assert not any(s == "deleted" for s, _, _ in st_)
    renum = next(c for c in r.changes if c.old_number == "X.2.1")
    assert [(o, t) for o, t in renum.ops if o != "equal"] == [("delete", "X.2.1 "),
                                                               ("insert", "X.3.1 ")]


def test_ignore_numbering_hides_renumbering(tmp_path):
    new = BASE.replace("X.2.", "X.3.").replace("X.2 ", "X.3 ")
    r = compare(write(tmp_path, "a.txt", BASE), write(tmp_path, "b.txt", new),
                ignore_numbering=True)
    assert not r.differs


def test_edit_move_and_delete(tmp_path):
    new = BASE.replace("fifteen (15)", "ten (10)")
    new = new.replace("a) The needs of students, programs and the District.\n\n", "")
    new = new.replace("b) Meeting the qualifications as outlined in the job description.",
                      "a) Meeting the qualifications as outlined in the job description.\n\n"
                      "b) The needs of students, programs and the District.")
    r = compare(write(tmp_path, "a.txt", BASE), write(tmp_path, "b.txt", new))
    st_ = statuses(r)
    assert ("changed", "X.2.1", "X.2.1") in st_
    assert any(s == "moved" for s, _, _ in st_)
    changed = next(c for c in r.changes if c.status == "changed")
    assert ("delete", "fifteen (15) ") in changed.ops and ("insert", "ten (10) ") in changed.ops


def test_split_clause_is_reported(tmp_path):
    old = BASE.replace("X.2.2 Employee preferences for assignment and school location will "
                       "be considered.", "X.2.2 Employee preferences for assignment and school "
                       "location will be considered. Every effort will be made to keep "
                       "interested employees informed of staffing decisions.")
    new = BASE + "\nX.2.3 Every effort will be made to keep interested employees informed " \
        "of staffing decisions.\n"
    r = compare(write(tmp_path, "a.txt", old), write(tmp_path, "b.txt", new))
    assert any(c.status == "split" and c.new_number == "X.2.3" for c in r.changes)


def test_json_output_schema(tmp_path):
    new = BASE.replace("fifteen (15)", "ten (10)")
    runner = CliRunner()
    res = runner.invoke(cli, ["compare", write(tmp_path, "a.txt", BASE),
                              write(tmp_path, "b.txt", new), "-o", "-", "--format", "json"])
    assert res.exit_code == 1, res.output
    data = json.loads(res.output)
    assert set(data) >= {"old", "new", "changes", "stats"}
    ch = [c for c in data["changes"] if c["status"] == "changed"][0]
    assert set(ch) >= {"old_index", "new_index", "old_number", "new_number", "status", "ops"}
    assert ["delete", "fifteen (15) "] in ch["ops"]
    assert data["stats"]["changed"] == 1


def test_exit_codes_follow_diff(tmp_path):
    runner = CliRunner()
    a = write(tmp_path, "a.txt", BASE)
    assert runner.invoke(cli, ["compare", a, write(tmp_path, "b.txt", BASE)]).exit_code == 0
    c = write(tmp_path, "c.txt", BASE.replace("shall", "will"))
    res = runner.invoke(cli, ["compare", a, c])
    assert res.exit_code == 1 and "changed" in res.output
    res = runner.invoke(cli, ["compare", a, str(tmp_path / "missing.docx")])
    assert res.exit_code == 2 and "no such file" in res.output
    assert "Traceback" not in res.output


def test_output_may_not_overwrite_an_input(tmp_path):
    a = write(tmp_path, "a.txt", BASE)
    b = write(tmp_path, "b.txt", BASE.replace("shall", "will"))
    before = Path(b).read_text()
    res = CliRunner().invoke(cli, ["compare", a, b, "-o", b, "--format", "json"])
    assert res.exit_code == 2 and "overwrite an input" in res.output
    assert Path(b).read_text() == before


def test_html_output_is_escaped_and_self_contained(tmp_path):
    new = BASE.replace("X.2.2 Employee", "X.2.2 <script>alert(1)</script> Employee")
    out = tmp_path / "r.html"
    res = CliRunner().invoke(cli, ["compare", write(tmp_path, "a.txt", BASE),
                                   write(tmp_path, "b.txt", new), "-o", str(out)])
    assert res.exit_code == 1
    html = out.read_text()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Content-Security-Policy" in html and "http://" not in html.split("<body>")[1]
    assert "<ins" in html and 'id="summary"' in html


def test_colour_docx_round_trips_through_the_reader(tmp_path):
    new = BASE.replace("fifteen (15)", "ten (10)").replace("X.1.2 Transfer", "X.1.2 All")
    out = tmp_path / "c.docx"
    res = CliRunner().invoke(cli, ["compare", write(tmp_path, "a.txt", BASE),
                                   write(tmp_path, "b.txt", new), "--style", "colour",
                                   "--party", "Union", "--date", "2024-05-09", "-o", str(out)])
    assert res.exit_code == 1, res.output
    doc = read(str(out))
    assert len(doc.rounds) == 2
    old_doc, new_doc = read(str(tmp_path / "a.txt")), read(str(tmp_path / "b.txt"))
    assert doc_clauses(doc.rounds[0].articles) == doc_clauses(old_doc.articles)
    assert doc_clauses(doc.rounds[1].articles) == doc_clauses(new_doc.articles)
    assert doc.rounds[1].proposal.party == "Union"


def _tracked_views(result):
    data = render_tracked(result)
    return body_text(data, "accept"), body_text(data, "reject")


def _text_of(doc):
    return ws(" ".join(document_paragraphs(doc)))


clause_texts = st.sampled_from([
    "Employees may request a transfer.", "The District shall notify the Union.",
    "Requests are due by April 1.", "Notice shall be given within ten (10) days.",
    "Seniority shall govern ties.", "Meetings occur monthly.", "Training will be provided.",
    "The supervisor shall respond in writing."])


@st.composite
def edit_scripts(draw):
    old = draw(st.lists(clause_texts, min_size=1, max_size=8))
    new = list(old)
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["insert", "delete", "edit", "move"]))
        if op == "insert":
            new.insert(draw(st.integers(0, len(new))), draw(clause_texts))
        elif op == "delete" and new:
            new.pop(draw(st.integers(0, len(new) - 1)))
        elif op == "edit" and new:
            k = draw(st.integers(0, len(new) - 1))
            new[k] = new[k].replace("shall", "may").replace("ten (10)", "five (5)") + " Also."
        elif op == "move" and len(new) > 1:
            item = new.pop(draw(st.integers(0, len(new) - 1)))
            new.insert(draw(st.integers(0, len(new))), item)
    return old, new


def _doc(tmp: Path, name: str, clauses) -> str:
    body = "ARTICLE 4 - TRANSFER\n\n" + "\n\n".join(
        f"4.{i + 1} {t}" for i, t in enumerate(clauses))
    p = tmp / name
    p.write_text(body + "\n")
    return str(p)


@settings(max_examples=40, deadline=None)
@given(edit_scripts())
def test_random_edit_scripts_round_trip(tmp_path_factory, script):
    old, new = script
    tmp = tmp_path_factory.mktemp("prop")
    a, b = read(_doc(tmp, "a.txt", old)), read(_doc(tmp, "b.txt", new))
    r = compare_documents(a, b)
    accepted, rejected = _tracked_views(r)
    assert accepted == _text_of(b)
    assert rejected == _text_of(a)
    changed = sum(len(t) for c in r.changes for o, t in c.ops if o != "equal")
    everything = sum(len(c.full_text) for c in a.clauses) + sum(
        len(c.full_text) for c in b.clauses)
    assert changed <= everything


# --- the sample corpus ---------------------------------------------------------------------

def _pairs():
    for d, t in truths():
        vs = t["versions"]
        for a, b in zip(vs, vs[1:]):
            yield pytest.param(d, t, a, b, id=f"{d.name}-v{a['version']}-v{b['version']}")


@needs_corpus
@pytest.mark.parametrize("folder,truth,a,b", list(_pairs()) or [pytest.param(
    None, None, None, None, marks=pytest.mark.skip(reason="corpus absent"))])
def test_corpus_pair_round_trips_and_aligns(tmp_path, folder, truth, a, b):
    r = compare(str(folder / a["file"]), str(folder / b["file"]))
    out = tmp_path / "tracked.docx"
    out.write_bytes(render_tracked(r))
    doc = read(str(out))
    assert doc.rounds, "the output carries no revisions"
    for rnd, version in ((doc.rounds[0], a), (doc.rounds[-1], b)):
        ok, total, bad = match_rate(truth_clauses(version), doc_clauses(rnd.articles))
        assert ok == total, bad
    assert doc.rounds[-1].proposal.party == b["party"]
    # alignment against the stable clause ids
    ids_a = [c["id"] for c in a["clauses"]]
    ids_b = [c["id"] for c in b["clauses"]]
    good = 0
    for ch in r.changes:
        if ch.old_index is not None and ch.new_index is not None:
            good += ids_a[ch.old_index] == ids_b[ch.new_index] or \
                b["clauses"][ch.new_index].get("moved_from") == ids_a[ch.old_index]
        elif ch.new_index is not None:
            good += ids_b[ch.new_index] not in ids_a
        else:
            good += ids_a[ch.old_index] not in ids_b
    assert good / len(r.changes) >= 0.98
    # renumbered clauses are number-only changes; moves are moves
    for e in truth["edits"]:
        if e["round"] != b["version"]:
            continue
        if e["op"] == "move":
            assert any(c.status == "moved" and ids_b[c.new_index] == e["clause_id"]
                       for c in r.changes)


@needs_corpus
def test_corpus_renumbered_clauses_are_number_only_changes():
    folder = CORPUS / "transfer"
    r = compare(str(folder / "v5_2024-05-23_district_counter.docx"),
                str(folder / "v6_2024-06-06_union_counter.docx"))
    renumbered = [c for c in r.changes if c.status == "renumbered"]
    assert len(renumbered) >= 8
    for c in renumbered:
        assert [o for o, _ in c.ops if o != "equal"] == ["delete", "insert"]


def test_compare_options_default_author_from_the_header(tmp_path):
    a = write(tmp_path, "a.txt", "District Initial Proposal 02/07/24\n\n" + BASE)
    b = write(tmp_path, "b.txt", "NUHW to SUSD Counter Proposal 03/07/24\n\n" + BASE.replace(
        "shall", "will"))
    r = compare(a, b)
    assert (r.author.party, r.author.date) == ("Union", "2024-03-07")
    r2 = compare(a, b, CompareOptions(party="District", date="2024-03-08"))
    assert (r2.author.party, r2.author.date) == ("District", "2024-03-08")
