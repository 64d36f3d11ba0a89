"""Fixtures of the document tests: a full risalah written through the real services, and the
chart drawer (the real ``tulta.charts`` when installed, else a stand-in)."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tulta.risalah.tests import conftest as risalah_fixtures

from . import samples

# The risalah app's fixtures (template methods, ``programme``, ``risalah``), shared here.
_template_methods = risalah_fixtures._template_methods
tulta_method = risalah_fixtures.tulta_method
programme = risalah_fixtures.programme
risalah = risalah_fixtures.risalah


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
