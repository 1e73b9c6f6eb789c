"""Quantified terms (redline/terms): reading them, pairing them across versions, following
them through the rounds, and the `terms` command."""
from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import CORPUS, PEERS, SHARED, needs_corpus, needs_peers
from lint_docs import spell
from redline.api import compare, read
from redline.cli import cli
from redline.model import Article, Clause, Document, Proposal
from redline.render.outputs import render_comparison
from redline.terms import (compare_terms, extract_terms, figure_value, scan_terms,
                           term_history, words_value)
from redline.terms.extract import Term, clause_terms, table_terms

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples" / "sick_leave").glob("*.docx"))
SEED = SHARED / "seeds" / "001_82ecdd8926fabcd0.txt"


def scanned(text: str):
    return [(kind, str(value), text[start:end], unit)
            for kind, value, start, end, unit, _ut, _w in scan_terms(text)]


# --- reading terms -------------------------------------------------------------------------

@pytest.mark.parametrize("text,want", [
    ("within fifteen (15) working days", [("duration", "15", "fifteen (15) working days",
                                           "working day")]),
    ("no less than twenty four (24) hour notice",
     [("duration", "24", "twenty four (24) hour", "hour")]),
    ("one-half (1/2) of the premium", [("number", "0.5", "one-half (1/2)", "")]),
    ("an increase of $2.00 per hour", [("money", "2.00", "$2.00 per hour", "per hour")]),
    ("a stipend of $1,946.00 per year", [("money", "1946.00", "$1,946.00 per year",
                                          "per year")]),
    ("a 4% increase", [("percent", "4", "4%", "%")]),
    ("seventy- five percent (75%) of the days",
     [("percent", "75", "seventy- five percent (75%)", "%")]),
    ("effective July 1, 2025", [("date", "2025-07-01", "July 1, 2025", "")]),
    ("for the 2025-26 school year", [("school_year", "2025-2026", "2025-26", "")]),
    ("for the 23-24 school year", [("school_year", "2023-2024", "23-24", "")]),
    ("by 8:00 a.m. on 7/1/2025", [("time", "08:00", "8:00 a.m.", ""),
                                  ("date", "2025-07-01", "7/1/2025", "")]),
    ("a list of seven (7) arbitrators", [("count", "7", "seven (7) arbitrators",
                                          "arbitrator")]),
    ("up to one (1) hour thirty (30) minutes", [
        ("duration", "1", "one (1) hour", "hour"),
        ("duration", "30", "thirty (30) minutes", "minute")]),
    ("six days of leave", [("duration", "6", "six days", "day")]),
    # not terms: references, clause numbers, "one of"
    ("under Education Code Section 45191 and Article 12", []),
    ("see X.1.2 and 12.3.1", []),
    ("one of the members", []),
])
def test_terms_in_text(text, want):
    assert scanned(text) == want


@pytest.mark.parametrize("words,value", [
    ("twenty four", 24), ("twenty-four", 24), ("one hundred eighty-nine", 189),
    ("one hundred and twenty thousand", 120000), ("one-half", Decimal("0.5")),
    ("one and one-half", Decimal("1.5")), ("two and a half", Decimal("2.5")),
    ("six and ninety five one hundredths", Decimal("6.95")),
    ("two-point five", Decimal("2.5")), ("seventy- five", 75),
    ("twelve sixteen", None), ("five twenty", None), ("and", None),
])
def test_number_words(words, value):
    assert words_value(words) == (None if value is None else Decimal(value))


def test_figures():
    assert figure_value("1,946.00") == Decimal("1946.00")
    assert figure_value("1 1/2") == Decimal("1.5")
    assert figure_value("1/0") is None


def test_salary_schedule_cells_carry_their_headings():
    table = (("Range", "Step 1", "Step 2"), ("10", "$3,100", "$3,255"),
             ("11", "$3,255", "n/a"))
    cells = table_terms(table, "X.2", "Salary", "SALARIES")
    assert [(t.row, t.column, t.show()) for t in cells] == [
        ("10", "Step 1", "$3,100"), ("10", "Step 2", "$3,255"), ("11", "Step 1", "$3,255")]


