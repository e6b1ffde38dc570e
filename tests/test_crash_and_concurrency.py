"""A build killed at any moment leaves a usable store that a re-run completes; readers answer
while a build writes; two builds on one store do not corrupt it. All through real processes,
and every test on both backends: a SQLite file and a PostgreSQL database."""
from __future__ import annotations

import importlib.util
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import integrity, rows

from whatweknow.store import open_store

HERE = Path(__file__).resolve().parent
BAD = HERE / "fixtures" / "bad"
_spec = importlib.util.spec_from_file_location("make_bad", HERE / "fixtures" / "make_bad.py")
make_bad = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_bad)

_EXE = Path(sys.executable).with_name("whatweknow")
WHATWEKNOW = [str(_EXE)] if _EXE.exists() else [sys.executable, "-c", "from whatweknow.cli import app; app()"]


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*WHATWEKNOW, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "COLUMNS": "300"})


def build(corpus, db: str, timeout: float = 300) -> subprocess.CompletedProcess:
    paths = [str(c) for c in (corpus if isinstance(corpus, list) else [corpus])]
    return run("build", *paths, "--db", str(db), "-q", timeout=timeout)


def created(db: str) -> bool:
    """Whether the store's tables exist (a build killed at once may not have made them)."""
    if db.startswith("postgresql://"):
        return rows(db, "SELECT to_regclass('documents') IS NOT NULL")[0][0]
    return Path(db).exists() and bool(rows(db, "SELECT 1 FROM sqlite_master WHERE name='documents'"))


def documents(db: str) -> list[tuple[str, str, str]]:
    """(id, status, source) of every stored document, read directly, as an outside reader would."""
    return rows(db, "SELECT id, status, source FROM documents ORDER BY id")  # bytewise order in both


def sheet(db: str) -> set[tuple]:
    """The facts of the stored sheet, independent of row ids."""
    with open_store(db) as store:
        return {(w.title, w.season, f.slot, json.dumps(f.fields.asdict(), sort_keys=True), f.status)
                for w in store.works() for f in w.facts}


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """Corpus A: 60 generated articles plus a few bad inputs; corpus B: 40 more articles."""
    root = tmp_path_factory.mktemp("corpora")
    a = root / "a"
    make_bad.write_corpus(a, 60)
    for name in ("empty.txt", "binary.txt", "mixed.jsonl", "french.txt", "dup_original.txt", "dup_renamed.txt"):
        (a / name).write_bytes((BAD / name).read_bytes())
    b = root / "b"
    make_bad.write_corpus(b, 40, start=60)
    return a, b


@pytest.fixture(scope="module")
def clean_a(corpora, databases):
    """A clean, uninterrupted build of corpus A: what every other build must end up equal to."""
    db = databases.new("clean")
    started = time.monotonic()
    proc = build(corpora[0], db)
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr
    docs = documents(db)
    assert len(docs) == 60 + 5 + 5  # articles, five bad files, and mixed.jsonl's five lines
    return db, docs, sheet(db), elapsed


def test_clean_build_accounts_for_every_input(clean_a):
    _, docs, facts, _ = clean_a
    ids = [d[0] for d in docs]
    assert len(ids) == len(set(ids))
    statuses = {d[0]: d[1] for d in docs}
    assert sum(1 for i in ids if i.startswith("article_")) == 60
    assert all(statuses[i] == "ok" for i in ids if i.startswith("article_"))
    assert statuses["dup_renamed"] == "skipped" and statuses["empty"] == "rejected"
    assert facts


