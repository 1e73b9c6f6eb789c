"""Counter history: the cumulative redline, its round trip, blame and the unmarked check."""
from __future__ import annotations

import io
import json
import random
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus import CORPUS, doc_clauses, match_rate, needs_corpus, truth_clauses, truths
from redline.api import compare, history, read, verify
from redline.cli import cli
from redline.render.history import ColourKey, load_key, render_history_docx

V1 = """District Initial Proposal 02/07/24

TRANSFER

X.1 Voluntary Transfers

X.1.1 Employees may request a transfer within fifteen (15) working days.

X.1.2 Requests shall be granted by seniority.

X.2 Involuntary Transfers

X.2.1 Notice shall be given in writing.
"""
V2 = V1.replace("District Initial Proposal 02/07/24", "NUHW to SUSD Counter Proposal 03/07/24") \
    .replace("fifteen (15)", "ten (10)").replace(
        "X.1.2 Requests shall be granted by seniority.\n",
        "X.1.2 Training will be provided.\n\nX.1.3 Requests shall be granted by seniority.\n")
V3 = V2.replace("NUHW to SUSD Counter Proposal 03/07/24", "District Counter Proposal 05/02/2024") \
    .replace("ten (10)", "twelve (12)").replace("X.1.2 Training will be provided.\n\n", "") \
    .replace("X.1.3 Requests", "X.1.2 Requests") + "\nDistrict agrees with language 05/02/2024\n"


def write_versions(folder, stem: str = "v"):
    """The three training versions as text files in ``folder``, oldest first."""
    paths = []
    for i, text in enumerate((V1, V2, V3), start=1):
        p = folder / f"{stem}{i}.txt"
        p.write_text(text)
        paths.append(str(p))
    return paths


@pytest.fixture()
def versions(tmp_path):
    return write_versions(tmp_path)


def test_history_round_trips_through_the_reader(tmp_path, versions):
    out = tmp_path / "h.docx"
    res = CliRunner().invoke(cli, ["history", *reversed(versions), "-o", str(out)])
    assert res.exit_code == 0, res.output
    doc = read(str(out))
    assert [r.proposal.party for r in doc.rounds] == ["District", "Union", "District"]
    for rnd, src in zip(doc.rounds, versions):
        assert doc_clauses(rnd.articles) == doc_clauses(read(src).articles)


def test_history_marks_inserted_then_struck_text_with_both_marks(tmp_path, versions):
    data = render_history_docx(history(versions), ColourKey())
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    # "ten (10)" was inserted in round 2 and struck in round 3: underline and strike
    run = re.search(r"<w:r>(?:(?!</w:r>).)*ten \(10\)", xml).group(0)
    assert "<w:strike/>" in run and "<w:u " in run
    assert "Training will be provided." in xml


def test_explicit_key_colours_are_used(tmp_path, versions):
    key = tmp_path / "key.toml"
    key.write_text('[[round]]\nparty = "Union"\ndate = "2024-03-07"\ncolor = "123456"\n'
                   '[[round]]\nparty = "District"\ndate = "2024-05-02"\ncolor = "Green"\n')
    data = render_history_docx(history(versions), load_key(str(key)))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    colours = set(re.findall(r'w:color w:val="([0-9A-F]{6})"', xml))
    assert colours <= {"123456", "00B050", "000000"} and "123456" in colours


def test_default_key_gives_distinct_colours_to_eight_rounds():
    from redline.model import Proposal

    rounds = [Proposal("District" if i % 2 else "Union", f"2024-01-{i + 1:02d}", "x")
              for i in range(8)]
    colours = [ColourKey().colour(rounds, k) for k in range(2, 9)]
    assert len(set(colours)) == 7 and None not in colours


