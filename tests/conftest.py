"""Shared fixtures: the bundled example corpora, the seed articles when they are present, and
the store backends (a SQLite file, a PostgreSQL database) the store tests run against."""
from __future__ import annotations

import importlib.util
import json
import os
import sqlite3
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SEED_GOLD = SHARED / "gold" / "seeds.json"
SCORER = SHARED / "eval" / "score.py"


IN_CI = os.environ.get("CI") == "true"


def require_shared(present: bool, what: str) -> None:
    """Data from ../shared: skipped on a developer's machine without it, a failure in CI."""
    if present:
        return
    if IN_CI:
        pytest.fail(f"{what} is missing: CI must have ../shared")
    pytest.skip(f"{what} is not present")


@pytest.fixture(scope="session")
def seeds() -> Path:
    require_shared(SEEDS.is_dir() and SEED_GOLD.exists(), "../shared/seeds")
    return SEEDS


@pytest.fixture(scope="session")
def scorer():
    require_shared(SCORER.exists(), "../shared/eval/score.py")
    spec = importlib.util.spec_from_file_location("wwk_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_sheet(tmp_path: Path, *inputs: Path | str, with_text: bool = True) -> dict:
    """Build a store from inputs and return the exported sheet (the library path the CLI uses)."""
    from whatweknow.build import build
    from whatweknow.export import sheet
    from whatweknow.store import Store

    with Store(tmp_path / "t.db") as store:
        build([str(i) for i in inputs], store)
        return json.loads(json.dumps(sheet(store, with_text=with_text)))


# --- store backends ------------------------------------------------------------------------
# The PostgreSQL tests need a server: WHATWEKNOW_TEST_PG names it (a URL whose user may create
# databases; .ci/run starts one). Without it they are skipped on a developer's machine, and fail
# under CI=true, where a skipped backend would be a silent hole.
PG_ENV = "WHATWEKNOW_TEST_PG"
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_server() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        message = f"{PG_ENV} is not set: no PostgreSQL server to test the PostgreSQL store against"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return url


class Databases:
    """Fresh, empty stores of one backend: `new(name)` gives a --db string."""

    def __init__(self, backend: str, folder: Path, server: str | None):
        self.backend, self.folder, self.server, self.made = backend, folder, server, []

    def new(self, name: str = "s") -> str:
        if self.backend == "sqlite":
            return str(self.folder / f"{name}-{uuid.uuid4().hex[:8]}.db")
        import psycopg

        db = f"wwk_test_{name}_{uuid.uuid4().hex[:8]}".lower()
        with psycopg.connect(self.server, autocommit=True) as con:
            try:  # a linguistic collation, as most servers have: the store must not depend on it
                con.execute(f"CREATE DATABASE \"{db}\" TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu"
                            " ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'")
            except psycopg.Error:  # a server without ICU (or before PostgreSQL 15)
                con.execute(f'CREATE DATABASE "{db}"')
        self.made.append(db)
        url = urlsplit(self.server)._replace(path="/" + db).geturl()
        with psycopg.connect(url, autocommit=True) as con:  # for integrity(): index and heap checks
            con.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
        return url

    def drop_all(self) -> None:
        if self.made:
            import psycopg

            with psycopg.connect(self.server, autocommit=True) as con:
                for db in self.made:
                    con.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


@pytest.fixture(scope="module", params=BACKENDS)
def databases(request, tmp_path_factory):
    """A maker of fresh stores, once per backend: every test using it runs on SQLite and on PostgreSQL."""
    server = request.getfixturevalue("pg_server") if request.param == "postgresql" else None
    made = Databases(request.param, tmp_path_factory.mktemp(request.param), server)
    yield made
    made.drop_all()


@pytest.fixture
def backend(databases) -> str:
    """A fresh, empty store's --db string: a SQLite path, or a PostgreSQL database's URL."""
    return databases.new()


def rows(db: str, sql: str) -> list[tuple]:
    """Rows straight from the database (sqlite3 or psycopg), as an outside reader would see them."""
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db) as con:
            return [tuple(r) for r in con.execute(sql).fetchall()]
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def run_sql(db: str, statements: list[str]) -> None:
    """Statements run directly, in one transaction (to set up a store as an older version left it)."""
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db) as con:
            for statement in statements:
                con.execute(statement)
        return
    con = sqlite3.connect(db)
    try:
        with con:
            for statement in statements:
                con.execute(statement)
    finally:
        con.close()


def integrity(db: str) -> str:
    """'ok', or what is broken: SQLite's integrity_check; for PostgreSQL, amcheck's B-tree checks
    (every index entry matches a table row) and heap checks of the store's tables."""
    if not db.startswith("postgresql://"):
        return rows(db, "PRAGMA integrity_check")[0][0]
    problems = rows(db, """
        SELECT c.relname || ': ' || v.msg FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
               LATERAL verify_heapam(c.oid) v
        WHERE c.relkind = 'r' AND n.nspname = 'public'""")
    rows(db, """
        SELECT bt_index_check(c.oid, true) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'""")  # raises when broken
    return "; ".join(p[0] for p in problems) or "ok"
