"""Damaged and hostile input: the API raises :class:`InputError`; the CLI prints one line that
names the file, exits 2, shows no traceback and writes no output file."""
from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Callable, Dict

import pytest
from click.testing import CliRunner

from docx_builder import build_docx, p, zip_members
from redline.api import read
from redline.cli import cli
from redline.errors import InputError

GOOD_BODY = p("LEAVES") + p("X.1 Members earn leave.")

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE w:document SYSTEM "http://example.invalid/evil.dtd">
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>X.1 Text.</w:t></w:r></w:p></w:body></w:document>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"""



def _with_document(xml: bytes) -> bytes:
    good = zipfile.ZipFile(io.BytesIO(build_docx(GOOD_BODY)))
    members = {n: good.read(n) for n in good.namelist()}
    members["word/document.xml"] = xml
    return zip_members(members)


def _zeros_document() -> bytes:
    """A DOCX whose document.xml inflates to 4 MB (a few KB deflated): a bomb once
    ``MAX_PART_BYTES`` is lowered below that."""
    body = p("LEAVES") + p("X.1 " + "0" * (4 * 1024 * 1024))
    return build_docx(body)


MAKERS: Dict[str, Callable[[], bytes]] = {
    "empty": lambda: b"",
    "text-named-docx": lambda: b"X.1 This is a plain text file, not a Word document.\n",
    "truncated-zip": lambda: build_docx(GOOD_BODY)[:700],
    "zip-without-document": lambda: zip_members({"[Content_Types].xml": b"<Types/>",
                                          "word/styles.xml": b"<w:styles/>"}),
    "empty-zip": lambda: zip_members({}),
    "not-xml-document": lambda: _with_document(b"this is not xml <<<"),
    "not-a-word-body": lambda: _with_document(b"<html><body>hi</body></html>"),
    "billion-laughs": lambda: _with_document(BILLION_LAUGHS),
    "external-dtd": lambda: _with_document(EXTERNAL_DTD),
    "external-entity": lambda: _with_document(EXTERNAL_ENTITY),
    "path-traversal": lambda: build_docx(GOOD_BODY, extra={"../../evil.txt": b"pwned"}),
    "absolute-member": lambda: build_docx(GOOD_BODY, extra={"/etc/evil.txt": b"pwned"}),
    "zip-bomb": _zeros_document,
}

MESSAGES = {
    "empty": "empty",
    "text-named-docx": "not a DOCX",
    "truncated-zip": "not a DOCX",
    "zip-without-document": "no word/document.xml",
    "empty-zip": "not a readable DOCX",
    "not-xml-document": "not well-formed",
    "not-a-word-body": "not a Word document",
    "billion-laughs": "DTD or XML entities",
    "external-dtd": "DTD",
    "external-entity": "DTD or XML entities",
    "path-traversal": "outside the package",
    "absolute-member": "outside the package",
    "zip-bomb": "refusing",
}


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lower the part limit so a 4 MB part is a bomb (a real one would be slow to build)."""
    import redline.ooxml as ooxml

    monkeypatch.setattr(ooxml, "MAX_PART_BYTES", 1024 * 1024)


@pytest.fixture(params=sorted(MAKERS))
def bad_file(request: pytest.FixtureRequest, tmp_path: Path, small_parts: None) -> Path:
    path = tmp_path / f"{request.param}.docx"
    path.write_bytes(MAKERS[request.param]())
    return path


def _case(path: Path) -> str:
    return path.stem


def test_api_raises_input_error(bad_file: Path) -> None:
    with pytest.raises(InputError) as err:
        read(str(bad_file))
    message = str(err.value)
    assert str(bad_file) in message and "\n" not in message
    assert MESSAGES[_case(bad_file)] in message


def test_cli_one_line_exit_2_no_output(bad_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli, ["parse", str(bad_file), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(bad_file) in lines[0]
    assert MESSAGES[_case(bad_file)] in lines[0]
    assert result.stdout == ""
    assert not out.exists()
    assert not [f for f in tmp_path.iterdir() if f.name.startswith(".redline-")]


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.docx"
    with pytest.raises(InputError, match="no such file"):
        read(str(missing))
    result = CliRunner().invoke(cli, ["parse", str(missing)])
    assert result.exit_code == 2 and "no such file" in result.stderr
    assert str(missing) in result.stderr


def test_folder_is_not_a_document(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        read(str(tmp_path))


def test_legacy_doc(tmp_path: Path) -> None:
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(InputError, match="legacy .doc"):
        read(str(legacy))


def test_output_over_the_input_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "p.docx"
    build_docx(GOOD_BODY, path=src)
    before = src.read_bytes()
    result = CliRunner().invoke(cli, ["parse", str(src), "-o", str(src)])
    assert result.exit_code == 2 and "overwrite an input" in result.stderr
    assert src.read_bytes() == before


def test_subprocess_prints_no_traceback(tmp_path: Path) -> None:
    """The real entry point (``python -m redline``), not just the click test runner."""
    bad = tmp_path / "letter.docx"
    bad.write_text("Dear colleagues, this is not a Word file.\n")
    out = tmp_path / "out.json"
    proc = subprocess.run([sys.executable, "-m", "redline", "parse", str(bad), "-o", str(out)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(bad) in lines[0] and "not a DOCX" in lines[0]
    assert proc.stdout == "" and not out.exists()


def test_good_fixture_reads(tmp_path: Path) -> None:
    """The hostile files above are built from this one, which reads fine."""
    src = tmp_path / "good.docx"
    build_docx(GOOD_BODY, path=src)
    assert [c.number for c in read(str(src)).clauses] == ["X.1"]
