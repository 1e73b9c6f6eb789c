"""The tentative-agreement package from a workspace (issue 17): the parties' names and teams,
the cover, the terms, signature blocks, each article with its TA line, page numbers in DOCX
and PDF, numbering warnings, and provenance hashes that match the files."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus import CORPUS, needs_corpus, truths, ws
from redline.cli import cli
from redline.store import Workspace
from redline.store.assembly import ReferenceResolver, resolve_number, resolve_placeholders
from redline.store.package import split_initials
from ws_helpers import SAMPLES, run

ROOT = Path(__file__).resolve().parent.parent
#: A clause-number placeholder (``X.3.2``) as the proposals write it.
PLACEHOLDER = re.compile(r"(?<![A-Za-z0-9])X ?\. ?\d")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="the package PDF is printed by LibreOffice (soffice)")
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext reads the PDF's pages")


def init(folder: Path, *extra: str) -> Path:
    result = CliRunner().invoke(cli, [
        "init", str(folder), "--employer", "Stockton Unified School District", "--union", "NUHW",
        "--term", "2023-2024 and 2024-2025",
        "--union-full-name", "National Union of Healthcare Workers", *extra])
    assert result.exit_code == 0, result.output
    return folder


def add_team(folder: Path) -> None:
    run(folder, "team", "add", "District", "Tara Draper", "--title", "Lead Negotiator")
    run(folder, "team", "add", "District", "Marie Nakamura", "--title", "District Attorney")
    run(folder, "team", "add", "NUHW", "Monica Madrid", "--title", "NUHW Labor Rep")


@pytest.fixture()
def samples_ws(tmp_path) -> Path:
    folder = init(tmp_path / "ws")
    run(folder, "add", *map(str, SAMPLES))
    run(folder, "ta", "sick leave", "--date", "2024-04-18", "--initials", "TD/MM")
    add_team(folder)
    return folder


def parts(path: Path):
    """The DOCX's body text and its footers' texts (one per section footer part)."""
    z = zipfile.ZipFile(path)

    def text(name: str) -> str:
        xml = z.read(name).decode()
        paras = re.findall(r"<w:p[ >].*?</w:p>", xml, re.S)
        return "\n".join("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))
                         for p in paras)

    footers = sorted(n for n in z.namelist() if re.match(r"word/footer\d+\.xml", n))
    return text("word/document.xml"), [z.read(n).decode() for n in footers], footers


def sha256(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# --- names and teams -----------------------------------------------------------------------

def test_team_add_list_remove_and_names(tmp_path):
    folder = init(tmp_path / "ws", "--union-acronym", "NUHW")
    add_team(folder)
    listing = run(folder, "team", "list").stdout
    assert "Union: National Union of Healthcare Workers (NUHW)" in listing
    assert "District: Stockton Unified School District (District)" in listing
    assert "  Tara Draper, Lead Negotiator" in listing and "  Monica Madrid, NUHW Labor Rep" \
        in listing
    run(folder, "team", "add", "District", "Tara Draper", "--title", "Chief Negotiator")
    run(folder, "team", "remove", "District", "Marie Nakamura")
    data = json.loads(run(folder, "team", "list", "--format", "json").stdout)
    assert data[0]["signatories"] == [{"name": "Tara Draper", "title": "Chief Negotiator"}]
    bad = run(folder, "team", "remove", "Union", "Nobody", code=2)
    assert "no Union signatory 'Nobody'" in bad.stderr
    assert "give District or Union" in run(folder, "team", "add", "Board of Ed", "X",
                                            code=2).stderr
    run(folder, "team", "names", "--employer-acronym", "SUSD")
    with Workspace.open(str(folder)) as w:
        assert w.parties()[0].named == "Stockton Unified School District (SUSD)"


def test_team_load_from_a_toml_file(tmp_path):
    folder = init(tmp_path / "ws")
    team = tmp_path / "team.toml"
    team.write_text('[union]\nname = "National Union of Healthcare Workers"\n'
                    'acronym = "NUHW"\nsignatories = [{ name = "Monica Madrid", '
                    'title = "NUHW Labor Rep" }]\n')
    assert "Union: National Union of Healthcare Workers (NUHW); 1 signatory" in \
        run(folder, "team", "load", str(team)).stdout
    team.write_text('[union]\nacronym = 5\nsignatories = "x"\n')
    bad = run(folder, "team", "load", str(team), code=2)
    assert [re.search(r": line (\d+): ", ln).group(1) for ln in bad.stderr.splitlines()] == \
        ["1", "2", "3"]


def test_an_older_workspace_is_migrated_without_losing_a_proposal(tmp_path, monkeypatch):
    folder = init(tmp_path / "ws")
    run(folder, "add", *map(str, SAMPLES))
    db_path = folder / ".redline" / "redline.db"
    db = sqlite3.connect(db_path)
    db.execute("DROP TABLE signatories")  # as redline made it before schema 2
    db.execute("PRAGMA user_version = 1")
    db.commit()
    before = db.execute("SELECT sha256, document FROM proposals ORDER BY id").fetchall()
    db.close()
    # read-only, it is read as it is: no team, nothing written (the database as one that
    # cannot be written, whoever runs the test)
    from redline.store import schema

    with monkeypatch.context() as m:
        m.setattr(schema, "_writable", lambda path: False)
        with Workspace.open(str(folder)) as w:
            assert w.schema_version == 1 and w.team() == [] and len(w.proposals()) == 4
            assert w.parties()[1].team == ()
    with Workspace.open(str(folder)) as w:
        assert w.schema_version == 2
        assert w.check() == []
    add_team(folder)
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    assert db.execute("SELECT sha256, document FROM proposals ORDER BY id").fetchall() == before
    db.close()
    assert len(run(folder, "log").stdout.splitlines()) == 4


# --- the package from the samples ----------------------------------------------------------

def test_the_package_docx_from_a_workspace(samples_ws, tmp_path):
    out, report = tmp_path / "TA.docx", tmp_path / "TA.json"
    result = run(samples_ws, "assemble", "--package", "--attach", "both", "--provenance",
                 "--term-end", "2027-06-30", "--report", str(report), "-o", str(out))
    assert "assembled the package: 1 article(s), attached both" in result.output
    body, footers, names = parts(out)
    lines = body.splitlines()
    # the cover, in the seed's form
    assert lines[:4] == ["Tentative Agreement",
                         "Between Stockton Unified School District (District) And the",
                         "National Union of Healthcare Workers (NUHW)", "April 18, 2024"]
    assert "This agreement concludes negotiations for 2023-2024 and 2024-2025 between " \
        "Stockton Unified School District and the National Union of Healthcare Workers " \
        "(NUHW). The parties hereby agree to the following terms subject to the " \
        "ratification of NUHW and the Board of Education for Stockton Unified School " \
        "District." in lines
    assert "shall continue in effect until June 30, 2027." in body
    assert "1. Article 12, Sick Leave (attachment 1), tentatively agreed 04/18/2024" in lines
    # both signature blocks, each signatory's name and title with signature and date lines
    assert body.index("For NUHW:") < body.index("Monica Madrid, NUHW Labor Rep") < \
        body.index("For District:") < body.index("Tara Draper, Lead Negotiator") < \
        body.index("Marie Nakamura, District Attorney")
    assert body.count("Date: ______________") == 3
    # the agreed text, clean, and the redline: numbers filled in, no X. left
    assert not PLACEHOLDER.search(body)
    assert body.count("ARTICLE 12 - SICK LEAVE") == 2
    from redline.api import read

    for c in read(str(SAMPLES[-1])).clauses:
        assert ws(resolve_placeholders(c.text, "12")).split("\n")[0] in ws(body)
    assert "immediate family.family" in body  # the redline's struck and inserted words
    # the TA line on every article page: in each article section's footer, and after it
    ta = "Tentatively agreed 04/18/2024 District TD NUHW MM"
    assert ws(body).count(ta) == 2
    article_footers = [f for f in footers if "Tentatively agreed" in f]
    assert len(article_footers) == 2
    # page numbers: PAGE and NUMPAGES fields in every footer
    for f in footers:
        assert "PAGE" in f and "NUMPAGES" in f and 'w:fldCharType="begin"' in f
    # provenance: the appendix and the report name the agreed file and its hash
    digest = sha256(SAMPLES[-1])
    assert digest in body and "v4_2024-04-11_union_counter.docx" in body
    data = json.loads(report.read_text())
    (entry,) = data["articles"]
    assert (entry["file"], entry["party"], entry["date"], entry["round"], entry["sha256"],
            entry["ta_date"], entry["initials"]) == (
        SAMPLES[-1].name, "Union", "2024-04-11", 4, digest, "2024-04-18", "TD/MM")
    assert [s["name"] for p in data["parties"] for s in p["signatories"]] == [
        "Tara Draper", "Marie Nakamura", "Monica Madrid"]


def test_the_provenance_hash_is_the_stored_files(samples_ws, tmp_path):
    """Every hash in the report is the SHA-256 of the file added and of the stored copy."""
    report = tmp_path / "r.json"
    run(samples_ws, "assemble", "--package", "--report", str(report), "-o",
        str(tmp_path / "TA.docx"))
    with Workspace.open(str(samples_ws)) as w:
        for entry in json.loads(report.read_text())["articles"]:
            assert entry["sha256"] == sha256(w.objects.path(entry["sha256"]))
            assert entry["sha256"] == sha256(ROOT / "samples" / "sick_leave" / entry["file"])


def test_no_team_gives_blank_lines_and_a_warning(tmp_path):
    folder = init(tmp_path / "ws")
    run(folder, "add", *map(str, SAMPLES))
    run(folder, "ta", "sick leave", "--date", "2024-04-18")
    out = tmp_path / "TA.docx"
    result = run(folder, "assemble", "--package", "-o", str(out))
    assert "no signatories for NUHW" in result.stderr and "redline team add" in result.stderr
    body, _, _ = parts(out)
    assert body.count("Name, title") == 4
    assert "Tentatively agreed 04/18/2024 District ______ NUHW ______" in ws(body)


def test_package_options_need_package(samples_ws, tmp_path):
    res = run(samples_ws, "assemble", "--attach", "both", "-o", str(tmp_path / "x.docx"),
              code=2)
    assert "add --package" in res.stderr
    res = run(samples_ws, "assemble", "--package", "-o", str(tmp_path / "x.html"), code=2)
    assert ".docx or .pdf" in res.stderr


def test_split_initials():
    assert split_initials("TD/MM") == ("TD", "MM")
    assert split_initials("TD") == ("TD", "")
    assert split_initials(None) == ("", "")


@needs_soffice
@needs_pdftotext
def test_the_package_pdf_numbers_every_page(samples_ws, tmp_path):
    out = tmp_path / "TA.pdf"
    run(samples_ws, "assemble", "--package", "--attach", "both", "-o", str(out))
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) >= 3
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page, n
    assert "TENTATIVE AGREEMENT" in pages[0] and "Monica Madrid, NUHW Labor Rep" in text
    for page in pages[1:]:  # every article page carries its TA line
        assert "Tentatively agreed 04/18/2024 District TD NUHW MM" in ws(page)
    assert not PLACEHOLDER.search(text)


# --- numbering -----------------------------------------------------------------------------

def _unnumbered_ws(tmp_path) -> Path:
    folder = init(tmp_path / "ws")
    for name, body in (("grievance", "GRIEVANCE PROCEDURE\n\nX.1 A grievance is defined in "
                        "Section X.3.7 and Article (Vacation).\n\nX.2 See Article (Parking)."),
                       ("vacation", "VACATION\n\nX.1 Members earn vacation.")):
        p = tmp_path / f"{name}.txt"
        p.write_text(f"District Proposal 02/07/2024\n\n{body}\n")
        run(folder, "add", str(p))
        run(folder, "ta", name, "--date", "2024-02-08", "--initials", "TD/MM")
    add_team(folder)
    return folder


def test_unnumbered_articles_are_named_in_a_warning_and_numbered_by_the_option(tmp_path):
    folder = _unnumbered_ws(tmp_path)
    out = tmp_path / "TA.docx"
    result = run(folder, "assemble", "--package", "-o", str(out))  # no -v
    assert "no printed article number for GRIEVANCE PROCEDURE, VACATION" in result.stderr
    result = run(folder, "assemble", "--package", "--numbers",
                 "Grievance Procedure=9,Vacation=15", "-o", str(out))
    assert "no printed article number" not in result.stderr
    # what cannot be resolved is listed; what can is filled in
    assert "cannot resolve 'Article (Parking)'" in result.stderr
    body, _, _ = parts(out)
    assert "9.1 A grievance is defined in Section 9.3.7 and Article 15 (Vacation)." in body
    assert "ARTICLE 15 - VACATION" in body and not PLACEHOLDER.search(body)


def test_named_references():
    w: list = []
    r = ReferenceResolver({"VACATION": "15"}, {})
    assert r.resolve("under Article (Vacation) and Article (Vacation) 15.10.1", "x", w) == \
        "under Article 15 (Vacation) and Article (Vacation) 15.10.1"
    assert w == []


# --- the corpus ----------------------------------------------------------------------------

#: The seed package's article numbers for the corpus's articles.
CORPUS_NUMBERS = {"GRIEVANCE PROCEDURE": "9", "TRANSFER": "11",
                  "EVALUATION AND PROBATIONARY PERIOD/PERSONNEL FILES": "13", "HOURS": "16"}


@needs_corpus
def test_the_corpus_package_holds_every_agreed_clause_from_the_right_round(tmp_path):
    folder = init(tmp_path / "ws")
    files = [str(p) for p in sorted(CORPUS.glob("*/v*.docx"))]
    run(folder, "add", *files)
    add_team(folder)
    expected = {ws(t["title"]).upper(): (d, t["versions"]) for d, t in truths()}
    for title in expected:
        run(folder, "ta", title, "--date", "2024-06-26", "--initials", "TD/MM")
    out, report = tmp_path / "TA.docx", tmp_path / "TA.json"
    numbers = ",".join(f"{k}={v}" for k, v in CORPUS_NUMBERS.items())
    result = run(folder, "assemble", "--package", "--numbers", numbers, "--report",
                 str(report), "-o", str(out))
    assert "no printed article number" not in result.stderr
    body, footers, _ = parts(out)
    text = ws(body)
    assert not PLACEHOLDER.search(body)
    assert "Between Stockton Unified School District (District) And the" in body
    for name in ("Tara Draper, Lead Negotiator", "Monica Madrid, NUHW Labor Rep"):
        assert name in body
    assert len([f for f in footers if "Tentatively agreed 06/26/2024" in f]) == len(expected)
    assert ws(body).count("Tentatively agreed 06/26/2024 District TD NUHW MM") == len(expected)
    entries = {e["article"].upper(): e for e in json.loads(report.read_text())["articles"]}
    for title, (folder_path, versions) in expected.items():
        last = versions[-1]
        n = CORPUS_NUMBERS[title]
        assert f"ARTICLE {n} - {title}" in body
        for c in last["clauses"]:
            number = resolve_number(c["number_normalized"], n)
            first = ws(resolve_placeholders(c["text"], n).split("\n")[0])
            assert ws(" ".join(p for p in (number, c["heading"]) if p)) in text, (title, number)
            assert first in text, (title, number)
        e = entries[title]
        assert (e["round"], e["file"], e["number"]) == (len(versions), last["file"], n)
        assert e["sha256"] == sha256(folder_path / last["file"])


def test_the_package_runs_as_a_process(samples_ws, tmp_path):
    out = tmp_path / "TA.docx"
    res = subprocess.run([sys.executable, "-m", "redline", "assemble", "--package",
                          "--workspace", str(samples_ws), "-o", str(out)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert "Tara Draper, Lead Negotiator" in parts(out)[0]


def test_placeholders_split_across_a_redlines_runs_are_filled_in():
    from redline.store.assembly import resolve_runs

    assert resolve_runs(["see X", ".3.1 and this Article ", "X", " and X", ".***"], "9") == \
        ["see 9", ".3.1 and this Article ", "9", " and 9", ".***"]
    assert resolve_runs(["X-ray"], "9") == ["X-ray"]


def test_the_package_says_what_it_is_in_its_properties(samples_ws, tmp_path):
    out = tmp_path / "TA.docx"
    run(samples_ws, "assemble", "--package", "-o", str(out))
    core = zipfile.ZipFile(out).read("docProps/core.xml").decode()
    assert "Tentative Agreement - Stockton Unified School District and National Union of " \
        "Healthcare Workers" in core and "tentative agreement 2024-04-18" in core


def test_a_migration_that_cannot_be_made_leaves_the_workspace_readable(tmp_path, monkeypatch,
                                                                     caplog):
    from redline.errors import WorkspaceError
    from redline.store import schema

    folder = init(tmp_path / "ws")
    run(folder, "add", str(SAMPLES[0]))
    db = sqlite3.connect(folder / ".redline" / "redline.db")
    db.execute("DROP TABLE signatories")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()

    def busy(db, path):
        raise WorkspaceError("the workspace is busy or locked; try again", path)

    monkeypatch.setattr(schema, "migrate", busy)
    import logging

    logger = logging.getLogger("redline")  # the CLI's handlers may not propagate
    logger.addHandler(caplog.handler)
    try:
        with Workspace.open(str(folder)) as w:
            assert w.schema_version == 1 and len(w.proposals()) == 1 and w.team() == []
            with pytest.raises(WorkspaceError, match="older redline"):
                w.add_signatory("District", "Tara Draper")
    finally:
        logger.removeHandler(caplog.handler)
    assert "not brought up to schema 2" in caplog.text


def test_two_rounds_on_one_day_the_package_names_the_later_one(tmp_path):
    """Added in the wrong order, the 12:15 counter is still the agreed round, and the
    report says so with its time."""
    folder = init(tmp_path / "ws")
    d, u = tmp_path / "d.txt", tmp_path / "u.txt"
    d.write_text("District Counter Proposal 06/20/2024 12:15PM\n\nHOURS\n\n"
                 "X.1 The work day is seven (7) hours.\n")
    u.write_text("Union Counter Proposal 06/20/2024 10:30AM\n\nHOURS\n\n"
                 "X.1 The work day is eight (8) hours.\n")
    run(folder, "add", str(d), str(u))
    run(folder, "ta", "hours", "--date", "2024-06-26", "--initials", "TD/MM")
    out, report = tmp_path / "TA.docx", tmp_path / "TA.json"
    run(folder, "assemble", "--package", "--numbers", "Hours=16", "--report", str(report),
        "-o", str(out))
    (entry,) = json.loads(report.read_text())["articles"]
    assert (entry["file"], entry["date"], entry["round"], entry["sha256"]) == (
        "d.txt", "2024-06-20T12:15", 2, sha256(d))
    body = parts(out)[0]
    assert "16.1 The work day is seven (7) hours." in body and "eight" not in body
