from __future__ import annotations

import pytest

from tulta.competitions.models import Competition
from tulta.demo.competitions import seed_demo_competition
from tulta.testing.competitions import final_risalah

pytestmark = pytest.mark.django_db


def test_demo_competition_is_seeded_once_with_entries_judges_and_a_drawn_order(world, programme):
    final_risalah(world.team, programme)
    first = seed_demo_competition(world.government, programme)
    again = seed_demo_competition(world.government, programme)
    assert first is not None and again == first
    assert Competition.objects.count() == 1
    rnd = first.rounds.get()
    assert rnd.draw_seed == "gelar2026"
    assert rnd.assignments.filter(judge=world.judge).count() == 1
