"""The package from a manifest (issue 17): the same package as from a workspace, with no
workspace; every problem of a bad manifest on its own line, with its line number, exit 2."""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus import needs_corpus, truths
from redline.cli import cli
from test_package import CORPUS_NUMBERS, PLACEHOLDER, add_team, init, parts
from ws_helpers import SAMPLES, run

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_MANIFEST = ROOT / "samples" / "ta-manifest.toml"


def assemble(*args: str, code: int = 0):
    result = CliRunner().invoke(cli, ["assemble", *args])
    assert result.exit_code == code, (args, result.output)
    return result


def test_the_sample_manifest_makes_the_package(tmp_path):
    out, report = tmp_path / "TA.docx", tmp_path / "TA.json"
    assemble("--manifest", str(SAMPLE_MANIFEST), "--report", str(report), "-o", str(out))
    body, footers, _ = parts(out)
    assert "Between Stockton Unified School District (District) And the" in body
    assert "Tara Draper, Lead Negotiator" in body and "Monica Madrid, NUHW Labor Rep" in body
    assert "shall continue in effect until June 30, 2027." in body
    assert not PLACEHOLDER.search(body)
    assert len([f for f in footers if "Tentatively agreed 04/18/2024" in f]) == 2  # both
    (entry,) = json.loads(report.read_text())["articles"]
    assert entry["sha256"] == hashlib.sha256(SAMPLES[-1].read_bytes()).hexdigest()
    assert (entry["round"], entry["party"], entry["number"]) == (4, "Union", "12")
    assert entry["file"] == "sick_leave/v4_2024-04-11_union_counter.docx"


def test_a_manifest_and_a_workspace_give_the_same_package(tmp_path):
    folder = init(tmp_path / "ws")
    run(folder, "add", *map(str, SAMPLES))
    run(folder, "ta", "sick leave", "--date", "2024-04-18", "--initials", "TD/MM")
    add_team(folder)
    from_ws, from_manifest = tmp_path / "ws.docx", tmp_path / "m.docx"
    run(folder, "assemble", "--package", "--attach", "both", "--provenance", "--term-end",
        "2027-06-30", "-o", str(from_ws))
    assemble("--manifest", str(SAMPLE_MANIFEST), "-o", str(from_manifest))
    ws_body, ws_footers, _ = parts(from_ws)
    m_body, m_footers, _ = parts(from_manifest)
    # the file is named as added in one and as the manifest writes it in the other
    assert ws_body == m_body.replace("sick_leave/v4_", "v4_")
    assert ws_footers == m_footers


def test_relative_paths_are_read_from_the_manifests_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assemble("--manifest", str(SAMPLE_MANIFEST), "-o", "TA.docx", "--attach", "clean")
    assert "ARTICLE 12 - SICK LEAVE" in parts(tmp_path / "TA.docx")[0]


