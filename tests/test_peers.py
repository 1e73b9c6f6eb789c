"""The peer suites in ../shared/peers (skipped when absent).

* Open-XML-PowerTools' WmlComparer pairs: every pair compares to a DOCX whose accept-all body
  text equals "after" and reject-all equals "before"; LibreOffice opens every output; images,
  footnotes and equations are kept; our revision counts are reported beside the expected ones.
* The Oregon collective bargaining agreements (two terms each): articles align across terms,
  renamed and renumbered articles are found, round trips hold.
* houfu/redlines' string cases: the same words inserted and deleted.
* The Common Paper NDA versions: a single-word change marks exactly that word.
"""
from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import List, Tuple

import pytest

from corpus import PEERS, document_paragraphs, needs_peers, ws
from ooxml_views import body_text, note_texts
from redline.api import compare, read
from redline.render.docx_tracked import render_tracked

OXPT = PEERS / "open-xml-powertools"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _pairs():
    path = OXPT / "wmlcomparer_test_pairs.csv"
    if not path.exists():
        return []
    seen, out = set(), []
    for row in csv.DictReader(path.open()):
        if row["before_exists"] != "True" or row["after_exists"] != "True" or \
                ";" in row["after"] or ";" in row["before"]:
            continue
        key = (row["before"], row["after"])
        if key in seen:
            continue
        seen.add(key)
        out.append(row)
    return out


PAIRS = _pairs()


def revision_count(data: bytes) -> int:
    """Revisions counted as WmlComparer does: maximal runs of adjacent inserted (or
    deleted) content by one author and date."""
    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(__import__("io").BytesIO(data)).read(
        "word/document.xml"))
    count, state = 0, None
    for el in root.iter():
        tag = el.tag
        if tag in (W + "ins", W + "del", W + "moveFrom", W + "moveTo"):
            kind = "ins" if tag in (W + "ins", W + "moveTo") else "del"
            key = (kind, el.get(W + "author"), el.get(W + "date"))
            if key != state:
                count += 1
                state = key
        elif tag in (W + "t",) and not any(
                a.tag in (W + "ins", W + "del", W + "moveTo", W + "moveFrom")
                for a in el.iterancestors()):
            if (el.text or "").strip():
                state = None
    return count


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """Every pair compared once; the outputs kept for the checks below."""
    out_dir = tmp_path_factory.mktemp("peers")
    results = {}
    for row in PAIRS:
        before = OXPT.parent / row["files_root"] / row["before"]
        after = OXPT.parent / row["files_root"] / row["after"]
        data = render_tracked(compare(str(before), str(after)))
        path = out_dir / f"{row['test_id']}.docx"
        path.write_bytes(data)
        results[row["test_id"]] = (row, before, after, path, data)
    return out_dir, results


@needs_peers
@pytest.mark.skipif(not PAIRS, reason="Open-XML-PowerTools pairs not found")
def test_wmlcomparer_pairs_round_trip(outputs):
    _, results = outputs
    failures = []
    for test_id, (row, before, after, path, data) in results.items():
        if body_text(data, "accept") != body_text(str(after), "accept"):
            failures.append(f"{test_id}: accept-all != after")
        if body_text(data, "reject") != body_text(str(before), "accept"):
            failures.append(f"{test_id}: reject-all != before")
    assert not failures, failures
    assert len(results) >= 105


def _note_texts(path_or_bytes, view: str) -> List[str]:
    return sorted(note_texts(path_or_bytes, view))


@needs_peers
@pytest.mark.skipif(not PAIRS, reason="Open-XML-PowerTools pairs not found")
def test_wmlcomparer_pairs_round_trip_in_footnotes_and_endnotes(outputs):
    """Changes inside notes are tracked too: accepting every revision gives the new notes'
    text, rejecting every revision the old ones' (a struck reference keeps its note)."""
    _, results = outputs
    failures, with_notes = [], 0
    for test_id, (row, before, after, path, data) in results.items():
        old, new = _note_texts(str(before), "accept"), _note_texts(str(after), "accept")
        if not old and not new:
            continue
        with_notes += 1
        if _note_texts(data, "accept") != new:
            failures.append(f"{test_id}: notes accept-all != after")
        if _note_texts(data, "reject") != old:
            failures.append(f"{test_id}: notes reject-all != before")
    assert with_notes >= 10
    assert not failures, failures


