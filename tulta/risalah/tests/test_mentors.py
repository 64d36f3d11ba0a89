"""The mentor look-up a new risalah asks: registered by mentoring, replaceable, absent-safe."""

from __future__ import annotations

import pytest

from tulta.mentoring.selectors import mentor_for
from tulta.risalah import mentors


@pytest.fixture
def restore_lookup():
    saved = list(mentors._registered)
    yield
    mentors._registered[:] = saved


def test_mentoring_registers_its_lookup_when_django_starts():
    assert mentors._registered == [mentor_for]


def test_without_a_registered_lookup_a_new_risalah_has_no_mentor(restore_lookup):
    mentors._registered.clear()
    assert mentors.assigned_mentor(object(), object()) is None  # type: ignore[arg-type]


def test_a_second_registration_replaces_the_first(restore_lookup):
    mentors.register_mentor_lookup(lambda team, programme: "a")  # type: ignore[arg-type,return-value]
    mentors.register_mentor_lookup(lambda team, programme: "b")  # type: ignore[arg-type,return-value]
    assert mentors.assigned_mentor(object(), object()) == "b"  # type: ignore[arg-type]
