"""A build: every input through the per-document stages into the store, then the sheet."""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import signal
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import AliasFileError
from .fetch import Limits, Web, is_url
from .archive import PASSED_OVER
from .dating import place_by_others
from .ingest import DEFAULT_MAX_BYTES, iter_paths, load
from .names import load_alias_file
from .pipeline import DocResult, process
from .reconcile import claims_as_of, group_titles, reconcile_title
from .records import Document, Work
from .store import Store


@dataclass
class Summary:
    counts: Counter = field(default_factory=Counter)     # ok / skipped / rejected / unchanged
    facts: int = 0
    works: int = 0
    problems: list[str] = field(default_factory=list)    # one line per skipped or rejected input
    stored_ok: list[str] = field(default_factory=list, repr=False)  # ids this build stored as ok
    on_done: Callable[[Document], None] | None = field(default=None, repr=False)  # after each document

    def line(self) -> str:
        c = self.counts
        return (f"documents: {c['ok']} ok, {c['skipped']} skipped, {c['rejected']} rejected"
                + (f", {c['unchanged']} unchanged" if c["unchanged"] else "")
                + (f", {c['passed_over']} passed over (no release words)" if c["passed_over"] else "")
                + f" | works: {self.works} | facts: {self.facts}")


BATCH = 64  # documents in flight at once: memory stays flat however large the corpus
TIME_BUDGET = 120.0  # seconds of per-document stages for one document before it is rejected


def ingest_all(paths: Iterable[str], store: Store, max_bytes: int = DEFAULT_MAX_BYTES,
               on_document: Callable[[Document], None] | None = None, summary: Summary | None = None,
               jobs: int = 1, time_budget: float = TIME_BUDGET, web: Web | None = None) -> Summary:
    """Every input into the store. The per-document stages run in `jobs` processes; the store
    is written from this one, one document per transaction, in input order. `on_document` is
    called for each document once it is stored (or found unchanged): a progress bar counts work done.
    URLs are fetched through `web` (default: the default limits)."""
    summary = summary or Summary()
    summary.on_done = on_document
    web = web or Web(store, Limits(max_bytes=max_bytes))
    pool = ProcessPoolExecutor(jobs, initializer=_exit_with_parent) if jobs > 1 else None
    batch: list[Document] = []
    work = functools.partial(_process, time_budget=time_budget)

    def flush() -> None:
        _process_batch(batch, pool, store, summary, work)

    try:
        for doc in _new_documents(paths, store, max_bytes, on_document, summary, flush,
                                  pending=lambda: {d.id for d in batch}, web=web):
            batch.append(doc)
            if len(batch) >= BATCH:
                flush()
        flush()
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
        web.close()
    summary.problems.extend(web.problems)
    web.problems.clear()
    _recount(store, summary)
    return summary


def _recount(store: Store, summary: Summary) -> None:
    """A copy with a smaller id stored later (by this build or a concurrent one) turns an earlier
    copy into a duplicate: the summary reports what the store now holds."""
    if not summary.stored_ok:
        return
    now = {d.id: d for d in store.documents()}
    for doc_id in summary.stored_ok:
        d = now.get(doc_id)
        if d is not None and d.status != "ok":
            summary.counts["ok"] -= 1
            summary.counts[d.status] += 1
            summary.problems.append(f"{d.source}: {d.status}: {d.reason}")
    summary.stored_ok.clear()