@needs_peers
@pytest.mark.skipif(not PAIRS, reason="Open-XML-PowerTools pairs not found")
def test_wmlcomparer_outputs_keep_images_footnotes_and_equations(outputs):
    _, results = outputs
    lost = []
    for test_id, (row, before, after, path, data) in results.items():
        with zipfile.ZipFile(after) as z:
            want = z.read("word/document.xml")
        got = zipfile.ZipFile(path).read("word/document.xml")
        for tag in (b"<w:drawing", b"<m:oMath", b"<w:footnoteReference", b"<w:pict"):
            if got.count(tag) < want.count(tag):
                lost.append(f"{test_id}: {tag.decode()} {got.count(tag)} < {want.count(tag)}")
    assert not lost, lost


@needs_peers
@pytest.mark.skipif(not PAIRS, reason="Open-XML-PowerTools pairs not found")
def test_wmlcomparer_revision_counts_report(outputs, capsys):
    _, results = outputs
    lines = ["| test | expected (WmlComparer) | ours |", "|---|---|---|"]
    near = 0
    for test_id, (row, before, after, path, data) in sorted(results.items()):
        ours = revision_count(data)
        expected = int(row["expected_revisions_oxpt"] or 0)
        near += abs(ours - expected) <= max(2, expected // 2)
        lines.append(f"| {test_id} {row['before']} | {expected} | {ours} |")
    report = "\n".join(lines)
    with capsys.disabled():
        print(f"\nWmlComparer revision counts: {near}/{len(results)} within tolerance")
    (Path(outputs[0]) / "revision-report.md").write_text(report)
    assert near / len(results) >= 0.6


EMROSENF = PEERS / "emrosenf-open-xml-powertools" / "redline-js" / "tests" / "golden"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def revised_text(data: bytes) -> Tuple[str, str]:
    """(inserted, deleted) text of a tracked DOCX's body and notes, one revision per
    space-joined piece (text boxes counted once: their ``mc:Fallback`` copy is skipped)."""
    from lxml import etree

    z = zipfile.ZipFile(__import__("io").BytesIO(data))
    parts = [n for n in ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")
             if n in z.namelist()]
    ins: List[str] = []
    dels: List[str] = []
    revisions = [el for n in parts for el in etree.fromstring(z.read(n)).iter(
        W + "ins", W + "moveTo", W + "del", W + "moveFrom")]
    for el in revisions:
        parent = el.getparent()
        if parent is None or parent.tag == W + "rPr" or any(
                a.tag == MC_FALLBACK for a in el.iterancestors()):
            continue
        text = "".join(t.text or "" for t in el.iter(W + "t", W + "delText"))
        (ins if el.tag in (W + "ins", W + "moveTo") else dels).append(text)
    return " ".join(ins), " ".join(dels)


def _word_dice(a: str, b: str) -> float:
    from collections import Counter

    ca, cb = (Counter(re.findall(r"\w+|[^\w\s]", t)) for t in (a, b))
    if not ca and not cb:
        return 1.0
    return 2 * sum((ca & cb).values()) / (sum(ca.values()) + sum(cb.values()))


@needs_peers
@pytest.mark.skipif(not (EMROSENF / "manifest.json").exists(),
                    reason="emrosenf reference redlines not found")
def test_inserted_and_deleted_text_close_to_the_wmlcomparer_reference(outputs, capsys):
    """The C# WmlComparer's own redlines of the pairs (emrosenf/Open-Xml-PowerTools): the
    words we insert and delete, against the words it inserts and deletes (Dice overlap of
    the two word bags, inserted and deleted apart)."""
    _, results = outputs
    manifest = json.loads((EMROSENF / "manifest.json").read_text())["WmlTests"]
    rows = []
    for test in manifest:
        if test["TestId"] not in results:
            continue
        ours_ins, ours_del = revised_text(results[test["TestId"]][4])
        ref = {kind: " ".join(r["Text"] or "" for r in test["Revisions"] if r["Type"] == kind)
               for kind in ("Inserted", "Deleted")}
        rows.append((test["TestId"], _word_dice(ours_ins, ref["Inserted"]),
                     _word_dice(ours_del, ref["Deleted"])))
    close = sum(1 for _, i, d in rows if min(i, d) >= 0.8)
    mean = sum(i + d for _, i, d in rows) / (2 * len(rows))
    with capsys.disabled():
        print(f"\nWmlComparer reference redlines: {close}/{len(rows)} pairs close "
              f"(inserted and deleted words >= 0.8 overlap), mean overlap {mean:.2f}")
    assert len(rows) >= 100
    # 93/104 and 0.94 once notes and text boxes were diffed inside (52 and 0.66 before the
    # fixes this test prompted): a drop is a regression
    assert close >= 90 and mean >= 0.92


FORMAT_PAIRS = sorted((PEERS / "emrosenf-open-xml-powertools" / "TestFiles" / "FC")
                      .glob("*_before.docx"))


@needs_peers
@pytest.mark.skipif(not FORMAT_PAIRS, reason="emrosenf formatting-only pairs not found")
def test_formatting_only_pairs_round_trip_and_mark_no_text():
    """emrosenf's formatting pairs (bold added, colour, caps, highlight, ...): each round
    trips, and where only formatting changed no word is struck or inserted: formatting
    changes are not text changes (and are not tracked; docs/compare.md)."""
    text_same = 0
    for before in FORMAT_PAIRS:
        after = before.with_name(before.name.replace("_before", "_after"))
        result = compare(str(before), str(after))
        data = render_tracked(result)
        assert body_text(data, "accept") == body_text(str(after), "accept"), before.name
        assert body_text(data, "reject") == body_text(str(before), "accept"), before.name
        if body_text(str(before), "accept") == body_text(str(after), "accept"):
            text_same += 1
            assert revised_text(data) == ("", ""), before.name
            assert not result.differs, before.name
    assert len(FORMAT_PAIRS) >= 20 and text_same >= 10


@needs_peers
@pytest.mark.skipif(not PAIRS or not shutil.which("soffice"),
                    reason="Open-XML-PowerTools pairs or LibreOffice (soffice) not found")
def test_libreoffice_opens_every_output(outputs, tmp_path):
    out_dir, results = outputs
    files = [str(p) for (_, _, _, p, _) in results.values()]
    pdf_dir = tmp_path / "pdf"
    for i in range(0, len(files), 60):
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                        "--convert-to", "pdf", "--outdir", str(pdf_dir), *files[i:i + 60]],
                       check=True, capture_output=True, timeout=900)
    missing = [Path(f).stem for f in files if not (pdf_dir / (Path(f).stem + ".pdf")).exists()]
    assert not missing, missing


