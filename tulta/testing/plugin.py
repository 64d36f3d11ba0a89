"""The pytest plugin of TULTA's tests (registered by the root ``conftest.py``): the personas'
``world``, ``client_for``, the risalah and competition worlds other apps reuse, the per-test
cache and media folder, and the module-wide shared data of ``tulta.testing.shared``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import translation

from tulta.accounts.models import User
from tulta.testing import competitions
from tulta.testing import risalah as risalah_world
from tulta.testing.shared import SharedDb, close_all
from tulta.testing.world import World, build_world


def _shared_or(request: pytest.FixtureRequest, key: str) -> Any:
    """``shared_data[key]`` (this test's copy) when the test uses the module's shared data and
    they hold ``key``, else None: one world per test, never a shared one beside a fresh one."""
    if "shared" in request.fixturenames:
        shared = request.getfixturevalue("shared")
        if key in shared:
            return shared[key]
    return None


@pytest.fixture
def world(shared) -> World:
    """The personas' world, written once per module (see ``shared_data``); this test's copy."""
    return shared["world"]


@pytest.fixture
def own_world(db) -> World:
    """A world written for this test alone: for transactional tests (override ``world`` with
    it), which cannot share the module's transaction."""
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
def programme(request, world, tulta_method):
    return _shared_or(request, "programme") or risalah_world.programme_2026(world, tulta_method)


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
def _default_language():
    """Each test starts in the default language (Bahasa Indonesia), whatever language the test
    before it left active in the thread (a request as an English reader does)."""
    translation.deactivate()
    yield
    translation.deactivate()


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


@pytest.fixture(scope="module")
def shared_data(shared_db):
    """What a module's tests share unless the module (or its conftest) says more: the world."""
    return shared_db.build(lambda: {"world": build_world()})


@pytest.fixture
def shared(shared_data, shared_db, db, settings):
    """This test's own copy of the module's ``shared_data`` (which the module defines)."""
    return shared_db.fresh(shared_data, Path(settings.MEDIA_ROOT))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Within each run of one module's tests, those that use the module's shared data come
    first (order otherwise kept, after pytest-django's own ordering): the shared data are
    rolled back before the module's first test that does not ask for them."""
    ordered: list[pytest.Item] = []
    run: list[pytest.Item] = []
    for item in [*items, None]:
        if run and (item is None or _module(item) is not _module(run[0])):
            ordered += [i for i in run if _uses_shared(i)] + [i for i in run if not _uses_shared(i)]
            run = []
        if item is not None:
            run.append(item)
    items[:] = ordered


def _module(item: pytest.Item) -> Any:
    return getattr(item, "module", None)


def _uses_shared(item: pytest.Item) -> bool:
    return "shared" in getattr(item, "fixturenames", ())


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test that does not use the module's shared data does not see them (they are rolled
    back before it), and a transactional test, which commits and flushes for real, runs with
    no module transaction open."""
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    transactional = (
        (marker is not None and bool(marker.kwargs.get("transaction")))
        or (marker is not None and bool(marker.kwargs.get("reset_sequences")))
        or "transactional_db" in names
        or "live_server" in names
    )
    if transactional and "shared" in names:
        raise pytest.UsageError(f"{item.nodeid}: shared data cannot serve a transactional test")
    if transactional or "shared" not in names:
        close_all()
