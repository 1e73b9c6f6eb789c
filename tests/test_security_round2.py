"""Issue 18, reliability and security round two: what a hostile or careless user finds.

Each test names the case of docs/security.md it covers.  Most run real ``python -m redline``
processes (as the probe did); the rest go through click's ``CliRunner`` or the library.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, Dict, List

import pytest
from click.testing import CliRunner

from docx_builder import build_docx, comment, footnote, footnote_ref, p

from redline.cli import cli

MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
MATH = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
VML = 'xmlns:v="urn:schemas-microsoft-com:vml"'
MADE_UP = 'xmlns:x="urn:example:made-up"'
HEAD = p("ARTICLE 1 - PAY")
CLAUSE = "1.1 Staff are paid monthly."
#: ``(date, author)`` of the marked change in a hand-made redline.
MARK = 'w:author="Union" w:date="2024-05-01T00:00:00Z"'


def redline(*args: str, cwd=None, stdin=None, timeout: float = 60) -> subprocess.CompletedProcess:
    """``python -m redline ARGS`` as a real process."""
    return subprocess.run([sys.executable, "-m", "redline", *args], capture_output=True,
                          text=True, cwd=cwd, stdin=stdin, timeout=timeout)


def one_line_error(res) -> str:
    """The stderr of a refused command: one ``redline: error:`` line, no
    traceback."""
    err = res.stderr.strip()
    assert "Traceback" not in err, err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("redline: error:"), err
    return err


# --- 1. what Word renders is what we read ---------------------------------------------------

def _choice(requires: str, decl: str, inner: str, fallback: str = "") -> str:
    return (f'<mc:AlternateContent {MC} {decl}><mc:Choice Requires="{requires}">{inner}'
            f"</mc:Choice><mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>")


def _run(word: str) -> str:
    return f'<w:r><w:t xml:space="preserve"> {word}</w:t></w:r>'


def _box(word: str) -> str:
    return (f"<w:txbxContent>{p('Box says ' + word)}</w:txbxContent>")


#: Where Word shows a word: each builds the keyword arguments of ``build_docx`` around it.
WORD_SHOWS: Dict[str, Callable[[str], dict]] = {
    "alternate-content-in-paragraph": lambda wd: dict(
        body=HEAD + p(CLAUSE, _choice("wps", WPS, _run(wd)))),
    "alternate-content-around-paragraphs": lambda wd: dict(
        body=HEAD + p(CLAUSE) + _choice("w14", W14, p("1.2 Extra " + wd))),
    "alternate-content-choice-word-cannot-read-so-fallback": lambda wd: dict(
        body=HEAD + p(CLAUSE, _choice("x", MADE_UP, _run("same"), _run(wd)))),
    "alternate-content-nested": lambda wd: dict(
        body=HEAD + p(CLAUSE, _choice("wps", WPS, _choice("w14", W14, _run(wd))))),
    "alternate-content-text-box": lambda wd: dict(
        body=HEAD + p(CLAUSE, "<w:r>" + _choice(
            "wps", WPS, f"<w:drawing>{_box(wd)}</w:drawing>",
            f'<w:pict><v:shape {VML}><v:textbox>{_box("same")}</v:textbox></v:shape>'
            "</w:pict>") + "</w:r>")),
    "vml-wordart": lambda wd: dict(
        body=HEAD + p(CLAUSE, f'<w:r><w:pict><v:shape {VML}><v:textpath string="Art {wd}"/>'
                              "</v:shape></w:pict></w:r>")),
    "text-box-in-a-text-box": lambda wd: dict(
        body=HEAD + p(CLAUSE, "<w:r><w:drawing><w:txbxContent>" + p(
            "Outer box", "<w:r><w:drawing>" + _box(wd) + "</w:drawing></w:r>")
            + "</w:txbxContent></w:drawing></w:r>")),
    "process-content-wrapper": lambda wd: dict(
        body=HEAD + p(CLAUSE, f'<x:wrap {MADE_UP} {MC} mc:Ignorable="x" '
                              f'mc:ProcessContent="x:wrap">{_run(wd)}</x:wrap>')),
    "equation": lambda wd: dict(
        body=HEAD + p(CLAUSE, f"<m:oMath {MATH}><m:r><m:t>{wd}</m:t></m:r></m:oMath>")),
    "ruby-guide-text": lambda wd: dict(
        body=HEAD + p(CLAUSE, "<w:r><w:ruby><w:rubyPr/><w:rt>" + _run(wd) + "</w:rt>"
                      "<w:rubyBase>" + _run("base") + "</w:rubyBase></w:ruby></w:r>")),
    "content-control-around-a-row": lambda wd: dict(
        body=HEAD + p(CLAUSE) + "<w:tbl><w:tblPr/><w:tr><w:tc>" + p("a") + "</w:tc></w:tr>"
        "<w:sdt><w:sdtContent><w:tr><w:tc>" + p("row " + wd) + "</w:tc></w:tr>"
        "</w:sdtContent></w:sdt></w:tbl>"),
    "content-control-around-a-cell": lambda wd: dict(
        body=HEAD + p(CLAUSE) + "<w:tbl><w:tblPr/><w:tr><w:tc>" + p("a") + "</w:tc>"
        "<w:sdt><w:sdtContent><w:tc>" + p("cell " + wd) + "</w:tc></w:sdtContent></w:sdt>"
        "</w:tr></w:tbl>"),
    "custom-xml-around-a-cell": lambda wd: dict(
        body=HEAD + p(CLAUSE) + "<w:tbl><w:tblPr/><w:tr><w:tc>" + p("a") + "</w:tc>"
        '<w:customXml w:element="x"><w:tc>' + p("cell " + wd) + "</w:tc></w:customXml>"
        "</w:tr></w:tbl>"),
    "footnote": lambda wd: dict(
        body=HEAD + p(CLAUSE, footnote_ref(1)), footnotes=footnote(1, "Note " + wd)),
}


def _pair(tmp_path: Path, name: str) -> List[str]:
    paths = []
    for side, word in (("ours", "alpha"), ("theirs", "omega")):
        path = tmp_path / f"{name}-{side}.docx"
        build_docx(path=path, **WORD_SHOWS[name](word))
        paths.append(str(path))
    return paths


@pytest.mark.parametrize("name", sorted(WORD_SHOWS))
def test_issue18_a_word_only_word_shows_is_a_difference(tmp_path, name):
    ours, theirs = _pair(tmp_path, name)
    res = CliRunner().invoke(cli, ["compare", ours, theirs])
    assert res.exit_code == 1, res.output
    assert "omega" in res.output and "alpha" in res.output


@pytest.mark.parametrize("name", ["alternate-content-in-paragraph", "equation",
                                  "content-control-around-a-row"])
def test_issue18_a_word_only_word_shows_is_a_difference_in_a_real_process(tmp_path, name):
    ours, theirs = _pair(tmp_path, name)
    res = redline("compare", ours, theirs)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "omega" in res.stdout


def test_issue18_a_box_in_a_box_is_read_once(tmp_path):
    from redline.api import read

    path = tmp_path / "boxes.docx"
    build_docx(path=path, **WORD_SHOWS["text-box-in-a-text-box"]("alpha"))
    text = read(str(path)).clauses[0].text
    assert text.count("alpha") == 1 and text.count("Outer box") == 1, text


def test_issue18_a_choice_word_does_not_take_is_not_read(tmp_path):
    """The other half: words in a branch Word skips are not a difference Word shows."""
    paths = []
    for word in ("alpha", "omega"):
        path = tmp_path / f"{word}.docx"
        build_docx(path=path, body=HEAD + p(CLAUSE, _choice("x", MADE_UP, _run(word),
                                                               _run("same"))))
        paths.append(str(path))
    res = CliRunner().invoke(cli, ["compare", *paths])
    assert res.exit_code == 0, res.output


def _their_redline(path: Path, name: str) -> None:
    """Their redline: one change marked, and the word Word shows changed without a mark."""
    kwargs = WORD_SHOWS[name]("omega")
    kwargs["body"] = kwargs["body"] + p(
        "1.9 ", f"<w:ins {MARK} w:id=\"7\"><w:r><w:t>Marked words.</w:t></w:r></w:ins>")
    build_docx(path=path, **kwargs)


#: verify compares clauses: footnotes are read as their latest text, so a marked change in
#: a note cannot be told from an unmarked one (a known gap, docs/security.md)
IN_CLAUSES = sorted(set(WORD_SHOWS) - {"footnote"})


@pytest.mark.parametrize("name", IN_CLAUSES)
def test_issue18_verify_catches_a_word_only_word_shows(tmp_path, name):
    ours = tmp_path / "ours.docx"
    kwargs = WORD_SHOWS[name]("alpha")
    kwargs["body"] = kwargs["body"] + p("1.9 ")
    build_docx(path=ours, **kwargs)
    theirs = tmp_path / "theirs.docx"
    _their_redline(theirs, name)
    res = CliRunner().invoke(cli, ["verify", str(theirs), "--against", str(ours)])
    assert res.exit_code == 1, res.output
    assert "unmarked" in res.output and "omega" in res.output


def test_issue18_verify_in_a_real_process(tmp_path):
    name = "alternate-content-in-paragraph"
    ours = tmp_path / "ours.docx"
    kwargs = WORD_SHOWS[name]("alpha")
    kwargs["body"] = kwargs["body"] + p("1.9 ")
    build_docx(path=ours, **kwargs)
    theirs = tmp_path / "theirs.docx"
    _their_redline(theirs, name)
    res = redline("verify", str(theirs), "--against", str(ours))
    assert res.returncode == 1, res.stdout + res.stderr
    assert "omega" in res.stdout


@pytest.mark.parametrize("name", sorted(WORD_SHOWS))
def test_issue18_tracked_output_marks_a_word_only_word_shows(tmp_path, name):
    """Our own tracked redline carries the word marked: it passes verify against the old
    version, and reads with "omega" inserted and "alpha" deleted."""
    from redline.api import read
    from redline.model import DEL, INS

    ours, theirs = _pair(tmp_path, name)
    out = tmp_path / "out.docx"
    res = CliRunner().invoke(cli, ["compare", ours, theirs, "-o", str(out)])
    assert res.exit_code == 1, res.output
    if name != "footnote":  # (marks in notes do not make a redline: see IN_CLAUSES)
        res = CliRunner().invoke(cli, ["verify", str(out), "--against", ours])
        assert res.exit_code == 0, res.output
    doc = read(str(out))
    spans = [s for c in doc.clauses for para in c.paragraphs for s in para] + [
        s for c in doc.clauses for row in c.table_spans or () for cell in row for s in cell]
    kinds = {s.kind for s in spans if "omega" in s.text} | {
        s.kind for s in spans if "alpha" in s.text}
    notes = " ".join(n.text for n in doc.footnotes)
    if name == "footnote":
        assert "omega" in notes and "alpha" not in notes
    else:
        assert INS in kinds and DEL in kinds, spans
        assert all(s.kind == INS for s in spans if "omega" in s.text)
        assert all(s.kind == DEL for s in spans if "alpha" in s.text)


# --- 2. outputs never land on the workspace, inputs, devices or FIFOs -----------------------

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples" / "sick_leave").glob("v*.docx"))
SAMPLE = str(SAMPLES[0])


@pytest.fixture(scope="module")
def ws_template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("template") / "ws"
    res = CliRunner().invoke(cli, ["init", str(folder), "--employer", "SUSD", "--union",
                                   "NUHW"])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(cli, ["add", *map(str, SAMPLES), "--workspace", str(folder)])
    assert res.exit_code == 0, res.output
    return folder


@pytest.fixture()
def ws(ws_template, tmp_path) -> Path:
    """A copy of a workspace holding the four sample counters (checkpointed: no -wal)."""
    import shutil
    import sqlite3

    db = sqlite3.connect(ws_template / ".redline" / "redline.db")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    target = tmp_path / "ws"
    shutil.copytree(ws_template, target)
    for extra in (target / ".redline").glob("redline.db-*"):
        extra.unlink()
    return target


def _snapshot(folder: Path) -> Dict[str, bytes]:
    """Every file of a workspace's own folder, by name (to show nothing was written)."""
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted((folder / ".redline").rglob("*")) if p.is_file()
            and not p.name.endswith(("-wal", "-shm"))}


