"""The PostgreSQL store: the same tables, queries and transaction rules as the SQLite file.

Every write transaction first takes one advisory lock, so writers run one at a time, as SQLite's
BEGIN IMMEDIATE makes them: a second build waits (up to the lock timeout, 60 s at a time), and
what a write transaction checks (is this document a copy of one stored?) sees every earlier
commit. Readers are never blocked; a snapshot is one REPEATABLE READ, READ ONLY transaction."""
from __future__ import annotations

from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import psycopg

from .store import SQLStore, StoreError

WRITE_LOCK = 0x7768_6174_776B  # the advisory lock key of write transactions ("whatwk")


def display(url: str) -> str:
    """The URL as errors show it: without its password."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        host = parts.netloc.rsplit("@", 1)[-1]
        return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))
    except ValueError:
        return url.split("@")[-1]


def _reason(exc: psycopg.Error) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class QueryError(StoreError):
    """A statement failed (a lock wait ran out, the connection dropped): the server's reason, one line."""


class PostgresStore(SQLStore):
    """One PostgreSQL database (or the schema its URL's search_path names)."""

    dialect = "postgresql"

    def __init__(self, url: str, timeout: float = 60.0, read_only: bool = False):
        self.name = display(url)
        self.read_only = read_only
        self._depth = 0  # nested transaction() / snapshot() blocks join the outer one
        try:
            self.db = psycopg.connect(url, autocommit=True, connect_timeout=10,
                                      application_name="whatweknow")
        except psycopg.Error as exc:
            raise StoreError(f"{self.name}: cannot open the store ({_reason(exc)})") from None
        try:
            self.db.execute("SELECT set_config('lock_timeout', %s, false)", (f"{int(timeout * 1000)}ms",))
            if read_only:  # the server refuses any write, whatever the code asks
                self.db.execute("SET default_transaction_read_only = on")
            self._migrate()
        except (psycopg.Error, QueryError) as exc:
            self.db.close()
            reason = _reason(exc) if isinstance(exc, psycopg.Error) else str(exc)
            raise StoreError(f"{self.name}: cannot open the store ({reason})") from None
        except StoreError:
            self.db.close()
            raise

    def _execute(self, sql: str, args=()) -> psycopg.Cursor:
        # the shared queries use ? placeholders and contain no literal ? or %
        try:
            return self.db.execute(sql.replace("?", "%s"), args or None)
        except psycopg.Error as exc:
            raise QueryError(_reason(exc)) from None

    def _executemany(self, sql: str, rows) -> None:
        rows = list(rows)
        if rows:
            with self.db.cursor() as cur:
                try:
                    cur.executemany(sql.replace("?", "%s"), rows)
                except psycopg.Error as exc:
                    raise QueryError(_reason(exc)) from None

    def _has_table(self, name: str) -> bool:
        # a query of the catalog, not to_regclass(): that may answer from this session's cache,
        # which still says "no table" after another process created it while we waited for the lock
        return self._execute("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables"
                             " WHERE schemaname = current_schema() AND tablename = ?)", (name,)).fetchone()[0]

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self):
        """A write transaction (nested ones join the outer one)."""
        with self._outer("BEGIN") as outer:
            if outer:
                self._execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
            yield self.db

    @contextmanager
    def snapshot(self):
        """A read transaction: every read inside sees one committed state, even while a build writes."""
        with self._outer("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"):
            yield self.db

    @contextmanager
    def _outer(self, begin: str):
        if self._depth:
            self._depth += 1
            try:
                yield False
            finally:
                self._depth -= 1
            return
        self._execute(begin)
        self._depth = 1
        try:
            yield True
        except BaseException:
            self._depth = 0
            if not self.db.closed:
                try:
                    self.db.execute("ROLLBACK")
                except psycopg.Error:
                    pass  # the connection is gone: the server rolls back by itself
            raise
        self._depth = 0
        self._execute("COMMIT")
