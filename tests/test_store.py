"""The store behind --db: a SQLite file or a PostgreSQL database, one schema with versioned
migrations, the same answers from both. Each test runs on both backends unless it says otherwise."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, Databases, rows, run_sql

from whatweknow.ingest import content_hash
from whatweknow.pipeline import process
from whatweknow.records import Document
from whatweknow.schema import DIALECTS, MIGRATIONS, SCHEMA_VERSION
from whatweknow.store import StoreError, open_store

_EXE = Path(sys.executable).with_name("whatweknow")
WHATWEKNOW = [str(_EXE)] if _EXE.exists() else [sys.executable, "-c", "from whatweknow.cli import app; app()"]

ARTICLE = ("Netflix has officially renewed the drama Harbor Lights for a second season, the streamer announced "
           "on Monday. Harbor Lights season 2 will premiere in March 2026, according to the network, and Mina "
           "Sorrel returns as the lighthouse keeper Ada Vance. Filming began in the spring in a coastal town, "
           "and the writers say the new episodes pick up a year after the storm that ended the first season.")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*WHATWEKNOW, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "COLUMNS": "300"})


def pg(db: str) -> bool:
    return db.startswith("postgresql://")


def tables(db: str) -> set[str]:
    sql = ("SELECT tablename FROM pg_tables WHERE schemaname = 'public'" if pg(db)
           else "SELECT name FROM sqlite_master WHERE type = 'table'")
    return {r[0] for r in rows(db, sql)}


def stored(doc_id: str, text: str = ARTICLE):
    return process(Document(id=doc_id, source=f"{doc_id}.txt", text=text, content_hash=content_hash(text)))


def test_a_postgresql_store_gives_the_sheet_a_sqlite_store_gives(pg_server, tmp_path):
    """The user's path: build into a PostgreSQL database with --db URL, then every read command
    says exactly what it says for the same build into a SQLite file."""
    corpus = str(EXAMPLES / "moonlit-academy")
    made = Databases("postgresql", tmp_path, pg_server)
    try:
        url, path = made.new("sheet"), str(tmp_path / "w.db")
        for db in (url, path):
            built = run("build", corpus, "--db", db, "-q")
            assert built.returncode == 0, built.stderr
            assert "7 ok, 0 skipped, 0 rejected" in built.stdout
        for command in (["show"], ["timeline"], ["sources"], ["export", "--with-text"], ["export", "-f", "markdown"]):
            on_pg, on_sqlite = run(*command, "--db", url), run(*command, "--db", path)
            assert on_pg.returncode == 0, on_pg.stderr
            assert on_pg.stdout == on_sqlite.stdout, command
        sheet = json.loads(run("export", "--with-text", "--db", url).stdout)
        texts = {d["id"]: d["text"] for d in sheet["documents"]}
        for work in sheet["works"]:
            for fact in work["facts"]:
                for e in fact["evidence"]:
                    assert texts[e["doc"]][e["start"]:e["end"]] == e["quote"]
        assert run("build", corpus, "--db", url, "-q").stdout.startswith("documents: 0 ok")  # re-ingest: nothing new
    finally:
        made.drop_all()


def test_a_new_store_gets_the_whole_schema_and_its_version(backend):
    with open_store(backend) as store:
        assert store.works() == [] and store.documents() == []
    assert {"meta", "documents", "passages", "claims", "links", "works", "facts", "people", "aliases"} <= tables(backend)
    assert rows(backend, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]


def test_processes_opening_a_new_store_at_once_all_get_it(backend):
    """The first creates the schema; the others wait for it, then find it made (not made twice)."""
    opener = [sys.executable, "-c", "import sys; from whatweknow.store import open_store; open_store(sys.argv[1]).close()",
              backend]
    procs = [subprocess.Popen(opener, stderr=subprocess.PIPE, text=True) for _ in range(6)]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, errors
    assert rows(backend, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]


def test_a_store_of_an_older_version_is_upgraded_on_open_and_keeps_what_it_held(backend):
    """A store written by the first schema (no link positions, fewer indexes) is migrated to the
    current version when a build opens it; its documents, claims and links stay readable."""
    assert SCHEMA_VERSION > 1
    dialect = "postgresql" if pg(backend) else "sqlite"
    first = [s for s in MIGRATIONS[0][1].format(**DIALECTS[dialect]).split(";") if s.strip()]
    result = stored("harbor")
    d = result.document
    run_sql(backend, first + [
        "INSERT INTO meta VALUES ('schema_version', '1')",
        f"INSERT INTO documents (id, source, text, status, content_hash) VALUES ('harbor', 'harbor.txt', '{d.text}',"
        f" 'ok', '{d.content_hash}')",
        "INSERT INTO links VALUES ('harbor', 'Mina Sorrel', 'Sorrel')",
    ])
    with pytest.raises(StoreError, match="run 'whatweknow build' on it once to upgrade"):
        open_store(backend, read_only=True)  # a reader may not upgrade it
    assert rows(backend, "SELECT value FROM meta WHERE key = 'schema_version'") == [("1",)]
    with open_store(backend) as store:
        assert store.known("harbor") == (d.content_hash, "ok", "harbor.txt")
        assert [d.text for d in store.documents(with_text=True)] == [ARTICLE]
        assert store.links() == [("Mina Sorrel", "Sorrel")]
        assert store.duplicate_of(d.content_hash, "zz-copy") == "harbor"
        store.save(result)  # the current code writes into the upgraded tables
        assert store.claims()
    assert rows(backend, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]


def test_a_store_from_a_newer_whatweknow_is_refused_in_one_line(backend):
    open_store(backend).close()
    run_sql(backend, [f"UPDATE meta SET value = '{SCHEMA_VERSION + 1}' WHERE key = 'schema_version'"])
    with pytest.raises(StoreError, match="newer than this whatweknow"):
        open_store(backend)
    shown = run("show", "--db", backend)
    assert shown.returncode == 2
    assert shown.stderr.count("\n") == 1 and "newer than this whatweknow" in shown.stderr


def test_opening_an_empty_store_read_only_creates_nothing(backend):
    with pytest.raises(StoreError, match="not a whatweknow store"):
        open_store(backend, read_only=True)
    assert tables(backend) == set()


def test_a_read_only_postgresql_store_is_refused_writes_by_the_server(pg_server, tmp_path):
    made = Databases("postgresql", tmp_path, pg_server)
    try:
        url = made.new("ro")
        open_store(url).close()
        with open_store(url, read_only=True) as store:
            with pytest.raises(StoreError, match="read-only transaction"):
                store.save(stored("harbor"))
            assert store.documents() == []
    finally:
        made.drop_all()


def test_of_two_copies_the_smaller_id_is_kept_whichever_is_stored_first(backend):
    """Ids compare bytewise in both backends ("Zeta" sorts before "alpha"), so both keep the same copy."""
    for order in (["alpha", "Zeta"], ["Zeta", "alpha"]):
        with open_store(backend) as store:
            for doc_id in order:
                store.save(stored(doc_id))
            status = {d.id: (d.status, d.reason) for d in store.documents() if d.id in order}
            assert status == {"Zeta": ("ok", None), "alpha": ("skipped", "duplicate of Zeta")}, order
            assert {c.doc for c in store.claims()} == {"Zeta"}
            for doc_id in order:  # empty the store for the other order
                store.save(type(stored(doc_id))(Document(id=doc_id, source="x", text="", status="rejected",
                                                         reason="gone")))


def test_the_sheet_is_replaced_whole_or_not_at_all(backend):
    """A failure while the new sheet is written leaves the old sheet, as if nothing happened."""
    with open_store(backend) as store:
        store.save(stored("harbor"))
        from whatweknow.build import refresh_sheet

        refresh_sheet(store)
        before = store.works()
        assert before
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.clear_works()
                store.set_as_of("1999-01-01")
                raise RuntimeError("the reconciler broke mid-sheet")
        assert store.works() == before and store.as_of() != "1999-01-01"


def test_a_nul_character_in_an_article_is_stored_and_offsets_still_check(backend, tmp_path):
    """PostgreSQL cannot store NUL: it is read as U+FFFD, one character for one, in every backend."""
    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_text(json.dumps({"id": "nul", "text": ARTICLE.replace("the streamer", "the\u0000streamer")}) + "\n")
    built = run("build", str(jsonl), "--db", backend, "-q")
    assert built.returncode == 0, built.stderr
    sheet = json.loads(run("export", "--with-text", "--db", backend).stdout)
    text = next(d["text"] for d in sheet["documents"] if d["id"] == "nul")
    assert "the\ufffdstreamer" in text and len(text) == len(ARTICLE)
    evidence = [e for w in sheet["works"] for f in w["facts"] for e in f["evidence"]]
    assert evidence and all(text[e["start"]:e["end"]] == e["quote"] for e in evidence)


def test_an_unreachable_server_is_one_line_naming_it_without_the_password():
    url = "postgresql://reader:s3cret-word@127.0.0.1:1/sheets"
    for command in (["show"], ["build", str(EXAMPLES / "moonlit-academy")]):
        result = run(*command, "--db", url)
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1, result.stderr
        assert "error:" in result.stderr and "127.0.0.1:1/sheets" in result.stderr and "cannot open" in result.stderr
        assert "s3cret-word" not in result.stderr