def test_issue18_status_onto_the_workspace_database_is_refused(ws):
    before = _snapshot(ws)
    res = redline("status", "-o", ".redline/redline.db", cwd=ws)
    assert res.returncode == 2
    assert "workspace's own folder" in one_line_error(res)
    assert _snapshot(ws) == before
    assert redline("status", cwd=ws).returncode == 0


def test_issue18_output_onto_a_stored_object_is_refused(ws):
    before = _snapshot(ws)
    (obj,) = [p for p in (ws / ".redline" / "objects").rglob("*") if p.is_file()][:1]
    for args in (["status", "-o", str(obj)], ["report", "-o", str(obj)],
                 ["diff", "sick leave", "-f", "text", "-o", str(obj)]):
        res = CliRunner().invoke(cli, [*args, "--workspace", str(ws)])
        assert res.exit_code == 2, res.output
        assert "workspace's own folder" in res.output
    # also through a symlink that hides where it points
    link = ws / "innocent.docx"
    link.symlink_to(obj)
    res = CliRunner().invoke(cli, ["status", "-o", str(link), "--workspace", str(ws)])
    assert res.exit_code == 2 and "workspace's own folder" in res.output
    assert _snapshot(ws) == before


def test_issue18_output_onto_a_device_node_is_refused(tmp_path):
    res = redline("parse", SAMPLE, "-o", "/dev/null")
    assert res.returncode == 2
    assert "not a regular file" in one_line_error(res)
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")


def test_issue18_output_onto_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    res = redline("parse", SAMPLE, "-o", str(fifo), timeout=30)
    assert res.returncode == 2
    assert "not a regular file" in one_line_error(res)


def test_issue18_output_onto_a_folder_is_refused(tmp_path):
    res = CliRunner().invoke(cli, ["parse", SAMPLE, "-o", str(tmp_path)])
    assert res.exit_code == 2 and "is a folder" in res.output


def test_issue18_dash_is_still_standard_output():
    res = CliRunner().invoke(cli, ["parse", SAMPLE, "-o", "-"])
    assert res.exit_code == 0 and res.output.lstrip().startswith("{")


# --- 3. database errors, full disks, unwritable folders: one line, nothing half-written ------

