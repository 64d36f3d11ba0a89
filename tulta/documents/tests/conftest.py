"""Fixtures of the document tests: a full risalah written through the real services, and the
chart drawer (the real ``tulta.charts`` when installed, else a stand-in)."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tulta.risalah.method_templates import ensure_template_methods
from tulta.testing import samples
from tulta.testing.risalah import programme_2026, template_method
from tulta.testing.shared import from_shared
from tulta.testing.world import build_world


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


@pytest.fixture(scope="module")
def shared_data(shared_db):
    """The world, its programme and a final risalah of the world's team with every step, twelve
    charts and a 5W1H table (its PDF and DOCX frozen), written once for the module. The tests
    that take ``full_risalah`` get this world as ``world`` and ``programme`` too."""

    def build():
        world = build_world()
        programme = programme_2026(world, template_method())
        cast = samples.Cast(world.government, world.admin, world.team, world.chair)
        full = samples.write_risalah(cast, programme, final=True)
        return {"world": world, "programme": programme, "full_risalah": full}

    return shared_db.build(build)


full_risalah = from_shared("full_risalah")


@pytest.fixture
def world(request, db):
    """The shared world in a test of the shared final risalah; elsewhere a world of the test's
    own, since its tests write the team's risalah themselves (one per team and programme)."""
    if "shared" in request.fixturenames:
        return request.getfixturevalue("shared")["world"]
    return build_world()


@pytest.fixture
def draft_risalah(world, cast, programme):
    return samples.write_risalah(cast, programme, final=False)
