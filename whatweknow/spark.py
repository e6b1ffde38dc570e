"""The build on a Spark cluster: `whatweknow spark-build INPUT... --out DIR [--db URL]`, or
`spark-submit .../whatweknow/spark.py INPUT... --out DIR` (also `python -m whatweknow.spark`).

The same stages as a single-machine `build`, spread out, with the same result:
 1. the driver lists the inputs (any path Spark's Hadoop file systems read), in the build's walk order;
 2. `binaryFiles` → documents, in the tasks (WARC / JSONL.gz streamed from each file's bytes);
 3. ids made unique as a build makes them (only small keys of shared ids reach the driver);
 4. the per-document stages (`pipeline.process`) in `mapPartitions`: each Python worker loads the
    models once and keeps them across tasks (Spark reuses its Python workers); exact copies go
    through once, and copies are settled by the store's rule (smallest id kept);
 5. the driver groups the distinct claim titles into works (`reconcile.group_titles`), then
    each title is reconciled on its own (`reconcile.reconcile_title`) in the tasks;
 6. documents, passages, claims, links, works and facts are written as Parquet under --out,
    and with --db loaded into a store (one document per transaction, then the sheet in one).
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from whatweknow.archive import PASSED_OVER, is_archive, read_archive
from whatweknow.build import Summary, _full, _process
from whatweknow.ingest import DEFAULT_MAX_BYTES, HTML_SUFFIXES, JSONL_SUFFIXES, SUFFIXES, _from_bytes, _from_jsonl
from whatweknow.pipeline import DocResult
from whatweknow.records import Document, Work

Order = tuple[int, int]  # (input file, position in it): the order a single build stores documents in


# 1. inputs ---------------------------------------------------------------------------------
def list_inputs(spark, inputs: Iterable[str], max_bytes: int) -> tuple[list[str], list[Document]]:
    """Files to read, in the order a build walks them (folders recursively, by name, hidden
    entries skipped), and the documents of inputs rejected without reading them."""
    jvm, conf = spark._jvm, spark._jsc.hadoopConfiguration()
    files: list[str] = []
    rejected: list[Document] = []

    def walk(status, top: bool) -> None:
        name = status.getPath().getName()
        if status.isDirectory():
            children = sorted(status.getPath().getFileSystem(conf).listStatus(status.getPath()),
                              key=lambda s: s.getPath().getName())
            for child in children:
                if not child.getPath().getName().startswith("."):
                    walk(child, False)
            return
        suffix = Path(name).suffix.lower()
        if not (suffix in SUFFIXES or is_archive(name)):
            if top:  # named on the command line: reported, as `build` does; inside a folder: passed over
                rejected.append(_rejected(Path(name).stem, _local(status), f"unsupported file type '{suffix or '(none)'}'"))
            return
        if not is_archive(name) and status.getLen() > max_bytes:
            rejected.append(_rejected(Path(name).stem, _local(status),
                                      f"over the size limit ({status.getLen():,} bytes > {max_bytes:,})"))
            return
        files.append(status.getPath().toString())

    for raw in inputs:
        path = jvm.org.apache.hadoop.fs.Path(raw)
        fs = path.getFileSystem(conf)
        if not fs.exists(path):
            rejected.append(_rejected(Path(raw).stem or "input", raw, "no such file or folder"))
            continue
        walk(fs.getFileStatus(path), True)
    return files, rejected


def _local(status) -> str:
    return _source(status.getPath().toString())


def _source(uri: str) -> str:
    """A local file keeps its plain path as its source, as in a single build."""
    return uri[len("file:"):] if uri.startswith("file:/") else uri


def _rejected(doc_id: str, source: str, reason: str) -> Document:
    return Document(id=doc_id, source=source, text="", status="rejected", reason=reason)


# 2. documents ------------------------------------------------------------------------------
def documents_of(uri: str, data: bytes, max_bytes: int) -> Iterator[Document]:
    """One input file's documents, as `ingest.load` gives them for a local file."""
    import io

    source, name = _source(uri), uri.rsplit("/", 1)[-1]
    if is_archive(name):
        yield from read_archive(io.BytesIO(data), name, source, max_bytes)
        return
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    if len(data) > max_bytes:
        yield _rejected(stem, source, f"over the size limit (> {max_bytes:,} bytes)")
    elif suffix in JSONL_SUFFIXES:
        yield from _from_jsonl(data, stem, source, max_bytes)
    else:
        yield from _from_bytes(data, stem, source, max_bytes, html=suffix in HTML_SUFFIXES)


