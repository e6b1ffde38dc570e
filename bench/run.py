"""Benchmark a whole build on a generated corpus: `run.py [--n 1000] [--keep]`.

Each measurement runs in a fresh worker process pinned to one core (this script re-invoked
with --worker), so its peak RSS (ru_maxrss) belongs to that build alone. Figures go to stdout
as a table and to bench/out/results.json."""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import resource
import shutil
import subprocess
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

    for name in ("load", "process", "refresh_sheet"):
        setattr(wb, name, timed(name, getattr(wb, name)))
    Store.save = timed("save", Store.save)
    start = time.perf_counter()
    with Store(db) as store:
        summary = wb.build([corpus], store)
    total = time.perf_counter() - start
    docs = sum(summary.counts.values())
    size = sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s))
    hits = {k: c.cache_info() for k, c in memo_caches().items()}
    return {"documents": docs, "counts": dict(summary.counts), "works": summary.works, "facts": summary.facts,
            "startup_s": round(startup, 2), "build_s": round(total, 2), "articles_per_s": round(docs / total, 1),
            "articles_per_s_with_startup": round(docs / (total + startup), 1),
            "per_document_articles_per_s": round(docs / seconds["process"], 1),
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
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][3], reverse=True)[:15]
    top = [{"function": f"{Path(f).name}:{line}({func})", "calls": nc, "tottime_s": round(tt, 3),
            "cumtime_s": round(ct, 3)} for (f, line, func), (_, nc, tt, ct, _) in rows]
    return {"documents": len(docs), "total_s": round(stats.total_tt, 2), "top_cumulative": top, "text": text}


def run_worker(*args: str) -> dict:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, __file__, "--worker", *args], env=env, check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def corpus(workdir: Path, n: int, seed: int) -> Path:
    """Generate a corpus, or reuse one left by an earlier run with the same size and seed."""
    from generate import generate

    folder = workdir / f"corpus-{n}-seed{seed}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        generate(folder, n, seed)
        (folder / ".complete").touch()
    return folder


def cpu_name() -> str:
    lines = Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() else []
    return next((x.split(":", 1)[1].strip() for x in lines if x.startswith("model name")), platform.processor())


def report(results: dict, sizes: tuple[int, int]) -> None:
    print(f"\nwhatweknow build benchmark: {results['cpu']}, one core, Python {results['python']}, "
          f"seed {results['seed']}\n")
    builds = [results["builds"][str(n)] for n in sizes]
    rows = [("whole build, articles/s", "articles_per_s"), ("  with startup, articles/s", "articles_per_s_with_startup"),
            ("per-document part, articles/s", "per_document_articles_per_s"), ("build time, s", "build_s"),
            ("startup (imports, models), s", "startup_s")]
    rows += [(f"  {label}, s", ("stage_s", key)) for key, label in STAGES.items()]
    rows += [("  other (walk, dedup checks), s", "other_s"), ("RSS after warm-up, MB", "rss_after_warmup_mb"),
             ("peak RSS before reconcile, MB", "peak_rss_before_reconcile_mb"), ("peak RSS, MB", "peak_rss_mb"),
             ("store size, MB", "store_mb")]
    print(f"{'articles':34}" + "".join(f"{b['documents']:>10}" for b in builds))
    for label, key in rows:
        values = [b[key[0]][key[1]] if isinstance(key, tuple) else b[key] for b in builds]
        print(f"{label:34}" + "".join(f"{v:>10}" for v in values))
    print(f"{'works / facts':34}" + "".join(f"{b['works']:>5}/{b['facts']:<4}" for b in builds))
    print(f"\npeak RSS growth {sizes[0]} -> {sizes[1]} articles: {results['peak_rss_growth_mb']} MB")
    for part, title in (("profile", "per-document part (process)"), ("profile_reconcile", "reconcile (refresh_sheet)")):
        p = results[part]
        scope = f"{p['documents']} articles" if p["documents"] else f"the {sizes[1]}-article store"
        print(f"\nprofile of the {title} on {scope}, {p['total_s']} s profiled, by cumulative time:\n")
        print(p["text"]["cumulative"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles in the main build (default 1000)")
    parser.add_argument("--small", type=int, default=250, help="articles in the comparison build (default 250)")
    parser.add_argument("--profile-n", type=int, default=200, help="articles to profile (default 200)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, help="where corpora and stores live (reused); default a temp dir")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir with corpora and stores")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        if hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
        kind, *rest = args.worker
        print(json.dumps(worker_build(*rest) if kind == "build" else worker_profile(kind, rest[0], int(rest[1]))))
        return
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="whatweknow-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results = {"cpu": cpu_name(), "cores": os.cpu_count(), "python": platform.python_version(), "seed": args.seed,
               "builds": {}}
    for n in (args.small, args.n):
        db = workdir / f"bench-{n}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        print(f"building {n} articles ...", file=sys.stderr)
        results["builds"][str(n)] = run_worker("build", str(corpus(workdir, n, args.seed)), str(db))
    print("profiling ...", file=sys.stderr)
    results["profile"] = run_worker("process", str(corpus(workdir, args.n, args.seed)), str(args.profile_n))
    results["profile_reconcile"] = run_worker("reconcile", str(workdir / f"bench-{args.n}.db"), "0")
    small, big = results["builds"][str(args.small)], results["builds"][str(args.n)]
    results["peak_rss_growth_mb"] = round(big["peak_rss_mb"] - small["peak_rss_mb"], 1)
    report(results, (args.small, args.n))
    (HERE / "out").mkdir(exist_ok=True)
    (HERE / "out" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwrote {HERE / 'out' / 'results.json'}")
    if args.keep or args.workdir:
        print(f"corpora and stores kept in {workdir}")
    else:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