def test_sigkill_at_random_points_then_rerun(corpora, clean_a, databases):
    """Kill -9 a build several times at random moments: the store opens and passes
    integrity_check, what was committed is there, and a re-run ends equal to a clean build."""
    corpus = corpora[0]
    _, clean_docs, clean_facts, elapsed = clean_a
    rng = random.Random()
    seed = rng.randrange(1_000_000)
    rng.seed(seed)
    # one kill in each part of the build: start-up, early, middle, late (or during the sheet)
    delays = [rng.uniform(lo, hi) * elapsed for lo, hi in ((0.05, 0.3), (0.3, 0.55), (0.55, 0.8), (0.8, 1.0))]
    for trial, delay in enumerate(delays):
        db = databases.new(f"killed{trial}")
        proc = subprocess.Popen([*WHATWEKNOW, "build", str(corpus), "--db", db, "-q"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        where = f"trial {trial}, killed after {delay:.2f}s (seed {seed})"
        if created(db):
            assert integrity(db) == "ok", where
            survived = documents(db)
            # whatever was committed is complete and is what a clean build says about it
            assert set(survived) <= set(clean_docs), where
            with open_store(db) as store:                 # the store opens for reading and writing
                store.works()
        rerun = build(corpus, db)
        assert rerun.returncode == 0, (where, rerun.stdout, rerun.stderr)
        assert integrity(db) == "ok", where
        final = documents(db)
        assert final == clean_docs, where                 # each input exactly once, same id and status
        assert sheet(db) == clean_facts, where


def test_killed_rebuild_keeps_what_was_stored(corpora, databases):
    """Killing a build that adds to an existing store loses nothing from before."""
    a, b = corpora
    db = databases.new()
    assert build(b, db).returncode == 0
    before_docs, before_facts = documents(db), sheet(db)
    proc = subprocess.Popen([*WHATWEKNOW, "build", str(a), "--db", db, "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert integrity(db) == "ok"
    after = set(documents(db))
    assert set(before_docs) <= after
    # the sheet is replaced whole or not at all: the old one, or (if the kill came after the
    # new sheet was committed) exactly what a finished build gives
    full = databases.new("full")
    assert build(b, full).returncode == 0 and build(a, full).returncode == 0
    assert sheet(db) in (before_facts, sheet(full))


def test_readers_keep_answering_while_a_build_writes(corpora, backend):
    a, b = corpora
    db = backend
    assert build(b, db).returncode == 0
    first_ids = {d[0] for d in documents(db)}
    writer = subprocess.Popen([*WHATWEKNOW, "build", str(a), "--db", db, "-q"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    reads = 0
    exports = []
    try:
        while writer.poll() is None and reads < 40:
            started = time.monotonic()
            shown = run("show", "--db", db, timeout=60)
            assert shown.returncode == 0, shown.stderr
            assert "season" in shown.stdout
            exported = run("export", "--db", db, timeout=60)
            assert exported.returncode == 0, exported.stderr
            data = json.loads(exported.stdout)
            exports.append((writer.poll() is None, data))
            assert time.monotonic() - started < 30   # an answer, not a wait for the build
            reads += 1
    finally:
        out, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err
    during = [d for running, d in exports if running]
    print(f"{len(exports)} reads, {len(during)} while the build ran")
    assert during, "the build ended before any read: make corpus A bigger"
    for data in during:
        ids = {d["id"] for d in data["documents"]}
        assert first_ids <= ids                    # nothing stored before disappears mid-build
        assert data["works"]
        for w in data["works"]:                    # one consistent snapshot: evidence names stored documents
            for f in w["facts"]:
                assert {e["doc"] for e in f["evidence"]} <= ids
    assert integrity(db) == "ok"


def test_two_builds_on_one_store(corpora, databases):
    """Started together on a new store: both finish (one waits for the other's writes), nothing is
    stored twice, and the final sheet is the one a single build of both corpora gives."""
    a, b = corpora
    db = databases.new()
    results: dict[str, subprocess.CompletedProcess] = {}
    threads = [threading.Thread(target=lambda k=k, c=c: results.__setitem__(k, build(c, db)))
               for k, c in (("a", a), ("b", b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    for key, proc in results.items():
        # waiting is the designed behaviour; a failure must at least say so in one clear line
        assert proc.returncode == 0 or "error:" in proc.stderr, (key, proc.stdout, proc.stderr)
    assert integrity(db) == "ok"
    if any(p.returncode for p in results.values()):
        assert build([a, b], db).returncode == 0
    together = databases.new("together")
    assert build([a, b], together).returncode == 0
    assert documents(db) == documents(together)
    ids = [d[0] for d in documents(db)]
    assert len(ids) == len(set(ids))
    # the sheet written last was made from every document: neither build's older sheet won
    assert sheet(db) == sheet(together)


def test_same_corpus_twice_at_once_stores_each_document_once(corpora, clean_a, backend):
    a, _ = corpora
    db = backend
    results: list[subprocess.CompletedProcess] = []
    threads = [threading.Thread(target=lambda: results.append(build(a, db))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert all(p.returncode == 0 for p in results), [p.stderr for p in results]
    assert integrity(db) == "ok"
    ids = [d[0] for d in documents(db)]
    assert len(ids) == len(set(ids))
    assert documents(db) == clean_a[1]


def test_a_build_waits_for_a_held_write_lock(corpora, backend):
    """Another process holding the store's write lock (a write transaction left open) makes a
    build wait, not fail or corrupt."""
    _, b = corpora
    db = backend
    holder = open_store(db)
    held = holder.transaction()
    held.__enter__()
    holder.set_as_of("2000-01-01")
    proc = subprocess.Popen([*WHATWEKNOW, "build", str(b), "--db", db, "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    assert proc.poll() is None, proc.communicate()   # still waiting
    held.__exit__(None, None, None)
    holder.close()
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert integrity(db) == "ok"
    assert len(documents(db)) == 40