def test_blame_names_who_introduced_and_struck(versions):
    res = CliRunner().invoke(cli, ["history", *versions, "--format", "json", "-o", "-"])
    data = json.loads(res.output)
    words = [w for c in data["clauses"] for w in c["words"]]
    ten = next(w for w in words if w["text"] == "ten (10)")
    assert (ten["introduced_by"], ten["struck_by"]) == ("Union", "District")
    res = CliRunner().invoke(cli, ["blame", *versions])
    assert res.exit_code == 0 and "struck by District" in res.output


def test_blame_prints_one_line_per_span_in_text_order_and_json(versions):
    """Regression (issue 16): blame printed one token per line, insertions before deletions,
    without who had introduced a struck word."""
    res = CliRunner().invoke(cli, ["blame", *versions])
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.output.splitlines() if ln.startswith("X.1.1  ")]
    assert lines == [
        "X.1.1  from District 2024-02-07 (round 1): X.1.1 Employees may request a transfer "
        "within",
        "X.1.1  from District 2024-02-07 (round 1), struck by Union 2024-03-07 (round 2): "
        "fifteen (15)",
        "X.1.1  inserted by Union 2024-03-07 (round 2), struck by District 2024-05-02 "
        "(round 3): ten (10)",
        "X.1.1  inserted by District 2024-05-02 (round 3): twelve (12)",
        "X.1.1  from District 2024-02-07 (round 1): working days."]
    res = CliRunner().invoke(cli, ["blame", *versions, "--json"])
    clause = next(c for c in json.loads(res.output) if c["number"] == "X.1.1")
    assert [s["text"] for s in clause["spans"]][1:4] == ["fifteen (15)", "ten (10)",
                                                         "twelve (12)"]
    assert clause["spans"][2]["introduced_by"] == "Union" and \
        clause["spans"][2]["struck_by"] == "District"


def test_history_without_output_prints_a_summary_and_says_what_it_wrote(tmp_path, versions):
    res = CliRunner().invoke(cli, ["history", *versions])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("rounds: 3\n")
    assert "  X.1.1  changed: Union 2024-03-07, District 2024-05-02" in res.stdout
    assert re.search(r"^changes: \d+ ", res.stdout, re.M)
    out = tmp_path / "h.docx"
    res = CliRunner().invoke(cli, ["history", *versions, "-o", str(out)])
    assert res.exit_code == 0 and res.stdout == ""
    assert re.fullmatch(rf"wrote {re.escape(str(out))}: 3 rounds, \d+ changes\n", res.stderr)