# 3. ids and copies -------------------------------------------------------------------------
def settle_ids(members: list[tuple[Order, str, str, str, str]]) -> dict[Order, str | None]:
    """For documents sharing an id ((order, source, content_hash, status, id) each), in input order:
    the id each one gets, or None when a build would count it `unchanged` (the same article
    again). The rule of `build._unique_id`: a different file (or a rejected one) gets a suffix."""
    out: dict[Order, str | None] = {}
    stored = None
    for order, source, chash, status, doc_id in sorted(members):
        if stored is None:
            out[order], stored = doc_id, (source, chash, status, order)
        elif stored[0] != source and (stored[1] != chash or not chash):
            out[order] = f"{doc_id}-{hashlib.sha256(source.encode()).hexdigest()[:8]}"
        elif status == "ok" and stored[1] == chash and stored[2] != "rejected":
            out[order] = None
        else:  # the same file again: the later reading replaces the earlier one
            out[stored[3]], out[order], stored = None, doc_id, (source, chash, status, order)
    return out


def _exact(doc: Document) -> str:
    """Copies that every stage treats alike: the same text, title and metadata date."""
    return hashlib.sha256(json.dumps([doc.text, doc.title, doc.published_hint]).encode("utf-8", "surrogatepass")).hexdigest()


# 4. per-document stages --------------------------------------------------------------------
def process_groups(groups: Iterable[tuple[str, Iterable[tuple[Order, Document]]]]) -> Iterator[tuple[Order, DocResult]]:
    """Exact copies travel together: the one with the smallest id goes through the stages and
    the others take its outcome (`settle_copies` then decides which copy is kept)."""
    for _, members in groups:
        members = sorted(members, key=lambda m: m[1].id)
        lead_order, lead = members[0]
        result = _process(lead)
        yield lead_order, result
        d = result.document
        for order, doc in members[1:]:
            yield order, DocResult(dataclasses.replace(doc, status=d.status, reason=d.reason, language=d.language,
                                                       published=d.published, published_range=d.published_range))


def settle_copies(members: list[tuple[Order, str]]) -> dict[Order, tuple[str, bool]]:
    """Usable documents with one content hash ((order, id) each): for each one that is not kept,
    the id it duplicates and whether a build would have processed it first. This replays the
    store's rule in input order: a copy meets the smallest-id usable copy already stored (and is
    then stored unprocessed), or it is stored and steps aside when a smaller id arrives."""
    stored: list[str] = []
    copy_of: dict[Order, tuple[str, bool]] = {}
    order_of = {doc_id: order for order, doc_id in members}
    for order, doc_id in sorted(members):
        smaller = [s for s in stored if s < doc_id]
        if smaller:
            copy_of[order] = (min(smaller), False)
            continue
        for s in [s for s in stored if s > doc_id]:
            copy_of[order_of[s]] = (doc_id, True)
            stored.remove(s)
        stored.append(doc_id)
    return copy_of


def _as_copy(item: tuple[Order, DocResult], copy_of: dict[Order, tuple[str, bool]]) -> tuple[Order, DocResult]:
    order, result = item
    if order not in copy_of:
        return item
    first, processed = copy_of[order]
    d = dataclasses.replace(result.document, status="skipped", reason=f"duplicate of {first}")
    if not processed:
        d = dataclasses.replace(d, language=None, published=None, published_range=None)
    return order, DocResult(d)


# 5. works ----------------------------------------------------------------------------------
def reconcile_groups(groups, as_of: str | None, same, different) -> Iterator[Work]:
    from whatweknow.reconcile import reconcile_title

    for _, members in groups:
        # the order a store hands them over in: claims by document id, links by input order
        claims = [c for _, _, c in sorted((m for m in members if m[0] == "claim"), key=lambda m: m[1])]
        links = [tuple(link) for _, _, link in sorted((m for m in members if m[0] == "link"), key=lambda m: m[1])]
        yield from reconcile_title(claims, as_of, links, same, different)


