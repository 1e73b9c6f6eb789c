"""``redline parse --explain`` and the ``conventions`` object of ``parse``'s JSON (issue 12):
where the key was found and its entries, the mark convention, where the proposal line came
from, the numbering source, anything guessed."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from conventions_fixtures import write_fixture
from redline.cli import cli


def _parse(*args: str):
    result = CliRunner().invoke(cli, ["parse", *args])
    assert result.exit_code == 0, result.output
    return result


def test_explain_a_colour_keyed_redline(tmp_path: Path) -> None:
    out = _parse(str(write_fixture("key-near-colour", tmp_path)), "--explain").stdout
    assert "colour-keyed redline" in out
    assert "proposal: District 2024-05-09" in out and "from the header" in out
    assert "colour key: 2 entries, from the header" in out
    assert "round 3: District 2024-05-09" in out and "ink FF0000" in out
    assert "marks: colour, strike, underline" in out
    assert "numbering: typed" in out
    assert "decided by a rule of thumb:" in out and "key colour of its hue" in out


def test_explain_names_learned_and_the_key_in_a_table(tmp_path: Path) -> None:
    out = _parse(str(write_fixture("proposal-sender-line-acronyms", tmp_path)),
                 "--explain").stdout
    assert "party names learned from the document: SFUSD=District, UESF=Union" in out
    assert "decided by a rule of thumb: nothing" in out
    out = _parse(str(write_fixture("key-in-table", tmp_path)), "--explain").stdout
    assert "from the table" in out


def test_explain_a_guess_from_the_file_name(tmp_path: Path) -> None:
    from docx_builder import build_docx, p

    path = tmp_path / "v3_2024-06-20_1040_union_counter.docx"
    build_docx(p("ARTICLE 1 - TERM") + p("X.1 Three years."), path=path)
    out = _parse(str(path), "--explain").stdout
    assert "from the file name" in out and "guessed from the file name" in out


def test_conventions_in_the_json(tmp_path: Path) -> None:
    data = json.loads(_parse(str(write_fixture("key-in-body", tmp_path))).stdout)
    conv = data["conventions"]
    assert conv["key_source"] == "body" and conv["mode"] == "colour"
    assert conv["proposal_source"] == "cover block"
    assert [(e["party"], e["color"]) for e in conv["key_entries"]] == [
        ("Union", "0000FF"), ("District", "00B050")]
    assert conv["proposal"] == {"party": "District", "date": "2024-05-09",
                                "label": "District counter proposal"}
    assert set(conv) >= {"marks", "numbering", "aliases", "guesses", "proposal_line"}


def _counter_printing_no_key(tmp_path: Path) -> Path:
    """A counter in two inks whose header lists two proposals and prints no key."""
    from docx_builder import build_docx, p, r

    body = (p("ARTICLE 1 - SALARY")
            + p("X.1 Salaries rise ", r("two", strike=True, color="0000FF"),
                r("three", u=True, color="0000FF"), " percent",
                r(" each year", u=True, color="FF0000"), "."))
    path = tmp_path / "counter.docx"
    build_docx(body, header=p("Union Counter Proposal 02/07/2026")
               + p("District Counter Proposal 02/05/2026"), path=path)
    return path


def test_key_file_settles_the_inks(tmp_path: Path) -> None:
    """`parse --key`: the user's key replaces the reader's guess (here: the inks taken in
    order for a document that prints no key), and nothing is said to be guessed."""
    path = _counter_printing_no_key(tmp_path)
    guessed = json.loads(_parse(str(path)).stdout)["conventions"]
    assert guessed["key_source"] == "inferred" and guessed["guesses"]
    key = tmp_path / "key.toml"
    key.write_text('[[round]]\nparty = "District"\ndate = 2026-02-05\ncolor = "Red"\n'
                   '[[round]]\nparty = "Union"\ndate = 2026-02-07\ncolor = "Blue"\n')
    data = json.loads(_parse(str(path), "--key", str(key)).stdout)
    conv = data["conventions"]
    assert conv["key_source"] == "key file" and conv["guesses"] == []
    assert [(r_["party"], r_["color"]) for r_ in data["rounds"]] == [
        (None, None), ("District", "FF0000"), ("Union", "0000FF")]


def test_round_settles_a_file_name_guess(tmp_path: Path) -> None:
    from docx_builder import build_docx, p

    path = tmp_path / "v3_2024-06-20_1040_union_counter.docx"
    build_docx(p("ARTICLE 1 - TERM") + p("X.1 Three years."), path=path)
    data = json.loads(_parse(str(path), "--round", "District 2024-06-21 15:35 counter").stdout)
    assert data["proposal"]["party"] == "District"
    assert data["proposal"]["date"] == "2024-06-21T15:35"
    assert data["conventions"]["proposal_source"] == "--round"
    assert data["conventions"]["guesses"] == []
    bad = CliRunner().invoke(cli, ["parse", str(path), "--round", "District soon"])
    assert bad.exit_code == 2 and "--round" in bad.output


def test_compare_and_verify_take_the_key_the_warnings_advise(tmp_path: Path) -> None:
    """`--key` on compare and verify reads a redline input with the user's key, as on
    parse: the warning that says "give the key with --key" can be followed everywhere."""
    from click.testing import CliRunner

    from docx_builder import build_docx, p
    from redline.cli import cli

    counter = _counter_printing_no_key(tmp_path)
    ours = tmp_path / "ours.docx"  # the District's 02/05 text, by the key below
    build_docx(p("ARTICLE 1 - SALARY") + p("X.1 Salaries rise two percent each year."),
               header=p("District Counter Proposal 02/05/2026"), path=ours)
    key = tmp_path / "key.toml"
    key.write_text('[[round]]\nparty = "District"\ndate = 2026-02-05\ncolor = "Red"\n'
                   '[[round]]\nparty = "Union"\ndate = 2026-02-07\ncolor = "Blue"\n')
    run = CliRunner().invoke
    args = ["compare", str(ours), str(counter), "--round-of", "new:2"]
    assert run(cli, args).exit_code == 1  # the inks taken in order: Blue is the older round
    res = run(cli, args + ["--key", str(key)])
    assert res.exit_code == 0, res.output
    res = run(cli, ["verify", str(counter), "--against", str(ours), "--key", str(key)])
    assert res.exit_code == 0 and "every change is marked" in res.output, res.output


def test_what_is_kept_out_of_the_clauses_is_said(tmp_path: Path) -> None:
    """A cover page and page furniture typed in the body are kept out of the clauses, and
    said so (conventions.left_out, parse --explain): never dropped silently."""
    from docx_builder import build_docx, p

    path = tmp_path / "ta.docx"
    build_docx(p("This package holds the counter on the term.")
               + p("Presented at the table by the bargaining team.")
               + p("ARTICLE 1 - TERM") + p("X.1 Three years.") + p("Page 1 of 2")
               + p("X.2 Reopeners in year two."),
               header=p("District Counter Proposal 02/05/2026"), path=path)
    data = json.loads(_parse(str(path)).stdout)
    assert data["conventions"]["left_out"] == [
        "This package holds the counter on the term.",
        "Presented at the table by the bargaining team.", "Page 1 of 2"]
    assert [c["text"] for a in data["articles"] for c in a["clauses"]] == [
        "Three years.", "Reopeners in year two."]
    explained = _parse(str(path), "--explain").stdout
    assert "kept out of the clauses" in explained and "  - Page 1 of 2" in explained
