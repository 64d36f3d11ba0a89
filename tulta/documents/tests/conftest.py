"""Fixtures of the document tests: a full risalah written through the real services, and the
chart drawer (the real ``tulta.charts`` when installed, else a stand-in)."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tulta.risalah.method_templates import ensure_template_methods
from tulta.testing import samples


@pytest.fixture(autouse=True)
def _template_methods(db):
    """Seeded by a data migration, which a flushed (live-server) database no longer has."""
    ensure_template_methods()


@pytest.fixture(autouse=True)
def charts(monkeypatch):
    """Every test starts with an empty render cache, so charts are drawn by tulta.charts."""
    cache.clear()


@pytest.fixture
def cast(world):
    return samples.Cast(world.government, world.admin, world.team, world.chair)


@pytest.fixture
def full_risalah(world, cast, programme):
    """A final risalah of the world's team with every step, twelve charts and a 5W1H table."""
    return samples.write_risalah(cast, programme, final=True)


@pytest.fixture
def draft_risalah(world, cast, programme):
    return samples.write_risalah(cast, programme, final=False)
