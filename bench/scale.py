"""Throughput at scale, end to end on the command line: `scale.py [--sizes 1000 10000]`.

For each corpus size, runs `whatweknow build -q` with --jobs 1 and 2 (SQLite, and PostgreSQL
when WHATWEKNOW_BENCH_PG names a server and the store supports it) and `whatweknow spark-build -q`
in local[1] and local[2], each once, in a fresh process under GNU time (`/usr/bin/time -v`), and
prints a Markdown table: wall time, CPU time, articles/s, articles/s per core used, and peak
RSS (of the largest process: for --jobs 2 a worker or the parent, for Spark the JVM or a Python
worker). Start-up (imports, model loading, the JVM) is included: this is what a user waits for.
Figures go to bench/out/scale.json."""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent / "whatweknow"


def configs(pg: str | None) -> list[tuple[str, int, list[str]]]:
    """(name, cores used, arguments after `whatweknow`) with {corpus} and {work} to fill in."""
    out = [("build --jobs 1, SQLite", 1, ["build", "{corpus}", "--db", "{work}/b1.db", "-q", "--jobs", "1"]),
           ("build --jobs 2, SQLite", 2, ["build", "{corpus}", "--db", "{work}/b2.db", "-q", "--jobs", "2"])]
    if pg:
        out += [(f"build --jobs {j}, PostgreSQL", j, ["build", "{corpus}", "--db", pg, "-q", "--jobs", str(j)])
                for j in (1, 2)]
    out += [(f"spark-build local[{c}]", c, ["spark-build", "{corpus}", "--out", "{work}/parquet-%d" % c,
                                             "--master", f"local[{c}]", "-q"]) for c in (1, 2)]
    return out


def timed(args: list[str]) -> dict:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    done = subprocess.run(["/usr/bin/time", "-v", str(BIN), *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): whatweknow {' '.join(args)}\n{done.stderr[-2000:]}")
    t = done.stderr
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", t)
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    cpu = float(re.search(r"User time \(seconds\): ([\d.]+)", t).group(1)) + \
        float(re.search(r"System time \(seconds\): ([\d.]+)", t).group(1))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    return {"wall_s": round(seconds, 1), "cpu_s": round(cpu, 1), "peak_rss_mb": round(rss),
            "summary": done.stdout.strip().splitlines()[-1]}


def pg_supported() -> bool:
    import whatweknow.store as store

    return hasattr(store, "open_store")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", help="run only the configurations whose name contains this")
    parser.add_argument("--workdir", type=Path, help="where corpora live (reused); default a temp dir")
    args = parser.parse_args()
    pg = os.environ.get("WHATWEKNOW_BENCH_PG")
    if pg and not pg_supported():
        print("WHATWEKNOW_BENCH_PG is set but this store has no PostgreSQL backend: skipped", file=sys.stderr)
        pg = None
    sys.path.insert(0, str(HERE))
    from run import corpus

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="whatweknow-scale-"))
    results = []
    for n in args.sizes:
        folder = corpus(workdir, n, args.seed)
        for name, cores, template in configs(pg):
            if args.only and args.only not in name:
                continue
            work = Path(tempfile.mkdtemp(prefix="run-", dir=workdir))
            print(f"{n} articles: {name} ...", file=sys.stderr, flush=True)
            figures = timed([a.format(corpus=folder, work=work) for a in template])
            figures.update(articles=n, config=name, cores=cores,
                           articles_per_s=round(n / figures["wall_s"], 1),
                           articles_per_s_per_core=round(n / figures["wall_s"] / cores, 1))
            results.append(figures)
            shutil.rmtree(work)
    print("| articles | command | wall s | CPU s | articles/s | per core | peak RSS MB |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['articles']:,} | `{r['config']}` | {r['wall_s']} | {r['cpu_s']} | {r['articles_per_s']} "
              f"| {r['articles_per_s_per_core']} | {r['peak_rss_mb']} |")
    (HERE / "out").mkdir(exist_ok=True)
    (HERE / "out" / "scale.json").write_text(json.dumps(results, indent=2) + "\n")
    if not args.workdir:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
