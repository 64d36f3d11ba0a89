"""The pytest plugin of TULTA's tests (registered by the root ``conftest.py``): the personas'
``world``, ``client_for``, the risalah and competition worlds other apps reuse, the per-test
cache and media folder, and the module-wide shared data of ``tulta.testing.shared``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache

from tulta.accounts.models import User
from tulta.testing import competitions
from tulta.testing import risalah as risalah_world
from tulta.testing.shared import SharedDb, close_all
from tulta.testing.world import World, build_world


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def client_for(client):
    """``client_for(user)``: the test client signed in as ``user`` (or anonymous for None)."""

    def sign_in(user: User | None):
        client.logout()
        if user is not None:
            client.force_login(user, backend="tulta.accounts.backends.EmailOrNipBackend")
        return client

    return sign_in


@pytest.fixture
def tulta_method(db):
    return risalah_world.template_method()


@pytest.fixture
def programme(world, tulta_method):
    return risalah_world.programme_2026(world, tulta_method)


@pytest.fixture
def risalah(world, programme):
    return risalah_world.team_risalah(world, programme)


@pytest.fixture
def comp(world, programme):
    """See ``tulta.testing.competitions.competition_world``."""
    return competitions.competition_world(world, programme)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached pages (the showcase) and throttle counts of
    one test must not be served to the next, whose database differs."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files of a test go to its own temporary folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="module")
def shared_db(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[SharedDb]:
    """The module's shared transaction: build the module's ``shared_data`` with
    ``shared_db.build(...)``; rolled back when the module's last test is done."""
    shared = SharedDb(django_db_blocker, tmp_path_factory.mktemp("shared-media"))
    shared.open()
    yield shared
    shared.close()


@pytest.fixture
def shared(shared_data, shared_db, db, settings):
    """This test's own copy of the module's ``shared_data`` (which the module defines)."""
    return shared_db.fresh(shared_data, Path(settings.MEDIA_ROOT))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A transactional test commits and flushes for real: no module transaction may be open."""
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    )
    if transactional or "transactional_db" in names or "live_server" in names:
        close_all()
