"""Measurements for run.py, each in its own process: `workers.py build CORPUS DB`,
`workers.py process CORPUS COUNT` (profile) or `workers.py reconcile DB 0` (profile).
Prints one JSON object."""
from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
WARMUP = EXAMPLES / "moonlit-academy" / "02_moonlit-academy-season-2-release-date-cast-plot.txt"
STAGES = {"load": "ingest (read, decode, HTML)", "process": "per-document (clean..extract)",
          "save": "store (SQLite writes)", "refresh_sheet": "reconcile + sheet write"}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def warm_up() -> float:
    """Import the package and load its models with a build of the examples (plus one HTML copy),
    then empty the package's memo caches so the measured build starts cold. Returns seconds."""
    start = time.perf_counter()
    import whatweknow.build as wb
    from generate import to_html
    from whatweknow.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(EXAMPLES.glob("*/*.txt")):
            shutil.copy(path, tmp)
        Path(tmp, "warmup.html").write_text(to_html(WARMUP.read_text(encoding="utf-8")), encoding="utf-8")
        with Store(Path(tmp) / "warmup.db") as store:
            wb.build([tmp], store)
    for cached in memo_caches().values():
        cached.cache_clear()
    return time.perf_counter() - start


def memo_caches() -> dict:
    """The package's lru_caches that memoise work (maxsize-1 ones hold loaded models: left alone)."""
    found = {}
    for name, module in list(sys.modules.items()):
        if name.startswith("whatweknow"):
            for attr, value in vars(module).items():
                if hasattr(value, "cache_info") and (value.cache_parameters()["maxsize"] or 2) > 1:
                    found[f"{name}.{attr}"] = value
    return found


def worker_build(corpus: str, db: str) -> dict:
    """One whole build, timed per stage by wrapping the functions build.py calls."""
    import whatweknow.build as wb
    from whatweknow.store import Store

    startup = warm_up()
    rss_start, seconds, peaks = peak_rss_mb(), dict.fromkeys(STAGES, 0.0), {}

    def timed(name, func):
        def wrapper(*args, **kwargs):
            peaks.setdefault(name, peak_rss_mb())  # high-water mark before the stage first runs
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                seconds[name] += time.perf_counter() - start
        return wrapper

    for name in ("load", "process", "refresh_sheet"):  # the names build.py calls them by
        if hasattr(wb, name):
            setattr(wb, name, timed(name, getattr(wb, name)))
    Store.save = timed("save", Store.save)
    start, cpu_start = time.perf_counter(), time.process_time()
    with Store(db) as store:
        summary = wb.build([corpus], store)
    total, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    docs = sum(summary.counts.values())
    size = sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s))
    hits = {k: c.cache_info() for k, c in memo_caches().items()}
    return {"documents": docs, "counts": dict(summary.counts), "works": summary.works, "facts": summary.facts,
            "startup_s": round(startup, 2), "build_s": round(total, 2), "build_cpu_s": round(cpu, 2),
            "articles_per_s": round(docs / total, 1), "articles_per_cpu_s": round(docs / cpu, 1),
            "articles_per_s_with_startup": round(docs / (total + startup), 1),
            "per_document_articles_per_s": round(docs / seconds["process"], 1) if seconds["process"] else None,
            "stage_s": {k: round(v, 2) for k, v in seconds.items()}, "other_s": round(total - sum(seconds.values()), 2),
            "rss_after_warmup_mb": round(rss_start, 1), "peak_rss_mb": round(peak_rss_mb(), 1),
            "peak_rss_before_reconcile_mb": round(peaks.get("refresh_sheet", 0), 1),
            "store_mb": round(size / 2**20, 2),
            "cache_hit_rates": {k: round(i.hits / max(1, i.hits + i.misses), 2) for k, i in hits.items()}}


def worker_profile(part: str, target: str, count: int) -> dict:
    """cProfile of process() over the first `count` documents of a corpus, or of the
    reconcile step (refresh_sheet) over a copy of a built store."""
    warm_up()
    from whatweknow.build import refresh_sheet
    from whatweknow.ingest import iter_paths, load
    from whatweknow.pipeline import process
    from whatweknow.store import Store

    profiler, docs = cProfile.Profile(), []
    if part == "process":
        for path, _ in iter_paths([target]):
            docs.extend(load(path))
        docs = docs[:count]
        profiler.enable()
        for doc in docs:
            process(doc)
        profiler.disable()
    else:
        with tempfile.TemporaryDirectory() as tmp, Store(shutil.copy(target, tmp)) as store:
            profiler.runcall(refresh_sheet, store)
    stats, text = pstats.Stats(profiler), {}
    for key in ("cumulative", "tottime"):
        stats.stream = io.StringIO()
        stats.sort_stats(key).print_stats(15)
        text[key] = stats.stream.getvalue().split("\n", 1)[1].strip()  # drop the timestamp line
    where = lambda f, line, func: f"{'/'.join(Path(f).parts[-2:])}:{line}({func})"  # noqa: E731
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][3], reverse=True)[:15]
    top = [{"function": where(*key), "calls": nc, "tottime_s": round(tt, 3), "cumtime_s": round(ct, 3)}
           for key, (_, nc, tt, ct, _) in rows]
    regex: dict[str, float] = {}  # time in regex matching (and re.* pattern lookups), by calling function
    for (f, _, func), (*_, callers) in stats.stats.items():
        wrapper = f.endswith(f"re{os.sep}__init__.py")  # re.search() etc.: cumulative time, per caller
        if wrapper or "of 're.Pattern' objects" in func:
            for caller, (_, _, tt, ct) in callers.items():
                if not caller[0].endswith(f"re{os.sep}__init__.py"):
                    regex[where(*caller)] = regex.get(where(*caller), 0) + (ct if wrapper else tt)
    regex = dict(sorted(((k, round(v, 3)) for k, v in regex.items()), key=lambda kv: -kv[1])[:10])
    return {"documents": len(docs), "total_s": round(stats.total_tt, 2), "top_cumulative": top,
            "regex_time_by_caller_s": regex, "text": text}


if __name__ == "__main__":
    kind, target, arg = sys.argv[1:4]
    print(json.dumps(worker_build(target, arg) if kind == "build" else worker_profile(kind, target, int(arg))))