def test_a_changed_cell_pairs_by_its_headings():
    def doc(cell: str) -> Document:
        table = (("Range", "Step 1", "Step 2"), ("10", "$3,100", cell))
        return Document(articles=(Article("SALARIES", None, (
            Clause(number="X.1", text="The salary schedule:", table=table),)),))
    changes = compare_terms(doc("$3,255"), doc("$3,300"))
    assert [(c.term.row, c.term.column, c.old.show(), c.new.show()) for c in changes] == [
        ("10", "Step 2", "$3,255", "$3,300")]


# --- pairing across versions ---------------------------------------------------------------

TEMPLATES = (
    ("A member shall give {w} ({n}) working days' notice.", "duration", "working day"),
    ("The stipend shall be ${n}.00 per year.", "money", "per year"),
    ("Salaries shall increase by {n}% on the schedule.", "percent", "%"),
    ("A member may carry over {w} ({n}) hours of leave.", "duration", "hour"),
)


#: A sentence of its own for each clause, so that alignment pairs clauses by their words
#: (clauses that differ only in a figure could pair either way).
SUBJECTS = ("Bereavement leave is granted for the death of a relative.",
            "Jury duty leave is paid at the regular rate of pay.",
            "Uniforms are provided by the employer and replaced when worn.",
            "Mileage is reimbursed at the rate the state sets each year.",
            "Training required by the supervisor happens during paid time.",
            "Parking permits are issued to every member working at the site.")


@st.composite
def version_pairs(draw):
    """Two versions of an article: each clause one term; some values changed."""
    k = draw(st.integers(1, 6))
    old_clauses, new_clauses, expected = [], [], []
    for i in range(1, k + 1):
        template, kind, unit = draw(st.sampled_from(TEMPLATES))
        a = draw(st.integers(1, 99))
        b = draw(st.one_of(st.just(a), st.integers(1, 99)))
        number = f"X.{i}"
        subject = SUBJECTS[i - 1] + " "
        old_clauses.append(Clause(number=number,
                                  text=subject + template.format(w=spell(a), n=a)))
        new_clauses.append(Clause(number=number,
                                  text=subject + template.format(w=spell(b), n=b)))
        if a != b:
            expected.append((number, kind, unit, Decimal(a), Decimal(b)))
    old = Document(source="old", proposal=Proposal("District", "2024-05-09"),
                   articles=(Article("LEAVES", None, tuple(old_clauses)),))
    new = Document(source="new", proposal=Proposal("Union", "2024-05-23"),
                   articles=(Article("LEAVES", None, tuple(new_clauses)),))
    return old, new, expected


@settings(max_examples=60, deadline=None)
@given(version_pairs())
def test_every_changed_term_is_listed_with_old_and_new_values_and_unit(pair):
    old, new, expected = pair
    changes = compare_terms(old, new)
    got = [(c.clause, c.term.kind, c.term.unit, c.old.value, c.new.value) for c in changes]
    assert sorted(got) == sorted(expected)
    assert all(c.status == "changed" and c.proposal.party == "Union" and
               c.proposal.date == "2024-05-23" for c in changes)


def test_a_term_changed_in_kind_pairs_with_the_one_it_replaced():
    def doc(text: str) -> Document:
        return Document(articles=(Article("SALARIES", None,
                                          (Clause(number="X.1", text=text),)),))
    changes = compare_terms(doc("The raise shall be 14% effective July 1, 2025."),
                            doc("The raise shall be $2.00 per hour effective July 1, 2025."))
    assert [(c.status, c.old.show(), c.new.show(), c.new.unit) for c in changes] == [
        ("changed", "14%", "$2.00", "per hour")]


