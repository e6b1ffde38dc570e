"""The Spark job gives the facts a single-machine build gives, on thousands of articles, and
writes them as Parquet. Needs Java and pyspark: skipped without them, except in CI."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archives import OFF_TOPIC, write_jsonl_gz, write_warc
from whatweknow.build import build
from whatweknow.cli import app
from whatweknow.store import Store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate, to_html  # noqa: E402  (the benchmark's corpus of invented articles)

ARTICLES = 2000


@pytest.fixture(scope="session")
def spark():
    """One local[2] session for every Spark test (starting one takes seconds)."""
    missing = ("Java is not installed" if not (shutil.which("java") or os.environ.get("JAVA_HOME"))
               else "pyspark is not installed" if importlib.util.find_spec("pyspark") is None else None)
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing}: CI must run the Spark tests (.ci/run installs Java)")
        pytest.skip(missing)
    from whatweknow.spark import session

    s = session("local[2]", quiet=True)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return make_archive(tmp_path_factory.mktemp("archive") / "corpus", ARTICLES)


def make_archive(folder: Path, articles: int) -> Path:
    """A generated corpus; one article in ten moved into a crawl (WARC.gz, among pages about food
    and weather) and one in twenty into a gzipped JSON Lines feed."""
    generate(folder, articles, seed=7)
    texts = sorted(folder.glob("*.txt"))
    crawled, fed = texts[::10], texts[5::20]
    pages = [(f"https://tv.example.net/news/{p.stem}", to_html(p.read_text(encoding="utf-8"))) for p in crawled]
    write_warc(folder / "crawl-00001.warc.gz", pages[:5] + list(OFF_TOPIC.items()) + pages[5:])
    write_jsonl_gz(folder / "feed-2.jsonl.gz", [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in fed]
                   + ['{"broken', {"id": "soup", "text": "Simmer the lentils and serve with bread. " * 8}])
    for p in crawled + fed:
        p.unlink()
    return folder


def sheet(db: Path):
    with Store(db) as store:
        works = [(w.title, w.aliases, w.season, [vars(p) for p in w.people], [vars(p) for p in w.characters],
                  w.timeline, [_fact(f.slot, f.fields, f.status, f.certainty, f.sources, [vars(e) for e in f.evidence])
                               for f in w.facts]) for w in store.works()]
        docs = {d.id: (d.source, d.status, d.reason, d.published, d.published_range, d.url)
                for d in store.documents()}
        return works, docs, store.as_of(), store.meta("placed_by_others")


def _fact(slot, fields, status, certainty, sources, evidence):
    fields = fields if isinstance(fields, dict) else fields.asdict()
    return (slot, json.dumps(fields, sort_keys=True), status, certainty, sources,
            [tuple(e[k] for k in ("doc", "start", "end", "quote", "published", "certainty")) for e in evidence])


def test_spark_facts_equal_a_single_machine_build(spark, archive, tmp_path):
    from whatweknow.spark import run

    with Store(tmp_path / "single.db") as store:
        single = build([str(archive)], store, jobs=2)
    outcome = run(spark, [str(archive)], str(tmp_path / "parquet"), db=str(tmp_path / "spark.db"))

    assert single.counts["ok"] > ARTICLES * 0.9 and single.counts["passed_over"] == len(OFF_TOPIC) + 1
    assert dict(outcome.summary.counts) == dict(single.counts)
    assert (outcome.summary.works, outcome.summary.facts) == (single.works, single.facts)
    works, docs, as_of, placed = sheet(tmp_path / "single.db")
    # every fact, person, timeline row and document, and where undated articles were placed
    assert sheet(tmp_path / "spark.db") == (works, docs, as_of, placed)

    # the Parquet tables hold the same facts, and every quote is its document's text[start:end]
    facts = spark.read.parquet(str(tmp_path / "parquet" / "facts")).orderBy("work_id", "idx").collect()
    titles = {r.work_id: r.title for r in spark.read.parquet(str(tmp_path / "parquet" / "works")).collect()}
    assert [(titles[r.work_id], _fact(r.slot, json.loads(r.fields), r.status, r.certainty, r.sources,
                                      [e.asDict() for e in r.evidence])) for r in facts] \
        == [(w[0], f) for w in works for f in w[6]]
    texts = {r.id: r.text for r in spark.read.parquet(str(tmp_path / "parquet" / "documents")).collect()}
    assert all(texts[e.doc][e.start:e.end] == e.quote for r in facts for e in r.evidence)
    claims = spark.read.parquet(str(tmp_path / "parquet" / "claims"))
    assert claims.count() == sum(1 for _ in _stored_claims(tmp_path / "single.db"))


def _stored_claims(db: Path):
    with Store(db) as store:
        yield from store.claims()


def test_spark_build_command_loads_a_store_that_show_reads(spark, tmp_path):
    examples = ROOT / "examples" / "tide-and-ember"
    pages = [(f"https://tv.example.net/{p.stem}", to_html(p.read_text(encoding="utf-8")))
             for p in sorted(examples.glob("*.txt"))]
    crawl = write_warc(tmp_path / "crawl.warc.gz", list(OFF_TOPIC.items()) + pages)
    db, out = tmp_path / "s.db", tmp_path / "out"
    result = CliRunner().invoke(app, ["spark-build", str(crawl), str(tmp_path / "missing"), "--out", str(out),
                                      "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"documents: {len(pages)} ok, 0 skipped, 1 rejected, 2 passed over" in result.stdout
    assert "missing: rejected: no such file or folder" in result.stderr
    assert {p.name for p in out.iterdir()} >= {"documents", "claims", "facts", "works"}
    shown = CliRunner().invoke(app, ["show", "--db", str(db)])
    assert shown.exit_code == 0 and "Tide and Ember" in shown.stdout


def test_spark_build_with_nothing_usable_says_so(spark, tmp_path):
    crawl = write_warc(tmp_path / "food.warc", list(OFF_TOPIC.items()))
    result = CliRunner().invoke(app, ["spark-build", str(crawl), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stdout.startswith("nothing built: documents: 0 ok") and "2 passed over" in result.stdout


@pytest.mark.parametrize("order", [("a", "b", "c"), ("c", "a", "b"), ("b", "c", "a"), ("c", "b", "a")])
def test_copies_are_settled_as_a_build_settles_them(tmp_path, order):
    """Which copy of an article is kept, which it is marked a duplicate of, and whether it was
    read first, depend on the order a build meets them: the Spark job replays that order."""
    from whatweknow.spark import settle_copies

    text = (ROOT / "examples" / "tide-and-ember").glob("*.txt").__next__().read_text(encoding="utf-8")
    for name in order:  # b is the same article with its spacing changed
        (tmp_path / f"{name}.txt").write_text(text.replace("\n\n", "\n \n") if name == "b" else text, encoding="utf-8")
    with Store(tmp_path / "c.db") as store:
        build([str(tmp_path / f"{name}.txt") for name in order], store)
        stored = {d.id: d for d in store.documents()}
    copy_of = settle_copies([((i, 0), name) for i, name in enumerate(order)])
    for i, name in enumerate(order):
        d = stored[name]
        if (i, 0) in copy_of:
            first, processed = copy_of[(i, 0)]
            assert (d.status, d.reason, d.published is not None) == ("skipped", f"duplicate of {first}", processed)
        else:
            assert d.status == "ok" and name == "a"
