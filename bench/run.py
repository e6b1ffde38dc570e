"""Benchmark a whole build on a generated corpus: `run.py [--n 1000] [--keep]`.

Generates (or reuses) corpora of --small and --n articles, builds each in a fresh
single-threaded process (workers.py; BLAS threads capped at 1) so that its peak RSS
(ru_maxrss) belongs to that build alone, profiles the per-document part and the reconcile
step, prints a table and writes the figures to bench/out/results.json."""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from workers import STAGES

HERE = Path(__file__).resolve().parent


def run_worker(*args: str) -> dict:
    """A fresh process per measurement, so that its peak RSS belongs to it alone."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, str(HERE / "workers.py"), *args], env=env, check=True,
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
            ("  per CPU-second", "articles_per_cpu_s"), ("per-document part, articles/s", "per_document_articles_per_s"),
            ("build time, s", "build_s"), ("build CPU time, s", "build_cpu_s"),
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
        print("\ntime in compiled-regex methods, by caller: "
              + ", ".join(f"{k} {v}s" for k, v in list(p["regex_time_by_caller_s"].items())[:6]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles in the main build (default 1000)")
    parser.add_argument("--small", type=int, default=250, help="articles in the comparison build (default 250)")
    parser.add_argument("--profile-n", type=int, default=200, help="articles to profile (default 200)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, help="where corpora and stores live (reused); default a temp dir")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir with corpora and stores")
    args = parser.parse_args()
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
