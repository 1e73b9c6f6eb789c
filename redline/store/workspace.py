"""The negotiation workspace: every proposal kept safe, every article's chain of counters,
and the state of each article (open, tentatively agreed, withdrawn).

Layout (one folder, no server)::

    DIR/.redline/redline.db        SQLite (WAL): proposals, articles, versions, events, meta
    DIR/.redline/objects/ab/cdef…  each proposal's original bytes, named by SHA-256

Writes follow one rule: the object file first (flushed, then renamed into place), then one
``BEGIN IMMEDIATE`` transaction for the rows.  A command killed at any point leaves either
nothing or everything of the proposal it was storing; an object without rows is harmless
and is reused by the next ``add`` of the same file.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date as _date
from datetime import datetime, timezone
from typing import (Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple,
                    Union)

from ..conventions.dates import unordered_days
from ..conventions.numbering import ARTICLE_LINE
from ..errors import InputError, RedlineError, WorkspaceError
from ..inputs import read_input
from ..tempfiles import temp_dir
from ..model import Article, Document
from . import schema
from .objects import TEMP_PREFIX, ObjectStore, discard, sha256_of, writer_gone
from .records import (ROLES, AddResult, ArticleRecord, Event, PartyRecord, Signatory,
                      StatusRow, StoredProposal, Version, WorkspaceInfo)

WORKSPACE_DIR = ".redline"
DB_NAME = "redline.db"
OBJECTS_DIR = "objects"
#: Environment variable naming the workspace folder (as ``--workspace`` does).
ENV_VAR = "REDLINE_WORKSPACE"

STATES = ("open", "ta", "withdrawn")
#: A temporary object file older than this (seconds) belongs to an ``add`` that was killed:
#: the next command removes it.  (A running ``add`` writes and renames its file in well
#: under this.)
LEFTOVER_AGE_S = 15 * 60


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def today() -> str:
    return _date.today().isoformat()


def normalise_key(title: str) -> str:
    """The key an article is stored under: its title, upper-cased, spaces collapsed."""
    return " ".join((title or "").upper().split())


def check_date(text: Optional[str], what: str = "date") -> Optional[str]:
    """``YYYY-MM-DD[THH:MM]`` from what a user typed; None stays None."""
    from ..conventions.dates import normalise_date

    if text is None:
        return None
    out = normalise_date(str(text))
    if out is None:
        raise WorkspaceError(f"{what} {text!r} is not a date (use YYYY-MM-DD)")
    return out


def article_text_sha(article: Article) -> str:
    """A hash of what an article says (numbers, headings, text, tables; white space
    normalised), to tell another copy of a version from a corrected one."""
    parts = []
    for c in article.clauses:
        parts.append("|".join((c.number, " ".join(c.heading.split()), " ".join(c.text.split()),
                               repr(c.table) if c.table else "")))
    return sha256_of("\n".join(parts).encode("utf-8"))


def on_or_before(version_date: str, limit: str) -> bool:
    """Whether a version dated ``version_date`` counts as of ``limit`` (a day includes its
    times: ``2024-06-20T15:35`` is on or before ``2024-06-20``)."""
    if "T" not in limit:
        return version_date[:10] <= limit
    return version_date <= limit


# --- finding and creating a workspace ------------------------------------------------------

def _db_path(folder: str) -> str:
    return os.path.join(folder, WORKSPACE_DIR, DB_NAME)


def find_workspace(start: Optional[str] = None) -> str:
    """The workspace folder at ``start`` (default: the current folder) or the nearest above."""
    here = os.path.abspath(start or os.getcwd())
    probe = here
    while True:
        if os.path.isfile(_db_path(probe)):
            return probe
        parent = os.path.dirname(probe)
        if parent == probe:
            raise WorkspaceError(f"no redline workspace in {here} or above; run "
                                 "'redline init', or give --workspace DIR")
        probe = parent


def _workspace_folder(folder: str) -> str:
    """Accept the workspace folder itself or its ``.redline`` folder."""
    folder = os.path.abspath(folder)
    if os.path.basename(folder) == WORKSPACE_DIR and os.path.isfile(
            os.path.join(folder, DB_NAME)):
        return os.path.dirname(folder)
    if not os.path.isfile(_db_path(folder)):
        raise WorkspaceError("no redline workspace here; run 'redline init' first", folder)
    return folder


#: The meta keys of the parties' full names and acronyms (schema 2; absent: the defaults).
NAME_KEYS = ("employer_full", "employer_acronym", "union_full", "union_acronym")


def _name_meta(names: Dict[str, str]) -> Dict[str, str]:
    unknown = sorted(set(names) - set(NAME_KEYS))
    if unknown:
        raise WorkspaceError(f"unknown party name field(s): {', '.join(unknown)}")
    return {k: " ".join((v or "").split()) for k, v in names.items() if v is not None}


def party_read_options(*tables: Mapping[str, Sequence[str]]):
    """Read options whose party names are the defaults (``District``, ``SUSD``, ``Union``,
    ...) plus every name in ``tables`` (party -> names; empty names skipped): the one place
    the workspace and the manifest build them."""
    from ..readers import ReadOptions
    from ..conventions import KnownConventions
    from ..conventions.parties import DEFAULT_ALIASES, PartyNames

    table = {k: tuple(v) for k, v in DEFAULT_ALIASES.items()}
    for extra in tables:
        for party, names in extra.items():
            table[party] = tuple(table.get(party, ())) + tuple(n for n in names if n)
    return ReadOptions(conventions=KnownConventions(parties=PartyNames(table)))


def parse_aliases(items: Sequence[str]) -> Dict[str, Tuple[str, ...]]:
    """``District=SUSD,Employer`` entries as a table of extra party names."""
    table: Dict[str, Tuple[str, ...]] = {}
    for item in items:
        for chunk in (c for c in item.split(";") if c.strip()):
            if "=" not in chunk:
                raise WorkspaceError(f"alias {chunk!r}: write it as PARTY=ALIAS[,ALIAS]")
            party, names = chunk.split("=", 1)
            party = party.strip()
            if not party:
                raise WorkspaceError(f"alias {chunk!r}: the party name is empty")
            table[party] = tuple(table.get(party, ())) + tuple(
                n.strip() for n in names.split(",") if n.strip())
    return table


@dataclass(eq=False)
class PreparedProposal:
    """A proposal read for storing: its bytes, their hash, and either the proposal already
    stored with those bytes or the temporary object file and the document parsed from it."""

    path: str
    data: bytes
    sha: str
    known: Optional[StoredProposal] = None
    tmp: Optional[str] = None
    doc: Optional[Document] = None

    @property
    def is_redline(self) -> bool:
        return bool(self.doc is not None and self.doc.rounds)

    @property
    def date(self) -> Optional[str]:
        if self.known is not None:
            return self.known.date
        return self.doc.proposal.date if self.doc is not None else None


class Workspace:
    """One negotiation: its proposals, articles and their states.

    Open it with :meth:`open` (or :meth:`find` from a folder inside it) and close it when
    done (it is a context manager).  Every method that writes is one transaction.
    """

    def __init__(self, folder: str) -> None:
        self.folder = _workspace_folder(folder)
        self.dir = os.path.join(self.folder, WORKSPACE_DIR)
        self.db_path = os.path.join(self.dir, DB_NAME)
        self.objects = ObjectStore(os.path.join(self.dir, OBJECTS_DIR))
        self.db = schema.connect(self.db_path)
        try:
            self.schema_version = schema.check_version(self.db, self.db_path)
            if self.schema_version < schema.SCHEMA_VERSION and schema._writable(self.db_path):
                self._migrate()
        except BaseException:
            self.db.close()
            raise
        self._docs: Dict[str, Document] = {}
        self._info: Optional[WorkspaceInfo] = None
        self._checked = False
        self.clean_leftovers()

    def _migrate(self) -> None:
        """Bring an older schema up to date; a damaged or busy database is left as it is
        (read as it is; writing commands say why they cannot write)."""
        import logging

        try:
            schema.check_integrity(self.db, self.db_path)
            schema.migrate(self.db, self.db_path)
        except WorkspaceError as exc:
            logging.getLogger("redline").warning(
                "the workspace was not brought up to schema %d (%s); it is read as it is",
                schema.SCHEMA_VERSION, exc)
            return
        self.schema_version = schema.SCHEMA_VERSION

    # -- lifecycle --------------------------------------------------------------------------

    @classmethod
    def init(cls, folder: str, employer: str, union: str, term: Optional[str] = None,
             aliases: Optional[Dict[str, Tuple[str, ...]]] = None,
             names: Optional[Dict[str, str]] = None) -> "Workspace":
        """Create a workspace in ``folder`` (made if missing); refuse an existing one.

        The workspace is built in a temporary folder and renamed into place, so a crash
        leaves either no workspace or a whole one.
        """
        folder = os.path.abspath(folder)
        if not employer.strip() or not union.strip():
            raise WorkspaceError("give both party names: --employer and --union")
        target = os.path.join(folder, WORKSPACE_DIR)
        if os.path.exists(target):
            raise WorkspaceError("is already a redline workspace; nothing was changed", folder)
        try:
            os.makedirs(folder, exist_ok=True)
            tmp = tempfile.mkdtemp(prefix=WORKSPACE_DIR + ".tmp-", dir=folder)
        except OSError as exc:
            raise WorkspaceError(f"cannot create the workspace ({exc.strerror})",
                                 folder) from None
        try:
            os.makedirs(os.path.join(tmp, OBJECTS_DIR))
            db = schema.connect(os.path.join(tmp, DB_NAME))
            try:
                schema.create(db, {
                    "employer": employer.strip(), "union": union.strip(),
                    "term": (term or "").strip(), "created": _now(),
                    "aliases": json.dumps({k: list(v) for k, v in (aliases or {}).items()}),
                    **_name_meta(names or {}),
                })
            finally:
                db.close()
            try:
                os.rename(tmp, target)  # fails if another init got there first
            except OSError:
                raise WorkspaceError("is already a redline workspace; nothing was changed",
                                     folder) from None
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return cls(folder)

    @classmethod
    def open(cls, folder: Optional[str] = None) -> "Workspace":
        """The workspace in ``folder``, or (no folder) the nearest one from the current
        folder up; ``$REDLINE_WORKSPACE`` is honoured when no folder is given."""
        if folder:
            return cls(folder)
        env = os.environ.get(ENV_VAR)
        if env:
            return cls(env)
        return cls(find_workspace())

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def check_writable(self) -> None:
        """Refuse, before anything is written, a workspace that must not be written: a
        damaged database (a write could spread the damage) or a read-only one."""
        if self._checked:
            return
        schema.check_integrity(self.db, self.db_path)
        if self.db.execute("PRAGMA query_only").fetchone()[0] or not schema._writable(
                self.db_path) or not os.access(self.objects.root, os.W_OK):
            raise WorkspaceError("the workspace cannot be written (its database or folder "
                                 "is read-only); reading commands still work", self.db_path)
        self._checked = True

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; IMMEDIATE takes the write lock up front so two commands
        queue (busy timeout) instead of failing halfway."""
        self.check_writable()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            _quietly(self.db, "ROLLBACK")
            raise
        try:
            self.db.execute("COMMIT")
        except BaseException:
            _quietly(self.db, "ROLLBACK")
            raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: one consistent snapshot for several queries."""
        self.db.execute("BEGIN")
        try:
            yield self.db
        except BaseException:
            _quietly(self.db, "ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def clean_leftovers(self) -> int:
        """Remove the temporary files a killed ``add`` left in the object store (its process
        is gone, or the file is older than ``LEFTOVER_AGE_S``: a running ``add`` keeps its
        own); how many were removed."""
        import time

        removed = 0
        now = time.time()
        try:
            folders = os.listdir(self.objects.root)
        except OSError:
            return 0
        for sub in folders:
            folder = os.path.join(self.objects.root, sub)
            try:
                names = [n for n in os.listdir(folder) if n.startswith(TEMP_PREFIX)]
            except OSError:
                continue
            for name in names:
                path = os.path.join(folder, name)
                try:
                    if writer_gone(name) or now - os.stat(path).st_mtime > LEFTOVER_AGE_S:
                        os.unlink(path)
                        removed += 1
                except OSError:
                    pass
        return removed

    # -- metadata ---------------------------------------------------------------------------

    @property
    def info(self) -> WorkspaceInfo:
        if self._info is None:
            meta = {r["key"]: r["value"] for r in self.db.execute("SELECT key, value FROM meta")}
            aliases = {k: tuple(v) for k, v in json.loads(meta.get("aliases") or "{}").items()}
            self._info = WorkspaceInfo(meta.get("employer", ""), meta.get("union", ""),
                                       meta.get("term") or None, aliases,
                                       meta.get("created", ""), *(
                                           meta.get(k, "") for k in NAME_KEYS))
        return self._info

    # -- the parties' names and teams --------------------------------------------------------

    def role(self, party: str) -> str:
        """``District`` or ``Union`` from any name of a party (``NUHW``, ``employer``)."""
        found = self.read_options().parties.canonical(party.strip()) if party else None
        low = (party or "").strip().lower()
        if found not in ROLES:
            found = "District" if low in ("district", "employer") else \
                "Union" if low == "union" else None
        if found is None:
            raise WorkspaceError(f"party {party!r}: give District or Union (or a name of "
                                 "one of them)")
        return found

    def set_names(self, names: Dict[str, str]) -> WorkspaceInfo:
        """Set full names and acronyms: keys ``employer_full``, ``employer_acronym``,
        ``union_full``, ``union_acronym`` (an empty value goes back to the default)."""
        meta = _name_meta(names)
        with self._write() as db:
            db.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                           sorted(meta.items()))
        self._info = None
        return self.info

    def team(self, role: Optional[str] = None) -> List[Signatory]:
        """The signatories (of one party), in the order they were added."""
        if self.schema_version < 2:
            return []  # an older workspace opened read-only: no team yet
        rows = self.db.execute("SELECT party, name, title FROM signatories ORDER BY id")
        return [Signatory(r["party"], r["name"], r["title"]) for r in rows
                if role is None or r["party"] == role]

    def add_signatory(self, party: str, name: str, title: str = "") -> Signatory:
        """Add a team member (a known name gets the new title, keeping its place)."""
        role = self.role(party)
        name, title = " ".join(name.split()), " ".join((title or "").split())
        if not name:
            raise WorkspaceError("give the signatory's name")
        self._need_team_table()
        with self._write() as db:
            db.execute("INSERT INTO signatories(party, name, title) VALUES (?, ?, ?) "
                       "ON CONFLICT(party, name) DO UPDATE SET title = excluded.title",
                       (role, name, title))
        return Signatory(role, name, title)

    def remove_signatory(self, party: str, name: str) -> None:
        role = self.role(party)
        self._need_team_table()
        with self._write() as db:
            gone = db.execute("DELETE FROM signatories WHERE party = ? AND name = ?",
                              (role, " ".join(name.split()))).rowcount
        if not gone:
            names = ", ".join(s.name for s in self.team(role)) or "none"
            raise WorkspaceError(f"no {role} signatory {name!r} (the team: {names})")

    def replace_team(self, role: str, team: Sequence[Signatory]) -> None:
        """The party's team, as given, in one transaction (a team file)."""
        self._need_team_table()
        with self._write() as db:
            db.execute("DELETE FROM signatories WHERE party = ?", (role,))
            db.executemany("INSERT INTO signatories(party, name, title) VALUES (?, ?, ?)",
                           [(role, s.name, s.title) for s in team])

    def _need_team_table(self) -> None:
        if self.schema_version < 2:
            raise WorkspaceError("the workspace has the schema of an older redline and "
                                 "cannot be written to bring it up to date", self.db_path)

    def parties(self) -> Tuple[PartyRecord, PartyRecord]:
        """The District and the Union, with their full names, acronyms and teams."""
        team = self.team()
        return tuple(self.info.party(role, tuple(s for s in team if s.party == role))
                     for role in ROLES)  # type: ignore[return-value]

    def read_options(self):
        """How this workspace reads proposals: the default party names plus its aliases and
        the two parties' names."""
        info = self.info
        return party_read_options(info.aliases, {
            "District": (info.employer, info.employer_full),
            "Union": (info.union, info.union_full, info.union_acronym)})

    def party_name(self, party: Optional[str]) -> str:
        """How the report names a party: the union by its name, the employer as
        "the District"."""
        if party == "Union":
            return self.info.union or "the Union"
        if party == "District":
            return "the District"
        return party or "a party"

    # -- adding proposals -------------------------------------------------------------------

    def add(self, path: str, party: Optional[str] = None, date: Optional[str] = None,
            label: Optional[str] = None) -> AddResult:
        """Store one proposal (any format the readers take) and link its articles.

        Party, date and label come from the proposal's header unless given.  Adding bytes
        already stored is a no-op (``status == "exists"``).
        """
        return self.store(self.prepare(path), party, date, label)

    def add_all(self, paths: Sequence[str], party: Optional[str] = None,
                date: Optional[str] = None, label: Optional[str] = None,
                progress: Optional[Callable[[Sequence[str]], Iterable[str]]] = None
                ) -> Iterator[Tuple[str, Union[AddResult, RedlineError]]]:
        """Store the proposals of a folder in the order a negotiation is stored: the clean
        proposals by date, then the redlines (a redline is the other side's marking of a
        round, not its text: stored first, it would stand for the round until the clean
        counter replaced it).  Each file is read once; ``progress`` wraps the reading.
        Yields (path, result) as each is stored, or (path, error) for a file that could not
        be (the others still are)."""
        self.check_writable()
        pending: List[PreparedProposal] = []
        failed: List[Tuple[str, RedlineError]] = []
        try:
            for path in (progress(paths) if progress else paths):
                try:
                    pending.append(self.prepare(path))
                except RedlineError as exc:
                    failed.append((path, exc))
            yield from failed
            pending.sort(key=lambda p: (p.is_redline, p.date or ""))
            pending.reverse()  # popped from the end: in storing order, ties as found
            while pending:
                prep = pending.pop()  # the first in storing order
                try:
                    yield prep.path, self.store(prep, party, date, label)
                except RedlineError as exc:
                    yield prep.path, exc
        finally:
            for prep in pending:  # never stored (an interruption): no stray temporary file
                if prep.tmp:
                    discard(prep.tmp)

    def prepare(self, path: str) -> "PreparedProposal":
        """A proposal read and parsed, ready to :meth:`store`: its bytes are written to a
        temporary object file and parsed from there (the parse is made from the very bytes
        that are stored).  Bytes already stored are not parsed again."""
        self.check_writable()
        data = self._read_proposal(path)
        sha = sha256_of(data)
        known = self._proposal_by_sha(sha)
        if known is not None:
            return PreparedProposal(path, data, sha, known=known)
        tmp, doc = self._parse_temp(data, sha, path, self.read_options())
        return PreparedProposal(path, data, sha, tmp=tmp, doc=doc)

    def store(self, prep: "PreparedProposal", party: Optional[str] = None,
              date: Optional[str] = None, label: Optional[str] = None) -> AddResult:
        """Store a proposal :meth:`prepare` read, and link its articles."""
        path, data, sha, tmp, doc = prep.path, prep.data, prep.sha, prep.tmp, prep.doc
        try:
            date = check_date(date, "--date")
            known = prep.known or self._proposal_by_sha(sha)
            if known is not None:
                if tmp:
                    discard(tmp)  # the same bytes were stored since (a copy in the folder)
                return self._already_stored(known, data, sha, path, date)
            # prepare() gives a proposal either the stored one or its parse (tmp, doc)
            assert tmp is not None and doc is not None
            options = self.read_options()
            party = options.parties.canonical(party.strip()) if party else None
            articles, party, date, label = _proposal_fields(doc, path, party, date, label)
        except BaseException:
            if tmp:
                discard(tmp)
            raise
        self.objects.commit_temp(tmp, sha)
        with self._write() as db:
            # another command may have stored the same bytes since we looked
            known = self._proposal_by_sha(sha)
            if known is not None:
                return AddResult("exists", path, known)
            pid = self._insert_proposal(db, sha, path, doc, len(data), party, date, label)
            notes = [note for position, art in articles
                     for note in self._link_article(db, pid, position, art, party, date)]
            stored = self._proposal_by_id(pid)
        self._docs[sha] = doc
        return AddResult("added", path, stored, tuple(notes))

    @staticmethod
    def _read_proposal(path: str) -> bytes:
        try:
            # a regular file of bounded size only: never /dev/zero, never a FIFO
            return read_input(path, what="proposal")
        except InputError as exc:
            raise WorkspaceError(_without_path(str(exc), path), path) from None

    def _already_stored(self, known: StoredProposal, data: bytes, sha: str,
                        path: str, date: Optional[str] = None) -> AddResult:
        if date and "T" in date and date[:10] == (known.date or "")[:10] and \
                date != known.date:
            # the time of day of a stored proposal, given when two rounds share its day
            with self._write() as db:
                db.execute("UPDATE proposals SET date = ? WHERE id = ?", (date, known.id))
            known = self._proposal_by_id(known.id)
            return AddResult("exists", path, known, (f"its time of day is now set: {date}",))
        if self.objects.verify(sha) is None:
            return AddResult("exists", path, known)
        # the stored copy was lost or damaged outside redline: these bytes restore it
        self.objects.commit_temp(self.objects.write_temp(data, sha), sha)
        return AddResult("exists", path, known, ("the stored copy was missing or "
                                                 "damaged; restored from this file",))

    def _parse_temp(self, data: bytes, sha: str, path: str, options) -> Tuple[str, Document]:
        """The bytes written to a temporary object file and parsed from there: (its path,
        the document).  A parse failure removes the file and names the user's file."""
        from ..readers import read_document

        suffix = os.path.splitext(path)[1].lower()
        tmp = self.objects.write_temp(data, sha, suffix=suffix if len(suffix) <= 6 else "")
        try:
            return tmp, read_document(tmp, options)
        except BaseException as exc:
            discard(tmp)
            if isinstance(exc, RedlineError):
                # name the file the user gave, not our temporary copy
                msg = str(exc)
                msg = msg[len(tmp) + 2:] if msg.startswith(tmp + ": ") else msg
                raise WorkspaceError(msg, path) from None
            raise

    @staticmethod
    def _insert_proposal(db: sqlite3.Connection, sha: str, path: str, doc: Document,
                         size: int, party: str, date: str, label: str) -> int:
        from ..render.document import document_to_dict

        record = document_to_dict(replace(doc, source=os.path.basename(path)))
        cur = db.execute(
            "INSERT INTO proposals(sha256, filename, format, bytes, party, date, label, "
            "added_at, document) VALUES (?,?,?,?,?,?,?,?,?)",
            (sha, os.path.basename(path), doc.format, size, party, date, label, _now(),
             json.dumps(record, ensure_ascii=False)))
        pid = cur.lastrowid
        assert pid is not None
        return pid

    @staticmethod
    def _link_article(db: sqlite3.Connection, pid: int, position: int, art: Article,
                      party: str, date: str) -> List[str]:
        """The version row of one article of a new proposal (and the article's row when it
        is new); the notes ``add`` reports: which file stands for the round, a TA'd or
        withdrawn article."""
        notes: List[str] = []
        row = db.execute("SELECT id, title, state, state_date FROM articles WHERE key = ?",
                         (art.key,)).fetchone()
        if row is None:
            aid = db.execute("INSERT INTO articles(key, title, number) VALUES (?,?,?)",
                             (art.key, art.title, art.number)).lastrowid
        else:
            aid = row["id"]
            if art.number:
                db.execute("UPDATE articles SET number = ? WHERE id = ?", (art.number, aid))
            standing = None  # the file that stands for this round (see chain())
            for r in db.execute(
                    "SELECT p.filename, v.text_sha FROM versions v JOIN proposals p "
                    "ON p.id = v.proposal_id WHERE v.article_id = ? AND p.party IS ? "
                    "AND p.date = ? ORDER BY p.id", (aid, party, date)):
                if standing is None or standing["text_sha"] != r["text_sha"]:
                    standing = r
            if standing is not None and standing["text_sha"] == article_text_sha(art):
                notes.append(f"{art.key}: the same text as {standing['filename']}, "
                             f"which stays the {party} {date} round")
            elif standing is not None:
                notes.append(f"{art.key}: replaces {standing['filename']} as the "
                             f"{party} {date} round")
            if row["state"] != "open":
                state = "TA'd" if row["state"] == "ta" else "withdrawn"
                notes.append(f"{art.key} is {state} ({row['state_date']}); this "
                             "version is stored but the article stays "
                             f"{state} until 'redline reopen'")
        db.execute("INSERT INTO versions(article_id, proposal_id, position, title, "
                   "number, clauses, text_sha) VALUES (?,?,?,?,?,?,?)",
                   (aid, pid, position, art.title, art.number, len(art.clauses),
                    article_text_sha(art)))
        return notes

    def _proposal_rows(self, where: str = "", args: tuple = ()) -> List[StoredProposal]:
        rows = self.db.execute(
            "SELECT p.*, (SELECT group_concat(title, char(31)) FROM (SELECT v.title FROM "
            "versions v WHERE v.proposal_id = p.id ORDER BY v.position)) AS titles "
            f"FROM proposals p {where} ORDER BY p.date, p.id", args).fetchall()
        return [StoredProposal(r["id"], r["sha256"], r["filename"], r["format"], r["bytes"],
                               r["party"], r["date"], r["label"], r["added_at"],
                               tuple((r["titles"] or "").split("\x1f")) if r["titles"]
                               else ()) for r in rows]

    def _proposal_by_sha(self, sha: str) -> Optional[StoredProposal]:
        rows = self._proposal_rows("WHERE p.sha256 = ?", (sha,))
        return rows[0] if rows else None

    def _proposal_by_id(self, pid: int) -> StoredProposal:
        return self._proposal_rows("WHERE p.id = ?", (pid,))[0]

    # -- reading ----------------------------------------------------------------------------

    def proposals(self, article: Optional[str] = None) -> List[StoredProposal]:
        """Stored proposals by date (then by the order they were added)."""
        if article is None:
            return self._proposal_rows()
        rec = self.article(article)
        return self._proposal_rows("WHERE p.id IN (SELECT proposal_id FROM versions WHERE "
                                   "article_id = ?)", (rec.id,))

    def articles(self) -> List[ArticleRecord]:
        """Every article, in the order it was first added."""
        return [ArticleRecord(r["id"], r["key"], r["title"], r["number"], r["state"],
                              r["state_date"], r["ta_version"], r["ta_initials"])
                for r in self.db.execute("SELECT * FROM articles ORDER BY id")]

    def article(self, name: Union[str, ArticleRecord]) -> ArticleRecord:
        """The article a user means: its title (any case, ``_`` for spaces), ``ARTICLE 12``,
        ``12``, or an unambiguous part of its title."""
        if isinstance(name, ArticleRecord):
            return name
        arts = self.articles()
        q = normalise_key(str(name).replace("_", " "))
        if not q:
            raise WorkspaceError("give an article name")
        m = ARTICLE_LINE.match(q)
        number, title = (m.group("num"), m.group("title")) if m else (
            q if q.isdigit() else None, q)
        for a in arts:
            if title and a.key == title:
                return a
        if number is not None:
            hits = [a for a in arts if (a.number or "").upper() == number]
            if len(hits) == 1 and (not title or title == number or hits[0].key == title):
                return hits[0]
        hits = [a for a in arts if title and (a.key.startswith(title) or title in a.key)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise WorkspaceError(f"{name!r} names several articles ("
                                 f"{', '.join(a.key for a in hits)}); give more of the title")
        known = ", ".join(a.key for a in arts[:8]) + (", ..." if len(arts) > 8 else "")
        raise WorkspaceError(f"no article {name!r} in the workspace" +
                             (f" (articles: {known})" if arts else " (it is empty)"))

    def _versions(self, article_id: int) -> List[Version]:
        props = {p.id: p for p in self._proposal_rows(
            "WHERE p.id IN (SELECT proposal_id FROM versions WHERE article_id = ?)",
            (article_id,))}
        rows = self.db.execute("SELECT * FROM versions WHERE article_id = ?",
                               (article_id,)).fetchall()
        out = [Version(r["id"], r["article_id"], props[r["proposal_id"]], r["position"],
                       r["title"], r["number"], r["clauses"], r["text_sha"]) for r in rows]
        return sorted(out, key=lambda v: (v.date, v.proposal.id))

    def chain(self, article: Union[str, ArticleRecord], strict: bool = True) -> List[Version]:
        """The article's rounds, oldest first.

        Two stored files for the same party and date are one round.  A different text (a
        corrected counter) replaces the one stored before it; the same text in another file
        (the PDF of a DOCX, a redline whose last round it is) leaves the first one standing.
        Rounds of one day that cannot be ordered (one says no time of day) stop with a
        :class:`WorkspaceError` naming their files; ``strict=False`` (overviews: status, log,
        report) returns them in the order they were added instead.
        """
        rec = self.article(article)
        by_round: Dict[Tuple[Optional[str], str], Version] = {}
        for v in sorted(self._versions(rec.id), key=lambda v: v.proposal.id):
            known = by_round.get((v.party, v.date))
            if known is None or known.text_sha != v.text_sha:
                by_round[(v.party, v.date)] = v
        ordered = sorted(by_round.values(), key=lambda v: (v.date, v.proposal.id))
        problem = unordered_rounds(rec.key, ordered)
        if problem and strict:
            raise WorkspaceError(problem)
        return [replace(v, round=i) for i, v in enumerate(ordered, start=1)]

    def version(self, article: Union[str, ArticleRecord],
                which: Union[None, int, str] = None) -> Version:
        """A round of the article: None the latest, an int (or digits) the N-th round, a date
        the latest round on or before it."""
        rec = self.article(article)
        chain = self.chain(rec)
        if not chain:
            raise WorkspaceError(f"{rec.key} has no stored version")
        if which is None or which == "":
            return chain[-1]
        if isinstance(which, int) or str(which).isdigit():
            n = int(which)
            if not 1 <= n <= len(chain):
                raise WorkspaceError(f"{rec.key} has rounds 1 to {len(chain)}, not {n}")
            return chain[n - 1]
        limit = check_date(str(which))
        assert limit is not None
        hits = [v for v in chain if on_or_before(v.date, limit)]
        if not hits:
            raise WorkspaceError(f"{rec.key} has no version on or before {limit} (the first "
                                 f"is {chain[0].date})")
        return hits[-1]

    def version_by_id(self, version_id: int) -> Version:
        row = self.db.execute("SELECT article_id FROM versions WHERE id = ?",
                              (version_id,)).fetchone()
        if row is None:
            raise WorkspaceError(f"no version {version_id}")
        for v in self._versions(row["article_id"]):
            if v.id == version_id:
                chain = {c.id: c.round for c in self.chain(self._article_by_id(v.article_id),
                                                             strict=False)}
                return replace(v, round=chain.get(v.id, 0))
        raise WorkspaceError(f"no version {version_id}")  # pragma: no cover

    def _article_by_id(self, aid: int) -> ArticleRecord:
        return next(a for a in self.articles() if a.id == aid)

    def document(self, proposal: StoredProposal) -> Document:
        """A stored proposal read again from its stored bytes (cached per workspace)."""
        from ..readers import read_document

        if proposal.sha256 in self._docs:
            return self._docs[proposal.sha256]
        path = self.objects.path(proposal.sha256)
        if not os.path.isfile(path):
            raise WorkspaceError(f"stored file {proposal.sha12} ({proposal.filename}) is "
                                 "missing; the workspace is damaged", self.dir)
        if proposal.format == "markdown":
            # the reader tells markdown from text by the extension, which objects lack
            with temp_dir("ws") as tmp:
                copy = os.path.join(tmp, "proposal.md")
                shutil.copyfile(path, copy)
                doc = read_document(copy, self.read_options())
        else:
            doc = read_document(path, self.read_options())
        self._docs[proposal.sha256] = doc
        return doc

    def article_document(self, version: Version) -> Document:
        """The clean text of one version as a document holding just that article, with the
        stored party, date and label; its source is the stored object (so a DOCX keeps its
        package) when the proposal holds no other article."""
        doc = self.document(version.proposal).latest()
        key = normalise_key(version.title)
        art = next((a for a in doc.articles if a.key == key), None)
        if art is None and version.position < len(doc.articles):
            art = doc.articles[version.position]
        if art is None:
            raise WorkspaceError(f"{version.proposal.filename} no longer reads as holding "
                                 f"{key}")
        # a DOCX package stands for the article only when it holds nothing else and is not
        # a redline (whose struck text its package still shows)
        alone = len([a for a in doc.articles if a.key]) == 1 and \
            not self.document(version.proposal).rounds
        # the proposal's page furniture and the text outside its clauses are the whole
        # document's, not the article's
        return replace(doc, articles=(art,), proposal=version.proposal.proposal,
                       source=doc.source if alone else "", rounds=(), legend=(),
                       package=doc.package if alone else None, furniture=(),
                       conventions=replace(doc.conventions, left_out=()))

    # -- states -----------------------------------------------------------------------------

    def ta(self, article: Union[str, ArticleRecord], date: str,
           version: Union[None, int, str] = None, initials: Optional[str] = None) -> Version:
        """Record a tentative agreement on one round of an open article (default: latest)."""
        rec = self.article(article)
        day = check_date(date, "TA date")
        assert day is not None
        v = self.version(rec, version)
        if day[:10] < v.date[:10]:
            raise WorkspaceError(f"{rec.key}: the TA date {day} is before the round it agrees "
                                 f"to ({v.party} {v.date})")
        with self._write() as db:
            state, when = self._state(db, rec.id)
            if state != "open":
                raise WorkspaceError(f"{rec.key} is {_state_word(state)} ({when}); "
                                     "'redline reopen' it first")
            db.execute("UPDATE articles SET state = 'ta', state_date = ?, ta_version = ?, "
                       "ta_initials = ? WHERE id = ?", (day, v.id, initials, rec.id))
            db.execute("INSERT INTO events(article_id, kind, date, version_id, initials, "
                       "recorded_at) VALUES (?, 'ta', ?, ?, ?, ?)",
                       (rec.id, day, v.id, initials, _now()))
        return v

    def withdraw(self, article: Union[str, ArticleRecord], date: Optional[str] = None,
                 party: Optional[str] = None) -> ArticleRecord:
        """Mark an open article withdrawn (by ``party``, when given)."""
        rec = self.article(article)
        day = check_date(date, "date") or today()
        party = self.read_options().parties.canonical(party) if party else None
        with self._write() as db:
            state, when = self._state(db, rec.id)
            if state != "open":
                raise WorkspaceError(f"{rec.key} is {_state_word(state)} ({when}); "
                                     + ("it is already withdrawn" if state == "withdrawn"
                                        else "'redline reopen' it first"))
            db.execute("UPDATE articles SET state = 'withdrawn', state_date = ?, "
                       "ta_version = NULL, ta_initials = NULL WHERE id = ?", (day, rec.id))
            db.execute("INSERT INTO events(article_id, kind, date, party, recorded_at) "
                       "VALUES (?, 'withdraw', ?, ?, ?)", (rec.id, day, party, _now()))
        return self.article(rec.key)

    def reopen(self, article: Union[str, ArticleRecord],
               date: Optional[str] = None) -> ArticleRecord:
        """Put a TA'd or withdrawn article back on the table."""
        rec = self.article(article)
        day = check_date(date, "date") or today()
        with self._write() as db:
            state, _ = self._state(db, rec.id)
            if state == "open":
                raise WorkspaceError(f"{rec.key} is already open")
            db.execute("UPDATE articles SET state = 'open', state_date = NULL, "
                       "ta_version = NULL, ta_initials = NULL WHERE id = ?", (rec.id,))
            db.execute("INSERT INTO events(article_id, kind, date, recorded_at) "
                       "VALUES (?, 'reopen', ?, ?)", (rec.id, day, _now()))
        return self.article(rec.key)

    @staticmethod
    def _state(db: sqlite3.Connection, aid: int) -> Tuple[str, Optional[str]]:
        row = db.execute("SELECT state, state_date FROM articles WHERE id = ?",
                         (aid,)).fetchone()
        return row["state"], row["state_date"]

    # -- overviews --------------------------------------------------------------------------

    def status(self) -> List[StatusRow]:
        """One row per article, in the order articles were first added."""
        out = []
        with self._read():
            for a in self.articles():
                chain = self.chain(a, strict=False)
                last = chain[-1] if chain else None
                ta_round, note = None, ""
                if unordered_rounds(a.key, chain):
                    last = None  # which is the last round cannot be told
                    note = ("rounds of one day without a time of day: order unknown "
                            "(redline add FILE --date \"YYYY-MM-DD HH:MM\")")
                if a.state == "ta" and a.ta_version is not None:
                    ta = self.version_by_id(a.ta_version)
                    ta_round = ta.round or next(
                        (c.round for c in chain if (c.party, c.date) == (ta.party, ta.date)),
                        None)
                    if last is not None and last.date > ta.date:
                        note = f"newer proposal after the TA ({last.party} {last.date})"
                out.append(StatusRow(a.title, a.number, len(chain),
                                     last.party if last else None, last.date if last else None,
                                     last.proposal.label if last else None, a.state,
                                     a.state_date, ta_round, a.ta_initials, note))
        return out

    def events(self) -> List[Event]:
        """TA, withdrawal and reopening, by date (then as recorded)."""
        out = []
        with self._read() as db:
            rows = db.execute("SELECT e.*, a.title FROM events e JOIN articles a ON a.id = "
                              "e.article_id ORDER BY e.date, e.id").fetchall()
            for r in rows:
                rnd = vparty = vdate = None
                if r["version_id"] is not None:
                    v = self.version_by_id(r["version_id"])
                    rnd, vparty, vdate = v.round or None, v.party, v.date
                out.append(Event(r["title"], r["kind"], r["date"], r["party"], r["initials"],
                                 rnd, vparty, vdate, r["id"]))
        return out

    def check(self) -> List[str]:
        """Problems found: SQLite's integrity check, dangling rows, missing or damaged
        stored files.  Empty when the workspace is sound."""
        problems: List[str] = []
        with self._read() as db:
            for (msg,) in db.execute("PRAGMA integrity_check"):
                if msg != "ok":
                    problems.append(f"database: {msg}")
            for r in db.execute("PRAGMA foreign_key_check"):
                problems.append(f"database: dangling row in {r[0]}")
            for r in db.execute("SELECT filename FROM proposals p WHERE NOT EXISTS (SELECT 1 "
                                "FROM versions v WHERE v.proposal_id = p.id)"):
                problems.append(f"{r[0]}: stored without any article")
            for r in db.execute("SELECT sha256, filename FROM proposals"):
                bad = self.objects.verify(r["sha256"])
                if bad:
                    problems.append(f"{r['filename']} ({r['sha256'][:12]}): stored file {bad}")
            problems.extend(self._impossible_dates(db))
        return problems

    @staticmethod
    def _impossible_dates(db: sqlite3.Connection) -> List[str]:
        """Dates the database holds that name no real day or time (it was edited outside
        redline, or by a version that did not check them)."""
        from ..conventions.dates import normalise_date

        out: List[str] = []
        for table, column, name in (("proposals", "date", "filename"),
                                    ("articles", "state_date", "title"),
                                    ("events", "date", "kind")):
            for r in db.execute(f"SELECT {name} AS name, {column} AS value FROM {table} "
                                f"WHERE {column} IS NOT NULL"):
                if normalise_date(str(r["value"])) is None:
                    out.append(f"{table} {r['name']}: date {r['value']!r} is not a date")
        return out


def _proposal_fields(doc: Document, path: str, party: Optional[str], date: Optional[str],
                     label: Optional[str]):
    """What a parsed proposal is stored as: its titled articles (position, article), party,
    date and label (given, else from its header); refuses one without them, naming every
    one that is missing at once (not one per retry)."""
    latest = doc.latest()
    articles = [(i, a) for i, a in enumerate(latest.articles) if a.key]
    party = party or latest.proposal.party
    date = date or latest.proposal.date
    missing = [what for what, ok in (
        ("no article title found (the text should start with one, e.g. SICK LEAVE or "
         "ARTICLE 12 - SICK LEAVE)", articles),
        ("no proposal date found in its header (give --date)", date),
        ("no party found in its header (give --party)", party)) if not ok]
    if missing:
        raise WorkspaceError("; ".join(missing), path)
    return articles, party, date, label or latest.proposal.label or f"{party} proposal"


def _without_path(message: str, path: str) -> str:
    return message[len(path) + 2:] if message.startswith(path + ": ") else message


def _quietly(db: sqlite3.Connection, statement: str) -> None:
    """Run ``statement`` (a ROLLBACK after a failure) without hiding the first failure."""
    try:
        db.execute(statement)
    except (RedlineError, sqlite3.Error):
        pass


def _state_word(state: str) -> str:
    return {"ta": "TA'd", "withdrawn": "withdrawn"}.get(state, state)


def unordered_rounds(article: str, ordered: Sequence[Version]) -> str:
    """Rounds of one article on one day are ordered by their times of day; when one of them
    prints none, which came first cannot be told, and redline does not guess: the message
    that names the files ('' when every day's rounds can be ordered).  A TA taken from the
    wrong one would hold the wrong language."""
    for day, ks in unordered_days([v.date for v in ordered]).items():
        same = [ordered[k] for k in ks]
        files = ", ".join(f"{v.proposal.filename} ({v.party} {v.date})" for v in same)
        return (f"{article}: {len(same)} rounds on {day} ({files}) and not every one "
                f"says its time of day: which came first cannot be told; give each its "
                f"time with 'redline add FILE --date \"{day} HH:MM\"'")
    return ""
