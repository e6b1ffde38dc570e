"""The evaluation gate: every scored corpus is built (the real articles as one mixed build, as
text and as web pages), scored with the shared scorer, and held to the floors in
quality_floors.json; a changed corpus or gold file fails until its floors are looked at again."""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT, require_shared

sys.path.insert(0, str(ROOT / "eval"))
import gate  # noqa: E402

FLOORS = gate.load_floors()
CORPORA = [name for name in FLOORS if not name.startswith("_")]


@pytest.fixture(scope="session")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("gate")


@pytest.mark.parametrize("name", CORPORA)
def test_scores_stay_above_their_floors(name, workdir):
    entry = FLOORS[name]
    require_shared(gate.present(entry), f"{name}: {entry['build']} or {entry['gold']}")
    got = gate.measure(entry, workdir)
    assert set(got) == set(entry["floors"]), f"{name}: gold files changed; run eval/gate.py --write and review"
    problems = {gold: gate.failures(entry["floors"][gold], scores) for gold, scores in got.items()}
    problems = {gold: p for gold, p in problems.items() if p}
    assert not problems, "\n".join(f"{name}/{gold}: {'; '.join(p)} (missing {got[gold]['_detail']['missing']}, "
                                   f"extra {got[gold]['_detail']['extra']})" for gold, p in problems.items())


@pytest.mark.parametrize("name", CORPORA)
def test_the_scored_data_is_the_data_the_floors_were_set_on(name):
    entry = FLOORS[name]
    require_shared(gate.present(entry), f"{name}: {entry['build']} or {entry['gold']}")
    assert gate.data_digest(entry) == entry["digest"], \
        f"{name}: a corpus or gold file changed; rescore (python eval/gate.py --write) and review the floors"


def test_every_floor_is_close_to_todays_score():
    """A floor far below the score it guards lets a regression through."""
    for name in CORPORA:
        for gold, floor in FLOORS[name]["floors"].items():
            for k in gate.RATES:
                assert floor.get(k) is None or floor[k] <= 1.0, (name, gold, k)
