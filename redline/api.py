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
            read_options: Optional[ReadOptions] = None, *, old_round: Optional[int] = None,
            new_round: Optional[int] = None, **kwargs) -> "Comparison":
    """Compare two versions of a proposal (paths or documents, any mix of formats).

    A redline given as a version counts as its last round, or round ``old_round`` /
    ``new_round`` (1-based), with a warning saying so.  Keyword arguments are
    :class:`~redline.align.CompareOptions` fields, e.g.
    ``compare(a, b, ignore_case=True, party="Union")``.
    """
    from .align import CompareOptions, compare_documents, order_warnings

    if options is None:
        options = CompareOptions(**kwargs)
    elif kwargs:
        from dataclasses import replace

        options = replace(options, **kwargs)
    old_doc = as_version(read(old, read_options), old_round, "old")
    new_doc = as_version(read(new, read_options), new_round, "new")
    result = compare_documents(old_doc, new_doc, options)
    # the user named the order: say when the dates contradict it (internal comparisons,
    # such as verify's, compare in whatever order they need)
    reversed_ = order_warnings(old_doc.proposal, new_doc.proposal)
    if reversed_:
        import logging
        from dataclasses import replace as _replace

        for text in reversed_:
            logging.getLogger("redline").warning("%s vs %s: %s", old_doc.source or "old",
                                                 new_doc.source or "new", text)
        result = _replace(result, warnings=result.warnings + tuple(reversed_))
    return result


def as_version(doc: Document, round_number: Optional[int] = None, role: str = "") -> Document:
    """A document where one version is expected: itself, or for a redline its last round
    (or round ``round_number``, 1-based), said in a warning so that no one takes a redline's
    struck words for text.  A round number given for a document that is not a redline, or
    beyond its rounds, is an error."""
    import logging

    from .errors import InputError

    if not doc.rounds:
        if round_number is not None:
            raise InputError(f"--round-of {round_number}: not a redline (it has no rounds)",
                             doc.source)
        return doc
    n = len(doc.rounds)
    if round_number is not None and not 1 <= round_number <= n:
        raise InputError(f"--round-of {round_number}: the redline has rounds 1 to {n}",
                         doc.source)
    k = round_number or n
    p = doc.rounds[k - 1].proposal
    who = " ".join(x for x in (p.label or p.party or "", p.date or "") if x) or "undated"
    logging.getLogger("redline").warning(
        "%s: a redline of %d rounds given as the %s version: compared at round %d (%s)%s",
        doc.source or role, n, role or "one", k, who,
        "" if round_number else "; --round-of picks another")
    return doc.round_document(k - 1)


if False:  # pragma: no cover - for type checkers only
    from .align import CompareOptions, Comparison  # noqa: F401


def history(sources, proposals=None, read_options: Optional[ReadOptions] = None,
            options=None):
    """Fold dated versions (any order) into one :class:`~redline.align.history.History`.

    ``proposals`` (optional, one per source) overrides the party/date read from headers.
    A redline among the sources (ours or the other side's, DOCX or PDF) brings every round
    it holds, with its colours (``History.colours``), so that newer counters continue it.
    The same proposal given twice (a DOCX and its PDF, a copy, a clean file and the
    redline round it became) is used once, with a warning.  Versions are put in date order.
    """
    from .align.history import build_history, gather_versions
    from .errors import InputError

    docs = [read(s, read_options) for s in sources]
    props = list(proposals) if proposals else [None] * len(docs)
    if len(props) != len(docs):
        raise InputError("give one --round per file, or none")
    versions = gather_versions(docs, props)
    h = build_history([v.document for v in versions], [v.proposal for v in versions],
                      options)
    h.colours.update({(v.proposal.party, (v.proposal.date or "")[:10]): v.colour
                      for v in versions if v.colour})
    return h


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
