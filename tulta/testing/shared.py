"""Data written once for a whole test module, the way Django's ``TestCase.setUpTestData`` does.

A module that wants it defines a module-scoped ``shared_data`` fixture that builds through
``shared_db.build``; its tests take the ``shared`` fixture (or fixtures that pick from it). The
data are written inside a transaction opened for the module and rolled back at its end; each
test's own ``db`` transaction nests in it as a savepoint, so what a test writes is undone after it
and the next test sees the data as built. Each test gets a deep copy of the built Python objects
(as ``TestData`` gives), so changing an attribute in one test is not seen by the next, and the
files the build stored are linked into the test's own ``MEDIA_ROOT``.

Only the tests that ask for the shared data see them: the plugin runs those of a module first
and rolls the module's transaction back before its first test that does not (a test building
its own world, a test without database, a transactional test that commits and flushes). Works
on SQLite and PostgreSQL alike (savepoints). With pytest-xdist, ``--dist loadfile`` keeps a
module on one worker so that it is built once, not once per batch of tests.
"""

from __future__ import annotations

import copy
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from django.db import DEFAULT_DB_ALIAS, transaction
from django.test import override_settings

T = TypeVar("T")

_open: list[SharedDb] = []


class SharedDb:
    """The transaction (and the media folder) of one module's shared data."""

    def __init__(self, blocker: Any, media_root: Path, using: str = DEFAULT_DB_ALIAS) -> None:
        self._blocker = blocker
        self._using = using
        self._atomic: Any = None
        self._once: dict[str, Any] = {}
        self.media_root = media_root

    def open(self) -> None:
        if transaction.get_connection(self._using).in_atomic_block:
            raise RuntimeError(
                "shared data asked for inside a test's transaction (getfixturevalue?): "
                "they must be among the fixtures the test names"
            )
        with self._blocker.unblock():
            atomic = transaction.atomic(using=self._using)
            # As Django's TestCase marks its own: a durable atomic block inside the service under
            # test is still allowed.
            atomic._from_testcase = True
            atomic.__enter__()
        self._atomic = atomic
        _open.append(self)

    def close(self) -> None:
        """Roll back everything the module wrote. Safe to call twice."""
        if self._atomic is None:
            return
        with self._blocker.unblock():
            transaction.set_rollback(True, using=self._using)
            self._atomic.__exit__(None, None, None)
        self._atomic = None
        _open.remove(self)

    def build(self, builder: Callable[[], T]) -> T:
        """Run ``builder`` with database access, inside the module's transaction, storing files
        in the module's media folder."""
        if self._atomic is None:
            raise RuntimeError("the module's shared transaction is closed")
        with self._blocker.unblock(), override_settings(MEDIA_ROOT=self.media_root):
            return builder()

    def once(self, key: str, make: Callable[[], T]) -> T:
        """``make()``, computed by the module's first test that asks and kept for the others:
        for what the tests only read (a rendered document, as bytes)."""
        if key not in self._once:
            self._once[key] = make()
        return self._once[key]

    def fresh(self, data: T, media_root: Path) -> T:
        """A copy of ``data`` for one test, with the built files linked into ``media_root``."""
        if self._atomic is None:
            raise RuntimeError(
                "the module's shared data were rolled back before this test "
                "(see tulta.testing.shared)"
            )
        if any(self.media_root.iterdir()):
            shutil.copytree(self.media_root, media_root, copy_function=_link, dirs_exist_ok=True)
        return copy.deepcopy(data)


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def close_all() -> None:
    """Roll back every open module transaction (before a test that needs a real commit)."""
    for shared in reversed(_open[:]):
        shared.close()


def from_shared(key: str) -> Any:
    """A fixture named ``key`` that gives this test's copy of ``shared_data[key]``: a module
    writes ``world = from_shared("world")`` to serve its tests the shared world under the
    name they already use."""

    @pytest.fixture(name=key)
    def fixture(shared: dict[str, Any]) -> Any:
        return shared[key]

    fixture.__doc__ = f"``shared_data[{key!r}]``, copied for this test."
    return fixture
