import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.exists():
        pytest.fail(f"seed corpus missing at {SEEDS}: ../shared must sit beside the project")
    return SEEDS


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory, seeds_dir):
    """One full build of the seed corpus, shared by the tests that read its outputs."""
    from storyline.pipeline import build

    out = tmp_path_factory.mktemp("seedbuild")
    report = build([seeds_dir], out)
    return out, report


@pytest.fixture
def seeds_copy(tmp_path, seeds_dir) -> Path:
    dst = tmp_path / "seeds"
    shutil.copytree(seeds_dir, dst)
    return dst
