"""The monitoring world, shared by the monitoring and mentoring tests: a programme dated around
today (so deadlines are past, near and far), and helpers that put a team's risalah in a given
state quickly. The fixtures are imported by name into both apps' ``conftest.py``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tulta.factories import MembershipFactory, TeamFactory, UnitFactory
from tulta.organizations.models import Membership, Team, Unit
from tulta.risalah import services
from tulta.risalah.method_templates import ensure_template_methods
from tulta.risalah.models import Method, Programme, Risalah, RisalahStep

TODAY = timezone.localdate()
# Step 1 is 30 days late, step 2 five days late, step 3 due in two days, step 4 in a month.
DEADLINES = {
    1: TODAY - dt.timedelta(days=30),
    2: TODAY - dt.timedelta(days=5),
    3: TODAY + dt.timedelta(days=2),
    4: TODAY + dt.timedelta(days=30),
}


@pytest.fixture(autouse=True)
def _template_methods(db):
    ensure_template_methods()


@pytest.fixture
def programme(world) -> Programme:
    return programme_around_today(world)


def programme_around_today(world) -> Programme:
    """The world's programme of this year, started 90 days ago, with DEADLINES."""
    return services.programme_create(
        actor=world.admin,
        government=world.government,
        name="Program Budaya Kerja",
        year=TODAY.year,
        method=Method.objects.get(government=None, code="tulta"),
        starts_on=TODAY - dt.timedelta(days=90),
        ends_on=TODAY + dt.timedelta(days=200),
        deadlines=DEADLINES,
    )


def start(team: Team, programme: Programme, actor=None) -> Risalah:
    """Start ``team``'s risalah through the service (as the programme admin by default)."""
    admin = actor or programme.government.users.filter(role_grants__role="programme_admin").first()
    return services.risalah_start(
        actor=admin,
        team=team,
        programme=programme,
        tema=f"Tema {team.name}",
        judul=f"Menurunkan waktu tunggu layanan {team.name}",
    )


def set_steps(
    risalah: Risalah,
    *,
    approved: int = 0,
    then: str | None = None,
    approved_on: dt.date | None = None,
) -> Risalah:
    """Approve steps 1..``approved`` (on ``approved_on``, default today) and put the next step
    in state ``then`` (draft, submitted or returned). Writes directly: a fixture, not a flow."""
    reviewed = timezone.make_aware(dt.datetime.combine(approved_on or TODAY, dt.time(10, 0)))
    RisalahStep.objects.filter(risalah=risalah, number__lte=approved).update(
        state=RisalahStep.State.APPROVED, reviewed_at=reviewed
    )
    if then:
        submitted = timezone.now() - dt.timedelta(days=3)
        RisalahStep.objects.filter(risalah=risalah, number=approved + 1).update(
            state=then, submitted_at=submitted
        )
    return risalah


def finalize(risalah: Risalah) -> Risalah:
    set_steps(risalah, approved=99)
    Risalah.objects.filter(pk=risalah.pk).update(
        state=Risalah.State.FINAL, finalized_at=timezone.now()
    )
    risalah.refresh_from_db()
    return risalah


def team_in(unit: Unit, name: str, *, chair_phone: str = "081234567890") -> Team:
    team = TeamFactory(unit=unit, name=name)
    chair = MembershipFactory(team=team, role=Membership.Role.KETUA).user
    chair.phone = chair_phone
    chair.save(update_fields=["phone"])
    MembershipFactory(team=team, role=Membership.Role.ANGGOTA)
    return team


@pytest.fixture
def kelurahan(world) -> Unit:
    return world.sub_unit


@pytest.fixture
def upt(world) -> Unit:
    return UnitFactory(government=world.government, name="Puskesmas Utara", kind=Unit.Kind.UPT)
