"""The store: one SQLite file (WAL, so readers keep answering while a build writes).

Everything the rest of the code needs from a store is the `Store` class's public methods;
a PostgreSQL store implements the same ones."""
from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import time
from pathlib import Path

from .errors import WhatweknowError
from .records import Claim, Document, Evidence, Fact, Person, Work

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, url TEXT, title TEXT, text TEXT NOT NULL,
    published TEXT, published_lo TEXT, published_hi TEXT, language TEXT,
    status TEXT NOT NULL CHECK (status IN ('ok', 'skipped', 'rejected')), reason TEXT,
    content_hash TEXT, subject TEXT, season INTEGER);
CREATE INDEX IF NOT EXISTS documents_hash ON documents (content_hash);
CREATE TABLE IF NOT EXISTS passages (
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, kind TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx));
CREATE TABLE IF NOT EXISTS claims (
    id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    slot TEXT NOT NULL, fields TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    quote TEXT NOT NULL, certainty TEXT NOT NULL, work TEXT NOT NULL, season INTEGER,
    polarity INTEGER NOT NULL, attribution TEXT, published TEXT, historical INTEGER NOT NULL,
    superseded_in_text INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS claims_doc ON claims (doc_id);
CREATE INDEX IF NOT EXISTS claims_work ON claims (work);
CREATE TABLE IF NOT EXISTS links (doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    a TEXT NOT NULL, b TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS works (id INTEGER PRIMARY KEY, title TEXT NOT NULL, aliases TEXT NOT NULL,
    season INTEGER, timeline TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS facts (id INTEGER PRIMARY KEY,
    work_id INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE, slot TEXT NOT NULL,
    fields TEXT NOT NULL, status TEXT NOT NULL, certainty TEXT NOT NULL, sources INTEGER NOT NULL,
    evidence TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS people (id INTEGER PRIMARY KEY,
    work_id INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('person', 'character')), name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS aliases (person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    alias TEXT NOT NULL);
"""


class StoreError(WhatweknowError):
    pass


class Store:
    def __init__(self, path: str | Path = "whatweknow.db", timeout: float = 60.0, read_only: bool = False):
        self.path = str(path)
        self.read_only = read_only
        if self.path in ("", ":memory:"):
            # SQLite would make a temporary or in-memory database: a build would "succeed" and keep nothing
            raise StoreError(f"{self.path!r}: not a store file; give a file path with --db")
        try:
            if read_only:  # a read command never writes, and works in a folder it cannot write to
                self.db = self._connect_read_only(timeout)
                self.db.execute("PRAGMA query_only=ON")
            else:
                # the busy timeout is set by connect, before any statement; changing the journal
                # mode ignores it, so two builds opening a new store at once retry that one step
                self.db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
                self._wal(timeout)
                self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.OperationalError as exc:
            if not read_only and not _writable(Path(self.path)):
                raise StoreError(f"{self.path}: cannot write the store here ({exc}); make the file and its folder "
                                 "writable, or use another --db") from None
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a whatweknow store ({exc})") from None

    def _connect_read_only(self, timeout: float) -> sqlite3.Connection:
        uri = Path(self.path).resolve().as_uri()
        db = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=timeout, isolation_level=None)
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.OperationalError:
            db.close()
            if os.access(Path(self.path).resolve().parent, os.W_OK):
                raise
        # a WAL store in a folder nobody may write to: SQLite cannot make its shared-memory file,
        # and no build can be writing there either, so the file is read as it is
        return sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, timeout=timeout, isolation_level=None)

    def _wal(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        delay = 0.005
        while True:
            try:
                if self.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    self.db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.2)

    def _migrate(self) -> None:
        if self._version() == SCHEMA_VERSION:
            return  # nothing to create: opening a store for reading takes no write lock
        if self.read_only:
            raise StoreError(f"{self.path}: not a whatweknow store of this version; run 'whatweknow build' on it first")
        with self.transaction():  # BEGIN IMMEDIATE: a second new-store opener waits, then finds the schema
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    self.db.execute(statement)
            row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if row is None:
                self.db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            elif int(row[0]) > SCHEMA_VERSION:
                raise StoreError(f"{self.path}: schema version {row[0]} is newer than this whatweknow ({SCHEMA_VERSION})")

    def _version(self) -> int | None:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):  # a new, empty file
                return None
            raise
        return int(row[0]) if row else None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def transaction(self):
        """A write transaction (nested ones join the outer one)."""
        return _Transaction(self.db)

    def snapshot(self):
        """A read transaction: every read inside sees one committed state, even while a build writes."""
        return _Snapshot(self.db)

    # documents -----------------------------------------------------------
    def known(self, doc_id: str) -> tuple[str, str, str] | None:
        """(content_hash, status, source) of a stored document."""
        row = self.db.execute("SELECT content_hash, status, source FROM documents WHERE id=?", (doc_id,)).fetchone()
        return tuple(row) if row else None

    def duplicate_of(self, content_hash: str, doc_id: str) -> str | None:
        """The stored copy a document duplicates. Of several copies the smallest id is the one
        kept, whatever order (or which of two concurrent builds) stored them in."""
        row = self.db.execute("SELECT id FROM documents WHERE content_hash=? AND id<? AND status='ok' ORDER BY id LIMIT 1",
                              (content_hash, doc_id)).fetchone()
        return row[0] if row else None

    def save(self, result) -> Document:
        """A document with its passages, claims and name links, in one transaction. Returns the
        document as stored: a copy of one already stored (smaller id) is stored as skipped; the
        check is inside the transaction, so two builds storing copies at once agree."""
        d = result.document
        rng = d.published_range or (None, None)
        subject = getattr(result, "subject", None)
        with self.transaction():
            if d.status == "ok" and d.content_hash:
                first = self.duplicate_of(d.content_hash, d.id)
                if first:
                    d = dataclasses.replace(d, status="skipped", reason=f"duplicate of {first}")
                    result = type(result)(d)
            if d.status == "ok" and d.content_hash:  # later-sorting copies stored earlier step aside
                for (dup,) in self.db.execute("SELECT id FROM documents WHERE content_hash=? AND id>? AND status='ok'",
                                              (d.content_hash, d.id)).fetchall():
                    self.db.execute("DELETE FROM claims WHERE doc_id=?", (dup,))
                    self.db.execute("DELETE FROM links WHERE doc_id=?", (dup,))
                    self.db.execute("UPDATE documents SET status='skipped', reason=? WHERE id=?",
                                    (f"duplicate of {d.id}", dup))
            self.db.execute("DELETE FROM documents WHERE id=?", (d.id,))
            self.db.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (d.id, d.source, d.url, d.title, d.text, d.published, rng[0], rng[1], d.language, d.status,
                 d.reason, d.content_hash, subject.title if subject else None, subject.season if subject else None))
            self.db.executemany("INSERT INTO passages VALUES (?,?,?,?,?)",
                                [(d.id, i, p.start, p.end, p.kind) for i, p in enumerate(result.passages)])
            self.db.executemany(
                "INSERT INTO claims (doc_id, slot, fields, start, \"end\", quote, certainty, work, season, polarity,"
                " attribution, published, historical, superseded_in_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(d.id, c.slot, json.dumps(c.fields), c.start, c.end, c.quote, c.certainty, c.work, c.season,
                  int(c.polarity), c.attribution, c.published, int(c.historical), int(c.superseded_in_text))
                 for c in result.claims])
            self.db.executemany("INSERT INTO links VALUES (?,?,?)", [(d.id, a, b) for a, b in result.links])
        return d

    def documents(self, with_text: bool = False) -> list[Document]:
        rows = self.db.execute(
            "SELECT id, source, url, title, published, published_lo, published_hi, language, status, reason,"
            f" content_hash{', text' if with_text else ''} FROM documents ORDER BY id").fetchall()
        out = []
        for r in rows:
            out.append(Document(id=r[0], source=r[1], url=r[2], title=r[3], published=r[4],
                                published_range=(r[5], r[6]) if r[5] else None, language=r[7], status=r[8],
                                reason=r[9], content_hash=r[10] or "", text=r[11] if with_text else ""))
        return out

    def text(self, doc_id: str) -> str:
        row = self.db.execute("SELECT text FROM documents WHERE id=?", (doc_id,)).fetchone()
        return row[0] if row else ""

    def work_titles(self) -> list[str]:
        """Every title spelling that claims of usable documents are about."""
        return [t for (t,) in self.db.execute(
            "SELECT DISTINCT work FROM claims c JOIN documents d ON d.id = c.doc_id WHERE d.status='ok' ORDER BY work")]

    def claims(self, works: list[str] | None = None) -> list[Claim]:
        """Claims of usable documents; of the given work spellings only, when given."""
        where, args = _among("c.work", works)
        rows = self.db.execute(
            "SELECT c.doc_id, slot, fields, start, \"end\", quote, certainty, work, c.season, polarity, attribution,"
            " c.published, historical, superseded_in_text FROM claims c JOIN documents d ON d.id = c.doc_id"
            f" WHERE d.status='ok'{where} ORDER BY c.doc_id, c.id", args).fetchall()
        return [Claim(doc=r[0], slot=r[1], fields=json.loads(r[2]), start=r[3], end=r[4], quote=r[5], certainty=r[6],
                      work=r[7], season=r[8], polarity=bool(r[9]), attribution=r[10], published=r[11],
                      historical=bool(r[12]), superseded_in_text=bool(r[13])) for r in rows]

    def links(self, works: list[str] | None = None) -> list[tuple[str, str]]:
        """Name links stated in usable documents (those with claims about the given works)."""
        where, args = _among("work", works)
        docs = f" AND l.doc_id IN (SELECT doc_id FROM claims WHERE 1=1{where})" if works is not None else ""
        return [tuple(r) for r in self.db.execute(
            f"SELECT a, b FROM links l JOIN documents d ON d.id = l.doc_id WHERE d.status='ok'{docs}", args)]

    # facts ---------------------------------------------------------------
    def save_works(self, works: list[Work], as_of: str | None) -> None:
        """Replace the derived sheet (works, facts, people) in one transaction."""
        with self.transaction():
            self.clear_works()
            for w in works:
                self.add_work(w)
            self.set_as_of(as_of)

    def clear_works(self) -> None:
        self.db.execute("DELETE FROM works")

    def set_as_of(self, as_of: str | None) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('as_of', ?)", (as_of,))

    def add_work(self, w: Work) -> None:
        """One work with its facts and people (call inside a transaction)."""
        cur = self.db.execute("INSERT INTO works (title, aliases, season, timeline) VALUES (?,?,?,?)",
                              (w.title, json.dumps(w.aliases), w.season, json.dumps(w.timeline)))
        work_id = cur.lastrowid
        for f in w.facts:
            self.db.execute(
                "INSERT INTO facts (work_id, slot, fields, status, certainty, sources, evidence)"
                " VALUES (?,?,?,?,?,?,?)",
                (work_id, f.slot, json.dumps(f.fields), f.status, f.certainty, f.sources,
                 json.dumps([vars(e) for e in f.evidence])))
        for kind, entries in (("person", w.people), ("character", w.characters)):
            for p in entries:
                pid = self.db.execute("INSERT INTO people (work_id, kind, name) VALUES (?,?,?)",
                                      (work_id, kind, p.name)).lastrowid
                self.db.executemany("INSERT INTO aliases VALUES (?,?)", [(pid, a) for a in p.aliases])

    def works(self) -> list[Work]:
        out = []
        for wid, title, aliases, season, timeline in self.db.execute(
                "SELECT id, title, aliases, season, timeline FROM works"
                " ORDER BY (SELECT COUNT(*) FROM facts f WHERE f.work_id = works.id) DESC, title").fetchall():
            facts = [Fact(slot=r[0], fields=json.loads(r[1]), status=r[2], certainty=r[3], sources=r[4],
                          evidence=[Evidence(**e) for e in json.loads(r[5])])
                     for r in self.db.execute("SELECT slot, fields, status, certainty, sources, evidence FROM facts"
                                              " WHERE work_id=? ORDER BY id", (wid,))]
            people: dict[str, list[Person]] = {"person": [], "character": []}
            for pid, kind, name in self.db.execute("SELECT id, kind, name FROM people WHERE work_id=? ORDER BY id", (wid,)):
                alias = [a for (a,) in self.db.execute("SELECT alias FROM aliases WHERE person_id=?", (pid,))]
                people[kind].append(Person(name, alias))
            out.append(Work(title=title, aliases=json.loads(aliases), season=season, people=people["person"],
                            characters=people["character"], facts=facts, timeline=json.loads(timeline)))
        return out

    def as_of(self) -> str | None:
        return self.meta("as_of")

    def meta(self, key: str) -> str | None:
        """A stored setting of the build (as-of date, alias file content)."""
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str | None) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


def _writable(path: Path) -> bool:
    """SQLite writes the file and, beside it, its -wal and -shm files."""
    return os.access(path.resolve().parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def _among(column: str, values: list[str] | None) -> tuple[str, list[str]]:
    if values is None:
        return "", []
    return f" AND {column} IN ({','.join('?' * len(values))})", list(values)


class _Transaction:
    """BEGIN IMMEDIATE: a second writer waits (busy timeout) instead of failing mid-way."""

    begin = "BEGIN IMMEDIATE"

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.outer = False

    def __enter__(self):
        if not self.db.in_transaction:
            self.db.execute(self.begin)
            self.outer = True
        return self.db

    def __exit__(self, exc_type, *_):
        if self.outer:
            self.db.execute("ROLLBACK" if exc_type else "COMMIT")


class _Snapshot(_Transaction):
    begin = "BEGIN DEFERRED"
