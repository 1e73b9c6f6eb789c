"""The negotiation workspace: storing proposals, chains of rounds, states, and surviving
crashes and concurrent commands."""
from __future__ import annotations

import hashlib
import json
import random
import re
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from click.testing import CliRunner

from corpus import CORPUS, needs_corpus
from redline.api import read
from redline.cli import cli
from ws_helpers import SAMPLES, run
from redline.store import Workspace

ROOT = Path(__file__).resolve().parent.parent
EMPLOYER = "Stockton Unified School District"



def init(folder: Path) -> Path:
    result = CliRunner().invoke(cli, ["init", str(folder), "--employer", EMPLOYER,
                                      "--union", "NUHW", "--term", "2024-2027"])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture()
def samples_ws(tmp_path) -> Path:
    ws = init(tmp_path / "ws")
    run(ws, "add", *map(str, SAMPLES))
    return ws


def clean_files() -> List[dict]:
    manifest = json.loads((CORPUS / "manifest.json").read_text())
    return [f for f in manifest["files"] if f["kind"] == "clean" and
            f["path"].endswith(".docx")]


# --- init and add --------------------------------------------------------------------------

def test_init_creates_the_layout_and_refuses_a_second_init(tmp_path):
    ws = init(tmp_path / "new")
    assert (ws / ".redline" / "redline.db").is_file()
    assert (ws / ".redline" / "objects").is_dir()
    result = CliRunner().invoke(cli, ["init", str(ws), "--employer", "x", "--union", "y"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "already a redline workspace" in result.stderr
    with Workspace.open(str(ws)) as w:
        assert (w.info.employer, w.info.union, w.info.term) == (EMPLOYER, "NUHW", "2024-2027")


def test_add_stores_the_bytes_and_the_same_file_twice_is_a_no_op(samples_ws):
    again = run(samples_ws, "add", str(SAMPLES[0]))
    assert again.stdout.startswith("exists ") and "already stored" in again.stdout
    with Workspace.open(str(samples_ws)) as w:
        props = w.proposals()
        assert len(props) == len(SAMPLES)
        for p, src in zip(props, SAMPLES):
            data = src.read_bytes()
            assert p.sha256 == hashlib.sha256(data).hexdigest()
            assert Path(w.objects.path(p.sha256)).read_bytes() == data
            assert p.filename == src.name
        assert w.check() == []


def test_add_reads_party_and_date_from_the_header_unless_given(tmp_path):
    ws = init(tmp_path / "ws")
    text = tmp_path / "counter.txt"
    text.write_text("HOURS\n\nX.1 The work day is eight (8) hours.\n")
    bad = run(ws, "add", str(text), code=2)
    assert "no proposal date" in bad.stderr and "--date" in bad.stderr
    # every missing field at once (issue 16: a missing date, then on the retry a party)
    assert "no party found" in bad.stderr and "--party" in bad.stderr
    assert len([ln for ln in bad.stderr.splitlines() if "redline: error:" in ln]) == 1
    run(ws, "add", str(text), "--party", "susd", "--date", "2024-05-09", "--label", "x")
    with Workspace.open(str(ws)) as w:
        (p,) = w.proposals()
        assert (p.party, p.date, p.label, p.articles) == ("District", "2024-05-09", "x",
                                                          ("HOURS",))


def test_a_folder_adds_every_proposal_under_it(tmp_path):
    ws = init(tmp_path / "ws")
    out = run(ws, "add", str(ROOT / "samples")).stdout
    assert out.count("added ") == len(SAMPLES)


def test_a_file_with_several_articles_links_each(tmp_path):
    ws = init(tmp_path / "ws")
    both = tmp_path / "package.txt"
    both.write_text("District Counter Proposal 05/09/2024\n\nHOURS\n\nX.1 Eight hours.\n\n"
                    "TRANSFER\n\nX.1 Transfers by seniority.\n")
    run(ws, "add", str(both))
    with Workspace.open(str(ws)) as w:
        assert [a.key for a in w.articles()] == ["HOURS", "TRANSFER"]
        assert [len(w.chain(a)) for a in w.articles()] == [1, 1]
        doc = w.article_document(w.version("TRANSFER"))
        assert [c.text for c in doc.clauses] == ["Transfers by seniority."]


def test_a_second_file_for_the_same_round_replaces_it_in_the_chain(tmp_path):
    ws = init(tmp_path / "ws")
    a, copy, b = tmp_path / "a.txt", tmp_path / "a-copy.txt", tmp_path / "b.txt"
    a.write_text("Union Proposal 05/09/2024\n\nHOURS\n\nX.1 Eight hours.\n")
    copy.write_text("Union Proposal 05/09/2024\n\n\nHOURS\n\nX.1  Eight hours.\n\n")
    b.write_text("Union Proposal 05/09/2024\n\nHOURS\n\nX.1 Seven hours.\n")
    run(ws, "add", str(a))
    # the same text in another file (the PDF of a DOCX, say) leaves the first standing
    assert "the same text as a.txt" in run(ws, "add", str(copy)).stdout
    with Workspace.open(str(ws)) as w:
        (v,) = w.chain("HOURS")
        assert v.proposal.filename == "a.txt"
    # a different text is a correction: it replaces
    assert "replaces a.txt" in run(ws, "add", str(b)).stdout
    with Workspace.open(str(ws)) as w:
        (v,) = w.chain("HOURS")
        assert v.proposal.filename == "b.txt" and len(w.proposals()) == 3
    log = run(ws, "log", "hours").stdout.splitlines()
    assert [ln.split()[0] for ln in log] == ["(copy)", "(copy)", "round"]


def test_unreadable_files_fail_alone(tmp_path):
    ws = init(tmp_path / "ws")
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a zip")
    result = run(ws, "add", str(junk), str(SAMPLES[0]), code=2)
    assert "failed " in result.stdout and "added " in result.stdout
    assert "junk.docx" in result.stderr and str(tmp_path / "ws") not in result.stderr
    with Workspace.open(str(ws)) as w:
        assert len(w.proposals()) == 1 and w.check() == []
    # nothing of the failed file is left in the object store
    objects = [p for p in (ws / ".redline" / "objects").rglob("*") if p.is_file()]
    assert len(objects) == 1


def test_the_workspace_is_found_from_a_folder_inside_it(samples_ws, monkeypatch):
    inner = samples_ws / "drafts" / "june"
    inner.mkdir(parents=True)
    monkeypatch.chdir(inner)
    monkeypatch.delenv("REDLINE_WORKSPACE", raising=False)
    result = CliRunner().invoke(cli, ["status"])
    assert result.exit_code == 0 and "SICK LEAVE" in result.stdout
    monkeypatch.chdir(samples_ws.parent)
    result = CliRunner().invoke(cli, ["status"])
    assert result.exit_code == 2 and "redline init" in result.stderr


# --- reading the chain ---------------------------------------------------------------------

@pytest.mark.parametrize("name", ["SICK LEAVE", "sick leave", "sick_leave", "sick",
                                  "12", "ARTICLE 12", "Article 12 - Sick Leave"])
def test_articles_are_named_as_users_name_them(samples_ws, name):
    with Workspace.open(str(samples_ws)) as w:
        assert w.article(name).key == "SICK LEAVE"


def test_an_unknown_article_is_a_one_line_error(samples_ws):
    result = run(samples_ws, "show", "PAY", code=2)
    assert result.stderr.count("\n") == 1 and "no article 'PAY'" in result.stderr


def test_show_as_of_a_date_gives_the_round_then(samples_ws):
    out = run(samples_ws, "show", "sick leave", "--as-of", "2024-03-21").stdout
    assert out.startswith("round 3 of 4")
    assert "ten (10)" in out and "Notice may be given by telephone" not in out
    latest = run(samples_ws, "show", "sick leave").stdout
    assert latest.startswith("round 4 of 4") and "Notice may be given by telephone" in latest
    early = run(samples_ws, "show", "sick leave", "--as-of", "2024-01-01", code=2)
    assert "no version on or before" in early.stderr


def test_show_gives_the_article_not_its_proposals_page_furniture(samples_ws):
    """The stored proposal's header and footer ("Page 1", the reservation of rights) are
    the whole document's: ``show`` gives the article alone (``parse`` lists them)."""
    out = run(samples_ws, "show", "sick leave", "--as-of", "2024-03-21").stdout
    assert "PAGE FURNITURE" not in out and "reserves the right" not in out
    sample = next(p for p in SAMPLES if p.name.startswith("v3_"))
    parsed = CliRunner().invoke(cli, ["parse", str(sample), "--format", "text"])
    assert parsed.exit_code == 0, parsed.output
    assert "PAGE FURNITURE" in parsed.stdout and "reserves the right" in parsed.stdout


def test_diff_compares_stored_rounds_like_compare(samples_ws, tmp_path):
    out = run(samples_ws, "diff", "sick leave", code=1).stdout
    assert "Notice may be given by telephone" in out and "round 3" in out
    same = run(samples_ws, "diff", "sick leave", "--from", "4", "--to", "4", code=0)
    assert "changes: none" in same.stdout
    docx = tmp_path / "changes.docx"
    run(samples_ws, "diff", "sick leave", "--from", "2024-02-07", "-o", str(docx), code=1)
    tracked = read(str(docx))
    assert [r.proposal.party for r in tracked.rounds][-1] == "Union"
    assert "telephone" in " ".join(c.text for c in tracked.latest().clauses)


def test_ws_history_renders_the_whole_chain(samples_ws, tmp_path):
    out = tmp_path / "h.docx"
    run(samples_ws, "ws-history", "sick leave", "-o", str(out))
    doc = read(str(out))
    assert [(r.proposal.party, r.proposal.date[:10]) for r in doc.rounds] == [
        ("District", "2024-02-07"), ("Union", "2024-03-07"), ("District", "2024-03-21"),
        ("Union", "2024-04-11")]
    for rnd, src in zip(doc.rounds, SAMPLES):
        assert [c.text for c in rnd.articles[0].clauses] == [c.text for c in read(str(src)).clauses]


# --- states --------------------------------------------------------------------------------

def test_ta_withdraw_and_reopen_transitions(samples_ws):
    ws = samples_ws
    out = run(ws, "ta", "sick leave", "--date", "2024-04-18", "--initials", "TD/MM").stdout
    assert "TA'd 2024-04-18 at round 4" in out
    again = run(ws, "ta", "sick leave", "--date", "2024-04-19", code=2)
    assert "reopen" in again.stderr and again.stderr.count("\n") == 1
    run(ws, "withdraw", "sick leave", code=2)
    run(ws, "reopen", "sick leave", "--date", "2024-04-20")
    run(ws, "reopen", "sick leave", code=2)
    run(ws, "withdraw", "sick leave", "--date", "2024-04-21", "--party", "NUHW")
    assert "already withdrawn" in run(ws, "withdraw", "sick leave", code=2).stderr
    (row,) = json.loads(run(ws, "status", "--format", "json").stdout)["articles"]
    assert (row["state"], row["state_date"]) == ("withdrawn", "2024-04-21")
    run(ws, "reopen", "sick leave")
    early = run(ws, "ta", "sick leave", "--date", "2024-04-18", "--version", "2")
    assert "round 2" in early.stdout
    with Workspace.open(str(ws)) as w:
        kinds = [(e.kind, e.date) for e in w.events()]
        assert kinds[:4] == [("ta", "2024-04-18"), ("ta", "2024-04-18"),
                             ("reopen", "2024-04-20"), ("withdraw", "2024-04-21")]
        assert w.status()[0].ta_round == 2


def test_a_ta_cannot_come_before_the_round_it_agrees_to(samples_ws):
    result = run(samples_ws, "ta", "sick leave", "--date", "2024-04-01", code=2)
    assert "before the round" in result.stderr


def test_status_formats(samples_ws):
    run(samples_ws, "ta", "sick leave", "--date", "2024-04-18", "--initials", "TD/MM")
    text = run(samples_ws, "status").stdout
    assert "12 SICK LEAVE" in text and "TA'd 2024-04-18 (round 4) [TD/MM]" in text
    csv_lines = run(samples_ws, "status", "--format", "csv").stdout.splitlines()
    assert csv_lines[0].startswith("article,number,rounds,last_party,last_date")
    assert csv_lines[1].startswith("SICK LEAVE,12,4,Union,2024-04-11,")


# --- the corpus ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_ws(tmp_path_factory):
    if not (CORPUS / "manifest.json").exists():
        pytest.skip(f"sample corpus not found at {CORPUS}")
    ws = init(tmp_path_factory.mktemp("corpus") / "ws")
    files = [str(CORPUS / f["path"]) for f in clean_files()]
    random.Random(6).shuffle(files)
    run(ws, "add", *files)
    return ws


@needs_corpus
def test_status_matches_the_manifest(corpus_ws):
    rows = {r["article"]: r for r in json.loads(
        run(corpus_ws, "status", "--format", "json").stdout)["articles"]}
    by_article: Dict[str, List[dict]] = {}
    for f in clean_files():
        by_article.setdefault(f["article"], []).append(f)
    assert set(rows) == set(by_article)
    for article, files in by_article.items():
        last = max(files, key=lambda f: f["version"])
        row = rows[article]
        assert row["rounds"] == len(files)
        assert (row["last_party"], row["last_date"]) == (last["party"], last["date"])
        assert row["state"] == "open"


@needs_corpus
def test_log_matches_the_manifest(corpus_ws):
    logged = json.loads(run(corpus_ws, "log", "--format", "json").stdout)["proposals"]
    assert [p["date"] for p in logged] == sorted(p["date"] for p in logged)
    got = {(p["sha256"], p["party"], p["date"], tuple(p["articles"])) for p in logged}
    want = {(f["sha256"], f["party"], f["date"], (f["article"],)) for f in clean_files()}
    assert got == want
    text = run(corpus_ws, "log").stdout
    for f in clean_files():
        assert f["sha256"][:12] in text
    for article in {f["article"] for f in clean_files()}:
        rounds = json.loads(run(corpus_ws, "log", article, "--format", "json").stdout)
        versions = [f["version"] for f in clean_files() if f["article"] == article]
        assert sorted(p["round"] for p in rounds["proposals"]) == sorted(versions)


# --- crashes and concurrent commands -------------------------------------------------------

def many_proposals(folder: Path, count: int = 120) -> List[Path]:
    """Real proposals (the samples, the corpus when present) and many small text ones."""
    folder.mkdir(parents=True, exist_ok=True)
    files = list(SAMPLES)
    if (CORPUS / "manifest.json").exists():
        files += sorted(CORPUS.glob("*/v*.docx"))
    for i in range(count):
        party = "District" if i % 2 else "Union"
        path = folder / f"p{i:03d}.txt"
        path.write_text(f"{party} Counter Proposal {1 + i % 12:02d}/{1 + i % 28:02d}/2024\n\n"
                        f"ARTICLE {i + 1} - TOPIC {i}\n\nX.1 The first clause of topic {i}."
                        f"\n\nX.2 The second clause of topic {i}.\n")
        files.append(path)
    return files


def start_add(ws: Path, files: List[Path]) -> Tuple[subprocess.Popen, List[str],
                                                   threading.Thread]:
    """``python -m redline add`` in a subprocess; its stdout lines are collected as they
    arrive, so a line counts only if the process printed it before it died."""
    proc = subprocess.Popen([sys.executable, "-m", "redline", "add", "--workspace", str(ws),
                             *map(str, files)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, cwd=str(ROOT))
    lines: List[str] = []

    def collect() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))

    reader = threading.Thread(target=collect, daemon=True)
    reader.start()
    return proc, lines, reader


def reported(lines: List[str]) -> Dict[str, str]:
    """Path -> sha prefix of every file the process said was stored."""
    out = {}
    for line in lines:
        m = re.match(r"^(?:added|exists) ([0-9a-f]{12}) (.+?): ", line)
        if m:
            out[m.group(2)] = m.group(1)
    return out


def assert_sound(ws: Path, stored: Dict[str, str]) -> int:
    """The workspace opens, passes the integrity check, and holds every reported file
    byte for byte.  Returns how many proposals it holds."""
    db = sqlite3.connect(str(ws / ".redline" / "redline.db"))
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()
    with Workspace.open(str(ws)) as w:
        assert w.check() == []
        by_sha = {p.sha256: p for p in w.proposals()}
        for path, sha12 in stored.items():
            data = Path(path).read_bytes()
            sha = hashlib.sha256(data).hexdigest()
            assert sha.startswith(sha12) and sha in by_sha, path
            assert Path(w.objects.path(sha)).read_bytes() == data
        # every stored proposal is whole: its article rows and its status are readable
        w.status()
        return len(by_sha)


def test_add_killed_at_random_points_loses_nothing_reported(tmp_path):
    files = many_proposals(tmp_path / "files")
    # how long an uninterrupted run takes, so the kills land while it works
    full = init(tmp_path / "full")
    began = time.monotonic()
    proc, lines, reader = start_add(full, files)
    assert proc.wait(timeout=120) == 0
    reader.join(timeout=10)
    span = time.monotonic() - began
    assert assert_sound(full, reported(lines)) == len(files)
    rng = random.Random(2024)
    deadline = time.monotonic() + 15
    kills = 0
    for i in range(8):
        if time.monotonic() > deadline:
            break
        ws = init(tmp_path / f"ws{i}")
        order = list(files)
        rng.shuffle(order)
        proc, lines, reader = start_add(ws, order)
        time.sleep(rng.uniform(0.05, span))
        proc.kill()  # SIGKILL: no cleanup, no flush, no rollback
        proc.wait(timeout=30)
        reader.join(timeout=10)
        kills += 1
        stored = reported(lines)
        held = assert_sound(ws, stored)
        assert held >= len(stored)
        if i == 0:
            # the interrupted add resumes: the rest is stored, the rest reported as present
            proc, lines, reader = start_add(ws, order)
            assert proc.wait(timeout=120) == 0
            reader.join(timeout=10)
            assert assert_sound(ws, reported(lines)) == len(files)
            assert len(reported(lines)) == len(files)
    assert kills >= 3


def test_two_concurrent_adds_do_not_corrupt_the_workspace(tmp_path):
    files = many_proposals(tmp_path / "files", count=60)
    ws = init(tmp_path / "ws")
    first, second = list(files), list(reversed(files))
    a = start_add(ws, first)
    b = start_add(ws, second)
    for proc, _, reader in (a, b):
        assert proc.wait(timeout=120) == 0
        reader.join(timeout=10)
    assert assert_sound(ws, {**reported(a[1]), **reported(b[1])}) == len(files)
    added = [ln.split()[2] for ln in a[1] + b[1] if ln.startswith("added ")]
    assert sorted(added) == sorted(str(f) + ":" for f in files)  # each stored exactly once


def test_a_failure_inside_the_transaction_leaves_nothing_half_stored(tmp_path, monkeypatch):
    ws = init(tmp_path / "ws")
    with Workspace.open(str(ws)) as w:
        real = w.db

        class Failing:
            """The connection, failing as the second row of the proposal is written."""

            def execute(self, sql, *args):
                if sql.startswith("INSERT INTO versions"):
                    raise sqlite3.OperationalError("disk I/O error")
                return real.execute(sql, *args)

        monkeypatch.setattr(w, "db", Failing())
        with pytest.raises(sqlite3.OperationalError):
            w.add(str(SAMPLES[0]))
        monkeypatch.setattr(w, "db", real)
        assert w.proposals() == [] and w.articles() == [] and w.check() == []
        assert w.add(str(SAMPLES[0])).status == "added"
        assert w.check() == []


def test_the_object_store_never_holds_a_partial_file(tmp_path):
    ws = init(tmp_path / "ws")
    with Workspace.open(str(ws)) as w:
        w.add(str(SAMPLES[0]))
        (p,) = w.proposals()
        # a damaged object is reported, not trusted
        path = Path(w.objects.path(p.sha256))
        path.chmod(0o644)
        path.write_bytes(path.read_bytes()[:100])
        assert any("does not match its hash" in msg for msg in w.check())
        # adding the file again restores it
        assert w.add(str(SAMPLES[0])).notes and w.check() == []


def test_aliases_name_the_parties(tmp_path):
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "ws"), "--employer", EMPLOYER,
                                      "--union", "CSEA Delta Valley Chapter 821",
                                      "--alias", "Union=Chapter 821"])
    assert result.exit_code == 0, result.output
    text = tmp_path / "counter.txt"
    text.write_text("Chapter 821 Counter Proposal 05/21/2025\n\nHOURS\n\nX.1 Eight hours.\n")
    run(tmp_path / "ws", "add", str(text))
    with Workspace.open(str(tmp_path / "ws")) as w:
        assert w.info.aliases == {"Union": ("Chapter 821",)}
        (p,) = w.proposals()
        assert (p.party, p.date) == ("Union", "2025-05-21")


