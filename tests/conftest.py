"""Shared fixtures: the bundled example corpora, and the seed articles when they are present."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SEED_GOLD = SHARED / "gold" / "seeds.json"
SCORER = SHARED / "eval" / "score.py"


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir() or not SEED_GOLD.exists():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


@pytest.fixture(scope="session")
def scorer():
    if not SCORER.exists():
        pytest.skip("../shared/eval/score.py is not present")
    spec = importlib.util.spec_from_file_location("wwk_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_sheet(tmp_path: Path, *inputs: Path | str, with_text: bool = True) -> dict:
    """Build a store from inputs and return the exported sheet (the library path the CLI uses)."""
    from whatweknow.build import build
    from whatweknow.export import sheet
    from whatweknow.store import Store

    with Store(tmp_path / "t.db") as store:
        build([str(i) for i in inputs], store)
        return json.loads(json.dumps(sheet(store, with_text=with_text)))