def test_round_for_the_one_file_without_a_header(tmp_path, versions):
    bare = tmp_path / "bare.txt"
    bare.write_text(V1.replace("District Initial Proposal 02/07/24\n", ""))
    res = CliRunner().invoke(cli, ["history", str(bare), versions[1], "--format", "json",
                                   "--round", f"{bare}=District 2024-02-07 initial proposal"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert [(r["party"], r["date"]) for r in data["rounds"]] == [
        ("District", "2024-02-07"), ("Union", "2024-03-07")]
    res = CliRunner().invoke(cli, ["history", str(bare), versions[1], "--round", "District "
                                   "2024-02-07"])
    assert res.exit_code == 2 and "one per file in order" in res.stderr


def test_round_option_overrides_headers(tmp_path, versions):
    res = CliRunner().invoke(cli, ["history", versions[0], versions[1], "--round",
                                   "Union 2024-01-01 Union proposal", "--round",
                                   "District 2024-02-01 15:35 District counter",
                                   "--format", "json", "-o", "-"])
    data = json.loads(res.output)
    assert [(r["party"], r["date"]) for r in data["rounds"]] == [
        ("Union", "2024-01-01"), ("District", "2024-02-01T15:35")]


def _tamper(src: Path, dst: Path, old: str, new: str) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode()
                assert old in text, old
                data = text.replace(old, new, 1).encode()
            zout.writestr(item, data)


def test_verify_finds_an_unmarked_change(tmp_path, versions):
    h = tmp_path / "h.docx"
    h.write_bytes(render_history_docx(history(versions), ColourKey()))
    runner = CliRunner()
    res = runner.invoke(cli, ["verify", str(h), "--against", versions[1]])
    assert res.exit_code == 0, res.output
    bad = tmp_path / "bad.docx"
    _tamper(h, bad, "in writing", "by phone")
    res = runner.invoke(cli, ["verify", str(bad), "--against", versions[1], "--json"])
    assert res.exit_code == 1
    found = json.loads(res.output)
    assert {"clause": "X.2.1", "kind": "changed", "old": "writing", "new": "phone"} in [
        {k: f[k] for k in ("clause", "kind", "old", "new")} for f in found] or any(
        f["clause"] == "X.2.1" and "writing" in f["old"] for f in found)


def test_verify_says_when_our_version_is_another_round_of_the_redline(tmp_path, versions):
    """The usual slip: passing the counter's own result as --against.  That stops with
    exit 2 naming the round to pass (it used to report an 'unmarked change' that was never
    made).  An older round of the redline is found and checked from there: every round
    after it is drawn in the redline, so nothing is unmarked."""
    h = tmp_path / "h.docx"
    h.write_bytes(render_history_docx(history(versions), ColourKey()))
    res = CliRunner().invoke(cli, ["verify", str(h), "--against", versions[2]])
    assert res.exit_code == 2
    assert "what the redline ends with" in res.stderr and "pass the version of round 2" in \
        res.stderr
    assert "unmarked" not in res.stdout
    res = CliRunner().invoke(cli, ["verify", str(h), "--against", versions[0]])
    assert res.exit_code == 0 and "this is round 1 of the redline" in res.stderr
    assert "every change is marked" in res.stdout
    res = CliRunner().invoke(cli, ["verify", str(h), "--against", versions[1]])
    assert res.exit_code == 0 and "warning" not in res.stderr


def test_verify_with_an_unrelated_version_reports_the_differences(tmp_path, versions):
    h = tmp_path / "h.docx"
    h.write_bytes(render_history_docx(history(versions), ColourKey()))
    other = tmp_path / "other.txt"
    text = Path(versions[1]).read_text()
    assert "in writing" in text
    other.write_text(text.replace("in writing", "by phone", 1))
    res = CliRunner().invoke(cli, ["verify", str(h), "--against", str(other)])
    assert res.exit_code == 1 and "unmarked change" in res.stdout


def test_verify_refuses_a_document_without_marks(versions):
    res = CliRunner().invoke(cli, ["verify", versions[0], "--against", versions[1]])
    assert res.exit_code == 2 and "not a redline" in res.output


# --- the corpus ----------------------------------------------------------------------------

@needs_corpus
@pytest.mark.parametrize("folder", [d.name for d, _ in truths()] or ["none"])
def test_corpus_history_rebuilds_every_round(tmp_path, folder):
    d = CORPUS / folder
    truth = json.loads((d / "truth.json").read_text())
    files = [str(d / v["file"]) for v in truth["versions"]]
    random.Random(7).shuffle(files)
    out = tmp_path / "h.docx"
    res = CliRunner().invoke(cli, ["history", *files, "-o", str(out)])
    assert res.exit_code == 0, res.output
    doc = read(str(out))
    assert len(doc.rounds) == len(truth["versions"])
    for rnd, v in zip(doc.rounds, truth["versions"]):
        ok, total, bad = match_rate(truth_clauses(v), doc_clauses(rnd.articles))
        assert ok == total, bad
        assert (rnd.proposal.party, rnd.proposal.date) == (v["party"], v["date"])


TAMPER = {
    # a changed number in base text, a dropped sentence, a changed word inside an insertion
    "transfer": [(">twenty (20) <", ">thirty (30) <"),
                 ("Such transfers shall be for the purpose", "Such transfers shall be for the "
                  "intent")],
    "grievance_procedure": [('working day" is any day during which the District Office is '
                             'open for business.', 'working day" is any day.'),
                            ("twenty (20) working days", "thirty (30) working days")],
}


@needs_corpus
def test_corpus_verify_is_silent_on_untouched_redlines():
    for d, truth in truths():
        vs = truth["versions"]
        found = verify(str(d / "redline.docx"), str(d / vs[-2]["file"]),
                       str(d / vs[-1]["file"]))
        assert found == [], (d.name, found)


@needs_corpus
@pytest.mark.parametrize("folder,old,new", [(f, o, n) for f, items in TAMPER.items()
                                            for o, n in items])
def test_corpus_verify_finds_hand_made_unmarked_changes(tmp_path, folder, old, new):
    d = CORPUS / folder
    truth = json.loads((d / "truth.json").read_text())
    bad = tmp_path / "bad.docx"
    try:
        _tamper(d / "redline.docx", bad, old, new)
    except AssertionError:
        pytest.fail(f"fixture text not found in {folder}/redline.docx: {old!r}")
    found = verify(str(bad), str(d / truth["versions"][-2]["file"]))
    assert found, "the unmarked change went unnoticed"


def _marks_html(html: str):
    """(tag, colour, text) of every marked run in the history HTML."""
    import html as html_mod

    body = html.split("<tbody>", 1)[1]
    return [(tag, colour, html_mod.unescape(text)) for tag, colour, text in re.findall(
        r'<(ins|del) style="color:#([0-9A-F]{6})[^"]*">([^<]*)</\1>', body)]


def _marks_docx(data: bytes):
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    out = []
    for run in re.findall(r"<w:r>.*?</w:r>", xml):
        colour = re.search(r'w:color w:val="([0-9A-F]{6})"', run)
        text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", run))
        if "<w:strike/>" in run:
            out.append(("del", colour.group(1), text))
        elif "<w:u " in run:
            out.append(("ins", colour.group(1), text))
    import html as html_mod
    return [(t, c, html_mod.unescape(x)) for t, c, x in out]


def test_html_history_shows_the_same_marks_and_legend_as_the_docx(versions):
    from redline.render.history import render_history_html

    h = history(versions)
    html = render_history_html(h, ColourKey())
    data = render_history_docx(h, ColourKey())
    assert _marks_html(html) == _marks_docx(data)
    header = zipfile.ZipFile(io.BytesIO(data)).read("word/header1.xml").decode()
    for entry in re.findall(r'<div class="key" style="color:#[0-9A-F]{6}">([^<]*)</div>', html):
        if entry != "Color Key":
            assert entry in header


def _engine_present(engine: str) -> bool:
    import shutil

    if engine == "weasyprint":
        from redline.render.pdf import _weasyprint

        return _weasyprint()[0] is not None
    if engine == "libreoffice":
        return bool(shutil.which("soffice"))
    return any(shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome"))


ENGINES = [pytest.param(e, marks=pytest.mark.skipif(not _engine_present(e),
                                                    reason=f"{e} is not installed here"))
           for e in ("weasyprint", "libreoffice", "chromium")]


@pytest.mark.parametrize("engine", ENGINES)
def test_pdf_history_reads_back_with_its_colours_and_strike_lines(tmp_path, versions, engine):
    """Whichever engine printed it, our history PDF reads back as its rounds."""
    out = tmp_path / "h.pdf"
    res = CliRunner().invoke(cli, ["history", *versions, "-o", str(out),
                                   "--pdf-engine", engine])
    assert res.exit_code == 0, res.output
    import pdfplumber

    with pdfplumber.open(str(out)) as pdf:
        page = pdf.pages[0]
        colours = {tuple(round(float(v), 2) for v in (c.get("non_stroking_color") or ()))
                   for c in page.chars}
        rules = [r for r in page.rects + page.lines if abs(r["top"] - r["bottom"]) < 2]
    assert (0.0, 0.0, 1.0) in colours and (1.0, 0.0, 0.0) in colours  # blue, red rounds
    assert rules, "no strike or underline rules drawn"
    doc = read(str(out))
    assert [r.proposal.party for r in doc.rounds] == ["District", "Union", "District"]
    for rnd, src in zip(doc.rounds, versions):
        assert doc_clauses(rnd.articles) == doc_clauses(read(src).articles)


@needs_corpus
@pytest.mark.parametrize("engine", ENGINES)
def test_corpus_history_pdf_rebuilds_every_round(tmp_path, engine):
    """The history PDF of every corpus negotiation, whichever engine printed it, reads back
    as its rounds (party and date), clause for clause."""
    for d, truth in truths():
        files = [str(d / v["file"]) for v in truth["versions"]]
        out = tmp_path / f"{d.name}.pdf"
        res = CliRunner().invoke(cli, ["history", *files, "-o", str(out),
                                       "--pdf-engine", engine])
        assert res.exit_code == 0, res.output
        doc = read(str(out))
        assert [(r.proposal.party, r.proposal.date[:10]) for r in doc.rounds] == \
            [(v["party"], v["date"][:10]) for v in truth["versions"]], (d.name, engine)
        for rnd, v in zip(doc.rounds, truth["versions"]):
            ok, total, bad = match_rate(truth_clauses(v), doc_clauses(rnd.articles))
            assert ok == total, (d.name, v["version"], bad)


@needs_corpus
def test_pdf_inputs_work_wherever_docx_inputs_do(tmp_path):
    """compare and history take the corpus' clean PDF in place of its DOCX."""
    for d, truth in truths():
        pdfs = truth.get("pdfs", {})
        for pdf_name, docx_name in pdfs.items():
            if pdf_name == "redline.pdf" or not (d / pdf_name).exists():
                continue
            versions = [v["file"] for v in truth["versions"]]
            files = [str(d / (pdf_name if f == docx_name else f)) for f in versions]
            h_docx = history([str(d / f) for f in versions])
            h_pdf = history(files)
            assert [p.date for p in h_pdf.rounds] == [p.date for p in h_docx.rounds]
            r = compare(str(d / docx_name), str(d / pdf_name))
            assert not r.differs, [c for c in r.changes if c.is_change][:3]


def test_by_party_convention(versions):
    """One colour per party, agreed language in a third colour, only the latest round
    underlined, struck text in the colour of whoever proposed it."""
    from redline.render.palette import AGREED_COLOUR, PARTY_COLOURS

    h = history(versions)
    data = render_history_docx(h, ColourKey(convention="by-party"))
    marks = _marks_docx(data)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    # "ten (10)": proposed by the Union in round 2, struck by the District in round 3 (the
    # latest): the Union's colour, struck and underlined as a latest-round change
    assert ("del", PARTY_COLOURS["Union"], "ten (10) ") in marks
    # "twelve (12)": the District's latest insertion: District colour, underlined
    assert ("ins", PARTY_COLOURS["District"], "twelve (12) ") in marks
    # base text struck in round 2 by the Union was the District's language
    assert ("del", PARTY_COLOURS["District"], "fifteen (15) ") in [
        (t, c, x) for t, c, x in _marks_docx(render_history_docx(history(versions[:2]),
                                                                 ColourKey("by-party")))]
    assert xml.count(AGREED_COLOUR) == 0  # nothing of the Union's stood after round 3


def test_by_party_language_the_other_side_let_stand_is_agreed(tmp_path, versions):
    from redline.render.palette import AGREED_COLOUR, PARTY_COLOURS

    v3 = tmp_path / "v3b.txt"
    v3.write_text(V2.replace("NUHW to SUSD Counter Proposal 03/07/24",
                             "District Counter Proposal 05/02/2024")
                  .replace("in writing", "in writing within five (5) days"))
    marks = _marks_docx(render_history_docx(history([versions[0], versions[1], str(v3)]),
                                            ColourKey(convention="by-party")))
    xml_colours = {c for _, c, _ in marks}
    assert PARTY_COLOURS["District"] in xml_colours
    data = render_history_docx(history([versions[0], versions[1], str(v3)]),
                               ColourKey(convention="by-party"))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    run = re.search(r"<w:r>(?:(?!</w:r>).)*Training will be provided", xml).group(0)
    assert AGREED_COLOUR in run and "<w:u " not in run


def test_history_of_an_article_name_uses_the_workspace(tmp_path, monkeypatch):
    samples = sorted((Path(__file__).parent.parent / "samples" / "sick_leave").glob("*.docx"))
    runner = CliRunner()
    ws = tmp_path / "ws"
    assert runner.invoke(cli, ["init", str(ws), "--employer", "SUSD",
                               "--union", "NUHW"]).exit_code == 0
    assert runner.invoke(cli, ["add", "--workspace", str(ws),
                               *map(str, samples)]).exit_code == 0
    monkeypatch.setenv("REDLINE_WORKSPACE", str(ws))
    out = tmp_path / "h.docx"
    res = runner.invoke(cli, ["history", "SICK LEAVE", "-o", str(out)])
    assert res.exit_code == 0, res.output
    doc = read(str(out))
    assert len(doc.rounds) == len(samples)
    for rnd, src in zip(doc.rounds, samples):
        assert doc_clauses(rnd.articles) == doc_clauses(read(str(src)).articles)


def _version_chains():
    """Every dated chain of clean counters: the samples, and each corpus article."""
    root = Path(__file__).resolve().parent.parent / "samples"
    chains = [sorted(str(p) for p in d.glob("v*.docx")) for d in sorted(root.iterdir())
              if d.is_dir()]
    if CORPUS.exists():
        chains += [sorted(str(p) for p in d.glob("v*.docx")) for d in sorted(CORPUS.iterdir())
                   if d.is_dir()]
    return [c for c in chains if len(c) > 1]


@pytest.mark.parametrize("chain", _version_chains(), ids=lambda c: Path(c[0]).parent.name)
def test_our_own_tracked_redlines_pass_verify(tmp_path, chain):
    """compare -> tracked DOCX, read back as a redline by the reader: every change it makes
    is marked (its marks rejected give the old version, accepted the new one)."""
    from redline.render.docx_tracked import render_tracked

    for old, new in zip(chain, chain[1:]):
        out = tmp_path / "tracked.docx"
        out.write_bytes(render_tracked(compare(old, new)))
        assert verify(str(out), old, clean=new) == [], (old, new)


def test_history_reports_progress_for_a_progress_bar(versions):
    """Long histories show a progress bar (issue 16): the library reports each round."""
    from redline.timing import recording

    seen = []
    with recording(lambda name, done, total: seen.append((name, done, total))):
        history(versions)
    assert [s for s in seen if s[0] == "history"] == [("history", 0, 2), ("history", 1, 2),
                                                      ("history", 2, 2)]


def test_two_rounds_of_one_day_without_times_are_said(tmp_path, caplog):
    """Issue 12: a history given two proposals of one day, one without a time of day, keeps
    the order given and says so (what to pass to settle it), never silently."""
    import logging

    union, district = tmp_path / "u.txt", tmp_path / "d.txt"
    union.write_text("Union Counter Proposal 06/20/2024\n\nHOURS\n\nX.1 Seven hours.\n")
    district.write_text("District Counter Proposal 06/20/2024\n\nHOURS\n\nX.1 Eight hours.\n")
    with caplog.at_level(logging.WARNING, logger="redline"):
        h = history([str(union), str(district)])
    assert [p.party for p in h.rounds] == ["Union", "District"]
    said = [r.getMessage() for r in caplog.records if "rounds of one day" in r.getMessage()]
    assert len(said) == 1 and "--round" in said[0] and "HH:MM" in said[0]
    from redline.readers.build import proposal_from_text

    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="redline"):
        h = history([str(union), str(district)], proposals=[
            proposal_from_text("Union 2024-06-20 15:35 counter"),
            proposal_from_text("District 2024-06-20 10:30 counter")])
    assert [p.party for p in h.rounds] == ["District", "Union"]
    assert not [r for r in caplog.records if "rounds of one day" in r.getMessage()]
