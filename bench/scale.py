"""Throughput at scale, end to end on the command line: `scale.py [--sizes 1000 10000]`.

For each corpus size, runs `whatweknow build -q` with --jobs 1 and 2 (SQLite, and PostgreSQL
when WHATWEKNOW_BENCH_PG names a server and the store supports it) and `whatweknow spark-build -q`
in local[1] and local[2], each once, in a fresh process, and prints a Markdown table: wall
time, CPU time of the whole process tree, articles/s, articles per CPU-second, and peak RSS
(of the largest process, and of the whole tree: --jobs 2 workers, Spark's JVM and Python
workers). Start-up (imports, model loading, the JVM) is included: this is what a user waits
for. On a machine shared with other work, wall time measures the machine's load; articles per
CPU-second is the figure that carries over (it equals articles/s per core on an idle core).
Figures go to bench/out/scale.json."""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
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
    """Wall time, CPU time and peak memory of a command and every process it starts. GNU time
    sees only the processes that are waited for, which misses Spark's JVM and Python workers, so
    the process tree is sampled from /proc as well (every 0.2 s: CPU of each process as last
    seen, resident memory of the tree) and the larger CPU figure of the two is kept."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    start = time.monotonic()
    proc = subprocess.Popen([str(BIN), *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    cpu_seen: dict[int, float] = {}
    peak_tree = peak_one = 0.0
    out: list[str] = []
    reader = threading.Thread(target=lambda: out.append(proc.stdout.read()), daemon=True)
    errors: list[str] = []
    err_reader = threading.Thread(target=lambda: errors.append(proc.stderr.read()), daemon=True)
    reader.start(), err_reader.start()
    while proc.poll() is None:
        rss = []
        for pid in tree(proc.pid):
            stat = proc_stat(pid)
            if stat:
                cpu_seen[pid], resident = stat
                rss.append(resident)
        peak_tree, peak_one = max(peak_tree, sum(rss)), max(peak_one, max(rss, default=0))
        time.sleep(0.2)
    wall = time.monotonic() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the waited-for processes, exactly
    reader.join(), err_reader.join()
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): whatweknow {' '.join(args)}\n{''.join(errors)[-2000:]}")
    waited = usage.ru_utime + usage.ru_stime - timed.cpu_before
    timed.cpu_before = usage.ru_utime + usage.ru_stime
    return {"wall_s": round(wall, 1), "cpu_s": round(max(waited, sum(cpu_seen.values())), 1),
            "peak_rss_mb": round(max(peak_one, usage.ru_maxrss / 1024)), "peak_tree_rss_mb": round(peak_tree),
            "summary": "".join(out).strip().splitlines()[-1]}


timed.cpu_before = 0.0
TICK, PAGE = os.sysconf("SC_CLK_TCK"), os.sysconf("SC_PAGE_SIZE")


def tree(root: int) -> list[int]:
    """The process and its descendants, by parent links in /proc."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parents[int(entry)] = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def proc_stat(pid: int) -> tuple[float, float] | None:
    """(CPU seconds, resident MB) of a live process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK, int(fields[21]) * PAGE / 2**20


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
                           articles_per_cpu_s=round(n / figures["cpu_s"], 1))
            results.append(figures)
            shutil.rmtree(work)
    print("| articles | command | wall s | CPU s | articles/s | per CPU-s | peak RSS MB: largest / tree |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['articles']:,} | `{r['config']}` | {r['wall_s']} | {r['cpu_s']} | {r['articles_per_s']} "
              f"| {r['articles_per_cpu_s']} | {r['peak_rss_mb']} / {r['peak_tree_rss_mb']} |")
    (HERE / "out").mkdir(exist_ok=True)
    (HERE / "out" / "scale.json").write_text(json.dumps(results, indent=2) + "\n")
    if not args.workdir:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
