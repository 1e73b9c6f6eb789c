"""Colour-key files (TOML) read against a schema: every problem found, one line each.

A key file is small and typed by hand: a regular file of at most
:data:`~redline.inputs.MAX_SMALL_FILE_BYTES`, UTF-8 TOML, nested no deeper than the schema
(``[[round]]`` tables, ``[parties.NAME]`` tables).  What it may hold (docs/colour-key.md)::

    convention = "by-round" | "by-party"
    [[round]]  party = str, date = a real date, label = str, color = RRGGBB or a colour name
    [parties.NAME]  color = RRGGBB or a colour name
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

from ..conventions.colours import COLOUR_NAMES
from ..conventions.dates import date_value
from ..errors import InputError
from ..inputs import MAX_SMALL_FILE_BYTES, read_input

CONVENTIONS = ("by-round", "by-party")
_TOP_KEYS = {"convention", "round", "parties"}
_ROUND_KEYS = {"party", "date", "label", "color", "colour"}
_PARTY_KEYS = {"color", "colour"}
#: The deepest a key file may nest (tables in tables); deeper is not a key file, and
#: would make the TOML parser recurse until Python gives up.
MAX_KEY_DEPTH = 8


class KeyFileError(InputError):
    """A colour key that does not fit the schema; ``problems`` holds one line for each."""

    def __init__(self, problems: List[str], path: str) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(problems), path)


@dataclass(frozen=True)
class KeySpec:
    """What a valid key file says: ``rounds`` as (party, date YYYY-MM-DD, RRGGBB)."""

    convention: str = "by-round"
    rounds: Tuple[Tuple[Optional[str], str, str], ...] = ()
    parties: Tuple[Tuple[str, str], ...] = ()


def _type_name(value: Any) -> str:
    return {str: "text", int: "a number", float: "a number", bool: "true/false",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def _colour(value: Any, where: str, problems: List[str]) -> Optional[str]:
    if not isinstance(value, str):
        problems.append(f"{where}: color must be text (RRGGBB or a colour name), not "
                        f"{_type_name(value)}")
        return None
    colour = value.strip().lstrip("#")
    colour = COLOUR_NAMES.get(colour.lower(), colour)
    if len(colour) != 6 or any(c not in "0123456789abcdefABCDEF" for c in colour):
        problems.append(f"{where}: color must be RRGGBB or a colour name, not {value!r}")
        return None
    return colour.upper()


def _too_deep(text: str) -> bool:
    """Brackets and braces nested past :data:`MAX_KEY_DEPTH` (outside strings, roughly:
    enough to refuse a file built to exhaust the parser's recursion)."""
    depth = deepest = 0
    quote = ""
    for ch in text:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            quote = "\n"  # a comment: skip to the end of the line
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_KEY_DEPTH:
                return True
        elif ch in "]}":
            depth = max(depth - 1, 0)
        elif ch == "\n":
            quote = ""
    return False


def read_key_file(path: str) -> KeySpec:
    """Read and check a colour-key file; a :class:`KeyFileError` lists every problem."""
    try:
        import tomllib  # type: ignore[import-not-found]
    except ImportError:  # Python < 3.11
        import tomli as tomllib  # type: ignore[no-redef]

    try:
        data = read_input(path, MAX_SMALL_FILE_BYTES, "colour key")
    except InputError as exc:
        if str(exc).endswith("no such file"):
            raise InputError("no such colour key file", path) from None
        raise
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("not a colour key (not UTF-8 text)", path) from None
    if _too_deep(text):
        raise InputError(f"not a colour key (nested more than {MAX_KEY_DEPTH} deep)", path)
    try:
        doc = tomllib.loads(text)
    except RecursionError:
        raise InputError("not a colour key (nested too deeply)", path) from None
    except ValueError as exc:
        raise InputError(f"not a valid TOML colour key ({exc})", path) from None
    return check_key(doc, path)


def check_key(doc: Dict[str, Any], path: str) -> KeySpec:
    """A parsed key file checked against the schema (see the module's docstring)."""
    problems: List[str] = []
    for key in sorted(set(doc) - _TOP_KEYS):
        problems.append(f"unknown key {key!r} (a key file holds convention, [[round]] and "
                        "[parties.NAME])")
    convention = doc.get("convention", "by-round")
    if not isinstance(convention, str) or convention not in CONVENTIONS:
        problems.append(f"convention must be by-round or by-party, not {convention!r}"
                        if isinstance(convention, str) else
                        f"convention must be by-round or by-party, not {_type_name(convention)}")
        convention = "by-round"
    rounds: List[Tuple[Optional[str], str, str]] = []
    entries = doc.get("round", [])
    if not isinstance(entries, list):
        problems.append(f"round must be a list of [[round]] tables, not {_type_name(entries)}")
        entries = []
    for k, entry in enumerate(entries, start=1):
        where = f"round {k}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a [[round]] table, not {_type_name(entry)}")
            continue
        for key in sorted(set(entry) - _ROUND_KEYS):
            problems.append(f"{where}: unknown key {key!r} (party, date, label, color)")
        party = entry.get("party")
        if party is not None and not isinstance(party, str):
            problems.append(f"{where}: party must be text, not {_type_name(party)}")
            party = None
        label = entry.get("label")
        if label is not None and not isinstance(label, str):
            problems.append(f"{where}: label must be text, not {_type_name(label)}")
        if "date" not in entry:
            date: Optional[str] = ""  # matches a round whose proposal gave no date
        else:
            date = date_value(entry["date"])
            if date is None:
                problems.append(f"{where}: date {entry['date']!r} is not a date (use "
                                "YYYY-MM-DD)")
        raw_colour = entry.get("color", entry.get("colour"))
        if raw_colour is None:
            problems.append(f"{where}: no color")
            colour = None
        else:
            colour = _colour(raw_colour, where, problems)
        if date is not None and colour is not None:
            rounds.append((party, date[:10], colour))
    parties: List[Tuple[str, str]] = []
    table = doc.get("parties", {})
    if not isinstance(table, dict):
        problems.append(f"parties must be a table of [parties.NAME] tables, not "
                        f"{_type_name(table)}")
        table = {}
    for name, value in table.items():
        where = f"parties.{name}"
        if not isinstance(value, dict):
            problems.append(f"{where}: must be a table with a color, not {_type_name(value)}")
            continue
        for key in sorted(set(value) - _PARTY_KEYS):
            problems.append(f"{where}: unknown key {key!r} (color)")
        raw_colour = value.get("color", value.get("colour"))
        if raw_colour is None:
            continue
        colour = _colour(raw_colour, where, problems)
        if colour is not None:
            parties.append((name, colour))
    if problems:
        raise KeyFileError(problems, path)
    return KeySpec(convention, tuple(rounds), tuple(parties))
