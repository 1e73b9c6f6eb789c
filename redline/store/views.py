"""The workspace's overviews as text: the status table (text, JSON, CSV that no spreadsheet
runs) and the proposal log (text, JSON).  The CLI prints what these return."""
from __future__ import annotations

import csv
import io
import json
from typing import Dict, Optional, Sequence

from .records import Event, StatusRow, StoredProposal, WorkspaceInfo

STATUS_FIELDS = ("article", "number", "rounds", "last_party", "last_date", "last_label",
                 "state", "state_date", "ta_round", "initials", "note")
#: What makes a spreadsheet read a cell as a formula (``=HYPERLINK(``, ``=CMD|``,
#: ``@SUM``, ``+``, ``-``) or start a new cell or row inside it (tab, CR).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_EVENT_WORDS = {"ta": "TA'd", "withdraw": "withdrawn", "reopen": "reopened"}


def when(date: Optional[str]) -> str:
    """A stored date as shown: ``2024-03-21 14:15``."""
    return (date or "").replace("T", " ")


def csv_cell(value):
    """A value as a CSV cell no spreadsheet runs: text that would start a formula gets a
    leading apostrophe (OWASP's advice; spreadsheets show the text as written), and a CR
    inside it cannot start a new row."""
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START):
        value = "'" + value
    # a bare CR is not quoted by the csv module (our line end is LF) but ends a row in
    # spreadsheets: as a line break it is quoted and stays inside its cell
    return value.replace("\r\n", "\n").replace("\r", "\n")


def status_csv(rows: Sequence[StatusRow]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=STATUS_FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: csv_cell(v) for k, v in r.to_dict().items()})
    return buf.getvalue()


def status_json(rows: Sequence[StatusRow], info: WorkspaceInfo) -> str:
    return json.dumps({"employer": info.employer, "union": info.union, "term": info.term,
                       "articles": [r.to_dict() for r in rows]},
                      indent=2, ensure_ascii=False) + "\n"


def status_text(rows: Sequence[StatusRow], info: WorkspaceInfo) -> str:
    head = f"{info.employer} and {info.union}" + (f", {info.term}" if info.term else "")
    if not rows:
        return head + "\nno articles yet; add proposals with 'redline add FILE...'\n"
    table = [("ARTICLE", "ROUNDS", "LAST PROPOSAL", "STATE")]
    for r in rows:
        title = f"{r.number} {r.article}" if r.number else r.article
        last = f"{r.last_party or '?'} {when(r.last_date)}"
        state = r.state_text + (f" [{r.initials}]" if r.initials else "")
        table.append((title, str(r.rounds), last, state + (f"; {r.note}" if r.note else "")))
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    lines = [head]
    for row in table:
        lines.append("  ".join(cell.ljust(widths[i]) if i < 3 else cell
                               for i, cell in enumerate(row)).rstrip())
    counts = {s: sum(1 for r in rows if r.state == s) for s in ("open", "ta", "withdrawn")}
    lines.append(f"{len(rows)} article{'s' if len(rows) != 1 else ''}: {counts['ta']} TA'd, "
                 f"{counts['open']} open, "
                 f"{counts['withdrawn']} withdrawn")
    return "\n".join(lines) + "\n"


def status_view(rows: Sequence[StatusRow], info: WorkspaceInfo, fmt: str) -> str:
    """The status table as ``text``, ``json`` or ``csv``."""
    if fmt == "json":
        return status_json(rows, info)
    if fmt == "csv":
        return status_csv(rows)
    return status_text(rows, info)


def log_view(props: Sequence[StoredProposal], fmt: str = "text",
             rounds: Optional[Dict[int, int]] = None,
             events: Optional[Sequence[Event]] = None) -> str:
    """Stored proposals by date as ``text`` or ``json``; with ``rounds`` (proposal id ->
    round, for one article) each line says its round or ``(copy)``, and its ``events``
    (TA, withdrawal, reopening) follow."""
    article = rounds is not None
    rounds = rounds or {}
    if fmt == "json":
        data = []
        for p in props:
            d = p.to_dict()
            if article:
                d["round"] = rounds.get(p.id)
            data.append(d)
        out: dict = {"proposals": data}
        if article:
            out["events"] = [e.__dict__ for e in events or ()]
        return json.dumps(out, indent=2, ensure_ascii=False) + "\n"
    if not props:
        return "no proposals stored yet; add some with 'redline add FILE...'\n"
    lines = []
    for p in props:
        rnd = ""
        if article:
            rnd = f"{f'round {rounds[p.id]}' if p.id in rounds else '(copy)':<9} "
        lines.append(f"{rnd}{when(p.date):<16}  {p.party or '?':<8}  {p.sha12}  "
                     f"{p.label or ''}  [{', '.join(p.articles)}]  {p.filename}")
    for e in events or ():
        extra = f" at round {e.round}" if e.round else ""
        extra += f" ({e.initials})" if e.initials else ""
        extra += f" by {e.party}" if e.party else ""
        lines.append(f"{'':10}{when(e.date):<16}  {_EVENT_WORDS[e.kind]}{extra}")
    return "\n".join(lines) + "\n"