def _exit_with_parent() -> None:
    """In each worker: exit as soon as the build that started it is gone (killed, even by
    SIGKILL), instead of waiting forever for work that will never come."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            threading.Event().wait(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="exit-with-parent").start()


def _process_batch(batch: list[Document], pool: ProcessPoolExecutor | None, store: Store, summary: Summary,
                   work: Callable[[Document], DocResult]) -> None:
    results = pool.map(work, batch, chunksize=4) if pool else map(work, batch)
    for original, result in zip(batch, results):
        doc = result.document
        duplicate = store.duplicate_of(doc.content_hash, doc.id) if doc.status == "ok" else None
        if duplicate:  # the same article twice in one batch: stored as if found before processing
            result = DocResult(dataclasses.replace(original, status="skipped", reason=f"duplicate of {duplicate}"))
        _record(store, result, summary)
    batch.clear()


def _new_documents(paths: Iterable[str], store: Store, max_bytes: int, on_document: Callable[[Document], None] | None,
                   summary: Summary, flush: Callable[[], None], pending: Callable[[], set[str]],
                   web: Web) -> Iterator[Document]:
    """Documents that need the per-document stages; the rest are recorded (or counted) here.
    Ids are decided against the store, so the batch in flight is stored first when it matters."""
    for path, error in _paths_and_urls(paths):
        if error:
            flush()
            doc = Document(id=_missing_id(error), source=error.rsplit(": ", 1)[0], text="", status="rejected",
                           reason=error.rsplit(": ", 1)[-1])
            _record(store, DocResult(_unique_id(store, doc)), summary)
            continue
        for doc in (web.load(path) if isinstance(path, str) else load(path, max_bytes)):
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
                if on_document:
                    on_document(doc)
                continue
            duplicate = store.duplicate_of(doc.content_hash, doc.id)
            if duplicate:
                doc = dataclasses.replace(doc, status="skipped", reason=f"duplicate of {duplicate}")
                _record(store, DocResult(doc), summary)
                continue
            yield doc


def _paths_and_urls(paths: Iterable[str]) -> Iterator[tuple[Path | str | None, str | None]]:
    """Files and folders walked as `iter_paths` does; URLs passed on as strings, in input order."""
    local: list[str] = []  # runs of local paths go to iter_paths together: a folder given twice is read once
    for raw in [*paths, None]:
        if raw is not None and not is_url(raw):
            local.append(raw)
            continue
        yield from iter_paths(local)
        local = []
        if raw is not None:
            yield str(raw), None


class _OverBudget(Exception):
    pass


@contextmanager
def _deadline(seconds: float):
    """Raise _OverBudget in this thread after `seconds` (where a timer signal can be used: the
    main thread of a build or of a pool worker; elsewhere there is no budget)."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(*_):
        raise _OverBudget

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _process(doc: Document, time_budget: float = TIME_BUDGET) -> DocResult:
    """One bad article must not stop a build of thousands: a stage that fails, or takes longer
    than the time budget, rejects that document."""
    try:
        with _deadline(time_budget):
            return process(doc)
    except _OverBudget:
        return DocResult(dataclasses.replace(
            doc, status="rejected", reason=f"over the time budget ({time_budget:g} s for one document)"))
    except Exception as exc:  # noqa: BLE001 - reported per document, with the error's kind
        detail = str(exc).splitlines()[0][:120] if str(exc) else ""
        return DocResult(dataclasses.replace(
            doc, status="rejected", reason=f"could not be processed ({type(exc).__name__}{': ' + detail if detail else ''})"))


def _record(store: Store, result: DocResult, summary: Summary) -> None:
    d = store.save(result)
    summary.counts[d.status] += 1
    if d.status == "ok":
        summary.stored_ok.append(d.id)
    if summary.on_done:
        summary.on_done(d)
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


def as_of_date(documents: Iterable[Document]) -> str | None:
    """The newest publication date among the usable sources."""
    documents = list(documents)
    dated = [d.published for d in documents if d.status == "ok" and d.published]
    if dated:
        return max(_full(d) for d in dated)
    ranges = [d.published_range[1] for d in documents if d.status == "ok" and d.published_range]
    return max(ranges) if ranges else None


def _full(value: str) -> str:
    return {4: value + "-12-31", 7: value + "-28"}.get(len(value), value)[:10] if len(value) < 10 else value


@dataclass(frozen=True)
class Aliases:
    """An alias file's content: names forced together and names kept apart."""
    same: list[list[str]] = field(default_factory=list)
    different: list[list[str]] = field(default_factory=list)


