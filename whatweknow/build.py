"""A build: every input through the per-document stages into the store, then the sheet."""
from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .archive import PASSED_OVER
from .ingest import DEFAULT_MAX_BYTES, iter_paths, load
from .names import load_alias_file
from .pipeline import DocResult, process
from .reconcile import group_titles, reconcile_work
from .records import Document
from .store import Store


@dataclass
class Summary:
    counts: Counter = field(default_factory=Counter)     # ok / skipped / rejected / unchanged
    facts: int = 0
    works: int = 0
    problems: list[str] = field(default_factory=list)    # one line per skipped or rejected input

    def line(self) -> str:
        c = self.counts
        return (f"documents: {c['ok']} ok, {c['skipped']} skipped, {c['rejected']} rejected"
                + (f", {c['unchanged']} unchanged" if c["unchanged"] else "")
                + (f", {c['passed_over']} passed over (no release words)" if c["passed_over"] else "")
                + f" | works: {self.works} | facts: {self.facts}")


BATCH = 64  # documents in flight at once: memory stays flat however large the corpus


def ingest_all(paths: Iterable[str], store: Store, max_bytes: int = DEFAULT_MAX_BYTES,
               on_document: Callable[[Document], None] | None = None, summary: Summary | None = None,
               jobs: int = 1) -> Summary:
    """Every input into the store. The per-document stages run in `jobs` processes; the store
    is written from this one, one document per transaction, in input order."""
    summary = summary or Summary()
    pool = ProcessPoolExecutor(jobs) if jobs > 1 else None
    batch: list[Document] = []

    def flush() -> None:
        _process_batch(batch, pool, store, summary)

    try:
        for doc in _new_documents(paths, store, max_bytes, on_document, summary, flush,
                                  pending=lambda: {d.id for d in batch}):
            batch.append(doc)
            if len(batch) >= BATCH:
                flush()
        flush()
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    return summary


def _process_batch(batch: list[Document], pool: ProcessPoolExecutor | None, store: Store, summary: Summary) -> None:
    results = pool.map(_process, batch, chunksize=4) if pool else map(_process, batch)
    for original, result in zip(batch, results):
        doc = result.document
        duplicate = store.duplicate_of(doc.content_hash, doc.id) if doc.status == "ok" else None
        if duplicate:  # the same article twice in one batch: stored as if found before processing
            result = DocResult(dataclasses.replace(original, status="skipped", reason=f"duplicate of {duplicate}"))
        _record(store, result, summary)
    batch.clear()


def _new_documents(paths: Iterable[str], store: Store, max_bytes: int, on_document: Callable[[Document], None] | None,
                   summary: Summary, flush: Callable[[], None], pending: Callable[[], set[str]]) -> Iterator[Document]:
    """Documents that need the per-document stages; the rest are recorded (or counted) here.
    Ids are decided against the store, so the batch in flight is stored first when it matters."""
    for path, error in iter_paths(paths):
        if error:
            flush()
            doc = Document(id=_missing_id(error), source=error.rsplit(": ", 1)[0], text="", status="rejected",
                           reason=error.rsplit(": ", 1)[-1])
            _record(store, DocResult(_unique_id(store, doc)), summary)
            continue
        for doc in load(path, max_bytes):
            if on_document:
                on_document(doc)
            if doc.reason == PASSED_OVER:  # an archive's page about something else: counted, not stored
                summary.counts["passed_over"] += 1
                continue
            if doc.status != "ok" or doc.id in pending():
                flush()
            doc = _unique_id(store, doc)  # a rejected file never replaces another file's document
            if doc.status != "ok":
                _record(store, DocResult(doc), summary)
                continue
            prior = store.known(doc.id)
            if prior and prior[0] == doc.content_hash and prior[1] != "rejected":
                summary.counts["unchanged"] += 1  # re-ingesting the same article changes nothing
                summary.counts[f"unchanged_{prior[1]}"] += 1
                continue
            duplicate = store.duplicate_of(doc.content_hash, doc.id)
            if duplicate:
                doc = dataclasses.replace(doc, status="skipped", reason=f"duplicate of {duplicate}")
                _record(store, DocResult(doc), summary)
                continue
            yield doc


def _process(doc: Document) -> DocResult:
    """One bad article must not stop a build of thousands: a stage that fails rejects that document."""
    try:
        return process(doc)
    except Exception as exc:  # noqa: BLE001 - reported per document, with the error's kind
        detail = str(exc).splitlines()[0][:120] if str(exc) else ""
        return DocResult(dataclasses.replace(
            doc, status="rejected", reason=f"could not be processed ({type(exc).__name__}{': ' + detail if detail else ''})"))


def _record(store: Store, result: DocResult, summary: Summary) -> None:
    d = store.save(result)
    summary.counts[d.status] += 1
    if d.status != "ok":
        summary.problems.append(f"{d.source}: {d.status}: {d.reason}")


def _missing_id(error: str) -> str:
    return Path(error.rsplit(": ", 1)[0]).stem or "input"


def _unique_id(store: Store, doc: Document) -> Document:
    """Two different files with one stem keep apart: the later gets a hash suffix."""
    prior = store.known(doc.id)
    # a rejected document has no content hash: only its source tells two of them apart
    if prior and prior[2] != doc.source and (prior[0] != doc.content_hash or not doc.content_hash):
        suffix = hashlib.sha256(doc.source.encode()).hexdigest()[:8]
        return dataclasses.replace(doc, id=f"{doc.id}-{suffix}")
    return doc


def as_of_date(documents: list[Document]) -> str | None:
    """The newest publication date among the usable sources."""
    dated = [d.published for d in documents if d.status == "ok" and d.published]
    if dated:
        return max(_full(d) for d in dated)
    ranges = [d.published_range[1] for d in documents if d.status == "ok" and d.published_range]
    return max(ranges) if ranges else None


def _full(value: str) -> str:
    return {4: value + "-12-31", 7: value + "-28"}.get(len(value), value)[:10] if len(value) < 10 else value


def refresh_sheet(store: Store, as_of: str | None = None, aliases: str | None = None) -> tuple[int, int]:
    """Reconcile every stored claim into works and facts; returns (works, facts)."""
    same, different = load_alias_file(aliases) if aliases else ([], [])
    # read the claims and write the sheet in one write transaction: a second build that stored
    # more documents meanwhile cannot have its newer sheet overwritten by this older one
    works = facts = 0
    with store.transaction():
        as_of = as_of or as_of_date(store.documents())
        store.clear_works()
        for titles in group_titles(store.work_titles()):  # one work in memory at a time
            work = reconcile_work(store.claims(titles), as_of, store.links(titles), same, different)
            store.add_work(work)
            works, facts = works + 1, facts + len(work.facts)
        store.set_as_of(as_of)
    return works, facts


def build(paths: Iterable[str], store: Store, max_bytes: int = DEFAULT_MAX_BYTES, as_of: str | None = None,
          aliases: str | None = None, on_document: Callable[[Document], None] | None = None, jobs: int = 1) -> Summary:
    summary = ingest_all(paths, store, max_bytes, on_document, jobs=jobs)
    summary.works, summary.facts = refresh_sheet(store, as_of, aliases)
    return summary
