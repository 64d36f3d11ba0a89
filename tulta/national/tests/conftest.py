"""Fixtures for the national roll-up: a platform operator, and three governments in two provinces
with risalah in known states (figures worked out by hand in ``test_rollup.py``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tulta.accounts.models import User
from tulta.factories import GovernmentFactory, TeamFactory, UnitFactory, UserFactory
from tulta.impact.models import Indicator
from tulta.organizations.models import Government, Team
from tulta.risalah.method_templates import ensure_template_methods
from tulta.risalah.models import Method, Programme, Risalah

YEAR = timezone.localdate().year


@pytest.fixture
def superadmin(db) -> User:
    return UserFactory(
        government=None,
        full_name="Operator Platform",
        email="operator@tulta.id",
        is_superuser=True,
        is_staff=True,
    )


def programme_for(government: Government, year: int = YEAR) -> Programme:
    ensure_template_methods()
    return Programme.objects.create(
        government=government,
        name=f"Program Budaya Kerja {year}",
        year=year,
        method=Method.objects.get(government=None, code="tulta"),
        starts_on=dt.date(year, 1, 1),
        ends_on=dt.date(year, 12, 31),
    )


def risalah_in(team: Team, programme: Programme, *, final: bool = False) -> Risalah:
    return Risalah.objects.create(
        team=team,
        programme=programme,
        tema=f"Tema {team.name}",
        judul=f"Menurunkan waktu tunggu {team.name}",
        state=Risalah.State.FINAL if final else Risalah.State.DRAFT,
        finalized_at=timezone.now() if final else None,
    )


def indicator(risalah: Risalah, *, after: list[str]) -> Indicator:
    return Indicator.objects.create(
        risalah=risalah,
        name="waktu tunggu",
        kind=Indicator.Kind.CEPAT,
        unit=Indicator.Unit.MENIT,
        baseline=["45", "40", "50"],
        after=after,
    )


@pytest.fixture
def national(world):
    """Jawa Barat: Kota Uji (4 units; 3 active teams, one final with before/after data, one
    draft, one not started; an inactive team's final risalah does not count; a final risalah
    of last year) and Kota Lain (1 unit, 1 team, final with only before data). Jawa Timur:
    Kabupaten Timur (2 units, 2 teams, no programme)."""
    gov = world.government
    team2 = TeamFactory(unit=world.other_unit, name="KBK Kedua")
    team3 = TeamFactory(unit=world.sub_unit, name="KBK Kelurahan")
    inactive = TeamFactory(unit=world.unit, name="KBK Bubar", is_active=False)
    programme = programme_for(gov)
    indicator(risalah_in(world.team, programme, final=True), after=["15", "14", "16"])
    risalah_in(team2, programme)
    risalah_in(inactive, programme, final=True)
    risalah_in(team2, programme_for(gov, YEAR - 1), final=True)
    del team3  # a team that has not started

    other_programme = programme_for(world.other_government)
    indicator(risalah_in(world.other_team, other_programme, final=True), after=[])

    east = GovernmentFactory(
        name="Timur", slug="kabupaten-timur", kind=Government.Kind.KABUPATEN, province="Jawa Timur"
    )
    for name in ("Dinas Kesehatan", "Kecamatan Kota"):
        TeamFactory(unit=UnitFactory(government=east, name=name))
    return world
