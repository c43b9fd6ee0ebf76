"""Shared test helpers: where the seeds and fixtures are, and a cached seed analysis."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURES = ROOT / "tests" / "fixtures"


def seed_path(prefix: str) -> Path:
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} not found in {SEEDS}")
    return matches[0]


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seeds not found at {SEEDS} (CI provides ../shared/seeds)")
    return SEEDS


@pytest.fixture(scope="session")
def seed_report(seeds_dir):
    import crosscheck

    return crosscheck.analyze([seeds_dir])


@pytest.fixture(scope="session")
def seed_articles(seed_report):
    """Seed articles by their 3-digit prefix: '000' -> Article."""
    return {a.id.split("_")[0]: a for a in seed_report.articles}