def _damage(db_path: Path) -> bytes:
    """Overwrite the start of every page after the first (SQLite's ``malformed``)."""
    data = bytearray(db_path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for start in range(page, len(data), page):
        data[start:start + 100] = b"\xab" * 100
    db_path.write_bytes(bytes(data))
    return bytes(data)


WORKSPACE_COMMANDS = [
    ["status"], ["status", "-f", "csv"], ["log"], ["log", "sick leave"], ["show", "sick leave"],
    ["report"], ["diff", "sick leave"], ["ta", "sick leave", "--date", "2024-05-01"],
    ["withdraw", "sick leave"], ["reopen", "sick leave"], ["add", SAMPLE],
    ["add", str(ROOT / "samples" / "sick_leave" / "missing.docx")],
    ["assemble", "-o", "TA.docx", "--include-open"],
    ["ws-history", "sick leave", "-o", "h.docx"],
]


def test_issue18_a_damaged_database_is_one_line_from_every_command(ws):
    damaged = _damage(ws / ".redline" / "redline.db")
    for args in WORKSPACE_COMMANDS:
        res = CliRunner().invoke(cli, [*args, "--workspace", str(ws)])
        assert res.exit_code == 2, (args, res.output)
        assert res.exception is None or isinstance(res.exception, SystemExit), (
            args, res.exception)
        assert "damaged" in res.output, (args, res.output)
    # never written to: not by add, not by ta
    assert (ws / ".redline" / "redline.db").read_bytes() == damaged
    assert not list((ws / ".redline" / "objects").rglob(".tmp-*"))


def test_issue18_a_damaged_database_in_a_real_process(ws):
    damaged = _damage(ws / ".redline" / "redline.db")
    for args in (["status"], ["add", SAMPLE], ["show", "sick leave"]):
        res = redline(*args, cwd=ws)
        assert res.returncode == 2, res.stderr
        assert "damaged" in one_line_error(res)
    assert (ws / ".redline" / "redline.db").read_bytes() == damaged


def test_issue18_add_never_writes_into_a_database_damaged_where_add_does_not_read(ws):
    """A damaged page that reading the workspace does not touch: ``add`` still refuses
    (it checks the whole database before it writes)."""
    import sqlite3

    db_path = ws / ".redline" / "redline.db"
    db = sqlite3.connect(db_path)
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'events_by_article'"
                      ).fetchone()[0]
    db.close()
    data = bytearray(db_path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[(root - 1) * page] = 0xAB  # not a b-tree page type
    db_path.write_bytes(bytes(data))
    assert redline("status", cwd=ws).returncode == 0  # reading does not meet the damage
    new = ws / "new.docx"
    build_docx(path=new, body=p("HOURS") + p("1.1 Eight hours.") ,
               header=p("District Proposal 05/09/2024"))
    res = redline("add", str(new), cwd=ws)
    assert res.returncode == 2, res.stdout + res.stderr
    assert "damaged" in one_line_error(res)
    assert db_path.read_bytes() == bytes(data)


_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def _as_nobody() -> dict:
    """How to run a process that cannot write what root made read-only (root can)."""
    if os.geteuid() != 0:
        return {}
    import shutil

    if not shutil.which("setpriv") or subprocess.run(
            [*_NOBODY, sys.executable, "-c", "import redline"], capture_output=True
    ).returncode != 0:
        pytest.skip("running as root, and no way to run redline as another user")
    return {"prefix": _NOBODY}


@pytest.fixture()
def open_tmp():
    """A folder everyone may enter (pytest's own are private to their owner)."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="redline-test-"))
    os.chmod(folder, 0o755)
    yield folder
    for sub in [folder, *folder.rglob("*")]:
        if sub.is_dir() and not sub.is_symlink():
            os.chmod(sub, 0o755)
    shutil.rmtree(folder, ignore_errors=True)


def test_issue18_a_read_only_workspace_still_reads(ws, open_tmp):
    import shutil

    how = _as_nobody()
    ws = Path(shutil.copytree(ws, open_tmp / "ws"))
    os.chmod(ws / ".redline" / "redline.db", 0o444)
    for folder in (ws, ws / ".redline"):
        os.chmod(folder, 0o555)
    before = _snapshot(ws)
    try:
        def run(*args):
            cmd = [*how.get("prefix", []), sys.executable, "-m", "redline", *args]
            return subprocess.run(cmd, capture_output=True, text=True, cwd=ws, timeout=60)

        for args in (["status"], ["log"], ["show", "sick leave"], ["report"]):
            res = run(*args)
            assert res.returncode == 0, (args, res.stderr)
        for args in (["ta", "sick leave", "--date", "2024-05-01"], ["add", SAMPLE]):
            res = run(*args)
            assert res.returncode == 2, (args, res.stdout, res.stderr)
            assert "read-only" in one_line_error(res)
        assert _snapshot(ws) == before
    finally:
        for folder in (ws, ws / ".redline"):
            os.chmod(folder, 0o755)


def _full_disk(monkeypatch) -> None:
    import errno

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(os, "fsync", full)


def test_issue18_a_full_disk_during_add_leaves_nothing(ws, monkeypatch):
    new = ws / "new.docx"
    build_docx(path=new, body=p("HOURS") + p("1.1 Eight hours."),
               header=p("District Proposal 05/09/2024"))
    before = _snapshot(ws)
    _full_disk(monkeypatch)
    res = CliRunner().invoke(cli, ["add", str(new), "--workspace", str(ws)])
    assert res.exit_code == 2, res.output
    assert "No space left on device" in res.output and "Traceback" not in res.output
    assert _snapshot(ws) == before


def test_issue18_a_full_disk_during_output_leaves_nothing(tmp_path, monkeypatch):
    _full_disk(monkeypatch)
    for out in ("x.json", "x.docx", "x.html"):
        res = CliRunner().invoke(cli, ["compare", str(SAMPLES[0]), str(SAMPLES[1]), "-o",
                                       str(tmp_path / out)])
        assert res.exit_code == 2, res.output
        assert "No space left on device" in res.output
    assert os.listdir(tmp_path) == []


def test_issue18_a_full_disk_in_a_real_process(tmp_path):
    """A file-size limit makes the kernel refuse the write (EFBIG), as a full disk would."""
    import resource
    import signal

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))

    out = tmp_path / "out.json"
    res = subprocess.run([sys.executable, "-m", "redline", "parse", SAMPLE, "-o", str(out)],
                         capture_output=True, text=True, preexec_fn=limit, timeout=60)
    assert res.returncode == 2
    assert "File too large" in one_line_error(res)
    assert os.listdir(tmp_path) == []


def test_issue18_an_output_folder_that_cannot_be_written(tmp_path, monkeypatch):
    import tempfile

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(tempfile, "mkstemp", refused)
    res = CliRunner().invoke(cli, ["parse", SAMPLE, "-o", str(tmp_path / "out.json")])
    assert res.exit_code == 2
    assert "Permission denied" in res.output, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)


def test_issue18_an_output_folder_that_cannot_be_written_in_a_real_process(open_tmp):
    how = _as_nobody()
    locked = open_tmp / "locked"
    locked.mkdir()
    os.chmod(locked, 0o555)
    res = subprocess.run([*how.get("prefix", []), sys.executable, "-m", "redline", "parse",
                          SAMPLE, "-o", str(locked / "out.json")], capture_output=True,
                         text=True, timeout=60)
    assert res.returncode == 2
    assert "Permission denied" in one_line_error(res)
    assert os.listdir(locked) == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("args", [["parse", SAMPLE], ["parse", SAMPLE, "-f", "text"],
                                  ["compare", str(SAMPLES[0]), str(SAMPLES[1])]])
def test_issue18_standard_output_on_a_full_device(args):
    with open("/dev/full", "w") as full:
        res = subprocess.run([sys.executable, "-m", "redline", *args], stdout=full,
                             stderr=subprocess.PIPE, text=True, timeout=60)
    assert res.returncode == 2
    assert "No space left on device" in one_line_error(res)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_issue18_workspace_listing_on_a_full_device(ws):
    with open("/dev/full", "w") as full:
        res = subprocess.run([sys.executable, "-m", "redline", "status"], stdout=full,
                             stderr=subprocess.PIPE, text=True, cwd=ws, timeout=60)
    assert res.returncode == 2
    assert "No space left on device" in one_line_error(res)


# --- 9. leftovers --------------------------------------------------------------------------

def test_issue18_a_killed_add_leaves_nothing_after_the_next_command(ws):
    """A process that dies (``os._exit``, as ``kill -9``) right after writing its temporary
    object; the next command, whatever it is, removes the file."""
    code = ("import os, sys; from redline.store.workspace import Workspace; "
            "ws = Workspace.open(sys.argv[1]); "
            "ws.objects.write_temp(b'half a proposal', 'ab' * 32, '.docx'); os._exit(9)")
    res = subprocess.run([sys.executable, "-c", code, str(ws)], capture_output=True,
                         text=True, timeout=60)
    assert res.returncode == 9, res.stderr
    assert len(list((ws / ".redline" / "objects").rglob(".tmp-*"))) == 1
    assert redline("status", cwd=ws).returncode == 0
    assert not list((ws / ".redline" / "objects").rglob(".tmp-*"))


def test_issue18_a_running_add_keeps_its_temporary_file(ws):
    """The clean-up never takes the file of an ``add`` still running (its process lives)."""
    from redline.store.workspace import Workspace

    with Workspace.open(str(ws)) as one:
        tmp = one.objects.write_temp(b"being stored", "cd" * 32)
        with Workspace.open(str(ws)):
            pass
        assert os.path.exists(tmp)
        os.unlink(tmp)


# --- 3. inputs bounded before they are read -------------------------------------------------

@pytest.mark.parametrize("args", [["parse", "/dev/zero"], ["compare", "/dev/zero", SAMPLE],
                                  ["history", SAMPLE, str(SAMPLES[1]), "-o", "{tmp}/h.docx",
                                   "--key", "/dev/zero"]])
def test_issue18_dev_zero_as_input_or_key_is_refused_at_once(tmp_path, args):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    res = redline(*args, timeout=30)
    assert res.returncode == 2
    assert "/dev/zero: is not a regular file" in one_line_error(res)


def test_issue18_dev_zero_added_to_a_workspace_is_refused(ws):
    res = redline("add", "/dev/zero", cwd=ws, timeout=30)
    assert res.returncode == 2
    assert "not a regular file" in res.stderr and "Traceback" not in res.stderr


@pytest.mark.parametrize("command", ["parse", "add"])
def test_issue18_a_fifo_as_input_does_not_block(ws, command):
    fifo = ws / "pipe.docx"
    os.mkfifo(fifo)
    res = redline(command, str(fifo), cwd=ws, timeout=30)
    assert res.returncode == 2
    assert "not a regular file" in res.stderr and "Traceback" not in res.stderr


def test_issue18_an_input_past_the_size_cap_is_refused_by_its_size(tmp_path, monkeypatch):
    from redline import inputs

    big = tmp_path / "big.txt"
    big.write_text("ARTICLE 1 - PAY\n" + "1.1 Words. " * 2000)
    monkeypatch.setattr(inputs, "MAX_INPUT_BYTES", 10_000)
    monkeypatch.setattr(inputs.check_input, "__defaults__", (10_000, "document"))
    monkeypatch.setattr(inputs.open_input, "__defaults__", (10_000, "document"))
    monkeypatch.setattr(inputs.read_input, "__defaults__", (10_000, "document"))
    res = CliRunner().invoke(cli, ["parse", str(big)])
    assert res.exit_code == 2, res.output
    assert "more than the 10000 bytes redline reads" in res.output


def test_issue18_standard_input_is_read_and_capped(tmp_path):
    with open(SAMPLE, "rb") as fh:
        res = subprocess.run([sys.executable, "-m", "redline", "parse", "-", "-f", "text"],
                             stdin=fh, capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert "SICK LEAVE" in res.stdout
    from redline import inputs
    from redline.errors import InputError
    import io

    with pytest.raises(InputError, match="standard input: is more than"):
        inputs.read_stdin(limit=100, stream=io.BytesIO(b"x" * 101))


# --- 3. colour keys: a schema, one line per problem -----------------------------------------

BAD_KEY = """\
convention = "by-colour"
[[round]]
party = 3
date = "yesterday"
color = 7
[[round]]
party = "Union"
date = "2024-02-30"
color = "Blue"
[parties.District]
color = [1]
"""


def test_issue18_a_key_file_of_wrong_types_lists_every_problem(tmp_path):
    key = tmp_path / "key.toml"
    key.write_text(BAD_KEY)
    res = redline("history", SAMPLE, str(SAMPLES[1]), "-o", str(tmp_path / "h.docx"),
                  "--key", str(key))
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert "Traceback" not in res.stderr
    assert all(line.startswith("redline: error: ") and str(key) in line for line in lines), lines
    text = res.stderr
    for problem in ("convention must be by-round or by-party", "round 1: party must be text",
                    "round 1: date 'yesterday' is not a date",
                    "round 1: color must be text", "round 2: date '2024-02-30' is not a date",
                    "parties.District: color must be text"):
        assert problem in text, text
    assert len(lines) == 6
    assert not (tmp_path / "h.docx").exists()


@pytest.mark.parametrize("text", [
    "round = 5\n", "round = [1, 2]\n", 'parties = "x"\n', "[parties]\nDistrict = 4\n",
    "[[round]]\nparty = []\ndate = 2024-05-02\ncolor = {a = 1}\n", "convention = 4\n",
    "[[round]]\ndate = 1\ncolor = \"Blue\"\n"])
def test_issue18_key_files_of_wrong_types(tmp_path, text):
    from redline.errors import InputError
    from redline.render.history import load_key

    key = tmp_path / "key.toml"
    key.write_text(text)
    with pytest.raises(InputError):
        load_key(str(key))


def test_issue18_a_key_file_nested_100000_deep(tmp_path):
    key = tmp_path / "key.toml"
    key.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n")
    res = redline("history", SAMPLE, str(SAMPLES[1]), "-o", str(tmp_path / "h.docx"),
                  "--key", str(key))
    assert res.returncode == 2
    assert "nested" in one_line_error(res)


def test_issue18_a_valid_key_file_still_reads(tmp_path):
    from redline.render.history import load_key

    key = tmp_path / "key.toml"
    key.write_text('convention = "by-party"  # [a comment with a bracket\n[[round]]\n'
                   'party = "Union"\ndate = 2024-03-07\ncolor = "#00b050"\n'
                   '[parties.District]\ncolor = "Navy"\n')
    loaded = load_key(str(key))
    assert loaded.convention == "by-party"
    assert loaded.round_colours == {("Union", "2024-03-07"): "00B050"}
    assert loaded.party_colours["District"] == "002060"


# --- 5. dates validated wherever they enter -------------------------------------------------

@pytest.mark.parametrize("bad", ["2024-13-45", "2024-02-30", "2024-05-01 25:99", "yesterday"])
def test_issue18_impossible_dates_on_the_command_line_are_refused(ws, bad):
    before = _snapshot(ws)
    for args in (["ta", "sick leave", "--date", bad], ["withdraw", "sick leave", "--date", bad],
                 ["show", "sick leave", "--as-of", bad], ["report", "--since", bad]):
        res = CliRunner().invoke(cli, [*args, "--workspace", str(ws)])
        assert res.exit_code == 2, (args, res.output)
        assert "is not a date" in res.output, res.output
    assert _snapshot(ws) == before
    # the workspace still reports and assembles: nothing impossible got in
    assert CliRunner().invoke(cli, ["report", "--workspace", str(ws)]).exit_code == 0


def test_issue18_an_impossible_date_in_a_real_process(ws):
    res = redline("ta", "sick leave", "--date", "2024-13-45", cwd=ws)
    assert res.returncode == 2
    assert "is not a date" in one_line_error(res)


def test_issue18_add_with_an_impossible_date(ws):
    new = ws / "new.docx"
    build_docx(path=new, body=p("HOURS") + p("1.1 Eight hours."),
               header=p("District Proposal 05/09/2024"))
    res = CliRunner().invoke(cli, ["add", str(new), "--date", "2024-02-30", "--workspace",
                                   str(ws)])
    assert res.exit_code == 2 and "is not a date" in res.output


@pytest.mark.parametrize("text, expected", [
    ("District Counter Proposal 02/30/2024", None),
    ("District Counter Proposal 13/09/2024", None),
    ("District Counter Proposal 05/09/2024 25:99", "2024-05-09"),
    ("District Counter Proposal 05/09/2024", "2024-05-09"),
    ("District Counter Proposal 06/20/2024- 3:35PM", "2024-06-20T15:35"),
    ("District Counter Proposal February 30, 2024", None),
])
def test_issue18_printed_dates_that_do_not_exist_are_not_dates(text, expected):
    from redline.conventions.dates import parse_date

    assert parse_date(text)[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("2024-13-45", None), ("2024-02-30", None), ("2024-05-01 25:99", None),
    ("2024-05-01T23:59", "2024-05-01T23:59"), ("2024-02-29", "2024-02-29"),
    ("2023-02-29", None), ("05/09/2024", "2024-05-09"), ("yesterday", None)])
def test_issue18_one_date_parser(text, expected):
    from redline.conventions.dates import normalise_date

    assert normalise_date(text) == expected


# --- 3. depth limits wherever recursion follows the document ---------------------------------

def _nested_tables(word: str, depth: int) -> str:
    inner = p("cell " + word)
    for _ in range(depth):
        inner = "<w:tbl><w:tblPr/><w:tr><w:tc>" + inner + "</w:tc></w:tr></w:tbl>" + p("")
    return inner


def _nested_links(word: str, depth: int) -> str:
    return p("1.2 ", "<w:hyperlink>" * depth + _run(word) + "</w:hyperlink>" * depth)


@pytest.mark.parametrize("build", [lambda w: _nested_tables(w, 500),
                                   lambda w: _nested_tables(w, 680),
                                   lambda w: _nested_links(w, 1500),
                                   lambda w: "<w:sdt><w:sdtContent>" * 900 + p("x " + w)
                                   + "</w:sdtContent></w:sdt>" * 900])
def test_issue18_content_nested_hundreds_deep_is_one_clear_error(tmp_path, build):
    paths = []
    for word in ("alpha", "omega"):
        path = tmp_path / f"{word}.docx"
        build_docx(path=path, body=HEAD + p(CLAUSE) + build(word))
        paths.append(str(path))
    for args in (["compare", *paths, "-o", str(tmp_path / "out.docx")], ["parse", paths[0]]):
        res = CliRunner().invoke(cli, args)
        assert res.exit_code == 2, res.output
        assert "levels deep" in res.output, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    res = redline("compare", *paths, "-o", str(tmp_path / "out.docx"))
    assert res.returncode == 2
    assert "levels deep" in one_line_error(res)
    assert not (tmp_path / "out.docx").exists()


def test_issue18_tables_nested_forty_deep_still_render(tmp_path):
    paths = []
    for word in ("alpha", "omega"):
        path = tmp_path / f"{word}.docx"
        build_docx(path=path, body=HEAD + p(CLAUSE) + _nested_tables(word, 40))
        paths.append(str(path))
    res = CliRunner().invoke(cli, ["compare", *paths, "-o", str(tmp_path / "out.docx")])
    assert res.exit_code == 1, res.output


# --- 4. one sanitiser on parsed XML, any encoding; no DTD anywhere --------------------------

W_DECL = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def _field(instr: str, result: str) -> str:
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space='
            f'"preserve"> {instr} </w:instrText></w:r><w:r><w:fldChar w:fldCharType='
            f'"separate"/></w:r><w:r><w:t>{result}</w:t></w:r><w:r><w:fldChar '
            'w:fldCharType="end"/></w:r>')


ACTIVE = (_field('INCLUDEPICTURE "http://attacker.example/p.png" \\d', "picture")
          + _field('DDEAUTO cmd "/c calc"', "dde") + _field('INCLUDETEXT "C:\\\\x.docx"', "text")
          + '<w:fldSimple w:instr=" INCLUDEPICTURE http://attacker.example/q.png ">'
          "<w:r><w:t>simple</w:t></w:r></w:fldSimple>")


def _utf16(root: str, inner: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-16" standalone="yes"?>\n'
            f"<w:{root} {W_DECL}>{inner}</w:{root}>").encode("utf-16")


def _with_part(data: bytes, name: str, content: bytes) -> bytes:
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename != name:
                z.writestr(info.filename, src.read(info.filename))
        z.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize("part", ["word/header1.xml", "word/footer1.xml", "word/comments.xml"])
def test_issue18_fetching_fields_in_utf16_parts_are_removed(tmp_path, part):
    import zipfile

    root = {"word/header1.xml": "hdr", "word/footer1.xml": "ftr",
            "word/comments.xml": "comments"}[part]
    inner = p("x", ACTIVE) if root != "comments" else (
        '<w:comment w:id="1" w:author="A">' + p("c", ACTIVE) + "</w:comment>")
    kwargs = {"header": p("h"), "footer": p("f"),
              "comments": comment(1, "A", "2024-01-01T00:00:00Z", "c")}
    old = tmp_path / "old.docx"
    build_docx(path=old, body=HEAD + p(CLAUSE), **kwargs)
    new = tmp_path / "new.docx"
    data = build_docx(body=HEAD + p("1.1 Staff are paid weekly."), **kwargs)
    new.write_bytes(_with_part(data, part, _utf16(root, inner)))
    assert CliRunner().invoke(cli, ["parse", str(new)]).exit_code == 0
    out = tmp_path / "out.docx"
    res = redline("compare", str(old), str(new), "-o", str(out))
    assert res.returncode == 1, res.stderr
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            body = z.read(name)
            if not name.endswith((".xml", ".rels")):
                continue
            assert utf8_or_ascii(body), name
            text = body.decode("utf-8").upper()
            for word in ("INCLUDEPICTURE", "DDEAUTO", "INCLUDETEXT", "<!DOCTYPE"):
                assert word not in text, (name, word)
        kept = z.read(part).decode("utf-8")
    assert "picture" in kept and "dde" in kept and "simple" in kept  # results stay


def utf8_or_ascii(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in data


DTD = ('<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
CORE = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties"><cp:keywords>&xxe;</cp:keywords></cp:coreProperties>')


@pytest.mark.parametrize("part, root", [
    ("docProps/core.xml", CORE),
    ("customXml/item1.xml", "<data>&xxe;</data>"),
    ("word/settings.xml", f"<w:settings {W_DECL}/>"),
    ("word/fontTable.xml", f"<w:fonts {W_DECL}/>"),
    ("[Content_Types].xml", None),
    ("_rels/.rels", None),
    ("word/_rels/document.xml.rels", None),
])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_issue18_a_dtd_in_any_part_is_an_input_error_naming_the_input(tmp_path, part, root,
                                                                     encoding):
    import io
    import zipfile

    good = build_docx(body=HEAD + p(CLAUSE))
    if root is None:  # the real part, with a DTD put in front of its root
        original = zipfile.ZipFile(io.BytesIO(good)).read(part).decode("utf-8")
        head, _, rest = original.partition("?>")
        root = rest.strip()
    text = f'<?xml version="1.0" encoding="{encoding.upper()}"?>\n{DTD}{root}'
    hostile = tmp_path / "hostile.docx"
    hostile.write_bytes(_with_part(good, part, text.encode(encoding)))
    ours = tmp_path / "ours.docx"
    ours.write_bytes(good)
    for args in (["parse", str(hostile)], ["compare", str(ours), str(hostile), "-o",
                                            str(tmp_path / "out.docx")]):
        res = redline(*args)
        assert res.returncode == 2, (args, res.stdout)
        err = one_line_error(res)
        assert str(hostile) in err and part in err and "DTD" in err, err
        assert "output" not in err
    assert not (tmp_path / "out.docx").exists()


# --- 6. no injection into spreadsheets or terminals -----------------------------------------

@pytest.mark.parametrize("label", ['=HYPERLINK("http://attacker.example","click")',
                                   "=CMD|' /C calc'!A0", "@SUM(1+1)", "+1+1", "-1+1",
                                   "\tx", "\rx"])
def test_issue18_status_csv_cells_never_start_a_formula(ws, label):
    import csv
    import io

    new = ws / "hours.txt"
    new.write_text("HOURS\n\n1.1 Eight hours a day.\n")
    res = CliRunner().invoke(cli, ["add", str(new), "--party", "Union", "--date",
                                   "2024-05-01", "--label", label, "--workspace", str(ws)])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(cli, ["ta", "HOURS", "--date", "2024-05-02", "--initials",
                                   label, "--workspace", str(ws)])
    assert res.exit_code == 0, res.output
    out = ws / "status.csv"
    res = redline("status", "-f", "csv", "-o", str(out), cwd=ws)
    assert res.returncode == 0, res.stderr
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(io.StringIO(fh.read())))
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (cell, rows)
    assert any(cell == "'" + label.replace("\r", "\n") for row in rows for cell in row), rows
    assert all(len(row) == len(rows[0]) for row in rows), rows
    # JSON keeps the label as it is
    res = CliRunner().invoke(cli, ["status", "-f", "json", "--workspace", str(ws)])
    import json

    labels = [a["last_label"] for a in json.loads(res.output)["articles"]]
    assert label in labels


def _run_on_a_terminal(args, cwd=None) -> str:
    """Run ``python -m redline ARGS`` with stdout and stderr on a pseudo-terminal; what the
    terminal received."""
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "redline", *args], stdout=slave,
                            stderr=slave, stdin=subprocess.DEVNULL, cwd=cwd)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=60)
    os.close(master)
    return out.decode("utf-8", errors="replace")


ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x1b[8mhidden\x1b[0m\r\x9b31m\x08"


def _escaped_proposal(folder: Path) -> Path:
    path = folder / "esc.txt"
    path.write_text(f"HOURS\n\n1.1 Staff work {ESCAPES} eight hours.\n", encoding="utf-8")
    return path


#: What click's own progress bar draws with (hide and show the cursor): ours, not the
#: document's.
_PROGRESS_BAR = ("\x1b[?25l", "\x1b[?25h")


def _no_raw_controls(text: str) -> None:
    for seq in _PROGRESS_BAR:
        text = text.replace(seq, "")
    for ch in "\x1b\x07\x08\x9b":
        assert ch not in text, repr(text)
    assert "\\u001b[2J" in text


def test_issue18_parse_text_on_a_terminal_shows_escapes_escaped(tmp_path):
    path = _escaped_proposal(tmp_path)
    _no_raw_controls(_run_on_a_terminal(["parse", str(path), "-f", "text"]))


def test_issue18_workspace_text_on_a_terminal_shows_escapes_escaped(ws):
    path = _escaped_proposal(ws)
    named = ws / f"x{ESCAPES[:4]}.txt"
    named.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    out = _run_on_a_terminal(["add", str(path), "--party", "Union", "--date", "2024-05-01",
                              "--label", f"label {ESCAPES}"], cwd=ws)
    _no_raw_controls(out)
    for args in (["show", "hours"], ["log"], ["log", "hours"], ["status"]):
        out = _run_on_a_terminal(args, cwd=ws)
        assert "\x1b" not in out and "\x9b" not in out, (args, out)
    assert "\\u001b[2J" in _run_on_a_terminal(["show", "hours"], cwd=ws)


def test_issue18_json_and_files_keep_control_characters(tmp_path):
    import json

    path = _escaped_proposal(tmp_path)
    res = redline("parse", str(path))
    doc = json.loads(res.stdout)
    text = doc["articles"][0]["clauses"][0]["text"]
    assert "\x1b[2J" in text and "\x9b" in text
    # on a terminal too, JSON means the same (an escaped character is a JSON escape)
    shown = _run_on_a_terminal(["parse", str(path)])
    start = shown.index("{")
    assert json.loads(shown[start:].replace("\r\n", "\n"))["articles"][0]["clauses"][0][
        "text"] == text
    res = redline("parse", str(path), "-f", "text")
    assert "\x1b]0;pwned\x07" in res.stdout  # a pipe or a file gets the text as it is


# --- 7. PDF fonts without a usable ToUnicode map: a warning naming the pages -----------------

def _tiny_pdf(pages: List[bytes], fonts: Dict[str, bytes]) -> bytes:
    """A PDF whose every page lists ``fonts`` (name -> font dictionary) and draws its
    content stream."""
    objects: Dict[int, bytes] = {}
    refs = []
    n = 3
    for name, body in fonts.items():
        objects[n] = body
        refs.append(b"/%s %d 0 R" % (name.encode(), n))
        n += 1
    kids = []
    for content in pages:
        objects[n] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                      b"<< /Font << " + b" ".join(refs) + b" >> >> /Contents %d 0 R >>"
                      % (n + 1))
        objects[n + 1] = (b"<< /Length %d >>\nstream\n" % len(content) + content
                          + b"\nendstream")
        kids.append(b"%d 0 R" % n)
        n += 2
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(kids)
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for k in sorted(objects):
        offsets[k] = len(out)
        out += b"%d 0 obj\n" % k + objects[k] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (n,)
    for k in range(1, n):
        out += b"%010d 00000 n \n" % offsets.get(k, 0)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (n, xref)
    return bytes(out)


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
NO_TO_UNICODE = (b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Garbled /Encoding "
                 b"/Identity-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 "
                 b"/BaseFont /ABCDEF+Garbled /CIDSystemInfo << /Registry (Adobe) /Ordering "
                 b"(Identity) /Supplement 0 >> /DW 500 >>] >>")
PAGE_ONE = b"BT /F1 14 Tf 72 700 Td (ARTICLE 1 - PAY) Tj 0 -30 Td (1.1 Paid monthly.) Tj ET"
PAGE_GARBLED = (b"BT /F1 14 Tf 72 700 Td (1.2 More words.) Tj 0 -30 Td /F3 14 Tf "
                b"<0024004800510057002400480051> Tj ET")


@pytest.mark.parametrize("route", ["pdfium", "pdfplumber"])
def test_issue18_a_font_without_to_unicode_is_a_warning_naming_its_pages(tmp_path, route):
    from redline.readers.pdf import read_pdf

    path = tmp_path / "garbled.pdf"
    path.write_bytes(_tiny_pdf([PAGE_ONE, PAGE_GARBLED, PAGE_ONE, PAGE_GARBLED],
                               {"F1": HELVETICA, "F3": NO_TO_UNICODE}))
    raw = read_pdf(str(path), route=route)
    found = [w for w in raw.warnings if "ToUnicode" in w]
    assert found == [found[0]] and found[0].startswith("pages 2, 4: font Garbled"), found


def test_issue18_a_font_without_to_unicode_warns_in_a_real_process(tmp_path):
    import json

    path = tmp_path / "garbled.pdf"
    path.write_bytes(_tiny_pdf([PAGE_ONE, PAGE_GARBLED], {"F1": HELVETICA,
                                                          "F3": NO_TO_UNICODE}))
    res = redline("parse", str(path))
    assert res.returncode == 0, res.stderr
    assert "page 2: font Garbled has no usable ToUnicode map" in res.stderr
    assert any("ToUnicode" in w for w in json.loads(res.stdout)["warnings"])


def test_issue18_fonts_with_text_maps_do_not_warn(tmp_path):
    from redline.api import read

    path = tmp_path / "fine.pdf"
    path.write_bytes(_tiny_pdf([PAGE_ONE], {"F1": HELVETICA, "F3": NO_TO_UNICODE}))
    assert not [w for w in read(str(path)).warnings if "ToUnicode" in w]


# --- 8. reading is linear in the number of clauses ------------------------------------------

def test_issue18_finding_a_clauses_parent_does_not_scan_earlier_clauses(tmp_path, monkeypatch):
    """``_parent_for`` looks at no more clauses than the numbering is deep (it scanned back
    through every earlier clause: 20,000 paragraphs took 27 s)."""
    from redline.readers import read_document, segment

    built = []

    class Counting(segment._ArticleBuilder):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            built.append(self)

    monkeypatch.setattr(segment, "_ArticleBuilder", Counting)
    lines = ["ARTICLE 1 - HOURS", ""]
    for i in range(20_000):
        lines += [f"{i // 4 + 1}.1 Hours of clause {i}." if i % 4 == 0 else
                  f"({chr(97 + i % 26)}) an item of clause {i // 4 + 1}.", ""]
    path = tmp_path / "long.txt"
    path.write_text("\n".join(lines))
    doc = read_document(str(path))
    assert len(doc.clauses) == 20_000
    (article,) = built
    assert article.parent_steps <= 3 * len(article.clauses), article.parent_steps
    # and the parents are what the scan back found
    parents = [c.parent for c in doc.clauses[:8]]
    assert parents == [None, 0, 0, 0, None, 4, 4, 4], parents


# --- 9. leftovers of killed PDF runs --------------------------------------------------------

def test_issue18_a_killed_pdf_run_leaves_nothing_after_the_next_command(tmp_path):
    """A process killed (``os._exit``) inside the PDF folder, holding a copy of the
    document: the next command removes the folder."""
    import tempfile

    code = ("import os; from redline.tempfiles import temp_dir\n"
            "with temp_dir('pdf') as d:\n"
            "    open(os.path.join(d, 'document.docx'), 'wb').write(b'secret')\n"
            "    print(d, flush=True); os._exit(9)\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert res.returncode == 9, res.stderr
    left = Path(res.stdout.strip())
    assert left.parent == Path(tempfile.gettempdir()) and left.exists()
    assert redline("parse", SAMPLE, "-o", str(tmp_path / "x.json")).returncode == 0
    assert not left.exists()


def test_issue18_the_sweep_keeps_live_runs_and_other_tools_folders(tmp_path):
    from redline.tempfiles import sweep_leftovers

    mine_live = tmp_path / f"redline-pdf-{os.getpid()}-abc"
    other_tool = tmp_path / "redline-scale-xyz"
    old_style = tmp_path / "redline-pdf-oldstyle"
    dead = tmp_path / "redline-pdf-999999999-abc"
    for folder in (mine_live, other_tool, old_style, dead):
        folder.mkdir()
    os.utime(old_style, (0, 0))
    os.utime(other_tool, (0, 0))
    assert sweep_leftovers(str(tmp_path)) == 2
    assert mine_live.exists() and other_tool.exists()
    assert not old_style.exists() and not dead.exists()


@pytest.mark.parametrize("number", ["\u200b1.2", "1\u200b.2", "1.\u20602", "\ufeff1.2"])
def test_issue18_zero_width_characters_do_not_hide_a_clause_number(tmp_path, number):
    from redline.api import read

    path = tmp_path / "zw.docx"
    build_docx(path=path, body=HEAD + p("1.1 Staff are paid monthly.")
               + p(f"{number} Overtime is paid weekly."))
    numbers = [c.number for c in read(str(path)).clauses]
    assert numbers == ["1.1", "1.2"], numbers


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) not installed")
def test_issue18_a_full_disk_while_making_a_pdf_is_one_line(tmp_path, monkeypatch):
    """An engine that prints through the temporary folder (LibreOffice; WeasyPrint writes
    nothing there) finding the disk full: one line, exit 2."""
    import errno
    import tempfile

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(tempfile, "mkdtemp", full)
    res = CliRunner().invoke(cli, ["compare", str(SAMPLES[0]), str(SAMPLES[1]), "-o",
                                   str(tmp_path / "out.pdf"),
                                   "--pdf-engine", "libreoffice"])
    assert res.exit_code == 2, res.output
    assert "No space left on device" in res.output, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert os.listdir(tmp_path) == []


def test_issue18_impossible_dates_already_in_a_workspace_do_not_crash_reports(ws, tmp_path):
    """A database edited by hand (or by an older redline) holding dates that name no day:
    report and assemble still run, and the workspace check lists them."""
    import sqlite3

    from redline.store.workspace import Workspace

    res = CliRunner().invoke(cli, ["ta", "sick leave", "--date", "2024-05-01", "--workspace",
                                   str(ws)])
    assert res.exit_code == 0, res.output
    db = sqlite3.connect(ws / ".redline" / "redline.db")
    db.execute("UPDATE articles SET state_date = '2024-13-45'")
    db.execute("UPDATE events SET date = '2024-13-45'")
    db.execute("UPDATE proposals SET date = '2024-02-30' WHERE id = 2")
    db.commit()
    db.close()
    for args in (["report"], ["assemble", "-o", str(tmp_path / "TA.docx")], ["status"]):
        res = redline(*args, cwd=ws)
        assert res.returncode == 0, (args, res.stderr)
        assert "Traceback" not in res.stderr
    with Workspace.open(str(ws)) as opened:
        problems = opened.check()
    assert any("'2024-13-45' is not a date" in p for p in problems), problems
    assert any("'2024-02-30' is not a date" in p for p in problems), problems


def test_issue18_errors_on_a_terminal_show_escapes_escaped(tmp_path):
    """stderr too: an error naming a file whose name holds an escape sequence."""
    missing = tmp_path / "x\x1b[2Jy.docx"
    out = _run_on_a_terminal(["parse", str(missing)])
    assert "no such file" in out and "\x1b" not in out and "\\u001b[2J" in out, repr(out)
    named = tmp_path / "key\x1b]0;pwned\x07.toml"
    named.write_text("round = 5\n")
    out = _run_on_a_terminal(["history", SAMPLE, str(SAMPLES[1]), "-o",
                              str(tmp_path / "h.docx"), "--key", str(named)])
    assert "round must be a list" in out and "\x1b" not in out and "\x07" not in out, repr(out)


@pytest.mark.parametrize("part", ["[Content_Types].xml", "_rels/.rels",
                                  "word/_rels/document.xml.rels"])
def test_issue18_a_malformed_package_map_is_an_input_error(tmp_path, part):
    good = build_docx(body=HEAD + p(CLAUSE))
    bad = tmp_path / "bad.docx"
    bad.write_bytes(_with_part(good, part, b"<Types><Default"))
    res = redline("parse", str(bad))
    assert res.returncode == 2
    err = one_line_error(res)
    assert str(bad) in err and part in err and "not well-formed" in err, err


# --- known gaps (docs/security.md): strict xfails, so fixing one shows up here ------------

@pytest.mark.parametrize("where", ["header", "footer"])
def test_issue18_a_word_only_in_a_header_or_footer_is_a_difference(tmp_path, where):
    paths = []
    for word in ("alpha", "omega"):
        kwargs: dict = {"body": HEAD + p(CLAUSE), where: p("Note " + word)}
        path = tmp_path / f"{word}.docx"
        build_docx(path=path, **kwargs)
        paths.append(str(path))
    res = CliRunner().invoke(cli, ["compare", *paths])
    assert res.exit_code == 1, res.output
    assert f"{where} line deleted: Note alpha" in res.output
    assert f"{where} line inserted: Note omega" in res.output
    # proposal lines and page numbers change with every round and are not differences
    same = []
    for k, line in enumerate(("District Counter Proposal 05/09/2024 Page 1",
                              "Union Counter Proposal 05/23/2024 Page 2")):
        path = tmp_path / f"same{k}.docx"
        build_docx(path=path, body=HEAD + p(CLAUSE), **{where: p(line) + p(f"Page {k + 1}")})
        same.append(str(path))
    res = CliRunner().invoke(cli, ["compare", *same, "--format", "json"])
    assert json.loads(res.stdout)["furniture"] == [], res.output


_MARKED_LINE = p("1.9 ", f'<w:ins {MARK} w:id="7"><w:r><w:t>Marked words.</w:t></w:r></w:ins>')


def _footnote_pair(tmp_path: Path, *their_note: str) -> List[str]:
    """Ours with footnote 1 "Note alpha"; theirs marking one body change, with footnote 1
    made of ``their_note`` (paragraph texts or XML)."""
    ours, theirs = tmp_path / "ours.docx", tmp_path / "theirs.docx"
    build_docx(path=ours, body=HEAD + p(CLAUSE, footnote_ref(1)) + p("1.9 "),
               footnotes=footnote(1, "Note alpha"))
    build_docx(path=theirs, body=HEAD + p(CLAUSE, footnote_ref(1)) + _MARKED_LINE,
               footnotes=footnote(1, *their_note))
    return ["verify", str(theirs), "--against", str(ours)]


def test_issue18_verify_finds_an_unmarked_footnote_change(tmp_path):
    res = CliRunner().invoke(cli, _footnote_pair(tmp_path, "Note omega"))
    assert res.exit_code == 1, res.output


def test_issue18_verify_names_the_footnote_it_finds_changed(tmp_path):
    res = CliRunner().invoke(cli, _footnote_pair(tmp_path, "Note omega") + ["--json"])
    assert res.exit_code == 1, res.output
    found = json.loads(res.stdout)
    found = found["unmarked"] if isinstance(found, dict) else found
    assert {"clause": "footnote 1", "kind": "changed", "old": "Note alpha",
            "new": "Note omega"} in found, found


def test_issue18_a_footnote_change_marked_as_a_tracked_change_is_not_unmarked(tmp_path):
    res = CliRunner().invoke(cli, _footnote_pair(
        tmp_path, "Note ", f'<w:del {MARK} w:id="8"><w:r><w:delText>alpha</w:delText></w:r>'
        f'</w:del><w:ins {MARK} w:id="9"><w:r><w:t>omega</w:t></w:r></w:ins>'))
    assert res.exit_code == 0, res.output


def test_issue18_a_colour_marked_footnote_is_said_unchecked_not_accused(tmp_path):
    """A colour-keyed counter striking words of a footnote: redline does not read rounds in
    notes, so it says the note needs an eye rather than calling the change unmarked."""
    from docx_builder import r as run_xml

    res = CliRunner().invoke(cli, _footnote_pair(
        tmp_path, "Note ", run_xml("omega", color="FF0000")))
    assert res.exit_code == 0, res.output
    assert "footnote 1 carries marks redline does not read" in res.stderr


def test_issue18_a_killed_write_leaves_nothing_after_the_next_write(tmp_path):
    code = ("import os, sys, tempfile\n"
            "fd, p = tempfile.mkstemp(prefix=f'.redline-{os.getpid()}-', suffix='.tmp', "
            "dir=sys.argv[1])\n"
            "os.write(fd, b'half an output'); os._exit(9)\n")
    res = subprocess.run([sys.executable, "-c", code, str(tmp_path)], timeout=60)
    assert res.returncode == 9
    assert len(list(tmp_path.glob(".redline-*.tmp"))) == 1
    assert redline("parse", SAMPLE, "-o", str(tmp_path / "x.json")).returncode == 0
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_issue18_imported_content_word_shows_is_refused_not_skipped(tmp_path):
    """``w:altChunk``: an HTML file Word merges into the page when it opens the document."""
    chunk = b"<html><body><p>Hidden words only Word shows.</p></body></html>"
    data = build_docx(body=HEAD + p(CLAUSE) + '<w:altChunk r:id="rIdChunk"/>')
    data = _with_part(data, "word/chunk.html", chunk)
    import io
    import zipfile

    rels = zipfile.ZipFile(io.BytesIO(data)).read("word/_rels/document.xml.rels").decode()
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdChunk" Type="http://schemas.'
                        'openxmlformats.org/officeDocument/2006/relationships/aFChunk" '
                        'Target="chunk.html"/></Relationships>')
    data = _with_part(data, "word/_rels/document.xml.rels", rels.encode())
    theirs = tmp_path / "theirs.docx"
    theirs.write_bytes(data)
    ours = tmp_path / "ours.docx"
    build_docx(path=ours, body=HEAD + p(CLAUSE))
    res = redline("compare", str(ours), str(theirs))
    assert res.returncode == 2, res.stdout
    err = one_line_error(res)
    assert str(theirs) in err and "w:altChunk" in err and "save it" in err


# --- words Word draws from parts of their own: charts and SmartArt ---------------------------

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_DGM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
GRAPHICS = {
    # (relationship type, part name, part XML around the word, graphicData inside the run)
    "chart": ("chart", "word/charts/chart1.xml",
              lambda wd: (f'<c:chartSpace xmlns:c="{_C}" xmlns:a="{_A}"><c:chart><c:title>'
                          f'<c:tx><c:rich><a:p><a:r><a:t>Salary {wd}</a:t></a:r></a:p>'
                          f'</c:rich></c:tx></c:title><c:plotArea><c:barChart><c:ser><c:cat>'
                          f'<c:strRef><c:strCache><c:pt idx="0"><c:v>Step 1</c:v></c:pt>'
                          f'</c:strCache></c:strRef></c:cat></c:ser></c:barChart></c:plotArea>'
                          f'</c:chart></c:chartSpace>'),
              f'<a:graphicData xmlns:a="{_A}" uri="{_C}"><c:chart xmlns:c="{_C}" '
              f'xmlns:r="{_REL}" r:id="rIdGraphic"/></a:graphicData>'),
    "smartart": ("diagramData", "word/diagrams/data1.xml",
                 lambda wd: (f'<dgm:dataModel xmlns:dgm="{_DGM}" xmlns:a="{_A}"><dgm:ptLst>'
                             f'<dgm:pt modelId="1"><dgm:t><a:p><a:r><a:t>Step {wd}</a:t>'
                             f'</a:r></a:p></dgm:t></dgm:pt></dgm:ptLst></dgm:dataModel>'),
                 f'<a:graphicData xmlns:a="{_A}" uri="{_DGM}"><dgm:relIds xmlns:dgm="{_DGM}" '
                 f'xmlns:r="{_REL}" r:dm="rIdGraphic" r:lo="" r:qs="" r:cs=""/>'
                 f'</a:graphicData>'),
}


def _graphic_docx(path: Path, kind: str, word: str, marked: bool = False) -> None:
    import zipfile

    rel_type, part, xml, data = GRAPHICS[kind]
    run = f'<w:r><w:drawing><a:graphic xmlns:a="{_A}">{data}</a:graphic></w:drawing></w:r>'
    extra = _MARKED_LINE if marked else p("1.9 ")
    doc = build_docx(body=HEAD + p(CLAUSE, run) + extra)
    doc = _with_part(doc, part, xml(word).encode())
    rels = zipfile.ZipFile(__import__("io").BytesIO(doc)).read(
        "word/_rels/document.xml.rels").decode()
    rels = rels.replace("</Relationships>", f'<Relationship Id="rIdGraphic" Type="{_REL}/'
                        f'{rel_type}" Target="{part[5:]}"/></Relationships>')
    path.write_bytes(_with_part(doc, "word/_rels/document.xml.rels", rels.encode()))


@pytest.mark.parametrize("kind", sorted(GRAPHICS))
def test_issue18_a_word_in_a_chart_or_smartart_is_a_difference(tmp_path, kind):
    ours, theirs = tmp_path / "ours.docx", tmp_path / "theirs.docx"
    _graphic_docx(ours, kind, "alpha")
    _graphic_docx(theirs, kind, "omega")
    res = CliRunner().invoke(cli, ["compare", str(ours), str(theirs)])
    assert res.exit_code == 1, res.output
    assert "omega" in res.output and "alpha" in res.output
    same = tmp_path / "same.docx"
    _graphic_docx(same, kind, "alpha")
    assert CliRunner().invoke(cli, ["compare", str(ours), str(same)]).exit_code == 0


@pytest.mark.parametrize("kind", sorted(GRAPHICS))
def test_issue18_verify_catches_a_word_in_a_chart_or_smartart(tmp_path, kind):
    ours, theirs = tmp_path / "ours.docx", tmp_path / "theirs.docx"
    _graphic_docx(ours, kind, "alpha")
    _graphic_docx(theirs, kind, "omega", marked=True)
    res = CliRunner().invoke(cli, ["verify", str(theirs), "--against", str(ours)])
    assert res.exit_code == 1, res.output
    assert "unmarked" in res.output and "omega" in res.output
    assert "1.9" not in res.output, res.output  # the marked words are not reported


def test_issue18_the_tracked_docx_marks_a_changed_footer_and_header(tmp_path):
    """A footer reworded between the versions is shown as tracked changes in the output's
    footer (accept all: the new footer; reject all: the old), the same for the header; an
    unchanged footer is left as it is."""
    from ooxml_views import paragraphs

    from redline.api import compare, read
    from redline.render.docx_tracked import render_tracked

    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    body = HEAD + p(CLAUSE)
    build_docx(path=old, body=body, header=p("District Initial Proposal 02/07/2024"),
               footer=p("District reserves the right to amend."))
    build_docx(path=new, body=body, header=p("Union Counter Proposal 03/07/2024"),
               footer=p("District reserves the right to withdraw."))
    data = render_tracked(compare(read(str(old)), read(str(new))))
    for part, before, after in (
            ("word/footer1.xml", "District reserves the right to amend.",
             "District reserves the right to withdraw."),
            ("word/header1.xml", "District Initial Proposal 02/07/2024",
             "Union Counter Proposal 03/07/2024")):
        # (a paragraph inserted or struck whole leaves its empty mark in these views)
        assert [t for t in paragraphs(data, "accept", part) if t] == [after], part
        assert [t for t in paragraphs(data, "reject", part) if t] == [before], part
    same = tmp_path / "same.docx"
    build_docx(path=same, body=HEAD + p("1.1 Staff are paid weekly."),
               header=p("District Initial Proposal 02/07/2024"),
               footer=p("District reserves the right to amend."))
    data = render_tracked(compare(read(str(old)), read(str(same))))
    import io
    import zipfile

    footer = zipfile.ZipFile(io.BytesIO(data)).read("word/footer1.xml").decode()
    assert "w:ins" not in footer and "w:del" not in footer