def _claims_and_links(item: tuple[Order, DocResult], group_of: dict[str, int]):
    """(work group, ("claim", sort key, claim)) for each claim, and each of the document's links
    once for every work its claims are about."""
    order, result = item
    d = result.document
    groups = []
    for i, c in enumerate(result.claims):
        g = group_of[c.work]
        yield g, ("claim", (d.id, i), c)
        if g not in groups:
            groups.append(g)
    for g in groups:
        for i, link in enumerate(result.links):
            yield g, ("link", (order, i), link)


# the job -----------------------------------------------------------------------------------
@dataclasses.dataclass
class Outcome:
    summary: Summary
    works: list[Work]
    as_of: str | None


def run(spark, inputs: list[str], out: str, db: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
        as_of: str | None = None, aliases: str | None = None) -> Outcome:
    from pyspark import StorageLevel

    from whatweknow.names import load_alias_file
    from whatweknow.reconcile import group_titles

    sc = spark.sparkContext
    same, different = load_alias_file(aliases) if aliases else ([], [])
    files, rejected_inputs = list_inputs(spark, inputs, max_bytes)
    index = sc.broadcast({uri: i for i, uri in enumerate(files)})
    loaded = sc.parallelize([((-1, i), d) for i, d in enumerate(rejected_inputs)], 1)
    if files:
        raw = sc.binaryFiles(",".join(files), minPartitions=max(1, sc.defaultParallelism))
        loaded = loaded.union(raw.flatMap(lambda kv: [((index.value[kv[0]], pos), doc) for pos, doc
                                                       in enumerate(documents_of(kv[0], kv[1], max_bytes))]))
    loaded = loaded.persist(StorageLevel.MEMORY_AND_DISK)
    passed_over = loaded.filter(lambda od: od[1].reason == PASSED_OVER).count()
    docs = loaded.filter(lambda od: od[1].reason != PASSED_OVER)

    # ids: only documents whose id is shared travel to the driver, as small keys
    keys = docs.map(lambda od: (od[1].id, (od[0], od[1].source, od[1].content_hash, od[1].status, od[1].id)))
    shared = keys.groupByKey().filter(lambda kv: len(kv[1]) > 1).flatMap(lambda kv: settle_ids(list(kv[1])).items())
    new_id = sc.broadcast(dict(shared.collect()))
    unchanged = sum(1 for v in new_id.value.values() if v is None)
    docs = docs.flatMap(lambda od: [od] if od[0] not in new_id.value else
                        ([(od[0], dataclasses.replace(od[1], id=new_id.value[od[0]]))] if new_id.value[od[0]] else []))

    # the per-document stages, exact copies together; then the store's duplicate rule
    processed = docs.map(lambda od: (_exact(od[1]) if od[1].status == "ok" else f"{od[0]}", od)) \
        .groupByKey().mapPartitions(process_groups).persist(StorageLevel.MEMORY_AND_DISK)
    usable = processed.filter(lambda r: r[1].document.status == "ok")
    copies = usable.map(lambda r: (r[1].document.content_hash, (r[0], r[1].document.id))).groupByKey() \
        .filter(lambda kv: len(kv[1]) > 1).flatMap(lambda kv: settle_copies(list(kv[1])).items())
    copy_of = sc.broadcast(dict(copies.collect()))
    results = processed.map(lambda r: _as_copy(r, copy_of.value)).persist(StorageLevel.MEMORY_AND_DISK)

    # works: titles grouped on the driver, each work reconciled in a task
    ok = results.filter(lambda r: r[1].document.status == "ok")
    titles = sorted(ok.flatMap(lambda r: {c.work for c in r[1].claims}).distinct().collect())
    group_of = sc.broadcast({t: g for g, spellings in enumerate(group_titles(titles)) for t in spellings})
    # each title is judged as of its own newest source unless the user gave a date, as in `build`
    given = as_of
    as_of = as_of or _as_of(ok)
    works_rdd = ok.flatMap(lambda r: _claims_and_links(r, group_of.value)).groupByKey() \
        .mapPartitions(lambda groups: reconcile_groups(groups, given, same, different))
    works = sorted(works_rdd.collect(), key=lambda w: (-len(w.facts), w.title))

    summary = Summary()
    for status, n in results.map(lambda r: r[1].document.status).countByValue().items():
        summary.counts[status] += n
    summary.counts.update({k: n for k, n in (("unchanged", unchanged), ("passed_over", passed_over)) if n})
    summary.works, summary.facts = len(works), sum(len(w.facts) for w in works)
    summary.problems = [line for _, line in results.filter(lambda r: r[1].document.status != "ok").map(
        lambda r: (r[0], f"{r[1].document.source}: {r[1].document.status}: {r[1].document.reason}")).takeOrdered(1000)]

    write_parquet(spark, results, works, as_of, out)
    if db:
        load_store(db, results.map(lambda r: r[1]).toLocalIterator(), works, as_of)
    for rdd in (loaded, processed, results):
        rdd.unpersist()
    return Outcome(summary, works, as_of)