def test_samples_terms_between_two_counters():
    changes = compare_terms(read(str(SAMPLES[1])), read(str(SAMPLES[2])))
    assert [(c.status, c.clause, c.old.show(), c.new and c.new.show(), c.unit)
            for c in changes] == [
        ("changed", "X.4", "15", "10", "consecutive work days"),
        ("removed", "X.5", "3", None, "days")]
    assert changes[0].describe() == "X.4 Verification: 15 -> 10 consecutive work days"
    assert changes[0].proposal.party == "District"


def test_samples_terms_through_every_round():
    threads = term_history([read(str(p)) for p in SAMPLES])
    assert [t.describe() for t in threads] == [
        "X.2 Family Care: (none) -> 6 days; District 02/07, Union 03/07",
        "X.4 Verification: 5 -> 15 -> 10 consecutive work days; District 02/07, "
        "Union 03/07, District 03/21",
        "X.5 Sick Leave Donation: 3 -> (none) days; District 02/07, District 03/21"]


def test_a_redline_gives_the_same_history_as_its_versions(tmp_path):
    out = tmp_path / "redline.docx"
    res = CliRunner().invoke(cli, ["history", *map(str, SAMPLES), "-o", str(out)])
    assert res.exit_code == 0, res.output
    from_redline = term_history([read(str(out))])
    from_files = term_history([read(str(p)) for p in SAMPLES])
    assert [t.describe() for t in from_redline] == [t.describe() for t in from_files]


@needs_corpus
def test_corpus_every_changed_figure_is_a_changed_term():
    """In every consecutive pair of the corpus, a clause whose word diff strikes a figure
    and inserts another has a changed term."""
    from redline.align.words import DELETE, INSERT

    checked = 0
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        versions = [read(str(p)) for p in sorted(folder.glob("v*.docx"))]
        for old, new in zip(versions, versions[1:]):
            result = compare(old, new)
            changed = {c.clause for c in compare_terms(old, new)}
            for ch in result.changes:
                struck = [t for op, t in ch.ops if op == DELETE and re.search(r"\(\d+\)", t)]
                added = [t for op, t in ch.ops if op == INSERT and re.search(r"\(\d+\)", t)]
                if struck and added and ch.new is not None and ch.old is not None:
                    checked += 1
                    label = ch.new.number or ch.new.heading
                    assert label in changed, (folder.name, label, struck, added)
    assert checked >= 8


@needs_peers
def test_a_real_agreement_renewed_its_raises_and_dates():
    """Two terms of a real Oregon agreement (not in this repository): the raises and the
    dates that moved are listed as changed, with their article."""
    base = PEERS / "oregon-cba-pairs" / "agreements" / "state" / "cba"
    old = base / "state-afscme-doc-dentists-2023-2025.md"
    new = base / "state-afscme-doc-dentists-2025-2027.md"
    if not old.exists():
        pytest.skip(f"Oregon agreements not found at {base}")
    changes = [c.describe() for c in compare_terms(str(old), str(new))
               if c.status == "changed"]
    assert "SALARIES a.: 6.5% -> 2.5%" in changes
    assert "SALARIES b.: 6.55% -> 4%" in changes
    assert any(c.endswith(": 10 -> 15 calendar days") for c in changes)
    assert any(c.endswith(": 2025-06-30 -> 2027-06-30") for c in changes)


@pytest.mark.skipif(not SEED.exists(), reason=f"seed package not found at {SEED}")
def test_seed_terms():
    terms = extract_terms(read(str(SEED)))
    shown = {(t.show(), t.unit) for t in terms}
    assert ("$1,946.00", "per year") in shown
    assert ("24", "hour") in shown
    assert ("75%", "%") in shown
    assert ("2025-2026", "") in shown


# --- compare's summary and HTML ------------------------------------------------------------

def test_compare_summary_and_html_have_a_terms_section():
    result = compare(str(SAMPLES[1]), str(SAMPLES[2]))
    text = render_comparison(result, "text")
    assert "terms changed: 2\n  X.4 Verification: 15 -> 10 consecutive work days\n" in text
    html = render_comparison(result, "html")
    assert '<section class="terms" id="terms">' in html
    assert "<td>X.4 Verification</td><td>15</td><td>10</td>" in html


