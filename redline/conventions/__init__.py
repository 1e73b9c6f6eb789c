"""The conventions negotiators print, recognised and written in one place.

Every reader hands this package text (runs with their marks, lines with their positions) and
asks it what the text means; every renderer that prints a key entry or a proposal line asks it
how.  Nothing here knows a file format.

* :mod:`.dates`      dates and times of day as printed ("05/09/24", "06/20/2024- 3:35PM")
* :mod:`.parties`    the two parties, their names and acronyms, names a document teaches
* :mod:`.proposals`  proposal lines ("District Counter Proposal 05/09/2024"), read and written
* :mod:`.keys`       colour-key entries ("Green - District counter 05.09.2024"), read and written
* :mod:`.colours`    colour names, nearness, neutral inks
* :mod:`.marks`      what a mark means: which round an ink is, struck vs inserted, by party
* :mod:`.numbering`  clause numbers (``X.1``, ``(a)``, ``9.2.2``, ``28-9``) and Word list numbering
* :mod:`.notes`      position notes ("District remains status quo")

:class:`KnownConventions` is what a reader is told about them from outside the document: the
party names (``--party-alias``, a workspace's team names), a colour key that settles the
document's (``--key``) and the proposal of a document that prints none.  What the reader
decided in the end is reported in the model's :class:`redline.model.Conventions`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Tuple

from ..model import ColourKeyEntry, Proposal
from .parties import DEFAULT_PARTIES, PartyNames

__all__ = ["KnownConventions", "DEFAULT_PARTIES", "PartyNames"]


@dataclass(frozen=True)
class KnownConventions:
    """What settles a convention the document leaves open: party names and aliases, a
    colour key given by the user (``key``: it replaces the key the document prints, or the
    inks the reader would take in order) and the proposal (``proposal``: party, date and
    label of a clean document that prints none, or prints another)."""

    parties: PartyNames = field(default_factory=lambda: DEFAULT_PARTIES)
    key: Tuple[ColourKeyEntry, ...] = ()
    proposal: Optional[Proposal] = None
