"""Benchmark a whole build on a generated corpus: `run.py [--n 1000] [--keep]`.

Each measurement runs in a fresh single-threaded worker process (this script re-invoked with
--worker), so peak RSS (ru_maxrss) belongs to that build alone. Figures go to stdout as a
table and to bench/out/results.json."""
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
STAGES = {"load": "ingest (read, decode, HTML)", "process": "per-document (clean, annotate, extract)",
          "save": "store (SQLite writes)", "refresh_sheet": "reconcile (+ sheet write)"}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def warm_up() -> float:
    """Import the package and load its models with a build of the examples (plus one HTML copy),
    then empty the package's memo caches so the measured build starts cold. Returns seconds."""
    start = time.perf_counter()
    import whatweknow.build as wb
    from whatweknow.store import Store
    from generate import to_html

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
    """The package's lru_caches that memoise work (maxsize 1 ones hold loaded models: left alone)."""
    found = {}
    for name, module in list(sys.modules.items()):
        if name.startswith("whatweknow"):
            for attr, value in vars(module).items():
                if hasattr(value, "cache_info") and (value.cache_parameters()["maxsize"] or 2) > 1:
                    found[f"{name}.{attr}"] = value
    return found


def worker_build(corpus: str, db: str) -> dict:
    import whatweknow.build as wb
    from whatweknow.store import Store

    startup = warm_up()
    rss_start = peak_rss_mb()
    seconds = dict.fromkeys(STAGES, 0.0)
    peaks = {}

    def timed(name, func):
        def wrapper(*args, **kwargs):
            if name == "refresh_sheet":
                peaks["before_reconcile"] = peak_rss_mb()
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
    return {"documents": docs, "counts": dict(summary.counts), "works": summary.works, "facts": summary.facts,
            "startup_s": round(startup, 2), "build_s": round(total, 2), "articles_per_s": round(docs / total, 1),
            "articles_per_s_with_startup": round(docs / (total + startup), 1),
            "per_document_articles_per_s": round(docs / seconds["process"], 1),
            "stage_s": {k: round(v, 2) for k, v in seconds.items()},
            "other_s": round(total - sum(seconds.values()), 2),
            "rss_after_warmup_mb": round(rss_start, 1), "peak_rss_before_reconcile_mb":
            round(peaks.get("before_reconcile", 0), 1), "peak_rss_mb": round(peak_rss_mb(), 1),
            "store_mb": round(size / 2**20, 2),
            "cache_hit_rates": {k: round(c.cache_info().hits / max(1, c.cache_info().hits + c.cache_info().misses), 2)
                                for k, c in memo_caches().items()}}


def worker_profile(corpus: str, count: int) -> dict:
    warm_up()
    from whatweknow.ingest import iter_paths, load
    from whatweknow.pipeline import process

    docs = []
    for path, _ in iter_paths([corpus]):
        docs.extend(load(path))
        if len(docs) >= count:
            break
    profiler = cProfile.Profile()
    profiler.enable()
    for doc in docs[:count]:
        process(doc)
    profiler.disable()
    stats = pstats.Stats(profiler)
    text = {}
    for key, top in (("cumulative", 15), ("tottime", 15)):
        out = io.StringIO()
        stats.stream = out
        stats.sort_stats(key).print_stats(top)
        text[key] = out.getvalue().split("\n", 1)[1].strip()  # drop the timestamp line
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][3], reverse=True)[:15]
    top = [{"function": f"{Path(f).name}:{line}({func})", "calls": nc, "tottime_s": round(tt, 3),
            "cumtime_s": round(ct, 3)} for (f, line, func), (cc, nc, tt, ct, _) in rows]
    return {"documents": len(docs[:count]), "top_cumulative": top, "text": text}


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
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


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
        kind, *rest = args.worker
        result = worker_build(*rest) if kind == "build" else worker_profile(rest[0], int(rest[1]))
        print(json.dumps(result))
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
    print(f"profiling {args.profile_n} articles ...", file=sys.stderr)
    profile = run_worker("profile", str(corpus(workdir, args.n, args.seed)), str(args.profile_n))
    results["profile"] = profile
    small, big = results["builds"][str(args.small)], results["builds"][str(args.n)]
    results["peak_rss_growth_mb"] = round(big["peak_rss_mb"] - small["peak_rss_mb"], 1)
    report(results, args, profile)
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwrote {out / 'results.json'}")
    if args.keep or args.workdir:
        print(f"corpora and stores kept in {workdir}")
    else:
        shutil.rmtree(workdir)


def report(results: dict, args, profile: dict) -> None:
    print(f"\nwhatweknow build benchmark - {results['cpu']}, one core, Python {results['python']}, "
          f"seed {results['seed']}\n")
    rows = [("documents", "documents"), ("whole build, articles/s", "articles_per_s"),
            ("  incl. startup, articles/s", "articles_per_s_with_startup"),
            ("per-document part, articles/s", "per_document_articles_per_s"), ("build time, s", "build_s"),
            ("startup (imports, models), s", "startup_s")]
    rows += [(f"  {label}, s", ("stage_s", key)) for key, label in STAGES.items()]
    rows += [("  other (walk, dedup checks), s", "other_s"), ("RSS after warm-up, MB", "rss_after_warmup_mb"),
             ("peak RSS before reconcile, MB", "peak_rss_before_reconcile_mb"), ("peak RSS, MB", "peak_rss_mb"),
             ("store size, MB", "store_mb"), ("works / facts", None)]
    builds = [results["builds"][str(n)] for n in (args.small, args.n)]
    print(f"{'':34}{args.small:>12}{args.n:>12}")
    for label, key in rows:
        values = [f"{b['works']}/{b['facts']}" if key is None else b[key[0]][key[1]] if isinstance(key, tuple)
                  else b[key] for b in builds]
        print(f"{label:34}" + "".join(f"{v:>12}" for v in values))
    print(f"\npeak RSS growth {args.small} -> {args.n} articles: {results['peak_rss_growth_mb']} MB")
    print(f"\nprofile of the per-document part on {profile['documents']} articles, top 15 by cumulative time:\n")
    print(profile["text"]["cumulative"])


if __name__ == "__main__":
    main()
