"""Shared fixtures: the bundled example corpora, and the seed articles when they are present."""
from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SEED_GOLD = SHARED / "gold" / "seeds.json"
SCORER = SHARED / "eval" / "score.py"


IN_CI = os.environ.get("CI") == "true"


def require_shared(present: bool, what: str) -> None:
    """Data from ../shared: skipped on a developer's machine without it, a failure in CI."""
    if present:
        return
    if IN_CI:
        pytest.fail(f"{what} is missing: CI must have ../shared")
    pytest.skip(f"{what} is not present")


@pytest.fixture(scope="session")
def seeds() -> Path:
    require_shared(SEEDS.is_dir() and SEED_GOLD.exists(), "../shared/seeds")
    return SEEDS


@pytest.fixture(scope="session")
def scorer():
    require_shared(SCORER.exists(), "../shared/eval/score.py")
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