def test_a_folders_redline_never_stands_for_its_round(tmp_path):
    """Issue 16: ``add FOLDER`` takes the clean proposals for the rounds and the redline
    as the other side's marking of its round, whatever the names' order ("0-redline.docx"
    sorts first)."""
    import shutil as _shutil

    folder = tmp_path / "exchanged"
    folder.mkdir()
    v1, v2 = SAMPLES[0], SAMPLES[1]
    res = CliRunner().invoke(cli, ["history", str(v1), str(v2), "-o",
                                   str(folder / "0-redline.docx")])
    assert res.exit_code == 0, res.output
    _shutil.copy(v1, folder / v1.name)
    _shutil.copy(v2, folder / v2.name)
    ws = init(tmp_path / "ws")
    out = run(ws, "add", str(folder)).stdout
    assert out.count("added ") == 3, out
    lines = [ln for ln in out.splitlines() if ln.startswith("added ")]
    assert "0-redline.docx" in lines[-1], lines
    with Workspace.open(str(ws)) as w:
        chain = w.chain("SICK LEAVE")
        assert [v.proposal.filename for v in chain] == [v1.name, v2.name]


def test_two_rounds_on_one_day_without_times_stop_and_name_both(tmp_path):
    """Issue 12: two proposals of one article on one day, one of them without a time of
    day: the workspace does not guess their order (a TA taken from the wrong one holds the
    wrong language); it stops, names both files, and takes the times with add --date."""
    ws = init(tmp_path / "ws")
    union = tmp_path / "union.txt"
    union.write_text("Union Counter Proposal 06/20/2024\n\nHOURS\n\nX.1 Seven hours.\n")
    district = tmp_path / "district.txt"
    district.write_text("District Counter Proposal 06/20/2024\n\nHOURS\n\nX.1 Eight hours.\n")
    run(ws, "add", str(union))
    run(ws, "add", str(district))
    bad = run(ws, "ws-history", "HOURS", "-o", str(tmp_path / "h.docx"), code=2)
    assert "union.txt" in bad.stderr and "district.txt" in bad.stderr
    assert "time of day" in bad.stderr and "--date" in bad.stderr
    assert "HOURS" in run(ws, "ta", "HOURS", "--date", "2024-06-21", code=2).stderr
    # the overviews still show the article, saying its order is unknown
    assert "order unknown" in run(ws, "status").stdout
    run(ws, "report")
    said = run(ws, "add", str(district), "--date", "2024-06-20 12:15").stdout
    assert "time of day is now set" in said
    run(ws, "add", str(union), "--date", "2024-06-20 10:30")
    with Workspace.open(str(ws)) as w:
        assert [v.party for v in w.chain("HOURS")] == ["Union", "District"]
        assert w.version("HOURS").proposal.filename == "district.txt"