@needs_corpus
def test_the_corpus_as_a_manifest(tmp_path):
    lines = ['date = 2024-06-26', '[terms]', 'term_end = 2027-06-30',
             '[district]', 'name = "Stockton Unified School District"',
             'signatories = [{ name = "Tara Draper", title = "Lead Negotiator" }]',
             '[union]', 'name = "National Union of Healthcare Workers"', 'acronym = "NUHW"',
             'signatories = [{ name = "Monica Madrid", title = "NUHW Labor Rep" }]']
    expected = {}
    for folder, truth in truths():
        versions = truth["versions"]
        expected[truth["title"].upper()] = (folder / versions[-1]["file"], versions)
        rounds = ", ".join(f'"{folder / v["file"]}"' for v in versions[:-1])
        lines += ["[[article]]", f'file = "{folder / versions[-1]["file"]}"',
                  f"rounds = [{rounds}]", 'ta_date = 2024-06-26', 'initials = "TD/MM"',
                  f'number = "{CORPUS_NUMBERS[truth["title"].upper()]}"']
    manifest = tmp_path / "ta.toml"
    manifest.write_text("\n".join(lines) + "\n")
    out, report = tmp_path / "TA.docx", tmp_path / "TA.json"
    result = assemble("--manifest", str(manifest), "--attach", "both", "--report",
                      str(report), "-o", str(out))
    assert "no printed article number" not in result.stderr
    body, footers, _ = parts(out)
    assert not PLACEHOLDER.search(body)
    assert len([f for f in footers if "Tentatively agreed 06/26/2024" in f]) == \
        2 * len(expected)
    from corpus import ws
    from redline.store.assembly import resolve_placeholders

    for e in json.loads(report.read_text())["articles"]:
        path, versions = expected[e["article"].upper()]
        assert e["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert e["round"] == len(versions)
        for c in versions[-1]["clauses"]:
            assert ws(resolve_placeholders(c["text"], e["number"]).split("\n")[0]) in ws(body)


# --- bad manifests -------------------------------------------------------------------------

GOOD_PARTIES = """
[district]
name = "Stockton Unified School District"

[union]
name = "National Union of Healthcare Workers"
acronym = "NUHW"
"""

#: (manifest text, the line of each problem, in order, and a word of each message)
BAD = [
    pytest.param('date = "someday"\ncolour = "red"\n' + GOOD_PARTIES +
                 '[[article]]\nfile = "sick_leave/v4_2024-04-11_union_counter.docx"\n'
                 'ta_date = 2024-04-18\n',
                 [(1, "not a date"), (2, "unknown key 'colour'")], id="top-level keys"),
    pytest.param(GOOD_PARTIES + '[[article]]\nfile = "nothere.docx"\nta_date = 2024-04-18\n'
                 '\n[[article]]\nfile = "sick_leave/v4_2024-04-11_union_counter.docx"\n'
                 'ta_date = "2024-13-45"\npages = 3\n',
                 [(9, "no such file"), (14, "not a date"), (15, "unknown key 'pages'")],
                 id="articles"),
    pytest.param('[district]\nsignatories = [{ name = "Tara Draper", role = "x" }]\n'
                 '[union]\nname = 5\n[[article]]\nfile = "sick_leave/v4_2024-04-11_union_'
                 'counter.docx"\n',
                 [(1, "name is missing"), (2, "unknown key 'role'"), (4, "must be text"),
                  (5, "ta_date is missing")], id="parties"),
    pytest.param(GOOD_PARTIES + '[terms]\nopening = "for {nobody}"\nterm_end = "soon"\n'
                 'attach = "all"\n',
                 [(0, "no [[article]]"), (9, "unknown placeholder {nobody}"),
                  (10, "not a date"), (11, "unknown key 'attach'")], id="terms"),
    pytest.param('date = \n', [(1, "not valid TOML")], id="syntax"),
]


@pytest.mark.parametrize("text, problems", BAD)
def test_a_bad_manifest_gets_one_line_per_problem_with_its_line(tmp_path, text, problems):
    manifest = tmp_path / "samples" / "bad.toml"
    manifest.parent.mkdir()
    (manifest.parent / "sick_leave").symlink_to(ROOT / "samples" / "sick_leave")
    manifest.write_text(text)
    out = tmp_path / "TA.docx"
    result = assemble("--manifest", str(manifest), "-o", str(out), code=2)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(problems), result.stderr
    for line, (number, words) in zip(lines, problems):
        assert str(manifest) in line
        if number:
            assert f": line {number}: " in line, (line, number)
        assert words in line, (line, words)
    assert not out.exists()


def test_a_bad_manifest_exits_2_from_a_process(tmp_path):
    manifest = tmp_path / "bad.toml"
    manifest.write_text('colour = "red"\n[district]\nname = "S"\n[union]\nname = "U"\n')
    res = subprocess.run([sys.executable, "-m", "redline", "assemble", "--manifest",
                          str(manifest), "-o", str(tmp_path / "TA.docx")],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 2 and re.search(r": line 1: unknown key 'colour'", lines[1])
    assert "no [[article]]" in lines[0]