def test_compare_summary_without_term_changes_has_no_terms_section():
    result = compare(str(SAMPLES[2]), str(SAMPLES[3]))
    assert "terms changed" not in render_comparison(result, "text")


# --- the command ---------------------------------------------------------------------------

def test_cli_two_versions_text():
    res = CliRunner().invoke(cli, ["terms", str(SAMPLES[1]), str(SAMPLES[2])])
    assert res.exit_code == 0, res.output
    assert ("  X.4 Verification: 15 -> 10 consecutive work days  "
            "(District 2024-03-21 14:15)") in res.output


def test_cli_history_of_every_sample():
    res = CliRunner().invoke(cli, ["terms", *map(str, reversed(SAMPLES))])
    assert res.exit_code == 0, res.output
    assert "rounds: District 02/07, Union 03/07, District 03/21, Union 04/11" in res.output
    assert ("X.4 Verification: 5 -> 15 -> 10 consecutive work days; District 02/07, "
            "Union 03/07, District 03/21") in res.output


@pytest.mark.parametrize("name,check", [
    ("terms.json", lambda t: json.loads(t)["changes"][0]["new"]["value"] == "10"),
    ("terms.md", lambda t: "| X.4 Verification | 15 | 10 | consecutive work days |" in t),
    ("terms.html", lambda t: "Content-Security-Policy" in t and "<td>15</td>" in t),
    ("terms.txt", lambda t: t.startswith("old: ")),
])
def test_cli_formats_written_atomically(tmp_path, name, check):
    out = tmp_path / name
    res = CliRunner().invoke(cli, ["terms", str(SAMPLES[1]), str(SAMPLES[2]), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert check(out.read_text())
    assert not list(tmp_path.glob(".redline-*"))


def test_cli_history_formats():
    res = CliRunner().invoke(cli, ["terms", *map(str, SAMPLES), "--format", "json"])
    data = json.loads(res.output)
    assert len(data["rounds"]) == 4
    verification = data["terms"][1]
    assert [r["value"] and r["value"]["value"] for r in verification["rounds"]] == [
        "5", "15", "10", "10"]
    res = CliRunner().invoke(cli, ["terms", *map(str, SAMPLES), "--format", "markdown"])
    assert "| X.4 Verification | 5 | 15 | 10 | 10 | consecutive work days |" in res.output


def test_cli_one_version_lists_its_terms(tmp_path):
    res = CliRunner().invoke(cli, ["terms", str(SAMPLES[-1])])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[1:] == [
        "terms: 4", "  X.1 Accrual: 1 day", "  X.2 Family Care: 6 days",
        "  X.3 Notice: 1 hour", "  X.4 Verification: 10 consecutive work days"]
    out = tmp_path / "terms.md"
    res = CliRunner().invoke(cli, ["terms", str(SAMPLES[-1]), "-o", str(out)])
    assert "| X.4 Verification | duration | 10 | consecutive work days | ten (10) " \
        "consecutive work days |" in out.read_text()
    res = CliRunner().invoke(cli, ["terms", str(SAMPLES[-1]), "--format", "json"])
    assert len(json.loads(res.output)["terms"]) == 4
    res = CliRunner().invoke(cli, ["terms", str(SAMPLES[-1]), "--format", "html"])
    assert "<td>X.3 Notice</td><td>duration</td><td>1</td>" in res.output


def test_cli_refuses_a_bad_extension(tmp_path):
    res = CliRunner().invoke(cli, ["terms", str(SAMPLES[0]), str(SAMPLES[1]), "-o",
                                   str(tmp_path / "x.docx")])
    assert res.exit_code == 2 and "--format" in res.output
    res = CliRunner().invoke(cli, ["terms", str(SAMPLES[0]), str(SAMPLES[1]), "-o",
                                   str(SAMPLES[0]), "--format", "text"])
    assert res.exit_code == 2  # never over an input


def test_term_to_dict_is_json():
    (term,) = clause_terms(Clause(number="X.1", text="within ten (10) working days"))
    assert isinstance(term, Term)
    assert json.loads(json.dumps(term.to_dict()))["value"] == "10"


def test_public_api():
    import redline

    assert redline.extract_terms is extract_terms
    assert redline.compare_terms is compare_terms
    assert redline.term_history is term_history
    from redline.lint import lint_document, lint_file

    assert redline.lint_file is lint_file and redline.lint_document is lint_document


@st.composite
def version_chains(draw):
    """Three to four rounds of an article; each clause's one term takes a value per round."""
    k = draw(st.integers(1, 4))
    rounds = draw(st.integers(3, 4))
    parties = ("District", "Union")
    templates = [draw(st.sampled_from(TEMPLATES)) for _ in range(k)]
    values = [[draw(st.integers(1, 99)) for _ in range(rounds)] for _ in range(k)]
    docs = []
    for r_ in range(rounds):
        clauses = tuple(Clause(number=f"X.{i + 1}", text=SUBJECTS[i] + " " + tpl.format(
            w=spell(values[i][r_]), n=values[i][r_])) for i, (tpl, _k, _u) in
            enumerate(templates))
        docs.append(Document(source=f"v{r_ + 1}", proposal=Proposal(
            parties[r_ % 2], f"2024-0{r_ + 2}-01"), articles=(Article("LEAVES", None,
                                                                      clauses),)))
    return docs, values


@settings(max_examples=30, deadline=None)
@given(version_chains())
def test_every_term_is_followed_through_every_round(chain):
    docs, values = chain
    threads = {t.term.clause: t for t in term_history(docs)}
    for i, vals in enumerate(values):
        number = f"X.{i + 1}"
        if len(set(vals)) == 1:
            assert number not in threads
            continue
        assert [s.value for s in threads[number].steps] == [Decimal(v) for v in vals]
        moves = threads[number].moves()
        assert [t.value for t, _ in moves] == [Decimal(v) for j, v in enumerate(vals)
                                               if j == 0 or v != vals[j - 1]]


@settings(max_examples=8, deadline=None)
@given(version_pairs())
def test_changed_terms_are_listed_through_the_docx_reader(tmp_path_factory, pair):
    from docx_builder import build_docx, p

    old, new, expected = pair
    folder = tmp_path_factory.mktemp("terms")
    paths = []
    for doc, name in ((old, "old.docx"), (new, "new.docx")):
        body = p("ARTICLE 7 - LEAVES", b=True) + "".join(
            p(f"{c.number} {c.text}") for c in doc.clauses)
        build_docx(body, header=p("District Counter Proposal 05/09/2024"),
                   path=folder / name)
        paths.append(str(folder / name))
    got = [(c.clause, c.term.kind, c.term.unit, c.old.value, c.new.value)
           for c in compare_terms(*paths)]
    assert sorted(got) == sorted(expected)


_TEXT = st.lists(st.sampled_from(list("0123456789 ,.$%()/-:?_[]X") + [
    "one ", "twenty ", "-five ", "half ", "and ", "percent ", "days ", "hours ", "per hour ",
    "July ", "May ", "Article ", "Section ", "TBD ", "National Union of ", "Workers ",
    "(NUHW) "]), max_size=60).map("".join)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_any_text_reads_without_error(text):
    """Whatever a clause says, reading its terms and linting it does not fail, and every
    term is a piece of the text."""
    from redline.lint import lint_document

    for _kind, _value, start, end, _unit, _ut, _w in scan_terms(text):
        assert 0 <= start < end <= len(text)
    doc = Document(articles=(Article("HOURS", "3", (Clause(number="3.1", text=text),)),))
    lint_document(doc)
    compare_terms(doc, Document(articles=(Article("HOURS", "3", (
        Clause(number="3.1", text=text[::-1]),)),)))