def _as_of(ok) -> str | None:
    """`build.as_of_date` over the usable documents, as two maximums."""
    dated = ok.map(lambda r: r[1].document.published).filter(bool).map(_full)
    if not dated.isEmpty():
        return dated.max()
    ranges = ok.map(lambda r: r[1].document.published_range).filter(bool).map(lambda r: r[1])
    return None if ranges.isEmpty() else ranges.max()


# 6. output ---------------------------------------------------------------------------------
def write_parquet(spark, results, works: list[Work], as_of: str | None, out: str) -> None:
    from pyspark.sql import types as T

    S, I, B = T.StringType(), T.IntegerType(), T.BooleanType()

    def schema(*cols):
        return T.StructType([T.StructField(name, kind, True) for name, kind in cols])

    evidence = T.ArrayType(schema(("doc", S), ("start", I), ("end", I), ("quote", S), ("published", S),
                                  ("certainty", S)))
    tables = {
        "documents": (schema(("id", S), ("source", S), ("url", S), ("title", S), ("text", S), ("published", S),
                             ("published_lo", S), ("published_hi", S), ("language", S), ("status", S),
                             ("reason", S), ("content_hash", S), ("subject", S), ("season", I)),
                      results.map(lambda r: _document_row(r[1]))),
        "passages": (schema(("doc_id", S), ("idx", I), ("start", I), ("end", I), ("kind", S)),
                     results.flatMap(lambda r: [(r[1].document.id, i, p.start, p.end, p.kind)
                                                for i, p in enumerate(r[1].passages)])),
        "claims": (schema(("doc_id", S), ("idx", I), ("slot", S), ("fields", S), ("start", I), ("end", I),
                          ("quote", S), ("certainty", S), ("work", S), ("season", I), ("polarity", B),
                          ("attribution", S), ("published", S), ("historical", B), ("superseded_in_text", B)),
                   results.flatMap(lambda r: [(c.doc, i, c.slot, json.dumps(c.fields.asdict()), c.start, c.end, c.quote,
                                               c.certainty, c.work, c.season, c.polarity, c.attribution,
                                               c.published, c.historical, c.superseded_in_text)
                                              for i, c in enumerate(r[1].claims)])),
        "links": (schema(("doc_id", S), ("idx", I), ("a", S), ("b", S)),
                  results.flatMap(lambda r: [(r[1].document.id, i, a, b) for i, (a, b) in enumerate(r[1].links)])),
    }
    sc = spark.sparkContext
    tables["works"] = (schema(("work_id", I), ("title", S), ("aliases", T.ArrayType(S)), ("season", I),
                              ("people", S), ("characters", S), ("timeline", S), ("as_of", S)),
                       sc.parallelize([(i, w.title, w.aliases, w.season, json.dumps([vars(p) for p in w.people]),
                                        json.dumps([vars(p) for p in w.characters]), json.dumps(w.timeline), as_of)
                                       for i, w in enumerate(works)], 1))
    tables["facts"] = (schema(("work_id", I), ("work", S), ("season", I), ("idx", I), ("slot", S), ("fields", S),
                              ("status", S), ("certainty", S), ("sources", I), ("evidence", evidence)),
                       sc.parallelize([(i, w.title, w.season, k, f.slot, json.dumps(f.fields.asdict(), sort_keys=True),
                                        f.status, f.certainty, f.sources,
                                        [(e.doc, e.start, e.end, e.quote, e.published, e.certainty) for e in f.evidence])
                                       for i, w in enumerate(works) for k, f in enumerate(w.facts)], 1))
    for name, (kinds, rows) in tables.items():
        spark.createDataFrame(rows, kinds).write.mode("overwrite").parquet(f"{out.rstrip('/')}/{name}")


