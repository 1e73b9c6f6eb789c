"""The library's public functions; ``redline/__init__.py`` re-exports them lazily."""
from __future__ import annotations

from typing import Optional, Union

from .model import Document
from .readers import ReadOptions, read_document


def read(source: Union[str, Document], options: Optional[ReadOptions] = None) -> Document:
    """Read a DOCX, PDF, text or markdown proposal or redline into a :class:`Document`."""
    if isinstance(source, Document):
        return source
    return read_document(str(source), options)


def compare(old: Union[str, Document], new: Union[str, Document],
            options: Optional["CompareOptions"] = None,
            read_options: Optional[ReadOptions] = None, **kwargs) -> "Comparison":
    """Compare two versions of a proposal (paths or documents, any mix of formats).

    Keyword arguments are :class:`~redline.align.CompareOptions` fields, e.g.
    ``compare(a, b, ignore_case=True, party="Union")``.
    """
    from .align import CompareOptions, compare_documents

    if options is None:
        options = CompareOptions(**kwargs)
    elif kwargs:
        from dataclasses import replace

        options = replace(options, **kwargs)
    return compare_documents(read(old, read_options), read(new, read_options), options)


if False:  # pragma: no cover - for type checkers only
    from .align import CompareOptions, Comparison  # noqa: F401