# --- Oregon agreements ---------------------------------------------------------------------

OREGON = PEERS / "oregon-cba-pairs"


def _oregon_pairs():
    path = OREGON / "pairs.json"
    if not path.exists():
        return []
    return json.loads(path.read_text())["pairs"]


@needs_peers
@pytest.mark.parametrize("pair", _oregon_pairs() or [None],
                         ids=lambda p: p["unit"] if p else "absent")
def test_oregon_agreements_compare_article_by_article(pair):
    if pair is None:
        pytest.skip("Oregon pairs not found")
    old = read(str(OREGON / pair["old"]["path"]))
    new = read(str(OREGON / pair["new"]["path"]))
    r = compare(old, new)
    numbered = [a for a in r.articles if a.old_number and a.new_number]
    assert len(numbered) >= 15, "numbered articles should pair across terms"
    # most articles keep their title (a new article renumbers those after it: OPSA's 2025
    # term splits Article 6, and 24 articles move down one); renamed ones are found, not
    # dropped and re-added
    same = sum(1 for a in numbered if a.status in ("unchanged", "renumbered"))
    assert same / len(numbered) >= 0.7
    data = render_tracked(r)
    # A DOCX cannot hold C0 control characters (the renderer strips them and warns; DEQ's
    # signature page has \x03), so the expected text drops them too.
    assert body_text(data, "accept") == ws(_xml_safe(" ".join(document_paragraphs(new))))
    assert body_text(data, "reject") == ws(_xml_safe(" ".join(document_paragraphs(old))))


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml_safe(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


# --- houfu/redlines and Common Paper ---------------------------------------------------------

def _houfu_cases():
    path = PEERS / "houfu-redlines" / "houfu_redlines_cases.json"
    if not path.exists():
        return []
    data = json.loads(path.read_text())
    return data.get("core_cases", []) if isinstance(data, dict) else data


def _changed_words(inserted, deleted):
    """Words (letters and digits only) inserted and deleted, with words that were only
    re-punctuated cancelled out: houfu marks "out," -> "out." as a change of the word."""
    from collections import Counter

    ins = Counter(w for t in inserted for w in re.findall(r"\w+", t))
    dele = Counter(w for t in deleted for w in re.findall(r"\w+", t))
    return sorted((ins - dele).elements()), sorted((dele - ins).elements())


@needs_peers
def test_houfu_cases_insert_and_delete_the_same_words():
    from redline.align.words import diff_words

    cases = [c for c in _houfu_cases() if isinstance(c, dict) and "expected" in c]
    if not cases:
        pytest.skip("houfu cases not found")
    agree = 0
    for case in cases:
        ops = diff_words(case.get("old") or "", case.get("new") or "")
        exp = case["expected"] if isinstance(case["expected"], str) else ""
        exp = re.sub(r"<span[^>]*line-through[^>]*>(.*?)</span>", r"<del>\1</del>", exp,
                     flags=re.S)
        exp = re.sub(r"<span[^>]*>(.*?)</span>", r"<ins>\1</ins>", exp, flags=re.S)
        ours = _changed_words([t for o, t in ops if o == "insert"],
                              [t for o, t in ops if o == "delete"])
        theirs = _changed_words(re.findall(r"<ins>(.*?)</ins>", exp, re.S),
                                re.findall(r"<del>(.*?)</del>", exp, re.S))
        agree += ours == theirs
    assert agree == len(cases), f"{agree}/{len(cases)}"


@needs_peers
def test_commonpaper_single_word_change_marks_exactly_that_word():
    folder = PEERS / "commonpaper-mutual-nda"
    files = sorted(folder.glob("Mutual-NDA_*.md"))
    if len(files) < 2:
        pytest.skip("NDA versions not found")

    smallest = None
    for a, b in zip(files, files[1:]):
        ops = [op for c in compare(str(a), str(b)).changes for op in c.ops if op[0] != "equal"]
        if ops and (smallest is None or len(ops) < len(smallest)):
            smallest = ops
    assert smallest is not None
    words = [w for _, t in smallest for w in t.split()]
    assert len(words) <= 2, smallest


# --- Docxodus and Python-Redlines documents --------------------------------------------------

DOCXODUS = PEERS / "docxodus" / "TestFiles"


@needs_peers
@pytest.mark.parametrize("name", sorted(p.relative_to(DOCXODUS).as_posix() for p in
                                        DOCXODUS.rglob("*.docx")) if DOCXODUS.exists()
                         else ["absent"])
def test_docxodus_compare_to_self_gives_no_revision(name):
    if name == "absent":
        pytest.skip("Docxodus files not found")
    path = str(DOCXODUS / name)
    r = compare(path, path)
    assert not r.differs
    data = render_tracked(r)
    assert revision_count(data) == 0
    assert body_text(data, "accept") == body_text(path, "accept")


@needs_peers
def test_docxodus_real_pairs_round_trip():
    pairs = [("WC/WC-BodyBookmarks-Before.docx", "WC/WC-BodyBookmarks-After.docx"),
             ("RC/RC100-Conflict-Base.docx", "RC/RC100-Conflict-Alice.docx"),
             ("RC/RC100-Conflict-Base.docx", "RC/RC100-Conflict-Bob.docx"),
             ("VP/VP004-Legal-Contract.docx", "NVCA-Model-COI.docx")]
    for before, after in pairs:
        b, a = DOCXODUS / before, DOCXODUS / after
        if not (b.exists() and a.exists()):
            pytest.skip("Docxodus pair not found")
        data = render_tracked(compare(str(b), str(a)))
        assert body_text(data, "accept") == body_text(str(a), "accept"), after
        assert body_text(data, "reject") == body_text(str(b), "accept"), before


@needs_peers
def test_python_redlines_fixture_round_trips():
    folder = PEERS / "python-redlines" / "tests" / "fixtures"
    if not folder.exists():
        pytest.skip("Python-Redlines fixtures not found")
    before, after = folder / "original.docx", folder / "modified.docx"
    data = render_tracked(compare(str(before), str(after), party="redline"))
    assert body_text(data, "accept") == body_text(str(after), "accept")
    assert body_text(data, "reject") == body_text(str(before), "accept")
    expected = revision_count((folder / "expected_redline.docx").read_bytes())
    assert abs(revision_count(data) - expected) <= max(3, expected // 2)
