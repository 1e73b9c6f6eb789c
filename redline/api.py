"""The library's public functions; ``redline/__init__.py`` re-exports them lazily."""
from __future__ import annotations

from typing import Optional, Union

from .model import Document
from .readers import ReadOptions, read_document


def read(source: Union[str, Document], options: Optional[ReadOptions] = None) -> Document:
    """Read a DOCX, PDF, text or markdown proposal or redline into a :class:`Document`."""
    from .timing import stage

    if isinstance(source, Document):
        return source
    with stage("read"):
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


def history(sources, proposals=None, read_options: Optional[ReadOptions] = None,
            options=None):
    """Fold dated versions (any order) into one :class:`~redline.align.history.History`.

    ``proposals`` (optional, one per source) overrides the party/date read from headers.
    Versions are put in date order.
    """
    from .align.history import build_history
    from .errors import InputError

    docs = [read(s, read_options) for s in sources]
    props = list(proposals) if proposals else [None] * len(docs)
    if len(props) != len(docs):
        raise InputError("give one --round per file, or none")
    pairs = []
    for doc, prop in zip(docs, props):
        p = prop if prop is not None else doc.latest().proposal
        if not p.date:
            raise InputError("no proposal date found in its header; give --round "
                             "\"PARTY YYYY-MM-DD LABEL\"", doc.source)
        pairs.append((p, doc))
    pairs.sort(key=lambda t: t[0].date or "")
    return build_history([d for _, d in pairs], [p for p, _ in pairs], options)


def verify(counter, against, clean=None, read_options: Optional[ReadOptions] = None):
    """Unmarked changes in a redline ``counter`` relative to our ``against`` version."""
    from .align.history import find_unmarked
    from .errors import InputError

    doc = read(counter, read_options)
    if not doc.rounds:
        raise InputError("has no marks (no colour key and no tracked changes): "
                         "not a redline to verify", doc.source)
    return find_unmarked(doc, read(against, read_options),
                         read(clean, read_options) if clean else None)