def test_a_folder_is_read_once_per_file_and_leaves_no_temporary_files(tmp_path, monkeypatch):
    """``add FOLDER`` orders the folder (clean proposals by date, then redlines) from the
    very parse it stores: each file is read once, and a copy of a file in the folder is
    stored once."""
    import shutil as _shutil

    import redline.readers as readers

    folder = tmp_path / "exchanged"
    folder.mkdir()
    for s in SAMPLES:
        _shutil.copy(s, folder / s.name)
    _shutil.copy(SAMPLES[0], folder / "zz-copy.docx")
    ws = init(tmp_path / "ws")
    calls = []
    real = readers.build_document  # every reader's last step, whoever calls it
    monkeypatch.setattr(readers, "build_document",
                        lambda raw, path, *a, **k: calls.append(path) or real(raw, path, *a, **k))
    out = run(ws, "add", str(folder)).stdout
    assert len(calls) == len(SAMPLES) + 1, calls
    assert out.count("added ") == len(SAMPLES) and out.count("exists ") == 1, out
    leftovers = [p for p in (tmp_path / "ws").rglob("*") if p.is_file() and ".tmp" in p.name]
    assert not leftovers, leftovers


def test_a_file_of_a_folder_that_cannot_be_read_is_reported_and_the_rest_stored(tmp_path):
    import shutil as _shutil

    folder = tmp_path / "exchanged"
    folder.mkdir()
    _shutil.copy(SAMPLES[0], folder / SAMPLES[0].name)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not a zip at all")
    ws = init(tmp_path / "ws")
    res = run(ws, "add", str(folder), code=2)
    assert "failed " in res.stdout and "broken.docx" in res.stdout
    assert res.stdout.count("added ") == 1
