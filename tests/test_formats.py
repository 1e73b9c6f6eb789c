"""One format registry (issue 16): names, extensions and what each output can be written in;
an unknown format is refused (a history used to be written as JSON for any unknown one)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from redline.api import compare, history
from redline.cli import cli
from redline.errors import OutputError
from redline.render.formats import (COMPARISON_FORMATS, HISTORY_FORMATS, format_of_extension,
                                    output_format)
from redline.render.history import ColourKey, render_history
from redline.render.outputs import render_comparison

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [str(p) for p in sorted((ROOT / "samples" / "sick_leave").glob("v*.docx"))]


@pytest.mark.parametrize("name, fmt", [("a.docx", "docx"), ("A.HTM", "html"),
                                       ("x.json", "json"), ("s.txt", "text"),
                                       ("m.md", "markdown"), ("p.pdf", "pdf"),
                                       ("x.rtf", None), ("noext", None)])
def test_extensions(name, fmt):
    assert format_of_extension(name) == fmt


def test_output_format_follows_the_registry():
    assert output_format(None, None) == "text" and output_format("-", None) == "text"
    assert output_format("changes.md", None) == "text"  # the summary, as before
    assert output_format("h.pdf", None, HISTORY_FORMATS) == "pdf"
    with pytest.raises(OutputError, match="give --format"):
        output_format("h.rtf", None)
    with pytest.raises(OutputError, match="formats: docx, html"):
        output_format("-", "rtf", COMPARISON_FORMATS)


def test_renderers_refuse_an_unknown_format():
    with pytest.raises(OutputError, match="a history cannot be written as 'rtf'"):
        render_history(history(SAMPLES[:2]), ColourKey(), "rtf")
    with pytest.raises(OutputError, match="a comparison cannot be written as 'rtf'"):
        render_comparison(compare(SAMPLES[0], SAMPLES[1]), "rtf")


def test_the_command_line_takes_its_choices_from_the_registry(tmp_path):
    res = CliRunner().invoke(cli, ["history", *SAMPLES[:2], "-o", str(tmp_path / "h.rtf")])
    assert res.exit_code == 2 and "redline: error: " in res.stderr and "give --format" in \
        res.stderr
    assert not (tmp_path / "h.rtf").exists()
    res = CliRunner().invoke(cli, ["history", "--help"])
    assert "[docx|html|pdf|json|text]" in res.output
