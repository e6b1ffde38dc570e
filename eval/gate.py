"""The quality gate: build every scored corpus, score it with the shared scorer, compare with
the floors in tests/quality_floors.json (one file holds them all).

    python eval/gate.py            # print today's scores beside their floors
    python eval/gate.py --write    # set every floor to today's score minus 0.005, and the digests

Each entry builds one store from `build` (a list of folders, built together as one mixed
corpus; `html: true` first turns the v1 articles into web pages with ../shared/real/make_html.py)
and scores it against `gold` (a gold file, or a folder of them scored one by one like
score_many.py). A digest of every corpus and gold file is kept too, so that a silent change to
the data fails the gate instead of moving the scores.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOORS_FILE = ROOT / "tests" / "quality_floors.json"
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
MAKE_HTML = SHARED / "real" / "make_html.py"
MARGIN = 0.005
RATES = ("f1", "precision", "status_accuracy", "certainty_accuracy", "character_accuracy", "merge_precision",
         "merge_recall", "evidence_valid")


def load_floors() -> dict:
    return json.loads(FLOORS_FILE.read_text(encoding="utf-8"))


def scorer():
    spec = importlib.util.spec_from_file_location("wwk_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def digest(*paths: Path) -> str:
    """sha256 over the names and bytes of every file under the paths, in a stable order."""
    h = hashlib.sha256()
    for base in paths:
        files = sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else [base]
        for p in files:
            h.update(str(p.relative_to(base.parent)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def resolve(entry: dict) -> dict:
    return {"build": [ROOT / b for b in entry["build"]], "gold": ROOT / entry["gold"],
            "corpus": ROOT / entry["corpus"]}


def present(entry: dict) -> bool:
    p = resolve(entry)
    return all(b.exists() for b in p["build"]) and p["gold"].exists() and (not entry.get("html") or MAKE_HTML.exists())


def data_digest(entry: dict) -> str:
    p = resolve(entry)
    return digest(*p["build"], p["gold"], *([MAKE_HTML] if entry.get("html") else []))


def build_sheet(workdir: Path, inputs: list[Path]) -> dict:
    from whatweknow.build import build
    from whatweknow.export import sheet
    from whatweknow.store import Store

    with Store(workdir / "gate.db") as store:
        build([str(i) for i in inputs], store)
        return json.loads(json.dumps(sheet(store, with_text=True)))


_SHEETS: dict[tuple, tuple[dict, Path]] = {}  # one build per distinct input list (v1 and more share one)


def measure(entry: dict, workdir: Path) -> dict:
    """Scores per gold file: {gold name: {metric: value}}."""
    p = resolve(entry)
    key = (tuple(map(str, p["build"])), bool(entry.get("html")))
    if key not in _SHEETS:
        workdir = Path(tempfile.mkdtemp(prefix="build-", dir=workdir))  # a new store for every build
        inputs, pages = p["build"], None
        if entry.get("html"):
            pages = workdir / "pages"
            subprocess.run([sys.executable, str(MAKE_HTML), str(pages), str(p["build"][0].parent)], check=True,
                           capture_output=True)
            inputs = [pages, *p["build"][1:]]
        _SHEETS[key] = (build_sheet(workdir, inputs), pages)
    sheet, pages = _SHEETS[key]
    corpus_dir = pages if entry.get("html") else p["corpus"]
    score = scorer()
    corpus = score.load_corpus(corpus_dir)
    golds = sorted(p["gold"].glob("*.json")) if p["gold"].is_dir() else [p["gold"]]
    out = {}
    for g in golds:
        r = score.score(sheet, json.loads(g.read_text(encoding="utf-8")), corpus)
        dated = int(r["dates_ok"].split("/")[0])
        out[g.stem] = {**{k: r.get(k) for k in RATES}, "current_release_ok": r["current_release_ok"],
                       "dates_ok": dated, "must_not": len(r["must_not_hits"]),
                       "_detail": {"missing": r["missing"], "extra": r["extra"], "must_not": r["must_not_hits"]}}
    return out


def failures(floor: dict, got: dict) -> list[str]:
    out = []
    for k in RATES:
        if floor.get(k) is not None and (got.get(k) is None or got[k] < floor[k]):
            out.append(f"{k} {got.get(k)} < {floor[k]}")
    if floor.get("current_release_ok") is True and got.get("current_release_ok") is not True:
        out.append(f"current release {got.get('current_release_ok')}")
    if got["dates_ok"] < floor.get("dates_ok", 0):
        out.append(f"dates {got['dates_ok']} < {floor['dates_ok']}")
    if got["must_not"] > floor.get("must_not", 0):
        out.append(f"must_not hits {got['_detail']['must_not']}")
    return out


def floors_from(got: dict) -> dict:
    return {**{k: round(got[k] - MARGIN, 3) if got.get(k) is not None else None for k in RATES},
            "current_release_ok": got["current_release_ok"], "dates_ok": got["dates_ok"], "must_not": got["must_not"]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="set the floors to today's scores minus 0.005")
    ap.add_argument("names", nargs="*", help="only these entries")
    args = ap.parse_args()
    floors = load_floors()
    for name, entry in floors.items():
        if name.startswith("_") or (args.names and name not in args.names):
            continue
        if not present(entry):
            print(f"{name}: not present, skipped")
            continue
        got = measure(entry, Path(tempfile.mkdtemp(prefix="wwk-gate-")))
        for gold, scores in got.items():
            bad = failures(entry["floors"].get(gold, {}), scores)
            shown = " ".join(f"{k}={scores[k]}" for k in (*RATES, "current_release_ok", "dates_ok", "must_not"))
            print(f"{name}/{gold}: {shown}" + (f"  BELOW: {'; '.join(bad)}" if bad else ""))
            if args.write:
                entry["floors"][gold] = floors_from(scores)
        if args.write:
            entry["digest"] = data_digest(entry)
    if args.write:
        FLOORS_FILE.write_text(json.dumps(floors, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
