"""Shared fixtures and hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (SEEDS / "iraq-million-man-march.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def step():  # type: ignore[no-untyped-def]
    """The typos step with the default config (loaded once: its data takes seconds)."""
    from cleanse import Config
    from cleanse.steps.typos import build

    return build(Config())
