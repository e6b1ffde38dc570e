"""The evaluation gate: build each scored corpus, score it with the shared scorer, and fail if
any score drops below its floor in quality_floors.json (one file holds every floor)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, build_sheet

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text())
CORPORA = [name for name in FLOORS if not name.startswith("_")]


@pytest.mark.parametrize("name", CORPORA)
def test_scores_stay_above_their_floors(name, tmp_path, scorer):
    floor = FLOORS[name]
    corpus, gold_path = ROOT / floor["corpus"], ROOT / floor["gold"]
    if not corpus.is_dir() or not gold_path.exists():
        pytest.skip(f"{floor['corpus']} is not present")
    sheet = build_sheet(tmp_path, corpus)
    report = scorer.score(sheet, json.loads(gold_path.read_text()), scorer.load_corpus(corpus))
    dated, total = (int(x) for x in report["dates_ok"].split("/"))
    got = {
        "f1": report["f1"], "status_accuracy": report["status_accuracy"],
        "certainty_accuracy": report["certainty_accuracy"], "character_accuracy": report["character_accuracy"],
        "merge_precision": report["merge_precision"], "merge_recall": report["merge_recall"],
        "evidence_valid": report["evidence_valid"],
    }
    failures = [f"{k} {v} < {floor[k]}" for k, v in got.items() if v is not None and v < floor[k]]
    if report["current_release_ok"] is not floor["current_release_ok"]:
        failures.append(f"current release {report['current_release_ok']}")
    if dated < floor["dates_ok"]:
        failures.append(f"dates {dated}/{total} < {floor['dates_ok']}")
    if len(report["must_not_hits"]) > floor["must_not"]:
        failures.append(f"must_not hits {report['must_not_hits']}")
    assert not failures, f"{name}: " + "; ".join(failures) + f" (missing {report['missing']}, extra {report['extra']})"