def _document_row(result: DocResult) -> tuple:
    d, subject = result.document, result.subject
    lo, hi = d.published_range or (None, None)
    return (d.id, d.source, d.url, d.title, d.text, d.published, lo, hi, d.language, d.status, d.reason,
            d.content_hash, subject.title if subject else None, subject.season if subject else None)


def open_store(db: str):
    """The store behind --db (a PostgreSQL URL too, where the store module knows one)."""
    from whatweknow import store

    return store.open_store(db) if hasattr(store, "open_store") else store.Store(db)


def load_store(db: str, results: Iterable[DocResult], works: list[Work], as_of: str | None) -> None:
    """This run's documents, one transaction each (the store's own duplicate rule applies), then
    the sheet in one transaction: this run's works on a new store; on one that already held
    documents, every stored claim reconciled again, so the sheet covers them all."""
    from whatweknow.build import placed_by_others, refresh_sheet

    with open_store(db) as store:
        fresh = not store.documents()
        for result in results:
            store.save(result)
        if fresh:
            with store.transaction():  # the sheet replaced in one transaction
                store.clear_works()
                for w in works:
                    store.add_work(w)
                store.set_as_of(as_of)
                store.set_meta("placed_by_others", json.dumps(placed_by_others(store), sort_keys=True))
        else:
            refresh_sheet(store)


# command line ------------------------------------------------------------------------------
def session(master: str | None = None, quiet: bool = False):
    """A SparkSession: one already running in this process, the one spark-submit configured, or a
    local one (with this Python on the workers)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("whatweknow")
    if master:
        builder = builder.master(master)
    show = not quiet and sys.stderr.isatty()  # Spark's stage bar, on a terminal only
    builder = builder.config("spark.ui.showConsoleProgress", str(show).lower())
    if SparkSession.getActiveSession() is None:  # a JVM we launch logs errors only (no start-up chatter)
        builder = builder.config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile=file:{_log_config()}")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _log_config() -> str:
    import tempfile

    path = Path(tempfile.gettempdir()) / "whatweknow-spark-log4j2.properties"
    path.write_text("rootLogger.level = error\nrootLogger.appenderRef.stderr.ref = console\n"
                    "appender.console.type = Console\nappender.console.name = console\n"
                    "appender.console.target = SYSTEM_ERR\nappender.console.layout.type = PatternLayout\n"
                    "appender.console.layout.pattern = %p %c{1}: %m%n\n")
    return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="whatweknow.spark", description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="+", help="files or folders: .txt .md .html .jsonl .warc(.gz) .jsonl.gz")
    parser.add_argument("--out", required=True, help="folder for the Parquet tables")
    parser.add_argument("--db", help="also load the result into this store")
    parser.add_argument("--master", help="Spark master (default: spark-submit's, else local[*])")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES)
    parser.add_argument("--as-of")
    parser.add_argument("--aliases")
    parser.add_argument("-q", "--quiet", action="store_true")
    args = parser.parse_args(argv)
    return spark_build(args.inputs, args.out, args.db, args.master, args.max_bytes, args.as_of, args.aliases,
                       args.quiet)


def spark_build(inputs, out, db=None, master=None, max_bytes=DEFAULT_MAX_BYTES, as_of=None, aliases=None,
                quiet=False) -> int:
    """The command: exit 0 with a summary line, 1 when nothing usable came in, 2 on a setup error."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        print("error: spark-build needs pyspark: pip install 'whatweknow[spark]'", file=sys.stderr)
        return 2
    try:
        from pyspark.sql import SparkSession

        ours = SparkSession.getActiveSession() is None  # a session we start, we stop
        spark = session(master, quiet)
    except Exception as exc:  # noqa: BLE001 - no Java, or a master that cannot be reached
        print(f"error: cannot start Spark ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__});"
              " is Java 17 installed (JAVA_HOME)?", file=sys.stderr)
        return 2
    try:
        outcome = run(spark, list(inputs), out, db, max_bytes, as_of, aliases)
    except ValueError as exc:  # a malformed alias file
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        if ours:
            spark.stop()
    if not quiet:
        for line in outcome.summary.problems:
            print(line, file=sys.stderr)
    line = outcome.summary.line()
    if outcome.summary.counts["ok"] == 0:
        print(f"nothing built: {line}")
        return 1
    print(f"{line} | parquet: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
