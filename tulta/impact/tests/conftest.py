"""Fixtures of the impact tests: the risalah fixtures, and helpers that build final risalah
with indicators quickly (writing directly where the workflow itself is not under test)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

import pytest
from django.utils import timezone

from tulta.factories import MembershipFactory, TeamFactory
from tulta.impact import services
from tulta.impact.models import Indicator
from tulta.organizations.models import Membership, Team, Unit
from tulta.risalah import services as risalah_services
from tulta.risalah.method_templates import ensure_template_methods
from tulta.risalah.models import Programme, Risalah, RisalahStep


@pytest.fixture(autouse=True)
def _template_methods(db):
    """Seeded by a data migration, which a flushed (live-server) database no longer has."""
    ensure_template_methods()


def finalize(risalah: Risalah) -> Risalah:
    RisalahStep.objects.filter(risalah=risalah).update(state=RisalahStep.State.APPROVED)
    Risalah.objects.filter(pk=risalah.pk).update(
        state=Risalah.State.FINAL, finalized_at=timezone.now()
    )
    risalah.refresh_from_db()
    return risalah


def team_in(unit: Unit, name: str) -> Team:
    team = cast(Team, TeamFactory(unit=unit, name=name))
    MembershipFactory(team=team, role=Membership.Role.KETUA)
    return team


def start(admin: Any, team: Team, programme: Programme, *, tema: str, judul: str = "") -> Risalah:
    return risalah_services.risalah_start(
        actor=admin, team=team, programme=programme, tema=tema, judul=judul or tema
    )


def add_indicator(
    actor: Any,
    risalah: Risalah,
    *,
    baseline: Sequence[str],
    after: Sequence[str],
    name: str = "waktu tunggu",
    kind: str = Indicator.Kind.CEPAT,
    unit: str = Indicator.Unit.MENIT,
    direction: str = Indicator.Direction.LOWER,
    data_form: str = Indicator.DataForm.VALUES,
    statistic: str = Indicator.Statistic.MEAN,
    volume: int = 0,
    target: float | None = None,
) -> Indicator:
    return services.indicator_save(
        actor=actor,
        risalah=risalah,
        name=name,
        kind=kind,
        unit=unit,
        direction=direction,
        data_form=data_form,
        statistic=statistic,
        annual_volume=volume,
        target=target,
        baseline=baseline,
        after=after,
    )


@pytest.fixture
def programme_2025(world, tulta_method) -> Programme:
    return risalah_services.programme_create(
        actor=world.admin,
        government=world.government,
        name="Program Budaya Kerja 2025",
        year=2025,
        method=tulta_method,
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2025, 12, 31),
    )
