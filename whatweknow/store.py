"""The store: the documents, claims and fact sheet of one build, in SQLite or PostgreSQL.

Everything the rest of the code needs from a store is the public methods of `SQLStore`, which
both backends share (queries are written once, with ? placeholders); `open_store` picks the
backend from the --db string. This module's `Store` is one SQLite file (WAL, so readers keep
answering while a build writes); `store_pg.PostgresStore` is a PostgreSQL database."""
from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import time
from pathlib import Path

from .errors import WhatweknowError
from .records import Claim, Document, Evidence, Fact, Passage, Person, Work
from .schema import READABLE_FROM, SCHEMA_VERSION, statements
from .slots import fields_of


class StoreError(WhatweknowError):
    pass


def is_url(db: str | Path) -> bool:
    return str(db).startswith(("postgresql://", "postgres://"))


def open_store(db: str | Path, read_only: bool = False) -> SQLStore:
    """The store a --db string names: a postgresql:// (or postgres://) URL, else a SQLite file.
    A read-only store never writes, not even to create or upgrade the schema."""
    if is_url(db):
        from .store_pg import PostgresStore  # psycopg is only imported when it is used

        return PostgresStore(str(db), read_only=read_only)
    return Store(db, read_only=read_only)


class SQLStore:
    """The queries and the schema upgrade, for any backend that provides `_execute`,
    `_executemany`, `_has_table`, `transaction`, `snapshot` and `close`."""

    dialect = ""
    name = ""            # how errors name the store (a path, or a URL without its password)
    read_only = False

    def _migrate(self) -> None:
        version = self._version()
        if version == SCHEMA_VERSION:
            return  # nothing to create: opening a store for reading takes no write lock
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(f"{self.name}: schema version {version} is newer than this whatweknow ({SCHEMA_VERSION})")
        if self.read_only:
            if version is None:
                raise StoreError(f"{self.name}: not a whatweknow store (no schema); run 'whatweknow build' first")
            if version < READABLE_FROM:
                raise StoreError(f"{self.name}: schema version {version} is too old to read;"
                                 " run 'whatweknow build' on it once to upgrade")
            return
        with self.transaction():  # a second process opening a new store waits here, then finds it done
            version = self._version()
            if version == SCHEMA_VERSION:
                return
            for statement in statements(self.dialect, version):
                self._execute(statement)
            self._execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)"
                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(SCHEMA_VERSION),))

    def _version(self) -> int | None:
        if not self._has_table("meta"):  # a new, empty store
            return None
        row = self._execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(row[0]) if row else None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # documents -----------------------------------------------------------
    def known(self, doc_id: str) -> tuple[str, str, str] | None:
        """(content_hash, status, source) of a stored document."""
        row = self._execute("SELECT content_hash, status, source FROM documents WHERE id=?", (doc_id,)).fetchone()
        return tuple(row) if row else None

    def duplicate_of(self, content_hash: str, doc_id: str) -> str | None:
        """The stored copy a document duplicates. Of several copies the smallest id is the one
        kept, whatever order (or which of two concurrent builds) stored them in."""
        row = self._execute("SELECT id FROM documents WHERE content_hash=? AND id<? AND status='ok' ORDER BY id LIMIT 1",
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
                for (dup,) in self._execute("SELECT id FROM documents WHERE content_hash=? AND id>? AND status='ok'",
                                            (d.content_hash, d.id)).fetchall():
                    self._execute("DELETE FROM claims WHERE doc_id=?", (dup,))
                    self._execute("DELETE FROM links WHERE doc_id=?", (dup,))
                    self._execute("UPDATE documents SET status='skipped', reason=? WHERE id=?",
                                  (f"duplicate of {d.id}", dup))
            self._execute("DELETE FROM documents WHERE id=?", (d.id,))
            self._execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (d.id, d.source, d.url, d.title, d.text, d.published, rng[0], rng[1], d.language, d.status,
                 d.reason, d.content_hash, subject.title if subject else None, subject.season if subject else None))
            self._executemany("INSERT INTO passages VALUES (?,?,?,?,?)",
                              [(d.id, i, p.start, p.end, p.kind) for i, p in enumerate(result.passages)])
            self._executemany(
                "INSERT INTO claims (doc_id, slot, fields, start, \"end\", quote, certainty, work, season, polarity,"
                " attribution, published, historical, superseded_in_text, rule) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(d.id, c.slot, json.dumps(c.fields.asdict()), c.start, c.end, c.quote, c.certainty, c.work, c.season,
                  int(c.polarity), c.attribution, c.published, int(c.historical), int(c.superseded_in_text), c.rule)
                 for c in result.claims])
            self._executemany("INSERT INTO links (doc_id, a, b, idx) VALUES (?,?,?,?)",
                              [(d.id, a, b, i) for i, (a, b) in enumerate(result.links)])
        return d

    def documents(self, with_text: bool = False, placed: bool = False) -> list[Document]:
        """Every document; with `placed`, an article with no date of its own and none inferred
        from its text gets the range the last refresh placed it in by other articles."""
        ranges = json.loads(self.meta("placed_by_others") or "{}") if placed else {}
        rows = self._execute(
            "SELECT id, source, url, title, published, published_lo, published_hi, language, status, reason,"
            f" content_hash{', text' if with_text else ''} FROM documents ORDER BY id").fetchall()
        out = []
        for r in rows:
            out.append(Document(id=r[0], source=r[1], url=r[2], title=r[3], published=r[4],
                                published_range=(r[5], r[6]) if r[5] else None, language=r[7], status=r[8],
                                reason=r[9], content_hash=r[10] or "", text=r[11] if with_text else ""))
            if not r[4] and not r[5] and r[0] in ranges:
                out[-1] = dataclasses.replace(out[-1], published_range=tuple(ranges[r[0]]), range_from="other articles")
        return out

    def text(self, doc_id: str) -> str:
        """The stored text of one document ("" when there is none)."""
        row = self._execute("SELECT text FROM documents WHERE id=?", (doc_id,)).fetchone()
        return row[0] if row else ""

    def work_titles(self) -> list[str]:
        """Every title spelling that claims of usable documents are about."""
        return [t for (t,) in self._execute(
            "SELECT DISTINCT work FROM claims c JOIN documents d ON d.id = c.doc_id WHERE d.status='ok' ORDER BY work")]

    def claims(self, works: list[str] | None = None) -> list[Claim]:
        """Claims of usable documents; of the given work spellings only, when given."""
        where, args = _among("c.work", works)
        rows = self._execute(
            "SELECT c.doc_id, slot, fields, start, \"end\", quote, certainty, work, c.season, polarity, attribution,"
            " c.published, historical, superseded_in_text, rule FROM claims c JOIN documents d ON d.id = c.doc_id"
            f" WHERE d.status='ok'{where} ORDER BY c.doc_id, c.id", args).fetchall()
        return [Claim(doc=r[0], slot=r[1], fields=fields_of(r[1], json.loads(r[2])), start=r[3], end=r[4], quote=r[5],
                      certainty=r[6], work=r[7], season=r[8], polarity=bool(r[9]), attribution=r[10], published=r[11],
                      historical=bool(r[12]), superseded_in_text=bool(r[13]), rule=r[14]) for r in rows]

    def links(self, works: list[str] | None = None) -> list[tuple[str, str]]:
        """Name links stated in usable documents (those with claims about the given works)."""
        where, args = _among("work", works)
        docs = f" AND l.doc_id IN (SELECT doc_id FROM claims WHERE 1=1{where})" if works is not None else ""
        return [tuple(r) for r in self._execute(
            f"SELECT a, b FROM links l JOIN documents d ON d.id = l.doc_id WHERE d.status='ok'{docs}"
            " ORDER BY l.doc_id, l.idx", args)]

    # facts ---------------------------------------------------------------
    def clear_works(self) -> None:
        self._execute("DELETE FROM works")

    def set_as_of(self, as_of: str | None) -> None:
        self.set_meta("as_of", as_of)

    def meta(self, key: str) -> str | None:
        """A stored setting of the build (as-of date, alias file content)."""
        row = self._execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str | None) -> None:
        self._execute("INSERT INTO meta (key, value) VALUES (?, ?)"
                      " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    def add_work(self, w: Work) -> None:
        """One work with its facts and people (call inside a transaction)."""
        work_id = self._execute("INSERT INTO works (title, aliases, season, timeline) VALUES (?,?,?,?) RETURNING id",
                                (w.title, json.dumps(w.aliases), w.season, json.dumps(w.timeline))).fetchone()[0]
        for f in w.facts:
            self._execute(
                "INSERT INTO facts (work_id, slot, fields, status, certainty, sources, evidence)"
                " VALUES (?,?,?,?,?,?,?)",
                (work_id, f.slot, json.dumps(f.fields.asdict()), f.status, f.certainty, f.sources,
                 json.dumps([vars(e) for e in f.evidence])))
        for kind, entries in (("person", w.people), ("character", w.characters)):
            for p in entries:
                pid = self._execute("INSERT INTO people (work_id, kind, name) VALUES (?,?,?) RETURNING id",
                                    (work_id, kind, p.name)).fetchone()[0]
                self._executemany("INSERT INTO aliases (person_id, alias, idx) VALUES (?,?,?)",
                                  [(pid, a, i) for i, a in enumerate(p.aliases)])

    def works(self) -> list[Work]:
        out = []
        for wid, title, aliases, season, timeline in self._execute(
                "SELECT id, title, aliases, season, timeline FROM works"
                " ORDER BY (SELECT COUNT(*) FROM facts f WHERE f.work_id = works.id) DESC, title").fetchall():
            facts = [Fact(slot=r[0], fields=fields_of(r[0], json.loads(r[1])), status=r[2], certainty=r[3], sources=r[4],
                          evidence=[Evidence(**e) for e in json.loads(r[5])])
                     for r in self._execute("SELECT slot, fields, status, certainty, sources, evidence FROM facts"
                                            " WHERE work_id=? ORDER BY id", (wid,))]
            people: dict[str, list[Person]] = {"person": [], "character": []}
            for pid, kind, name in self._execute("SELECT id, kind, name FROM people WHERE work_id=? ORDER BY id", (wid,)):
                alias = [a for (a,) in self._execute("SELECT alias FROM aliases WHERE person_id=? ORDER BY idx",
                                                  (pid,))]
                people[kind].append(Person(name, alias))
            out.append(Work(title=title, aliases=json.loads(aliases), season=season, people=people["person"],
                            characters=people["character"], facts=facts, timeline=json.loads(timeline)))
        return out

    def as_of(self) -> str | None:
        return self.meta("as_of")

    # reads for the web server ---------------------------------------------
    def document(self, doc_id: str) -> tuple[Document, list[Passage], list[Claim]] | None:
        """One stored document with its text, the passages cleaning kept, and its claims."""
        row = self._execute("SELECT id, source, url, title, published, published_lo, published_hi, language,"
                            " status, reason, content_hash, text FROM documents WHERE id=?", (doc_id,)).fetchone()
        if row is None:
            return None
        doc = Document(id=row[0], source=row[1], url=row[2], title=row[3], published=row[4],
                       published_range=(row[5], row[6]) if row[5] else None, language=row[7], status=row[8],
                       reason=row[9], content_hash=row[10] or "", text=row[11])
        passages = [Passage(s, e, k) for s, e, k in self._execute(
            "SELECT start, \"end\", kind FROM passages WHERE doc_id=? ORDER BY idx", (doc_id,)).fetchall()]
        claims = [Claim(doc=r[0], slot=r[1], fields=fields_of(r[1], json.loads(r[2])), start=r[3], end=r[4],
                        quote=r[5], certainty=r[6], work=r[7], season=r[8], polarity=bool(r[9]), attribution=r[10],
                        published=r[11], historical=bool(r[12]), superseded_in_text=bool(r[13]), rule=r[14])
                  for r in self._execute(
                      "SELECT doc_id, slot, fields, start, \"end\", quote, certainty, work, season, polarity,"
                      " attribution, published, historical, superseded_in_text, rule FROM claims WHERE doc_id=?"
                      " ORDER BY id", (doc_id,)).fetchall()]
        return doc, passages, claims

    # feeds, fetched pages and document versions -----------------------------
    def _follows(self) -> bool:
        """A read-only store older than these tables has none to read (a reader never upgrades)."""
        return self._has_table("feeds")

    def follow(self, url: str, title: str | None, added: str) -> bool:
        """Remember a feed; True when it is new (following it again only changes a given title)."""
        with self.transaction():
            known = self._execute("SELECT 1 FROM feeds WHERE url=?", (url,)).fetchone()
            if known:
                if title:
                    self._execute("UPDATE feeds SET title=? WHERE url=?", (title, url))
                return False
            self._execute("INSERT INTO feeds (url, title, added, seq) VALUES (?,?,?,"
                          " (SELECT COALESCE(MAX(seq), 0) + 1 FROM feeds))", (url, title, added))
            return True

    def feeds(self) -> list[tuple[str, str | None, str | None, str | None, str | None]]:
        """(url, title, etag, last_modified, last_checked) of every followed feed, oldest first."""
        if not self._follows():
            return []
        return [tuple(r) for r in self._execute(
            "SELECT url, title, etag, last_modified, last_checked FROM feeds ORDER BY seq")]

    def feed_checked(self, url: str, etag: str | None, last_modified: str | None, checked: str,
                     title: str | None = None) -> None:
        """After a fetch that answered: the validators for the next conditional request."""
        with self.transaction():
            self._execute("UPDATE feeds SET etag=?, last_modified=?, last_checked=?, title=COALESCE(title, ?)"
                          " WHERE url=?", (etag, last_modified, checked, title, url))

    def entry(self, feed_url: str, key: str) -> tuple[str, str] | None:
        """(document id, fingerprint) of a feed entry seen before."""
        if not self._follows():
            return None
        row = self._execute("SELECT doc_id, fingerprint FROM feed_entries WHERE feed_url=? AND key=?",
                            (feed_url, key)).fetchone()
        return tuple(row) if row else None

    def save_entry(self, feed_url: str, key: str, link: str | None, doc_id: str, fingerprint: str) -> None:
        with self.transaction():
            self._execute("INSERT INTO feed_entries (feed_url, key, link, doc_id, fingerprint) VALUES (?,?,?,?,?)"
                          " ON CONFLICT (feed_url, key) DO UPDATE SET link = excluded.link, doc_id = excluded.doc_id,"
                          " fingerprint = excluded.fingerprint", (feed_url, key, link, doc_id, fingerprint))

    def page(self, url: str) -> tuple[str, str | None, str | None, str] | None:
        """(document id, etag, last_modified, content_hash) of a page fetched before."""
        if not self._follows():
            return None
        row = self._execute("SELECT doc_id, etag, last_modified, content_hash FROM pages WHERE url=?",
                            (url,)).fetchone()
        return tuple(row) if row else None

    def save_page(self, url: str, doc_id: str, etag: str | None, last_modified: str | None, content_hash: str,
                  fetched_at: str) -> None:
        with self.transaction():
            self._execute("INSERT INTO pages (url, doc_id, etag, last_modified, content_hash, fetched_at)"
                          " VALUES (?,?,?,?,?,?) ON CONFLICT (url) DO UPDATE SET doc_id = excluded.doc_id,"
                          " etag = excluded.etag, last_modified = excluded.last_modified,"
                          " content_hash = excluded.content_hash, fetched_at = excluded.fetched_at",
                          (url, doc_id, etag, last_modified, content_hash, fetched_at))

    def add_version(self, doc_id: str, content_hash: str, text: str, fetched_at: str, url: str | None) -> int | None:
        """Record a fetched text as the document's next version; None when it is the newest one already."""
        with self.transaction():
            row = self._execute("SELECT version, content_hash FROM document_versions WHERE doc_id=?"
                                " ORDER BY version DESC LIMIT 1", (doc_id,)).fetchone()
            if row and row[1] == content_hash:
                return None
            version = row[0] + 1 if row else 1
            self._execute("INSERT INTO document_versions (doc_id, version, content_hash, fetched_at, url, text)"
                          " VALUES (?,?,?,?,?,?)", (doc_id, version, content_hash, fetched_at, url, text))
            return version

    def versions(self, doc_id: str) -> list[dict]:
        """Every fetched version of a document, oldest first; the last is the one in `documents`."""
        if not self._follows():
            return []
        return [dict(zip(("version", "content_hash", "fetched_at", "url", "text"), r)) for r in self._execute(
            "SELECT version, content_hash, fetched_at, url, text FROM document_versions WHERE doc_id=?"
            " ORDER BY version", (doc_id,))]


def _writable(path: Path) -> bool:
    """SQLite writes the file and, beside it, its -wal and -shm files."""
    return os.access(path.resolve().parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def _among(column: str, values: list[str] | None) -> tuple[str, list[str]]:
    if values is None:
        return "", []
    if not values:
        return " AND 1=0", []  # IN () is not SQL everywhere
    return f" AND {column} IN ({','.join('?' * len(values))})", list(values)


class Store(SQLStore):
    """One SQLite file."""

    dialect = "sqlite"

    def __init__(self, path: str | Path = "whatweknow.db", timeout: float = 60.0, read_only: bool = False):
        self.path = self.name = str(path)
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
        if not Path(self.path).exists():  # opening it would make nothing, and a reader makes nothing
            raise StoreError(f"{self.path}: not a whatweknow store (no such file); run 'whatweknow build' first")
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

    def _execute(self, sql: str, args=()) -> sqlite3.Cursor:
        return self.db.execute(sql, args)

    def _executemany(self, sql: str, rows) -> None:
        self.db.executemany(sql, rows)

    def _has_table(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None

    def close(self) -> None:
        self.db.close()

    def transaction(self):
        """A write transaction (nested ones join the outer one)."""
        return _Transaction(self.db)

    def snapshot(self):
        """A read transaction: every read inside sees one committed state, even while a build writes."""
        return _Snapshot(self.db)


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
