"""Choose a renderer for a comparison by output format."""
from __future__ import annotations

import json
from typing import Union

from ..align.result import Comparison, summary_lines
from ..timing import stage
from .formats import COMPARISON_FORMATS, check_format


def render_comparison(result: Comparison, fmt: str, style: str = "tracked"
                      ) -> Union[str, bytes]:
    """A comparison as ``docx`` (tracked changes, or ``style="colour"``) or ``pdf`` bytes,
    or as ``html``, ``json`` or ``text`` (a terminal summary) str; any other format is
    refused (:class:`~redline.errors.OutputError`)."""
    with stage("render"):
        return _render(result, fmt, style)


def _render(result: Comparison, fmt: str, style: str) -> Union[str, bytes]:
    check_format(fmt, COMPARISON_FORMATS, "a comparison")
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "text":
        from ..terms.report import comparison_summary

        return "\n".join(summary_lines(result) + comparison_summary(result)) + "\n"
    if fmt == "docx":
        if style == "colour":
            from .docx_colour import render_colour_comparison

            return render_colour_comparison(result)
        from .docx_tracked import render_tracked
        from .html import comparison_properties

        return render_tracked(result, comparison_properties(result))
    if fmt == "html":
        from .html import render_comparison_html

        return render_comparison_html(result)
    if fmt == "pdf":
        # what is sent: the colour-keyed redline (key and proposal lines on every page),
        # not the reading report the HTML output is
        from .docx_colour import colour_comparison_parts, render_colour_comparison
        from .history import marked_sheet
        from .html import comparison_properties
        from .pdf import document_pdf

        props = comparison_properties(result)
        paragraphs, headers, key = colour_comparison_parts(result)
        return document_pdf(lambda: render_colour_comparison(result),
                            lambda engine: marked_sheet(headers, key, paragraphs, props,
                                                        running=engine == "weasyprint"),
                            props)
    raise AssertionError(f"{fmt}: in COMPARISON_FORMATS without a renderer")