def read_aliases(path: str | Path) -> Aliases:
    try:
        same, different = load_alias_file(path)
    except AliasFileError:
        raise
    except ValueError as exc:  # the loader's own messages, all about this file
        raise AliasFileError(str(exc)) from None
    return Aliases(same, different)


def stored_aliases(store: Store) -> Aliases:
    """The alias file of the last build that was given one: a later refresh keeps using it."""
    value = store.meta("aliases")
    return Aliases(**json.loads(value)) if value else Aliases()


def reconciled_works(store: Store, as_of: str | None = None, aliases: Aliases | None = None
                     ) -> Iterator[tuple[Work, str | None]]:
    """Every work with the as-of date it was judged at: the given one, or the newest date among
    the work's own sources, so an article about another work never moves it. Reads only."""
    for claims, work_as_of, works in _reconciled(store, as_of, aliases):
        for work in works:
            yield work, work_as_of


def _reconciled(store: Store, as_of: str | None, aliases: Aliases | None
                ) -> Iterator[tuple[list, str | None, list[Work]]]:
    """Per title: its claims, the as-of date it is judged at and its sheets (one per season)."""
    aliases = aliases if aliases is not None else stored_aliases(store)
    for titles in group_titles(store.work_titles()):  # one work in memory at a time
        claims = store.claims(titles)
        work_as_of = as_of or claims_as_of(claims)
        yield claims, work_as_of, list(reconcile_title(claims, work_as_of, store.links(titles), aliases.same,
                                                       aliases.different))


def placed_by_others(store: Store) -> dict[str, tuple[str, str]]:
    """Ranges for the stored articles that give no date at all, from the other articles of their
    title (`refresh_sheet` finds the same ones while it reconciles)."""
    dated = {d.id for d in store.documents() if d.published}
    placed: dict[str, tuple[str, str]] = {}
    for titles in group_titles(store.work_titles()):
        placed.update(place_by_others(store.claims(titles), dated))
    return placed


def work_key(work: Work) -> str:
    return f"{work.title}\t{work.season}"


def refresh_sheet(store: Store, as_of: str | None = None, aliases: Aliases | str | Path | None = None
                  ) -> tuple[int, int]:
    """Reconcile every stored claim into works and facts and store the sheet; returns (works, facts).
    An alias file given here is kept in the store for later refreshes."""
    if isinstance(aliases, (str, Path)):
        aliases = read_aliases(aliases)
    # read the claims and write the sheet in one write transaction: a second build that stored
    # more documents meanwhile cannot have its newer sheet overwritten by this older one
    works = facts = 0
    per_work: dict[str, str | None] = {}
    with store.transaction():
        if aliases is not None:
            store.set_meta("aliases", json.dumps(dataclasses.asdict(aliases)))
        store.clear_works()
        dated = {d.id for d in store.documents() if d.published}
        placed: dict[str, tuple[str, str]] = {}
        for claims, work_as_of, sheets in _reconciled(store, as_of, aliases):
            placed.update(place_by_others(claims, dated))
            for work in sheets:
                store.add_work(work)
                per_work[work_key(work)] = work_as_of
                works, facts = works + 1, facts + len(work.facts)
        store.set_as_of(as_of or max((d for d in per_work.values() if d), default=None))
        store.set_meta("as_of_by_work", json.dumps(per_work))
        store.set_meta("placed_by_others", json.dumps(placed, sort_keys=True))
    return works, facts


def build(paths: Iterable[str], store: Store, max_bytes: int = DEFAULT_MAX_BYTES, as_of: str | None = None,
          aliases: str | None = None, on_document: Callable[[Document], None] | None = None, jobs: int = 1,
          time_budget: float = TIME_BUDGET, web: Web | None = None) -> Summary:
    names = read_aliases(aliases) if aliases else None  # a broken alias file fails before any ingest
    summary = ingest_all(paths, store, max_bytes, on_document, jobs=jobs, time_budget=time_budget, web=web)
    summary.works, summary.facts = refresh_sheet(store, as_of, names)
    return summary
