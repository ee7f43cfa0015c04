import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    """Headless Debian chromium driven by Playwright, for the page tests; skipped outside CI when
    missing, a failure under CI (make browser installs it)."""
    have = shutil.which("chromium") or os.path.exists(CHROMIUM)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        have = False
    if not have:
        if os.environ.get("CI"):
            pytest.fail("chromium or playwright missing under CI (make browser installs chromium)")
        pytest.skip("chromium or playwright not installed (outside CI)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


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
